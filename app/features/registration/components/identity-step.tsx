// The registration form's step ① identity: name, ID number (sex and birth date read from it for the
// person to confirm), phone.
import { useTranslation } from "react-i18next";
import { ageOn, parseResidentId } from "~/domain/resident-id";
import { Field } from "~/components/forms";
import { useAnyField } from "./field-hooks";

export function IdentityStep() {
  const { t } = useTranslation();
  const fullName = useAnyField("fullName");
  const idNumber = useAnyField("idNumber");
  const phone = useAnyField("phone");
  return (
    <>
      <Field label={t("reg.fullName")} hint={t("reg.fullNameHint")} field={fullName} autoComplete="name" />
      <Field label={t("reg.idNumber")} hint={t("reg.idNumberHint")} field={idNumber} autoComplete="off" />
      <DerivedFromId value={typeof idNumber.value === "string" ? idNumber.value : ""} />
      <Field label={t("reg.phone")} hint={t("reg.phoneHint")} field={phone} type="tel" inputMode="tel" autoComplete="tel" />
    </>
  );
}

/** Sex and birth date read from the ID number, for the person to confirm. */
function DerivedFromId({ value }: { value: string }) {
  const { t } = useTranslation();
  const parsed = parseResidentId(value);
  return (
    <div aria-live="polite" data-testid="id-derived">
      {parsed.ok ? (
        <p className="derived">
          {t("reg.derivedTitle")}
          <strong>
            {t("reg.derived", {
              sex: t(`reg.sex.${parsed.id.sex}`),
              year: parsed.id.birthDate.slice(0, 4),
              month: Number(parsed.id.birthDate.slice(5, 7)),
              day: Number(parsed.id.birthDate.slice(8, 10)),
              age: ageOn(parsed.id.birthDate, new Date()),
            })}
          </strong>
        </p>
      ) : null}
      {parsed.ok && parsed.id.areaStatus === "unknown" ? (
        <p className="notice" data-testid="id-area-unknown">
          {t("reg.idAreaUnknownForm")}
        </p>
      ) : null}
    </div>
  );
}
