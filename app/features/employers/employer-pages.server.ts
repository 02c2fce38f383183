// What the employer and coordinator pages share around the services: the names a form may post
// (for readFormPost, which drops everything else) and the candidate cards' action. The answers
// themselves are built by app/platform/reply.server.ts.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { z } from "zod";
import type { Principal } from "~/domain/access";
import { formNames, readFormPost } from "~/platform/form-post.server";
import { requireEmployer } from "~/services/auth.server";
import { clientIp, invariantResponse } from "~/services/http.server";
import { failure, type CandidateReply } from "~/platform/reply.server";
import { CandidateActionSchema, PostingSchema, TrainingOrderSchema } from "./schema";
import { actOnCandidate, CANDIDATES_MAX, candidatesFor, revealCandidatePhone, type TargetRef } from "./candidates.server";
import { ownEmployer } from "./employer.server";
import { listLimit } from "~/domain/paging";

// ───────────── candidate actions (posting and training-order pages) ─────────────

export const CANDIDATE_FIELDS = new Set(["intent", ...Object.keys(CandidateActionSchema.shape)]);

/**
 * One candidate action from a page: parsed with the shared schema, answered per candidate (the
 * card that asked shows the outcome or the problem next to its control, with what was typed).
 */
export async function candidateAction(p: Principal, formData: FormData, ip: string | null) {
  const values = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string")) as Record<string, string>;
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

// ───────────── the employer's posting and training-order forms ─────────────

/** The first steps of every employer page action: the signed-in employer and the post read with only the form's `names` (a refusal is thrown). */
export async function readEmployerPost(request: Request, context: unknown, names: ReadonlySet<string>) {
  const { principal } = await requireEmployer(request, context);
  const read = await readFormPost(request, names);
  if (!read.ok) throw read.response;
  return { principal, formData: read.formData, ip: clientIp(request) };
}

/** An employer form's post (readEmployerPost) with the submission parsed with `schema`. */
export async function readEmployerForm<S extends z.ZodType>(request: Request, context: unknown, names: ReadonlySet<string>, schema: S) {
  const post = await readEmployerPost(request, context, names);
  return { ...post, submission: parseWithZod(post.formData, { schema }) };
}

/** A candidate for a page: its breakdown is read when the card is opened (routes/match-breakdown.tsx, issue 15). */
function withoutFactors<C extends { factors: unknown }>({ factors: _factors, ...c }: C): Omit<C, "factors"> {
  return c;
}

/**
 * What an employer's posting or training-order page loads: the record (`load`), the employer, and the
 * record's candidates (as many as the page's `limit` asks for); a 404 when any of them is missing.
 */
export async function employerRecordPage<R>(request: Request, context: unknown, target: TargetRef, load: (p: Principal) => Promise<R | null>) {
  const { principal } = await requireEmployer(request, context);
  const [record, employer, review] = await Promise.all([
    load(principal),
    ownEmployer(principal),
    candidatesFor(principal, target, undefined, listLimit(new URL(request.url).searchParams, CANDIDATES_MAX)),
  ]);
  invariantResponse(record && employer && review, "Not found");
  return { record, employer, candidates: review.candidates.map(withoutFactors), candidateTotal: review.total };
}
