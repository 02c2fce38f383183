// Adds one piece of evidence to a placement: a file (PDF/JPEG/PNG by content, ≤ 5 MB, stored
// encrypted) and/or a reference number such as the social insurance number (stored encrypted,
// shown masked). Its own path so the web host can allow this one larger body (app/server/web.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";
import { EVIDENCE_KINDS, MAX_EVIDENCE_BYTES } from "~/domain/placement";
import { EvidenceSchema } from "~/features/placements/index";
import { requireCoordinator } from "~/services/auth.server";
import { addEvidence } from "~/features/placements/index.server";
import { clientIp, invariantResponse, parseUploadForm } from "~/services/http.server";
import { placementFor } from "~/features/placements/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "out", "ref"] };

type Reply = { errors: Record<string, string[]>; values: { kind?: string; reference?: string } };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const placement = await placementFor(principal, params.placementId ?? "");
  invariantResponse(placement, "Not found");
  return { placementId: placement.id, workerName: placement.worker.fullName };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const parsedForm = await parseUploadForm(request, MAX_EVIDENCE_BYTES);
  if (!parsedForm.ok) {
    const error = { tooLarge: "out.evidence.tooLarge", notMultipart: "out.evidence.fileOrReference", malformed: "common.uploadMalformed" }[parsedForm.problem];
    return data<Reply>({ errors: { file: [error] }, values: {} }, { status: parsedForm.status });
  }
  const { form } = parsedForm;
  const values = {
    kind: typeof form.get("kind") === "string" ? String(form.get("kind")) : undefined,
    reference: typeof form.get("reference") === "string" ? String(form.get("reference")) : undefined,
  };
  const parsed = EvidenceSchema.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (errors[i.path.join(".")] ??= []).push(i.message);
    return data<Reply>({ errors, values }, { status: 400 });
  }
  const file = form.get("file");
  const upload = file instanceof File && file.size > 0 ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
  const result = await addEvidence(principal, params.placementId ?? "", { ...parsed.data, file: upload }, clientIp(request));
  invariantResponse(result, "Not found");
  if (!result.ok) {
    const errors: Record<string, string[]> = {};
    if (result.kind === "invalid") for (const p of result.problems) (errors[p.field] ??= []).push(p.message);
    else errors[""] = [result.kind === "conflict" ? "emp.conflict" : result.message];
    return data<Reply>({ errors, values }, { status: 400 });
  }
  return redirect(`/coordinator/placements/${params.placementId}?done=evidence`);
}

export default function PlacementEvidence() {
  const { placementId, workerName } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const { t } = useTranslation();
  const err = (k: string) => data?.errors[k];
  const aria = (k: string, hint?: string) => ({
    "aria-invalid": err(k) ? true : undefined,
    "aria-describedby": [hint, err(k) ? `evidence-${k}-error` : null].filter(Boolean).join(" ") || undefined,
  });
  return (
    <>
      <p>
        <Link to={`/coordinator/placements/${placementId}`}>← {workerName}</Link>
      </p>
      <section className="card reg-card">
        <h1 data-testid="evidence-title">{t("out.evidenceForm.title")}</h1>
        <ErrorList errors={err("")} />
        <Form method="post" encType="multipart/form-data" data-testid="evidence-form">
          <div className="field">
            <label htmlFor="evidence-kind">{t("out.evidenceForm.kind")}</label>
            <select id="evidence-kind" name="kind" defaultValue={data?.values.kind ?? ""} {...aria("kind")}>
              <option value="">{t("emp.choose")}</option>
              {EVIDENCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`out.evidenceKind.${k}`)}
                </option>
              ))}
            </select>
            <ErrorList id="evidence-kind-error" errors={err("kind")} />
          </div>
          <div className="field">
            <label htmlFor="evidence-file">{t("out.evidenceForm.file")}</label>
            <input id="evidence-file" name="file" type="file" accept="application/pdf,image/jpeg,image/png" {...aria("file")} />
            <ErrorList id="evidence-file-error" errors={err("file")} />
          </div>
          <div className="field">
            <label htmlFor="evidence-reference">{t("out.evidenceForm.reference")}</label>
            <span className="hint" id="evidence-reference-hint">
              {t("out.evidenceForm.referenceHint")}
            </span>
            <input
              id="evidence-reference"
              name="reference"
              maxLength={40}
              autoComplete="off"
              defaultValue={data?.values.reference ?? ""}
              {...aria("reference", "evidence-reference-hint")}
            />
            <ErrorList id="evidence-reference-error" errors={err("reference")} />
          </div>
          <button type="submit" className="primary wide" disabled={nav.state !== "idle"}>
            {t("out.evidenceForm.submit")}
          </button>
        </Form>
      </section>
    </>
  );
}
