import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Invitations, type InvitationReply } from "~/features/employers/index";
import { InvitationAnswerSchema } from "~/features/employers/index";
import { requireUser } from "~/services/auth.server";
import { answerInvitation, invitationsFor } from "~/features/employers/index.server";
import { clientIp, invariantResponse } from "~/services/http.server";
import { readFormPost } from "~/features/registration/index.server";
import { seekerHome } from "~/features/registration/index.server";
import { Recommendations } from "~/features/matching/index";
import { recommendationsFor } from "~/features/matching/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { principal } = await requireUser(request, ["JOB_SEEKER"]);
  const [home, offers, recommended] = await Promise.all([seekerHome(principal), invitationsFor(principal), recommendationsFor(principal)]);
  return { ...home, offers, recommended };
}

/** Answering an invitation: accept, decline (reason optional) or withdraw an acceptance. */
export async function action({ request }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["JOB_SEEKER"]);
  const read = await readFormPost(request, new Set(Object.keys(InvitationAnswerSchema.shape)));
  if (!read.ok) throw read.response;
  const parsed = InvitationAnswerSchema.safeParse(Object.fromEntries(read.formData));
  invariantResponse(parsed.success, "Bad request", { status: 400 });
  const { intent, matchId, reason } = parsed.data;
  const result = await answerInvitation(principal, matchId, intent, reason, clientIp(request));
  invariantResponse(result, "Not found");
  if (!result.ok) return Response.json({ answer: { matchId, formErrors: [result.kind === "refused" ? result.message : "emp.conflict"] } satisfies InvitationReply }, { status: 409 });
  return { answer: { matchId, done: intent } satisfies InvitationReply };
}

export default function SeekerHome() {
  const { worker, offers, trainingPlaces, recommended } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { answer?: InvitationReply } | undefined;
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
      <Invitations invited={offers.invited} accepted={offers.accepted} reply={data?.answer} />
      <Recommendations {...recommended} />
      <section className="card">
        <h2>{t("me.training")}</h2>
        {trainingPlaces.length === 0 ? <p className="empty">{t("me.noTraining")}</p> : <ul>{trainingPlaces.map((e) => <li key={e.id}>{e.class.name}</li>)}</ul>}
      </section>
    </>
  );
}
