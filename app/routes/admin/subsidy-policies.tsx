// 补贴政策: policies as data. Each change is a new version (claims keep the version they were
// computed with); budgets per policy, county and year. Admins only; every change audited.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { usePunct } from "~/components/local-name";
import { Message } from "~/components/message";
import { FieldError, TextField, issuesToProblems, yuan } from "~/features/subsidies/index";
import { TRANSFER_TYPES } from "~/domain/placement";
import { CERTIFICATE_LEVELS, SUBSIDY_KINDS, SUBSIDY_PAYEES, SUBSIDY_UNITS } from "~/domain/subsidy";
import { BudgetSchema, PolicySchema } from "~/features/subsidies/index";
import { requireUser } from "~/services/auth.server";
import { clientIp } from "~/services/http.server";
import { readFormPost } from "~/platform/form-post.server";
import { listPolicies, savePolicyVersion, setBudget } from "~/features/subsidies/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { Card } from "~/components/card";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["subsidy", "training"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["ADMIN"]);
  return { policies: await listPolicies() };
}

type Problem = { field: string; message: string };
type Reply = { intent: string; problems?: Problem[]; values?: Record<string, string | string[]>; saved?: { code: string; version: number } | true };
const NAMES = new Set(["intent", ...Object.keys(PolicySchema.shape), ...Object.keys(BudgetSchema.shape), "budgetAmount"]);

export async function action({ request }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["ADMIN"]);
  const read = await readFormPost(request, NAMES);
  if (!read.ok) throw read.response;
  const form: Record<string, string | string[]> = {};
  for (const [k, v] of read.formData) {
    const prev = form[k];
    form[k] = prev === undefined ? String(v) : [...(Array.isArray(prev) ? prev : [prev]), String(v)];
  }
  const intent = String(form.intent ?? "");
  const fail = (problems: Problem[]) => data<Reply>({ intent, problems, values: form }, { status: 400 });
  const ctx = { ip: clientIp(request) };
  if (intent === "budget") {
    const parsed = BudgetSchema.safeParse({ ...form, amount: form.budgetAmount });
    if (!parsed.success) return fail(issuesToProblems(parsed.error.issues).map((p) => (p.field === "amount" ? { ...p, field: "budgetAmount" } : p)));
    const r = await setBudget(principal, parsed.data, ctx);
    if (!r.ok) return fail(r.kind === "invalid" ? r.problems : [{ field: "form", message: r.kind === "refused" ? r.message : "subsidy.refusal.changed" }]);
    return data<Reply>({ intent, saved: true });
  }
  const parsed = PolicySchema.safeParse(form);
  if (!parsed.success) return fail(issuesToProblems(parsed.error.issues));
  const r = await savePolicyVersion(principal, parsed.data, ctx);
  if (!r.ok) return fail(r.kind === "invalid" ? r.problems : [{ field: "form", message: r.kind === "refused" ? r.message : "subsidy.refusal.changed" }]);
  return data<Reply>({ intent, saved: { code: parsed.data.code, version: r.version } });
}

