// English for sections/lists.ts (a file of its own so that the browser loads one language only).
import type { zh } from "./lists";

export const en: typeof zh = {
  shown: "Showing {{shown}} of {{total}}",
  more: "Show {{count}} more",
  scrollHint: "This table is wide: swipe sideways to see the other columns",
};
