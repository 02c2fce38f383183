// Coordinators: the employers they look after, pending ones first, with each one's commitments kept.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { EMPLOYER_STATUSES } from "~/domain/employer";
import { ListCard } from "~/components/list-card";
import { StatusFilter } from "~/components/status-filter";
import { requireCoordinator } from "~/services/auth.server";
import { listEmployersForStaff } from "~/features/employers/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { StatusBadge } from "~/components/status-badge";
import { useLocalName, usePunct } from "~/components/local-name";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "reg"] };

const FilterSchema = z.object({
  status: z.enum(EMPLOYER_STATUSES).optional().catch(undefined),
  q: z
    .string()
    .trim()
    .max(60)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const filter = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { filter, ...(await listEmployersForStaff(principal, filter)) };
}

export default function CoordinatorEmployers() {
  const { rows, counts, filter } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useLocalName();
  const punct = usePunct();
  return (
    <>
      <h1 data-testid="employers-title">{t("emp.staff.employersTitle")}</h1>
      <p className="muted">{t("emp.staff.scopeNote")}</p>
      <StatusFilter
        id="employer-status"
        label={t("employer.status")}
        all={t("emp.staff.allStatuses")}
        statuses={EMPLOYER_STATUSES.map((s) => ({ value: s, label: `${t(`employerStatus.${s}`)}${punct.open}${counts[s] ?? 0}${punct.close}` }))}
        value={filter.status ?? ""}
        submit={t("emp.staff.filter")}
      >
        <div className="field">
          <label htmlFor="employer-q">{t("emp.staff.search")}</label>
          <input id="employer-q" name="q" defaultValue={filter.q ?? ""} />
        </div>
      </StatusFilter>
      <ListCard
        rows={rows}
        testId="employer-list"
        empty={t("emp.staff.noEmployers")}
        item={(e) => (
          <>
            <Link to={`/coordinator/employers/${e.id}`}>{e.name}</Link> <StatusBadge kind="employer" status={e.status} />
          </>
        )}
        detail={(e) => (
          <>
            {name(e.district)} · {t(`emp.industries.${e.industry}`, { defaultValue: e.industry })} · <code>{e.creditCode}</code>
          </>
        )}
        more={(e) =>
          e.commitments && e.commitments.committedHires > 0 ? (
            <>
              <br />
              <small>
                {t("emp.commitments.title")}
                {punct.colon}
                {t("emp.commitments.hires")} {e.commitments.hires}/{e.commitments.committedHires} ·{" "}
                {t("emp.commitments.counts", { kept: e.commitments.kept, broken: e.commitments.broken, open: e.commitments.open })}
              </small>
            </>
          ) : null
        }
      />
    </>
  );
}
