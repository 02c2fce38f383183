// Database → search index. The database is the source of truth: a job names an entity, the
// indexer reloads it and writes the current state (or removes it when it is gone), so replays
// and out-of-order jobs converge. Issue 5 extends this with reindex/check commands.
import { createHash } from "node:crypto";
import { prefectureOf, provinceOf, regionPrefix } from "~/domain/regions";
import { getDb, type Db } from "./db.server";
import type { JobPayload } from "./queue.server";
import { getSearchIndex } from "./search.server";
import { INDEX_SCHEMAS, shadowIndexName, type BaseIndexName, type SearchDocument, type SearchIndex } from "./search/types";

const DAY = 86_400_000;
const epochDays = (d: Date | null | undefined) => (d ? Math.floor(d.getTime() / DAY) : null);

/** Loads documents for many ids at once (reindex pages, single-entity jobs alike). */
type Loader = {
  index: BaseIndexName;
  load: (db: Db, ids: string[]) => Promise<SearchDocument[]>;
  ids: (db: Db, after: string, take: number) => Promise<{ id: string; version: number }[]>;
};

const workerSelect = {
  id: true,
  fullName: true,
  countyCode: true,
  townshipCode: true,
  villageName: true,
  isRegisteredPoor: true,
  atRiskOfPoverty: true,
  status: true,
  createdAt: true,
  version: true,
  skills: { select: { level: true, occupation: { select: { code: true, nameZh: true, skills: { select: { nameZh: true } } } } } },
  preference: {
    select: { occupationCodes: true, minMonthlyWage: true, availableFrom: true, destinationRegionCodes: true, destinationKinds: true, willingToTrain: true },
  },
} as const;

async function workerDocuments(db: Db, ids: string[]): Promise<SearchDocument[]> {
  const rows = await db.worker.findMany({ where: { id: { in: ids } }, select: workerSelect });
  return rows.map((w) => {
    const occupationCodes = [...new Set([...w.skills.map((s) => s.occupation.code), ...(w.preference?.occupationCodes ?? [])])];
    return {
      id: w.id,
      name: w.fullName,
      occupationNames: w.skills.map((s) => s.occupation.nameZh),
      skillsText: w.skills.flatMap((s) => s.occupation.skills.map((k) => k.nameZh)).join(" "),
      villageName: w.villageName,
      provinceCode: provinceOf(w.countyCode),
      prefectureCode: prefectureOf(w.countyCode),
      countyCode: w.countyCode,
      townshipCode: w.townshipCode,
      occupationCodes,
      skillLevels: w.skills.filter((s) => s.level !== null).map((s) => `${s.occupation.code}:${s.level}`),
      isPoorHousehold: w.isRegisteredPoor,
      atRiskOfPoverty: w.atRiskOfPoverty,
      status: w.status,
      availableFrom: epochDays(w.preference?.availableFrom),
      minWage: w.preference?.minMonthlyWage ?? null,
      destinationRegionCodes: w.preference?.destinationRegionCodes ?? [],
      destinationKinds: w.preference?.destinationKinds ?? [],
      willingToTrain: w.preference?.willingToTrain ?? false,
      registeredAt: w.createdAt.getTime(),
      version: w.version,
    };
  });
}

/** What a posting's and an order's documents share: their text, and their place with its province and prefecture. */
const targetText = (t: { id: string; title: string; description: string; occupation: { nameZh: string } }) => ({
  id: t.id,
  title: t.title,
  occupationNames: [t.occupation.nameZh],
  description: t.description,
});
const targetPlace = (code: string) => ({ regionCode: code, provinceCode: provinceOf(code), prefectureCode: prefectureOf(code) });

async function postingDocuments(db: Db, ids: string[]): Promise<SearchDocument[]> {
  const rows = await db.jobPosting.findMany({
    where: { id: { in: ids } },
    include: { occupation: { select: { nameZh: true } }, employer: { select: { name: true } } },
  });
  return rows.map((p) => ({
    ...targetText(p),
    employerName: p.employer.name,
    occupationCode: p.occupationCode,
    employerId: p.employerId,
    ...targetPlace(p.workRegionCode),
    status: p.status,
    wageMin: p.wageMin,
    wageMax: p.wageMax,
    startDate: epochDays(p.startDate),
    publishedAt: p.publishedAt?.getTime() ?? null,
    version: p.version,
  }));
}

