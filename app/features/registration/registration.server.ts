// Creating and updating job seekers: one path for the public form, the coordinator's entry, the
// roster import and the API. One person, one record: the database's unique index on the ID
// number's blind index decides, so two simultaneous registrations cannot both succeed.
import { calendarDayOrNull, dayDate } from "~/platform/china-time";
import type { Problem } from "~/platform/outcome";
import { createHash, randomUUID } from "node:crypto";
import type { Principal } from "~/domain/access";
import { canReadRegion } from "~/domain/access";
import { parseResidentId } from "~/domain/resident-id";
import type { Prisma } from "~/generated/prisma/client";
import { CONSENT_VERSIONS, type PreferencesInput, type WorkerInput } from "./schema";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { audit } from "~/services/audit.server";
import { createRateLimiter, hashPassword } from "~/services/auth.server";
import { getDb, isUniqueViolation, WRITE_TX, type Db } from "~/services/db.server";
import { writeOutbox } from "~/services/outbox.server";
import { blindIndex, blindIndexes, encryptPii, storedIdentity } from "~/services/pii.server";
import { insertJson } from "~/services/bulk-insert.server";

type Tx = Prisma.TransactionClient;
export type EntrySource = "SELF" | "COORDINATOR" | "IMPORT" | "API";

export type RegisterResult =
  | { ok: true; workerId: string; outcome: "created" | "updated" | "unchanged" }
  | { ok: false; kind: "duplicate" }
  | { ok: false; kind: "invalid"; problems: Problem[] };

type Context = { source: EntrySource; actor: Principal | null; ip?: string | null };

type ReferenceInput = Pick<WorkerInput, "countyCode" | "townshipCode" | "skills" | "occupationCodes" | "destinationRegionCodes">;
type ReferenceSets = { regions: Map<string, { level: string; parentCode: string | null }>; occupations: Set<string> };

/** The regions and occupations a set of inputs names, in two queries however many inputs there are. */
async function loadReferenceSets(inputs: ReferenceInput[], db: Db | Tx): Promise<ReferenceSets> {
  const regionCodes = new Set<string>();
  const occupationCodes = new Set<string>();
  for (const input of inputs) {
    [input.countyCode, ...(input.townshipCode ? [input.townshipCode] : []), ...input.destinationRegionCodes].forEach((c) => regionCodes.add(c));
    [...input.skills.map((s) => s.occupationCode), ...input.occupationCodes].forEach((c) => occupationCodes.add(c));
  }
  const [regions, occupations] = await Promise.all([
    db.region.findMany({ where: { code: { in: [...regionCodes] } }, select: { code: true, level: true, parentCode: true } }),
    db.occupation.findMany({ where: { code: { in: [...occupationCodes] } }, select: { code: true } }),
  ]);
  return { regions: new Map(regions.map((r) => [r.code, r])), occupations: new Set(occupations.map((o) => o.code)) };
}

function referenceProblems(input: ReferenceInput, { regions: byCode, occupations: known }: ReferenceSets): Problem[] {
  const problems: Problem[] = [];
  if (byCode.get(input.countyCode)?.level !== "COUNTY") problems.push({ field: "countyCode", message: "reg.countyRequired" });
  if (input.townshipCode && byCode.get(input.townshipCode)?.parentCode !== input.countyCode)
    problems.push({ field: "townshipCode", message: "reg.townshipMismatch" });
  input.destinationRegionCodes.forEach((c, i) => {
    if (!byCode.has(c)) problems.push({ field: `destinationRegionCodes[${i}]`, message: "reg.invalidChoice" });
  });
  input.skills.forEach((s, i) => {
    if (!known.has(s.occupationCode)) problems.push({ field: `skills[${i}].occupationCode`, message: "reg.invalidChoice" });
  });
  input.occupationCodes.forEach((c, i) => {
    if (!known.has(c)) problems.push({ field: `occupationCodes[${i}]`, message: "reg.invalidChoice" });
  });
  return problems;
}

