// Field hooks shared by the registration form's steps (and the job seeker's profile page, which
// draws two of them): conform fields by name, the hydration flag and place names in the page's language.
import { useField } from "@conform-to/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { placeName } from "~/domain/place-names";

/** A field by name (the fixed rows have no list to come from); form values are strings on the wire. */
export const useAnyField = (name: string) => useField<string | undefined>(name)[0];
/** A multi-valued field: one value or several under one name. */
export const useListField = (name: string) => useField<string[] | string | undefined>(name)[0];

export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export function useRegionName() {
  const { i18n } = useTranslation();
  // Repeated names (two 桥西区, 威县/魏县) carry their prefecture.
  return (r: { code?: string; name: string; nameEn: string | null }) => placeName(r, i18n.language);
}
