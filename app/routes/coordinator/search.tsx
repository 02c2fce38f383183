// Find job postings and training orders: free Chinese text + filters with facet counts; each
// result links to its matches in the coordinator's region. A GET form: works without JavaScript,
// and the URL keeps the search.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { StatusBadge, useLocalName } from "~/features/employers/index";
import { requireCoordinator } from "~/services/auth.server";
import { ORDER_KINDS, ORDER_STATUSES, POSTING_STATUSES, TARGET_PAGE_SIZE } from "~/domain/target-search";
import { searchTargets } from "~/features/search/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["coordinator", "emp", "matching", "reg"] };

const wage = z.coerce.number().int().min(0).max(100000).optional().catch(undefined);
const QuerySchema = z.object({
  type: z.enum(["postings", "orders"]).catch("postings"),
  q: z.string().max(50).optional().catch(undefined),
  occupationCode: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/)
    .optional()
    .catch(undefined),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .catch(undefined),
  status: z
    .enum([...POSTING_STATUSES, ...ORDER_STATUSES])
    .optional()
    .catch(undefined),
  wageFrom: z.preprocess((v) => (v === "" ? undefined : v), wage),
  wageTo: z.preprocess((v) => (v === "" ? undefined : v), wage),
  kind: z.enum(ORDER_KINDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await searchTargets(principal, query);
  return { ...result, query, pageSize: TARGET_PAGE_SIZE };
}

export default function TargetSearchPage() {
  const { total, facets, places, occupations, postings, orders, page, pageSize, query } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const en = i18n.language === "en";
  const isPostings = query.type === "postings";
  const statuses = isPostings ? POSTING_STATUSES : ORDER_STATUSES;
  const pages = Math.ceil(total / pageSize);
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <>
      <h1 data-testid="target-search">{t("matching.search.title")}</h1>
      <nav className="row" aria-label={t("matching.search.type")}>
        <Link className={`button${isPostings ? "" : " secondary"}`} to="?type=postings" aria-current={isPostings ? "page" : undefined}>
          {t("matching.search.postings")}
        </Link>
        <Link className={`button${isPostings ? " secondary" : ""}`} to="?type=orders" aria-current={isPostings ? undefined : "page"}>
          {t("matching.search.orders")}
        </Link>
      </nav>
      <Form method="get" className="card" role="search">
        <input type="hidden" name="type" value={query.type} />
        <div className="field">
          <label htmlFor="q">{t("matching.search.q")}</label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            placeholder={t(isPostings ? "matching.search.qPostings" : "matching.search.qOrders")}
          />
        </div>
        <div className="grid two">
          <div className="field">
            <label htmlFor="occupationCode">{t("matching.occupation")}</label>
            <select id="occupationCode" name="occupationCode" defaultValue={query.occupationCode ?? ""}>
              <option value="">{t("matching.search.any")}</option>
              {occupations.map((o) => (
                <option key={o.code} value={o.code}>
                  {en ? o.nameEn : o.nameZh} ({o.count})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="regionCode">{t("matching.place")}</label>
            <select id="regionCode" name="regionCode" defaultValue={query.regionCode ?? ""}>
              <option value="">{t("matching.search.any")}</option>
              {places.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.level === "PROVINCE" ? "" : "　"}
                  {name(r)} ({r.count})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="status">{t("matching.status")}</label>
            <select id="status" name="status" defaultValue={query.status ?? ""}>
              <option value="">{t("matching.search.anyStatus")}</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {t(`matching.search.status.${s}`)} ({facets.status?.[s] ?? 0})
                </option>
              ))}
            </select>
          </div>
          {isPostings ? (
            <fieldset className="field">
              <legend>{t("matching.search.wage")}</legend>
              <div className="row">
                <label htmlFor="wageFrom" className="visually-hidden">
                  {t("matching.search.wageFrom")}
                </label>
                <input
                  id="wageFrom"
                  name="wageFrom"
                  inputMode="numeric"
                  size={6}
                  defaultValue={query.wageFrom ?? ""}
                  placeholder={t("matching.search.wageFrom")}
                  style={{ width: "7em" }}
                />
                <span aria-hidden="true">–</span>
                <label htmlFor="wageTo" className="visually-hidden">
                  {t("matching.search.wageTo")}
                </label>
                <input
                  id="wageTo"
                  name="wageTo"
                  inputMode="numeric"
                  size={6}
                  defaultValue={query.wageTo ?? ""}
                  placeholder={t("matching.search.wageTo")}
                  style={{ width: "7em" }}
                />
              </div>
            </fieldset>
          ) : (
            <div className="field">
              <label htmlFor="kind">{t("matching.search.kind")}</label>
              <select id="kind" name="kind" defaultValue={query.kind ?? ""}>
                <option value="">{t("matching.search.any")}</option>
                {ORDER_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`trainingKind.${k}`)} ({facets.kind?.[k] ?? 0})
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        <button type="submit" className="primary">
          {t("common.search")}
        </button>
      </Form>
      <p className="muted">{t("common.total", { count: total })}</p>
      {postings.length + orders.length === 0 ? (
        <p className="empty">{t("matching.search.none")}</p>
      ) : (
        <ul className="match-list" data-testid="target-results">
          {postings.map((p) => (
            <li key={p.id} className="candidate" data-testid="target-result">
              <div className="candidate-head">
                <Link className="candidate-name" to={`/coordinator/postings/${p.id}/matches`}>
                  {p.title}
                </Link>
                <StatusBadge kind="posting" status={p.status} />
              </div>
              <p className="muted">
                {p.employer.name} · {en ? p.occupation.nameEn : p.occupation.nameZh} · {name(p.workRegion)}
              </p>
              <p>
                {t("matching.wageRange", { min: p.wageMin, max: p.wageMax })} · {t("matching.places", { count: p.headcount })} ·{" "}
                <Link to={`/coordinator/postings/${p.id}/matches`}>{t("matching.search.matchCount", { count: p._count.matches })}</Link>
              </p>
            </li>
          ))}
          {orders.map((o) => (
            <li key={o.id} className="candidate" data-testid="target-result">
              <div className="candidate-head">
                <Link className="candidate-name" to={`/coordinator/orders/${o.id}/matches`}>
                  {o.title}
                </Link>
                <StatusBadge kind="order" status={o.status} />
              </div>
              <p className="muted">
                {o.employer.name} · {t(`trainingKind.${o.kind}`)} · {en ? o.occupation.nameEn : o.occupation.nameZh} · {name(o.locationRegion)}
              </p>
              <p>
                {t("matching.places", { count: o.classSize })}
                {o.commitWage ? ` · ${t("matching.wageFrom", { min: o.commitWage })}` : ""} ·{" "}
                <Link to={`/coordinator/orders/${o.id}/matches`}>{t("matching.search.matchCount", { count: o._count.matches })}</Link>
              </p>
            </li>
          ))}
        </ul>
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
