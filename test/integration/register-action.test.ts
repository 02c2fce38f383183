// The public registration action (and the coordinator's), called with real Request objects:
// one person one record, nothing revealed about an existing record, every problem next to its
// field with what was typed kept, the per-address limit, and thousands of random and hostile
// bodies that must never produce a 5xx or a half-written record.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeResidentId } from "~/domain/resident-id";
import { action as assistedAction } from "~/routes/coordinator/worker-new";
import { action as registerAction } from "~/routes/register";
import { CONSENT_VERSIONS } from "~/features/registration/index";
import { createSessionCookie, getSessionUser } from "~/services/auth.server";
import { getDb } from "~/services/db.server";
import { blindIndex } from "~/services/pii.server";
import { REGISTRATION_LIMIT, registrationOptions } from "~/features/registration/index.server";
import { createUser } from "~/services/users.server";
import { asResponse } from "../setup/api-call";

type Action = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>;

async function call(action: Action, request: Request): Promise<Response> {
  try {
    const result = asResponse(await action({ request, params: {}, context: {} }));
    if (!(result instanceof Response)) throw new Error(`the action answered a non-Response: ${String(result)}`);
    return result;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

let ipSeq = 0;
const freshIp = () => `10.77.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;

function post(
  body: BodyInit,
  {
    path = "/register",
    ip = freshIp(),
    contentType = "application/x-www-form-urlencoded",
    cookie,
  }: { path?: string; ip?: string; contentType?: string | null; cookie?: string } = {},
) {
  const headers: Record<string, string> = { "x-lb-client-ip": ip };
  if (contentType) headers["Content-Type"] = contentType;
  if (cookie) headers.Cookie = cookie;
  return new Request(`http://localhost${path}`, { method: "POST", body, headers });
}

const register = (body: BodyInit, opts?: Parameters<typeof post>[1]) => call(registerAction as Action, post(body, opts));

/** A complete, valid public registration; `overrides` replace whole fields (arrays repeat the name). */
function person(seq: number, overrides: Record<string, string | string[] | undefined> = {}): URLSearchParams {
  const fields: Record<string, string | string[] | undefined> = {
    fullName: "王秀英",
    idNumber: makeResidentId("130624", "1990-05-17", seq),
    phone: `1391234${String(seq).padStart(4, "0")}`,
    countyCode: "130624",
    townshipCode: "130624100",
    villageName: "龙泉关村",
    isRegisteredPoor: "on",
    education: "JUNIOR_SECONDARY",
    "skills[0].occupationCode": "welder",
    "skills[0].level": "4",
    "skills[0].certificateNumber": "HB-2019-0042",
    "skills[1].occupationCode": "",
    "skills[1].level": "",
    "skills[1].certificateNumber": "",
    "history[0].employerName": "北京某建筑公司",
    "history[0].place": "北京市朝阳区",
    "history[0].startDate": "2019-03-01",
    "history[0].endDate": "2023-12-31",
    "history[1].employerName": "",
    "history[1].place": "",
    destinationKinds: ["BEIJING_TIANJIN", "WITHIN_HEBEI"],
    destinationRegionCodes: ["110105", "120116"],
    occupationCodes: ["welder", "", "electrician"],
    minMonthlyWage: "4500",
    willingToTrain: "on",
    trainingKinds: ["ORDER_BASED", "COMPOUND"],
    availableFrom: "2027-03-01",
    secret: "mima-2026-xy",
    secretConfirm: "mima-2026-xy",
    consentRegistration: "on",
    ...overrides,
  };
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of value === undefined ? [] : [value].flat()) body.append(name, v);
  return body;
}

async function counts() {
  const db = getDb();
  const [selfWorkers, accounts, selfConsents, outbox, households] = await Promise.all([
    db.worker.count({ where: { source: "SELF" } }),
    db.user.count({ where: { workerId: { not: null } } }),
    db.consent.count({ where: { purpose: "REGISTRATION", worker: { source: "SELF" } } }),
    db.outbox.count({ where: { entityType: "worker" } }),
    db.household.count(),
  ]);
  return { selfWorkers, accounts, selfConsents, outbox, households };
}

