// The done-criterion, in a real browser at phone size and in Chinese: a county coordinator
// runs an approved training order from class to verified placement to the first follow-up —
// forms the class from the order, enrols the accepted candidates, marks attendance over its
// sessions, finishes it by the completion rule; the employer hires a graduate; the coordinator
// sees the placement with its facts, verifies it (only verified placements count), and the
// first follow-up appears as a task once its delayed job has run on the platform's real workers.
// The order and the accepted matches are what the employer and matching would have written earlier.
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed/demo";
import { overflowsHorizontally } from "./browser";
import { chinaDayFromToday, twoUntouchedFupingPeople } from "./demo-data";
import { journey } from "./journey";

const { baseURL, harness, suffix, signedIn } = journey();
const SLOW = { timeout: 20_000, interval: 250 };

describe("training journey: order → class → attendance → completion → hire → verified placement → first follow-up", () => {
  const title = `家政订单班（e2e ${suffix}）`;
  let orderId = "";
  let classUrl = "";
  let trainees: { id: string; fullName: string }[] = [];

  beforeAll(async () => {
    const provider = await harness.db.query<{ id: string; regionCode: string }>(
      `SELECT p.id, p."regionCode" FROM "TrainingProvider" p JOIN "User" u ON u."providerId" = p.id WHERE u.username = 'trainer'`,
    );
    const employer = await harness.db.query<{ employerId: string }>(`SELECT "employerId" FROM "User" WHERE username = 'employer'`);
    // Two people of 阜平 in the pool: never in a class or a job, no account.
    trainees = await twoUntouchedFupingPeople(harness.db, suffix);
    const order = await harness.db.query<{ id: string }>(
      `INSERT INTO "TrainingOrder" (id, "employerId", kind, "occupationCode", title, "classSize", "trainingHours",
        "providerId", "scheduleStart", "scheduleEnd",
         "locationRegionCode", "attendanceThreshold", "assessmentRequired", "generalModules", "commitHires",
           "commitWage", "retentionMonths", status, "approvedAt", "updatedAt")
       VALUES (gen_random_uuid(), $1, 'ORDER_BASED', 'domestic-helper', $2, 10, 16, $3, $4, $5, $6, 80,
         false, '{}', 2, 5000, 6, 'APPROVED', now(), now()) RETURNING id`,
      [employer.rows[0].employerId, title, provider.rows[0].id, chinaDayFromToday(-1), chinaDayFromToday(0), "130624"],
    );
    orderId = order.rows[0].id;
    for (const w of trainees) {
      await harness.db.query(
        `INSERT INTO "Match" (id, "workerId", "trainingOrderId", score, factors, "explanationZh", status, "updatedAt")
        VALUES (gen_random_uuid(), $1, $2, 80, '[]', '愿意参加家政订单培训。', 'ACCEPTED', now())`,
        [w.id, orderId],
      );
    }
  });

  it("the county coordinator forms a class from the approved order and enrols its accepted candidates", async () => {
    expect(trainees).toHaveLength(2);
    const page = await signedIn("fuping", DEMO_PASSWORD, "/coordinator");
    await page.goto(`${baseURL}/coordinator/classes/new?orderId=${orderId}`, { waitUntil: "networkidle" });
    await page.getByTestId("class-form").waitFor();
    // Prefilled from the order (dates yesterday → today); every day of the week so both days have a session.
    expect(await page.getByLabel("班级名称").inputValue()).toBe(title);
    const days = page.getByRole("group", { name: "每周上课日" }).getByRole("checkbox");
    for (let i = 0; i < (await days.count()); i++) await days.nth(i).check();
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.getByTestId("class-create").click();
    await page.waitForURL(/\/coordinator\/classes\/[0-9a-f-]{36}$/);
    classUrl = page.url();
    await page.getByTestId("class-title").waitFor();
    if (await page.getByTestId("class-start").count()) {
      await page.getByTestId("class-start").click();
      await page.getByTestId("class-start").waitFor({ state: "detached", timeout: 30_000 });
    }
    await page.getByTestId("enrol-all").click();
    await page.getByTestId("enrol-results").waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId("roster-row").count(), SLOW).toBe(2);
    expect(await page.getByTestId("session-row").count()).toBe(2);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.context().close();
  });

  it("marks attendance over both sessions in one pass each and finishes the class by its rule", async () => {
    const page = await signedIn("fuping", DEMO_PASSWORD, "/coordinator");
    await page.goto(classUrl, { waitUntil: "networkidle" });
    await page.getByTestId("class-title").waitFor();
    const links = await page.getByTestId("session-mark").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toHaveLength(2);
    for (const link of links) {
      await page.goto(link, { waitUntil: "networkidle" });
      await page.getByTestId("attendance-sheet").waitFor();
      await expect.poll(() => page.getByTestId("attendance-row").count(), SLOW).toBe(2);
      expect(await overflowsHorizontally(page)).toBe(false);
      await page.getByTestId("attendance-submit").click();
      await page.getByTestId("attendance-saved").waitFor({ timeout: 30_000 });
    }
    await page.goto(classUrl, { waitUntil: "networkidle" });
    await page.getByTestId("class-title").waitFor();
    await page.getByTestId("class-finish").click();
    await expect.poll(() => page.getByTestId("class-title").textContent(), SLOW).toContain("已结业");
    await expect.poll(() => page.getByTestId("class-rate").textContent(), SLOW).toContain("100");
    await page.context().close();
  });

  it("the employer hires a graduate at the committed wage: an unverified placement", async () => {
    const page = await signedIn("employer", DEMO_PASSWORD, "/employer");
    await page.goto(`${baseURL}/employer/orders/${orderId}`, { waitUntil: "networkidle" });
    const card = page.getByTestId("candidate").filter({ hasText: trainees[0].fullName });
    await expect.poll(() => card.count(), SLOW).toBe(1);
    await card.locator("summary", { hasText: "确认录用" }).click();
    // Started five weeks ago (the order's graduates went to work straight away), so the first
    // follow-up (one month after the start) is already due when the placement is verified.
    await card.getByLabel("入职日期").fill(chinaDayFromToday(-35));
    await card.getByLabel("月薪（元）").fill("5200");
    expect(await overflowsHorizontally(page)).toBe(false);
    await card.locator('button[value="hire"]').click();
    await expect.poll(() => page.getByTestId("candidate").filter({ hasText: trainees[0].fullName }).textContent(), SLOW).toContain("已录用");
    // The placement names the class the graduate came from, and awaits verification with no flag.
    const placement = await harness.db.query(
      `SELECT p.verification, p.flags, c."trainingOrderId" FROM "Placement" p JOIN "TrainingClass" c ON c.id =
      p."trainingClassId" WHERE p."workerId" = $1`,
      [trainees[0].id],
    );
    expect(placement.rows).toEqual([{ verification: "UNVERIFIED", flags: [], trainingOrderId: orderId }]);
    await page.context().close();
  });

  it("the coordinator verifies the placement (it then counts) and the first follow-up appears as a task", async () => {
    const page = await signedIn("fuping", DEMO_PASSWORD, "/coordinator");
    await page.getByRole("link", { name: "就业核实" }).click();
    await page.getByTestId("placements-title").waitFor();
    expect(await page.getByText("只有“已核实”的就业记录计入年度计划").count()).toBe(1);
    const row = page.getByTestId("placement-row").filter({ hasText: trainees[0].fullName });
    await expect.poll(() => row.count(), SLOW).toBe(1);
    expect(await overflowsHorizontally(page)).toBe(false);
    await row.getByRole("link", { name: trainees[0].fullName }).click();
    await page.getByTestId("placement-title").waitFor();
    expect(await page.getByTestId("transfer-type").textContent()).toBe("京津就业");
    expect(await page.getByTestId("no-flags").count()).toBe(1);
    expect(await page.getByTestId("counts-toward-plan").textContent()).toContain("尚未计入");
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.getByRole("button", { name: "核实通过" }).click();
    await expect.poll(() => page.getByTestId("verification-status").getAttribute("data-status"), SLOW).toBe("VERIFIED");
    expect(await page.getByTestId("counts-toward-plan").textContent()).toContain("已计入");
    await expect.poll(() => page.getByTestId("follow-up-row").count(), SLOW).toBe(4);

    // The delayed job of the one-month follow-up is due: the platform's workers open it.
    await page.goto(`${baseURL}/coordinator/follow-ups`, { waitUntil: "networkidle" });
    await page.getByTestId("follow-ups-title").waitFor();
    const task = page.getByTestId("follow-up-task").filter({ hasText: trainees[0].fullName });
    await expect
      .poll(
        async () => {
          await page.reload({ waitUntil: "networkidle" });
          await page.getByTestId("follow-ups-title").waitFor();
          return task.count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);
    expect(await task.textContent()).toContain("第 1 个月");
    expect(await overflowsHorizontally(page)).toBe(false);

    // The coordinator records it: still employed.
    await task.getByRole("link", { name: trainees[0].fullName }).click();
    await page.getByTestId("follow-up-form").waitFor();
    await page.getByLabel("仍在岗").check();
    await page.getByLabel("现在月工资（元）").fill("5300");
    await page.getByLabel("备注（选填）").fill("胃病住院两周后返岗");
    await page.getByRole("button", { name: "保存回访结果" }).click();
    await page.getByTestId("follow-up-saved").waitFor({ timeout: 30_000 });
    expect(await overflowsHorizontally(page)).toBe(false);
    // The note may tell of the person's health: hidden once saved, shown in full only on request, and that view logged.
    expect(await page.getByTestId("follow-up-result").textContent()).toContain("备注：已隐藏");
    expect(await page.getByTestId("follow-up-result").textContent()).not.toContain("胃病");
    await page.getByRole("button", { name: "查看备注（将记录查看日志）" }).click();
    expect(await page.getByTestId("follow-up-note").textContent({ timeout: 30_000 })).toBe("胃病住院两周后返岗");
    const followUpId = new URL(page.url()).pathname.split("/").pop();
    const reveals = await harness.db.query(`SELECT "regionCode" FROM "AuditLog" WHERE action = 'followUp.note.reveal' AND "entityId" = $1`, [followUpId]);
    expect(reveals.rows).toEqual([{ regionCode: "130624" }]);
    const worker = await harness.db.query<{ status: string }>(`SELECT status FROM "Worker" WHERE id = $1`, [trainees[0].id]);
    expect(worker.rows[0].status).toBe("PLACED");
    await page.context().close();
  });
});
