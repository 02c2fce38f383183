// What the class page and the attendance sheet show, as their loaders (classPageData and
// sessionPageData in ./class-pages.server.ts) answer it once serialised. Declared apart from the
// server code, so the components type their data without reaching into a *.server file; a route
// hands its loader data over, and the compiler checks that it still has every field used here.
import type { OrderCommitment } from "~/domain/commitments";
import { formValues, type ClassReply } from "~/platform/reply";
import type { attendanceEdit, AttendanceStatus, ClassStatus, CompletionDecision, EnrollmentStatus, finishCheck, RateRow } from "~/domain/training-class";

/** The common part of every class page answer: the form that asked (`intent`), its row, and the values as typed. */
export function classReplyBase(fd: FormData): ClassReply {
  const target = String(fd.get("target") ?? fd.get("enrollmentId") ?? fd.get("sessionId") ?? "") || undefined;
  return { intent: String(fd.get("intent") ?? ""), target, values: formValues(fd) };
}

type Place = { name: string; nameEn: string | null };

export type ClassPageData = {
  cls: {
    id: string;
    name: string;
    status: ClassStatus;
    kind: string;
    version: number;
    capacity: number;
    startDate: string;
    endDate: string;
    location: string | null;
    trainers: string[];
    attendanceThreshold: number;
    assessmentRequired: boolean;
    occupation: { nameZh: string; nameEn: string };
    provider: { name: string };
    region: Place & { code: string };
    trainingOrder: { id: string; title: string; employer: string } | null;
  };
  can: { coordinator: boolean; run: boolean };
  sessions: { id: string; day: string; startsAt: string; endsAt: string; topic: string | null; marked: boolean; isToday: boolean }[];
  sessionCount: number;
  enrollments: {
    id: string;
    status: EnrollmentStatus;
    /** The code, or "personal" for a viewer who may not know health facts (dropReasonShown). */
    dropReason: string | null;
    /** A note was written and this viewer may reveal it (an audited action). */
    hasDropNote: boolean;
    worker: { id: string; name: string; idNumberMasked: string; phoneMasked: string | null; county: Place };
    assessment: { score: number | null; passed: boolean; certificateNumber: string | null; certificateLevel: string | null } | null;
    present: number;
    marked: number;
    attendancePct: number | null;
    /** While the class is planned or running: what finishing it now would make of an enrolled person (decideCompletion); null otherwise. */
    wouldBe: CompletionDecision["outcome"] | null;
  }[];
  /** Accepted matches of the class's order, not yet enrolled. */
  accepted: { id: string; name: string; idNumberMasked: string; county: Place }[];
  commitment: Pick<OrderCommitment, "committedHires" | "commitWage" | "hires" | "pendingHires"> | null;
  hiredMatches: number;
  finish: ReturnType<typeof finishCheck> | null;
  rate: Pick<RateRow, "rate" | "completed" | "failed" | "dropped" | "enrolled"> | null;
  /** The enrolment search: what was asked, and who was found. */
  q: string;
  found: { id: string; fullName: string; idNumberMasked: string; county: Place }[];
};

export type SessionPageData = {
  cls: { id: string; name: string };
  session: { id: string; day: string; startsAt: string; endsAt: string; topic: string | null; number: number; of: number };
  prev: string | null;
  next: string | null;
  rows: { enrollmentId: string; name: string; idNumberMasked: string; status: AttendanceStatus | null }[];
  edit: ReturnType<typeof attendanceEdit> | { ok: false; reason: "classFinished" };
};
