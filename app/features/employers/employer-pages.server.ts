// What the employer and coordinator pages share around the services: the names a form may post
// (for readFormPost, which drops everything else), the candidate cards' action, and the loaders and
// actions of the pages that write a posting or a training order (new and edit). The answers
// themselves are built by app/platform/reply.server.ts.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import type { Principal } from "~/domain/access";
import { canPublish } from "~/domain/employer";
import { formNames, readAreaForm } from "~/platform/form-post.server";
import type { Outcome } from "~/platform/outcome";
import { chinaToday } from "~/platform/china-time";
import { requireEmployer } from "~/services/auth.server";
import { invariantResponse } from "~/services/http.server";
import { failure, invalidReply, outcomeReply, type CandidateReply } from "~/platform/reply.server";
import { formValues } from "~/platform/reply";
import { CandidateActionSchema, PostingSchema, TrainingOrderSchema } from "./schema";
import { actOnCandidate, CANDIDATES_MAX, candidatesFor, revealCandidatePhone, type TargetRef } from "./candidates.server";
import { employerFormOptions, ownEmployer, requireOwnEmployer } from "./employer.server";
import { listLimit } from "~/domain/paging";

// ───────────── candidate actions (posting and training-order pages) ─────────────

export const CANDIDATE_FIELDS = new Set(["intent", ...Object.keys(CandidateActionSchema.shape)]);

/**
 * One candidate action from a page: parsed with the shared schema, answered per candidate (the
 * card that asked shows the outcome or the problem next to its control, with what was typed).
 */
export async function candidateAction(p: Principal, formData: FormData, ip: string | null) {
  const values = formValues(formData);
  const base: CandidateReply = { matchId: values.matchId ?? "", intent: values.intent ?? "", values };
  const parsed = CandidateActionSchema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (fieldErrors[i.path.join(".") || "form"] ??= []).push(i.message);
    const { form, ...rest } = fieldErrors;
    return data<{ candidate: CandidateReply }>({ candidate: { ...base, fieldErrors: rest, formErrors: form } satisfies CandidateReply }, { status: 400 });
  }
  const input = parsed.data;
  if (input.intent === "reveal") {
    const revealed = await revealCandidatePhone(p, input.matchId, ip);
    if (!revealed) throw new Response("Not found", { status: 404 });
    return data<{ candidate: CandidateReply }>({ candidate: { ...base, phone: revealed.phone } satisfies CandidateReply });
  }
  const outcome = await actOnCandidate(p, input.matchId, { ...input, intent: input.intent }, ip);
  if (!outcome) throw new Response("Not found", { status: 404 });
  if (!outcome.ok) {
    const { reply, status } = failure(base, outcome, "emp.conflict");
    return data<{ candidate: CandidateReply }>({ candidate: reply }, { status });
  }
  return data<{ candidate: CandidateReply }>({ candidate: { matchId: input.matchId, intent: input.intent, done: input.intent } satisfies CandidateReply });
}

/** The posting form: its fields, three requirement rows, and the edit form's version. */
export const POSTING_FORM_NAMES = formNames(PostingSchema, { skills: { fields: ["occupationCode", "minLevel"], max: 3 } }, ["version"]);
export const ORDER_FORM_NAMES = formNames(TrainingOrderSchema, {}, ["version"]);

// ───────────── the employer's posting and training-order forms (new and edit pages) ─────────────

type RecordPages<Id extends string> = { path: string; id: Id; names: ReadonlySet<string>; send: string; sent: string };

/**
 * The two records an employer keeps (and candidates are matched to): where one is shown (and its
 * routes' id parameter, which is also the id's name in what the create service answers), the names
 * its form may post, and the intent that sends a new one on at once (also the create service's
 * option) with its done= value.
 */
const RECORDS = {
  posting: { path: "/employer/postings", id: "postingId", names: POSTING_FORM_NAMES, send: "publish", sent: "published" },
  trainingOrder: { path: "/employer/orders", id: "orderId", names: ORDER_FORM_NAMES, send: "submit", sent: "submitted" },
} as const satisfies Record<TargetRef["kind"], RecordPages<string>>;
type RecordKind = keyof typeof RECORDS;
type RecordId<K extends RecordKind> = (typeof RECORDS)[K]["id"];

/** The choices a draft's form offers; only the training order names a provider, so a posting's page sends none. */
const draftFormOptions = (kind: RecordKind) => employerFormOptions({ providers: kind === "trainingOrder" });

