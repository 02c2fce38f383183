// One subsidy claim: the policy and legal source it was computed with, the records that prove it,
// flags with their reasons, the payee account (masked; the full number is an audited reveal; once
// approved, the account recorded at approval), submitting for approval, and the decision by another
// coordinator (a reason to reject), which names the account it approves.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { usePunct } from "~/components/local-name";
import {
  ClaimFlags,
  ClaimStatusBadge,
  FieldError,
  ProblemField,
  TextField,
  issuesToProblems,
  problemReply,
  useMessage,
  yuan,
} from "~/features/subsidies/index";
import { BackLink } from "~/components/back-link";
import { Facts } from "~/components/facts";
import { SubmitButtons } from "~/components/submit-buttons";
import { AccountSchema, DecisionSchema } from "~/features/subsidies/index";
import { requireCoordinator } from "~/services/auth.server";
import { clientIp, invariantResponse } from "~/services/http.server";
import { readFormPost } from "~/platform/form-post.server";
import { claimFor, decideClaim, prepareClaims, revealClaimAccount, setClaimAccount } from "~/features/subsidies/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { Card } from "~/components/card";
import { Message } from "~/components/message";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["coordinator", "subsidy", "training"] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const claim = await claimFor(principal, params.claimId ?? "", clientIp(request));
  invariantResponse(claim, "Not found");
  return { claim };
}

