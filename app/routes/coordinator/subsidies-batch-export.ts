// The bank payment file of a batch: GET → masked accounts (CSV or XLSX); POST with confirm=1 (a
// ticked box on the batch page, behind the cross-origin check) → full account numbers, audited,
// as an unmasked drill-down export is.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { serverT } from "~/i18n/i18n";
import type { Principal } from "~/domain/access";
import { requireCoordinator } from "~/services/auth.server";
import { attachment, renderTables } from "~/features/plans/index.server";
import { clientIp, invariantResponse, requireSameOrigin } from "~/services/http.server";
import { readFormPost } from "~/platform/form-post.server";
import { batchFileRows } from "~/features/subsidies/index.server";

const Format = z.enum(["csv", "xlsx"]).default("xlsx");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const format = Format.safeParse(new URL(request.url).searchParams.get("format") ?? undefined);
  invariantResponse(format.success, "Not found");
  return bankFile(request, principal, params.batchId ?? "", format.data, false);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { principal } = await requireCoordinator(request, context);
  const read = await readFormPost(request, new Set(["format", "confirm"]));
  if (!read.ok) throw read.response;
  const q = z.object({ format: Format, confirm: z.literal("1") }).safeParse(Object.fromEntries(read.formData));
  invariantResponse(q.success, "Tick the confirmation to export full account numbers / 请勾选确认后再导出完整账号", { status: 400 });
  return bankFile(request, principal, params.batchId ?? "", q.data.format, true);
}

async function bankFile(request: Request, principal: Principal, batchId: string, format: "csv" | "xlsx", unmasked: boolean) {
  const t = serverT(request);
  const file = await batchFileRows(
    principal,
    batchId,
    {
      unmasked,
      purpose: (c) => t("subsidy.file.purposeText", { kind: t(`subsidy.kind.${c.kind}`), policy: c.policyName, period: c.period }),
    },
    { ip: clientIp(request) },
  );
  invariantResponse(file, "Not found");
  // The return columns are in the file already: the bank (or the clerk) fills in result, reference and reason.
  const out = await renderTables(
    [
      {
        name: t("subsidy.file.sheet"),
        header: [
          t("subsidy.file.claimId"),
          t("subsidy.file.payeeName"),
          t("subsidy.file.bankName"),
          t("subsidy.file.account"),
          t("subsidy.file.amount"),
          t("subsidy.file.purpose"),
          t("subsidy.file.person"),
          t("subsidy.file.result"),
          t("subsidy.file.bankReference"),
          t("subsidy.file.reason"),
        ],
        rows: file.rows.map((r) => [r.claimId, r.payeeName, r.bankName, r.account, r.amount, r.purpose, r.person, "", "", ""]),
      },
    ],
    format,
  );
  return attachment(out.body, out.contentType, `${file.number}${unmasked ? "-full" : ""}.${format}`);
}
