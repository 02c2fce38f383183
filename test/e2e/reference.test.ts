// Issue 14 through a real browser at phone size: an administrator reads a reference table with its
// sources, adds a correction (bad input answered next to the field, nothing typed lost), sees the
// shipped row kept beside it, revokes it; in Chinese and in English.
import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed/demo";
import { overflowsHorizontally, pagePerTest, signIn } from "./browser";

const baseURL = inject("baseURL");
const tab = pagePerTest();

async function asAdmin(path: string) {
  await signIn(tab.page, baseURL, "admin", DEMO_PASSWORD);
  await tab.page.waitForURL(`${baseURL}/admin`);
  await tab.page.goto(`${baseURL}${path}`);
}

describe("reference data screens", () => {
  it("minimum wages: each row with its source; Beijing's 2,540 from 2025-09-01; fits a phone", async () => {
    await asAdmin("/admin/reference/minimumWage");
    await tab.page.getByTestId("reference-table").waitFor();
    const beijing = tab.page.locator('tr[data-key="11@2025-09-01"]');
    expect(await beijing.textContent()).toContain("京人社劳发〔2025〕7号");
    expect(await beijing.textContent()).toContain("2540");
    expect(await tab.page.locator('tr[data-key="130125@2023-01-01"]').textContent()).toContain("2000");
    expect(await overflowsHorizontally(tab.page)).toBe(false);
  });

  it("an area code: bad input next to the field, kept; then added beside the table, revoked back", async () => {
    await asAdmin("/admin/reference/areaCode");
    await tab.page.getByLabel("代码", { exact: true }).fill("99x");
    await tab.page.getByLabel("名称", { exact: true }).fill("测试旧县");
    await tab.page.getByRole("button", { name: "保存（记入审计日志）" }).click();
    await expect.poll(() => tab.page.locator("#ref-code-err").textContent()).toContain("请填写北京、天津或河北的 6 位代码");
    expect(await tab.page.locator("#ref-source-err").textContent()).toContain("请写明依据的文件");
    expect(await tab.page.getByLabel("名称", { exact: true }).inputValue()).toBe("测试旧县");
    await tab.page.getByLabel("代码", { exact: true }).fill("130198");
    await tab.page.getByLabel("依据（文件名称、文号及日期）").fill("测试：民政部行政区划代码变更（1990-01-01）");
    await tab.page.getByRole("button", { name: "保存（记入审计日志）" }).click();
    await expect.poll(() => tab.page.getByRole("status").first().textContent()).toContain("已保存");
    await tab.page.getByLabel("筛选（代码或名称）").fill("130198");
    await tab.page.getByRole("button", { name: "筛选" }).click();
    const row = tab.page.locator('tr[data-key="130198"]');
    await expect.poll(() => row.getAttribute("data-in-force")).toBe("override");
    await row.getByRole("button", { name: "撤销此修改" }).click();
    await expect.poll(() => tab.page.getByRole("status").first().textContent()).toContain("已撤销");
    expect(await overflowsHorizontally(tab.page)).toBe(false);
  });

  it("poverty counties in English: the level of each, 临城 a national key county", async () => {
    await asAdmin("/admin/reference/povertyCounty");
    await tab.page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => tab.page.getByTestId("reference-table").textContent()).toBe("Poverty counties");
    expect(await tab.page.locator('tr[data-key="130522"]').textContent()).toContain("National key");
    expect(await tab.page.locator('tr[data-key="130929"]').textContent()).toContain("Provincial");
    expect(await overflowsHorizontally(tab.page)).toBe(false);
  });
});
