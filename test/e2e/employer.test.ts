// The employer journey through a real browser at phone size, in Chinese: sign up (a mistyped
// credit code is caught next to its field) → draft a posting while pending → a province
// coordinator verifies → publish → a matched candidate appears (masked) → invite → the job seeker
// accepts on /me → the employer sees the name and hires → an unverified placement exists.
// Matching is a later issue: this test plays its part by writing the match a matcher would write.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { makeCreditCode } from "~/domain/credit-code";
import { DEMO_PASSWORD } from "../../prisma/seed/demo";
import { overflowsHorizontally } from "./browser";
import { journey } from "./journey";

const { baseURL, harness, phone, suffix, signedIn } = journey();

/** A field's own error message (the alert inside the same .field as the control). */
const fieldError = (page: Page, label: string) =>
  page
    .locator(".field")
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .getByRole("alert");

describe("employer journey", () => {
  const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const body = Array.from({ length: 7 }, () => ALPHABET[10 + Math.floor(Math.random() * 21)]).join("");
  const creditCode = makeCreditCode("91", "110105", `MA${body}`);
  const username = `e2e-emp-${suffix}`;
  const name = `北京测试${suffix}家政服务有限公司`;
  let postingUrl = "";
  let matchId = "";

  it("signs up at phone size; a mistyped credit code is shown next to its field, nothing typed is lost", async () => {
    const page = await phone();
    await page.goto(`${baseURL}/employer/signup`, { waitUntil: "networkidle" });
    await page.getByLabel("单位名称").fill(name);
    await page.getByLabel("统一社会信用代码").fill(creditCode.slice(0, 17) + (creditCode[17] === "0" ? "1" : "0"));
    await page.getByLabel("单位所在区县").selectOption("110105");
    await page.getByLabel("所属行业").selectOption("domestic-services");
    await page.getByLabel("联系人姓名").fill("赵经理");
    await page.getByLabel("联系人手机").fill("13912345678");
    await page.getByLabel("登录用户名").fill(username);
    await page.getByLabel("登录密码").fill("e2e-password-1");
    await page.getByLabel("再次输入密码").fill("e2e-password-1");
    await page.getByLabel(/本单位承诺/).check();
    await page.getByRole("button", { name: "提交注册" }).click();
    await expect.poll(() => fieldError(page, "统一社会信用代码").textContent()).toContain("校验码");
    expect(await page.getByLabel("单位名称").inputValue()).toBe(name);
    expect(await overflowsHorizontally(page)).toBe(false);

    await page.getByLabel("统一社会信用代码").fill(creditCode.toLowerCase());
    // The server never sends passwords back: type them again.
    await page.getByLabel("登录密码").fill("e2e-password-1");
    await page.getByLabel("再次输入密码").fill("e2e-password-1");
    await page.getByRole("button", { name: "提交注册" }).click();
    await page.waitForURL(`${baseURL}/employer?welcome=1`);
    await expect.poll(() => page.getByTestId("employer-status").textContent()).toContain("待审核");
    await page.context().close();
  });

  it("drafts a posting while pending (publishing waits for verification)", async () => {
    const page = await signedIn(username, "e2e-password-1", "/employer");
    await page.getByRole("link", { name: "发布招聘订单" }).click();
    await page.waitForLoadState("networkidle");
    expect(await page.getByRole("button", { name: "发布", exact: true }).count()).toBe(0);
    await page.getByLabel("工种", { exact: true }).selectOption("domestic-helper");
    await page.getByLabel("岗位名称").fill("住家保姆（e2e）");
    await page.getByLabel("招聘人数").fill("1");
    await page.getByLabel("月薪下限（元）").fill("6000");
    await page.getByLabel("月薪上限（元）").fill("8000");
    await page.getByLabel("提供住宿").check();
    await page.getByLabel("工作地点（区县）").selectOption("110105");
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.getByRole("button", { name: "保存草稿" }).click();
    await page.waitForURL(/\/employer\/postings\/[0-9a-f-]{36}\?done=created$/);
    postingUrl = page.url().replace(/\?.*$/, "");
    await expect.poll(() => page.getByTestId("posting-title").textContent()).toContain("草稿");
    await expect.poll(() => page.getByTestId("no-candidates").isVisible()).toBe(true);
    await page.context().close();
  });

  it("a province coordinator finds and verifies the employer", async () => {
    const page = await signedIn("hebei", DEMO_PASSWORD, "/coordinator");
    await page.getByRole("link", { name: "用人单位审核" }).click();
    await page.getByTestId("employers-title").waitFor();
    await page.getByLabel("单位名称或信用代码").fill(suffix);
    await page.getByRole("button", { name: "筛选" }).click();
    await page.getByRole("link", { name }).click();
    await page.getByTestId("employer-name").waitFor();
    expect(await page.getByText("139****5678").count()).toBe(1);
    await page.getByRole("button", { name: "通过认证" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("已通过认证");
    await expect.poll(() => page.getByTestId("employer-name").textContent()).toContain("已认证");
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.context().close();
  });

  it("the verified employer publishes, sees a masked candidate with reasons, and invites", async () => {
    const page = await signedIn(username, "e2e-password-1", "/employer");
    await page.goto(postingUrl, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "发布", exact: true }).click();
    await expect.poll(() => page.getByTestId("posting-title").textContent()).toContain("招聘中");

    // The matcher now proposes people for the new posting by itself, seconds after publishing; this
    // journey follows one known person (the demo job seeker 13800000001), so it writes that person's
    // match itself — already shortlisted, so a re-match (which only replaces PROPOSED rows) leaves it be.
    const postingId = postingUrl.split("/").pop()!;
    const seeker = await harness.db.query<{ workerId: string; fullName: string }>(
      `SELECT w.id AS "workerId", w."fullName" FROM "Worker" w WHERE w."phoneMasked" = '138****0001' LIMIT 1`,
    );
    const { workerId, fullName } = seeker.rows[0];
    const inserted = await harness.db.query<{ id: string }>(
      `INSERT INTO "Match" (id, "workerId", "postingId", score, factors, "explanationZh", status, "updatedAt")
        VALUES (gen_random_uuid(), $1, $2, 88, $3, $4, 'SHORTLISTED', now())
       ON CONFLICT ("workerId", "postingId") DO UPDATE SET score = EXCLUDED.score, factors =
         EXCLUDED.factors, "explanationZh" = EXCLUDED."explanationZh", status = 'SHORTLISTED'
       RETURNING id`,
      [
        workerId,
        postingId,
        JSON.stringify([{ factor: "skill", weight: 0.6, contribution: 85, note: "住家保姆经验" }]),
        "有住家保姆经验，期望月薪在岗位范围内。",
      ],
    );
    matchId = inserted.rows[0].id;

    await page.reload({ waitUntil: "networkidle" });
    const card = page.locator(`[data-testid="candidate"][data-match="${matchId}"]`);
    await expect.poll(() => card.count()).toBe(1);
    const text = await card.textContent();
    expect(text).toContain(`${fullName[0]}*`);
    expect(text).not.toContain(fullName);
    expect(text).toContain("有住家保姆经验");
    expect(text).not.toMatch(/138\*{4}0001|13800000001/);
    expect(await overflowsHorizontally(page)).toBe(false);
    await card.getByRole("button", { name: "发出邀请" }).click();
    await expect.poll(() => card.textContent()).toContain("已邀请");
    await page.context().close();
  });

  it("the job seeker sees the invitation on /me and accepts", async () => {
    const page = await signedIn("13800000001", DEMO_PASSWORD, "/me");
    const offer = page.getByTestId("invitations").getByTestId("offer").filter({ hasText: "住家保姆（e2e）" });
    await expect.poll(() => offer.count()).toBe(1);
    expect(await offer.textContent()).toContain(name);
    expect(await overflowsHorizontally(page)).toBe(false);
    await offer.getByRole("button", { name: "接受邀请" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("已接受");
    await expect.poll(() => page.getByTestId("accepted").textContent()).toContain("住家保姆（e2e）");
    await page.context().close();
  });

  it("the employer sees the name, reveals the phone and hires; the posting is filled and the placement awaits verification", async () => {
    const page = await signedIn(username, "e2e-password-1", "/employer");
    await page.goto(postingUrl, { waitUntil: "networkidle" });
    const card = page.locator(`[data-testid="candidate"][data-match="${matchId}"]`);
    const seeker = await harness.db.query<{ fullName: string }>(`SELECT "fullName" FROM "Worker" WHERE "phoneMasked" = '138****0001' LIMIT 1`);
    await expect.poll(() => card.textContent()).toContain(seeker.rows[0].fullName);
    await card.getByRole("button", { name: "查看联系电话" }).click();
    await expect.poll(() => page.getByTestId("candidate-phone").textContent()).toBe("13800000001");
    await card.locator("summary", { hasText: "确认录用" }).click();
    await card.getByLabel("入职日期").fill("2027-03-01");
    await card.getByLabel("月薪（元）").fill("6500");
    expect(await overflowsHorizontally(page)).toBe(false);
    await card.locator('button[value="hire"]').click();
    await expect.poll(() => card.textContent()).toContain("已录用");
    await page.reload({ waitUntil: "networkidle" });
    await expect.poll(() => page.getByTestId("posting-title").textContent()).toContain("已招满");
    const placement = await harness.db.query(`SELECT verification, "monthlyWage", "transferType" FROM "Placement" WHERE "postingId" = $1`, [
      postingUrl.split("/").pop(),
    ]);
    expect(placement.rows).toEqual([{ verification: "UNVERIFIED", monthlyWage: 6500, transferType: "BEIJING_TIANJIN" }]);
    await page.context().close();
  });
});
