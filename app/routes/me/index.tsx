import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Invitations, type InvitationReply } from "~/features/employers/index";
import { InvitationAnswerSchema } from "~/features/employers/index";
import { requireJobSeeker } from "~/services/auth.server";
import { answerInvitation, invitationsFor } from "~/features/employers/index.server";
import { clientIp, invariantResponse } from "~/services/http.server";
import { readFormPost } from "~/platform/form-post.server";
import { seekerHome } from "~/features/registration/index.server";
import { Recommendations } from "~/features/matching/index";
import { recommendationsFor } from "~/features/matching/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { Card } from "~/components/card";
import { Message } from "~/components/message";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "matching", "me", "out", "ref", "reg"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireJobSeeker(request, context);
  const [home, offers, recommended] = await Promise.all([seekerHome(principal), invitationsFor(principal), recommendationsFor(principal)]);
  return { ...home, offers, recommended };
}

/** Answering an invitation: accept, decline (reason optional) or withdraw an acceptance. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { principal } = await requireJobSeeker(request, context);
  const read = await readFormPost(request, new Set(Object.keys(InvitationAnswerSchema.shape)));
  if (!read.ok) throw read.response;
  const parsed = InvitationAnswerSchema.safeParse(Object.fromEntries(read.formData));
  invariantResponse(parsed.success, "Bad request", { status: 400 });
  const { intent, matchId, reason } = parsed.data;
  const result = await answerInvitation(principal, matchId, intent, reason, clientIp(request));
  invariantResponse(result, "Not found");
  if (!result.ok)
    return data<{ answer: InvitationReply }>(
      { answer: { matchId, formErrors: [result.kind === "refused" ? result.message : "emp.conflict"] } },
      { status: 409 },
    );
  return data<{ answer: InvitationReply }>({ answer: { matchId, done: intent } });
}

export default function SeekerHome() {
  const { worker, offers, trainingPlaces, recommended } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <>
      <h1 data-testid="seeker-home">{t("me.title")}</h1>
      <Message>{params.get("welcome") && t("reg.welcome")}</Message>
      <Message>{params.get("saved") && t("me.saved")}</Message>
      {worker ? (
        <Card title={worker.fullName}>
          <p>
            {t("me.status")}: <span className="badge ok">{t(`workerStatus.${worker.status}`)}</span>
          </p>
          <p>
            <Link className="button" to="/me/profile">
              {t("me.editProfile")}
            </Link>
          </p>
        </Card>
      ) : null}
      <Invitations invited={offers.invited} accepted={offers.accepted} reply={data?.answer} />
      <Recommendations {...recommended} />
      <Card title={t("me.training")}>
        {trainingPlaces.length === 0 ? (
          <p className="empty">{t("me.noTraining")}</p>
        ) : (
          <ul>
            {trainingPlaces.map((e) => (
              <li key={e.id}>{e.class.name}</li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
