// Roster import through a real browser at phone size: the 阜平县 coordinator uploads a small CSV,
// watches the job (run by the platform's worker process) finish, reads the counts and downloads
// the problem report.
import http from "node:http";
import { stringify } from "csv-stringify/sync";
import { describe, expect, inject, it } from "vitest";
import { makeResidentId } from "~/domain/resident-id";
import { DEMO_PASSWORD } from "../../prisma/seed/demo";
import { overflowsHorizontally, pagePerTest, signIn } from "./browser";

const baseURL = inject("baseURL");
const tab = pagePerTest({ acceptDownloads: true });

// Birth dates on the 30th: the demo data set only uses days 1–28, so these people are new.
const id = (seq: number) => makeResidentId("130624", "1988-03-30", seq);
const roster = stringify([
  ["姓名", "身份证号", "手机号", "户籍县", "技能/工种", "意向地区"],
  ["韩梅梅", id(11), "13900000011", "阜平县", "家政服务员", "北京"],
  ["李雷", id(12), "13900000012", "阜平县", "电工", "北京朝阳区"],
  ["王小明", id(13), "13900000013", "130624", "", ""],
  ["错号码", `${id(14).slice(0, 17)}${id(14).endsWith("1") ? "2" : "1"}`, "13900000014", "阜平县", "", ""],
  ["外县人", id(15), "13900000015", "涞源县", "", ""],
  ["韩梅梅", id(11), "13900000011", "阜平县", "家政服务员", "北京"],
]);

describe("roster import", () => {
  it("a county coordinator uploads a roster on a phone, sees it finish, and downloads the problem report", async () => {
    await signIn(tab.page, baseURL, "fuping", DEMO_PASSWORD);
    await tab.page.waitForURL(`${baseURL}/coordinator`);
    await tab.page.goto(`${baseURL}/coordinator/imports`, { waitUntil: "networkidle" });
    await tab.page.getByTestId("imports").waitFor();
    expect(await overflowsHorizontally(tab.page)).toBe(false);

    await tab.page.getByLabel("花名册文件").setInputFiles({ name: "阜平县花名册.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${roster}`) });
    await tab.page.getByRole("button", { name: "上传并导入" }).click();
    await tab.page.waitForURL(/\/coordinator\/imports\/[0-9a-f-]{36}$/);
    await tab.page.getByTestId("import-page").waitFor();

    // The worker process picks the job up; the page polls until the import is done.
    await expect.poll(() => tab.page.getByTestId("import-status").textContent(), { timeout: 90_000, interval: 500 }).toBe("已完成");
    expect(await tab.page.getByTestId("import-progress").getAttribute("aria-valuenow")).toBe("100");
    const counts = await tab.page.getByTestId("import-counts").locator(".stat").allTextContents();
    expect(counts).toEqual(["3新登记", "0已更新", "1无变化", "2未通过"]);
    const rows = await tab.page.getByTestId("import-errors").locator("tbody tr").allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain("身份证号码有误");
    expect(rows[0]).toMatch(/1306\*{14}/);
    expect(rows[1]).toContain("该户籍县不在您的管辖范围内");
    expect(await overflowsHorizontally(tab.page)).toBe(false);

    const [download] = await Promise.all([tab.page.waitForEvent("download"), tab.page.getByTestId("download-errors").click()]);
    expect(download.suggestedFilename()).toBe("阜平县花名册-问题报告.csv");
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    const report = Buffer.concat(chunks).toString("utf8");
    expect(report.startsWith("\uFEFF行号,列,内容,问题")).toBe(true);
    expect(report).toContain("涞源县");
    expect(report).not.toContain(id(15));

    await tab.page.goto(`${baseURL}/coordinator/imports`);
    expect(await tab.page.locator("tbody tr").first().textContent()).toContain("阜平县花名册.csv");
  });

  it("asks which column is which when the headers are not the standard ones", async () => {
    const own = stringify([
      ["名", "证件", "电话", "县"],
      ["马小红", id(21), "13900000021", "阜平县"],
    ]);
    await signIn(tab.page, baseURL, "fuping", DEMO_PASSWORD);
    await tab.page.waitForURL(`${baseURL}/coordinator`);
    await tab.page.goto(`${baseURL}/coordinator/imports`, { waitUntil: "networkidle" });
    await tab.page.getByLabel("花名册文件").setInputFiles({ name: "自制表.csv", mimeType: "text/csv", buffer: Buffer.from(own) });
    await tab.page.getByRole("button", { name: "上传并导入" }).click();
    await tab.page.waitForURL(/\/coordinator\/imports\/[0-9a-f-]{36}$/);
    await tab.page.getByTestId("import-page").waitFor();
    expect(await tab.page.getByTestId("import-status").textContent()).toBe("待核对列");
    expect(await tab.page.getByLabel("第 2 列“证件”").inputValue()).toBe(""); // not recognised
    await tab.page.getByLabel("第 1 列“名”").selectOption("fullName");
    await tab.page.getByLabel("第 2 列“证件”").selectOption("idNumber");
    await tab.page.getByRole("button", { name: "开始导入" }).click();
    await expect.poll(() => tab.page.getByTestId("import-status").textContent(), { timeout: 90_000, interval: 500 }).toBe("已完成");
    expect(await tab.page.getByTestId("import-counts").locator(".stat").first().textContent()).toBe("1新登记");
    expect(await overflowsHorizontally(tab.page)).toBe(false);
  });

  it("another coordinator cannot open the import", async () => {
    await signIn(tab.page, baseURL, "fuping", DEMO_PASSWORD);
    await tab.page.waitForURL(`${baseURL}/coordinator`);
    await tab.page.goto(`${baseURL}/coordinator/imports`);
    const href = await tab.page.locator("tbody tr a").first().getAttribute("href");
    expect(href).toMatch(/^\/coordinator\/imports\//);
    await tab.page.getByRole("button", { name: "退出" }).click();
    // Signed out once the top bar offers 登录 again: going to /login before that raced the sign-out's
    // own redirect, which could land the browser elsewhere while signIn looked for the form.
    await tab.page.locator("header.topbar").getByRole("link", { name: "登录" }).waitFor();
    await signIn(tab.page, baseURL, "pingquan", DEMO_PASSWORD);
    await tab.page.waitForURL(`${baseURL}/coordinator`);
    expect((await tab.page.goto(`${baseURL}${href}`))?.status()).toBe(404);
    expect((await tab.page.goto(`${baseURL}${href}/errors.csv`))?.status()).toBe(404);
  });

  it("refuses an upload larger than the roster limit before reading it", async () => {
    // Only the declared length is sent: the server must answer from the headers alone.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${baseURL}/coordinator/imports`,
        { method: "POST", headers: { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(22 * 1024 * 1024) } },
        (res) => {
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on("error", reject);
      req.flushHeaders();
    });
    expect(status).toBe(413);
  });
});
