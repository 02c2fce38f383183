import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLocale, LOCALE_COOKIE } from "~/i18n/i18n";
import { safeRedirect } from "~/services/http.server";
import { readFormPost } from "~/features/registration/index.server";

export async function action({ request }: ActionFunctionArgs) {
  const read = await readFormPost(request, new Set(["locale", "redirectTo"]));
  if (!read.ok) throw read.response;
  const form = read.formData;
  const locale = form.get("locale");
  const to = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": `${LOCALE_COOKIE}=${encodeURIComponent(locale)}; Path=/; Max-Age=31536000; SameSite=Lax` } });
}
