// Issue 11, item 1: masked resident ID numbers could be rebuilt. The masked number (first four +
// last four) travelled with the county code and the birth date, which together gave all 18
// characters. The rule (app/domain/mask.ts): nothing a viewer receives without a reveal may pin
// the number down. Checked as a property: for generated people, the set of ID numbers consistent
// with everything one masked payload reveals about a person — masked number, county, sex, birth
// date / year / age / age band — has more than 10,000 members, across the real payload builders
// (API, page loaders, worker search, the drill-down page and its export, the employer's view).
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCharacter, makeResidentId } from "~/domain/resident-id";
import { loader as apiWorker } from "~/routes/api/worker";
import { loader as apiWorkers } from "~/routes/api/workers";
import { loader as apiPostingMatches } from "~/routes/api/posting-matches";
import { loader as coordinatorHome } from "~/routes/coordinator/index";
import { loader as workerPage } from "~/routes/coordinator/worker";
import { loader as workersPage } from "~/routes/coordinator/workers";
import { loader as placementForm } from "~/routes/coordinator/placements-new";
import { loader as drillPage } from "~/routes/coordinator/dashboard-records";
import { loader as drillExport } from "~/routes/coordinator/dashboard-export";
import { loader as employerPosting } from "~/routes/employer/posting";
import { createApiToken } from "~/services/api-tokens.server";
import { getDb } from "~/services/db.server";
import { indexEntity } from "~/services/indexing.server";
import { storedIdentity } from "~/services/pii.server";
import { makeCoordinator, makeEmployer, makeMatch, makePosting } from "../setup/factories";

const LIMIT = 10_000;
const DAY = 86_400_000;
const COUNTIES = ["130624", "130630", "130881"];

type Person = { workerId: string; fullName: string; idNumber: string; countyCode: string; birthDate: string; sex: "MALE" | "FEMALE" };

// ───────────── what a payload reveals, and how many numbers fit it ─────────────

type Knowledge = { masks: string[]; sex: "MALE" | "FEMALE" | null; from: number; to: number; full: boolean };

const dayOf = (ymd: string) => Math.floor(Date.parse(`${ymd}T00:00:00Z`) / DAY);
const ymdOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const yearsBefore = (today: Date, years: number) => dayOf(`${today.getUTCFullYear() - years}${today.toISOString().slice(4, 10)}`);

/** Everything `scope` (the part of a payload about this person) says about their ID number. */
function learn(scope: string, p: Person, today: Date): Knowledge {
  const k: Knowledge = { masks: [], sex: null, from: dayOf("1940-01-01"), to: dayOf(today.toISOString().slice(0, 10)), full: false };
  const narrow = (from: number, to: number) => {
    k.from = Math.max(k.from, from);
    k.to = Math.min(k.to, to);
  };
  if (scope.includes(p.idNumber)) k.full = true;
  k.masks = [...scope.matchAll(/[0-9X*]{18}/g)].map((m) => m[0]).filter((m) => m.includes("*"));
  const sex = /"sex":"(MALE|FEMALE)"|[,"](男|女)[,"]/.exec(scope);
  if (sex) k.sex = sex[1] ? (sex[1] as "MALE" | "FEMALE") : sex[2] === "男" ? "MALE" : "FEMALE";
  const [y, m, d] = p.birthDate.split("-");
  if ([`${y}-${m}-${d}`, `${y}${m}${d}`, `${y}/${m}/${d}`, `${y}年${Number(m)}月${Number(d)}日`].some((s) => scope.includes(s)))
    narrow(dayOf(p.birthDate), dayOf(p.birthDate));
  for (const year of scope.matchAll(/"birthYear":(\d{4})/g)) narrow(dayOf(`${year[1]}-01-01`), dayOf(`${year[1]}-12-31`));
  for (const age of scope.matchAll(/"age":(\d+)|年龄(\d+)岁|\bAge (\d+)/g)) {
    const a = Number(age[1] ?? age[2] ?? age[3]);
    narrow(yearsBefore(today, a + 1) + 1, yearsBefore(today, a));
  }
  for (const band of scope.matchAll(/"ageBand":"(\d+)–(\d+)"/g)) narrow(yearsBefore(today, Number(band[2]) + 1) + 1, yearsBefore(today, Number(band[1])));
  return k;
}

