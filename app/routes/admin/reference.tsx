// One reference table (minimum wages, poverty counties, occupations, ID area codes): every shipped
// row with its source, the administrators' rows beside it (which one is in force, the history), a
// form to add or correct a row, and revoking. Writes are audited in the service.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable, type Column } from "~/components/data-table";
import { Message } from "~/components/message";
import { ErrorList } from "~/components/forms";
import { requireUser } from "~/services/auth.server";
import { invariantResponse } from "~/services/http.server";
import { POVERTY_LEVELS, REFERENCE_TABLES, type ReferenceTable } from "~/domain/reference/tables";
import { addReferenceOverride, referenceTable, revokeReferenceOverride, type ReferenceRow } from "~/services/reference.server";
import { readFormPost } from "~/platform/form-post.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["lists", "ref"] };

const FIELDS: Record<ReferenceTable, string[]> = {
  minimumWage: ["prefix", "effective", "monthly", "label"],
  povertyCounty: ["code", "level"],
  occupation: ["code", "nationalCode", "nameZh"],
  areaCode: ["code", "name"],
};
const MAX_ROWS = 400;

const tableOf = (raw: string | undefined): ReferenceTable => {
  invariantResponse((REFERENCE_TABLES as readonly string[]).includes(raw ?? ""), "Not found");
  return raw as ReferenceTable;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["ADMIN"]);
  const table = tableOf(params.table);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 40);
  const all = await referenceTable(table);
  const rows = q ? all.rows.filter((r) => r.key.includes(q) || r.label.includes(q) || JSON.stringify(r.value).includes(q)) : all.rows;
  return { table, rows: rows.slice(0, MAX_ROWS), total: rows.length, stale: all.stale, q };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["ADMIN"]);
  const table = tableOf(params.table);
  const read = await readFormPost(request, new Set(["intent", "id", "source", "note", ...FIELDS[table]]));
  if (!read.ok) throw read.response;
  const form = read.formData;
  const str = (name: string) => String(form.get(name) ?? "");
  if (str("intent") === "revoke") {
    const r = await revokeReferenceOverride(str("id"), principal);
    return data(
      { done: r.ok ? ("revoked" as const) : undefined, problems: [] as { field: string; message: string }[], values: {} as Record<string, string> },
      { status: r.ok ? 200 : 409 },
    );
  }
  const values = Object.fromEntries(["source", "note", ...FIELDS[table]].map((f) => [f, str(f)]));
  const r = await addReferenceOverride(
    { table, value: Object.fromEntries(FIELDS[table].map((f) => [f, values[f]])), source: values.source, note: values.note },
    principal,
  );
  if (!r.ok) return data({ done: undefined, problems: r.kind === "invalid" ? r.problems : [], values }, { status: r.kind === "invalid" ? 400 : 409 });
  return data({ done: "saved" as const, problems: [] as { field: string; message: string }[], values: {} as Record<string, string> });
}

function ValueText({ table, value }: { table: ReferenceTable; value: Record<string, unknown> }) {
  const { t } = useTranslation();
  switch (table) {
    case "minimumWage":
      return <>{t("ref.monthlyFrom", { monthly: value.monthly, effective: value.effective })}</>;
    case "povertyCounty":
      return (
        <>
          {t(`ref.levelShort.${String(value.level)}`)}
          {value.exitBy ? ` (${value.from}–${value.exitBy})` : ""}
          {value.note ? <small className="muted"> {String(value.note)}</small> : null}
        </>
      );
    case "occupation":
      return (
        <>
          {value.nationalCode ? String(value.nationalCode) : <span className="badge warn">{t("ref.unverified")}</span>} {String(value.nameZh ?? "")}
          {value.nationalName && value.nationalName !== value.nameZh ? ` → ${String(value.nationalName)}` : ""}
        </>
      );
    case "areaCode":
      return (
        <>
          {String(value.name ?? "")}
          {value.status ? ` · ${t(`ref.areaStatus.${String(value.status)}`)}` : ""}
        </>
      );
  }
}