describe("public registration (/register action)", () => {
  it("creates exactly one worker, account, consent and outbox row, signs the person in and sends them to /me", async () => {
    const before = await counts();
    const res = await register(person(11));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/me?welcome=1");
    const after = await counts();
    expect(after).toEqual({
      ...before,
      selfWorkers: before.selfWorkers + 1,
      accounts: before.accounts + 1,
      selfConsents: before.selfConsents + 1,
      outbox: before.outbox + 1,
    });

    const worker = await getDb().worker.findUniqueOrThrow({
      where: { idNumberHash: blindIndex("resident-id", makeResidentId("130624", "1990-05-17", 11)) },
      include: { skills: true, history: true, preference: true, consents: true, account: { include: { roles: true } } },
    });
    expect(worker).toMatchObject({
      fullName: "王秀英",
      sex: "MALE",
      countyCode: "130624",
      townshipCode: "130624100",
      villageName: "龙泉关村",
      source: "SELF",
      enteredById: null,
      isRegisteredPoor: true,
    });
    expect(worker.skills).toMatchObject([{ occupationCode: "welder", level: 4, certificateNumber: "HB-2019-0042" }]);
    expect(worker.history).toHaveLength(1);
    expect(worker.preference).toMatchObject({
      destinationKinds: ["BEIJING_TIANJIN", "WITHIN_HEBEI"],
      destinationRegionCodes: ["110105", "120116"],
      occupationCodes: ["welder", "electrician"],
      minMonthlyWage: 4500,
      trainingKinds: ["ORDER_BASED", "COMPOUND"],
    });
    expect(worker.consents).toMatchObject([{ purpose: "REGISTRATION", textVersion: CONSENT_VERSIONS.registration, recordedById: null }]);
    expect(worker.account?.roles.map((r) => r.role)).toEqual(["JOB_SEEKER"]);
    // The fingerprint of the input must not be derived from the password.
    expect(worker.account?.passwordHash.startsWith("$argon2id$")).toBe(true);

    const cookie = res.headers.get("Set-Cookie")!.split(";")[0];
    const session = await getSessionUser(new Request("http://localhost/me", { headers: { Cookie: cookie } }));
    expect(session?.principal.workerId).toBe(worker.id);
    expect(session?.homePath).toBe("/me");
  });

  it('offers "Beijing, any district" and "Tianjin, any district" (the city codes) and stores them as chosen', async () => {
    const { destinations } = await registrationOptions(null);
    // The form lists each city's own code first (labelled reg.anyDistrict), then its districts.
    expect(destinations.map((c) => c.code)).toEqual(["110000", "120000"]);
    expect(destinations.every((c) => c.children.length > 10 && c.children.every((d) => d.code.startsWith(c.code.slice(0, 2))))).toBe(true);
    const res = await register(person(81, { destinationRegionCodes: ["110000", "120000"] }));
    expect(res.status).toBe(302);
    const worker = await getDb().worker.findUniqueOrThrow({
      where: { idNumberHash: blindIndex("resident-id", makeResidentId("130624", "1990-05-17", 81)) },
      include: { preference: true },
    });
    expect(worker.preference?.destinationRegionCodes).toEqual(["110000", "120000"]);
  });

  it("accepts full-width digits and a lowercase x, and stores the normalised number", async () => {
    let seq = 100;
    while (!makeResidentId("130624", "1985-02-03", seq).endsWith("X")) seq++;
    const id = makeResidentId("130624", "1985-02-03", seq);
    const typed = id.slice(0, 17).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))) + "x";
    const res = await register(person(12, { idNumber: ` ${typed} `, phone: "+86 139-1234-0012" }));
    expect(res.status).toBe(302);
    const worker = await getDb().worker.findUniqueOrThrow({ where: { idNumberHash: blindIndex("resident-id", id) } });
    expect(worker.idNumberMasked).toBe(`${id.slice(0, 4)}**************`);
    expect(worker.phoneHash).toBe(blindIndex("phone", "13912340012"));
  });

  it("a second registration with the same ID creates nothing, says so, and reveals nothing about the first", async () => {
    const id = makeResidentId("130624", "1978-11-02", 21);
    // The first person lives in Tang County (唐县), not where the ID number was issued.
    expect((await register(person(21, { idNumber: id, fullName: "赵桂兰", phone: "13700001111", countyCode: "130627", townshipCode: "" }))).status).toBe(302);
    const before = await counts();

    const res = await register(person(22, { idNumber: id.toLowerCase(), fullName: "钱多多", phone: "13655556666", countyCode: "130626", townshipCode: "" }));
    expect(res.status).toBe(409);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.duplicate).toBe(true);
    expect(body.result.error[""]).toEqual(["reg.duplicateTitle"]);
    expect(body.result.error.idNumber).toEqual(["reg.idAlreadyRegistered"]);
    // What the second person typed comes back (but not their password) ...
    expect(body.result.initialValue).toMatchObject({ fullName: "钱多多", countyCode: "130626" });
    expect(text).not.toContain("mima-2026-xy");
    // ... and nothing of the existing record does.
    for (const secret of ["赵桂兰", "13700001111", "137****1111", "130627", "唐县", "Tang"]) expect(text).not.toContain(secret);
    const existing = await getDb().worker.findUniqueOrThrow({ where: { idNumberHash: blindIndex("resident-id", id) } });
    expect(text).not.toContain(existing.id);
    expect(await counts()).toEqual(before);
  });

  it("answers each problem next to its field with 400, keeping everything typed but the password", async () => {
    const good = makeResidentId("130624", "1990-05-17", 31);
    const wrongCheck = good.slice(0, 17) + (good[17] === "1" ? "2" : "1");
    const before = await counts();
    const res = await register(
      person(31, {
        idNumber: wrongCheck,
        phone: "12345",
        countyCode: "",
        secretConfirm: "something-else",
        "history[1].place": "天津",
        "history[1].employerName": "",
      }),
    );
    expect(res.status).toBe(400);
    const text = await res.text();
    const { result } = JSON.parse(text);
    expect(result.error).toMatchObject({
      idNumber: ["reg.id_checksum"],
      phone: ["reg.phoneFormat"],
      countyCode: ["reg.countyRequired"],
      secretConfirm: ["reg.secretMismatch"],
      // a work-history row with something in it but no employer is a problem in that row, not dropped
      "history[1].employerName": ["reg.required"],
    });
    expect(result.initialValue).toMatchObject({
      fullName: "王秀英",
      idNumber: wrongCheck,
      villageName: "龙泉关村",
      minMonthlyWage: "4500",
      destinationKinds: ["BEIJING_TIANJIN", "WITHIN_HEBEI"],
    });
    expect(result.initialValue.skills[0]).toEqual({ occupationCode: "welder", level: "4", certificateNumber: "HB-2019-0042" });
    expect(result.initialValue.secret).toBeUndefined();
    expect(result.initialValue.secretConfirm).toBeUndefined();
    expect(text).not.toContain("mima-2026-xy");
    expect(await counts()).toEqual(before);
  });

  it("reports reference problems the schema cannot see (township outside the county, unknown occupation) on their fields", async () => {
    const res = await register(person(32, { townshipCode: "130626100", "skills[0].occupationCode": "no-such-trade" }));
    expect(res.status).toBe(400);
    const { result } = await res.json();
    expect(result.error).toMatchObject({ townshipCode: ["reg.townshipMismatch"], "skills[0].occupationCode": ["reg.invalidChoice"] });
  });

  it("refuses priority factors without their separate consent, and records the consent version when given", async () => {
    const refused = await register(person(41, { priorityFactors: ["seriousIllness", "noIndustry"] }));
    expect(refused.status).toBe(400);
    expect((await refused.json()).result.error.priorityFactors).toEqual(["reg.priorityNeedsConsent"]);
    expect(await getDb().worker.count({ where: { idNumberHash: blindIndex("resident-id", makeResidentId("130624", "1990-05-17", 41)) } })).toBe(0);

    expect((await register(person(41, { priorityConsent: "on", priorityFactors: ["seriousIllness", "noIndustry"] }))).status).toBe(302);
    const worker = await getDb().worker.findUniqueOrThrow({
      where: { idNumberHash: blindIndex("resident-id", makeResidentId("130624", "1990-05-17", 41)) },
      include: { consents: true },
    });
    expect(worker.hasPriorityFactors).toBe(true);
    expect(worker.consents.map((c) => [c.purpose, c.textVersion]).sort()).toEqual([
      ["PRIORITY_FACTORS", CONSENT_VERSIONS.priorityFactors],
      ["REGISTRATION", CONSENT_VERSIONS.registration],
    ]);
  });

  it("lists a county's townships on request (the no-JavaScript cascade) without reporting errors", async () => {
    const body = new URLSearchParams({ intent: "townships", fullName: "李四", countyCode: "130624", secret: "typed-secret" });
    const res = await register(body);
    expect(res.status).toBe(200);
    const data = await res.json();
    expect(data.result.error).toBeUndefined();
    expect(data.result.initialValue).toMatchObject({ fullName: "李四", countyCode: "130624" });
    expect(data.result.initialValue.secret).toBeUndefined();
    expect(data.townships.county).toBe("130624");
    expect(data.townships.list.map((t: { name: string }) => t.name)).toContain("龙泉关镇");
  });

  it("limits submissions per address", async () => {
    const ip = "10.66.0.1";
    for (let i = 0; i < REGISTRATION_LIMIT.points; i++) expect((await register(new URLSearchParams({ fullName: "x" }), { ip })).status).toBe(400);
    const limited = await register(person(51), { ip });
    expect(limited.status).toBe(429);
    const { result } = await limited.json();
    expect(result.error[""][0]).toMatch(/提交次数太多，请 \d+ 分钟后再试/);
    expect(result.initialValue.fullName).toBe("王秀英");
    expect(await getDb().worker.count({ where: { idNumberHash: blindIndex("resident-id", makeResidentId("130624", "1990-05-17", 51)) } })).toBe(0);
    // Another address is not affected.
    expect((await register(person(51), { ip: "10.66.0.2" })).status).toBe(302);
  });

  it("refuses other content types, oversized and unreadable bodies cleanly", async () => {
    const before = await counts();
    expect((await register(JSON.stringify({ fullName: "x" }), { contentType: "application/json" })).status).toBe(415);
    expect((await register("fullName=x", { contentType: "text/plain" })).status).toBe(415);
    expect((await register("fullName=x", { contentType: null })).status).toBe(415);
    expect((await register(`fullName=${"王".repeat(40_000)}`)).status).toBe(413);
    expect((await register("--x\r\nbroken", { contentType: "multipart/form-data; boundary=x" })).status).toBe(400);
    const multipart = new FormData();
    for (const [k, v] of person(61)) multipart.append(k, v);
    expect(
      (
        await call(
          registerAction as Action,
          new Request("http://localhost/register", { method: "POST", body: multipart, headers: { "x-lb-client-ip": freshIp() } }),
        )
      ).status,
    ).toBe(302);
    expect((await counts()).selfWorkers).toBe(before.selfWorkers + 1);
  });

  it("survives thousands of random and hostile submissions: no 5xx, nothing half-written", async () => {
    const names = [
      "fullName",
      "idNumber",
      "phone",
      "countyCode",
      "townshipCode",
      "villageName",
      "isRegisteredPoor",
      "householdNumber",
      "education",
      "minMonthlyWage",
      "willingToTrain",
      "homeBasedOnly",
      "availableFrom",
      "priorityConsent",
      "secret",
      "secretConfirm",
      "consentRegistration",
      "destinationKinds",
      "destinationRegionCodes",
      "occupationCodes",
      "trainingKinds",
      "priorityFactors",
      "intent",
      "skills[0].occupationCode",
      "skills[0].level",
      "skills[0].certificateNumber",
      "skills[4].level",
      "history[0].employerName",
      "history[1].startDate",
      "history[4].endDate",
    ];
    const hostile = fc.constantFrom(
      "",
      " ",
      '\'; DROP TABLE "Worker"; --',
      '" OR 1=1 --',
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "{{constructor.constructor('x')()}}",
      "${7*7}",
      "\u0000",
      "a\u0000b",
      "\uD800",
      "\uFFFF",
      "𠀀𠀁",
      "👨‍👩‍👧",
      "\u202E",
      "NaN",
      "Infinity",
      "-1",
      "1e308",
      "0",
      "99999999999999999999",
      "0000-01-01",
      "9999-12-31",
      "2024-02-30",
      "1900-01-01",
      "on",
      "true",
      "是",
      "null",
      "undefined",
      "[]",
      "{}",
      "__proto__",
      "x".repeat(70_000),
      "王".repeat(5000),
      "%",
      "%zz",
      "+86 138 0000 0000",
      "130624",
      "130624100",
      "110105",
      "welder",
      makeResidentId("130624", "2015-01-01", 1),
      makeResidentId("130624", "1940-01-01", 1),
      makeResidentId("999999", "1990-01-01", 1),
      makeResidentId("130624", "1990-01-01", 1).toLowerCase(),
    );
    const value = fc.oneof(hostile, fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 60 }), fc.integer().map(String));
    const name = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...names) },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "__proto__",
          "__proto__.polluted",
          "constructor.prototype.polluted",
          "skills[4294967294].level",
          "history[99999999].employerName",
          "a[b][c][d]",
          "skills[-1].level",
          "skills[0][0][0]",
          "skills.0.level",
          "[]",
          "[0]",
          "x[]",
          "destinationKinds[]",
        ),
      },
    );
    const randomPairs = fc.array(fc.tuple(name, value), { maxLength: 30 }).map((pairs) => {
      const body = new URLSearchParams();
      for (const [k, v] of pairs) body.append(k, v);
      return { body: body.toString(), contentType: "application/x-www-form-urlencoded" };
    });
    // Valid-looking people with a few fields made hostile: these reach the database.
    const mutatedPerson = fc
      .tuple(fc.integer({ min: 0, max: 999 }), fc.array(fc.tuple(fc.constantFrom(...names), value), { maxLength: 4 }))
      .map(([seq, changes]) => {
        const body = person(seq, { idNumber: makeResidentId("130624", "1988-08-08", seq) });
        for (const [k, v] of changes) body.set(k, v);
        return { body: body.toString(), contentType: "application/x-www-form-urlencoded" };
      });
    const rawBytes = fc
      .oneof(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a).toString("latin1")),
      )
      .chain((raw) =>
        fc
          .constantFrom("application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "multipart/form-data", "application/json", "text/html")
          .map((contentType) => ({ body: raw, contentType })),
      );
    const submission = fc.oneof({ weight: 4, arbitrary: randomPairs }, { weight: 4, arbitrary: mutatedPerson }, { weight: 1, arbitrary: rawBytes });

    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(submission, async ({ body, contentType }) => {
        const res = await register(body, { contentType });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 2500 },
    );
    // Every kind of answer was exercised, and no prototype was polluted by a field name.
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([302, 400, 415]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const after = await counts();
    expect(after.accounts).toBe(after.selfWorkers);
    expect(after.selfConsents).toBe(after.selfWorkers);
  }, 600_000);
});

