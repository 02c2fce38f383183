// The matching policy: every weight (the documented priority weights among them), the village
// share cap and list sizes, edited in one conform form validated by the domain's schema; and a
// button that starts a full re-match so the new policy applies everywhere.
import { FormProvider, getFormProps, getInputProps, useField, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Message } from "~/components/message";
import { ErrorList } from "~/components/forms";
import { matchPolicySchema } from "~/domain/matching";
import { requireUser } from "~/services/auth.server";
import { clientIp } from "~/services/http.server";
import { policyErrorMap, policyFields, policyForAdmin, requestFullRematch, saveMatchPolicy, type PolicyField } from "~/features/matching/index.server";
import { readFormPost } from "~/platform/form-post.server";
import { Card } from "~/components/card";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["matching"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["ADMIN"]);
  return policyForAdmin();
}

/** The policy form's answer, or the full re-match's (queued, or 503 when the queue is down). */
type Reply = { result?: SubmissionResult<string[]>; done?: "saved" | "rematch" | "rematchFailed" };

export async function action({ request }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["ADMIN"]);
  const read = await readFormPost(request, new Set(["intent", ...policyFields().map((f) => f.path)]));
  if (!read.ok) throw read.response;
  if (read.formData.get("intent") === "rematch") {
    try {
      await requestFullRematch(principal, clientIp(request));
      return data<Reply>({ done: "rematch" });
    } catch (error) {
      console.warn("full re-match request failed", error);
      return data<Reply>({ done: "rematchFailed" }, { status: 503 });
    }
  }
  const submission = parseWithZod(read.formData, { schema: matchPolicySchema, error: policyErrorMap });
  if (submission.status !== "success") return data<Reply>({ result: submission.reply() }, { status: 400 });
  await saveMatchPolicy(principal, submission.value, clientIp(request));
  return data<Reply>({ result: submission.reply(), done: "saved" });
}

function PolicyInput({ f }: { f: PolicyField }) {
  const { t } = useTranslation();
  const [field] = useField<string>(f.path);
  const hintId = useId();
  const key = f.path.replace(/\./g, "_");
  const range = f.min !== null && f.max !== null ? t("matching.policy.range", { min: f.min, max: f.max }) : "";
  const explain = t(`matching.policy.help.${key}`, { defaultValue: "" });
  return (
    <div className="field">
      <label htmlFor={field.id}>{t(`matching.policy.field.${key}`, { defaultValue: f.path })}</label>
      <span className="hint" id={hintId}>
        {[explain, range].filter(Boolean).join(" ")}
      </span>
      <input
        {...getInputProps(field, { type: "text", ariaAttributes: true })}
        inputMode={f.integer ? "numeric" : "decimal"}
        aria-describedby={[hintId, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ")}
      />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** Problems with a whole group (e.g. every weight of one side is 0). */
function GroupErrors({ name }: { name: string }) {
  const [field] = useField(name);
  return <ErrorList id={field.errorId} errors={field.errors} />;
}

export default function AdminMatching() {
  const { policy, isDefault, updatedAt, fields } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const { t } = useTranslation();
  const [form] = useForm<typeof policy>({ id: "match-policy", lastResult: data?.result, defaultValue: policy, shouldRevalidate: "onInput" });
  // Nested weights share a fieldset; single numbers go together under "general".
  const groupOf = (path: string) => (path.includes(".") ? path.split(".")[0] : "general");
  const groups = [...new Set(fields.map((f) => groupOf(f.path)))];
  return (
    <>
      <section className="card">
        <h2 data-testid="match-policy">{t("matching.policy.title")}</h2>
        <p>{t("matching.policy.intro")}</p>
        <p className="muted">
          {isDefault
            ? t("matching.policy.usingDefault")
            : t("matching.policy.updatedAt", { at: new Date(updatedAt!).toISOString().slice(0, 16).replace("T", " ") })}
        </p>
        <Message>{data?.done === "saved" && t("matching.policy.saved")}</Message>
        <ErrorList id={form.errorId} errors={form.errors} />
        <FormProvider context={form.context}>
          <Form method="post" {...getFormProps(form)}>
            {groups.map((g) => (
              <fieldset key={g}>
                <legend>{t(`matching.policy.group.${g}`, { defaultValue: g })}</legend>
                {t(`matching.policy.groupHelp.${g}`, { defaultValue: "" }) ? <p className="hint muted">{t(`matching.policy.groupHelp.${g}`)}</p> : null}
                {g !== "general" ? <GroupErrors name={g} /> : null}
                {fields
                  .filter((f) => groupOf(f.path) === g)
                  .map((f) => (
                    <PolicyInput key={f.path} f={f} />
                  ))}
              </fieldset>
            ))}
            <button type="submit" name="intent" value="save" className="primary wide" disabled={nav.state !== "idle"}>
              {t("common.save")}
            </button>
          </Form>
        </FormProvider>
      </section>
      <Card title={t("matching.policy.rematchTitle")}>
        <p>{t("matching.policy.rematchHelp")}</p>
        <Form method="post">
          <button type="submit" name="intent" value="rematch" className="secondary" disabled={nav.state !== "idle"} data-testid="rematch-all">
            {t("matching.policy.rematchAll")}
          </button>
        </Form>
        <Message>{data?.done === "rematch" && t("matching.policy.rematchQueued")}</Message>
        <Message kind="alert">{data?.done === "rematchFailed" && t("matching.rematchFailed")}</Message>
      </Card>
    </>
  );
}
