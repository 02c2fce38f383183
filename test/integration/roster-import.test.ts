// Roster import end to end against the real database: CSV (UTF-8 and GBK) and XLSX files with good,
// bad and duplicate rows; re-import changes nothing; changed rows update; the upload service, the
// job (on a real BullMQ worker) and the command give the same counts.
import type { Job } from "bullmq";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { Principal } from "~/domain/access";
import { makeResidentId } from "~/domain/resident-id";
import { getI18n } from "~/i18n/i18n";
import { getDb } from "~/services/db.server";
import { blindIndex } from "~/services/pii.server";
import { getConfig } from "~/services/env.server";
import { createQueueBackend, getQueue } from "~/services/queue.server";
import { bufferSource, readRows } from "~/platform/spreadsheet-reader.server";
import {
  confirmMapping,
  errorReportCsv,
  findImport,
  importErrors,
  processImport,
  startImport,
  type ImportCounts,
  type RowError,
} from "~/features/imports/index.server";
import { upsertWorker, upsertWorkers } from "~/features/registration/index.server";
import { WorkerCoreSchema } from "~/features/registration/index";
import { createUser } from "~/services/users.server";
import { processors } from "../../workers/registry";
import { cloneTemplate, dropDatabase } from "../setup/db";
import { childEnv, databaseUrl } from "../setup/env";
import { makeWorker } from "../setup/factories";
import { COUNTY_ROSTER_HEADERS as HEADERS, csvUtf8, importRows } from "../setup/roster-fixtures";

const id = (seq: number) => makeResidentId("130624", "1990-05-17", seq);
const badChecksum = (seq: number) => id(seq).slice(0, 17) + (id(seq).endsWith("0") ? "1" : "0");

/** A roster like a county office's: a title row, the header, 10 data rows and a blank one. Row numbers as Excel shows them. */
function roster(base: number, opts: { phone1?: string } = {}): (string | number | Date)[][] {
  const row = (n: number, name: string, idNumber: string, phone: string, county: string, more: Partial<Record<string, string>> = {}) => [
    n,
    name,
    idNumber,
    phone,
    county,
    more.township ?? "",
    more.village ?? "",
    more.poor ?? "",
    more.household ?? "",
    more.education ?? "",
    more.skills ?? "",
    more.level ?? "",
    more.cert ?? "",
    more.wants ?? "",
    more.wage ?? "",
    more.dest ?? "",
    more.train ?? "",
    more.from ?? "",
  ];
  const full = {
    township: "城南庄镇",
    village: "井沟村",
    poor: "是",
    household: `H${base}-1`,
    education: "初中",
    skills: "电工",
    level: "四级",
    cert: "E-001",
    wants: "焊工、保安",
    wage: "5000元",
    dest: "北京朝阳区、省内",
    train: "是",
    from: "2026-12-01",
  };
  return [
    ["阜平县劳动力花名册（2026年）"],
    HEADERS,
    row(1, "张三", id(base + 1), opts.phone1 ?? "13800001111", "阜平县", full), //       row 3: new
    row(2, "李四", id(base + 2), "13800002222", "阜平"), //                               row 4: new
    row(3, "王五", id(base + 3), "13800003333", "130624", { education: "高中" }), //       row 5: new
    row(4, "赵六", badChecksum(base + 4), "13800004444", "阜平县"), //                      row 6: bad ID checksum
    row(5, "钱七", id(base + 5), "1380000", "阜平县"), //                                   row 7: bad phone
    row(6, "孙八", id(base + 6), "13800006666", "火星县"), //                               row 8: unknown county
    row(7, "周九", id(base + 7), "13800007777", "涞源县"), //                               row 9: county outside 阜平
    row(8, "吴十", id(base + 8), "13800008888", "阜平县", { skills: "宇航员" }), //         row 10: unknown occupation
    row(9, "张三", id(base + 1), opts.phone1 ?? "13800001111", "阜平县", full), //          row 11: same as row 3 → unchanged
    row(10, "李四", id(base + 2), "13900002222", "阜平县"), //                              row 12: row 4's ID, other phone → rejected
    [],
  ];
}
const EXPECTED = { imported: 3, updated: 0, unchanged: 1, rejected: 6 };

