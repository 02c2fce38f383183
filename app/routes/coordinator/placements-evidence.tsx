// Adds one piece of evidence to a placement: a file (PDF/JPEG/PNG by content, ≤ 5 MB, stored
// encrypted) and/or a reference number such as the social insurance number (stored encrypted,
// shown masked). Its own path so the web host can allow this one larger body (app/server/web.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink } from "~/components/back-link";
import { ErrorList, Options } from "~/components/forms";
import { PlainField } from "~/components/plain-field";
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
  return (
    <>
      <BackLink to={`/coordinator/placements/${placementId}`}>← {workerName}</BackLink>
      <section className="card reg-card">
        <h1 data-testid="evidence-title">{t("out.evidenceForm.title")}</h1>
        <ErrorList errors={err("")} />
        <Form method="post" encType="multipart/form-data" data-testid="evidence-form">
          <PlainField id="evidence-kind" label={t("out.evidenceForm.kind")} errors={err("kind")}>
            {(control) => (
              <select {...control} name="kind" defaultValue={data?.values.kind ?? ""}>
                <Options first={t("emp.choose")} options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`out.evidenceKind.${k}`) }))} />
              </select>
            )}
          </PlainField>
          <PlainField id="evidence-file" label={t("out.evidenceForm.file")} errors={err("file")}>
            {(control) => <input {...control} name="file" type="file" accept="application/pdf,image/jpeg,image/png" />}
          </PlainField>
          <PlainField id="evidence-reference" label={t("out.evidenceForm.reference")} hint={t("out.evidenceForm.referenceHint")} errors={err("reference")}>
            {(control) => <input {...control} name="reference" maxLength={40} autoComplete="off" defaultValue={data?.values.reference ?? ""} />}
          </PlainField>
          <button type="submit" className="primary wide" disabled={nav.state !== "idle"}>
            {t("out.evidenceForm.submit")}
          </button>
        </Form>
      </section>
    </>
  );
}
