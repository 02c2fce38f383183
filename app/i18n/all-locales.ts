// Every language's dictionary, for the server (and tests). The browser build replaces this module
// with all-locales.client.ts (vite.config.ts), and entry.client.tsx loads only the page's language:
// a phone downloads one dictionary, not both (issue 15, the /register weight budget).
import en from "./en";
import zhCN from "./zh-CN";

export const bundledLocales: Partial<Record<"zh-CN" | "en", Record<string, unknown>>> = { "zh-CN": zhCN, en };
