// Exports of the dashboard: plan progress and the record lists behind its numbers, as XLSX
// (exceljs) or CSV (csv-stringify, UTF-8 with a BOM so Excel shows the Chinese), in the reader's
// language. Personal data is masked unless the reader asked for it unmasked (drilldown.server.ts
// decrypts and audits that).
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import { neutraliseFormula } from "~/domain/spreadsheet";
import type { DashboardData } from "./dashboard.server";
import type { DrillRow } from "./drilldown.server";

export type ExportFormat = "csv" | "xlsx";
type Table = { name: string; header: string[]; rows: (string | number | null)[][] };

export async function renderTables(tables: Table[], format: ExportFormat): Promise<{ body: Uint8Array | string; contentType: string }> {
  if (format === "csv") {
    // CSV has one sheet: the tables follow each other, each under its name.
    const lines = tables.flatMap((tb, i) => [
      ...(i > 0 ? [[]] : []),
      ...(tables.length > 1 ? [[tb.name]] : []),
      tb.header,
      ...tb.rows.map((r) => r.map(neutraliseFormula)),
    ]);
    return { body: `\uFEFF${stringify(lines, { record_delimiter: "windows" })}`, contentType: "text/csv; charset=utf-8" };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = "LaborBridge";
  for (const tb of tables) {
    const ws = wb.addWorksheet(tb.name.slice(0, 31).replace(/[\\/?*[\]:]/g, " "));
    ws.addRow(tb.header).font = { bold: true };
    for (const r of tb.rows) ws.addRow(r.map(neutraliseFormula));
    ws.columns.forEach((c) => {
      c.width = 16;
    });
    ws.views = [{ state: "frozen", ySplit: 1 }];
  }
  return { body: new Uint8Array(await wb.xlsx.writeBuffer()), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
}

const localName = (r: { name: string; nameEn?: string | null }, en: boolean) => (en && r.nameEn ? r.nameEn : r.name);

/** Plan progress: each target, the child regions, the funnel and the monthly trend. */
export function progressTables(d: NonNullable<DashboardData>, t: TFunction, en: boolean): Table[] {
  const target = (k: string) => t(`plans.target.${k}`);
  const progress: Table = {
    name: t("plans.export.progressSheet"),
    header: [
      t("plans.col.region"),
      t("plans.col.year"),
      t("plans.col.target"),
      t("plans.col.plan"),
      t("plans.col.actual"),
      t("plans.col.percent"),
      t("plans.col.expected"),
      t("plans.col.projection"),
      t("plans.col.status"),
    ],
    rows: [
      ...d.counts.map((c) => [
        localName(d.region, en),
        d.year,
        target(c.key),
        c.target,
        c.actual,
        c.percentOfPlan,
        c.expectedByToday,
        c.projection,
        t(`plans.status.${c.status}`),
      ]),
      ...d.rates.map((r) => [localName(d.region, en), d.year, target(r.key), r.targetPct, r.actualPct, null, null, null, t(`plans.status.${r.status}`)]),
    ],
  };
  const children: Table = {
    name: t("plans.export.childrenSheet"),
    header: [
      t("plans.col.code"),
      t("plans.col.region"),
      ...d.counts.map((c) => target(c.key)),
      ...d.counts.map((c) => `${target(c.key)} %`),
      t("plans.col.composite"),
      t("plans.col.status"),
    ],
    rows: d.children.map((c) => [
      c.code,
      localName(c, en),
      ...c.counts.map((x) => x.actual),
      ...c.counts.map((x) => x.percentOfPlan),
      c.composite,
      t(`plans.status.${c.status}`),
    ]),
  };
  const funnel: Table = {
    name: t("plans.export.funnelSheet"),
    header: [t("plans.col.stage"), t("plans.col.persons")],
    rows: d.funnel.map((f) => [t(`plans.funnel.${f.metric}`), f.value]),
  };
  const trend: Table = {
    name: t("plans.export.trendSheet"),
    header: [t("plans.col.month"), ...d.trend.flatMap((tr) => [target(tr.key), `${target(tr.key)} · ${t("plans.col.plan")}`])],
    rows: Array.from({ length: 12 }, (_, i) => [i + 1, ...d.trend.flatMap((tr) => [tr.actual[i], tr.plan?.[i] ?? null])]),
  };
  return [progress, ...(d.children.length ? [children] : []), funnel, trend];
}

/** The records behind a number. */
export function recordTable(rows: DrillRow[], t: TFunction, en: boolean): Table {
  return {
    name: t("plans.export.recordsSheet"),
    header: [
      t("plans.col.name"),
      t("plans.col.idNumber"),
      t("plans.col.phone"),
      t("plans.col.county"),
      t("plans.col.poor"),
      t("plans.col.date"),
      t("plans.col.detail"),
      t("plans.col.extra"),
    ],
    rows: rows.map((r) => [
      r.fullName,
      r.idNumber,
      r.phone,
      localName({ name: r.countyName, nameEn: r.countyNameEn }, en),
      r.isRegisteredPoor === null ? "" : r.isRegisteredPoor ? t("plans.yes") : t("plans.no"),
      r.date,
      r.detail,
      r.extra ? t(`plans.extra.${r.extra}`, { defaultValue: r.extra }) : null,
    ]),
  };
}

export function attachment(body: Uint8Array | string, contentType: string, fileName: string): Response {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_");
  return new Response(typeof body === "string" ? body : new Blob([body as Uint8Array<ArrayBuffer>]), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
