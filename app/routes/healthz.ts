import { health } from "~/services/health.server";

export async function loader() {
  const result = await health();
  return Response.json(result, { status: result.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
