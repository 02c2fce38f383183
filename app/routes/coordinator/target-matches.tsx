// A coordinator's view of one posting's or training order's ranking (one module, two routes: the
// param names which): their region's people with reasons, "why not", training suggestions, and
// "re-match now".
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NearMisses, RankedMatches, RematchButton } from "~/features/matching/index";
import { MatchTargetHeader } from "~/features/matching/index";
import { requireCoordinator } from "~/services/auth.server";
import { clientIp, invariantResponse } from "~/services/http.server";
import { MoreLink } from "~/components/more-link";
import { listLimit } from "~/domain/paging";
import { chinaDateTime } from "~/platform/china-time";
import { MATCHES_SHOWN, NEAR_MISSES_SHOWN, rematchFromPage, targetMatchesForStaff } from "~/features/matching/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { Card } from "~/components/card";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "lists", "matching", "out", "ref", "reg"] };

function targetOf(params: Params) {
  return params.orderId !== undefined
    ? { kind: "trainingOrder" as const, id: params.orderId, back: "/coordinator/orders" }
    : { kind: "posting" as const, id: params.postingId ?? "", back: "/coordinator/search" };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const query = new URL(request.url).searchParams;
  // 20 of each at first, "more" for the next 20 (issue 15: all 199 with their breakdowns made 1.2 MB of page).
  const view = await targetMatchesForStaff(principal, targetOf(params), undefined, {
    matches: listLimit(query, MATCHES_SHOWN),
    nearMisses: listLimit(query, NEAR_MISSES_SHOWN, "misses"),
  });
  invariantResponse(view, "Not found");
  // When and from what the ranking was computed, in China time.
  const at = view.computed.computedAt ? chinaDateTime(view.computed.computedAt) : null;
  // Breakdowns are read when a card is opened (routes/match-breakdown.tsx), not carried in the page (issue 15).
  return {
    ...view,
    matches: view.matches.map(({ factors: _factors, ...m }) => m),
    computedShown: { ...view.computed, at },
    most: { matches: MATCHES_SHOWN, nearMisses: NEAR_MISSES_SHOWN },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
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
      <p>
        <Link to={back}>← {t("common.back")}</Link>
      </p>
      <section className="card">
        <MatchTargetHeader target={view.target} total={view.total} elsewhere={view.elsewhere} />
        <ComputedNote computed={view.computedShown} />
        <RematchButton done={data?.queued === true} failed={data?.queued === false} />
      </section>
      <Card title={t("matching.ranked")}>
        <RankedMatches matches={view.matches} />
        <MoreLink shown={view.matches.length} total={view.total} max={view.most.matches} />
      </Card>
      <NearMisses
        nearMisses={view.nearMisses}
        more={<MoreLink shown={view.nearMisses.length} total={view.nearMissTotal} max={view.most.nearMisses} param="misses" />}
      />
    </>
  );
}

function ComputedNote({
  computed,
}: {
  computed: { at: string | null; runKind: "target" | "nightly" | null; targetVersion: number | null; currentVersion: number | null; upToDate: boolean };
}) {
  const { t } = useTranslation();
  return (
    <p className="muted" data-testid="match-computed">
      {!computed.at || !computed.runKind ? (
        t("matching.neverComputed")
      ) : (
        <>
          {t("matching.computed", {
            at: computed.at,
            run: t(`matching.computedRun.${computed.runKind}`),
            version: computed.targetVersion ?? computed.currentVersion ?? "—",
          })}
          {!computed.upToDate && <> {t("matching.computedStale")}</>}
        </>
      )}
    </p>
  );
}