/** How many valid ID numbers (area = the person's county, as an attacker would assume) fit, counted up to `cap`. */
function consistentIds(k: Knowledge, countyCode: string, cap = LIMIT + 1): number {
  if (k.full) return 1;
  let n = 0;
  for (let day = k.from; day <= k.to; day++) {
    const date = ymdOf(day).replaceAll("-", "");
    for (let seq = 0; seq < 1000; seq++) {
      if (k.sex && (seq % 2 === 1 ? "MALE" : "FEMALE") !== k.sex) continue;
      const first17 = `${countyCode}${date}${String(seq).padStart(3, "0")}`;
      const id = first17 + checkCharacter(first17);
      if (k.masks.every((mask) => [...mask].every((c, i) => c === "*" || c === id[i]))) n++;
      if (n >= cap) return n;
    }
  }
  return n;
}

/** The objects of a JSON payload that name this person (by any of `keys`), with what they hold. */
function personScope(payload: unknown, keys: string[]): string {
  const found: unknown[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === "object") {
      if (Object.values(v).some((x) => typeof x === "string" && keys.includes(x))) found.push(v);
      Object.values(v).forEach(walk);
    }
  };
  walk(payload);
  return JSON.stringify(found);
}

// ───────────── people and payloads ─────────────

let counter = 0;
async function makePerson(countyCode: string, birthDate: string, sequence: number): Promise<Person> {
  counter++;
  const idNumber = makeResidentId(countyCode, birthDate, sequence);
  const phone = `1370000${String(counter).padStart(4, "0")}`;
  const fullName = `甲${String(counter).padStart(4, "0")}号`;
  const sex = sequence % 2 === 1 ? ("MALE" as const) : ("FEMALE" as const);
  const w = await getDb().worker.create({
    data: {
      fullName,
      ...storedIdentity(idNumber, phone),
      sex,
      birthDate: new Date(`${birthDate}T00:00:00Z`),
      countyCode,
    },
  });
  await indexEntity({ entityType: "worker", entityId: w.id, entityVersion: w.version });
  return { workerId: w.id, fullName, idNumber, countyCode, birthDate, sex };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route's loader takes its own args type
type Handler = (a: any) => unknown;
const run = async (
  fn: Handler,
  url: string,
  headers: Record<string, string>,
  params: Record<string, string> = {},
): Promise<{ status: number; text: string }> => {
  let out: unknown;
  try {
    out = await fn({ request: new Request(`http://localhost${url}`, { headers }), params, context: {} });
  } catch (thrown) {
    out = thrown;
  }
  if (out instanceof Response) return { status: out.status, text: await out.text() };
  return { status: 200, text: JSON.stringify(out) };
};

type Payload = { name: string; status: number; scope: string };

/** Every masked payload a coordinator, an API token or an employer receives about this person. */
async function payloadsAbout(p: Person): Promise<Payload[]> {
  const coordinator = await makeCoordinator(p.countyCode);
  const cookie = { Cookie: await coordinator.cookie() };
  const { token } = await createApiToken({ name: `t${counter}`, role: "COORDINATOR", regionCode: p.countyCode });
  const bearer = { Authorization: `Bearer ${token}` };
  const { employer, user } = await makeEmployer();
  const posting = await makePosting(employer.id);
  const match = await makeMatch(p.workerId, { postingId: posting.id });
  const employerCookie = { Cookie: await user.cookie() };
  const employerToken = (await createApiToken({ name: `e${counter}`, role: "EMPLOYER", employerId: employer.id })).token;
  const year = new Date().getUTCFullYear();
  const keys = [p.workerId, p.fullName];
  const drill = `region=${p.countyCode}&year=${year}&metric=registered`;

  const single = async (name: string, r: Promise<{ status: number; text: string }>) => {
    const x = await r;
    return { name, status: x.status, scope: x.text };
  };
  const list = async (name: string, r: Promise<{ status: number; text: string }>, k = keys) => {
    const x = await r;
    return { name, status: x.status, scope: x.status === 200 ? personScope(JSON.parse(x.text), k) : x.text };
  };
  const csv = async (name: string, r: Promise<{ status: number; text: string }>) => {
    const x = await r;
    const header = x.text.split("\n")[0];
    return { name, status: x.status, scope: [header, ...x.text.split("\n").filter((l) => l.includes(p.fullName))].join("\n") };
  };
  return Promise.all([
    single("GET /api/v1/workers/:id", run(apiWorker, `/api/v1/workers/${p.workerId}`, bearer, { workerId: p.workerId })),
    list("GET /api/v1/workers", run(apiWorkers, "/api/v1/workers?pageSize=200", bearer)),
    single("worker page", run(workerPage, `/coordinator/workers/${p.workerId}`, cookie, { workerId: p.workerId })),
    list("coordinator home", run(coordinatorHome, "/coordinator", cookie)),
    list("worker search", run(workersPage, `/coordinator/workers?q=${encodeURIComponent(p.fullName)}`, cookie)),
    list("placement form", run(placementForm, `/coordinator/placements/new?q=${encodeURIComponent(p.fullName)}&workerId=${p.workerId}`, cookie)),
    list("drill-down page", run(drillPage, `/coordinator/dashboard/records?${drill}`, cookie)),
    csv("drill-down export", run(drillExport, `/coordinator/dashboard/export?what=records&format=csv&${drill}`, cookie)),
    list("employer posting page", run(employerPosting, `/employer/postings/${posting.id}`, employerCookie, { postingId: posting.id }), [match.id]),
    list(
      "GET /api/v1/postings/:id/matches (employer)",
      run(apiPostingMatches, `/api/v1/postings/${posting.id}/matches`, { Authorization: `Bearer ${employerToken}` }, { postingId: posting.id }),
      [match.id],
    ),
  ]);
}

const person = fc.record({
  countyCode: fc.constantFrom(...COUNTIES),
  birth: fc.integer({ min: dayOf("1960-01-01"), max: dayOf("2008-12-31") }).map(ymdOf),
  sequence: fc.integer({ min: 0, max: 999 }),
});

describe("masked ID numbers cannot be rebuilt", () => {
  it(
    "ID rebuild from a masked payload: for generated people, every masked payload (API, worker pages, search, " +
      "drill-down page and export, employer view) leaves more than 10,000 candidate numbers",
    async () => {
      const today = new Date();
      // The checker finds the number when the old payload shape is fed to it (mask with the last four, county, birth date).
      const control = await makePerson("130624", "1990-05-17", 123);
      const oldShape = JSON.stringify({
        idNumberMasked: `${control.idNumber.slice(0, 4)}**********${control.idNumber.slice(-4)}`,
        countyCode: "130624",
        birthDate: "1990-05-17",
        sex: control.sex,
      });
      expect(consistentIds(learn(oldShape, control, today), "130624")).toBe(1);
      expect(
        consistentIds(
          learn(JSON.stringify({ idNumberMasked: `${control.idNumber.slice(0, 4)}**********${control.idNumber.slice(-4)}`, birthYear: 1990 }), control, today),
          "130624",
        ),
      ).toBeLessThan(100);

      await fc.assert(
        fc.asyncProperty(person, async ({ countyCode, birth, sequence }) => {
          const p = await makePerson(countyCode, birth, sequence);
          const payloads = await payloadsAbout(p);
          for (const payload of payloads) {
            expect(payload.status, payload.name).toBe(200);
            expect(payload.scope.length, `${payload.name} says nothing about the person`).toBeGreaterThan(2);
            expect(payload.scope, payload.name).not.toContain(p.birthDate);
            const n = consistentIds(learn(payload.scope, p, today), p.countyCode);
            expect(n, `${payload.name}: ${n} candidate ID numbers`).toBeGreaterThan(LIMIT);
          }
        }),
        { numRuns: 12 },
      );
    },
  );

  it("stale masks: rows masked under the old rule (last four visible) are re-masked by the migration and on read", async () => {
    const p = await makePerson("130624", "1987-11-02", 456);
    const old = `${p.idNumber.slice(0, 4)}**********${p.idNumber.slice(-4)}`;
    await getDb().worker.update({ where: { id: p.workerId }, data: { idNumberMasked: old } });
    const coordinator = await makeCoordinator("130624");
    const page = await run(workerPage, `/coordinator/workers/${p.workerId}`, { Cookie: await coordinator.cookie() }, { workerId: p.workerId });
    expect(page.text).not.toContain(old);
    expect(page.text).toContain(`"idNumberMasked":"${p.idNumber.slice(0, 4)}**************"`);

    const dir = fs.readdirSync("prisma/migrations").find((d) => d.endsWith("_resident_id_prefecture_only_mask"));
    expect(dir).toBeDefined();
    await getDb().$executeRawUnsafe(fs.readFileSync(path.join("prisma/migrations", dir!, "migration.sql"), "utf8"));
    expect((await getDb().worker.findUniqueOrThrow({ where: { id: p.workerId } })).idNumberMasked).toBe(`${p.idNumber.slice(0, 4)}**************`);
  });
});
