// Lists of classes and the completion-rate table, for the coordinator's and the provider's homes.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ClassStatus, RateDimension, RateRow } from "~/domain/training-class";
import { ClassStatusBadge } from "./class-page";
import { useLocalName } from "~/components/local-name";

type ClassRow = {
  id: string;
  name: string;
  status: ClassStatus;
  capacity: number;
  startDate: string;
  endDate: string;
  enrolled: number;
  waitlisted: number;
  completed: number;
  failed: number;
  dropped: number;
  occupation: { nameZh: string; nameEn: string };
  provider: { name: string };
  region: { name: string; nameEn: string | null };
};

const pct = (r: number | null) => (r === null ? "—" : `${Math.round(r * 100)}%`);

/** Classes as cards (phones) that read as a list; each links to its page. */
export function ClassList({ rows, base }: { rows: ClassRow[]; base: string }) {
  const { t } = useTranslation();
  const name = useLocalName();
  if (rows.length === 0) return <p className="empty">{t("training.noClasses")}</p>;
  return (
    <ul className="plain-list items" data-testid="class-list">
      {rows.map((c) => {
        const outcomes = c.completed + c.failed + c.dropped;
        return (
          <li key={c.id} data-testid="class-row" data-class-id={c.id}>
            <Link to={`${base}/${c.id}`}>{c.name}</Link> <ClassStatusBadge status={c.status} />
            <br />
            <small className="muted">
              {name({ name: c.occupation.nameZh, nameEn: c.occupation.nameEn })} · {c.provider.name} · {name(c.region)} · {c.startDate.slice(0, 10)} –{" "}
              {c.endDate.slice(0, 10)}
              {" · "}
              {t("training.columns.seats")} {c.enrolled}/{c.capacity}
              {c.waitlisted ? ` · ${t("training.columns.waitlisted")} ${c.waitlisted}` : ""}
              {outcomes ? ` · ${t("training.columns.rate")} ${pct(c.completed / outcomes)}` : ""}
            </small>
          </li>
        );
      })}
    </ul>
  );
}

/** Completion rates by one dimension, with a switch between dimensions (plain links, no JS needed). */
export function RatesTable({ rows, by, dimensions, path }: { rows: RateRow[]; by: RateDimension; dimensions: readonly RateDimension[]; path: string }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" data-testid="completion-rates">
      <h2>{t("training.rates.title")}</h2>
      <p className="row">
        {dimensions.map((d) => (
          <Link key={d} to={`${path}?by=${d}`} aria-current={d === by ? "page" : undefined} className={d === by ? "badge ok" : "badge"} preventScrollReset>
            {t(`training.dimension.${d}`)}
          </Link>
        ))}
      </p>
      {rows.length === 0 ? (
        <p className="empty">{t("training.rates.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t(`training.dimension.${by}`)}</th>
                <th>{t("training.columns.rate")}</th>
                <th>{t("training.rates.completed")}</th>
                <th>{t("training.rates.failed")}</th>
                <th>{t("training.rates.dropped")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key ?? "none"} data-testid="rate-row" data-key={r.key ?? ""}>
                  <td>{r.key === null ? t("training.countyPlan") : i18n.language === "en" ? r.labelEn : r.label}</td>
                  <td>
                    <strong>{pct(r.rate)}</strong>
                  </td>
                  <td>{r.completed}</td>
                  <td>{r.failed}</td>
                  <td>{r.dropped}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint muted">{t("training.rates.explain")}</p>
    </section>
  );
}
