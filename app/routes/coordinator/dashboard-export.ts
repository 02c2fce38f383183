// Exports: ?what=progress (the dashboard's figures) or ?what=records (the list behind a number,
// same query as the drill-down page), ?format=xlsx|csv, as a GET download, always masked.
// The unmasked records export is a POST of the page's form with `confirm=1` (the user ticked that
// they need the full ID numbers), behind the same cross-origin check as every other form, so a
// link or an image on another site cannot make one in a coordinator's name; it is audited.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { serverT, localeFromRequest } from "~/i18n/i18n";
import type { Principal } from "~/domain/access";
import { requireCoordinator } from "~/services/auth.server";
import { dashboardFor, yearParam } from "~/features/plans/index.server";
import { drillDown, DrillQuerySchema } from "~/features/plans/index.server";
import { attachment, progressTables, recordTable, renderTables } from "~/features/plans/index.server";
import { clientIp, invariantResponse, requireSameOrigin } from "~/services/http.server";
import { readFormPost } from "~/platform/form-post.server";

const ExportSchema = z.object({ what: z.enum(["progress", "records"]), format: z.enum(["csv", "xlsx"]).default("xlsx") });
const UnmaskedSchema = z.object({
  what: z.literal("records"),
  format: z.enum(["csv", "xlsx"]).default("xlsx"),
  unmask: z.literal("1"),
  confirm: z.literal("1"),
});
const FORM_NAMES = new Set(["what", "format", "unmask", "confirm", ...Object.keys(DrillQuerySchema.shape)]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const url = new URL(request.url);
  const params = Object.fromEntries(url.searchParams);
  // The old unmasked link: refused rather than quietly served masked, so nobody relies on it.
  invariantResponse(params.unmask === undefined, "Full exports are requested with the form on the records page (POST) / 完整信息请通过记录页面的表单导出", {
    status: 405,
    headers: { Allow: "POST" },
  });
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
  return recordsExport(request, principal, params, format, false);
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { principal } = await requireCoordinator(request, context);
  const read = await readFormPost(request, FORM_NAMES);
  if (!read.ok) throw read.response;
  const params = Object.fromEntries([...read.formData].map(([k, v]) => [k, String(v)]));
  const opts = UnmaskedSchema.safeParse(params);
  invariantResponse(opts.success, "Tick the confirmation to export in full / 请勾选确认后再导出完整信息", { status: 400 });
  return recordsExport(request, principal, params, opts.data.format, true);
}

async function recordsExport(request: Request, principal: Principal, params: Record<string, string>, format: "csv" | "xlsx", unmask: boolean) {
  const q = DrillQuerySchema.safeParse(params);
  invariantResponse(q.success, "Not found");
  const t = serverT(request);
  const list = await drillDown(principal, q.data, { all: true, unmask, ip: clientIp(request) });
  invariantResponse(list, "Not found");
  const out = await renderTables([recordTable(list.rows, t, localeFromRequest(request) === "en")], format);
  return attachment(
    out.body,
    out.contentType,
    `${t(`plans.metric.${q.data.metric}`)}-${list.region.code}-${q.data.year}${unmask ? `-${t("plans.export.unmaskedSuffix")}` : ""}.${format}`,
  );
}
