// Issue 11, item 4: uploaded roster files (ID numbers, phones, poverty status of whole villages)
// were kept forever, in plain bytes, in RosterImport.content. The file is now stored AES-256-GCM
// encrypted, and deleted when the import ends; the counts and the masked error report stay.
import { stringify } from "csv-stringify/sync";
import { afterAll, describe, expect, it } from "vitest";
import { makeResidentId } from "~/domain/resident-id";
import { getDb } from "~/services/db.server";
import { decryptBytes } from "~/services/pii.server";
import { getQueue } from "~/services/queue.server";
import { findImport, importErrors, mappingPreview, processImport, startImport } from "~/features/imports/index.server";
import { makeCoordinator } from "../setup/factories";

const GOOD_ID = makeResidentId("130624", "1990-05-17", 401);
const BAD_ID = `${makeResidentId("130624", "1990-05-17", 402).slice(0, 17)}${makeResidentId("130624", "1990-05-17", 402).endsWith("0") ? "1" : "0"}`;
const roster = () =>
  Buffer.from(
    `\uFEFF${stringify([
      ["姓名", "身份证号码", "手机号码", "户籍县（市、区）", "是否建档立卡"],
      ["王秀兰", GOOD_ID, "13812345678", "阜平县", "是"],
      ["刘建国", BAD_ID, "13887654321", "阜平县", "是"],
    ])}`,
    "utf8",
  );

const queued: string[] = [];
afterAll(async () => {
  const queue = getQueue("imports");
  for (const id of queued) await (await queue.getJob(`roster-import__${id}`))?.remove().catch(() => {});
});

async function upload(bytes: Buffer, review = false) {
  const coordinator = await makeCoordinator("130624");
  const started = await startImport(coordinator.principal, { name: "阜平花名册.csv", bytes }, { review });
  if (!started.ok) throw new Error(started.message);
  queued.push(started.importId);
  return { coordinator, importId: started.importId };
}

const stored = (id: string) => getDb().rosterImport.findUniqueOrThrow({ where: { id }, select: { contentCipher: true } });

describe("uploaded roster files", () => {
  it("roster file at rest: a database reader sees AES-GCM ciphertext, not the ID numbers, phones and names of the upload", async () => {
    const file = roster();
    const { importId } = await upload(file);
    const { contentCipher } = await stored(importId);
    expect(contentCipher).not.toBeNull();
    const raw = Buffer.from(contentCipher!);
    for (const secret of [GOOD_ID, "13812345678", "王秀兰", "姓名"]) expect(raw.includes(Buffer.from(secret, "utf8"))).toBe(false);
    expect(decryptBytes(raw).equals(file)).toBe(true); // the job (and only code holding the key) can read it
    // No other column keeps the bytes in the clear.
    const columns = await getDb().$queryRaw<
      { column_name: string; data_type: string }[]
    >`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'RosterImport' AND data_type = 'bytea'`;
    expect(columns.map((c) => c.column_name)).toEqual(["contentCipher"]);
  });

  it("roster file kept after the import: once the import is DONE the file is deleted; the counts and the masked error report stay", async () => {
    const { coordinator, importId } = await upload(roster());
    await processImport(importId);
    expect((await stored(importId)).contentCipher).toBeNull();
    const imp = (await findImport(coordinator.principal, importId))!;
    expect(imp).toMatchObject({ status: "DONE", imported: 1, rejected: 1 });
    const report = (await importErrors(coordinator.principal, importId))!.errors;
    expect(report).toEqual([expect.objectContaining({ row: 3, column: "身份证号码", message: "reg.id_checksum" })]);
    expect(report[0].value).not.toBe(BAD_ID);
    expect(report[0].value).toMatch(/^1306\*{14}$/);
  });

  it("roster file kept after a failed import: when the import fails (its uploader was deactivated) the file is deleted too", async () => {
    const coordinator = await makeCoordinator("130624");
    const started = await startImport(coordinator.principal, { name: "x.csv", bytes: roster() });
    if (!started.ok) throw new Error(started.message);
    queued.push(started.importId);
    await getDb().user.update({ where: { id: coordinator.userId }, data: { isActive: false } });
    await processImport(started.importId);
    const row = await getDb().rosterImport.findUniqueOrThrow({ where: { id: started.importId } });
    expect(row).toMatchObject({ status: "FAILED", failure: "import.uploaderInactive" });
    expect(row.contentCipher).toBeNull();
  });

  it("an import waiting for its column mapping keeps its (encrypted) file, and the mapping step still shows masked samples", async () => {
    const { coordinator, importId } = await upload(roster(), true);
    expect((await stored(importId)).contentCipher).not.toBeNull();
    const columns = (await mappingPreview(coordinator.principal, importId))!;
    expect(columns.find((c) => c.header === "身份证号码")?.sample).toMatch(/^1306\*+/);
  });
});
