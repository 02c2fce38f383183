// Issue 11, item 12: a multipart upload whose Content-Disposition the parser cannot split (a file
// name with ";" or "=", an unbalanced quote, a part cut short) made the upload routes answer 500.
// Every upload form now answers 400 with a message for the file field, in Chinese or English.
import { describe, expect, it } from "vitest";
import { callRoute } from "../setup/api-call";
import { getI18n } from "~/i18n/i18n";
import { action as evidenceAction } from "~/routes/coordinator/placements-evidence";
import { action as importsAction } from "~/routes/coordinator/imports";
import { action as postingsAction } from "~/routes/employer/postings-upload";
import { makeCoordinator, makeEmployer } from "../setup/factories";

const multipart = (disposition: string, cookie: string, path: string) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "multipart/form-data; boundary=XyZ" },
    body: `--XyZ\r\nContent-Disposition: ${disposition}\r\nContent-Type: text/csv\r\n\r\n姓名,身份证号码\r\n--XyZ--\r\n`,
  });

// A name a county office really uses (";" splits the header), and a hand-made unbalanced quote.
const MALFORMED = [
  'form-data; name="file"; filename="阜平;2026年花名册.csv"',
  'form-data; name="file"; filename="roster.csv',
  'form-data; name="file"; filename="a=b.csv"',
];

describe("malformed multipart uploads", () => {
  it("malformed multipart filename: a roster upload named 阜平;2026年花名册.csv gets 400 and a message for the file field, not 500", async () => {
    const coordinator = await makeCoordinator("130624");
    for (const disposition of MALFORMED) {
      const res = await callRoute(importsAction, multipart(disposition, await coordinator.cookie(), "/coordinator/imports"));
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: "common.uploadMalformed" });
    }
    expect(getI18n("zh-CN").t("common.uploadMalformed")).toMatch(/文件名/);
    expect(getI18n("en").t("common.uploadMalformed")).toMatch(/file name/);
  });

  it("malformed multipart filename: a posting-list upload with a broken filename gets 400 with a readable message, not 500", async () => {
    const { user } = await makeEmployer();
    for (const disposition of MALFORMED) {
      const res = await callRoute(postingsAction, multipart(disposition, await user.cookie(), "/employer/postings/upload"));
      expect(res.status).toBe(400);
      expect((await res.json()).error).toBe(getI18n("zh-CN").t("common.uploadMalformed"));
    }
  });

  it("malformed multipart filename: placement evidence with a broken filename gets 400 on the file field, not 500", async () => {
    const coordinator = await makeCoordinator("130624");
    const path = "/coordinator/placements/00000000-0000-4000-8000-000000000000/evidence";
    for (const disposition of MALFORMED) {
      const res = await callRoute(evidenceAction, multipart(disposition, await coordinator.cookie(), path), {
        placementId: "00000000-0000-4000-8000-000000000000",
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ errors: { file: ["common.uploadMalformed"] }, values: {} });
    }
  });
});
