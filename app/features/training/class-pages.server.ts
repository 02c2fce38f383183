// What the coordinator's and the provider's class pages share: one loader and one action for the
// class page (every form on it posts an `intent`), and the same for the attendance sheet; each
// area's route builds its own from them with its door (classRouteLoader & co., at the end). Each
// form is parsed with its schema from ./schema.ts; problems come back keyed by
// intent (and row), with the values as typed, so the form that asked shows them beside its fields.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { Principal } from "~/domain/access";
import { failedReply, invalidFieldsReply, type ClassReply, type SheetReply } from "~/platform/reply.server";
import { classReplyBase, type ClassPageData, type SessionPageData } from "./class-pages";
import { MAX_MARKS } from "./schema";
import { AssessmentSchema, AttendanceSchema, ClassEditSchema, DropSchema, FinishSchema, SessionAddSchema } from "./schema";
import { markSession, sessionSheet } from "./attendance.server";
import { addSession, classDetail, removeSession, searchWorkersToEnrol, startClass, updateClass } from "./classes.server";
import { dropEnrollment, enrolAccepted, enrolWorker, removeEnrollment, revealDropNote } from "./class-enrolment.server";
import { finishClass, recordAssessment } from "./class-finishing.server";
import { completionRates } from "./completion-rates.server";
import type { Outcome } from "~/platform/outcome";
import { formValues, submissionProblems } from "~/platform/reply";
import { clientIp, invariantResponse } from "~/services/http.server";
import { readFormPost, type AreaDoor } from "~/platform/form-post.server";

const CLASS_PAGE_NAMES = new Set([
  "intent",
  "target",
  ...Object.keys(ClassEditSchema.shape),
  ...Object.keys(SessionAddSchema.shape),
  ...Object.keys(DropSchema.shape),
  ...Object.keys(AssessmentSchema.shape),
  "workerId",
  "matchId",
  "sessionId",
]);

export async function classPageData(p: Principal, request: Request, classId: string) {
  const detail = await classDetail(p, classId);
  invariantResponse(detail, "Not found");
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const [found, [rate]] = await Promise.all([
    detail.can.coordinator && q ? searchWorkersToEnrol(p, q) : Promise.resolve([]),
    completionRates(p, "class", { classId }),
  ]);
  return { ...detail, q, found, rate: rate ?? null };
}

function reply(base: ClassReply, outcome: Outcome<object> | null, done: string) {
  invariantResponse(outcome, "Not found");
  if (outcome.ok) return data<ClassReply>({ ...base, values: undefined, done, ...(outcome as object) });
  return failedReply(base, outcome, "training.conflict");
}

function parsed<S extends Parameters<typeof parseWithZod>[1]["schema"]>(fd: FormData, schema: S, base: ClassReply) {
  const submission = parseWithZod(fd, { schema });
  if (submission.status === "success") return { ok: true as const, value: submission.value as never };
  const { fieldErrors, formErrors } = submissionProblems(submission);
  return { ok: false as const, response: invalidFieldsReply(base, fieldErrors ?? {}, formErrors) };
}

