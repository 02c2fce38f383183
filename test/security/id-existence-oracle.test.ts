// Issue 11, item 8: POST /api/v1/workers, roster imports and the assisted registration form tell a
// county whether an ID number is registered in another county. One person keeps one record, so the
// refusal must exist; it now reads the same whichever county holds the number, is audited under
// that county (which sees who asked), and an actor gets only a few such answers an hour before its
// worker writes are paused — so a list of ID numbers cannot be checked against the province.
import { describe, expect, it } from "vitest";
import { makeResidentId } from "~/domain/resident-id";
import { action as workersAction } from "~/routes/api/workers";
import { action as assistedAction } from "~/routes/coordinator/worker-new";
import { WorkerCoreSchema } from "~/features/registration/index";
import { createApiToken } from "~/services/api-tokens.server";
import { getDb } from "~/services/db.server";
import { blindIndex } from "~/services/pii.server";
import { ELSEWHERE_ANSWERS_PER_HOUR, upsertWorkers } from "~/features/registration/index.server";
import { callApi, callRoute, formPost } from "../setup/api-call";
import { makeCoordinator, makeWorker } from "../setup/factories";

const FUPING = "130624";
const PINGQUAN = "130881"; // Chengde
const ZHENGDING = "130123"; // Shijiazhuang
let seq = 500;
const person = (idNumber: string, more: Record<string, unknown> = {}) => ({
  fullName: "王小明",
  idNumber,
  phone: "13912345678",
  countyCode: FUPING,
  skills: [],
  occupationCodes: ["welder"],
  destinationKinds: ["BEIJING_TIANJIN"],
  ...more,
});
const heldIn = async (county: string) =>
  (await makeWorker(county, { idNumber: makeResidentId(county, "1985-06-07", seq++) })) as { id: string; countyCode: string } & Record<string, unknown>;
const idOf = async (w: { id: string }) => {
  const row = await getDb().worker.findUniqueOrThrow({ where: { id: w.id }, select: { idNumberHash: true, fullName: true, version: true } });
  return row;
};
const lookups = (where: object) => getDb().auditLog.findMany({ where: { action: "worker.id-lookup.elsewhere", ...where } });