describe("coordinator-assisted registration (/coordinator/workers/new action)", () => {
  async function coordinatorCookie(username: string, regionCode: string) {
    const created = await createUser({ username, displayName: `${username} 协调员`, password: "correct-horse-9", role: "COORDINATOR", regionCode }, null);
    if (!created.ok) throw new Error("setup");
    return { userId: created.userId, cookie: (await createSessionCookie(created.userId)).split(";")[0] };
  }
  const assisted = (body: URLSearchParams, cookie: string) => call(assistedAction as Action, post(body, { path: "/coordinator/workers/new", cookie }));
  const assistedPerson = (seq: number, overrides: Record<string, string | undefined> = {}) => {
    const body = person(seq, { secret: undefined, secretConfirm: undefined, ...overrides });
    return body;
  };

  it("records who entered the person, creates no account, and opens the new record", async () => {
    const { userId, cookie } = await coordinatorCookie("assist-fuping", "130624");
    const res = await assisted(assistedPerson(71), cookie);
    expect(res.status).toBe(302);
    const worker = await getDb().worker.findUniqueOrThrow({
      where: { idNumberHash: blindIndex("resident-id", makeResidentId("130624", "1990-05-17", 71)) },
      include: { consents: true, account: true },
    });
    expect(res.headers.get("Location")).toBe(`/coordinator/workers/${worker.id}`);
    expect(worker).toMatchObject({ source: "COORDINATOR", enteredById: userId, account: null });
    expect(worker.consents).toMatchObject([{ purpose: "REGISTRATION", recordedById: userId }]);
  });

  it("refuses a county outside the coordinator's region, an unconfirmed consent, and a duplicate", async () => {
    const { cookie } = await coordinatorCookie("assist-fuping-2", "130624");
    const outside = await assisted(assistedPerson(72, { countyCode: "130881", townshipCode: "" }), cookie);
    expect(outside.status).toBe(400);
    expect((await outside.json()).result.error.countyCode).toEqual(["reg.countyOutOfScope"]);

    const unconfirmed = await assisted(assistedPerson(72, { consentRegistration: undefined }), cookie);
    expect(unconfirmed.status).toBe(400);
    expect((await unconfirmed.json()).result.error.consentRegistration).toEqual(["reg.consentConfirmRequired"]);

    expect((await register(person(73))).status).toBe(302);
    const duplicate = await assisted(assistedPerson(73, { fullName: "另一个人" }), cookie);
    expect(duplicate.status).toBe(409);
    expect((await duplicate.json()).result.error[""]).toEqual(["reg.duplicateAssisted"]);
  });

  it("sends a signed-out visitor to sign in and refuses a job seeker", async () => {
    const anonymous = await call(assistedAction as Action, post(assistedPerson(74), { path: "/coordinator/workers/new" }));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const seeker = await register(person(75));
    const seekerCookie = seeker.headers.get("Set-Cookie")!.split(";")[0];
    expect((await assisted(assistedPerson(76), seekerCookie)).status).toBe(403);
  });
});
