// One subsidy claim: the policy and legal source it was computed with, the records that prove it,
// flags with their reasons, the payee account (masked; the full number is an audited reveal),
// submitting for approval, and the decision by another coordinator (a reason to reject).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClaimFlags, ClaimStatusBadge, FieldError, TextField, issuesToProblems, useMessage, yuan } from "~/features/subsidies/index";
import { AccountSchema, DecisionSchema } from "~/features/subsidies/index";
import { requireCoordinator } from "~/services/auth.server";
import { clientIp, invariantResponse } from "~/services/http.server";
import { readFormPost } from "~/platform/form-post.server";
import { claimFor, decideClaim, prepareClaims, revealClaimAccount, setClaimAccount } from "~/features/subsidies/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

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
const NAMES = new Set(["intent", "holderName", "bankName", "accountNumber", "decision", "note"]);

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
    if (outcome.kind === "invalid") return fail(outcome.problems);
    return fail(
      [
        {
          field: intent === "account" ? "accountNumber" : intent === "decide" ? "note" : "form",
          message: outcome.kind === "refused" ? outcome.message : "subsidy.refusal.changed",
        },
      ],
      409,
    );
  }
  return data<Reply>({ intent, done: true });
}

export default function SubsidyClaim() {
  const { claim: c } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const nav = useNavigation();
  const { t, i18n } = useTranslation();
  const msg = useMessage();
  const en = i18n.language === "en";
  const problemsOf = (intent: string) => (reply?.intent === intent ? reply.problems : undefined);
  return (
    <>
      <p>
        <Link to="/coordinator/subsidies">← {t("subsidy.claims.title")}</Link>
      </p>
      <section className="card">
        <h1 data-testid="claim-title">
          {c.worker.fullName} · {t(`subsidy.kind.${c.kind}`)}
        </h1>
        <p>
          <ClaimStatusBadge status={c.status} /> <strong data-testid="claim-amount">{t("subsidy.claims.yuan", { amount: yuan(c.amount) })}</strong>
        </p>
        {c.statusNote ? (
          <p data-testid="claim-status-note">
            {t("subsidy.claim.statusNote")}：{c.statusNote.startsWith("evidenceChanged") ? t("subsidy.flag.evidenceChanged") : c.statusNote}
          </p>
        ) : null}
        <dl className="facts">
          <dt>{t("subsidy.claim.policy")}</dt>
          <dd>
            {en ? c.policy.nameEn : c.policy.nameZh}{" "}
            <small className="muted">
              ({c.policy.code} v{c.policy.version}) · {yuan(c.policy.amount)} {t(`subsidy.unit.${c.policy.unit}`)}
            </small>
          </dd>
          <dt>{t("subsidy.claim.source")}</dt>
          <dd data-testid="claim-source">
            {c.policy.sourceUrl ? (
              <a href={c.policy.sourceUrl} rel="noreferrer noopener" target="_blank">
                {c.policy.legalSource}
              </a>
            ) : (
              c.policy.legalSource
            )}
          </dd>
          <dt>{t("subsidy.claim.period")}</dt>
          <dd>{c.period}</dd>
          <dt>{t("subsidy.claim.units")}</dt>
          <dd>{c.units}</dd>
          <dt>{t("subsidy.claims.payee")}</dt>
          <dd>
            {t(`subsidy.payee.${c.payeeType}`)} · {c.payeeName}
          </dd>
          <dt>{t("coordinator.idNumber")}</dt>
          <dd>
            <code>{c.worker.idNumberMasked}</code>
          </dd>
          {c.preparedBy ? (
            <>
              <dt>{t("subsidy.claim.preparedBy")}</dt>
              <dd data-testid="claim-prepared-by">{c.preparedBy}</dd>
            </>
          ) : null}
          {c.approvedBy ? (
            <>
              <dt>{t("subsidy.claim.approvedBy")}</dt>
              <dd>{c.approvedBy}</dd>
            </>
          ) : null}
          {c.paymentBatch ? (
            <>
              <dt>{t("subsidy.claim.batch")}</dt>
              <dd>
                <Link to={`/coordinator/subsidies/batches/${c.paymentBatch.id}`}>{c.paymentBatch.number}</Link>
              </dd>
            </>
          ) : null}
          {c.bankReference ? (
            <>
              <dt>{t("subsidy.claim.bankReference")}</dt>
              <dd>{c.bankReference}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card">
        <h2>{t("subsidy.claim.evidence")}</h2>
        <ul className="plain-list" data-testid="claim-evidence">
          {(c.evidence as { type: string; id: string; label: string; level?: string }[]).map((e) => (
            <li key={`${e.type}-${e.id}`}>
              {t(`subsidy.evidence.${e.type}`)}：
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
      </section>
      <section className="card">
        <h2>{t("subsidy.claim.account")}</h2>
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
            {reply?.intent === "account" && reply.done && nav.state === "idle" ? (
              <p className="notice" role="status" data-testid="account-saved">
                {t("subsidy.claim.accountSaved")}
              </p>
            ) : null}
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
            <div className="row actions">
              <button type="submit" name="intent" value="account" className="secondary" disabled={nav.state !== "idle"} data-testid="account-save">
                {t("subsidy.claim.saveAccount")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>
      {c.canPrepare ? (
        <section className="card">
          <Form method="post">
            <FieldError id="prepare-error" problems={problemsOf("prepare")} field="form" />
            <div className="row actions">
              <button type="submit" name="intent" value="prepare" className="primary" disabled={nav.state !== "idle"} data-testid="claim-prepare">
                {t("subsidy.claim.prepare")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      {reply?.intent === "prepare" && reply.done ? (
        <p className="notice" role="status" data-testid="claim-prepared">
          {t("subsidy.claim.preparedNotice")}
        </p>
      ) : null}
      {reply?.intent === "decide" && reply.done ? (
        <p className="notice" role="status" data-testid="claim-decided">
          {t("subsidy.claim.decided", { status: t(`subsidy.status.${c.status}`) })}
        </p>
      ) : null}
      {c.canDecide ? (
        <section className="card">
          <h2>{t("subsidy.claim.decide")}</h2>
          {c.canDecide !== "yes" && c.canDecide !== "flaggedNoteRequired" ? (
            <p className="notice" data-testid="claim-cannot-decide">
              {t("subsidy.claim.cannotDecide")}
              {t(`subsidy.refusal.${c.canDecide}`)}
            </p>
          ) : (
            <Form method="post" data-testid="decide-form" noValidate>
              <div className="field">
                <label htmlFor="f-note">{t("subsidy.claim.note")}</label>
                <textarea
                  id="f-note"
                  name="note"
                  rows={3}
                  defaultValue={reply?.intent === "decide" ? (reply.values?.note ?? "") : ""}
                  aria-invalid={problemsOf("decide")?.some((p) => p.field === "note") || undefined}
                  aria-describedby="f-note-error"
                />
                <FieldError id="f-note-error" problems={problemsOf("decide")} field="note" />
              </div>
              <div className="row actions">
                <button type="submit" name="decision" value="approve" className="primary" disabled={nav.state !== "idle"} data-testid="claim-approve">
                  {t("subsidy.claim.approve")}
                </button>
                <button type="submit" name="decision" value="reject" className="secondary" disabled={nav.state !== "idle"} data-testid="claim-reject">
                  {t("subsidy.claim.reject")}
                </button>
              </div>
              <input type="hidden" name="intent" value="decide" />
            </Form>
          )}
        </section>
      ) : null}
      {reply?.problems && reply.intent !== "account" && reply.intent !== "decide" ? (
        <p className="errors" role="alert">
          {reply.problems.map((p) => msg(p.message)).join("；")}
        </p>
      ) : null}
      <section className="card">
        <h2>{t("subsidy.claim.history")}</h2>
        <ol className="plain-list" data-testid="claim-history">
          {c.history.map((h, i) => (
            <li key={i}>
              <small className="muted">{h.at}</small> {t(`subsidy.audit.${h.action}`, { defaultValue: h.action })} · {h.actor ?? t("subsidy.claim.system")}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
