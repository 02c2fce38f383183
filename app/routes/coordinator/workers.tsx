import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { staffScopes } from "~/domain/access";
import { requireCoordinator } from "~/services/auth.server";
import { countiesWithin } from "~/services/regions.server";
import { searchWorkers, WORKER_PAGE_SIZE } from "~/features/search/index.server";
import { placeName } from "~/domain/place-names";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["coordinator", "ref"] };

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
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  const pages = Math.ceil(total / pageSize);
  return (
    <>
      <h1 data-testid="worker-search">{t("coordinator.workers")}</h1>
      <Form method="get" className="card" role="search">
        <div className="field">
          <label htmlFor="q">{t("coordinator.searchLabel")}</label>
          <input id="q" name="q" type="search" defaultValue={params.get("q") ?? ""} placeholder={t("coordinator.searchPlaceholder")} />
        </div>
        <div className="grid two">
          {counties.length > 1 ? (
            <div className="field">
              <label htmlFor="countyCode">{t("coordinator.county")}</label>
              <select id="countyCode" name="countyCode" defaultValue={params.get("countyCode") ?? ""}>
                <option value="">{t("coordinator.allCounties")}</option>
                {counties.map((c) => (
                  <option key={c.code} value={c.code}>
                    {countyName(c.code)} ({facets.countyCode?.[c.code] ?? 0})
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="status">{t("coordinator.status")}</label>
            <select id="status" name="status" defaultValue={params.get("status") ?? ""}>
              <option value="">{t("coordinator.allStatuses")}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`workerStatus.${s}`)} ({facets.status?.[s] ?? 0})
                </option>
              ))}
            </select>
          </div>
        </div>
        <label className="row" style={{ minHeight: 44 }}>
          <input type="checkbox" name="poor" defaultChecked={params.get("poor") === "on"} /> {t("coordinator.poorOnly")} (
          {facets.isPoorHousehold?.["true"] ?? 0})
        </label>
        <button type="submit" className="primary">
          {t("common.search")}
        </button>
      </Form>
      <p className="muted">{t("common.total", { count: total })}</p>
      {rows.length === 0 ? (
        <p className="empty">{t("coordinator.noResults")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("coordinator.name")}</th>
                <th>{t("coordinator.idNumber")}</th>
                <th>{t("coordinator.county")}</th>
                <th>{t("coordinator.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((w) => (
                <tr key={w.id}>
                  <td>
                    <Link to={`/coordinator/workers/${w.id}`}>{w.fullName}</Link>
                    {w.isRegisteredPoor ? (
                      <>
                        {" "}
                        <span className="badge red">{t("coordinator.poor")}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <code>{w.idNumberMasked}</code>
                  </td>
                  <td>{placeName({ code: w.countyCode, ...w.county }, i18n.language)}</td>
                  <td>{t(`workerStatus.${w.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="row" aria-label={t("coordinator.pages")}>
          {page > 1 ? <Link to={pageLink(page - 1)}>← {page - 1}</Link> : null}
          <span>
            {page} / {pages}
          </span>
          {page < pages ? <Link to={pageLink(page + 1)}>{page + 1} →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
