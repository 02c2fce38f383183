import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/services/auth.server";
import { seekerHome } from "~/services/seeker.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { principal } = await requireUser(request, ["JOB_SEEKER"]);
  return seekerHome(principal);
}

export default function SeekerHome() {
  const { worker, invitations, trainingPlaces } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <>
      <h1 data-testid="seeker-home">{t("me.title")}</h1>
      {params.get("welcome") ? <p className="notice" role="status">{t("reg.welcome")}</p> : null}
      {params.get("saved") ? <p className="notice" role="status">{t("me.saved")}</p> : null}
      {worker ? (
        <section className="card">
          <h2>{worker.fullName}</h2>
          <p>{t("me.status")}: <span className="badge ok">{t(`workerStatus.${worker.status}`)}</span></p>
          <p><Link className="button" to="/me/profile">{t("me.editProfile")}</Link></p>
        </section>
      ) : null}
      <section className="card">
        <h2>{t("me.offers")}</h2>
        {invitations.length === 0 ? <p className="empty">{t("me.noOffers")}</p> : <ul>{invitations.map((m) => <li key={m.id}>{m.posting?.title}</li>)}</ul>}
      </section>
      <section className="card">
        <h2>{t("me.training")}</h2>
        {trainingPlaces.length === 0 ? <p className="empty">{t("me.noTraining")}</p> : <ul>{trainingPlaces.map((e) => <li key={e.id}>{e.class.name}</li>)}</ul>}
      </section>
    </>
  );
}
