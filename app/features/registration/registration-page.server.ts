// What the two registration pages (the public /register and the coordinator's
// /coordinator/workers/new) need around the registration service: the rows the form posts,
// the per-address limit on the public form, the reference lists the form offers, and the reply
// that re-renders the form with everything typed.
import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { OccupationGroup, RegionGroup, RegionOption, RegistrationOptions } from "~/domain/options";
import { HEBEI, regionPrefix } from "~/domain/regions";
import { registrationReplyOf, type RegistrationReply } from "~/platform/reply";
import { HistorySchema, SkillSchema } from "./schema";
import type { FormRows } from "~/platform/form-post.server";
import { createRateLimiter, createSessionCookie } from "~/services/auth.server";
import { getDb, type Db } from "~/services/db.server";

/** The row fields of a job seeker's form (registration, preferences): up to the schema's five skill and history rows. */
export const WORKER_FORM_ROWS: FormRows = {
  skills: { fields: Object.keys(SkillSchema.shape), max: 5 },
  history: { fields: Object.keys(HistorySchema.shape), max: 5 },
};

// ───────────── per-address limit on the public form ─────────────

/** Generous for a family registering several people on one phone, tight for a script. */
export const REGISTRATION_LIMIT = { points: 20, durationSeconds: 10 * 60 };
const g = globalThis as { __lbRegistrationLimiter?: RateLimiterAbstract };

/** Counts one submission from `ip`; answers the seconds to wait when over the limit, else null. */
export async function registrationRateLimited(ip: string): Promise<number | null> {
  g.__lbRegistrationLimiter ??= createRateLimiter("register_ip", REGISTRATION_LIMIT);
  try {
    await g.__lbRegistrationLimiter.consume(ip);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}

// ───────────── what the form offers ─────────────

export type { OccupationGroup, RegionGroup, RegionOption, RegistrationOptions };

/** Categories in the order a job seeker looks for them (the common labour-export trades first). */
const CATEGORY_ORDER = [
  "domestic",
  "care",
  "cleaning",
  "catering",
  "hospitality",
  "security",
  "property",
  "construction",
  "decoration",
  "electrical",
  "manufacturing",
  "textile",
  "logistics",
  "transport",
  "auto",
  "ecommerce",
  "retail",
  "beauty",
  "food",
  "agriculture",
];
const regionSelect = { code: true, name: true, nameEn: true, parentCode: true } as const;

/** Counties grouped under their parents, e.g. Hebei's counties by prefecture. */
async function groupedCounties(where: NonNullable<Parameters<Db["region"]["findMany"]>[0]>["where"], db: Db): Promise<RegionGroup[]> {
  const counties = await db.region.findMany({ where: { level: "COUNTY", ...where }, select: regionSelect, orderBy: { code: "asc" } });
  const parents = await db.region.findMany({
    where: { code: { in: [...new Set(counties.map((c) => c.parentCode ?? ""))] } },
    select: regionSelect,
    orderBy: { code: "asc" },
  });
  return parents.map((p) => ({
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    children: counties.filter((c) => c.parentCode === p.code).map(({ code, name, nameEn }) => ({ code, name, nameEn })),
  }));
}

/**
 * The lists the form offers: household counties (all of Hebei, or a coordinator's `scope`),
 * Beijing and Tianjin districts as destinations, and the occupation taxonomy by category.
 */
export async function registrationOptions(scope: string[] | null, db: Db = getDb()): Promise<RegistrationOptions> {
  const [counties, destinations, occupations] = await Promise.all([
    groupedCounties({ OR: (scope ?? [HEBEI]).map((code) => ({ code: { startsWith: regionPrefix(code) } })) }, db),
    // Beijing's and Tianjin's districts sit under a "市辖区" placeholder: group them by the city.
    db.region.findMany({
      where: { level: { in: ["PROVINCE", "COUNTY"] }, OR: [{ code: { startsWith: "11" } }, { code: { startsWith: "12" } }] },
      select: regionSelect,
      orderBy: { code: "asc" },
    }),
    db.occupation.findMany({ select: { code: true, nameZh: true, nameEn: true, category: true }, orderBy: { code: "asc" } }),
  ]);
  const rank = (category: string) => (CATEGORY_ORDER.includes(category) ? CATEGORY_ORDER.indexOf(category) : CATEGORY_ORDER.length);
  const categories = [...new Set(occupations.map((o) => o.category))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return {
    counties,
    destinations: destinations
      .filter((r) => r.parentCode === null)
      .map((city) => ({
        code: city.code,
        name: city.name,
        nameEn: city.nameEn,
        children: destinations
          .filter((d) => d.parentCode !== null && d.code.startsWith(city.code.slice(0, 2)))
          .map(({ code, name, nameEn }) => ({ code, name, nameEn })),
      })),
    occupations: categories.map((category) => ({
      category,
      occupations: occupations.filter((o) => o.category === category).map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })),
    })),
  };
}

/** The townships of one county (the cascade's second level); nothing for anything else. */
export async function townshipsOf(countyCode: unknown, db: Db = getDb()): Promise<RegionOption[]> {
  if (typeof countyCode !== "string" || !/^\d{6}$/.test(countyCode)) return [];
  return db.region.findMany({
    where: { parentCode: countyCode, level: "TOWNSHIP" },
    select: { code: true, name: true, nameEn: true },
    orderBy: { code: "asc" },
  });
}

// ───────────── answering ─────────────

/** Re-renders the form with what was typed (never the secrets), its problems, and the county's townships. */
export async function registrationReply(
  submission: Submission<unknown, string[], unknown>,
  status: number,
  extra: Parameters<typeof registrationReplyOf>[2] = {},
): Promise<ReturnType<typeof data<RegistrationReply>>> {
  const list = await townshipsOf((submission.payload as Record<string, unknown>).countyCode);
  return data(
    registrationReplyOf(submission, () => list, extra),
    { status },
  );
}

/** Signs a person in right after they registered themselves (registerWorker made their account). */
export async function sessionForNewWorker(workerId: string, db: Db = getDb()): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { workerId }, select: { id: true } });
  return createSessionCookie(user.id, db);
}
