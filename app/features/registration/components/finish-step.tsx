// The registration form's step ⑤ password and consent (an assisted entry confirms the person
// accepted the notice instead).
import { useTranslation } from "react-i18next";
import { CONSENT_VERSIONS } from "../choices";
import { CheckboxField, Field, Fieldset } from "~/components/forms";
import { useAnyField } from "./field-hooks";

export function FinishStep({ mode }: { mode: "self" | "assisted" }) {
  const { t } = useTranslation();
  const secret = useAnyField("secret");
  const secretConfirm = useAnyField("secretConfirm");
  const consent = useAnyField("consentRegistration");
  return (
    <>
      {mode === "self" ? (
        <>
          <Field label={t("reg.secret")} hint={t("reg.secretHint")} field={secret} type="password" autoComplete="new-password" />
          <Field label={t("reg.secretConfirm")} field={secretConfirm} type="password" autoComplete="new-password" />
        </>
      ) : null}
      <Fieldset legend={t("reg.noticeTitle")} className="consent">
        <p className="consent-text">{t(`reg.noticeTexts.${CONSENT_VERSIONS.registration}`)}</p>
        <p className="hint">{t("reg.consentVersion", { version: CONSENT_VERSIONS.registration })}</p>
        <CheckboxField label={t(mode === "self" ? "reg.consentRegistration" : "reg.consentConfirm")} field={consent} />
      </Fieldset>
    </>
  );
}
