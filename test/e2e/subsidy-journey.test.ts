// The done-criterion (issue 18), in a real browser at phone size and in Chinese, on the
// platform's real web and workers: a class finished in the demo makes its training-subsidy claims
// (the job off the outbox); one Fuping coordinator enters the payee account and submits the claims,
// cannot approve them herself; a second Fuping coordinator approves, puts them into a payment batch,
// downloads the bank file (accounts masked) and uploads the bank's return file: one paid, one failed
// (back to open with the bank's reason).
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed/demo";
import { overflowsHorizontally } from "./browser";
import { chinaDayFromToday, twoUntouchedFupingPeople } from "./demo-data";
import { journey } from "./journey";

const { baseURL, harness, suffix, signedIn } = journey();
const SLOW = { timeout: 30_000, interval: 500 };

describe("subsidy journey: finished class → claims → prepared → approved by another → batch → bank file → return file", () => {
  let classId = "";
  let trainees: { id: string; fullName: string }[] = [];

  beforeAll(async () => {
    const provider = await harness.db.query<{ id: string }>(
      `SELECT p.id FROM "TrainingProvider" p JOIN "User" u ON u."providerId" = p.id WHERE u.username = 'trainer'`,
    );
    trainees = await twoUntouchedFupingPeople(harness.db, suffix, { notPoor: true });
    // A class of today in 阜平 with one session, both trainees marked present and certified: what the
    // trainer's pages write (test/e2e/training-journey.test.ts walks those pages).
    const cls = await harness.db.query<{ id: string }>(
      `INSERT INTO "TrainingClass" (id, "providerId", "occupationCode", kind, "regionCode", name, capacity,
        "startDate", "endDate", "attendanceThreshold", "assessmentRequired", status, "updatedAt")
       VALUES (gen_random_uuid(), $1, 'domestic-helper', 'POST_BASED', '130624', $2, 10, $3, $3, 80, true,
         'RUNNING', now()) RETURNING id`,
      [provider.rows[0].id, `家政服务员补贴演示班（e2e ${suffix}）`, chinaDayFromToday(0)],
    );
    classId = cls.rows[0].id;
    const session = await harness.db.query<{ id: string }>(
      `INSERT INTO "ClassSession" (id, "classId", "startsAt", "endsAt") VALUES (gen_random_uuid(), $1, ($2 ||
      'T01:00:00Z')::timestamptz, ($2 || 'T09:00:00Z')::timestamptz) RETURNING id`,
      [classId, chinaDayFromToday(0)],
    );
    for (const [i, w] of trainees.entries()) {
      const e = await harness.db.query<{ id: string }>(
        `INSERT INTO "Enrollment" (id, "classId", "workerId", status) VALUES (gen_random_uuid(), $1, $2, 'ENROLLED') RETURNING id`,
        [classId, w.id],
      );
      await harness.db.query(`INSERT INTO "Attendance" (id, "sessionId", "enrollmentId", status) VALUES (gen_random_uuid(), $1, $2, 'PRESENT')`, [
        session.rows[0].id,
        e.rows[0].id,
      ]);
      await harness.db.query(`INSERT INTO "Assessment" (id, "enrollmentId", passed, score, "certificateNumber") VALUES (gen_random_uuid(), $1, true, 88, $2)`, [
        e.rows[0].id,
        `JZ-${suffix}-${i}`,
      ]);
    }
  });

  it("finishing the class makes one training-subsidy claim per certified graduate, with its proof and legal source", async () => {
    expect(trainees).toHaveLength(2);
    const page = await signedIn("fuping", DEMO_PASSWORD, "/coordinator");
    await page.goto(`${baseURL}/coordinator/classes/${classId}`, { waitUntil: "networkidle" });
    await page.getByTestId("class-finish").click();
    await expect.poll(() => page.getByTestId("class-title").textContent(), SLOW).toContain("已结业");

    await page.goto(`${baseURL}/coordinator`, { waitUntil: "networkidle" });
    await page.getByTestId("link-subsidies").click();
    await page.getByTestId("subsidies-title").waitFor();
    const rows = () => page.getByTestId("claim-row").filter({ hasText: new RegExp(trainees.map((t) => t.fullName).join("|")) });
    await expect
      .poll(async () => {
        await page.reload({ waitUntil: "networkidle" });
        return rows().count();
      }, SLOW)
      .toBe(2);
    expect(await rows().first().getAttribute("data-kind")).toBe("TRAINING");
    expect(await rows().first().textContent()).toContain("1,200");
    expect(await overflowsHorizontally(page)).toBe(false);

    await rows().filter({ hasText: trainees[0].fullName }).getByRole("link", { name: trainees[0].fullName }).click();
    await page.getByTestId("claim-title").waitFor();
    expect(await page.getByTestId("claim-source").textContent()).toContain("财社〔2017〕164号");
    expect(await page.getByTestId("claim-evidence").textContent()).toContain(`JZ-${suffix}-0`);
    expect(await page.getByTestId("claim-no-flags").count()).toBe(1);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.context().close();
  });

  it(
    "the first coordinator corrects the payee account (a bad number is refused next to the field), submits both " + "claims, and cannot approve them",
    async () => {
      const page = await signedIn("fuping", DEMO_PASSWORD, "/coordinator");
      await page.goto(`${baseURL}/coordinator/subsidies?status=OPEN&kind=TRAINING`, { waitUntil: "networkidle" });
      await page.getByTestId("claim-row").filter({ hasText: trainees[0].fullName }).getByRole("link", { name: trainees[0].fullName }).click();
      await page.getByTestId("account-form").waitFor();
      await page.getByLabel("开户行").fill("中国农业银行阜平县支行");
      await page.getByLabel("银行账号").fill("6228-48");
      await page.getByTestId("account-save").click();
      await expect.poll(() => page.getByTestId("error-accountNumber").textContent(), SLOW).toContain("12–30 位数字");
      expect(await page.getByLabel("开户行").inputValue()).toBe("中国农业银行阜平县支行");
      await page.getByLabel("银行账号").fill("6228 4801 2345 6789 012");
      await page.getByTestId("account-save").click();
      await page.getByTestId("account-saved").waitFor({ timeout: 30_000 });
      // The stored account, then the page (React Router hands over the action's answer while it still
      // re-reads the claim; a CI run read the old number in that moment).
      await expect
        .poll(
          async () =>
            (
              await harness.db.query<{ accountMasked: string }>(
                `SELECT a."accountMasked" FROM "PayeeAccount" a JOIN "SubsidyClaim" c ON c."payeeType" = a."ownerType" AND c."payeeId" = a."ownerId"
        WHERE c."workerId" = $1 AND c.kind = 'TRAINING'`,
                [trainees[0].id],
              )
            ).rows.map((r) => r.accountMasked),
          SLOW,
        )
        .toEqual(["***************9012"]);
      await expect.poll(() => page.getByTestId("account-number").textContent(), SLOW).toBe("***************9012");
      expect(await overflowsHorizontally(page)).toBe(false);

      await page.goto(`${baseURL}/coordinator/subsidies?status=OPEN&kind=TRAINING`, { waitUntil: "networkidle" });
      for (const w of trainees) await page.getByTestId("claim-row").filter({ hasText: w.fullName }).getByTestId("claim-select").check();
      await page.getByTestId("claims-prepare").click();
      await expect.poll(() => page.getByTestId("claims-prepared").textContent(), SLOW).toContain("已提交 2 笔");

      await page.goto(`${baseURL}/coordinator/subsidies?status=PREPARED`, { waitUntil: "networkidle" });
      await page.getByTestId("claim-row").filter({ hasText: trainees[0].fullName }).getByRole("link", { name: trainees[0].fullName }).click();
      await page.getByTestId("claim-title").waitFor();
      expect(await page.getByTestId("claim-cannot-decide").textContent()).toContain("岗位分离");
      expect(await page.getByTestId("claim-approve").count()).toBe(0);
      await page.context().close();
    },
  );

  it("a second Fuping coordinator approves both, batches them, downloads the bank file and uploads the bank's return", async () => {
    const page = await signedIn("fuping2", DEMO_PASSWORD, "/coordinator");
    for (const w of trainees) {
      await page.goto(`${baseURL}/coordinator/subsidies?status=PREPARED`, { waitUntil: "networkidle" });
      await page.getByTestId("claim-row").filter({ hasText: w.fullName }).getByRole("link", { name: w.fullName }).click();
      await page.getByTestId("decide-form").waitFor();
      // The approver sees the account they approve (masked); it is recorded on the claim and paid.
      expect(await page.getByTestId("decide-account").textContent()).toContain("审批通过即确认付至：");
      expect(await page.getByTestId("decide-account").textContent()).toContain("***************9012");
      expect(await overflowsHorizontally(page)).toBe(false);
      await page.getByTestId("claim-approve").click();
      await expect.poll(() => page.getByTestId("claim-status").first().getAttribute("data-status"), SLOW).toBe("APPROVED");
      await expect.poll(() => page.getByTestId("claim-account-approved").count(), SLOW).toBe(1);
      expect(await page.getByTestId("account-number").textContent()).toBe("***************9012");
    }
    await page.goto(`${baseURL}/coordinator/subsidies`, { waitUntil: "networkidle" });
    await page.getByTestId("batch-create").click();
    await page.waitForURL(/\/coordinator\/subsidies\/batches\/[0-9a-f-]{36}/);
    await page.getByTestId("batch-created").waitFor();
    expect(await page.getByTestId("batch-claim").count()).toBe(2);
    expect(await overflowsHorizontally(page)).toBe(false);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("batch-export-csv").click()]);
    const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe("流水号,户名,开户行,账号,金额（元）,用途,劳动者,结果,银行交易号,失败原因");
    expect(lines).toHaveLength(3);
    expect(csv).toContain("***************9012");
    expect(csv).not.toContain("6228480123456789012");
    const ids = lines.slice(1).map((l) => l.split(",")[0]);

    // The bank's return: the file it was sent, with result, reference and reason filled in.
    const returned = [lines[0], `${ids[0]},,,,,,,成功,BK${suffix}1,`, `${ids[1]},,,,,,,失败,,户名与账号不符`].join("\r\n");
    await page.getByLabel("回盘文件").setInputFiles({ name: "return.csv", mimeType: "text/csv", buffer: Buffer.from(returned, "utf8") });
    await page.getByTestId("return-upload").click();
    await expect.poll(() => page.getByTestId("batch-reconciled").textContent(), SLOW).toContain("成功 1 笔，失败 1 笔");
    await expect.poll(() => page.getByTestId("batch-status").getAttribute("data-status"), SLOW).toBe("RECONCILED");
    expect(await overflowsHorizontally(page)).toBe(false);

    const states = await harness.db.query<{ id: string; status: string; statusNote: string | null }>(
      `SELECT id, status, "statusNote" FROM "SubsidyClaim" WHERE id = ANY($1)`,
      [ids],
    );
    expect(Object.fromEntries(states.rows.map((r) => [r.id, [r.status, r.statusNote]]))).toEqual({
      [ids[0]]: ["PAID", null],
      [ids[1]]: ["OPEN", "户名与账号不符"],
    });
    const audit = await harness.db.query<{ action: string }>(`SELECT action FROM "AuditLog" WHERE "entityId" = $1 ORDER BY id`, [ids[0]]);
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(["subsidyClaim.generate", "subsidyClaim.prepare", "subsidyClaim.approve", "subsidyClaim.paid"]),
    );
    await page.context().close();
  });
});
