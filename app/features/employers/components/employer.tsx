// UI pieces shared by the employer and coordinator pages: grouped place and occupation choices,
// what a page says after a step, facts, match actions, the prefilled-form hook and the commitments-kept summary.
import { chinaDay } from "~/platform/china-time";
import type { FieldMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { EmployerCommitments } from "~/domain/commitments";
import type { FieldReply, FormReply } from "~/platform/reply";
import { Stats } from "~/components/stats";
import { useBlurForm } from "~/components/blur-form";
import { statusKey } from "~/components/status-badge";
import { useLocalName, usePunct } from "~/components/local-name";
import type { z } from "zod";

type Named = { name: string; nameEn: string | null };
export type PlaceGroup = Named & { code: string; children: (Named & { code: string })[] };
export type OccupationGroupOption = { category: string; occupations: { code: string; nameZh: string; nameEn: string }[] };

/** <optgroup>s of places: Beijing and Tianjin districts by city, Hebei counties by prefecture. */
export function usePlaceGroups(places: PlaceGroup[]) {
  const name = useLocalName();
  return places.map((g) => ({ label: name(g), options: g.children.map((c) => ({ value: c.code, label: name(c) })) }));
}

export function useOccupationGroups(groups: OccupationGroupOption[]) {
  const { t, i18n } = useTranslation();
  return groups.map((g) => ({
    label: t(`reg.category.${g.category}`, { defaultValue: g.category }),
    options: g.occupations.map((o) => ({ value: o.code, label: i18n.language === "en" ? o.nameEn : o.nameZh })),
  }));
}

/** The steps of a posting's or order's page that have words of their own (`?done=` after a redirect, or the page's own forms). */
const DONE_WORDS: Record<"posting" | "order", Record<string, string>> = {
  posting: { published: "emp.posting.published", publish: "emp.posting.published", created: "emp.posting.created", updated: "emp.posting.updated" },
  order: { submitted: "emp.order.submitted", created: "emp.order.created", updated: "emp.order.updated" },
};

/** What a posting's or order's page says after step `done`: the step's own words, else the record's new status (nothing before any step). */
export function useDoneMessage(kind: "posting" | "order", done: string | null | undefined, status: string): string | null {
  const { t } = useTranslation();
  if (!done) return null;
  return t(Object.hasOwn(DONE_WORDS[kind], done) ? DONE_WORDS[kind][done] : statusKey(kind, status));
}

/**
 * An action on one match that asks something first (a reason, a start date): folded under a
 * button-like summary, it posts `intent` for `matchId` with a button of the same words.
 */
export function MatchActionForm({
  matchId,
  intent,
  label,
  primary,
  reply,
  busy,
  children,
}: {
  matchId: string;
  intent: string;
  label: string;
  primary?: boolean;
  /** The answer to this form: open again when it has problems. */
  reply?: FieldReply;
  busy: boolean;
  children: React.ReactNode;
}) {
  const open = Boolean(reply?.fieldErrors || reply?.formErrors);
  return (
    <details className="action-form" open={open || undefined}>
      <summary className={primary ? "button" : "button secondary"}>{label}</summary>
      <Form method="post" preventScrollReset>
        <input type="hidden" name="matchId" value={matchId} />
        {children}
        <button type="submit" name="intent" value={intent} className={primary ? "primary" : "secondary"} disabled={busy}>
          {label}
        </button>
      </Form>
    </details>
  );
}

/** A term and its value in a <dl className="facts">, left out when there is no value. */
export function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  if (children === null || children === undefined || children === false || children === "") return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function CommitmentsCard({ commitments, orders }: { commitments: EmployerCommitments | null; orders?: { id: string; title: string }[] }) {
  const { t } = useTranslation();
  const title = (id: string) => orders?.find((o) => o.id === id)?.title ?? id.slice(0, 8);
  const punct = usePunct();
  return (
    <section className="card" data-testid="commitments">
      <h2>{t("emp.commitments.title")}</h2>
      {!commitments || commitments.orders.length === 0 ? (
        <p className="empty">{t("emp.commitments.none")}</p>
      ) : (
        <>
          <Stats
            items={[
              { key: "committed", value: commitments.committedHires, label: t("emp.commitments.committed") },
              {
                key: "hires",
                value: commitments.hires,
                label: t("emp.commitments.hires"),
                note: `${t("emp.commitments.pending")} ${commitments.pendingHires}`,
              },
              {
                key: "retention",
                value: commitments.retentionRate === null ? "—" : `${Math.round(commitments.retentionRate * 100)}%`,
                label: t("emp.commitments.retention"),
                note: commitments.retentionRate === null ? t("emp.commitments.retentionNone") : undefined,
              },
              { key: "kept", value: `${commitments.kept}/${commitments.orders.length}`, label: t("emp.commitments.outcome.kept") },
            ]}
          />
          <p className="muted">{t("emp.commitments.counts", { kept: commitments.kept, broken: commitments.broken, open: commitments.open })}</p>
          <ul className="plain-list">
            {commitments.orders.map((o) => (
              <li key={o.orderId}>
                <span className={o.outcome === "kept" ? "badge ok" : o.outcome === "broken" ? "badge red" : "badge warn"}>
                  {t(`emp.commitments.outcome.${o.outcome}`)}
                </span>{" "}
                {title(o.orderId)}
                {punct.colon}
                {t("emp.commitments.perOrder", {
                  hires: o.hires,
                  committed: o.committedHires,
                  pending: o.pendingHires,
                  retained: o.retained,
                  due: o.retentionDue,
                })}
                {o.belowWage ? (
                  <span className="muted">
                    {punct.open}
                    {t("emp.commitments.belowWage", { count: o.belowWage })}
                    {punct.close}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          <p className="hint muted">{t("emp.commitments.explain")}</p>
        </>
      )}
    </section>
  );
}

/**
 * "2026-12-01" from a Date or an ISO string (loader data arrives serialised): the Beijing day of a
 * timestamp, and a `@db.Date` column's own day (UTC midnight falls on the same day in Beijing).
 */
export function isoDay(d: string | Date | null | undefined): string {
  return d ? chinaDay(d) : "";
}

/** conform's state for a form prefilled as stored: the server's last answer, and `schema` checked as each field is left. */
export function usePrefilledForm<S extends z.ZodType>(id: string, schema: S, actionData: FormReply | undefined, prefill: unknown) {
  return useBlurForm(schema, actionData?.result, {
    id,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the prefill is shaped as stored, not as the schema's input type
    defaultValue: prefill as any,
    shouldRevalidate: "onInput",
  });
}

/** conform types a preprocessed field's input as `unknown`; on the page every input holds a string. */
export function asStringFields<T extends object>(fields: T): Record<keyof T, FieldMetadata<string | undefined>> {
  return fields as unknown as Record<keyof T, FieldMetadata<string | undefined>>;
}