/** Checks against reference data that a schema alone cannot make (codes exist, township in county). */
export async function checkReferences(input: ReferenceInput, db: Db | Tx = getDb()): Promise<Problem[]> {
  return referenceProblems(input, await loadReferenceSets([input], db));
}

/** A stable fingerprint of everything a registration sets (not the secret): equal → nothing to change. */
export function inputFingerprint(input: WorkerInput): string {
  let hash = fingerprints.get(input);
  if (!hash) {
    const canonical = JSON.stringify(input, (_k, v) =>
      v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
    );
    hash = createHash("sha256").update(canonical).digest("hex");
    fingerprints.set(input, hash);
  }
  return hash;
}
// Parsed inputs are never changed afterwards, and a roster row asks for its fingerprint three
// times (import, unchanged check, stored inputHash): remembered per input object.
const fingerprints = new WeakMap<WorkerInput, string>();

function workerData(input: WorkerInput) {
  const parsed = parseResidentId(input.idNumber);
  if (!parsed.ok) throw new Error("registration input was not validated");
  return {
    fullName: input.fullName,
    ...storedIdentity(parsed.id.value, input.phone),
    idAreaUnknown: parsed.id.areaStatus === "unknown",
    sex: parsed.id.sex,
    birthDate: dayDate(parsed.id.birthDate),
    countyCode: input.countyCode,
    townshipCode: input.townshipCode ?? null,
    villageName: input.villageName ?? null,
    isRegisteredPoor: input.isRegisteredPoor,
    hasPriorityFactors: input.priorityConsent && input.priorityFactors.length > 0,
    education: input.education ?? null,
    inputHash: inputFingerprint(input),
  };
}

function preferenceData(
  input: Pick<
    WorkerInput,
    | "destinationKinds"
    | "destinationRegionCodes"
    | "occupationCodes"
    | "minMonthlyWage"
    | "willingToTrain"
    | "trainingKinds"
    | "homeBasedOnly"
    | "availableFrom"
  >,
) {
  return {
    destinationKinds: [...input.destinationKinds],
    destinationRegionCodes: input.destinationRegionCodes,
    occupationCodes: input.occupationCodes,
    minMonthlyWage: input.minMonthlyWage ?? null,
    willingToTrain: input.willingToTrain,
    trainingKinds: input.willingToTrain ? [...input.trainingKinds] : [],
    homeBasedOnly: input.homeBasedOnly,
    availableFrom: input.availableFrom ? dayDate(input.availableFrom) : null,
  };
}

const skillRows = (skills: WorkerInput["skills"]) =>
  skills.map((s) => ({ occupationCode: s.occupationCode, level: s.level ?? null, certificateNumber: s.certificateNumber ?? null }));
const historyRows = (history: WorkerInput["history"]) =>
  history.map((h) => ({
    employerName: h.employerName,
    occupationCode: h.occupationCode ?? null,
    place: h.place ?? null,
    startDate: h.startDate ? dayDate(h.startDate) : null,
    endDate: h.endDate ? dayDate(h.endDate) : null,
  }));

/** The household: by 建档立卡 number when given; priority factors stored encrypted only with consent. */
/**
 * The household: by 建档立卡 number when given; priority factors stored encrypted only with consent.
 * Only staff entries (coordinator, import, API) may change an existing household, and only one in
 * the same county: a public form that types someone else's household number links to nothing and
 * changes nothing (it must not rewrite another family's poor flag or circumstances).
 */
async function householdFor(tx: Tx, input: WorkerInput, source: EntrySource): Promise<string | null> {
  const factors = input.priorityConsent && input.priorityFactors.length > 0 ? encryptPii(JSON.stringify([...input.priorityFactors].sort())) : null;
  if (!input.householdNumber && !factors) return null;
  const data = { isRegisteredPoor: input.isRegisteredPoor, countyCode: input.countyCode, priorityFactorsCipher: factors };
  if (input.householdNumber) {
    const existing = await tx.household.findUnique({ where: { householdNumber: input.householdNumber }, select: { id: true, countyCode: true } });
    if (!existing) return (await tx.household.create({ data: { householdNumber: input.householdNumber, ...data } })).id;
    if (existing.countyCode !== input.countyCode) return null;
    if (source !== "SELF") await tx.household.update({ where: { id: existing.id }, data });
    return existing.id;
  }
  return (await tx.household.create({ data })).id;
}

