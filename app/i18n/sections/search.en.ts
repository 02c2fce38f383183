// English for sections/search.ts (a file of its own so that the browser loads one language only).
import type { zh } from "./search";

export const en: typeof zh = {
  unavailableTitle: "Search is unavailable",
  unavailable: "The search service is not answering right now; your query is kept in the address bar. Please wait a minute and reload the page; if this keeps happening, contact your administrator.",
};