const csvGbk = (rows: unknown[][]) => iconv.encode(stringify(rows), "gbk");
async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("花名册");
  // Dates as date cells and mobiles as numbers, as Excel keeps them when typed into a General column.
  const typed = (c: unknown) =>
    typeof c === "string" && /^\d{4}-\d{2}-\d{2}$/.test(c) ? new Date(`${c}T00:00:00Z`) : typeof c === "string" && /^1\d{10}$/.test(c) ? Number(c) : c;
  for (const r of rows) ws.addRow(r.map(typed));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let coordinator: Principal;
let otherCoordinator: Principal;
const queued: string[] = [];

async function coordinatorFor(username: string, regionCode: string): Promise<Principal> {
  const created = await createUser({ username, displayName: username, password: "long-enough-1", role: "COORDINATOR", regionCode }, null);
  if (!created.ok) throw new Error("could not create the coordinator");
  return { kind: "user", id: created.userId, grants: [{ role: "COORDINATOR", regionCode }] };
}

/** The upload path without the queue: store the file, then run the job's service directly. */
async function upload(name: string, bytes: Buffer, actor: Principal = coordinator) {
  const started = await startImport(actor, { name, bytes });
  if (!started.ok) throw new Error(started.message);
  queued.push(started.importId);
  await processImport(started.importId);
  const imp = (await findImport(actor, started.importId))!;
  const errors = (await importErrors(actor, started.importId))!.errors;
  return { imp, errors, counts: { imported: imp.imported, updated: imp.updated, unchanged: imp.unchanged, rejected: imp.rejected } };
}

const messagesByRow = (errors: RowError[]) =>
  Object.fromEntries([...new Set(errors.map((e) => e.row))].map((r) => [r, errors.filter((e) => e.row === r).map((e) => e.message)]));

afterAll(async () => {
  // startImport also queued each import on the shared "imports" queue; take those jobs back out.
  const queue = getQueue("imports");
  for (const importId of queued) await (await queue.getJob(`roster-import__${importId}`))?.remove().catch(() => {});
});

