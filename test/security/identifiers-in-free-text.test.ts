// Privacy review (2026-12): ID numbers and mobiles are masked where they are expected — the ID and
// phone columns, the worker's fields — but not when they turn up in text kept and shown without a
// reveal: an evidence scan named after the person's ID number (the name was stored and shown in
// full on the placement page and in every download's file name), and a roster whose columns are
// swapped (an ID number in the phone column came back in the error report with its last four —
// sequence digits and check character — and one in any other column, or in a problem's
// parameters, came back whole). Both now go through maskIdentifiersIn (app/domain/mask.ts), and a
// migration re-masks what was stored before.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeResidentId } from "~/domain/resident-id";
import { getI18n } from "~/i18n/i18n";
import { errorReportCsv } from "~/features/imports/index.server";
import { addEvidence, downloadEvidence, placementFor } from "~/features/placements/index.server";
import { getDb } from "~/services/db.server";
import { DEFAULT_MIGRATIONS_DIR } from "~/services/migrations.server";
import { expectOk } from "../setup/expect-ok";
import { importRows } from "../setup/roster-fixtures";
import { makeCoordinator, makePlacement } from "../setup/factories";

const ID = makeResidentId("130624", "1990-05-17", 11);
const PHONE = "13912345678";
/** The full number, or its last four (the sequence digits and check character), anywhere in a report. */
const leaksId = (text: string) => text.includes(ID) || text.includes(ID.slice(-4));
const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF");

describe("ID numbers and mobiles inside free text", () => {
  it("roster columns swapped: an ID number in the phone or skills column is masked in the error report, its values and its parameters", async () => {
    const coordinator = await makeCoordinator("130624");
    const { errors } = await importRows(
      [
        ["姓名", "身份证号码", "手机号码", "户籍县（市、区）", "技能/工种"],
        ["张三", makeResidentId("130624", "1990-05-17", 12), ID, "阜平县", ""],
        ["李四", makeResidentId("130624", "1990-05-17", 13), "13800002222", "阜平县", `电工、${ID}`],
      ],
      coordinator.principal,
    );
    // Both rows were refused, and the report names the cells…
    expect(errors.map((e) => e.field).sort()).toEqual(["phone", "skills"]);
    expect(errors.find((e) => e.field === "phone")?.value).toBe("1306**************");
    // …without the number, in the stored errors or the downloadable report.
    expect(leaksId(JSON.stringify(errors))).toBe(false);
    expect(leaksId(errorReportCsv(errors, getI18n("zh-CN").t))).toBe(false);
  });

  it("an evidence scan named after the person's ID number and phone: the kept name is masked on the page and in the download", async () => {
    const county = await makeCoordinator("130624");
    const { placementId } = await makePlacement(county.principal);
    const { evidenceId } = expectOk(
      await addEvidence(county.principal, placementId, { kind: "LABOUR_CONTRACT", file: { name: `王小明 ${ID} ${PHONE} 劳动合同.pdf`, bytes: pdf } }, null),
    );
    const row = await getDb().placementEvidence.findUniqueOrThrow({ where: { id: evidenceId } });
    expect(row.fileName).toBe("王小明_1306_139_5678_劳动合同.pdf");
    const page = await placementFor(county.principal, placementId);
    const download = await downloadEvidence(county.principal, evidenceId, null);
    expect(page!.evidence.map((e) => e.fileName)).toEqual([row.fileName]);
    expect(download!.fileName).toBe(row.fileName);
    expect(JSON.stringify(page)).not.toContain(ID);
    expect(JSON.stringify(page)).not.toContain(PHONE);
  });

  it("the migration re-masks evidence names and import reports stored before", async () => {
    const db = getDb();
    const county = await makeCoordinator("130624");
    const { placementId } = await makePlacement(county.principal);
    const ev = await db.placementEvidence.create({ data: { placementId, kind: "OTHER", fileName: `身份证_${ID}_${PHONE}.pdf` } });
    const asPhone = `${ID.slice(0, 3)}${"*".repeat(11)}${ID.slice(-4)}`; // how the phone column used to mask an ID number
    const imp = await db.rosterImport.create({
      data: {
        regionCode: "130624",
        fileName: "roster.csv",
        fileSha256: "0".repeat(64),
        errors: [
          { row: 2, column: "手机号码", field: "phone", value: asPhone, message: "reg.phoneInvalid" },
          { row: 3, column: "技能", field: "skills", value: `电工 ${ID}`, message: "import.occupationUnknown", params: { value: ID } },
          { row: 4, column: "村", field: "village", value: `${PHONE}`, message: "x" },
        ],
      },
    });
    const sql = readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, "20261208090000_mask_identifiers_in_text", "migration.sql"), "utf8");
    for (const statement of sql.split(/;\s*$/m).filter((s) => s.replace(/--.*$/gm, "").trim())) await db.$executeRawUnsafe(statement);

    expect((await db.placementEvidence.findUniqueOrThrow({ where: { id: ev.id } })).fileName).toBe("身份证_1306__139_5678.pdf");
    const errors = (await db.rosterImport.findUniqueOrThrow({ where: { id: imp.id } })).errors as { value: string; params?: { value: string } }[];
    expect(errors.map((e) => e.value)).toEqual([`${ID.slice(0, 3)}${"*".repeat(15)}`, "电工 1306**************", "139****5678"]);
    expect(errors[1].params).toEqual({ value: "1306**************" });
    expect(leaksId(JSON.stringify(errors))).toBe(false);
  });
});
