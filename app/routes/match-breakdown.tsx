// One match's factor breakdown (issue 15): a candidate card reads it when it is opened (a fetcher)
// instead of carrying it in the list page; without JavaScript the card's link opens this page.
// Staff see people in their region, an employer its own targets' candidates (employer's view).
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FactorBreakdown } from "~/features/matching/index";
import { requireUser } from "~/services/auth.server";
import { matchBreakdownFor } from "~/features/matching/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { titleMeta } from "~/components/area";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const meta = titleMeta("matching.breakdown");

export const handle: RouteStrings = { i18n: ["admin", "emp", "matching", "out", "ref", "reg"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { principal } = await requireUser(request, ["COORDINATOR", "EMPLOYER"]);
  const view = await matchBreakdownFor(principal, params.matchId ?? "");
  // Not found is data, not an error: a card whose match was replaced by a re-match keeps its page.
  if (!view) return data({ matchId: params.matchId ?? "", factors: null, back: null }, { status: 404 });
  return view;
}

export default function MatchBreakdownPage() {
  const view = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      {view.back ? (
        <p>
          <a href={view.back}>← {t("common.back")}</a>
        </p>
      ) : null}
      <section className="card" data-testid="match-breakdown-page">
        <h1>{t("matching.breakdown")}</h1>
        {view.factors ? <FactorBreakdown factors={view.factors} /> : <p className="empty">{t("matching.breakdownGone")}</p>}
      </section>
    </>
  );
}