describe("roster import", () => {
  it("imports good rows, reports bad ones by row and column, and registers a person listed twice once", async () => {
    coordinator = await coordinatorFor("fp-import", "130624");
    otherCoordinator = await coordinatorFor("lp-import", "130630");
    const { imp, errors, counts } = await upload("阜平花名册.csv", csvUtf8(roster(100)));
    expect(imp.status).toBe("DONE");
    expect(counts).toEqual(EXPECTED);
    expect(imp.totalRows).toBe(10);
    expect(messagesByRow(errors)).toEqual({
      6: ["reg.id_checksum"],
      7: ["reg.phoneFormat"],
      8: ["import.countyUnknown"],
      9: ["reg.countyOutOfScope"],
      10: ["import.occupationUnknown"],
      12: ["import.duplicateInFile"],
    });
    const badId = errors.find((e) => e.row === 6)!;
    expect(badId).toMatchObject({ column: "身份证号码", field: "idNumber" });
    expect(badId.value).toMatch(/^1306\*{14}$/);
    expect(errors.find((e) => e.row === 12)).toMatchObject({ params: { row: 4 } });
    expect(errors.find((e) => e.row === 10)).toMatchObject({ column: "技能/工种", value: "宇航员", params: { value: "宇航员" } });

    const db = getDb();
    const workers = await db.worker.findMany({ where: { source: "IMPORT" }, include: { skills: true, preference: true, household: true } });
    expect(workers).toHaveLength(3);
    const zhang = workers.find((w) => w.fullName === "张三")!;
    expect(zhang).toMatchObject({
      countyCode: "130624",
      townshipCode: "130624103",
      villageName: "井沟村",
      isRegisteredPoor: true,
      education: "JUNIOR_SECONDARY",
      enteredById: coordinator.id,
    });
    expect(zhang.skills).toMatchObject([{ occupationCode: "electrician", level: 4, certificateNumber: "E-001" }]);
    expect(zhang.preference).toMatchObject({
      occupationCodes: ["welder", "security-guard"],
      minMonthlyWage: 5000,
      destinationKinds: ["BEIJING_TIANJIN", "WITHIN_HEBEI"],
      destinationRegionCodes: ["110105"],
      willingToTrain: true,
    });
    expect(zhang.household).toMatchObject({ householdNumber: "H100-1", isRegisteredPoor: true });
    expect(await db.outbox.count({ where: { entityType: "worker" } })).toBe(3);
    expect(await db.auditLog.count({ where: { action: "worker.create", actorUserId: coordinator.id } })).toBe(3);
    expect(await db.consent.count({ where: { purpose: "REGISTRATION", textVersion: { endsWith: "+roster" } } })).toBe(3);
  });

  it("changes nothing when the same file is imported again", async () => {
    const db = getDb();
    const before = {
      versions: await db.worker.findMany({ select: { id: true, version: true }, orderBy: { id: "asc" } }),
      outbox: await db.outbox.count(),
      audit: await db.auditLog.count({ where: { entityType: "Worker" } }),
    };
    const { counts } = await upload("阜平花名册.csv", csvUtf8(roster(100)));
    expect(counts).toEqual({ imported: 0, updated: 0, unchanged: 4, rejected: 6 });
    expect(await db.worker.findMany({ select: { id: true, version: true }, orderBy: { id: "asc" } })).toEqual(before.versions);
    expect(await db.outbox.count()).toBe(before.outbox);
    expect(await db.auditLog.count({ where: { entityType: "Worker" } })).toBe(before.audit);
  });

  it("updates a person whose row changed, by ID number, without a second record", async () => {
    const db = getDb();
    const before = await db.worker.findFirstOrThrow({ where: { fullName: "张三" } });
    const { counts } = await upload("阜平花名册-修订.csv", csvUtf8(roster(100, { phone1: "13700001111" })));
    expect(counts).toEqual({ imported: 0, updated: 1, unchanged: 3, rejected: 6 });
    const after = await db.worker.findMany({ where: { fullName: "张三" } });
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before.id, version: before.version + 1, phoneMasked: "137****1111" });
  });

  it("refuses to touch a person registered in another county, whatever county the row names", async () => {
    const outside = await makeWorker("130630");
    const idNumber = makeResidentId("130630", "1990-05-17", 7); // the factory's first number
    expect(outside.idNumberHash).toBe(blindIndex("resident-id", idNumber));
    const file = csvUtf8([
      ["姓名", "身份证号", "手机号", "县"],
      ["冒名", idNumber, "13800009999", "阜平县"],
    ]);
    const { counts, errors } = await upload("冒名.csv", file);
    expect(counts).toEqual({ imported: 0, updated: 0, unchanged: 0, rejected: 1 });
    // One neutral answer on the ID number, whichever county holds it (issue 11, item 8); audited there.
    expect(errors).toMatchObject([{ row: 2, column: "身份证号", message: "reg.idHeldElsewhere" }]);
    expect(await getDb().auditLog.count({ where: { action: "worker.id-lookup.elsewhere", entityId: outside.id, regionCode: "130630" } })).toBe(1);
    expect((await getDb().worker.findUniqueOrThrow({ where: { id: outside.id } })).fullName).not.toBe("冒名");
  });

  it("reads XLSX (title row, typed dates and numbers) with the same result", async () => {
    const { counts, errors } = await upload("阜平花名册.xlsx", await xlsx(roster(200)));
    expect(counts).toEqual(EXPECTED);
    expect(Object.keys(messagesByRow(errors)).map(Number)).toEqual([6, 7, 8, 9, 10, 12]);
    const zhang = await getDb().worker.findFirstOrThrow({ where: { idNumberHash: blindIndex("resident-id", id(201)) }, include: { preference: true } });
    expect(zhang.preference?.availableFrom?.toISOString().slice(0, 10)).toBe("2026-12-01");
    expect(zhang.phoneMasked).toBe("138****1111");
  });

  it("keeps Chinese text whole in large XLSX files (exceljs splits characters at 16 KB chunk boundaries)", async () => {
    const names = Array.from({ length: 4000 }, (_, i) => `${"王李张刘陈杨赵黄周吴"[i % 10]}${"伟芳娜敏静丽强磊军洋"[(i * 7) % 10]}${"秀英华兰桂平"[i % 6]}`);
    // Distinct strings, so the shared-strings part spans many chunks: 一二〇七号村 …
    const villages = names.map((_, i) => `${[...String(i)].map((d) => "〇一二三四五六七八九"[Number(d)]).join("")}号${"东西南北"[i % 4]}村`);
    const file = await xlsx([HEADERS.slice(0, 7), ...names.map((n, i) => [i, n, "", "", "阜平县", "城南庄镇", villages[i]])]);
    const seen: string[] = [];
    for await (const { row, cells } of readRows(bufferSource("big.xlsx", file))) if (row > 1) seen.push(`${cells[1]}|${cells[6]}`);
    expect(seen).toEqual(names.map((n, i) => `${n}|${villages[i]}`));
  });

  it('reads a GBK-encoded CSV (Excel\'s plain "CSV" on Chinese Windows)', async () => {
    const { counts, imp } = await upload("gbk.csv", csvGbk(roster(300)));
    expect(counts).toEqual(EXPECTED);
    expect(imp.totalRows).toBe(10);
    expect(await getDb().worker.count({ where: { fullName: "王五" } })).toBe(3);
  });

  it("gives the same result in small batches (rows read while the previous batch is written)", async () => {
    const { counts, errors } = await importRows(roster(700), coordinator, { batchSize: 2 });
    expect(counts).toEqual({ processed: 10, ...EXPECTED });
    expect(errors.map((e) => e.row)).toEqual([6, 7, 8, 9, 10, 12]);
  });

  it("upsertWorkers answers per input as upsertWorker would one by one", async () => {
    const db = getDb();
    const input = (seq: number, more: Record<string, unknown> = {}) =>
      WorkerCoreSchema.parse({ fullName: "测试", idNumber: id(seq), phone: "13800008000", countyCode: "130624", ...more });
    const existing = await upsertWorker(input(801), { source: "IMPORT", actor: coordinator });
    expect(existing).toMatchObject({ ok: true, outcome: "created" });
    const results = await upsertWorkers(
      [
        input(801), //                                              unchanged
        input(802, { householdNumber: "H-800", isRegisteredPoor: "是" }), // created
        input(803, { householdNumber: "H-800", isRegisteredPoor: "是" }), // created, same household
        input(801, { phone: "13800008001" }), //                    same person again in one call: updated
        input(804, { countyCode: "130630" }), //                    outside 阜平
        input(805, { skills: [{ occupationCode: "no-such-trade" }] }), // unknown occupation
      ],
      { source: "IMPORT", actor: coordinator },
    );
    expect(results.map((r) => (r.ok ? r.outcome : r.kind === "invalid" ? r.problems.map((p) => `${p.field}:${p.message}`).join() : r.kind))).toEqual([
      "unchanged",
      "created",
      "created",
      "updated",
      "countyCode:reg.countyOutOfScope",
      "skills[0].occupationCode:reg.invalidChoice",
    ]);
    const household = await db.household.findUniqueOrThrow({ where: { householdNumber: "H-800" }, include: { workers: true } });
    expect(household.workers).toHaveLength(2);
    expect(household.isRegisteredPoor).toBe(true);
    const updated = await db.worker.findUniqueOrThrow({ where: { id: (existing as { workerId: string }).workerId } });
    expect(updated).toMatchObject({ version: 2, phoneMasked: "138****8001" });
    expect(await db.outbox.count({ where: { entityId: updated.id } })).toBe(2);
    const created = await db.worker.findFirstOrThrow({ where: { householdId: household.id }, include: { consents: true, preference: true } });
    expect(created.consents).toMatchObject([{ purpose: "REGISTRATION", textVersion: "registration-2026-11+roster", recordedById: coordinator.id }]);
    expect(created.preference).toMatchObject({ destinationKinds: [], willingToTrain: false });
  });

  it("two imports registering the same new people at once create each person once", async () => {
    const inputs = (phone: string) =>
      Array.from({ length: 30 }, (_, i) =>
        WorkerCoreSchema.parse({ fullName: "并发", idNumber: makeResidentId("130624", "1979-09-09", i), phone, countyCode: "130624" }),
      );
    const [a, b] = await Promise.all([
      upsertWorkers(inputs("13800009001"), { source: "IMPORT", actor: coordinator }),
      upsertWorkers(inputs("13800009002"), { source: "IMPORT", actor: coordinator }),
    ]);
    expect([...a, ...b].every((r) => r.ok)).toBe(true);
    expect([...a, ...b].filter((r) => r.ok && r.outcome === "created")).toHaveLength(30);
    expect(await getDb().worker.count({ where: { fullName: "并发" } })).toBe(30);
  });

  it("refuses files that are not rosters, with a reason", async () => {
    expect(await startImport(coordinator, { name: "old.xls", bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]) })).toEqual({
      ok: false,
      message: "import.xlsNotSupported",
    });
    expect(await startImport(coordinator, { name: "empty.csv", bytes: Buffer.alloc(0) })).toEqual({ ok: false, message: "import.empty" });
    expect(await startImport(coordinator, { name: "broken.xlsx", bytes: Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(100, 7)]) })).toEqual({
      ok: false,
      message: "import.unreadable",
    });
  });

  it("asks for the columns it does not recognise, remembers the coordinator's choice, and shows an import to its uploader only", async () => {
    const rows = [
      ["名", "证件", "电话号", "县"],
      ["马一", id(401), "13800004011", "阜平县"],
    ];
    const first = await startImport(coordinator, { name: "自制.csv", bytes: csvUtf8(rows) });
    expect(first).toMatchObject({ ok: true, needsMapping: true });
    if (!first.ok) return;
    queued.push(first.importId);
    expect(await findImport(otherCoordinator, first.importId)).toBeNull();
    expect(await processImport(first.importId)).toBeNull(); // waits for its mapping
    expect(await confirmMapping(coordinator, first.importId, ["fullName", "idNumber", null, "county"])).toEqual({
      ok: false,
      message: "import.mappingMissing",
      params: { fields: "phone" },
    });
    expect(await confirmMapping(coordinator, first.importId, ["fullName", "idNumber", "idNumber", "county"])).toMatchObject({ ok: false });
    expect(await confirmMapping(coordinator, first.importId, ["fullName", "idNumber", "phone", "county"])).toEqual({ ok: true });
    expect(await processImport(first.importId)).toMatchObject({ imported: 1 });
    const setting = await getDb().setting.findUniqueOrThrow({ where: { key: `roster.mapping.${coordinator.id}` } });
    expect(setting.value).toMatchObject({ 名: "fullName", 证件: "idNumber", 电话号: "phone" });
    const second = await startImport(coordinator, { name: "自制2.csv", bytes: csvUtf8(rows) });
    expect(second).toMatchObject({ ok: true, needsMapping: false });
    if (second.ok) queued.push(second.importId);
    // Someone else's remembered choices are theirs alone.
    expect(await startImport(otherCoordinator, { name: "自制.csv", bytes: csvUtf8(rows) })).toMatchObject({ ok: true, needsMapping: true });
  });

  it("writes the error report as CSV with a BOM, in the reader's language, ID numbers masked", async () => {
    const imp = await getDb().rosterImport.findFirstOrThrow({ where: { fileName: "阜平花名册.csv" }, orderBy: { createdAt: "asc" } });
    const { errors } = (await importErrors(coordinator, imp.id))!;
    const zh = errorReportCsv(errors, getI18n("zh-CN").t);
    expect(zh.startsWith("\uFEFF行号,列,内容,问题\r\n")).toBe(true);
    expect(zh).toContain("身份证号码有误");
    expect(zh).toContain("该户籍县不在您的管辖范围内");
    expect(zh).toContain("这个身份证号在第 4 行已出现过");
    expect(zh).not.toContain(badChecksum(104));
    expect(errorReportCsv(errors, getI18n("en").t)).toContain("That county is outside your region");
  });

  it("runs as a BullMQ job: progress reported, status and counters on the import row", async () => {
    const started = await startImport(coordinator, { name: "job.csv", bytes: csvUtf8(roster(500)) });
    if (!started.ok) throw new Error(started.message);
    queued.push(started.importId);
    // A queue of this test's own, so no other process's worker takes the job.
    const backend = createQueueBackend(getConfig().queue);
    const name = `imports-test-${process.pid}-${Date.now()}`;
    const queue = backend.makeQueue(name);
    const progress: unknown[] = [];
    const worker = backend.makeWorker(name, (job: Job) => processors[job.name as "roster-import"](job));
    worker.on("error", () => {});
    worker.on("progress", (_job, p) => progress.push(p));
    try {
      const job = await queue.add("roster-import", { importId: started.importId });
      await expect
        .poll(async () => (await getDb().rosterImport.findUniqueOrThrow({ where: { id: started.importId } })).status, { timeout: 30_000 })
        .toBe("DONE");
      const imp = await getDb().rosterImport.findUniqueOrThrow({ where: { id: started.importId } });
      expect({ imported: imp.imported, updated: imp.updated, unchanged: imp.unchanged, rejected: imp.rejected }).toEqual(EXPECTED);
      expect(imp.processed).toBe(10);
      await expect.poll(async () => (await queue.getJob(job.id!))?.progress).toBe(100);
      expect(progress).toContain(100);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await backend.close();
    }
  });

  it("the command gives the same counts as the upload on the same file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-roster-"));
    const file = path.join(dir, "花名册.xlsx");
    fs.writeFileSync(file, await xlsx(roster(600)));
    const otherDb = `${getConfig().database.url.split("/").pop()}_cli`;
    await cloneTemplate(inject("templateDb"), otherDb);
    try {
      const c = getConfig();
      const run = (args: string[]) =>
        spawnSync(process.execPath, ["--import", "tsx", "app/cli/roster-import.ts", ...args], {
          encoding: "utf8",
          env: childEnv(c, { DATABASE_URL: databaseUrl(otherDb) }),
        });
      const json = run([file, "--region", "130624", "--json"]);
      expect(json.status, json.stderr).toBe(0);
      const out = JSON.parse(json.stdout) as ImportCounts & { errors: (RowError & { text: string })[] };
      const { counts } = await upload("花名册.xlsx", fs.readFileSync(file));
      expect({ imported: out.imported, updated: out.updated, unchanged: out.unchanged, rejected: out.rejected }).toEqual(counts);
      expect(counts).toEqual(EXPECTED);
      expect(out.errors.map((e) => e.row)).toEqual([6, 7, 8, 9, 10, 12]);
      expect(out.errors[0]).toMatchObject({ row: 6, column: "身份证号码", message: "reg.id_checksum" });
      expect(out.errors[0].text).toContain("身份证号码有误");

      const again = run([file, "--region", "130624"]);
      expect(again.status).toBe(0);
      expect(again.stdout.trim()).toBe("imported 0, updated 0, unchanged 4, rejected 6");
      // Without --region the command has the whole country: 涞源县 is then in scope.
      expect(run([file]).stdout.trim()).toBe("imported 1, updated 0, unchanged 4, rejected 5");

      fs.writeFileSync(path.join(dir, "old.xls"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]));
      const xls = run([path.join(dir, "old.xls")]);
      expect(xls.status).toBe(1);
      expect(xls.stderr).toContain(".xlsx");
      expect(run([]).status).toBe(2);
    } finally {
      await dropDatabase(otherDb);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000); // five runs of the command, each starting Node with tsx
});
