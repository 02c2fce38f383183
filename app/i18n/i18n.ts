// i18next set-up shared by server and browser. The server holds both dictionaries; the browser
// holds the page's language only, loaded by entry.client.tsx before hydration (addLocale), so
// initialisation stays synchronous and a page renders in the right language on the first paint.
// Switching language reloads the document (root.tsx), which loads the other dictionary.
import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { bundledLocales } from "./all-locales";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
export const LOCALE_COOKIE = "lb_lng";

const dictionaries: Partial<Record<Locale, Record<string, unknown>>> = { ...bundledLocales };

/** The browser: the page's dictionary, loaded before hydration (entry.client.tsx). */
export function addLocale(locale: Locale, dictionary: Record<string, unknown>): void {
  dictionaries[locale] = dictionary;
  cache.delete(locale);
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

const cache = new Map<Locale, I18n>();

export function getI18n(locale: Locale): I18n {
  let instance = cache.get(locale);
  if (!instance) {
    instance = createInstance();
    instance.use(initReactI18next).init({
      resources: Object.fromEntries(Object.entries(dictionaries).map(([l, d]) => [l, { translation: d }])),
      lng: locale,
      fallbackLng: DEFAULT_LOCALE,
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    });
    cache.set(locale, instance);
  }
  return instance;
}

/** Server side: the locale from the cookie, else zh-CN (the platform's users are Chinese first). */
export function localeFromRequest(request: Request): Locale {
  const cookie = request.headers.get("Cookie") ?? "";
  const match = cookie.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]+)`));
  const value = match ? decodeURIComponent(match[1]) : undefined;
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export function serverT(request: Request) {
  return getI18n(localeFromRequest(request)).t;
}
