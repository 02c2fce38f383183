import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorList, Field } from "~/components/forms";
import { useBlurForm } from "~/components/blur-form";
import { serverT } from "~/i18n/i18n";
import { formErrorReply, invalidReply } from "~/platform/reply.server";
import { createSessionCookie, getSessionUser, signIn } from "~/services/auth.server";
import { clientIp, safeRedirect, sameOriginPath } from "~/services/http.server";
import { readFormPost } from "~/platform/form-post.server";
import { demoAccountsSeeded } from "~/services/users.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp"] };

const LoginSchema = z.object({
  identifier: z.string({ error: "login.required" }).trim().min(1, "login.required").max(100),
  password: z.string({ error: "login.required" }).min(1, "login.required").max(200),
  redirectTo: z.string().max(2000).optional(),
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "登录 · 劳务桥" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(user.homePath);
  // A link whose redirectTo leaves the site is opened as a plain sign-in page (the action refuses it too).
  const to = new URL(request.url).searchParams.get("redirectTo");
  if (to && sameOriginPath(to) === null) throw redirect("/login");
  return { title: serverT(request)("login.pageTitle"), demo: await demoAccountsSeeded() };
}

export async function action({ request }: ActionFunctionArgs) {
  // Only the form's own names reach conform (a crafted name like a[4294967294] would stall it).
  const read = await readFormPost(request, new Set(["identifier", "password", "redirectTo"]));
  if (!read.ok) throw read.response;
  const submission = parseWithZod(read.formData, { schema: LoginSchema });
  if (submission.status !== "success") return invalidReply(submission, ["password"]);
  const { identifier, password, redirectTo } = submission.value;
  // Only a same-origin path (empty means "my home page"); anything else is refused, not followed.
  if (redirectTo && sameOriginPath(redirectTo) === null) {
    return formErrorReply(submission, { formErrors: ["login.badRedirect"] }, 400, ["password"]);
  }
  const result = await signIn(identifier, password, clientIp(request));
  if (!result.ok) {
    const t = serverT(request);
    const wait = result.retryAfterSeconds ?? 900;
    const message =
      result.reason !== "rate-limited"
        ? "login.invalid"
        : wait < 60
          ? t("login.slowedDown", { seconds: wait })
          : t("login.rateLimited", { minutes: Math.ceil(wait / 60) });
    return formErrorReply(submission, { formErrors: [message] }, result.reason === "rate-limited" ? 429 : 400, ["password"]);
  }
  const { homePath } = await import("~/domain/access");
  return redirect(safeRedirect(redirectTo, homePath(result.principal)), {
    headers: {
      "Set-Cookie": await createSessionCookie(result.userId, undefined, {
        failedSignIns: result.failedSignIns,
        roles: result.principal.grants.map((g) => g.role),
      }),
    },
  });
}

export default function Login() {
  const lastResult = useActionData<typeof action>()?.result;
  const { demo } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const [form, fields] = useBlurForm(LoginSchema, lastResult);
  return (
    <section className="card" style={{ maxWidth: 460, margin: "0 auto" }}>
      <h1>{t("login.title")}</h1>
      <Form method="post" {...getFormProps(form)}>
        {form.errors?.length ? (
          <div className="form-error">
            <ErrorList id={form.errorId} errors={form.errors} />
          </div>
        ) : null}
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field label={t("login.identifier")} hint={t("login.identifierHint")} field={fields.identifier} autoComplete="username" />
        <Field label={t("login.password")} field={fields.password} type="password" autoComplete="current-password" />
        <button type="submit" className="primary" style={{ width: "100%" }}>
          {t("login.submit")}
        </button>
      </Form>
      {demo ? (
        <p className="muted" data-testid="demo-hint">
          {t("login.demoHint")}
        </p>
      ) : null}
    </section>
  );
}