/** A new posting's or training order's page: the form's choices, and whether the employer may send it on at once (a verified one). */
export const newDraftLoader =
  (kind: RecordKind) =>
  async ({ request, context }: LoaderFunctionArgs) => {
    const { employer } = await requireOwnEmployer(request, context);
    return { options: await draftFormOptions(kind), canSend: canPublish(employer.status) };
  };

/**
 * Saving a new posting or training order with `create`: as a draft, or sent on at once when the
 * form's intent says so; the saved record's page then says which (?done=).
 */
export const newDraftAction =
  <K extends RecordKind, S extends z.ZodType>(
    kind: K,
    schema: S,
    create: (p: Principal, input: z.output<S>, opts: { ip: string | null; send: boolean }) => Promise<Outcome<Record<RecordId<K>, string>>>,
  ) =>
  async ({ request, context }: ActionFunctionArgs) => {
    const draft: RecordPages<RecordId<K>> = RECORDS[kind];
    const { principal, formData, submission, ip } = await readAreaForm(requireEmployer, request, context, draft.names, schema);
    if (submission.status !== "success") return invalidReply(submission);
    const send = formData.get("intent") === draft.send;
    const result = await create(principal, submission.value, { ip, send });
    if (!result.ok) return outcomeReply(submission, result);
    return redirect(`${draft.path}/${result[draft.id]}?done=${send ? draft.sent : "created"}`);
  };

/** A draft as its edit page needs it: what to call it, whether it may be edited now, and its form's values. */
type EditedDraft = { id: string; title: string; editable: boolean; values: Record<string, unknown> };

/**
 * An existing posting's or training order's edit page, with the record as `load` finds it for the
 * employer (a 404 when it is not theirs); one that may no longer be edited sends back to its page.
 */
export const editDraftLoader =
  <D extends EditedDraft>(kind: RecordKind, load: (p: Principal, id: string) => Promise<D | null>) =>
  async ({ request, params, context }: LoaderFunctionArgs) => {
    const { principal } = await requireEmployer(request, context);
    const found = await load(principal, params[RECORDS[kind].id] ?? "");
    invariantResponse(found, "Not found");
    const { editable, ...draft } = found;
    if (!editable) throw redirect(`${RECORDS[kind].path}/${found.id}`);
    return { ...draft, options: await draftFormOptions(kind) };
  };

/** Saving an edited posting or training order with `update`, at the version the form was read at. */
export const editDraftAction =
  <S extends z.ZodType<{ version: number }>>(
    kind: RecordKind,
    schema: S,
    update: (p: Principal, id: string, input: Omit<z.output<S>, "version">, version: number, opts: { ip: string | null }) => Promise<Outcome | null>,
  ) =>
  async ({ request, params, context }: ActionFunctionArgs) => {
    const draft = RECORDS[kind];
    const { principal, submission, ip } = await readAreaForm(requireEmployer, request, context, draft.names, schema);
    if (submission.status !== "success") return invalidReply(submission);
    const { version, ...input } = submission.value;
    const result = await update(principal, params[draft.id] ?? "", input, version, { ip });
    invariantResponse(result, "Not found");
    if (!result.ok) return outcomeReply(submission, result);
    return redirect(`${draft.path}/${params[draft.id]}?done=updated`);
  };

/** A candidate for a page: its breakdown is read when the card is opened (routes/match-breakdown.tsx, issue 15). */
function withoutFactors<C extends { factors: unknown }>({ factors: _factors, ...c }: C): Omit<C, "factors"> {
  return c;
}

/**
 * What an employer's posting or training-order page loads: the record (`load`, with the id in the
 * route's parameter), the employer, and `review`, what the page's CandidateList shows: the record's
 * candidates (as many as the page's `limit` asks for), how many there are, and today; a 404 when any
 * of them is missing.
 */
export async function employerRecordPage<R>(
  { request, params, context }: LoaderFunctionArgs,
  kind: RecordKind,
  load: (p: Principal, id: string) => Promise<R | null>,
) {
  const { principal } = await requireEmployer(request, context);
  const id = params[RECORDS[kind].id] ?? "";
  const [record, employer, review] = await Promise.all([
    load(principal, id),
    ownEmployer(principal),
    candidatesFor(principal, { kind, id }, undefined, listLimit(new URL(request.url).searchParams, CANDIDATES_MAX)),
  ]);
  invariantResponse(record && employer && review, "Not found");
  return { record, employer, review: { candidates: review.candidates.map(withoutFactors), candidateTotal: review.total, today: chinaToday() } };
}
