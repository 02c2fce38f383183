// i18next set-up shared by server and browser. The strings are i18next resource files,
// app/i18n/locales/<language>/<namespace>.json (namespaces.ts); t("area.key") reads one merged
// resource object per language (mergeBundles), so call sites name a key the same way everywhere.
// The server holds every namespace of both languages (all-locales.ts). The browser holds what it
// was given: the page's namespaces in its language, inline in the document (root.tsx, read by
// entry.client.tsx before hydrating), plus what loadNamespaces fetched when a navigation needed
// more (root.tsx suspends the page until then). Initialisation stays synchronous, so a page
// renders in the right language on the first paint. Switching language reloads the document.
import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { bundledLocales, namespaceChunks } from "./all-locales";
import { type Bundles, mergeBundles, type Namespace } from "./namespaces";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
export const LOCALE_COOKIE = "lb_lng";

const bundles: Record<Locale, Bundles> = { "zh-CN": { ...bundledLocales["zh-CN"] }, en: { ...bundledLocales.en } };

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

const cache = new Map<Locale, I18n>();

export function getI18n(locale: Locale): I18n {
  let instance = cache.get(locale);
  if (!instance) {
    instance = createInstance();
    instance.use(initReactI18next).init({
      resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: mergeBundles(bundles[l]) }])),
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

/** The namespaces of `locale` held here (all of them on the server). */
export function hasNamespaces(locale: Locale, namespaces: readonly Namespace[]): boolean {
  return namespaces.every((ns) => bundles[locale][ns] !== undefined);
}

/** Some namespaces' strings, as the document carries them to the browser. */
export function pickNamespaces(locale: Locale, namespaces: readonly Namespace[]): Bundles {
  const picked: Bundles = {};
  for (const ns of namespaces) {
    const strings = bundles[locale][ns];
    if (strings) picked[ns] = strings;
  }
  return picked;
}

/** The browser: namespaces received (from the document or loadNamespaces), added to the live instance. */
export function addNamespaces(locale: Locale, received: Bundles): void {
  Object.assign(bundles[locale], received);
  cache.get(locale)?.addResourceBundle(locale, "translation", mergeBundles(received), true, true);
}

const pending = new Map<string, Promise<void>>();

/** Fetches the namespaces the browser lacks (one promise per set, shared by the renders that wait on it). */
export function loadNamespaces(locale: Locale, namespaces: readonly Namespace[]): Promise<void> {
  const missing = namespaces.filter((ns) => bundles[locale][ns] === undefined);
  const id = `${locale}:${missing.join(",")}`;
  let promise = pending.get(id);
  if (!promise) {
    promise = Promise.all(
      missing.map(async (ns) => {
        const load = namespaceChunks[`./locales/${locale}/${ns}.json`];
        if (!load) throw new Error(`no strings for ${locale}/${ns}`);
        return [ns, (await load()).default] as const;
      }),
    ).then((loaded) => addNamespaces(locale, Object.fromEntries(loaded)));
    pending.set(id, promise);
    promise.catch(() => pending.delete(id));
  }
  return promise;
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
