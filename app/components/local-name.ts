// What every page needs to write a name or a list in the reader's language: a place's (or any
// coded record's) name as the language calls it, and punctuation, which is full width in Chinese.
import { useTranslation } from "react-i18next";
import { placeName } from "~/domain/place-names";

/** Punctuation differs between Chinese (full width) and English. */
export function usePunct() {
  const { t } = useTranslation();
  return {
    colon: t("punct.colon"),
    comma: t("punct.comma"),
    semicolon: t("punct.semicolon"),
    open: t("punct.open"),
    close: t("punct.close"),
    enumeration: t("punct.enum"),
  };
}

/** A function naming a record (a place, an occupation, a county) in the reader's language; "" for none. */
export function useLocalName() {
  const { i18n } = useTranslation();
  return (r: { code?: string; name: string; nameEn?: string | null } | null | undefined) => (r ? placeName(r, i18n.language) : "");
}