describe("ID numbers held in another county", () => {
  it(
    "API: an ID number held in another county gets one neutral answer whichever county holds it, changes nothing, " + "and is audited under that county",
    async () => {
      const { id: tokenId, token } = await createApiToken({ name: "fuping sync", role: "COORDINATOR", regionCode: FUPING });
      const answers = [];
      for (const county of [PINGQUAN, ZHENGDING]) {
        const w = await heldIn(county);
        const idNumber = makeResidentId(county, "1985-06-07", seq - 1);
        const before = await idOf(w);
        const res = await callApi(workersAction, "/api/v1/workers", token, { method: "POST", body: person(idNumber) });
        expect(res.status).toBe(400);
        answers.push(await res.json());
        expect(await idOf(w)).toEqual(before); // not updated, not moved to Fuping
        expect(await getDb().worker.count({ where: { idNumberHash: before.idNumberHash } })).toBe(1);
        expect(await lookups({ actorTokenId: tokenId, entityId: w.id, regionCode: county })).toHaveLength(1);
      }
      expect(answers[0]).toEqual(answers[1]);
      expect(answers[0].error.fields).toEqual([{ path: "idNumber", message: expect.any(String) }]);
      expect(JSON.stringify(answers[0])).not.toMatch(/130881|130123|平泉|正定|Chengde/);
    },
  );

  it(
    "API: probing ID numbers one after another is paused after a few answers an hour (429), and then even unknown " + "numbers are not looked up or created",
    async () => {
      const { token } = await createApiToken({ name: "prober", role: "COORDINATOR", regionCode: FUPING });
      const held = [];
      for (let i = 0; i <= ELSEWHERE_ANSWERS_PER_HOUR; i++) held.push(makeResidentId(PINGQUAN, "1985-06-07", (await heldIn(PINGQUAN)) && seq - 1));
      const statuses = [];
      for (const idNumber of held) statuses.push((await callApi(workersAction, "/api/v1/workers", token, { method: "POST", body: person(idNumber) })).status);
      expect(statuses.slice(0, ELSEWHERE_ANSWERS_PER_HOUR).every((s) => s === 400)).toBe(true);
      const fresh = makeResidentId(FUPING, "1990-01-01", 901);
      const paused = await callApi(workersAction, "/api/v1/workers", token, { method: "POST", body: person(fresh) });
      expect(paused.status).toBe(429);
      expect(paused.headers.get("Retry-After")).toMatch(/^\d+$/);
      expect(await getDb().worker.count({ where: { idNumberHash: blindIndex("resident-id", fresh) } })).toBe(0);
    },
  );

  it("roster import: a row whose ID number is held in another county gets the same neutral answer, audited under that county", async () => {
    const coordinator = await makeCoordinator(FUPING);
    const w = await heldIn(ZHENGDING);
    const idNumber = makeResidentId(ZHENGDING, "1985-06-07", seq - 1);
    const results = await upsertWorkers([WorkerCoreSchema.parse(person(idNumber)), WorkerCoreSchema.parse(person(makeResidentId(FUPING, "1991-02-03", 77)))], {
      source: "IMPORT",
      actor: coordinator.principal,
    });
    expect(results[0]).toEqual({ ok: false, kind: "invalid", problems: [{ field: "idNumber", message: "reg.idHeldElsewhere" }] });
    expect(results[1]).toMatchObject({ ok: true, outcome: "created" });
    expect(await lookups({ actorUserId: coordinator.userId, entityId: w.id, regionCode: ZHENGDING })).toHaveLength(1);
  });

  it(
    "roster import: once a file has used up the hour's answers, every later row gets the pause answer, so a new " + "number is not revealed by being created",
    async () => {
      const coordinator = await makeCoordinator(FUPING);
      const rows = [];
      for (let i = 0; i <= ELSEWHERE_ANSWERS_PER_HOUR; i++) {
        await heldIn(PINGQUAN);
        rows.push(WorkerCoreSchema.parse(person(makeResidentId(PINGQUAN, "1985-06-07", seq - 1))));
      }
      const fresh = makeResidentId(FUPING, "1993-04-05", 313);
      const results = await upsertWorkers([...rows, WorkerCoreSchema.parse(person(fresh))], { source: "IMPORT", actor: coordinator.principal });
      const limited = { ok: false, kind: "invalid", problems: [{ field: "idNumber", message: "reg.idLookupsLimited" }] };
      expect(results.slice(ELSEWHERE_ANSWERS_PER_HOUR)).toEqual([limited, limited]);
      expect(await getDb().worker.count({ where: { idNumberHash: blindIndex("resident-id", fresh) } })).toBe(0);
    },
  );

  it(
    "assisted registration form: 'already registered' reads the same for the county's own person and another " +
      "county's, and the other county sees the look-up",
    async () => {
      const coordinator = await makeCoordinator(FUPING);
      const own = await heldIn(FUPING);
      const other = await heldIn(PINGQUAN);
      const form = (idNumber: string) => ({
        fullName: "李四",
        idNumber,
        phone: "13912345679",
        countyCode: FUPING,
        townshipCode: "130624100",
        education: "JUNIOR_SECONDARY",
        occupationCodes: "welder",
        destinationKinds: "BEIJING_TIANJIN",
        minMonthlyWage: "4500",
        availableFrom: "2027-03-01",
        consentRegistration: "on",
      });
      const answers = [];
      for (const [w, county] of [
        [own, FUPING],
        [other, PINGQUAN],
      ] as const) {
        const idNumber = makeResidentId(county, "1985-06-07", seq - (w === own ? 2 : 1));
        const res = await callRoute(assistedAction, formPost("/coordinator/workers/new", await coordinator.cookie(), form(idNumber)));
        answers.push({ status: res.status, body: JSON.stringify(await res.json()).replaceAll(idNumber, "ID") });
      }
      expect(answers[0].status).toBe(409);
      expect(answers[1]).toEqual(answers[0]);
      expect(await lookups({ actorUserId: coordinator.userId, entityId: other.id, regionCode: PINGQUAN })).toHaveLength(1);
      expect(await lookups({ actorUserId: coordinator.userId, entityId: own.id })).toHaveLength(0);
    },
  );
});
