import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Stats } from "~/components/stats";
import { WorkerTable } from "~/components/worker-table";
import { requireCoordinator } from "~/services/auth.server";
import { chinaYear } from "~/platform/china-time";
import { coordinatorHome } from "~/services/coordinator.server";
import { placeName } from "~/domain/place-names";
import type { RouteStrings } from "~/i18n/namespaces";
import { Card } from "~/components/card";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "coordinator", "desk", "emp", "employer", "import", "lists", "out", "plans", "ref", "reg"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const year = chinaYear();
  return { year, ...(await coordinatorHome(principal, year)) };
}

/** Today's work on the home page, each count linking to the list it counts. */
const TODO = [
  { key: "employersToVerify", to: "/coordinator/employers?status=PENDING" },
  { key: "ordersToApprove", to: "/coordinator/orders?status=SUBMITTED" },
  { key: "placementsToVerify", to: "/coordinator/placements?tab=review" },
  { key: "followUpsDue", to: "/coordinator/follow-ups?status=open" },
  { key: "followUpsOverdue", to: "/coordinator/follow-ups?status=overdue" },
  { key: "importsWithErrors", to: "/coordinator/imports" },
] as const;

export default function CoordinatorHome() {
  const { region, plan, children, workers, year, work } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const name = (r: { code?: string; name: string; nameEn: string | null } | null) => (r ? placeName(r, i18n.language) : "");
  return (
    <>
      <h1 data-testid="coordinator-home">{t("coordinator.title")}</h1>
      <p>{t("coordinator.scope", { region: name(region) })}</p>
      <section className="card" aria-labelledby="today-h" data-testid="todays-work">
        <h2 id="today-h">{t("desk.todayTitle")}</h2>
        <ul className="todo-list">
          {TODO.map(({ key, to }) => (
            <li key={key} className={work[key] > 0 ? "todo-item due" : "todo-item"}>
              <Link to={to} data-testid={`todo-${key}`}>
                <span>{t(`desk.${key}`)}</span> <strong className={key === "followUpsOverdue" && work[key] > 0 ? "badge red" : "badge"}>{work[key]}</strong>
              </Link>
            </li>
          ))}
        </ul>
        <p className="muted">{TODO.every(({ key }) => work[key] === 0) ? t("desk.nothing") : t("desk.todayNote")}</p>
        <p className="row">
          <Link className="button" to="/coordinator/workers/new">
            {t("reg.assistedCta")}
          </Link>
          <Link className="button secondary" to="/coordinator/dashboard" data-testid="dashboard-link">
            {t("plans.home.dashboard")}
          </Link>
        </p>
      </section>
      <Card title={t("coordinator.planTitle", { year })}>
        {plan ? (
          <Stats
            items={[
              {
                key: "training",
                value: plan.trainingPersonTimes,
                label: t("coordinator.trainingPersonTimes"),
                note: `${t("coordinator.orderBased")} ${plan.orderBasedPersonTimes}`,
              },
              {
                key: "transferred",
                value: plan.transferredPersons,
                label: t("coordinator.transferred"),
                note: `${t("coordinator.toBeijingTianjin")} ${plan.toBeijingTianjinPersons}`,
              },
              { key: "stable", value: plan.stablePersons, label: t("coordinator.stable") },
            ]}
          />
        ) : (
          <p className="empty">{t("coordinator.noPlan")}</p>
        )}
      </Card>
      {children.length > 0 ? (
        <Card title={t("coordinator.childRegions")}>
          <p className="row">
            {children.map((c) => (
              <span key={c.code} className={c.isPovertyCounty ? "badge red" : "badge"} title={c.povertyLevel ? t(`ref.level.${c.povertyLevel}`) : undefined}>
                {name(c)}
                {c.povertyLevel ? ` · ${t(`ref.levelShort.${c.povertyLevel}`)}` : ""}
              </span>
            ))}
          </p>
        </Card>
      ) : null}
      <Card
        title={
          <>
            {t("coordinator.workersInScope")} <span className="muted">({t("common.total", { count: workers.total })})</span>
          </>
        }
      >
        <p>
          <Link className="button" to="/coordinator/workers">
            {t("coordinator.findWorkers")}
          </Link>
        </p>
        <WorkerTable rows={workers.rows} county={(w) => name(w.county)} empty={<p className="empty">{t("coordinator.noWorkers")}</p>} />
      </Card>
    </>
  );
}
