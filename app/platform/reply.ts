// One reply protocol for page actions (issue 17): the shapes an action answers and a component
// reads, and the pure parts of building them. Nothing server-side, so components (and their tests)
// import from here; the answers are sent from reply.server.ts with Remix's data(), which keeps the
// status code and, under single fetch, the action's type for `useActionData<typeof action>()`.
import type { Submission, SubmissionResult } from "@conform-to/react";
import type { RegionOption } from "~/domain/options";
import type { EnrolResult } from "~/domain/training-class";
import type { Problem } from "./outcome";

/** A conform form's answer: its submission's reply (problems by field, values as typed) and, once it went through, what was done. */
export type FormReply<Done extends string = string> = { result: SubmissionResult<string[]>; done?: Done };

/**
 * The answer of a form that is not a conform form (a card or a row among many on one page): problems
 * beside their fields and above the form, and the values as typed; empty when it went through.
 */
export type FieldReply = { fieldErrors?: Record<string, string[]>; formErrors?: string[]; values?: Record<string, string> };

/** The class page (coordinator and provider): every form posts an `intent`; the answer names it and the row it belonged to. */
export type ClassReply = FieldReply & {
  intent: string;
  /** The row (enrollment or session) the form belonged to. */
  target?: string;
  done?: string;
  results?: EnrolResult[];
  counts?: { completed: number; failed: number };
  /** A dropout's note revealed to a coordinator of the person's county (audited). */
  revealed?: string;
};

/** The attendance sheet: how many marks changed. */
export type SheetReply = FieldReply & { changed?: number };

/** What a candidate action answers (per candidate, so the right card shows it). */
export type CandidateReply = FieldReply & { matchId: string; intent: string; done?: string; phone?: string | null };

/**
 * The registration form (public and assisted): the conform reply, the chosen county's townships (so
 * the form shows them without JavaScript), and whether the ID number is registered already.
 */
export type RegistrationReply = FormReply & { townships: { county: string; list: RegionOption[] }; duplicate?: boolean };

/** What a post carried, as typed (files left out): a FieldReply's `values`, given back with a refusal so nothing is lost. */
export const formValues = (fd: FormData) => Object.fromEntries([...fd].filter(([, v]) => typeof v === "string")) as Record<string, string>;

/** Problems keyed by field, each field's messages in order. */
export function fieldErrorsOf(problems: Problem[]): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const p of problems) (fieldErrors[p.field] ??= []).push(p.message);
  return fieldErrors;
}

/** Never sent back to the browser, whatever the reply: the sign-in secret and its confirmation. */
export const SECRET_FIELDS = ["secret", "secretConfirm"];

/**
 * The registration form's reply: conform's reply of the submission (the secrets left out; the
 * service's problems by field, and form-wide ones, when there are any) and the county's townships,
 * which the server reads from the database and a component test from its fixture.
 */
export function registrationReplyOf(
  submission: Submission<unknown, string[], unknown>,
  townships: (county: string) => RegionOption[],
  extra: { formErrors?: string[]; problems?: Problem[]; duplicate?: boolean } = {},
): RegistrationReply {
  const fieldErrors = fieldErrorsOf(extra.problems ?? []);
  const result = submission.reply({
    hideFields: SECRET_FIELDS,
    ...(extra.formErrors || extra.problems ? { formErrors: extra.formErrors ?? [], fieldErrors } : {}),
  });
  const county = (submission.payload as Record<string, unknown>).countyCode;
  const code = typeof county === "string" ? county : "";
  return { result, townships: { county: code, list: townships(code) }, ...(extra.duplicate ? { duplicate: true } : {}) };
}

/** A refused submission's problems as a FieldReply carries them: by field, and the form-wide ones (conform's "" key) apart. */
export function submissionProblems(submission: { error?: Record<string, string[] | null> | null }): Pick<FieldReply, "fieldErrors" | "formErrors"> {
  const fieldErrors = Object.fromEntries(
    Object.entries(submission.error ?? {})
      .filter(([, v]) => v?.length)
      .map(([k, v]) => [k, v as string[]]),
  );
  const { "": formErrors, ...fields } = fieldErrors;
  return { fieldErrors: fields, formErrors };
}
