// GET /register/regions?parent=CODE: a county's townships for the registration form's cascade
// (public, like the form; reference data, so browsers and proxies may keep it for a day).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { townshipsOf } from "~/features/registration/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const parent = new URL(request.url).searchParams.get("parent") ?? "";
  const regions = await townshipsOf(parent);
  return Response.json({ parent, regions }, { headers: { "Cache-Control": "public, max-age=86400" } });
}
