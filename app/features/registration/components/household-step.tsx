// The registration form's step ② household registration: county, township, village, registered-poor
// status, and the priority factors asked only after their own consent.
import { useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { CONSENT_VERSIONS, PRIORITY_FACTORS } from "../choices";
import type { RegionOption, RegistrationOptions } from "~/domain/options";
import type { RegistrationReply } from "~/platform/reply";
import { CheckboxField, CheckboxGroup, ErrorList, Field, Fieldset, SelectField } from "~/components/forms";
import { useAnyField, useListField, useRegionName } from "./field-hooks";

export function HouseholdStep({
  options,
  enhanced,
  townships,
}: {
  options: RegistrationOptions;
  enhanced: boolean;
  townships?: RegistrationReply["townships"];
}) {
  const { t } = useTranslation();
  const name = useRegionName();
  const county = useAnyField("countyCode");
  const township = useAnyField("townshipCode");
  const village = useAnyField("villageName");
  const poor = useAnyField("isRegisteredPoor");
  const householdNumber = useAnyField("householdNumber");
  const priorityConsent = useAnyField("priorityConsent");
  const factors = useListField("priorityFactors");
  const countyCode = typeof county.value === "string" ? county.value : "";
  // Townships: from the server's answer for this county, else (with JavaScript) fetched when the county changes.
  const fetcher = useFetcher<{ parent: string; regions: RegionOption[] }>();
  const fromServer = townships?.county === countyCode && townships.list.length ? townships.list : undefined;
  const fetched = fetcher.data?.parent === countyCode ? fetcher.data.regions : undefined;
  const list = fromServer ?? fetched ?? [];
  useEffect(() => {
    if (enhanced && /^\d{6}$/.test(countyCode) && !fromServer && fetcher.data?.parent !== countyCode) fetcher.load(`/register/regions?parent=${countyCode}`);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load when the county changes; fetcher and fromServer change with each answer
  }, [enhanced, countyCode]);
  const townshipPlaceholder = !countyCode
    ? t("reg.townshipNeedsCounty")
    : fetcher.state === "loading" && !list.length
      ? t("reg.townshipsLoading")
      : t("reg.townshipPlaceholder");

  return (
    <>
      <SelectField
        label={t("reg.county")}
        field={county}
        placeholder={t("reg.countyPlaceholder")}
        groups={options.counties.map((p) => ({ label: name(p), options: p.children.map((c) => ({ value: c.code, label: name(c) })) }))}
      />
      {/* Remounted when the list changes, so the township typed before is selected once its county's list is there. */}
      <SelectField
        key={`${countyCode}:${list.length}`}
        label={t("reg.township")}
        field={township}
        placeholder={townshipPlaceholder}
        options={list.map((r) => ({ value: r.code, label: name(r) }))}
        disabled={enhanced && !list.length}
      />
      {!enhanced ? (
        <div className="field">
          <button type="submit" name="intent" value="townships" formNoValidate className="secondary">
            {t("reg.loadTownships")}
          </button>
          <span className="hint">{t("reg.loadTownshipsHint")}</span>
        </div>
      ) : null}
      <Field label={t("reg.villageName")} hint={t("reg.villageHint")} field={village} />
      <CheckboxField label={t("reg.isRegisteredPoor")} field={poor} />
      <Field label={t("reg.householdNumber")} hint={t("reg.householdNumberHint")} field={householdNumber} />

      <Fieldset legend={t("reg.priorityTitle")} className="consent">
        <p className="consent-text">{t(`reg.noticeTexts.${CONSENT_VERSIONS.priorityFactors}`)}</p>
        <p className="hint">{t("reg.consentVersion", { version: CONSENT_VERSIONS.priorityFactors })}</p>
        <CheckboxField label={t("reg.priorityConsent")} field={priorityConsent} />
        {/* The factors are asked only after the consent: with JavaScript they appear when it is ticked. */}
        {!enhanced ? <p className="hint">{t("reg.priorityNoJs")}</p> : null}
        {!enhanced || priorityConsent.value === "on" ? (
          <CheckboxGroup
            legend={t("reg.priorityFactorsLegend")}
            field={factors}
            options={PRIORITY_FACTORS.map((f) => ({ value: f, label: t(`reg.priorityFactor.${f}`) }))}
          />
        ) : (
          <ErrorList id={factors.errorId} errors={factors.errors} />
        )}
      </Fieldset>
    </>
  );
}
