// The browser's entry: load the page's dictionary (the server rendered it in <html lang>), then
// hydrate. Only one language travels to the phone (app/i18n/i18n.ts).
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { addLocale, DEFAULT_LOCALE, isLocale } from "./i18n/i18n";

async function hydrate() {
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
  const dictionary = locale === "en" ? (await import("./i18n/en")).default : (await import("./i18n/zh-CN")).default;
  addLocale(locale, dictionary);
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}

void hydrate();
