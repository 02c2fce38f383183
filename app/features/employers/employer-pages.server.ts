// What the employer and coordinator pages share around the services: the names a form may post
// (for readFormPost, which drops everything else), and answers built with conform's reply so the
// form re-renders with everything typed and each problem next to its field.
import type { Submission } from "@conform-to/react";
import type { z } from "zod";
import type { CandidateReply } from "./components/candidates";
import type { Principal } from "~/domain/access";
import { CandidateActionSchema, PostingSchema, TrainingOrderSchema } from "./schema";
import { actOnCandidate, revealCandidatePhone } from "./candidates.server";
import type { Outcome } from "./employer.server";

/** The names a form may post: its schema's fields, `rows` as `name[i].field`, and extra names (intent …). */
export function formNames(schema: z.ZodObject, rows: Record<string, { fields: string[]; max: number }> = {}, extra: string[] = []): ReadonlySet<string> {
  const names = new Set(["intent", ...extra]);
  for (const key of Object.keys(schema.shape)) {
    const row = rows[key];
    if (!row) names.add(key);
    else for (let i = 0; i < row.max; i++) row.fields.forEach((f) => names.add(`${key}[${i}].${f}`));
  }
  return names;
}

export type FormReply = { result: ReturnType<Submission<unknown, string[], unknown>["reply"]>; done?: string };

/** 400 with the schema's problems, the values kept (never a password). */
export function invalidReply(submission: Submission<unknown, string[], unknown>, hideFields: string[] = []): Response {
  return Response.json({ result: submission.reply({ hideFields }) } satisfies FormReply, { status: 400 });
}

/**
 * The answer to a failed service outcome: input problems beside their fields (400); a refused step
 * or a lost race above the form (409). Values stay as typed.
 */
export function outcomeReply(submission: Submission<unknown, string[], unknown>, outcome: Exclude<Outcome, { ok: true }>, hideFields: string[] = []): Response {
  if (outcome.kind === "invalid") {
    const fieldErrors: Record<string, string[]> = {};
    for (const p of outcome.problems) (fieldErrors[p.field] ??= []).push(p.message);
    return Response.json({ result: submission.reply({ fieldErrors, hideFields }) } satisfies FormReply, { status: 400 });
  }
  const message = outcome.kind === "conflict" ? "emp.conflict" : outcome.message;
  return Response.json({ result: submission.reply({ formErrors: [message], hideFields }) } satisfies FormReply, { status: 409 });
}

// ───────────── candidate actions (posting and training-order pages) ─────────────


export const CANDIDATE_FIELDS = new Set(["intent", ...Object.keys(CandidateActionSchema.shape)]);

/**
 * One candidate action from a page: parsed with the shared schema, answered per candidate (the
 * card that asked shows the outcome or the problem next to its control, with what was typed).
 */
export async function candidateAction(p: Principal, formData: FormData, ip: string | null): Promise<Response> {
  const values = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const base = { matchId: values.matchId ?? "", intent: values.intent ?? "", values };
  const parsed = CandidateActionSchema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (fieldErrors[i.path.join(".") || "form"] ??= []).push(i.message);
    const { form, ...rest } = fieldErrors;
    return Response.json({ candidate: { ...base, fieldErrors: rest, formErrors: form } satisfies CandidateReply }, { status: 400 });
  }
  const input = parsed.data;
  if (input.intent === "reveal") {
    const revealed = await revealCandidatePhone(p, input.matchId, ip);
    if (!revealed) throw new Response("Not found", { status: 404 });
    return Response.json({ candidate: { ...base, phone: revealed.phone } satisfies CandidateReply });
  }
  const outcome = await actOnCandidate(p, input.matchId, { ...input, intent: input.intent }, ip);
  if (!outcome) throw new Response("Not found", { status: 404 });
  if (!outcome.ok) {
    const reply: CandidateReply = outcome.kind === "invalid"
      ? { ...base, fieldErrors: Object.fromEntries(outcome.problems.map((pr) => [pr.field, [pr.message]])) }
      : { ...base, formErrors: [outcome.kind === "conflict" ? "emp.conflict" : outcome.message] };
    return Response.json({ candidate: reply }, { status: outcome.kind === "invalid" ? 400 : 409 });
  }
  return Response.json({ candidate: { matchId: input.matchId, intent: input.intent, done: input.intent } satisfies CandidateReply });
}

/** The posting form: its fields, three requirement rows, and the edit form's version. */
export const POSTING_FORM_NAMES = formNames(PostingSchema, { skills: { fields: ["occupationCode", "minLevel"], max: 3 } }, ["version"]);
export const ORDER_FORM_NAMES = formNames(TrainingOrderSchema, {}, ["version"]);
