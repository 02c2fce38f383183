// 补贴申领: the claims the records made in the coordinator's region, filtered by status and kind;
// open ones are submitted for approval in one pass; approved ones of a county become a payment batch.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { usePunct } from "~/components/local-name";
import { ClaimStatusBadge, FieldError, problemReply, useMessage, yuan } from "~/features/subsidies/index";
import { SubmitButtons } from "~/components/submit-buttons";
import { ItemList } from "~/components/item-list";
import { Options } from "~/components/forms";
import { CLAIM_STATUSES, SUBSIDY_KINDS } from "~/domain/subsidy";
import { ClaimListQuery } from "~/features/subsidies/index";
import { requireCoordinator } from "~/services/auth.server";
import { clientIp } from "~/services/http.server";
import { readFormPost } from "~/platform/form-post.server";
import { createPaymentBatch, listClaims, prepareClaims } from "~/features/subsidies/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { Card } from "~/components/card";
import { Message } from "~/components/message";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["subsidy"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const q = ClaimListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const filter = q.success ? q.data : {};
  const [list, approved] = await Promise.all([listClaims(principal, filter), listClaims(principal, { status: "APPROVED", take: 2000 })]);
  const counties = [...new Map(approved.rows.map((r) => [r.countyCode, r.county])).entries()].map(([code, c]) => ({ code, ...c }));
  return { ...list, filter, counties };
}