async function recordConsents(tx: Tx, workerId: string, input: WorkerInput, ctx: Context) {
  const recordedById = ctx.actor?.kind === "user" && ctx.source !== "SELF" ? ctx.actor.id : null;
  await tx.consent.create({
    data: {
      workerId,
      purpose: "REGISTRATION",
      textVersion: ctx.source === "IMPORT" ? `${CONSENT_VERSIONS.registration}+roster` : CONSENT_VERSIONS.registration,
      recordedById,
    },
  });
  if (input.priorityConsent && input.priorityFactors.length > 0) {
    await tx.consent.create({ data: { workerId, purpose: "PRIORITY_FACTORS", textVersion: CONSENT_VERSIONS.priorityFactors, recordedById } });
  }
}

/** Staff may only enter people registered in their own region. */
function outOfScope(ctx: Context, countyCode: string): boolean {
  return ctx.source !== "SELF" && ctx.actor !== null && !canReadRegion(ctx.actor, countyCode);
}

// ───────────── ID numbers held in another region ─────────────
// One person, one record: staff cannot enter someone whose record is held outside their region,
// and the refusal necessarily says the number exists. So the answer is the same whichever region
// holds it (no county, no name), each such answer is audited under the holding county (which sees
// who asked), and an actor gets only a few of them an hour: past that, the actor's worker writes
// are paused, so an ID list cannot be checked against the province's records.

const countyOutOfScope: RegisterResult = { ok: false, kind: "invalid", problems: [{ field: "countyCode", message: "reg.countyOutOfScope" }] };
const heldElsewhere: RegisterResult = { ok: false, kind: "invalid", problems: [{ field: "idNumber", message: "reg.idHeldElsewhere" }] };
const lookupsLimited: RegisterResult = { ok: false, kind: "invalid", problems: [{ field: "idNumber", message: "reg.idLookupsLimited" }] };

/** "Held elsewhere" answers per actor and hour; a county's real roster meets a handful of people who moved. */
export const ELSEWHERE_ANSWERS_PER_HOUR = 20;
const lg = globalThis as { __lbIdElsewhereLimiter?: RateLimiterAbstract };
const elsewhereLimiter = () =>
  (lg.__lbIdElsewhereLimiter ??= createRateLimiter("id_elsewhere", { points: ELSEWHERE_ANSWERS_PER_HOUR, durationSeconds: 3600, blockSeconds: 3600 }));
const actorKey = (p: Principal) => `${p.kind}:${p.id}`;

/** Seconds until a staff actor may enter people again after too many "held elsewhere" answers; null when free. */
export async function idLookupsPaused(actor: Principal | null, source: EntrySource): Promise<number | null> {
  if (!actor || source === "SELF") return null;
  const res = await elsewhereLimiter().get(actorKey(actor));
  return res && res.consumedPoints > ELSEWHERE_ANSWERS_PER_HOUR ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : null;
}

/** The answer for an ID number found in another region: counted, audited under its county, never saying which. */
async function answerHeldElsewhere(
  ctx: Context,
  existing: { id: string; countyCode: string },
  input: WorkerInput,
  db: Db,
  answer: RegisterResult = heldElsewhere,
): Promise<RegisterResult> {
  let limited = false;
  try {
    await elsewhereLimiter().consume(actorKey(ctx.actor!));
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    limited = true;
  }
  await audit(
    {
      actor: ctx.actor,
      action: "worker.id-lookup.elsewhere",
      entityType: "Worker",
      entityId: existing.id,
      regionCode: existing.countyCode,
      detail: { source: ctx.source, enteredCounty: input.countyCode, limited },
      ip: ctx.ip ?? null,
    },
    db,
  );
  return limited ? lookupsLimited : answer;
}

