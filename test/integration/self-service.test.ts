// A registered job seeker updates their own skills and preferences at /me/profile.
import { describe, expect, it } from "vitest";
import { makeResidentId } from "~/domain/resident-id";
import { action, loader } from "~/routes/me/profile";
import { WorkerCoreSchema } from "~/features/registration/index";
import { createSessionCookie } from "~/services/auth.server";
import { getDb } from "~/services/db.server";
import { registerWorker } from "~/features/registration/index.server";
import { asResponse } from "../setup/api-call";

async function seeker(seq: number) {
  const input = WorkerCoreSchema.parse({
    fullName: "刘自助",
    idNumber: makeResidentId("130624", "1990-01-02", seq),
    phone: "13912340000",
    countyCode: "130624",
    skills: [{ occupationCode: "cleaner" }],
  });
  const r = await registerWorker(input, { source: "SELF", actor: null, secret: "secret-123" });
  if (!r.ok) throw new Error("setup");
  const user = await getDb().user.findUniqueOrThrow({ where: { workerId: r.workerId } });
  return { workerId: r.workerId, cookie: (await createSessionCookie(user.id)).split(";")[0] };
}

const post = async (cookie: string, fields: [string, string][]) => {
  const body = new URLSearchParams(fields);
  try {
    return asResponse(
      await action({
        request: new Request("http://localhost/me/profile", {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body,
        }),
        params: {},
        context: {},
      }),
    );
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
};

describe("self-service profile", () => {
  it("shows the current values and saves new skills and preferences with an outbox row", async () => {
    const { workerId, cookie } = await seeker(101);
    const data = await loader({ request: new Request("http://localhost/me/profile", { headers: { Cookie: cookie } }), params: {}, context: {} });
    expect(data.defaultValue.skills).toEqual([{ occupationCode: "cleaner", level: undefined, certificateNumber: undefined }]);

    const res = await post(cookie, [
      ["skills[0].occupationCode", "welder"],
      ["skills[0].level", "3"],
      ["skills[1].occupationCode", ""],
      ["destinationKinds", "BEIJING_TIANJIN"],
      ["destinationKinds", "WITHIN_HEBEI"],
      ["occupationCodes", "welder"],
      ["minMonthlyWage", "6,000"],
      ["willingToTrain", "on"],
      ["trainingKinds", "ORDER_BASED"],
      ["availableFrom", "2027-03-01"],
    ]);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/me?saved=1");
    const w = await getDb().worker.findUniqueOrThrow({ where: { id: workerId }, include: { skills: true, preference: true } });
    expect(w.skills.map((s) => [s.occupationCode, s.level])).toEqual([["welder", 3]]);
    expect(w.preference).toMatchObject({
      destinationKinds: ["BEIJING_TIANJIN", "WITHIN_HEBEI"],
      minMonthlyWage: 6000,
      willingToTrain: true,
      trainingKinds: ["ORDER_BASED"],
    });
    expect(w.version).toBe(2);
    expect(await getDb().outbox.count({ where: { entityId: workerId, entityVersion: 2 } })).toBe(1);
    expect(await getDb().auditLog.count({ where: { entityId: workerId, action: "worker.preferences.update" } })).toBe(1);
  });

  it("answers problems next to their fields and changes nothing", async () => {
    const { workerId, cookie } = await seeker(102);
    const res = await post(cookie, [
      ["skills[0].occupationCode", "astronaut"],
      ["minMonthlyWage", "abc"],
    ]);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.result.error["minMonthlyWage"]).toEqual(["reg.wageFormat"]);
    expect((await getDb().worker.findUniqueOrThrow({ where: { id: workerId } })).version).toBe(1);
  });

  it("is only for signed-in job seekers", async () => {
    const res = await post("", [["minMonthlyWage", "5000"]]);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
  });
});
