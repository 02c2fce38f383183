// Coordinators: placements of workers in their region, those awaiting verification first.
// Only VERIFIED ones count toward plans, and the page says so.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { isoDay } from "~/features/employers/index";
import { FlagList, VerificationBadge, WorkerBadges } from "~/features/placements/index";
import { ListCard } from "~/components/list-card";
import { TabLinks } from "~/components/tab-links";
import { requireCoordinator } from "~/services/auth.server";
import { listPlacements } from "~/features/placements/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { useLocalName } from "~/components/local-name";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "out", "ref", "reg"] };

const TABS = ["review", "VERIFIED", "REJECTED", "all"] as const;
const QuerySchema = z.object({ tab: z.enum(TABS).catch("review"), page: z.coerce.number().int().min(1).max(10_000).catch(1) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const { tab, page } = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const filter = tab === "review" ? { queue: "review" as const } : tab === "all" ? {} : { verification: tab };
  return { tab, ...(await listPlacements(principal, { ...filter, page })) };
}

export default function CoordinatorPlacements() {
  const { tab, rows, counts, total, page, pageSize } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useLocalName();
  const count = (k: (typeof TABS)[number]) =>
    k === "review"
      ? (counts.UNVERIFIED ?? 0) + (counts.FLAGGED ?? 0)
      : k === "all"
        ? Object.values(counts).reduce((a, b) => a + (b ?? 0), 0)
        : (counts[k] ?? 0);
  return (
    <>
      <h1 data-testid="placements-title">{t("out.placements.title")}</h1>
      <p className="notice">{t("out.placements.countsNote")}</p>
      <p className="row">
        <Link className="button" to="/coordinator/placements/new">
          {t("out.placements.newCta")}
        </Link>
        <Link className="button secondary" to="/coordinator/follow-ups">
          {t("out.followUpsLink")}
        </Link>
        <Link className="button secondary" to="/coordinator/reverify">
          {t("out.reverifyLink")}
        </Link>
      </p>
      <TabLinks
        label={t("out.placements.title")}
        current={tab}
        tabs={TABS.map((k) => ({ key: k, to: `?tab=${k}`, label: `${t(`out.placements.tabs.${k}`)} ${count(k)}` }))}
      />
      <ListCard
        rows={rows}
        testId="placement-list"
        empty={t("out.placements.empty")}
        itemProps={() => ({ "data-testid": "placement-row" })}
        item={(r) => (
          <>
            <Link to={`/coordinator/placements/${r.id}`}>{r.worker.fullName}</Link> <VerificationBadge status={r.verification} />
            <WorkerBadges poor={r.worker.isRegisteredPoor} atRisk={r.worker.atRiskOfPoverty} />
          </>
        )}
        detail={(r) => (
          <>
            {r.employer.name} · {name(r.workRegion)} · {t(`out.transfer.${r.transferType}`)} · {t("out.detail.yuan", { amount: r.monthlyWage })} ·{" "}
            {isoDay(r.startDate)}
          </>
        )}
        more={(r) => (r.flags.length > 0 && r.verification !== "REJECTED" ? <FlagList flags={r.flags} /> : null)}
      >
        {total > page * pageSize ? (
          <p>
            <Link to={`?tab=${tab}&page=${page + 1}`}>→ {page + 1}</Link>
          </p>
        ) : null}
      </ListCard>
    </>
  );
}