export default function SubsidyPolicies() {
  const { policies } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const nav = useNavigation();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const punct = usePunct();
  const en = i18n.language === "en";
  const from = policies.find((p) => p.current.code === params.get("from"))?.current;
  const pv =
    reply?.intent === "policy" && reply.problems
      ? reply.values
      : from
        ? ({
            ...Object.fromEntries(
              Object.entries(from).map(([k, v]) => [k, v === null ? "" : typeof v === "boolean" ? (v ? "on" : "") : Array.isArray(v) ? v : String(v)]),
            ),
            changeNote: "",
          } as Record<string, string | string[]>)
        : undefined;
  const pp = reply?.intent === "policy" ? reply.problems : undefined;
  const bp = reply?.intent === "budget" ? reply.problems : undefined;
  const bv = reply?.intent === "budget" && reply.problems ? reply.values : undefined;
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  /** A policy select; `any` is a first, empty choice (else the first option is the default). */
  const sel = (name: string, options: readonly string[], label: (o: string) => string, title: string, any?: string) => (
    <div className="field">
      <label htmlFor={`f-${name}`}>{title}</label>
      <select
        id={`f-${name}`}
        name={name}
        defaultValue={str(pv?.[name]) || (any === undefined ? options[0] : "")}
        aria-describedby={`f-${name}-error`}
        aria-invalid={pp?.some((x) => x.field === name) ? true : undefined}
      >
        {any === undefined ? null : <option value="">{any}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </select>
      <FieldError id={`f-${name}-error`} problems={pp} field={name} />
    </div>
  );
  const submit = (className: "primary" | "secondary", testId: string, label: string) => (
    <div className="row actions">
      <button type="submit" className={className} disabled={nav.state !== "idle"} data-testid={testId}>
        {label}
      </button>
    </div>
  );
  const check = (name: string, title: string) => (
    <label className="inline">
      <input type="checkbox" name={name} defaultChecked={pv?.[name] === "on"} /> {title}
    </label>
  );
  return (
    <>
      <h2 data-testid="policies-title">{t("subsidy.policies.title")}</h2>
      <p className="muted">{t("subsidy.policies.intro")}</p>
      {reply?.saved ? (
        <Message testId="policy-saved">{reply.saved === true ? t("subsidy.policies.budgetSaved") : t("subsidy.policies.saved", reply.saved)}</Message>
      ) : null}
      <section className="card">
        <ul className="plain-list items" data-testid="policies-list">
          {policies.map(({ current: p, history }) => (
            <li key={p.code} data-testid="policy-row" data-code={p.code}>
              <strong>{en ? p.nameEn : p.nameZh}</strong> <span className="badge">{t(`subsidy.kind.${p.kind}`)}</span>{" "}
              <small className="muted">
                {p.code} v{p.version}
              </small>
              <br />
              {yuan(p.amount)} {t(`subsidy.unit.${p.unit}`)}
              {p.maxUnits ? ` ×≤${p.maxUnits}` : ""} → {t(`subsidy.payee.${p.payee}`)} · {t("subsidy.policies.validity")} {p.validFrom} – {p.validTo ?? ""}
              <br />
              <small>
                {t("subsidy.policies.rule")}
                {punct.colon}
                {[
                  p.requireRegisteredPoor && t("subsidy.policies.requireRegisteredPoor"),
                  p.requirePovertyCounty && t("subsidy.policies.requirePovertyCounty"),
                  p.requireCertificate && t("subsidy.policies.requireCertificate"),
                  p.certificateLevel && t(`training.certificateLevels.${p.certificateLevel}`),
                  p.occupationCode,
                  p.transferTypes.map((x) => t(`subsidy.transfer.${x}`)).join("/"),
                  p.retentionMonths && `≥${p.retentionMonths}`,
                ]
                  .filter(Boolean)
                  .join(punct.semicolon) || t("subsidy.policies.any")}
              </small>
              <br />
              <small className="muted">{p.legalSource}</small> <Link to={`?from=${p.code}#policy-form`}>{t("subsidy.policies.edit")}</Link>
              {history.length ? (
                <details>
                  <summary>
                    {t("subsidy.policies.history")} ({history.length})
                  </summary>
                  <ul className="plain-list">
                    {history.map((h) => (
                      <li key={h.id}>
                        <small>
                          v{h.version} · {yuan(h.amount)}
                          {h.certificateLevel ? ` · ${t(`training.certificateLevels.${h.certificateLevel}`)}` : ""} · {h.validFrom} – {h.validTo ?? ""} ·{" "}
                          {h.legalSource}
                          {h.changeNote ? ` · ${h.changeNote}` : ""}
                        </small>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" id="policy-form">
        <h2>{t("subsidy.policies.newTitle")}</h2>
        <p className="muted">{t("subsidy.policies.newHint")}</p>
        <Form method="post" noValidate data-testid="policy-form" key={params.get("from") ?? "new"}>
          <input type="hidden" name="intent" value="policy" />
          <FieldError id="policy-form-error" problems={pp} field="form" />
          <TextField name="code" label={t("subsidy.policies.code")} problems={pp} values={pv} />
          {sel("kind", SUBSIDY_KINDS, (k) => t(`subsidy.kind.${k}`), t("subsidy.policies.kind"))}
          <TextField name="nameZh" label={t("subsidy.policies.nameZh")} problems={pp} values={pv} />
          <TextField name="nameEn" label={t("subsidy.policies.nameEn")} problems={pp} values={pv} />
          <TextField name="amount" label={t("subsidy.policies.amount")} problems={pp} values={pv} inputMode="numeric" />
          {sel("unit", SUBSIDY_UNITS, (u) => t(`subsidy.unit.${u}`), t("subsidy.policies.unit"))}
          <TextField name="maxUnits" label={t("subsidy.policies.maxUnits")} problems={pp} values={pv} inputMode="numeric" />
          {sel("payee", SUBSIDY_PAYEES, (u) => t(`subsidy.payee.${u}`), t("subsidy.policies.payee"))}
          <TextField name="occupationCode" label={t("subsidy.policies.occupationCode")} problems={pp} values={pv} />
          <fieldset>
            <legend>{t("subsidy.policies.transferTypes")}</legend>
            {TRANSFER_TYPES.map((x) => (
              <label key={x} className="inline">
                <input type="checkbox" name="transferTypes" value={x} defaultChecked={[pv?.transferTypes ?? []].flat().includes(x)} />{" "}
                {t(`subsidy.transfer.${x}`)}{" "}
              </label>
            ))}
            <FieldError id="f-transferTypes-error" problems={pp} field="transferTypes" />
          </fieldset>
          {sel(
            "certificateLevel",
            CERTIFICATE_LEVELS,
            (l) => t(`training.certificateLevels.${l}`),
            t("subsidy.policies.certificateLevel"),
            t("subsidy.policies.anyLevel"),
          )}
          <TextField name="retentionMonths" label={t("subsidy.policies.retentionMonths")} problems={pp} values={pv} inputMode="numeric" />
          <p className="row">
            {check("requireRegisteredPoor", t("subsidy.policies.requireRegisteredPoor"))}{" "}
            {check("requirePovertyCounty", t("subsidy.policies.requirePovertyCounty"))} {check("requireCertificate", t("subsidy.policies.requireCertificate"))}
          </p>
          <TextField name="validFrom" label={t("subsidy.policies.validFrom")} problems={pp} values={pv} type="date" />
          <TextField name="validTo" label={t("subsidy.policies.validTo")} problems={pp} values={pv} type="date" />
          <TextField name="legalSource" label={t("subsidy.policies.legalSource")} problems={pp} values={pv} />
          <TextField name="sourceUrl" label={t("subsidy.policies.sourceUrl")} problems={pp} values={pv} type="url" />
          <TextField name="changeNote" label={t("subsidy.policies.changeNote")} problems={pp} values={pv} />
          {submit("primary", "policy-save", t("subsidy.policies.save"))}
        </Form>
      </section>
      <Card title={t("subsidy.policies.budgetTitle")}>
        <Form method="post" noValidate data-testid="budget-form">
          <input type="hidden" name="intent" value="budget" />
          <FieldError id="budget-form-error" problems={bp} field="form" />
          <div className="field">
            <label htmlFor="f-policyCode">{t("subsidy.policies.code")}</label>
            <select id="f-policyCode" name="policyCode" defaultValue={str(bv?.policyCode)}>
              {policies.map(({ current: p }) => (
                <option key={p.code} value={p.code}>
                  {p.code} · {en ? p.nameEn : p.nameZh}
                </option>
              ))}
            </select>
            <FieldError id="f-policyCode-error" problems={bp} field="policyCode" />
          </div>
          <TextField name="countyCode" label={t("subsidy.policies.budgetCounty")} problems={bp} values={bv} inputMode="numeric" />
          <TextField name="year" label={t("subsidy.policies.budgetYear")} problems={bp} values={bv ?? { year: new Date().getFullYear() }} inputMode="numeric" />
          <TextField name="budgetAmount" label={t("subsidy.policies.budgetAmount")} problems={bp} values={bv} inputMode="numeric" />
          {submit("secondary", "budget-save", t("subsidy.policies.saveBudget"))}
        </Form>
      </Card>
    </>
  );
}