type Reply = { problems?: { field: string; message: string }[]; prepared?: number; skipped?: { id: string; reason: string }[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const read = await readFormPost(request, new Set(["intent", "claimIds", "countyCode"]));
  if (!read.ok) throw read.response;
  const ip = clientIp(request);
  if (read.formData.get("intent") === "batch") {
    const r = await createPaymentBatch(principal, String(read.formData.get("countyCode") ?? ""), { ip });
    if (!r.ok) return data<Reply>(...problemReply(r, "countyCode"));
    return redirect(`/coordinator/subsidies/batches/${r.batchId}?created=${r.claims}`);
  }
  const ids = read.formData.getAll("claimIds").map(String);
  const r = await prepareClaims(principal, ids, { ip });
  if (!r.ok) return data<Reply>(...problemReply(r, "claimIds"));
  return data<Reply>({ prepared: r.prepared, skipped: r.skipped });
}

export default function Subsidies() {
  const { rows, total, byStatus, filter, counties } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const nav = useNavigation();
  const { t, i18n } = useTranslation();
  const punct = usePunct();
  const msg = useMessage();
  const [params] = useSearchParams();
  const name = (r: { name: string; nameEn: string | null }) => (i18n.language === "en" && r.nameEn ? r.nameEn : r.name);
  // The list's two choices: the parameter, its label, its values.
  const filters = [
    ["status", t("subsidy.claims.filterStatus"), CLAIM_STATUSES.map((s) => ({ value: s, label: t(`subsidy.status.${s}`) }))],
    ["kind", t("subsidy.claims.filterKind"), SUBSIDY_KINDS.map((k) => ({ value: k, label: t(`subsidy.kind.${k}`) }))],
  ] as const;
  return (
    <>
      <h1 data-testid="subsidies-title">{t("subsidy.claims.title")}</h1>
      <p className="muted">{t("subsidy.claims.intro")}</p>
      <p className="row">
        <Link className="button secondary" to="/coordinator/subsidies/batches" data-testid="link-batches">
          {t("subsidy.claims.batchesLink")}
        </Link>{" "}
        <Link className="button secondary" to="/coordinator/subsidies/funds" data-testid="link-funds">
          {t("subsidy.fundsLink")}
        </Link>
      </p>
      <section className="card">
        <ul className="plain-list" data-testid="claims-summary">
          {byStatus.map((b) => (
            <li key={b.status}>{t("subsidy.claims.summary", { status: t(`subsidy.status.${b.status}`), count: b.count, amount: yuan(b.amount) })}</li>
          ))}
        </ul>
        <Form method="get" className="row">
          {filters.map(([param, label, options]) => (
            <label key={param}>
              {label}{" "}
              <select name={param} defaultValue={filter[param] ?? ""}>
                <Options first={t("subsidy.claims.all")} options={options} />
              </select>
            </label>
          ))}
          <label>
            <input type="checkbox" name="flagged" value="1" defaultChecked={params.get("flagged") === "1"} /> {t("subsidy.claims.flaggedOnly")}
          </label>
          <button type="submit" className="secondary">
            {t("subsidy.claims.filter")}
          </button>
        </Form>
      </section>
      <Message testId="claims-prepared">
        {reply?.prepared !== undefined && (
          <>
            {t("subsidy.claims.prepared", { count: reply.prepared })}
            {reply.skipped?.length ? (
              <>
                {" "}
                {t("subsidy.claims.skipped", {
                  count: reply.skipped.length,
                  reasons: [...new Set(reply.skipped.map((s) => msg(`subsidy.refusal.${s.reason}`)))].join(punct.semicolon),
                })}
              </>
            ) : null}
          </>
        )}
      </Message>
      <Card
        title={
          <>
            {t("subsidy.claims.title")} <span className="muted">({t("common.total", { count: total })})</span>
          </>
        }
      >
        {rows.length === 0 ? (
          <p className="empty">{t("subsidy.claims.empty")}</p>
        ) : (
          <Form method="post">
            <FieldError id="claimIds-error" problems={reply?.problems} field="claimIds" />
            <ItemList
              rows={rows}
              testId="claims-list"
              itemProps={(r) => ({ "data-testid": "claim-row", "data-status": r.status, "data-kind": r.kind })}
              item={(r) => (
                <>
                  {r.status === "OPEN" ? (
                    <label className="inline">
                      <input
                        type="checkbox"
                        name="claimIds"
                        value={r.id}
                        aria-label={`${t("subsidy.claims.select")} ${r.worker.fullName}`}
                        data-testid="claim-select"
                      />{" "}
                    </label>
                  ) : null}
                  <Link to={`/coordinator/subsidies/${r.id}`}>{r.worker.fullName}</Link> <ClaimStatusBadge status={r.status} />
                  {r.flags.length ? (
                    <>
                      {" "}
                      <span className="badge red" data-testid="claim-flagged">
                        {t("subsidy.claims.flags")} {r.flags.length}
                      </span>
                    </>
                  ) : null}
                </>
              )}
              detail={(r) =>
                [
                  t(`subsidy.kind.${r.kind}`),
                  t("subsidy.claims.yuan", { amount: yuan(r.amount) }),
                  `${t(`subsidy.payee.${r.payeeType}`)} ${r.payeeName}`,
                  name(r.county),
                  r.period,
                ].join(" · ")
              }
            />
            <SubmitButtons buttons={[{ value: "prepare", label: t("subsidy.claims.prepare"), primary: true, testId: "claims-prepare" }]} />
          </Form>
        )}
      </Card>
      <Card title={t("subsidy.claims.batchTitle")}>
        {counties.length === 0 ? (
          <p className="empty">{t("subsidy.refusal.nothingApproved")}</p>
        ) : (
          <Form method="post" className="row">
            <label htmlFor="batch-county">{t("subsidy.claims.county")}</label>
            <select id="batch-county" name="countyCode" aria-describedby="countyCode-error">
              {counties.map((c) => (
                <option key={c.code} value={c.code}>
                  {name(c)}
                </option>
              ))}
            </select>
            <button type="submit" name="intent" value="batch" className="primary" disabled={nav.state !== "idle"} data-testid="batch-create">
              {t("subsidy.claims.batchCreate")}
            </button>
          </Form>
        )}
        <FieldError id="countyCode-error" problems={reply?.problems} field="countyCode" />
      </Card>
    </>
  );
}
