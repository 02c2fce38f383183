// The browser tab's title of an area's pages (areaFrame's meta, app/components/area.tsx): the area's
// link the page is under (the longest that fits, a query in the link ignored), else the area's
// name; then the platform's name, all in the page's language. The e2e smoke test reads it in a
// real browser.
import { describe, expect, it } from "vitest";
import { areaFrame, titleMeta } from "~/components/area";

const { meta } = areaFrame("routes/coordinator/layout", (data?: { year: number }) => ({
  name: "nav.coordinator",
  home: "/coordinator",
  links: [
    { to: "/coordinator/placements", label: "out.placementsLink" },
    { to: "/coordinator/plans/new", label: "plans.dashboard.planLink" },
    { to: `/coordinator/plans?year=${data?.year ?? 2026}`, label: "plans.home.dashboard" },
  ],
}));

const titleOf = (pathname: string, locale?: string) =>
  meta({
    data: { year: 2026 },
    matches: [{ id: "root", data: locale ? { locale } : undefined }],
    location: { pathname },
  } as unknown as Parameters<typeof meta>[0]);

describe("an area page's title", () => {
  it.each([
    ["/coordinator", "zh-CN", "协调员工作台 · 劳务桥"],
    ["/coordinator/placements", "zh-CN", "就业核实 · 劳务桥"],
    ["/coordinator/placements/0b6c4c86", "en", "Placements · LaborBridge"],
    ["/coordinator/placements-old", "en", "Coordinator desk · LaborBridge"],
    ["/coordinator/plans/new", "zh-CN", "年度计划 · 劳务桥"],
    ["/coordinator/plans", "en", "Plan progress dashboard · LaborBridge"],
    ["/coordinator/unknown", undefined, "协调员工作台 · 劳务桥"],
  ])("%s in %s: %s", (path, locale, title) => {
    expect(titleOf(path, locale)).toEqual([{ title }]);
  });
});

describe("a page's title outside the areas", () => {
  const args = (locale: string) => ({ matches: [{ id: "root", data: { locale } }] }) as unknown as Parameters<ReturnType<typeof titleMeta>>[0];
  it("is the platform's name, or a page's words before it, in the page's language", () => {
    expect(titleMeta()(args("zh-CN"))).toEqual([{ title: "劳务桥" }]);
    expect(titleMeta()(args("en"))).toEqual([{ title: "LaborBridge" }]);
    expect(titleMeta("nav.signIn")(args("en"))).toEqual([{ title: "Sign in · LaborBridge" }]);
  });
});
