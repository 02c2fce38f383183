// Database → search index. The database is the source of truth: a job names an entity, the
// indexer reloads it and writes the current state (or removes it when it is gone), so replays
// and out-of-order jobs converge. Issue 5 extends this with reindex/check commands.
import { regionPrefix } from "~/domain/regions";
import { getDb, type Db } from "./db.server";
import type { JobPayload } from "./queue.server";
import { getSearchIndex } from "./search.server";
import { INDEX_SCHEMAS, type BaseIndexName, type SearchDocument, type SearchIndex } from "./search/types";

const DAY = 86_400_000;
const epochDays = (d: Date | null | undefined) => (d ? Math.floor(d.getTime() / DAY) : null);

async function workerDocument(db: Db, id: string): Promise<SearchDocument | null> {
  const w = await db.worker.findUnique({
    where: { id },
    select: {
      id: true, fullName: true, countyCode: true, townshipCode: true, isRegisteredPoor: true, status: true, createdAt: true,
      skills: { select: { level: true, occupation: { select: { code: true, nameZh: true, nameEn: true, skills: { select: { nameZh: true } } } } } },
      preference: { select: { occupationCodes: true, minMonthlyWage: true, availableFrom: true } },
    },
  });
  if (!w) return null;
  const occupationCodes = [...new Set([...w.skills.map((s) => s.occupation.code), ...(w.preference?.occupationCodes ?? [])])];
  return {
    id: w.id,
    name: w.fullName,
    occupationNames: w.skills.map((s) => s.occupation.nameZh),
    skillsText: w.skills.flatMap((s) => s.occupation.skills.map((k) => k.nameZh)).join(" "),
    villageName: null,
    provinceCode: `${w.countyCode.slice(0, 2)}0000`,
    prefectureCode: `${w.countyCode.slice(0, 4)}00`,
    countyCode: w.countyCode,
    townshipCode: w.townshipCode,
    occupationCodes,
    skillLevels: w.skills.filter((s) => s.level !== null).map((s) => `${s.occupation.code}:${s.level}`),
    isPoorHousehold: w.isRegisteredPoor,
    status: w.status,
    availableFrom: epochDays(w.preference?.availableFrom),
    minWage: w.preference?.minMonthlyWage ?? null,
    registeredAt: w.createdAt.getTime(),
  };
}

async function postingDocument(db: Db, id: string): Promise<SearchDocument | null> {
  const p = await db.jobPosting.findUnique({ where: { id }, include: { occupation: true, employer: { select: { name: true } } } });
  if (!p) return null;
  return {
    id: p.id, title: p.title, occupationNames: [p.occupation.nameZh], description: p.description, employerName: p.employer.name,
    occupationCode: p.occupationCode, employerId: p.employerId, regionCode: p.workRegionCode, status: p.status,
    wageMin: p.wageMin, wageMax: p.wageMax, startDate: epochDays(p.startDate), publishedAt: p.publishedAt?.getTime() ?? null,
  };
}

async function trainingOrderDocument(db: Db, id: string): Promise<SearchDocument | null> {
  const o = await db.trainingOrder.findUnique({ where: { id }, include: { occupation: true, provider: { select: { name: true } } } });
  if (!o) return null;
  return {
    id: o.id, title: o.title, occupationNames: [o.occupation.nameZh], description: o.description, providerName: o.provider?.name ?? null,
    kind: o.kind, occupationCode: o.occupationCode, providerId: o.providerId, regionCode: o.locationRegionCode, status: o.status,
    startDate: epochDays(o.scheduleStart), seats: o.classSize, createdAt: o.createdAt.getTime(),
  };
}

const loaders: Partial<Record<JobPayload<"search-index">["entityType"], { index: BaseIndexName; load: (db: Db, id: string) => Promise<SearchDocument | null> }>> = {
  worker: { index: "workers", load: workerDocument },
  posting: { index: "postings", load: postingDocument },
  trainingOrder: { index: "trainingOrders", load: trainingOrderDocument },
};

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
  const doc = await loader.load(db, ref.entityId);
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
