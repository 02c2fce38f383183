// The one place component tests get their translations (issue 17 item 6): the app's own i18n
// instance for a locale, from app/i18n/i18n.ts's public API, provided the way root.tsx provides it.
// When the dictionaries move (JSON namespaces), only this file follows.
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { DEFAULT_LOCALE, getI18n, type Locale } from "~/i18n/i18n";

export type { Locale };

/** The app's i18next instance for `locale` (zh-CN when none is named, as for a first visit). */
export function i18nFor(locale: Locale = DEFAULT_LOCALE) {
  return getI18n(locale);
}

/** Wraps a tree the way root.tsx does, so `useTranslation()` answers in `locale`. */
export function WithLocale({ locale = DEFAULT_LOCALE, children }: { locale?: Locale; children: ReactNode }) {
  return <I18nextProvider i18n={i18nFor(locale)}>{children}</I18nextProvider>;
}