/**
 * Registers a new person. A second registration with the same ID number creates nothing and
 * answers `duplicate`, which the caller must word without revealing anything about the record.
 */
export async function registerWorker(input: WorkerInput, ctx: Context & { secret?: string }, db: Db = getDb()): Promise<RegisterResult> {
  if (outOfScope(ctx, input.countyCode)) return countyOutOfScope;
  if (await idLookupsPaused(ctx.actor, ctx.source)) return lookupsLimited;
  const problems = await checkReferences(input, db);
  if (problems.length) return { ok: false, kind: "invalid", problems };
  const passwordHash = ctx.secret ? await hashPassword(ctx.secret) : null;
  try {
    const workerId = await db.$transaction(async (tx) => {
      await refuseUnderPreviousKey(tx, input.idNumber);
      const householdId = await householdFor(tx, input, ctx.source);
      const worker = await tx.worker.create({
        data: {
          ...workerData(input),
          householdId,
          source: ctx.source,
          enteredById: ctx.actor?.kind === "user" && ctx.source !== "SELF" ? ctx.actor.id : null,
          skills: { create: skillRows(input.skills) },
          history: { create: historyRows(input.history) },
          preference: { create: preferenceData(input) },
        },
      });
      await recordConsents(tx, worker.id, input, ctx);
      if (passwordHash) {
        await tx.user.create({
          data: { username: `worker-${worker.id}`, displayName: input.fullName, passwordHash, workerId: worker.id, roles: { create: { role: "JOB_SEEKER" } } },
        });
      }
      await indexAndAudit(tx, worker, "worker.create", input, ctx);
      return worker.id;
    }, WRITE_TX);
    return { ok: true, workerId, outcome: "created" };
  } catch (error) {
    if (!isUniqueViolation(error) && !(error instanceof RegisteredUnderPreviousKey)) throw error;
    const duplicate: RegisterResult = { ok: false, kind: "duplicate" };
    const existing = ctx.source === "SELF" ? null : await existingByIdNumber(input.idNumber, db);
    // Staff are told "already registered" wherever the record is; one held elsewhere is counted and audited.
    return existing && outOfScope(ctx, existing.countyCode) ? answerHeldElsewhere(ctx, existing, input, db, duplicate) : duplicate;
  }
}

class RegisteredUnderPreviousKey extends Error {}

/**
 * The unique index on idNumberHash only sees hashes under the current HMAC key. While a key
 * rotation runs, a person whose row still holds the previous key's hash is found here and the
 * registration answers `duplicate` as the index would. (The rotation rewrites a row's hash in one
 * statement, so the row holds one of the two hashes at any moment: this check or the index sees it.)
 */
async function refuseUnderPreviousKey(tx: Tx, idNumber: string) {
  const parsed = parseResidentId(idNumber);
  const previous = parsed.ok ? blindIndexes("resident-id", parsed.id.value).slice(1) : [];
  if (previous.length && (await tx.worker.findFirst({ where: { idNumberHash: { in: previous } }, select: { id: true } })))
    throw new RegisteredUnderPreviousKey();
}

async function existingByIdNumber(idNumber: string, db: Db) {
  const parsed = parseResidentId(idNumber);
  return parsed.ok
    ? db.worker.findFirst({
        where: { idNumberHash: { in: blindIndexes("resident-id", parsed.id.value) } },
        select: { id: true, countyCode: true, inputHash: true, version: true },
      })
    : null;
}

/**
 * The roster import and API batch path: creates the person, or updates the existing record found
 * by ID number (never a second record). Re-applying the same input changes nothing.
 */
