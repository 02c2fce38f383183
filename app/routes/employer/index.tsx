import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ButtonLinks } from "~/components/button-links";
import { ListCard } from "~/components/list-card";
import { Message } from "~/components/message";
import { CommitmentsCard, isoDay } from "~/features/employers/index";
import { requireEmployer } from "~/services/auth.server";
import { employerHome } from "~/features/employers/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { StatusBadge } from "~/components/status-badge";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "reg"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireEmployer(request, context);
  return employerHome(principal);
}

export default function EmployerHome() {
  const { employer, postings, orders, commitments } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const canWrite = employer?.status === "PENDING" || employer?.status === "VERIFIED";
  return (
    <>
      <h1 data-testid="employer-home">{employer?.name ?? t("employer.title")}</h1>
      {params.get("welcome") ? <Message>{t("emp.signup.welcome")}</Message> : null}
      {employer ? (
        <section className="card" data-testid="employer-status">
          <p>
            {t("employer.status")}: <StatusBadge kind="employer" status={employer.status} />
          </p>
          <p className={employer.status === "VERIFIED" ? "muted" : "notice"}>
            {t(`emp.statusNote.${employer.status}`, { reason: employer.statusReason ?? "" })}
          </p>
          {canWrite ? (
            <ButtonLinks
              as="div"
              className="row actions"
              links={[
                { to: "/employer/postings/new", label: t("emp.home.newPosting") },
                { to: "/employer/orders/new", label: t("emp.home.newOrder") },
                { to: "/employer/postings/upload", label: t("emp.home.upload") },
              ]}
            />
          ) : null}
        </section>
      ) : null}
      <ListCard
        title={t("emp.home.postings")}
        rows={postings}
        empty={t("emp.home.noPostings")}
        testId="postings"
        item={(p) => (
          <>
            <Link to={`/employer/postings/${p.id}`}>{p.title}</Link> <StatusBadge kind="posting" status={p.status} />
          </>
        )}
        detail={(p) => (
          <>
            {t("employer.headcount")} {p.headcount} · {t("emp.wageRange", { min: p.wageMin, max: p.wageMax })} ·{" "}
            {t("emp.home.candidatesCount", { count: p._count.matches })}
            {p.deadline ? ` · ${t("emp.home.deadline")} ${isoDay(p.deadline)}` : ""}
          </>
        )}
      />
      <ListCard
        title={t("emp.home.orders")}
        rows={orders}
        empty={t("emp.home.noOrders")}
        testId="orders"
        item={(o) => (
          <>
            <Link to={`/employer/orders/${o.id}`}>{o.title}</Link> <span className="badge">{t(`trainingKind.${o.kind}`)}</span>{" "}
            <StatusBadge kind="order" status={o.status} />
          </>
        )}
        detail={(o) => (
          <>
            {t("emp.order.classSize")} {o.classSize}
            {o.commitHires ? ` · ${t("emp.order.commitHires")} ${o.commitHires}` : ""} · {t("emp.home.candidatesCount", { count: o._count.matches })}
          </>
        )}
      />
      <CommitmentsCard commitments={commitments} orders={orders} />
    </>
  );
}
