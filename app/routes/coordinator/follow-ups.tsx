// The county coordinator's follow-up tasks (跟踪回访): open (opened by their delayed job on the due
// day), overdue (due day passed, not recorded), done.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { isoDay, useLocalName } from "~/features/employers/index";
import { FollowUpStateBadge } from "~/features/placements/index";
import { requireCoordinator } from "~/services/auth.server";
import { listFollowUps } from "~/features/placements/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "out", "reg"] };

const TABS = ["open", "overdue", "done"] as const;
const QuerySchema = z.object({ status: z.enum(TABS).catch("open") });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const { status } = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { status, ...(await listFollowUps(principal, status)) };
}

export default function CoordinatorFollowUps() {
  const { status, rows, counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useLocalName();
  return (
    <>
      <h1 data-testid="follow-ups-title">{t("out.followUps.title")}</h1>
      <p className="muted">{t("out.followUps.stableNote")}</p>
      <nav className="row" aria-label={t("out.followUps.title")}>
        {TABS.map((k) => (
          <Link key={k} to={`?status=${k}`} className={k === status ? "badge warn" : "badge"} aria-current={k === status ? "page" : undefined}>
            {t(`out.followUps.tabs.${k}`)} {counts[k]}
          </Link>
        ))}
      </nav>
      <section className="card">
        {rows.length === 0 ? (
          <p className="empty">{t("out.followUps.empty")}</p>
        ) : (
          <ul className="plain-list items" data-testid="follow-up-list">
            {rows.map((f) => (
              <li key={f.id} data-testid="follow-up-task">
                <Link to={`/coordinator/follow-ups/${f.id}`}>{f.placement.worker.fullName}</Link> <FollowUpStateBadge state={f.state} />
                {f.placement.worker.atRiskOfPoverty ? (
                  <>
                    {" "}
                    <span className="badge red">{t("out.placements.atRisk")}</span>
                  </>
                ) : null}
                <br />
                <small className="muted">
                  {t("out.detail.month", { count: f.dueMonth })} · {t("out.detail.due")} {isoDay(f.dueAt)} · {f.placement.employer.name} ·{" "}
                  {name(f.placement.worker.county)}
                </small>
                {f.completedAt ? (
                  <>
                    <br />
                    <small>
                      {f.stillEmployed ? t("out.detail.employed") : t("out.detail.notEmployed")}
                      {f.leaveReason ? ` · ${t(`out.leaveReason.${f.leaveReason}`)}` : ""}
                      {f.monthlyWage ? ` · ${t("out.detail.yuan", { amount: f.monthlyWage })}` : ""}
                    </small>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
