// The browser's entry: take the page's strings from the document (root.tsx writes the page's
// namespaces in its language as inline JSON), then hydrate. No dictionary is bundled: a phone gets
// the strings of the page it opened, and a navigation fetches what the next page adds (app/i18n).
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { addNamespaces, DEFAULT_LOCALE, isLocale, loadNamespaces } from "./i18n/i18n";
import { type Bundles, I18N_SCRIPT_ID, type Namespace } from "./i18n/namespaces";

const inline = document.getElementById(I18N_SCRIPT_ID)?.textContent;
const page = inline ? (JSON.parse(inline) as { locale?: unknown; strings?: Bundles; load?: Namespace[] }) : {};
const lang = document.documentElement.lang;
const locale = isLocale(page.locale) ? page.locale : isLocale(lang) ? lang : DEFAULT_LOCALE;
addNamespaces(locale, page.strings ?? {});

// A page with many strings names the namespaces it did not carry (root.tsx): fetched (hashed,
// cached chunks) before hydrating, so the first render has every string the server used.
void loadNamespaces(locale, page.load ?? []).finally(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
