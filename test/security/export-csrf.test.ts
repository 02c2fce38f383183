// Issue 11, item 10: the unmasked export was a GET link, so a link or an <img> on another site
// made one in a signed-in coordinator's name. It is now a POST of the records page's form,
// behind the same cross-origin check as every form; GET serves masked downloads only.
import { beforeAll, describe, expect, it } from "vitest";
import type express from "express";
import { makeResidentId } from "~/domain/resident-id";
import { action as exportAction, loader as exportLoader } from "~/routes/coordinator/dashboard-export";
import { isCrossOriginWrite } from "~/server/web";
import { refreshDashboardStats } from "~/features/plans/index.server";
import { getDb } from "~/services/db.server";
import { callRoute, formPost } from "../setup/api-call";
import { makeCoordinator, makeEmployer, makeWorker, type TestUser } from "../setup/factories";

const YEAR = 2025;
const FUPING = "130624";
const idNumber = makeResidentId(FUPING, "1991-07-08", 21);
const query = { what: "records", format: "csv", region: FUPING, year: String(YEAR), metric: "placements" };
let coordinator: TestUser;

beforeAll(async () => {
  const worker = await makeWorker(FUPING, { idNumber });
  const { employer } = await makeEmployer();
  await getDb().placement.create({
    data: {
      workerId: worker.id,
      employerId: employer.id,
      startDate: new Date("2025-04-01T00:00:00Z"),
      monthlyWage: 5000,
      workRegionCode: "110105",
      transferType: "BEIJING_TIANJIN",
      verification: "VERIFIED",
    },
  });
  coordinator = await makeCoordinator(FUPING);
  await refreshDashboardStats(YEAR);
});

const unmaskedAudits = () => getDb().auditLog.count({ where: { action: { startsWith: "dashboard.export.unmasked" } } });

describe("unmasked export needs a same-origin POST", () => {
  it("cross-site GET link ?unmask=1&confirm=1 (a link or <img> on another site) exports nothing in full", async () => {
    const url = `http://localhost/coordinator/dashboard/export?${new URLSearchParams({ ...query, unmask: "1", confirm: "1" })}`;
    const res = await callRoute(exportLoader, new Request(url, { headers: { Cookie: await coordinator.cookie(), "Sec-Fetch-Site": "cross-site" } }));
    expect(res.status).toBe(405);
    expect(await res.text()).not.toContain(idNumber);
    expect(await unmaskedAudits()).toBe(0);
  });

  it("cross-site POST of the form (Sec-Fetch-Site: cross-site, or a foreign Origin) is refused with 403 by the route itself", async () => {
    const fields = { ...query, unmask: "1", confirm: "1" };
    for (const headers of [{ "Sec-Fetch-Site": "cross-site" }, { Origin: "https://evil.example" }] as Record<string, string>[]) {
      const res = await callRoute(exportAction, formPost("/coordinator/dashboard/export", await coordinator.cookie(), fields, headers));
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain(idNumber);
    }
    expect(await unmaskedAudits()).toBe(0);
  });

  it("the web server refuses the cross-site POST to the export path before the route runs", () => {
    const req = {
      method: "POST",
      path: "/coordinator/dashboard/export",
      headers: { host: "lb.example", origin: "https://evil.example" },
    } as unknown as express.Request;
    expect(isCrossOriginWrite(req)).toBe(true);
  });

  it("same-origin POST without the confirmation tick is a 400, not an export", async () => {
    const res = await callRoute(exportAction, formPost("/coordinator/dashboard/export", await coordinator.cookie(), { ...query, unmask: "1" }));
    expect(res.status).toBe(400);
    expect(await unmaskedAudits()).toBe(0);
  });

  it("same-origin POST with the tick exports in full and is audited; the masked GET download still works", async () => {
    const res = await callRoute(exportAction, formPost("/coordinator/dashboard/export", await coordinator.cookie(), { ...query, unmask: "1", confirm: "1" }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(idNumber);
    expect(await unmaskedAudits()).toBeGreaterThan(0);
    const masked = await callRoute(
      exportLoader,
      new Request(`http://localhost/coordinator/dashboard/export?${new URLSearchParams(query)}`, { headers: { Cookie: await coordinator.cookie() } }),
    );
    expect(masked.status).toBe(200);
    expect(await masked.text()).not.toContain(idNumber);
  });
});
