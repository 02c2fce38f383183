// GET /coordinator/evidence/:evidenceId — the decrypted evidence file for a coordinator of the
// worker's region; every download is audited. Always an attachment, with nosniff, so a file is
// never rendered in the site's origin whatever its content.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCoordinator } from "~/services/auth.server";
import { downloadEvidence } from "~/features/placements/index.server";
import { clientIp, invariantResponse } from "~/services/http.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const file = await downloadEvidence(principal, params.evidenceId ?? "", clientIp(request));
  invariantResponse(file, "Not found");
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": `attachment; filename="evidence.${file.fileName.split(".").pop()}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
