import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/services/auth.server";
import { employerHome } from "~/services/employer.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { principal } = await requireUser(request, ["EMPLOYER"]);
  return employerHome(principal);
}

export default function EmployerHome() {
  const { employer, postings, orders } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1 data-testid="employer-home">{employer?.name ?? t("employer.title")}</h1>
      {employer ? <p>{t("employer.status")}: <span className={employer.status === "VERIFIED" ? "badge ok" : "badge warn"}>{t(`employerStatus.${employer.status}`)}</span></p> : null}
      {employer?.status === "PENDING" ? <p className="notice">{t("employer.pendingNote")}</p> : null}
      <section className="card">
        <h2>{t("employer.postings")}</h2>
        {postings.length === 0 ? <p className="empty">{t("employer.noPostings")}</p> : (
          <div className="table-wrap"><table>
            <thead><tr><th>{t("employer.postings")}</th><th>{t("employer.headcount")}</th><th>{t("employer.wage")}</th></tr></thead>
            <tbody>{postings.map((p) => <tr key={p.id}><td>{p.title}</td><td>{p.headcount}</td><td>{p.wageMin}–{p.wageMax}</td></tr>)}</tbody>
          </table></div>
        )}
      </section>
      <section className="card">
        <h2>{t("employer.trainingOrders")}</h2>
        {orders.length === 0 ? <p className="empty">{t("employer.noOrders")}</p> : (
          <ul>{orders.map((o) => <li key={o.id}>{o.title} · <span className="badge">{t(`trainingKind.${o.kind}`)}</span> · {o.classSize}</li>)}</ul>
        )}
      </section>
    </>
  );
}
