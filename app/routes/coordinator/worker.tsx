import { chinaDay } from "~/platform/china-time";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { usePunct } from "~/components/local-name";
import { readFormPost } from "~/platform/form-post.server";
import { requireCoordinator } from "~/services/auth.server";
import { clientIp, invariantResponse } from "~/services/http.server";
import { getWorkerMasked, revealWorkerPii } from "~/features/registration/index.server";
import { RematchButton, WorkerMatches } from "~/features/matching/index";
import { rematchFromPage, workerMatchesForStaff } from "~/features/matching/index.server";
import { placeName } from "~/domain/place-names";
import type { RouteStrings } from "~/i18n/namespaces";
import { Message } from "~/components/message";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "coordinator", "emp", "matching", "out", "ref", "reg"] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const worker = await getWorkerMasked(principal, params.workerId ?? "");
  invariantResponse(worker, "Not found");
  const matches = await workerMatchesForStaff(principal, worker.id);
  return { worker, matches };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const form = request.headers.get("Content-Type")?.includes("form") ? await readFormPost(request.clone(), new Set(["intent"])) : null;
  if (form && !form.ok) throw form.response;
  if (form?.formData.get("intent") === "rematch") {
    return rematchFromPage(principal, request, { entityType: "worker", entityId: params.workerId ?? "" }, clientIp(request));
  }
  const revealed = await revealWorkerPii(principal, params.workerId ?? "", clientIp(request));
  invariantResponse(revealed, "Not found");
  return { revealed };
}

export default function CoordinatorWorker() {
  const { worker, matches } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const revealed = data && "revealed" in data ? data.revealed : undefined;
  const queued = data && "queued" in data ? data.queued : undefined;
  const { t, i18n } = useTranslation();
  const punct = usePunct();
  const en = i18n.language === "en";
  return (
    <>
      <section className="card">
        <h1>{worker.fullName}</h1>
        <dl className="facts">
          <dt>{t("coordinator.idNumber")}</dt>
          <dd>
            <code data-testid="id-number">{revealed?.idNumber ?? worker.idNumberMasked}</code>
            <Message testId="id-area-unknown">{worker.idAreaUnknown && t("ref.idAreaUnknown")}</Message>
          </dd>
          <dt>{t("coordinator.phone")}</dt>
          <dd>
            <code>{revealed ? (revealed.phone ?? "—") : (worker.phoneMasked ?? "—")}</code>
          </dd>
          <dt>{t("coordinator.county")}</dt>
          <dd>{placeName({ code: worker.countyCode, ...worker.county }, i18n.language)}</dd>
          <dt>{t("coordinator.status")}</dt>
          <dd>{t(`workerStatus.${worker.status}`)}</dd>
          <dt>{t("coordinator.poor")}</dt>
          <dd>{worker.isRegisteredPoor ? t("common.yes") : t("common.no")}</dd>
          <dt>{t("coordinator.skills")}</dt>
          <dd>
            {worker.skills
              .map((s) => `${en ? s.occupation.nameEn : s.occupation.nameZh}${s.level ? ` (${t("coordinator.level", { level: s.level })})` : ""}`)
              .join(punct.comma) || t("common.none")}
          </dd>
          <dt>{t("coordinator.minWage")}</dt>
          <dd>{worker.preference?.minMonthlyWage ?? "—"}</dd>
          <dt>{t("coordinator.source")}</dt>
          <dd data-testid="entry-source">
            {t(`coordinator.sources.${worker.source}`)}
            {worker.enteredBy ? ` · ${t("coordinator.enteredBy", { name: worker.enteredBy.displayName })}` : ""}
          </dd>
          <dt>{t("coordinator.registeredAt")}</dt>
          <dd>{chinaDay(worker.createdAt)}</dd>
          <dt>{t("coordinator.consents")}</dt>
          <dd>
            {worker.consents.map((c) => `${t(`coordinator.consentPurpose.${c.purpose}`)} (${c.textVersion}, ${chinaDay(c.grantedAt)})`).join(punct.semicolon) ||
              t("common.none")}
          </dd>
        </dl>
        {revealed ? (
          <p className="notice" role="status">
            {t("common.revealed")}
          </p>
        ) : (
          <Form method="post">
            <button type="submit" className="secondary">
              {t("common.reveal")}
            </button>
          </Form>
        )}
      </section>
      {matches ? (
        <>
          <WorkerMatches matches={matches.matches} nearMisses={matches.nearMisses} />
          <section className="card">
            <RematchButton done={queued === true} failed={queued === false} />
          </section>
        </>
      ) : null}
    </>
  );
}
