// A coordinator's view of one order's ranking: their region's people with reasons, "why not",
// training suggestions, and "re-match now".
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NearMisses, RankedMatches, RematchButton } from "~/components/match-ranking";
import { MatchTargetHeader } from "~/components/match-target";
import { requireUser } from "~/services/auth.server";
import { clientIp, invariantResponse } from "~/services/http.server";
import { rematchFromPage, targetMatchesForStaff } from "~/services/match-views.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { principal } = await requireUser(request, ["COORDINATOR"]);
  const view = await targetMatchesForStaff(principal, { kind: "trainingOrder", id: params.orderId ?? "" });
  invariantResponse(view, "Not found");
  return view;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["COORDINATOR"]);
  return rematchFromPage(principal, request, { entityType: "trainingOrder", entityId: params.orderId ?? "" }, clientIp(request));
}

export default function OrderMatches() {
  const view = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <p><Link to="/coordinator/orders">← {t("common.back")}</Link></p>
      <section className="card">
        <MatchTargetHeader target={view.target} total={view.total} elsewhere={view.elsewhere} />
        <RematchButton done={data?.queued === true} failed={data?.queued === false} />
      </section>
      <section className="card">
        <h2>{t("matching.ranked")}</h2>
        <RankedMatches matches={view.matches} />
      </section>
      <NearMisses nearMisses={view.nearMisses} />
    </>
  );
}
