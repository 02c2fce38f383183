// The answers of page actions (the shapes in ./reply.ts), built with Remix's data(): the status
// code travels with the data and the action keeps its type. Input problems answer 400 beside their
// fields; a refused step or a lost race 409 above the form; values stay as typed.
import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { Outcome } from "~/platform/outcome";
import { fieldErrorsOf, type FieldReply, type FormReply } from "./reply";

export type { CandidateReply, ClassReply, FieldReply, FormReply, SheetReply } from "./reply";
export { fieldErrorsOf } from "./reply";

type AnySubmission = Submission<unknown, string[], unknown>;
type Failed = Exclude<Outcome, { ok: true }>;

/** A conform form the schema refused: 400 with its problems, the values kept (never `hideFields`, e.g. a password). */
export function invalidReply(submission: AnySubmission, hideFields: string[] = [], status: 400 | 409 | 422 = 400) {
  return data<FormReply>({ result: submission.reply({ hideFields }) }, { status });
}

/** A conform form's answer with problems of the page's own (a taken name, a rate limit …) at `status`. */
export function formErrorReply(
  submission: AnySubmission,
  errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> },
  status: number,
  hideFields: string[] = [],
) {
  return data<FormReply>({ result: submission.reply({ ...errors, hideFields }) }, { status });
}

/** A conform form whose service refused: input problems beside their fields (400), a refused step or a lost race above the form (409). */
export function outcomeReply(submission: AnySubmission, outcome: Failed, hideFields: string[] = []) {
  if (outcome.kind === "invalid") return formErrorReply(submission, { fieldErrors: fieldErrorsOf(outcome.problems) }, 400, hideFields);
  return formErrorReply(submission, { formErrors: [outcome.kind === "conflict" ? "emp.conflict" : outcome.message] }, 409, hideFields);
}

/**
 * A form among many on a page (a candidate card, a class row, the attendance sheet) whose service
 * refused: `base` (which form, the values as typed) with the problems beside their fields (400) or
 * above the form (409; a lost race says `conflictMessage`). `failure` gives reply and status for a
 * page that nests the reply; `failedReply` answers with it.
 */
export function failure<B extends FieldReply>(base: B, outcome: Failed, conflictMessage: string): { reply: B; status: 400 | 409 } {
  if (outcome.kind === "invalid") return { reply: { ...base, fieldErrors: fieldErrorsOf(outcome.problems) }, status: 400 };
  return { reply: { ...base, formErrors: [outcome.kind === "conflict" ? conflictMessage : outcome.message] }, status: 409 };
}

export function failedReply<B extends FieldReply>(base: B, outcome: Failed, conflictMessage: string) {
  const { reply, status } = failure(base, outcome, conflictMessage);
  return data(reply, { status });
}

/** A form among many whose input the schema refused: 400 with the problems beside their fields (`formErrors` above the form). */
export function invalidFieldsReply<B extends FieldReply>(base: B, fieldErrors: Record<string, string[]>, formErrors?: string[]) {
  return data<B>({ ...base, fieldErrors, formErrors }, { status: 400 });
}
