// Find job postings and training orders: free Chinese text + filters with facet counts; each
// result links to its matches in the coordinator's region. A GET form: works without JavaScript,
// and the URL keeps the search.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FilterSelect, SearchForm } from "~/components/search-form";
import { Pager } from "~/components/pager";
import { requireCoordinator } from "~/services/auth.server";
import { ORDER_KINDS, ORDER_STATUSES, POSTING_STATUSES, TARGET_PAGE_SIZE } from "~/domain/target-search";
import { searchTargets } from "~/features/search/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { StatusBadge } from "~/components/status-badge";
import { useLocalName } from "~/components/local-name";

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
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const en = i18n.language === "en";
  const isPostings = query.type === "postings";
  const statuses = isPostings ? POSTING_STATUSES : ORDER_STATUSES;
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
      <SearchForm
        hidden={{ type: query.type }}
        q={{ label: t("matching.search.q"), value: query.q, placeholder: t(isPostings ? "matching.search.qPostings" : "matching.search.qOrders") }}
        total={total}
      >
        <div className="grid two">
          <FilterSelect
            name="occupationCode"
            label={t("matching.occupation")}
            value={query.occupationCode}
            any={t("matching.search.any")}
            options={occupations.map((o) => ({ value: o.code, label: `${en ? o.nameEn : o.nameZh} (${o.count})` }))}
          />
          <FilterSelect
            name="regionCode"
            label={t("matching.place")}
            value={query.regionCode}
            any={t("matching.search.any")}
            options={places.map((r) => ({ value: r.code, label: `${r.level === "PROVINCE" ? "" : "　"}${name(r)} (${r.count})` }))}
          />
          <FilterSelect
            name="status"
            label={t("matching.status")}
            value={query.status}
            any={t("matching.search.anyStatus")}
            options={statuses.map((s) => ({ value: s, label: `${t(`matching.search.status.${s}`)} (${facets.status?.[s] ?? 0})` }))}
          />
          {isPostings ? (
            <fieldset className="field">
              <legend>{t("matching.search.wage")}</legend>
              <div className="row">
                {(["wageFrom", "wageTo"] as const).map((k, i) => (
                  <Fragment key={k}>
                    {i > 0 ? <span aria-hidden="true">–</span> : null}
                    <label htmlFor={k} className="visually-hidden">
                      {t(`matching.search.${k}`)}
                    </label>
                    <input
                      id={k}
                      name={k}
                      inputMode="numeric"
                      size={6}
                      defaultValue={query[k] ?? ""}
                      placeholder={t(`matching.search.${k}`)}
                      style={{ width: "7em" }}
                    />
                  </Fragment>
                ))}
              </div>
            </fieldset>
          ) : (
            <FilterSelect
              name="kind"
              label={t("matching.search.kind")}
              value={query.kind}
              any={t("matching.search.any")}
              options={ORDER_KINDS.map((k) => ({ value: k, label: `${t(`trainingKind.${k}`)} (${facets.kind?.[k] ?? 0})` }))}
            />
          )}
        </div>
      </SearchForm>
      {postings.length + orders.length === 0 ? (
        <p className="empty">{t("matching.search.none")}</p>
      ) : (
        <ul className="match-list" data-testid="target-results">
          {postings.map((p) => (
            <TargetResult
              key={p.id}
              kind="posting"
              target={p}
              about={`${p.employer.name} · ${en ? p.occupation.nameEn : p.occupation.nameZh} · ${name(p.workRegion)}`}
              facts={`${t("matching.wageRange", { min: p.wageMin, max: p.wageMax })} · ${t("matching.places", { count: p.headcount })}`}
            />
          ))}
          {orders.map((o) => (
            <TargetResult
              key={o.id}
              kind="order"
              target={o}
              about={`${o.employer.name} · ${t(`trainingKind.${o.kind}`)} · ${en ? o.occupation.nameEn : o.occupation.nameZh} · ${name(o.locationRegion)}`}
              facts={`${t("matching.places", { count: o.classSize })}${o.commitWage ? ` · ${t("matching.wageFrom", { min: o.commitWage })}` : ""}`}
            />
          ))}
        </ul>
      )}
      <Pager page={page} total={total} pageSize={pageSize} label={t("coordinator.pages")} />
    </>
  );
}

/** One posting or order found: its title and status, what it is (`about`, `facts`), and the link to its matches. */
function TargetResult({
  kind,
  target,
  about,
  facts,
}: {
  kind: "posting" | "order";
  target: { id: string; title: string; status: string; _count: { matches: number } };
  about: string;
  facts: string;
}) {
  const { t } = useTranslation();
  const to = `/coordinator/${kind}s/${target.id}/matches`;
  return (
    <li className="candidate" data-testid="target-result">
      <div className="candidate-head">
        <Link className="candidate-name" to={to}>
          {target.title}
        </Link>
        <StatusBadge kind={kind} status={target.status} />
      </div>
      <p className="muted">{about}</p>
      <p>
        {facts} · <Link to={to}>{t("matching.search.matchCount", { count: target._count.matches })}</Link>
      </p>
    </li>
  );
}
