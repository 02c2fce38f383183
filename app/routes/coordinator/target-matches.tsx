// A coordinator's view of one posting's or training order's ranking (one module, two routes: the
// param names which): their region's people with reasons, "why not", training suggestions, and
// "re-match now".
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NearMisses, RankedMatches, RematchButton } from "~/components/match-ranking";
import { MatchTargetHeader } from "~/components/match-target";
import { requireUser } from "~/services/auth.server";
import { clientIp, invariantResponse } from "~/services/http.server";
import { rematchFromPage, targetMatchesForStaff } from "~/services/match-views.server";

function targetOf(params: Params) {
  return params.orderId !== undefined
    ? { kind: "trainingOrder" as const, id: params.orderId, back: "/coordinator/orders" }
    : { kind: "posting" as const, id: params.postingId ?? "", back: "/coordinator/search" };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { principal } = await requireUser(request, ["COORDINATOR"]);
  const view = await targetMatchesForStaff(principal, targetOf(params));
  invariantResponse(view, "Not found");
  // When and from what the ranking was computed, in China time (formatted here so server and browser agree).
  const at = view.computed.computedAt
    ? new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(new Date(view.computed.computedAt))
    : null;
  return { ...view, computedShown: { ...view.computed, at } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["COORDINATOR"]);
  const target = targetOf(params);
  return rematchFromPage(principal, request, { entityType: target.kind, entityId: target.id }, clientIp(request));
}

export default function TargetMatches() {
  const view = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const { back } = targetOf(useParams());
  return (
    <>
      <p><Link to={back}>← {t("common.back")}</Link></p>
      <section className="card">
        <MatchTargetHeader target={view.target} total={view.total} elsewhere={view.elsewhere} />
        <ComputedNote computed={view.computedShown} />
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

function ComputedNote({ computed }: { computed: { at: string | null; runKind: "target" | "nightly" | null; targetVersion: number | null; currentVersion: number | null; upToDate: boolean } }) {
  const { t } = useTranslation();
  if (!computed.at || !computed.runKind) return <p className="muted" data-testid="match-computed">{t("matching.neverComputed")}</p>;
  return (
    <p className="muted" data-testid="match-computed">
      {t("matching.computed", { at: computed.at, run: t(`matching.computedRun.${computed.runKind}`), version: computed.targetVersion ?? computed.currentVersion ?? "—" })}
      {!computed.upToDate && <> {t("matching.computedStale")}</>}
    </p>
  );
}
