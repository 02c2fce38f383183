// The browser's entry: take the page's strings from the document (root.tsx writes the page's
// namespaces in its language as inline JSON), then hydrate. No dictionary is bundled: a phone gets
// the strings of the page it opened, and a navigation fetches what the next page adds (app/i18n).
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { addNamespaces, DEFAULT_LOCALE, isLocale } from "./i18n/i18n";
import { type Bundles, I18N_SCRIPT_ID } from "./i18n/namespaces";

const inline = document.getElementById(I18N_SCRIPT_ID)?.textContent;
const page = inline ? (JSON.parse(inline) as { locale?: unknown; strings?: Bundles }) : {};
const lang = document.documentElement.lang;
addNamespaces(isLocale(page.locale) ? page.locale : isLocale(lang) ? lang : DEFAULT_LOCALE, page.strings ?? {});

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