export async function upsertWorker(input: WorkerInput, ctx: Context, db: Db = getDb()): Promise<RegisterResult> {
  const parsed = parseResidentId(input.idNumber);
  if (!parsed.ok) return { ok: false, kind: "invalid", problems: [{ field: "idNumber", message: `reg.id_${parsed.problem}` }] };
  // The entered county is checked before the ID number is looked up, so a county not yours teaches nothing.
  if (outOfScope(ctx, input.countyCode)) return countyOutOfScope;
  if (await idLookupsPaused(ctx.actor, ctx.source)) return lookupsLimited;
  const existing = await existingByIdNumber(input.idNumber, db);
  if (!existing) {
    const created = await registerWorker(input, ctx, db);
    // Lost a race with another row or process creating the same person: update theirs instead.
    return created.ok || created.kind !== "duplicate" ? created : upsertWorker(input, ctx, db);
  }
  if (outOfScope(ctx, existing.countyCode)) return answerHeldElsewhere(ctx, existing, input, db);
  if (existing.inputHash === inputFingerprint(input)) return { ok: true, workerId: existing.id, outcome: "unchanged" };
  const problems = await checkReferences(input, db);
  if (problems.length) return { ok: false, kind: "invalid", problems };
  await db.$transaction(async (tx) => updateExisting(tx, existing.id, input, ctx, await householdFor(tx, input, ctx.source)));
  return { ok: true, workerId: existing.id, outcome: "updated" };
}

/** After a person's record is written: its search-index job (through the outbox) and the audit entry. */
async function indexAndAudit(tx: Tx, worker: { id: string; version: number }, action: string, input: WorkerInput, ctx: Context) {
  await writeOutbox(tx, { topic: "search-index", entityType: "worker", entityId: worker.id, entityVersion: worker.version });
  await audit(
    { actor: ctx.actor, action, entityType: "Worker", entityId: worker.id, regionCode: input.countyCode, detail: { source: ctx.source }, ip: ctx.ip },
    tx,
  );
}

/** Rewrites an existing person's record from a registration input (upsertWorker and upsertWorkers). */
async function updateExisting(tx: Tx, workerId: string, input: WorkerInput, ctx: Context, householdId: string | null) {
  const worker = await tx.worker.update({
    where: { id: workerId },
    data: {
      ...workerData(input),
      householdId,
      version: { increment: 1 },
      skills: { deleteMany: {}, create: skillRows(input.skills) },
      history: { deleteMany: {}, create: historyRows(input.history) },
      preference: { upsert: { create: preferenceData(input), update: preferenceData(input) } },
    },
  });
  if (
    input.priorityConsent &&
    input.priorityFactors.length > 0 &&
    !(await tx.consent.findFirst({ where: { workerId: worker.id, purpose: "PRIORITY_FACTORS", withdrawnAt: null } }))
  ) {
    await tx.consent.create({
      data: {
        workerId: worker.id,
        purpose: "PRIORITY_FACTORS",
        textVersion: CONSENT_VERSIONS.priorityFactors,
        recordedById: ctx.actor?.kind === "user" ? ctx.actor.id : null,
      },
    });
  }
  await indexAndAudit(tx, worker, "worker.update", input, ctx);
}

/**
 * upsertWorker for many inputs at once (the roster import: 100k rows must not take 100k
 * transactions). Same outcome per input as calling upsertWorker on each in order: scope, reference
 * and unchanged checks are the same; new people are written with one statement per table, people
 * who changed one by one, all in one transaction, each with its outbox row and audit entry. The
 * same ID number twice is applied in order (a second pass), as one-by-one calls would. If another
 * writer registers one of these people meanwhile, the batch falls back to upsertWorker per input.
 */
