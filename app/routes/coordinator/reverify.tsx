// The sampled re-verification queue: each month 10 % (at least one) of every county's verified
// placements are drawn (a daily job, deterministic) for a check by phone or visit.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isoDay } from "~/features/employers/index";
import { VerificationBadge } from "~/features/placements/index";
import { BackLink } from "~/components/back-link";
import { ListCard } from "~/components/list-card";
import { requireCoordinator } from "~/services/auth.server";
import { listPlacements } from "~/features/placements/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { useLocalName } from "~/components/local-name";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "out", "ref", "reg"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  return listPlacements(principal, { queue: "reverify", pageSize: 200 });
}

export default function Reverify() {
  const { rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useLocalName();
  return (
    <>
      <BackLink to="/coordinator/placements">← {t("out.placements.title")}</BackLink>
      <h1 data-testid="reverify-title">{t("out.reverify.title")}</h1>
      <p className="muted">{t("out.reverify.intro")}</p>
      <ListCard
        rows={rows}
        testId="reverify-list"
        empty={t("out.reverify.empty")}
        item={(r) => (
          <>
            <Link to={`/coordinator/placements/${r.id}`}>{r.worker.fullName}</Link> <VerificationBadge status={r.verification} />
          </>
        )}
        detail={(r) => (
          <>
            {r.employer.name} · {name(r.workRegion)} · {t("out.detail.yuan", { amount: r.monthlyWage })} · {isoDay(r.startDate)}
          </>
        )}
      />
    </>
  );
}
