// One reply protocol for page actions (issue 17): the shapes an action answers and a component
// reads. Types only, nothing server-side, so components import them from here; the answers are
// built in reply.server.ts with Remix's data(), which keeps the status code and, under single
// fetch, the action's type for `useActionData<typeof action>()`.
import type { SubmissionResult } from "@conform-to/react";
import type { RegionOption } from "~/domain/options";
import type { EnrolResult } from "~/domain/training-class";

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