export async function upsertWorkers(inputs: WorkerInput[], ctx: Context, db: Db = getDb()): Promise<RegisterResult[]> {
  const results: RegisterResult[] = new Array(inputs.length);
  const hashes: string[] = new Array(inputs.length);
  const normalisedIds: string[] = new Array(inputs.length);
  const firsts: number[] = [];
  const repeats: number[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    const parsed = parseResidentId(input.idNumber);
    if (!parsed.ok) return void (results[i] = { ok: false, kind: "invalid", problems: [{ field: "idNumber", message: `reg.id_${parsed.problem}` }] });
    hashes[i] = blindIndex("resident-id", parsed.id.value);
    normalisedIds[i] = parsed.id.value;
    (seen.has(hashes[i]) ? repeats : firsts).push(i);
    seen.add(hashes[i]);
  });
  // As upsertWorker: the entered county first, then (unless the actor is paused) the ID numbers.
  const paused = await idLookupsPaused(ctx.actor, ctx.source);
  const lookups = firsts.filter((i) => {
    if (outOfScope(ctx, inputs[i].countyCode)) return void (results[i] = countyOutOfScope);
    if (paused) return void (results[i] = lookupsLimited);
    return true;
  });
  // During a key rotation a row may still hold the previous key's hash: look up both, file under the current one.
  const previousOf = new Map<string, string>();
  for (const i of lookups) for (const h of blindIndexes("resident-id", normalisedIds[i]).slice(1)) previousOf.set(h, hashes[i]);
  const found = await db.$queryRaw<{ id: string; countyCode: string; inputHash: string | null; idNumberHash: string }[]>`
    SELECT "id", "countyCode", "inputHash", "idNumberHash" FROM "Worker"
    WHERE "idNumberHash" = ANY(${[...lookups.map((i) => hashes[i]), ...previousOf.keys()]}::text[])`;
  const existing = new Map(found.map((w) => [previousOf.get(w.idNumberHash) ?? w.idNumberHash, w]));
  const toWrite: { i: number; workerId: string | null }[] = [];
  let pausedNow = false;
  for (const i of lookups) {
    const input = inputs[i];
    const found = existing.get(hashes[i]);
    // Once the limit is reached, every later row gets the same pause answer, found or not.
    if (pausedNow) results[i] = lookupsLimited;
    else if (found && outOfScope(ctx, found.countyCode)) pausedNow = (results[i] = await answerHeldElsewhere(ctx, found, input, db)) === lookupsLimited;
    else if (found && found.inputHash === inputFingerprint(input)) results[i] = { ok: true, workerId: found.id, outcome: "unchanged" };
    else toWrite.push({ i, workerId: found?.id ?? null });
  }
  const refs = await loadReferenceSets(
    toWrite.map(({ i }) => inputs[i]),
    db,
  );
  const valid = toWrite.filter(({ i }) => {
    const problems = referenceProblems(inputs[i], refs);
    if (problems.length) results[i] = { ok: false, kind: "invalid", problems };
    return problems.length === 0;
  });
  try {
    await db.$transaction(
      async (tx) => {
        const households = await householdsFor(
          tx,
          valid.map(({ i }) => inputs[i]),
          ctx.source,
        );
        const creates = valid.flatMap(({ i, workerId }, k) => (workerId ? [] : [{ i, id: randomUUID(), householdId: households[k] }]));
        await createMany(
          tx,
          creates.map((c) => ({ ...c, input: inputs[c.i] })),
          ctx,
        );
        for (const c of creates) results[c.i] = { ok: true, workerId: c.id, outcome: "created" };
        for (const [k, { i, workerId }] of valid.entries()) {
          if (!workerId) continue;
          await updateExisting(tx, workerId, inputs[i], ctx, households[k]);
          results[i] = { ok: true, workerId, outcome: "updated" };
        }
      },
      { maxWait: 15_000, timeout: 120_000 },
    ); // a batch of 1000 rows; wait for a pooled connection rather than fail
  } catch (error) {
    if (!isUniqueViolation(error) && !rawUniqueViolation(error)) throw error;
    for (const { i } of valid) results[i] = await upsertWorker(inputs[i], ctx, db);
  }
  if (repeats.length) {
    const again = await upsertWorkers(
      repeats.map((i) => inputs[i]),
      ctx,
      db,
    );
    repeats.forEach((i, k) => (results[i] = again[k]));
  }
  return results;
}