type Problem = { field: string; message: string };
type Reply = { intent: string; problems?: Problem[]; values?: Record<string, string>; done?: boolean; accountNumber?: string | null };
const NAMES = new Set(["intent", "holderName", "bankName", "accountNumber", "decision", "note", "account"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const read = await readFormPost(request, NAMES);
  if (!read.ok) throw read.response;
  const form = Object.fromEntries([...read.formData].map(([k, v]) => [k, String(v)]));
  const intent = form.intent ?? "";
  const id = params.claimId ?? "";
  const ctx = { ip: clientIp(request) };
  // Typed values travel back on a problem, except the account number (sensitive: retyped, never echoed).
  const values = { ...form, accountNumber: "" };
  const fail = (problems: Problem[], status = 400) => data<Reply>({ intent, problems, values }, { status });
  if (intent === "reveal") {
    const r = await revealClaimAccount(principal, id, ctx);
    invariantResponse(r, "Not found");
    return data<Reply>({ intent, accountNumber: r.accountNumber });
  }
  let outcome;
  if (intent === "account") {
    const parsed = AccountSchema.safeParse(form);
    if (!parsed.success) return fail(issuesToProblems(parsed.error.issues));
    outcome = await setClaimAccount(principal, id, parsed.data, ctx);
  } else if (intent === "prepare") {
    outcome = await prepareClaims(principal, [id], ctx);
  } else if (intent === "decide") {
    const parsed = DecisionSchema.safeParse(form);
    if (!parsed.success) return fail(issuesToProblems(parsed.error.issues));
    outcome = await decideClaim(principal, id, parsed.data, ctx);
  } else {
    return fail([{ field: "form", message: "subsidy.invalidChoice" }]);
  }
  invariantResponse(outcome, "Not found");
  if (!outcome.ok) {
    const [{ problems }, { status }] = problemReply(outcome, intent === "account" ? "accountNumber" : intent === "decide" ? "note" : "form");
    return fail(problems, status);
  }
  return data<Reply>({ intent, done: true });
}

export default function SubsidyClaim() {
  const { claim: c } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const nav = useNavigation();
  const { t, i18n } = useTranslation();
  const punct = usePunct();
  const msg = useMessage();
  const en = i18n.language === "en";
  const problemsOf = (intent: string) => (reply?.intent === intent ? reply.problems : undefined);
  return (
    <>
      <BackLink to="/coordinator/subsidies">← {t("subsidy.claims.title")}</BackLink>
      <section className="card">
        <h1 data-testid="claim-title">
          {c.worker.fullName} · {t(`subsidy.kind.${c.kind}`)}
        </h1>
        <p>
          <ClaimStatusBadge status={c.status} /> <strong data-testid="claim-amount">{t("subsidy.claims.yuan", { amount: yuan(c.amount) })}</strong>
        </p>
        {c.statusNote ? (
          <p data-testid="claim-status-note">
            {t("subsidy.claim.statusNote")}
            {punct.colon}
            {c.statusNote.startsWith("evidenceChanged") ? t("subsidy.flag.evidenceChanged") : c.statusNote}
          </p>
        ) : null}
        <Facts
          facts={[
            {
              label: t("subsidy.claim.policy"),
              value: (
                <>
                  {en ? c.policy.nameEn : c.policy.nameZh}{" "}
                  <small className="muted">
                    ({c.policy.code} v{c.policy.version}) · {yuan(c.policy.amount)} {t(`subsidy.unit.${c.policy.unit}`)}
                  </small>
                </>
              ),
            },
            {
              label: t("subsidy.claim.source"),
              testId: "claim-source",
              value: c.policy.sourceUrl ? (
                <a href={c.policy.sourceUrl} rel="noreferrer noopener" target="_blank">
                  {c.policy.legalSource}
                </a>
              ) : (
                c.policy.legalSource
              ),
            },
            { label: t("subsidy.claim.period"), value: c.period },
            { label: t("subsidy.claim.units"), value: c.units },
            { label: t("subsidy.claims.payee"), value: `${t(`subsidy.payee.${c.payeeType}`)} · ${c.payeeName}` },
            { label: t("coordinator.idNumber"), value: <code>{c.worker.idNumberMasked}</code> },
            c.preparedBy && { label: t("subsidy.claim.preparedBy"), value: c.preparedBy, testId: "claim-prepared-by" },
            c.approvedBy && { label: t("subsidy.claim.approvedBy"), value: c.approvedBy },
            c.paymentBatch && {
              label: t("subsidy.claim.batch"),
              value: <Link to={`/coordinator/subsidies/batches/${c.paymentBatch.id}`}>{c.paymentBatch.number}</Link>,
            },
            c.bankReference && { label: t("subsidy.claim.bankReference"), value: c.bankReference },
          ]}
        />
      </section>
      <Card title={t("subsidy.claim.evidence")}>
        <ul className="plain-list" data-testid="claim-evidence">
          {(c.evidence as { type: string; id: string; label: string; level?: string }[]).map((e) => (
            <li key={`${e.type}-${e.id}`}>
              {t(`subsidy.evidence.${e.type}`)}
              {punct.colon}
              {e.type === "trainingClass" ? (
                <Link to={`/coordinator/classes/${e.id}`}>{e.label}</Link>
              ) : e.type === "placement" ? (
                <Link to={`/coordinator/placements/${e.id}`}>{e.label}</Link>
              ) : e.label === "COMPLETED" ? (
                t("training.enrollmentStatus.COMPLETED")
              ) : (
                e.label
              )}
              {e.type === "assessment" && e.level ? (
                <span data-testid="evidence-certificate-level"> · {t(`training.certificateLevels.${e.level}`)}</span>
              ) : null}
            </li>
          ))}
        </ul>
        <h2>{t("subsidy.claims.flags")}</h2>
        <ClaimFlags flags={c.flags} />
      </Card>
      <Card title={t("subsidy.claim.account")}>
        {c.accountApproved ? (
          <p className="muted" data-testid="claim-account-approved">
            {t("subsidy.claim.approvedAccount")}
          </p>
        ) : null}
        {c.account ? (
          <p data-testid="claim-account">
            {c.account.holderName} · {c.account.bankName} ·{" "}
            <code data-testid="account-number">{reply?.intent === "reveal" && reply.accountNumber ? reply.accountNumber : c.account.accountMasked}</code>
          </p>
        ) : (
          <p className="empty" data-testid="claim-no-account">
            {t("subsidy.claim.noAccount")}
          </p>
        )}
        {reply?.intent === "reveal" ? (
          <p className="notice" role="status">
            {t("subsidy.claim.revealed")}
          </p>
        ) : c.account ? (
          <Form method="post">
            <button type="submit" name="intent" value="reveal" className="secondary" data-testid="account-reveal">
              {t("subsidy.claim.reveal")}
            </button>
          </Form>
        ) : null}
        {c.status === "OPEN" ? (
          <Form method="post" data-testid="account-form" noValidate>
            {/* Shown once the page has re-read the claim: the action's answer arrives before the revalidated account. */}
            <Message testId="account-saved">{reply?.intent === "account" && reply.done && nav.state === "idle" && t("subsidy.claim.accountSaved")}</Message>
            <TextField
              name="holderName"
              label={t("subsidy.claim.holderName")}
              problems={problemsOf("account")}
              values={reply?.intent === "account" ? reply.values : { holderName: c.account?.holderName ?? c.payeeName }}
            />
            <TextField
              name="bankName"
              label={t("subsidy.claim.bankName")}
              problems={problemsOf("account")}
              values={reply?.intent === "account" ? reply.values : { bankName: c.account?.bankName ?? "" }}
            />
            <TextField name="accountNumber" label={t("subsidy.claim.accountNumber")} problems={problemsOf("account")} inputMode="numeric" />
            <p className="muted" data-testid="account-scope">
              {t("subsidy.claim.accountScope")}
            </p>
            <SubmitButtons buttons={[{ value: "account", label: t("subsidy.claim.saveAccount"), testId: "account-save" }]} />
          </Form>
        ) : null}
      </Card>
      {c.canPrepare ? (
        <section className="card">
          <Form method="post">
            <FieldError id="prepare-error" problems={problemsOf("prepare")} field="form" />
            <SubmitButtons buttons={[{ value: "prepare", label: t("subsidy.claim.prepare"), primary: true, testId: "claim-prepare" }]} />
          </Form>
        </section>
      ) : null}
      <Message testId="claim-prepared">{reply?.intent === "prepare" && reply.done && t("subsidy.claim.preparedNotice")}</Message>
      <Message testId="claim-decided">
        {reply?.intent === "decide" && reply.done && t("subsidy.claim.decided", { status: t(`subsidy.status.${c.status}`) })}
      </Message>
      {c.canDecide ? (
        <Card title={t("subsidy.claim.decide")}>
          {c.canDecide !== "yes" && c.canDecide !== "flaggedNoteRequired" ? (
            <p className="notice" data-testid="claim-cannot-decide">
              {t("subsidy.claim.cannotDecide")}
              {t(`subsidy.refusal.${c.canDecide}`)}
            </p>
          ) : (
            <Form method="post" data-testid="decide-form" noValidate>
              {c.account ? (
                <p data-testid="decide-account">
                  {t("subsidy.claim.approvesAccount")}
                  {c.account.holderName} · {c.account.bankName} · <code>{c.account.accountMasked}</code>
                </p>
              ) : null}
              <input type="hidden" name="account" value={c.accountStamp ?? "none"} />
              <ProblemField name="note" label={t("subsidy.claim.note")} problems={problemsOf("decide")}>
                {(control) => <textarea {...control} name="note" rows={3} defaultValue={reply?.intent === "decide" ? (reply.values?.note ?? "") : ""} />}
              </ProblemField>
              <SubmitButtons
                name="decision"
                buttons={[
                  { value: "approve", label: t("subsidy.claim.approve"), primary: true, testId: "claim-approve" },
                  { value: "reject", label: t("subsidy.claim.reject"), testId: "claim-reject" },
                ]}
              />
              <input type="hidden" name="intent" value="decide" />
            </Form>
          )}
        </Card>
      ) : null}
      {reply?.problems && reply.intent !== "account" && reply.intent !== "decide" ? (
        <p className="errors" role="alert">
          {reply.problems.map((p) => msg(p.message)).join(punct.semicolon)}
        </p>
      ) : null}
      <Card title={t("subsidy.claim.history")}>
        <ol className="plain-list" data-testid="claim-history">
          {c.history.map((h, i) => (
            <li key={i}>
              <small className="muted">{h.at}</small> {t(`subsidy.audit.${h.action}`, { defaultValue: h.action })} · {h.actor ?? t("subsidy.claim.system")}
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
