// Completion rates, live from the enrollments (no stored aggregate to go stale): per class,
// training order, provider, occupation and county, within what the principal may read.
// Rate = completed / (completed + failed + dropped) — dropouts count (app/domain/training-class.ts);
// people still seated in a running class and the waiting list are shown but not counted.
import type { Principal } from "~/domain/access";
import { hasRole, isAdmin } from "~/domain/access";
import { regionPrefix } from "~/domain/regions";
import { completionRate, RATE_DIMENSIONS, type RateDimension, type RateRow } from "~/domain/training-class";
import { Prisma } from "~/generated/prisma/client";
import { getDb, type Db } from "~/services/db.server";

export { RATE_DIMENSIONS, type RateDimension };

const KEY: Record<RateDimension, Prisma.Sql> = {
  class: Prisma.sql`c."id"`,
  order: Prisma.sql`c."trainingOrderId"`,
  provider: Prisma.sql`c."providerId"`,
  occupation: Prisma.sql`c."occupationCode"`,
  county: Prisma.sql`c."regionCode"`,
};

/** The same scope as classScopeWhere, in SQL: coordinators by county prefix, provider staff their provider. */
function scopeSql(p: Principal): Prisma.Sql {
  if (isAdmin(p)) return Prisma.sql`TRUE`;
  const parts = p.grants
    .filter((g) => g.role === "COORDINATOR" && g.regionCode)
    .map((g) => Prisma.sql`c."regionCode" LIKE ${`${regionPrefix(g.regionCode!)}%`}`);
  if (hasRole(p, "PROVIDER_STAFF") && p.providerId) parts.push(Prisma.sql`c."providerId" = ${p.providerId}`);
  return parts.length ? Prisma.sql`(${Prisma.join(parts, " OR ")})` : Prisma.sql`FALSE`;
}

type Row = { key: string | null; completed: bigint; failed: bigint; dropped: bigint; enrolled: bigint; waitlisted: bigint; classes: bigint };
export type { RateRow };

/** One row per value of the dimension (orders: classes without one are grouped as the county's own plan, key null). */
export async function completionRates(
  p: Principal,
  by: RateDimension,
  filter: { classId?: string; trainingOrderId?: string } = {},
  db: Db = getDb(),
): Promise<RateRow[]> {
  const where = [scopeSql(p)];
  if (filter.classId) where.push(Prisma.sql`c."id" = ${filter.classId}`);
  if (filter.trainingOrderId) where.push(Prisma.sql`c."trainingOrderId" = ${filter.trainingOrderId}`);
  const rows = await db.$queryRaw<Row[]>`
    SELECT ${KEY[by]} AS key,
           count(*) FILTER (WHERE e."status" = 'COMPLETED') AS completed,
           count(*) FILTER (WHERE e."status" = 'FAILED') AS failed,
           count(*) FILTER (WHERE e."status" = 'DROPPED') AS dropped,
           count(*) FILTER (WHERE e."status" = 'ENROLLED') AS enrolled,
           count(*) FILTER (WHERE e."status" = 'WAITLISTED') AS waitlisted,
           count(DISTINCT c."id") AS classes
    FROM "TrainingClass" c JOIN "Enrollment" e ON e."classId" = c."id"
    WHERE ${Prisma.join(where, " AND ")} AND c."status" <> 'CANCELLED'
    GROUP BY 1`;
  const labels = await labelsFor(
    by,
    rows.map((r) => r.key).filter((k): k is string => k !== null),
    db,
  );
  return rows
    .map((r) => {
      const counts = {
        completed: Number(r.completed),
        failed: Number(r.failed),
        dropped: Number(r.dropped),
        enrolled: Number(r.enrolled),
        waitlisted: Number(r.waitlisted),
      };
      const label = r.key === null ? null : labels.get(r.key);
      return { key: r.key, label: label?.zh ?? "", labelEn: label?.en ?? "", ...counts, classes: Number(r.classes), rate: completionRate(counts) };
    })
    .sort((a, b) => b.completed + b.failed + b.dropped - (a.completed + a.failed + a.dropped) || (a.key ?? "").localeCompare(b.key ?? ""));
}

async function labelsFor(by: RateDimension, keys: string[], db: Db): Promise<Map<string, { zh: string; en: string }>> {
  if (keys.length === 0) return new Map();
  switch (by) {
    case "class":
      return new Map(
        (await db.trainingClass.findMany({ where: { id: { in: keys } }, select: { id: true, name: true, provider: { select: { name: true } } } })).map((c) => [
          c.id,
          { zh: `${c.name} · ${c.provider.name}`, en: `${c.name} · ${c.provider.name}` },
        ]),
      );
    case "order":
      return new Map(
        (await db.trainingOrder.findMany({ where: { id: { in: keys } }, select: { id: true, title: true, employer: { select: { name: true } } } })).map((o) => [
          o.id,
          { zh: `${o.title} · ${o.employer.name}`, en: `${o.title} · ${o.employer.name}` },
        ]),
      );
    case "provider":
      return new Map(
        (await db.trainingProvider.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } })).map((x) => [x.id, { zh: x.name, en: x.name }]),
      );
    case "occupation":
      return new Map(
        (await db.occupation.findMany({ where: { code: { in: keys } }, select: { code: true, nameZh: true, nameEn: true } })).map((o) => [
          o.code,
          { zh: o.nameZh, en: o.nameEn },
        ]),
      );
    case "county":
      return new Map(
        (await db.region.findMany({ where: { code: { in: keys } }, select: { code: true, name: true, nameEn: true } })).map((r) => [
          r.code,
          { zh: r.name, en: r.nameEn ?? r.name },
        ]),
      );
  }
}