/** A unique violation in a raw statement: Prisma reports it as P2010 with the adapter's cause, not as P2002. */
function rawUniqueViolation(error: unknown): boolean {
  return (error as { meta?: { driverAdapterError?: { cause?: { kind?: string } } } })?.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

/** householdFor for many inputs: a household number's last input wins, as one-by-one upserts leave it. */
async function householdsFor(tx: Tx, inputs: WorkerInput[], source: EntrySource): Promise<(string | null)[]> {
  // Priority factors are rare and encrypted per household: keep the exact one-by-one path for them.
  if (inputs.some((input) => input.priorityConsent && input.priorityFactors.length > 0)) {
    const ids: (string | null)[] = [];
    for (const input of inputs) ids.push(await householdFor(tx, input, source));
    return ids;
  }
  const latest = new Map<string, { householdNumber: string; isRegisteredPoor: boolean; countyCode: string }>();
  for (const input of inputs)
    if (input.householdNumber)
      latest.set(input.householdNumber, { householdNumber: input.householdNumber, isRegisteredPoor: input.isRegisteredPoor, countyCode: input.countyCode });
  if (latest.size === 0) return inputs.map(() => null);
  const now = new Date();
  const rows = await insertJson(
    tx,
    "Household",
    { id: "text", householdNumber: "text", isRegisteredPoor: "boolean", countyCode: "text", updatedAt: "timestamp(3)" },
    [...latest.values()].map((h) => ({ id: randomUUID(), ...h, updatedAt: now })),
    `ON CONFLICT ("householdNumber") DO UPDATE SET "isRegisteredPoor" = EXCLUDED."isRegisteredPoor", "countyCode"
      = EXCLUDED."countyCode", "priorityFactorsCipher" = NULL, "updatedAt" = EXCLUDED."updatedAt" WHERE
      "Household"."countyCode" = EXCLUDED."countyCode" RETURNING "id", "householdNumber"`,
  );
  const ids = new Map(rows.map((h) => [h.householdNumber as string, h.id as string]));
  // A number already used by a household of another county is not linked (householdFor's rule).
  return inputs.map((input) => (input.householdNumber ? (ids.get(input.householdNumber) ?? null) : null));
}

/** registerWorker's writes (without an account) for many new people: one statement per table. */
async function createMany(tx: Tx, rows: { id: string; householdId: string | null; input: WorkerInput }[], ctx: Context) {
  if (rows.length === 0) return;
  const actorUserId = ctx.actor?.kind === "user" && ctx.source !== "SELF" ? ctx.actor.id : null;
  const now = new Date();
  const date = calendarDayOrNull;
  await insertJson(
    tx,
    "Worker",
    {
      id: "text",
      fullName: "text",
      idNumberCipher: "text",
      idNumberHash: "text",
      idNumberMasked: "text",
      phoneCipher: "text",
      phoneHash: "text",
      phoneMasked: "text",
      sex: '"Sex"',
      birthDate: "date",
      countyCode: "text",
      townshipCode: "text",
      villageName: "text",
      isRegisteredPoor: "boolean",
      hasPriorityFactors: "boolean",
      education: '"Education"',
      inputHash: "text",
      householdId: "text",
      source: '"EntrySource"',
      enteredById: "text",
      updatedAt: "timestamp(3)",
    },
    rows.map(({ id, householdId, input }) => {
      const data = workerData(input);
      return { id, ...data, birthDate: date(data.birthDate), householdId, source: ctx.source, enteredById: actorUserId, updatedAt: now };
    }),
  );
  await insertJson(
    tx,
    "WorkerSkill",
    { id: "text", workerId: "text", occupationCode: "text", level: "integer", certificateNumber: "text" },
    rows.flatMap(({ id, input }) => skillRows(input.skills).map((skill) => ({ id: randomUUID(), workerId: id, ...skill }))),
  );
  await insertJson(
    tx,
    "WorkHistory",
    { id: "text", workerId: "text", employerName: "text", occupationCode: "text", place: "text", startDate: "date", endDate: "date" },
    rows.flatMap(({ id, input }) =>
      historyRows(input.history).map((h) => ({ id: randomUUID(), workerId: id, ...h, startDate: date(h.startDate), endDate: date(h.endDate) })),
    ),
  );
  await insertJson(
    tx,
    "WorkerPreference",
    {
      workerId: "text",
      destinationKinds: '"TransferType"[]',
      destinationRegionCodes: "text[]",
      occupationCodes: "text[]",
      minMonthlyWage: "integer",
      willingToTrain: "boolean",
      trainingKinds: '"TrainingKind"[]',
      homeBasedOnly: "boolean",
      availableFrom: "date",
      updatedAt: "timestamp(3)",
    },
    rows.map(({ id, input }) => {
      const p = preferenceData(input);
      return { workerId: id, ...p, availableFrom: date(p.availableFrom), updatedAt: now };
    }),
  );
  const registration = ctx.source === "IMPORT" ? `${CONSENT_VERSIONS.registration}+roster` : CONSENT_VERSIONS.registration;
  await insertJson(
    tx,
    "Consent",
    { id: "text", workerId: "text", purpose: '"ConsentPurpose"', textVersion: "text", recordedById: "text" },
    rows.flatMap(({ id, input }) => [
      { id: randomUUID(), workerId: id, purpose: "REGISTRATION", textVersion: registration, recordedById: actorUserId },
      ...(input.priorityConsent && input.priorityFactors.length > 0
        ? [{ id: randomUUID(), workerId: id, purpose: "PRIORITY_FACTORS", textVersion: CONSENT_VERSIONS.priorityFactors, recordedById: actorUserId }]
        : []),
    ]),
  );
  // writeOutbox's rows (a new worker starts at version 1, the schema default) and audit()'s entries.
  await insertJson(
    tx,
    "Outbox",
    { topic: "text", entityType: "text", entityId: "text", entityVersion: "integer" },
    rows.map(({ id }) => ({ topic: "search-index", entityType: "worker", entityId: id, entityVersion: 1 })),
  );
  await insertJson(
    tx,
    "AuditLog",
    { actorUserId: "text", actorTokenId: "text", action: "text", entityType: "text", entityId: "text", regionCode: "text", detail: "jsonb", ip: "text" },
    rows.map(({ id, input }) => ({
      actorUserId: ctx.actor?.kind === "user" ? ctx.actor.id : null,
      actorTokenId: ctx.actor?.kind === "token" ? ctx.actor.id : null,
      action: "worker.create",
      entityType: "Worker",
      entityId: id,
      regionCode: input.countyCode,
      detail: { source: ctx.source },
      ip: ctx.ip ?? null,
    })),
  );
}

/** Self-service: a signed-in worker changes their own preferences and skills. */
export async function updateOwnPreferences(
  workerId: string,
  input: PreferencesInput,
  actor: Principal,
  db: Db = getDb(),
): Promise<{ ok: true } | { ok: false; problems: Problem[] }> {
  const worker = await db.worker.findUniqueOrThrow({ where: { id: workerId }, select: { countyCode: true } });
  const problems = await checkReferences(
    { countyCode: worker.countyCode, skills: input.skills, occupationCodes: input.occupationCodes, destinationRegionCodes: input.destinationRegionCodes },
    db,
  );
  if (problems.length) return { ok: false, problems };
  await db.$transaction(async (tx) => {
    const updated = await tx.worker.update({
      where: { id: workerId },
      data: {
        education: input.education ?? null,
        version: { increment: 1 },
        inputHash: null,
        skills: { deleteMany: {}, create: skillRows(input.skills) },
        preference: { upsert: { create: preferenceData(input), update: preferenceData(input) } },
      },
    });
    await writeOutbox(tx, { topic: "search-index", entityType: "worker", entityId: workerId, entityVersion: updated.version });
    await audit({ actor, action: "worker.preferences.update", entityType: "Worker", entityId: workerId, regionCode: worker.countyCode }, tx);
  });
  return { ok: true };
}
