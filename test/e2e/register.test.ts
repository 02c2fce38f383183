// Registration through a real browser at phone size, in Chinese: a person registers step by step
// (an ID number with a wrong check digit keeps them on step ① until corrected, nothing else retyped), lands
// on their page signed in; the same ID number a second time is told to sign in; the form works
// without JavaScript; a county coordinator registers someone and the record says so.
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { makeResidentId } from "~/domain/resident-id";
import { DEMO_PASSWORD } from "../../prisma/seed/demo";
import { browserPerFile, overflowsHorizontally, pagesClosedAfterEachTest, signIn } from "./browser";

const baseURL = inject("baseURL");
const phone = pagesClosedAfterEachTest(browserPerFile());

// Birth dates no demo person has (the demo seeds people born before 2000 with other sequences).
const person = { id: makeResidentId("130624", "2001-03-04", 517), name: "刘春燕", phone: "13933334444", secret: "chunyan-2026" };
const wrongCheckDigit = person.id.slice(0, 17) + (person.id[17] === "1" ? "2" : "1");

const next = (page: Page) => page.getByRole("button", { name: "下一步" }).click();
const fieldOf = (page: Page, label: string) => page.locator(".field").filter({ has: page.getByLabel(label, { exact: true }) });

describe("registration on a phone", () => {
  it("registers step by step in Chinese, a rejected ID corrected on the second try, and lands on /me signed in", async () => {
    const page = await phone();
    await page.goto(`${baseURL}/`);
    await page.getByRole("link", { name: "我要登记找工作" }).click();
    await page.waitForURL(`${baseURL}/register`);
    await page.waitForLoadState("networkidle");
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    await expect.poll(() => page.locator(".step-of").textContent()).toContain("第 1 步 / 共 5 步");

    // ① identity
    await page.getByLabel("姓名", { exact: true }).fill(person.name);
    await page.getByLabel("身份证号码", { exact: true }).fill(wrongCheckDigit);
    await page.getByLabel("手机号码", { exact: true }).fill(person.phone);
    expect(await overflowsHorizontally(page)).toBe(false);
    // 下一步 checks the step first (issue 15): the flagged ID keeps the person on step ① with the
    // problem next to the field, focused, and nothing typed lost.
    await next(page);
    const idField = fieldOf(page, "身份证号码");
    await expect.poll(() => idField.getByRole("alert").textContent()).toContain("身份证号码有误");
    expect(await page.locator(".step-of").textContent()).toContain("第 1 步 / 共 5 步");
    expect(await page.getByLabel("身份证号码", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("idNumber");
    expect(await page.getByLabel("姓名", { exact: true }).inputValue()).toBe(person.name);
    expect(await page.getByLabel("手机号码", { exact: true }).inputValue()).toBe(person.phone);
    await page.getByLabel("身份证号码", { exact: true }).fill(person.id.toLowerCase());
    await expect.poll(() => page.getByTestId("id-derived").textContent()).toContain("2001年3月4日");
    await next(page);
    // ② household: the townships follow the county
    await page.getByLabel("户籍所在县（市、区）").selectOption({ label: "阜平县" });
    const township = page.getByLabel("乡镇（选填）");
    await township.locator("option", { hasText: "龙泉关镇" }).waitFor({ state: "attached" });
    await township.selectOption({ label: "龙泉关镇" });
    await page.getByLabel("村（选填）").fill("黑崖沟村");
    await page.getByLabel("我家是建档立卡贫困户").check();
    // the household circumstances are asked only after their own consent
    expect(await page.getByLabel("家里有在读学生").count()).toBe(0);
    await page.getByLabel("我同意提供家庭困难情况，用于优先安排培训和就业帮扶").check();
    await page.getByLabel("家里有在读学生").check();
    expect(await overflowsHorizontally(page)).toBe(false);
    await next(page);
    // ③ skills
    await page.getByLabel("文化程度（选填）").selectOption({ label: "初中" });
    const skill = page.getByRole("group", { name: "技能 1" });
    await skill.getByLabel("工种").selectOption({ label: "缝纫工" });
    await skill.getByLabel("技能等级（选填）").selectOption({ label: "四级 / 中级工" });
    await next(page);
    // ④ preferences
    await page.getByLabel("北京、天津").check();
    // Any district of Beijing is one tick (issue 12): the folded list offers the city itself first.
    await page.locator("details.districts summary").click();
    await page.getByLabel("北京市（任一区都行）").check();
    await page.getByLabel("每月最少要挣多少钱（元，选填）").fill("4000");
    await page.getByLabel("愿意参加免费技能培训").check();
    await page.getByLabel(/^订单式/).check();
    expect(await overflowsHorizontally(page)).toBe(false);
    await next(page);
    // ⑤ password and consent
    await page.getByLabel("设置登录密码").fill(person.secret);
    await page.getByLabel("再输一遍密码").fill(person.secret);
    await page.getByLabel("我已阅读并同意《个人信息使用说明》").check();
    await page.getByRole("button", { name: "提交登记" }).click();

    await page.waitForURL(`${baseURL}/me?welcome=1`);
    await page.getByTestId("seeker-home").waitFor();
    expect(await page.getByRole("status").textContent()).toContain("登记成功");
    expect(await page.locator(".topbar").textContent()).toContain(person.name);
    expect(await overflowsHorizontally(page)).toBe(false);
  });

  it("the same ID number a second time creates nothing: it is told to sign in, and learns nothing of the first", async () => {
    const page = await phone();
    await page.goto(`${baseURL}/register`, { waitUntil: "networkidle" });
    await page.getByLabel("姓名", { exact: true }).fill("冒名者");
    await page.getByLabel("身份证号码", { exact: true }).fill(person.id);
    await page.getByLabel("手机号码", { exact: true }).fill("13811112222");
    await next(page);
    await page.getByLabel("户籍所在县（市、区）").selectOption({ label: "唐县" });
    for (let i = 0; i < 3; i++) await next(page);
    await page.getByLabel("设置登录密码").fill("another-2026");
    await page.getByLabel("再输一遍密码").fill("another-2026");
    await page.getByLabel("我已阅读并同意《个人信息使用说明》").check();
    await page.getByRole("button", { name: "提交登记" }).click();

    const notice = page.locator(".form-error").filter({ hasText: "这个身份证号码已经登记过了" });
    await notice.waitFor();
    expect(await notice.textContent()).toContain("账号填身份证号码或手机号码");
    expect(await notice.textContent()).toContain("协调员");
    expect(await notice.getByRole("link", { name: "去登录" }).getAttribute("href")).toBe("/login");
    const html = await page.content();
    for (const secret of [person.name, person.phone, "139****4444", "黑崖沟"]) expect(html).not.toContain(secret);
    expect(await overflowsHorizontally(page)).toBe(false);

    // The person who registered signs in with the ID number and the password they set.
    await signIn(page, baseURL, person.id, person.secret);
    await page.waitForURL(`${baseURL}/me`);
  });

  it("works without JavaScript: the townships come with a round trip and every problem shows with everything kept", async () => {
    const page = await phone({ javaScriptEnabled: false });
    const id = makeResidentId("130624", "2001-07-08", 519);
    await page.goto(`${baseURL}/register`);
    await page.getByLabel("姓名", { exact: true }).fill("孙建国");
    await page.getByLabel("身份证号码", { exact: true }).fill(id);
    await page.getByLabel("手机号码", { exact: true }).fill("13822223333");
    await page.getByLabel("户籍所在县（市、区）").selectOption({ label: "阜平县" });
    await page.getByLabel("每月最少要挣多少钱（元，选填）").fill("5000");
    await page.getByRole("button", { name: "列出该县的乡镇" }).click();
    await page.getByLabel("乡镇（选填）").selectOption({ label: "平阳镇" });
    expect(await page.getByLabel("姓名", { exact: true }).inputValue()).toBe("孙建国");
    expect(await page.getByLabel("每月最少要挣多少钱（元，选填）").inputValue()).toBe("5000");
    expect(await page.getByRole("alert").count()).toBe(0);

    // A household circumstance without its consent is refused next to it; the rest is kept.
    await page.getByLabel("家里有重病患者").check();
    await page.getByLabel("设置登录密码").fill("sunjianguo-1");
    await page.getByLabel("再输一遍密码").fill("sunjianguo-1");
    await page.getByLabel("我已阅读并同意《个人信息使用说明》").check();
    await page.getByRole("button", { name: "提交登记" }).click();
    await page.getByText("填写家庭困难情况前，需要先勾选同意").waitFor();
    expect(await page.getByLabel("乡镇（选填）").inputValue()).toBe("130624102");
    expect(await page.getByLabel("家里有重病患者").isChecked()).toBe(true);
    expect(await overflowsHorizontally(page)).toBe(false);

    await page.getByLabel("我同意提供家庭困难情况，用于优先安排培训和就业帮扶").check();
    await page.getByLabel("设置登录密码").fill("sunjianguo-1");
    await page.getByLabel("再输一遍密码").fill("sunjianguo-1");
    await page.getByRole("button", { name: "提交登记" }).click();
    await page.waitForURL(`${baseURL}/me?welcome=1`);
    expect(await page.getByRole("status").textContent()).toContain("登记成功");
  });
});

describe("coordinator-assisted registration", () => {
  it("a county coordinator registers someone, and the record says who entered it", async () => {
    const page = await phone();
    await signIn(page, baseURL, "fuping", DEMO_PASSWORD);
    await page.waitForURL(`${baseURL}/coordinator`);
    await page.getByRole("link", { name: "代为登记求职者" }).click();
    await page.waitForURL(`${baseURL}/coordinator/workers/new`);
    await page.getByRole("heading", { name: "代为登记求职者" }).waitFor();
    await page.waitForLoadState("networkidle");
    // Only the coordinator's own county is offered, already chosen.
    await expect.poll(() => page.getByLabel("户籍所在县（市、区）").locator("option:not([value=''])").allTextContents()).toEqual(["阜平县"]);

    await page.getByLabel("姓名", { exact: true }).fill("周大山");
    await page.getByLabel("身份证号码", { exact: true }).fill(makeResidentId("130624", "2001-11-12", 521));
    await page.getByLabel("手机号码", { exact: true }).fill("13755556666");
    await next(page);
    expect(await page.getByLabel("户籍所在县（市、区）").inputValue()).toBe("130624");
    await page.getByLabel("乡镇（选填）").locator("option", { hasText: "城南庄镇" }).waitFor({ state: "attached" });
    await page.getByLabel("乡镇（选填）").selectOption({ label: "城南庄镇" });
    for (let i = 0; i < 3; i++) await next(page);
    expect(await page.getByLabel("设置登录密码").count()).toBe(0);
    await page.getByLabel("本人已阅读（或听我讲解后）同意《个人信息使用说明》").check();
    await page.getByRole("button", { name: "保存登记" }).click();

    await page.waitForURL(/\/coordinator\/workers\/[0-9a-f-]{36}$/);
    // The URL changes before the new page has rendered: wait for the record itself.
    await page.getByTestId("entry-source").waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("周大山");
    const source = await page.getByTestId("entry-source").textContent();
    expect(source).toContain("协调员代为登记");
    expect(source).toContain("阜平县 协调员");
    expect(await overflowsHorizontally(page)).toBe(false);
  });
});