/** The table's columns: the key, its name, the shipped value, the one in force (revoke) and the administrators' history. */
function useColumns(table: ReferenceTable): Column<ReferenceRow>[] {
  const { t } = useTranslation();
  return [
    { key: "key", header: t("ref.col.key"), cell: (row) => row.key },
    { key: "name", header: t("ref.col.name"), cell: (row) => row.label },
    {
      key: "shipped",
      header: t("ref.col.shipped"),
      cell: (row) =>
        row.shipped ? (
          <>
            <ValueText table={table} value={row.value} />
            {!row.verified ? (
              <>
                {" "}
                <span className="badge warn">{t("ref.unverified")}</span>
              </>
            ) : null}
            <br />
            <small className="muted">{row.source}</small>
          </>
        ) : (
          <span className="muted">{t("ref.onlyOverride")}</span>
        ),
    },
    {
      key: "inForce",
      header: t("ref.col.inForce"),
      cell: (row) =>
        row.inForce ? (
          <>
            <span className="badge red">{t("ref.overrideInForce")}</span> <ValueText table={table} value={row.inForce.value} />
            <br />
            <small className="muted">
              {row.inForce.source} · {t("ref.by", { at: row.inForce.createdAt.slice(0, 10) })}
            </small>
            <Form method="post" preventScrollReset>
              <input type="hidden" name="id" value={row.inForce.id} />
              <button type="submit" name="intent" value="revoke" className="secondary">
                {t("ref.revoke")}
              </button>
            </Form>
          </>
        ) : (
          <span className="badge ok">{t("ref.shippedInForce")}</span>
        ),
    },
    {
      key: "history",
      header: t("ref.col.history"),
      cell: (row) =>
        row.overrides.length ? (
          <details>
            <summary>{t("ref.historyCount", { count: row.overrides.length })}</summary>
            <ul>
              {row.overrides.map((o) => (
                <li key={o.id}>
                  <ValueText table={table} value={o.value} /> — {o.source} ({o.createdAt.slice(0, 10)}){o.note ? ` · ${o.note}` : ""}
                  {o.revokedAt ? ` · ${t("ref.revoked")} ${o.revokedAt.slice(0, 10)}` : ""}
                </li>
              ))}
            </ul>
          </details>
        ) : null,
    },
  ];
}

export default function AdminReference() {
  const { table, rows, total, stale, q } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  const { t } = useTranslation();
  const columns = useColumns(table);
  const problems: { field: string; message: string }[] = result?.problems ?? [];
  const errorsOf = (field: string) => problems.filter((p) => p.field === field).map((p) => p.message);
  const kept = (field: string) => (result?.values as Record<string, string> | undefined)?.[field] ?? "";
  const input = (field: string, type: "text" | "date" = "text") => (
    <div className="field" key={field}>
      <label htmlFor={`ref-${field}`}>{t(`ref.field.${field}`)}</label>
      {field === "level" ? (
        <select
          id={`ref-${field}`}
          name={field}
          defaultValue={kept(field)}
          aria-invalid={errorsOf(field).length ? true : undefined}
          aria-describedby={errorsOf(field).length ? `ref-${field}-err` : undefined}
        >
          <option value="">—</option>
          {POVERTY_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`ref.level.${l}`)}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={`ref-${field}`}
          name={field}
          type={type}
          defaultValue={kept(field)}
          inputMode={field === "monthly" || field === "prefix" || (field === "code" && table !== "occupation") ? "numeric" : undefined}
          aria-invalid={errorsOf(field).length ? true : undefined}
          aria-describedby={errorsOf(field).length ? `ref-${field}-err` : undefined}
        />
      )}
      <ErrorList id={`ref-${field}-err`} errors={errorsOf(field)} />
    </div>
  );
  return (
    <>
      <nav className="row" aria-label={t("ref.title")} style={{ marginBottom: "0.5rem" }}>
        {REFERENCE_TABLES.map((x) => (
          <Link key={x} to={`/admin/reference/${x}`} aria-current={x === table ? "page" : undefined} className={x === table ? "badge ok" : "badge"}>
            {t(`ref.tables.${x}`)}
          </Link>
        ))}
      </nav>
      <section className="card">
        <h2 data-testid="reference-table" data-table={table}>
          {t(`ref.tables.${table}`)}
        </h2>
        <p className="muted">{t("ref.intro")}</p>
        {table === "povertyCounty" ? <p>{t("ref.povertyMeaning")}</p> : null}
        {stale.map((s) => (
          <Message key={s.province}>{t("ref.stale", { province: s.province, newest: s.newest })}</Message>
        ))}
        <Message>{result?.done === "saved" && t("ref.add.saved")}</Message>
        <Message>{result?.done === "revoked" && t("ref.add.revokedOk")}</Message>
      </section>
      <section className="card">
        <h3>{t("ref.add.title")}</h3>
        <p className="hint muted">{t("ref.add.help")}</p>
        <Form method="post" preventScrollReset>
          {FIELDS[table].map((f) => input(f, f === "effective" ? "date" : "text"))}
          {input("source")}
          {input("note")}
          <button type="submit" name="intent" value="add" className="primary wide" disabled={nav.state !== "idle"}>
            {t("ref.add.submit")}
          </button>
        </Form>
      </section>
      <section className="card">
        <Form method="get" className="row">
          <label htmlFor="ref-q">{t("ref.filter")}</label>
          <input id="ref-q" name="q" defaultValue={q} />
          <button type="submit" className="secondary">
            {t("ref.filterButton")}
          </button>
        </Form>
        <p className="muted">{t("ref.shown", { shown: rows.length, total })}</p>
        <DataTable
          rows={rows}
          rowKey={(r) => r.key}
          rowProps={(r) => ({ "data-key": r.key, "data-in-force": r.inForce ? "override" : "shipped" })}
          columns={columns}
        />
      </section>
    </>
  );
}
