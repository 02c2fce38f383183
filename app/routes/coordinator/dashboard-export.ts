// Exports: ?what=progress (the dashboard's figures) or ?what=records (the list behind a number,
// same query as the drill-down page), ?format=xlsx|csv. Records are masked unless `unmask=1`
// with `confirm=1` (the user ticked that they need the full ID numbers); that export is audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { serverT, localeFromRequest } from "~/i18n/i18n";
import { requireUser } from "~/services/auth.server";
import { dashboardFor, yearParam } from "~/services/dashboard.server";
import { drillDown, DrillQuerySchema } from "~/services/drilldown.server";
import { attachment, progressTables, recordTable, renderTables } from "~/services/exports.server";
import { clientIp, invariantResponse } from "~/services/http.server";

const ExportSchema = z.object({ what: z.enum(["progress", "records"]), format: z.enum(["csv", "xlsx"]).default("xlsx"), unmask: z.literal("1").optional(), confirm: z.literal("1").optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const { principal } = await requireUser(request, ["COORDINATOR"]);
  const url = new URL(request.url);
  const params = Object.fromEntries(url.searchParams);
  const opts = ExportSchema.safeParse(params);
  invariantResponse(opts.success, "Not found");
  const t = serverT(request);
  const en = localeFromRequest(request) === "en";
  const { what, format } = opts.data;
  if (what === "progress") {
    const d = await dashboardFor(principal, params.region ?? "", yearParam(url));
    invariantResponse(d, "Not found");
    const out = await renderTables(progressTables(d, t, en), format);
    return attachment(out.body, out.contentType, `${t("plans.export.progressFile")}-${d.region.code}-${d.year}.${format}`);
  }
  const q = DrillQuerySchema.safeParse(params);
  invariantResponse(q.success, "Not found");
  const unmask = opts.data.unmask === "1" && opts.data.confirm === "1";
  const list = await drillDown(principal, q.data, { all: true, unmask, ip: clientIp(request) });
  invariantResponse(list, "Not found");
  const out = await renderTables([recordTable(list.rows, t, en)], format);
  return attachment(out.body, out.contentType, `${t(`plans.metric.${q.data.metric}`)}-${list.region.code}-${q.data.year}${unmask ? `-${t("plans.export.unmaskedSuffix")}` : ""}.${format}`);
}
