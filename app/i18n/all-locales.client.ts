// The browser's stand-in for all-locales.ts (see there): no dictionary is bundled; entry.client.tsx
// loads the page's language before hydrating.
export const bundledLocales: Partial<Record<"zh-CN" | "en", Record<string, unknown>>> = {};
