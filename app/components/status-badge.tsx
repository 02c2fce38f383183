// The status of an employer, a posting, a training order or a match as a badge: one colour per
// status, and its words from the list for that kind of record.
import type { ParseKeys } from "i18next";
import { Badge } from "./badge";

const TONE: Record<string, string> = {
  VERIFIED: "ok",
  OPEN: "ok",
  APPROVED: "ok",
  ACCEPTED: "ok",
  HIRED: "ok",
  COMPLETED: "ok",
  IN_PROGRESS: "ok",
  PENDING: "warn",
  SUBMITTED: "warn",
  INVITED: "warn",
  SHORTLISTED: "warn",
  DRAFT: "",
  PROPOSED: "",
  REJECTED: "red",
  SUSPENDED: "red",
  DECLINED: "red",
  CANCELLED: "red",
  WITHDRAWN: "red",
  CLOSED: "",
  EXPIRED: "",
  FILLED: "ok",
};

export type StatusKind = "employer" | "posting" | "order" | "match";

/** The message key of a status's words; `kind` picks the translation list. */
export function statusKey(kind: StatusKind, status: string) {
  return (
    kind === "employer"
      ? `employerStatus.${status}`
      : `emp.${kind === "posting" ? "postingStatus" : kind === "order" ? "orderStatus" : "matchStatus"}.${status}`
  ) as ParseKeys;
}

/** A status as a coloured badge; `kind` picks the translation list. */
export function StatusBadge({ kind, status }: { kind: StatusKind; status: string }) {
  return <Badge status={status} tone={TONE[status]} label={statusKey(kind, status)} />;
}