async function trainingOrderDocuments(db: Db, ids: string[]): Promise<SearchDocument[]> {
  const rows = await db.trainingOrder.findMany({
    where: { id: { in: ids } },
    include: { occupation: { select: { nameZh: true } }, provider: { select: { name: true } } },
  });
  return rows.map((o) => ({
    ...targetText(o),
    providerName: o.provider?.name ?? null,
    kind: o.kind,
    occupationCode: o.occupationCode,
    providerId: o.providerId,
    ...targetPlace(o.locationRegionCode),
    status: o.status,
    startDate: epochDays(o.scheduleStart),
    seats: o.classSize,
    createdAt: o.createdAt.getTime(),
    version: o.version,
  }));
}

const page = { orderBy: { id: "asc" }, select: { id: true, version: true } } as const;

/** Entity type → index, batch loader and an id/version pager (reindex, check). */
export const INDEXED: Record<"worker" | "posting" | "trainingOrder", Loader> = {
  worker: { index: "workers", load: workerDocuments, ids: (db, after, take) => db.worker.findMany({ where: { id: { gt: after } }, take, ...page }) },
  posting: { index: "postings", load: postingDocuments, ids: (db, after, take) => db.jobPosting.findMany({ where: { id: { gt: after } }, take, ...page }) },
  trainingOrder: {
    index: "trainingOrders",
    load: trainingOrderDocuments,
    ids: (db, after, take) => db.trainingOrder.findMany({ where: { id: { gt: after } }, take, ...page }),
  },
};
const loaders: Partial<Record<JobPayload<"search-index">["entityType"], Loader>> = INDEXED;

const ensured = new WeakMap<SearchIndex, Set<string>>();

export async function ensureIndexes(search: SearchIndex = getSearchIndex()): Promise<void> {
  const done = ensured.get(search) ?? new Set<string>();
  for (const name of Object.keys(INDEX_SCHEMAS) as BaseIndexName[]) {
    if (done.has(name)) continue;
    await search.ensureIndex(name, INDEX_SCHEMAS[name]);
    done.add(name);
  }
  ensured.set(search, done);
}

export async function indexEntity(ref: JobPayload<"search-index">, db: Db = getDb(), search: SearchIndex = getSearchIndex()) {
  const loader = loaders[ref.entityType];
  if (!loader) return { skipped: ref.entityType };
  await ensureIndexes(search);
  const [doc] = await loader.load(db, [ref.entityId]);
  if (doc) await search.upsert(loader.index, [doc]);
  else await search.remove(loader.index, [ref.entityId]);
  return { index: loader.index, removed: !doc };
}

/** Region filter for a coordinator's search: the field to filter on and its value. */
export function regionFilterFor(scopeCode: string): { field: "provinceCode" | "prefectureCode" | "countyCode"; value: string } {
  const prefix = regionPrefix(scopeCode);
  if (prefix.length === 2) return { field: "provinceCode", value: scopeCode };
  if (prefix.length === 4) return { field: "prefectureCode", value: scopeCode };
  return { field: "countyCode", value: scopeCode };
}

// ───────────── rebuild (shadow + swap) and consistency check ─────────────

const REINDEX_PAGE = 1000;
type EntityType = keyof typeof INDEXED;
export const INDEXED_TYPES = Object.keys(INDEXED) as EntityType[];

export type ReindexReport = { entityType: EntityType; index: BaseIndexName; documents: number; caughtUp: number; removedAfterSwap: number; ms: number };

/**
 * Rebuilds one index into its shadow and swaps it in, so searches never see a half-built index.
 * Changes committed while the shadow was being built went to the live index (which becomes the
 * shadow); they are replayed after the swap: entities updated since the start are reloaded, and
 * ids the database no longer has are removed.
 */
export async function reindexEntityType(entityType: EntityType, db: Db = getDb(), search: SearchIndex = getSearchIndex()): Promise<ReindexReport> {
  const started = Date.now();
  const startedAt = new Date(started - 1000); // clock skew between app and database
  const loader = INDEXED[entityType];
  const live = loader.index;
  const shadow = shadowIndexName(live);
  await ensureIndexes(search);
  await search.dropIndex(shadow);
  await search.ensureIndex(shadow, INDEX_SCHEMAS[live]);
  let documents = 0;
  for (let after = ""; ;) {
    const rows = await loader.ids(db, after, REINDEX_PAGE);
    if (rows.length === 0) break;
    const docs = await loader.load(
      db,
      rows.map((r) => r.id),
    );
    // Sent without waiting on each page (Meilisearch indexes them in the background); settled below.
    await search.upsert(shadow, docs, { defer: true });
    documents += docs.length;
    after = rows[rows.length - 1].id;
    if (rows.length < REINDEX_PAGE) break;
  }
  // Every page applied (a failed one fails the rebuild here, before anything is swapped in).
  await search.settle?.([shadow]);
  await search.swap(live, shadow);
  await search.dropIndex(shadow);
  // Catch up with writes that raced the rebuild.
  const changed = await changedSince(db, entityType, startedAt);
  for (let i = 0; i < changed.length; i += REINDEX_PAGE) {
    await search.upsert(live, await loader.load(db, changed.slice(i, i + REINDEX_PAGE)));
  }
  const inDb = await databaseVersions(db, entityType);
  const gone = (await search.allIds(live)).filter((id) => !inDb.has(id));
  if (gone.length > 0) await search.remove(live, gone);
  return { entityType, index: live, documents, caughtUp: changed.length, removedAfterSwap: gone.length, ms: Date.now() - started };
}

