// The browser's stand-in for all-locales.ts (see there): no strings are bundled; entry.client.tsx
// takes the page's namespaces from the document, and loadNamespaces (i18n.ts) fetches the rest.
import type { Bundles } from "./namespaces";

export const bundledLocales: Partial<Record<"zh-CN" | "en", Bundles>> = {};

/** One hashed, long-cached chunk per language and namespace (Vite makes a chunk of each JSON file). */
export const namespaceChunks: Record<string, () => Promise<{ default: Record<string, unknown> }>> = import.meta.glob<{ default: Record<string, unknown> }>(
  "./locales/*/*.json",
);
