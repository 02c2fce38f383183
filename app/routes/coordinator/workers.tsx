import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FilterSelect, SearchForm } from "~/components/search-form";
import { Pager } from "~/components/pager";
import { WorkerTable } from "~/components/worker-table";
import { staffScopes } from "~/domain/access";
import { requireCoordinator } from "~/services/auth.server";
import { countiesWithin } from "~/services/regions.server";
import { searchWorkers, WORKER_PAGE_SIZE } from "~/features/search/index.server";
import { placeName } from "~/domain/place-names";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["coordinator", "lists", "ref"] };

const STATUSES = ["REGISTERED", "MATCHED", "IN_TRAINING", "TRAINED", "PLACED", "STABLE", "LEFT"] as const;
const QuerySchema = z.object({
  q: z.string().max(50).optional().catch(undefined),
  countyCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
  poor: z.literal("on").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const scope = staffScopes(principal)?.[0] ?? "130000";
  const [result, counties] = await Promise.all([searchWorkers(principal, { ...query, poor: query.poor === "on" }), countiesWithin(scope)]);
  return { ...result, pageSize: WORKER_PAGE_SIZE, counties: counties.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn })) };
}

export default function CoordinatorWorkers() {
  const { rows, total, facets, page, pageSize, counties } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const countyName = (code: string) => {
    const c = counties.find((x) => x.code === code);
    return c ? placeName(c, i18n.language) : code;
  };
  return (
    <>
      <h1 data-testid="worker-search">{t("coordinator.workers")}</h1>
      <SearchForm q={{ label: t("coordinator.searchLabel"), value: params.get("q"), placeholder: t("coordinator.searchPlaceholder") }} total={total}>
        <div className="grid two">
          {counties.length > 1 ? (
            <FilterSelect
              name="countyCode"
              label={t("coordinator.county")}
              value={params.get("countyCode")}
              any={t("coordinator.allCounties")}
              options={counties.map((c) => ({ value: c.code, label: `${countyName(c.code)} (${facets.countyCode?.[c.code] ?? 0})` }))}
            />
          ) : null}
          <FilterSelect
            name="status"
            label={t("coordinator.status")}
            value={params.get("status")}
            any={t("coordinator.allStatuses")}
            options={STATUSES.map((s) => ({ value: s, label: `${t(`workerStatus.${s}`)} (${facets.status?.[s] ?? 0})` }))}
          />
        </div>
        <label className="row" style={{ minHeight: 44 }}>
          <input type="checkbox" name="poor" defaultChecked={params.get("poor") === "on"} /> {t("coordinator.poorOnly")} (
          {facets.isPoorHousehold?.["true"] ?? 0})
        </label>
      </SearchForm>
      <WorkerTable
        rows={rows}
        county={(w) => placeName({ code: w.countyCode, ...w.county }, i18n.language)}
        empty={<p className="empty">{t("coordinator.noResults")}</p>}
      />
      <Pager page={page} total={total} pageSize={pageSize} label={t("coordinator.pages")} />
    </>
  );
}
