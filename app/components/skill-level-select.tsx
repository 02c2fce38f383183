// A skill's national vocational qualification level (五级 / 初级工, the entry level, up to 一级 / 高级技师),
// as a worker states it on registration and an employer asks for it among a posting's requirements.
import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "./forms";

const SKILL_LEVELS = ["5", "4", "3", "2", "1"];

/** A select of the levels, from the entry level up; `placeholder` is the empty choice (no level, any level). */
export function SkillLevelSelect({ label, field, placeholder }: { label: string; field: FieldMetadata<string | undefined>; placeholder: string }) {
  const { t } = useTranslation();
  return (
    <SelectField label={label} field={field} placeholder={placeholder} options={SKILL_LEVELS.map((l) => ({ value: l, label: t(`reg.skillLevels.${l}`) }))} />
  );
}