export async function classPageAction(p: Principal, request: Request, classId: string) {
  const read = await readFormPost(request, CLASS_PAGE_NAMES);
  if (!read.ok) throw read.response;
  const fd = read.formData;
  const base = classReplyBase(fd);
  const { intent } = base;
  const ctx = { ip: clientIp(request) };
  switch (intent) {
    case "edit": {
      const r = parsed(fd, ClassEditSchema, base);
      return r.ok ? reply(base, await updateClass(p, classId, r.value, ctx), "saved") : r.response;
    }
    case "start":
      return reply(base, await startClass(p, classId, ctx), "started");
    case "addSession": {
      const r = parsed(fd, SessionAddSchema, base);
      return r.ok ? reply(base, await addSession(p, classId, r.value, ctx), "saved") : r.response;
    }
    case "removeSession":
      return reply(base, await removeSession(p, classId, String(fd.get("sessionId") ?? ""), ctx), "saved");
    case "enrolWorker":
      return reply(base, await enrolWorker(p, classId, String(fd.get("workerId") ?? ""), ctx), "enrolled");
    case "enrolMatch":
      return reply(base, await enrolAccepted(p, classId, String(fd.get("matchId") ?? ""), ctx), "enrolled");
    case "enrolAll":
      return reply(base, await enrolAccepted(p, classId, "all", ctx), "enrolled");
    case "drop": {
      const r = parsed(fd, DropSchema, base);
      return r.ok ? reply(base, await dropEnrollment(p, classId, r.value, ctx), "saved") : r.response;
    }
    case "remove":
      return reply(base, await removeEnrollment(p, classId, String(fd.get("enrollmentId") ?? ""), ctx), "saved");
    case "revealDropNote": {
      const note = await revealDropNote(p, classId, String(fd.get("enrollmentId") ?? ""), ctx.ip);
      invariantResponse(note !== null, "Not found");
      return data<ClassReply>({ ...base, values: undefined, revealed: note });
    }
    case "assess": {
      const r = parsed(fd, AssessmentSchema, base);
      return r.ok ? reply(base, await recordAssessment(p, classId, r.value, ctx), "saved") : r.response;
    }
    case "finish": {
      const r = parsed(fd, FinishSchema, base);
      if (!r.ok) return r.response;
      const outcome = await finishClass(p, classId, (r.value as { version: number }).version, ctx);
      if (outcome?.ok)
        return data<ClassReply>({ ...base, values: undefined, done: "finished", counts: { completed: outcome.completed, failed: outcome.failed } });
      return reply(base, outcome, "finished");
    }
    default:
      throw new Response("Unknown action", { status: 400 });
  }
}

// ───────────── attendance sheet ─────────────

const SHEET_NAMES = new Set(["reason", ...Array.from({ length: MAX_MARKS }, (_, i) => [`marks[${i}].enrollmentId`, `marks[${i}].status`]).flat()]);

export async function sessionPageData(p: Principal, classId: string, sessionId: string) {
  const sheet = await sessionSheet(p, classId, sessionId);
  invariantResponse(sheet, "Not found");
  return sheet;
}

export async function sessionPageAction(p: Principal, request: Request, classId: string, sessionId: string) {
  const read = await readFormPost(request, SHEET_NAMES);
  if (!read.ok) throw read.response;
  const values = formValues(read.formData);
  const submission = parseWithZod(read.formData, { schema: AttendanceSchema });
  if (submission.status !== "success") {
    return invalidFieldsReply<SheetReply>({ values }, { marks: ["training.invalidChoice"] });
  }
  const outcome = await markSession(p, classId, sessionId, submission.value, { ip: clientIp(request) });
  invariantResponse(outcome, "Not found");
  if (outcome.ok) return data<SheetReply>({ changed: outcome.changed });
  return failedReply<SheetReply>({ values }, outcome, "training.conflict");
}

// ───────────── the routes ─────────────

/** An area's door to its class pages (requireCoordinator, requireProviderStaff): who is asking, refused when not of the area. */

// The components read the loaders' answers as ClassPageData and SessionPageData (./class-pages.ts):
// the loaders' declared types hold the data to every field the components use.
export const classRouteLoader =
  (door: AreaDoor) =>
  async ({ request, params, context }: LoaderFunctionArgs): Promise<ClassPageData> =>
    classPageData((await door(request, context)).principal, request, params.classId ?? "");

export const classRouteAction =
  (door: AreaDoor) =>
  async ({ request, params, context }: ActionFunctionArgs) =>
    classPageAction((await door(request, context)).principal, request, params.classId ?? "");

export const sessionRouteLoader =
  (door: AreaDoor) =>
  async ({ request, params, context }: LoaderFunctionArgs): Promise<SessionPageData> =>
    sessionPageData((await door(request, context)).principal, params.classId ?? "", params.sessionId ?? "");

export const sessionRouteAction =
  (door: AreaDoor) =>
  async ({ request, params, context }: ActionFunctionArgs) =>
    sessionPageAction((await door(request, context)).principal, request, params.classId ?? "", params.sessionId ?? "");
