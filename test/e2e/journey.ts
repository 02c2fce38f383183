// What the journey files (employer, matching, training and subsidy journeys) open with: the web
// server's URL, one browser and database client for the file, a suffix for the names this run
// creates, and fresh phone pages, signed in where asked.
import type { Page } from "playwright-core";
import { inject } from "vitest";
import { e2eHarness, signIn } from "./browser";

export function journey() {
  const baseURL = inject("baseURL");
  const harness = e2eHarness(inject("databaseUrl"));
  const phone = () => harness.phone();
  return {
    baseURL,
    harness,
    phone,
    suffix: Date.now().toString(36).slice(-5),
    /** A fresh phone page signed in as `identifier`, landed on `home` (e.g. "/coordinator"). */
    async signedIn(identifier: string, password: string, home: string): Promise<Page> {
      const page = await phone();
      await signIn(page, baseURL, identifier, password, home);
      return page;
    },
  };
}