async function changedSince(db: Db, entityType: EntityType, since: Date): Promise<string[]> {
  const where = { updatedAt: { gte: since } };
  const select = { id: true } as const;
  const rows =
    entityType === "worker"
      ? await db.worker.findMany({ where, select })
      : entityType === "posting"
        ? await db.jobPosting.findMany({ where, select })
        : await db.trainingOrder.findMany({ where, select });
  return rows.map((r) => r.id);
}

async function databaseVersions(db: Db, entityType: EntityType): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let after = ""; ;) {
    const rows = await INDEXED[entityType].ids(db, after, 20_000);
    for (const r of rows) out.set(r.id, r.version);
    if (rows.length < 20_000) return out;
    after = rows[rows.length - 1].id;
  }
}

/** Order-independent checksum of id+version pairs (sha256 over the sorted "id:version" lines). */
export function versionChecksum(pairs: ReadonlyMap<string, number | null>): string {
  const h = createHash("sha256");
  for (const id of [...pairs.keys()].sort()) h.update(`${id}:${pairs.get(id) ?? "-"}\n`);
  return h.digest("hex").slice(0, 16);
}

export type CheckReport = {
  entityType: EntityType;
  index: BaseIndexName;
  database: { count: number; checksum: string };
  search: { count: number; checksum: string };
  /** In the database, not in the index. */
  missing: number;
  /** In the index, not in the database. */
  extra: number;
  /** In both, with another version in the index. */
  stale: number;
  samples: string[];
  drift: boolean;
};

/**
 * Compares one index with the database: counts, checksums over id+version, and what differs.
 * Read-only. It first waits until the index has no write pending on the search server; ids that
 * differ are then read again (after waiting once more, for writes that were in flight) and only
 * those that still differ are reported.
 */
export async function checkEntityType(entityType: EntityType, db: Db = getDb(), search: SearchIndex = getSearchIndex()): Promise<CheckReport> {
  await ensureIndexes(search);
  const index = INDEXED[entityType].index;
  await search.settle?.([index]);
  let [inDb, inIndex] = [await databaseVersions(db, entityType), await search.versions(index)];
  const differs = (id: string) => inDb.get(id) !== inIndex.get(id) || inDb.has(id) !== inIndex.has(id);
  const suspects = new Set([...inDb.keys(), ...inIndex.keys()].filter(differs));
  if (suspects.size > 0) {
    await search.settle?.([index]);
    [inDb, inIndex] = [await databaseVersions(db, entityType), await search.versions(index)];
    // Reported: what differed in both readings. What differs only in the second may be in flight.
    for (const id of suspects) if (!differs(id)) suspects.delete(id);
  }
  let missing = 0;
  let extra = 0;
  let stale = 0;
  const samples: string[] = [];
  const sample = (line: string) => {
    if (samples.length < 10) samples.push(line);
  };
  for (const id of [...suspects].sort()) {
    const version = inDb.get(id);
    if (!inDb.has(id)) {
      extra++;
      sample(`extra ${id}`);
    } else if (!inIndex.has(id)) {
      missing++;
      sample(`missing ${id}`);
    } else {
      stale++;
      sample(`stale ${id} (index v${inIndex.get(id) ?? "?"}, database v${version})`);
    }
  }
  const database = { count: inDb.size, checksum: versionChecksum(inDb) };
  const indexed = { count: inIndex.size, checksum: versionChecksum(inIndex) };
  return { entityType, index, database, search: indexed, missing, extra, stale, samples, drift: missing + extra + stale > 0 };
}

/** Maintenance: the embedded engine keeps tombstones so other processes learn of deletions; old ones go. */
export const TOMBSTONE_MAX_AGE_MS = 24 * 3600_000;
