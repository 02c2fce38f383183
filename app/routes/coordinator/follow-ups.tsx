// The county coordinator's follow-up tasks (跟踪回访): open (opened by their delayed job on the due
// day), overdue (due day passed, not recorded), done.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { isoDay } from "~/features/employers/index";
import { FollowUpStateBadge, WorkerBadges } from "~/features/placements/index";
import { ListCard } from "~/components/list-card";
import { TabLinks } from "~/components/tab-links";
import { requireCoordinator } from "~/services/auth.server";
import { listFollowUps } from "~/features/placements/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { useLocalName } from "~/components/local-name";

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
      <TabLinks
        label={t("out.followUps.title")}
        current={status}
        tabs={TABS.map((k) => ({ key: k, to: `?status=${k}`, label: `${t(`out.followUps.tabs.${k}`)} ${counts[k]}` }))}
      />
      <ListCard
        rows={rows}
        testId="follow-up-list"
        empty={t("out.followUps.empty")}
        itemProps={() => ({ "data-testid": "follow-up-task" })}
        item={(f) => (
          <>
            <Link to={`/coordinator/follow-ups/${f.id}`}>{f.placement.worker.fullName}</Link> <FollowUpStateBadge state={f.state} />
            <WorkerBadges atRisk={f.placement.worker.atRiskOfPoverty} />
          </>
        )}
        detail={(f) => (
          <>
            {t("out.detail.month", { count: f.dueMonth })} · {t("out.detail.due")} {isoDay(f.dueAt)} · {f.placement.employer.name} ·{" "}
            {name(f.placement.worker.county)}
          </>
        )}
        more={(f) =>
          f.completedAt ? (
            <>
              <br />
              <small>
                {f.stillEmployed ? t("out.detail.employed") : t("out.detail.notEmployed")}
                {f.leaveReason ? ` · ${t(`out.leaveReason.${f.leaveReason}`)}` : ""}
                {f.monthlyWage ? ` · ${t("out.detail.yuan", { amount: f.monthlyWage })}` : ""}
              </small>
            </>
          ) : null
        }
      />
    </>
  );
}
