// Small pieces of the subsidy pages: status badge, flags with their reasons, a field's error line,
// a field with its problems, and a form's problems (service messages are i18n keys, some carrying
// "key|value").
import { Badge } from "~/components/badge";
import { describedBy } from "~/components/forms";
import { ItemList } from "~/components/item-list";
import { useTranslation } from "react-i18next";
import type { ClaimFlag, ClaimStatus } from "~/domain/subsidy";
import type { Outcome, Problem } from "~/platform/outcome";

const TONE: Record<ClaimStatus, string> = {
  OPEN: "",
  PREPARED: "warn",
  APPROVED: "ok",
  REJECTED: "red",
  BATCHED: "warn",
  PAID: "ok",
  WITHDRAWN: "red",
};

export function ClaimStatusBadge({ status }: { status: ClaimStatus }) {
  return <Badge status={status} tone={TONE[status]} label={`subsidy.status.${status}`} testId="claim-status" />;
}

export function ClaimFlags({ flags }: { flags: ClaimFlag[] }) {
  const { t } = useTranslation();
  return (
    <ItemList
      rows={flags}
      rowKey={(f) => f.code}
      className="plain-list"
      testId="claim-flags"
      itemProps={(f) => ({ "data-flag": f.code })}
      empty={
        <p className="muted" data-testid="claim-no-flags">
          {t("subsidy.claim.noFlags")}
        </p>
      }
      item={(f) => (
        <>
          <span className="badge red">!</span> {t(`subsidy.flag.${f.code}`, f.detail)}
        </>
      )}
    />
  );
}

/** A service message key, or "key|value" (the value fills {{line}}). */
export function useMessage() {
  const { t } = useTranslation();
  return (message: string) => {
    const [key, value] = message.split("|");
    return t(key, { line: value ?? "" });
  };
}

export function FieldError({ id, problems, field }: { id: string; problems?: { field: string; message: string }[]; field: string }) {
  const msg = useMessage();
  const mine = (problems ?? []).filter((p) => p.field === field);
  if (mine.length === 0) return null;
  return (
    <ul id={id} className="errors" role="alert" data-testid={`error-${field}`}>
      {mine.map((p) => (
        <li key={p.message}>{msg(p.message)}</li>
      ))}
    </ul>
  );
}

type Problems = { field: string; message: string }[] | undefined;

/** Label, hint, one control and the field's problems, wired for screen readers; the control gets its id `f-<name>` and aria attributes. */
export function ProblemField({
  name,
  label,
  problems,
  hint,
  children,
}: {
  name: string;
  label: string;
  problems: Problems;
  hint?: string;
  children: (control: { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined }) => React.ReactNode;
}) {
  const id = `f-${name}`;
  const bad = (problems ?? []).some((p) => p.field === name);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children({ id, "aria-invalid": bad || undefined, "aria-describedby": describedBy(hint && `${id}-hint`, bad && `${id}-error`) })}
      <FieldError id={`${id}-error`} problems={problems} field={name} />
    </div>
  );
}

/** Label, input (keeping what was typed), and the field's problems, wired for screen readers. */
export function TextField({
  name,
  label,
  problems,
  values,
  type = "text",
  inputMode,
  required,
  hint,
}: {
  name: string;
  label: string;
  problems: Problems;
  values?: Record<string, unknown>;
  type?: string;
  inputMode?: React.HTMLAttributes<HTMLInputElement>["inputMode"];
  required?: boolean;
  hint?: string;
}) {
  const v = values?.[name];
  return (
    <ProblemField name={name} label={label} problems={problems} hint={hint}>
      {(control) => (
        <input
          {...control}
          name={name}
          type={type}
          inputMode={inputMode}
          required={required}
          defaultValue={typeof v === "string" || typeof v === "number" ? String(v) : ""}
        />
      )}
    </ProblemField>
  );
}

/**
 * A failed service outcome as an action's reply and status, spread into `data(...)`: the service's
 * own problems for invalid input (400), else one problem on `field` (409: refused, or changed meanwhile).
 */
export function problemReply(outcome: Exclude<Outcome, { ok: true }>, field: string): [{ problems: Problem[] }, { status: 400 | 409 }] {
  if (outcome.kind === "invalid") return [{ problems: outcome.problems }, { status: 400 }];
  return [{ problems: [{ field, message: outcome.kind === "refused" ? outcome.message : "subsidy.refusal.changed" }] }, { status: 409 }];
}

/** zod issues → problems by field (the first path segment). */
export function issuesToProblems(issues: { path: PropertyKey[]; message: string }[]): { field: string; message: string }[] {
  return issues.map((i) => ({ field: String(i.path[0] ?? "form"), message: i.message }));
}

export const yuan = (n: number) => n.toLocaleString("zh-CN");
