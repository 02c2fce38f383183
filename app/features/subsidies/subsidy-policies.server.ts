// Subsidy policies as data: administrators add versions (never edit a row in place, so every claim
// keeps pointing at the terms it was computed with) and set budgets per county and year. Audited.
import type { Principal } from "~/domain/access";
import { calendarDayOrNull, dayDate } from "~/platform/china-time";
import { isAdmin } from "~/domain/access";
import type { Prisma } from "~/generated/prisma/client";
import type { BudgetInput, PolicyInput } from "./schema";
import { audit } from "~/services/audit.server";
import { getDb, type Db } from "~/services/db.server";
import { invalid, refused, type Outcome } from "~/platform/outcome";

type Policy = Prisma.SubsidyPolicyGetPayload<object>;
const view = (p: Policy) => ({ ...p, validFrom: calendarDayOrNull(p.validFrom)!, validTo: calendarDayOrNull(p.validTo), createdAt: p.createdAt.toISOString() });
export type PolicyView = ReturnType<typeof view>;

/** Every policy code with its newest version first and its history (older versions) after. */
export async function listPolicies(db: Db = getDb()) {
  const rows = await db.subsidyPolicy.findMany({ orderBy: [{ kind: "asc" }, { code: "asc" }, { version: "desc" }] });
  const byCode = new Map<string, PolicyView[]>();
  for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), view(r)]);
  return [...byCode.values()].map(([current, ...history]) => ({ current, history }));
}

export async function policyHistory(code: string, db: Db = getDb()) {
  if (!/^[a-z0-9][a-z0-9-]{1,60}$/.test(code)) return null;
  const rows = await db.subsidyPolicy.findMany({ where: { code }, orderBy: { version: "desc" } });
  if (rows.length === 0) return null;
  const names = new Map(
    (
      await db.user.findMany({ where: { id: { in: rows.map((r) => r.createdById).filter((x): x is string => !!x) } }, select: { id: true, displayName: true } })
    ).map((u) => [u.id, u.displayName]),
  );
  const budgets = await db.subsidyBudget.findMany({ where: { policyCode: code }, orderBy: [{ year: "desc" }, { countyCode: "asc" }] });
  return { versions: rows.map((r) => ({ ...view(r), createdBy: r.createdById ? (names.get(r.createdById) ?? null) : null })), budgets };
}

/**
 * Adds a version: a new code starts at 1; an existing code gets the next version, and its kind
 * cannot change (claims of the code would change meaning). Admins only.
 */
export async function savePolicyVersion(
  p: Principal,
  input: PolicyInput,
  ctx: { ip: string | null },
  db: Db = getDb(),
): Promise<Outcome<{ policyId: string; version: number }>> {
  if (!isAdmin(p)) return refused("subsidy.refusal.adminOnly");
  if (input.occupationCode && !(await db.occupation.findUnique({ where: { code: input.occupationCode }, select: { code: true } })))
    return invalid("occupationCode", "subsidy.invalidChoice");
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`subsidy-policy:${input.code}`}))`;
    const last = await tx.subsidyPolicy.findFirst({ where: { code: input.code }, orderBy: { version: "desc" } });
    if (last && last.kind !== input.kind) return invalid("kind", "subsidy.kindFixed");
    // The form's fields are the version's terms, column for column (the schema passes no other key);
    // a blank optional term stays null, and the days become dates.
    const data = {
      ...input,
      version: (last?.version ?? 0) + 1,
      validFrom: dayDate(input.validFrom),
      validTo: input.validTo ? dayDate(input.validTo) : null,
      createdById: p.kind === "user" ? p.id : null,
    };
    const row = await tx.subsidyPolicy.create({ data });
    await audit(
      {
        actor: p,
        action: last ? "subsidyPolicy.version" : "subsidyPolicy.create",
        entityType: "SubsidyPolicy",
        entityId: row.id,
        detail: {
          code: row.code,
          version: row.version,
          before: last
            ? {
                amount: last.amount,
                certificateLevel: last.certificateLevel,
                validFrom: calendarDayOrNull(last.validFrom),
                validTo: calendarDayOrNull(last.validTo),
                legalSource: last.legalSource,
              }
            : null,
          after: {
            amount: row.amount,
            certificateLevel: row.certificateLevel,
            validFrom: input.validFrom,
            validTo: input.validTo ?? null,
            legalSource: row.legalSource,
          },
        },
        ip: ctx.ip,
      },
      tx,
    );
    return { ok: true as const, policyId: row.id, version: row.version };
  });
}

/** Budget of a policy code for a county and year (admins). The previous amount goes to the audit row. */
export async function setBudget(p: Principal, input: BudgetInput, ctx: { ip: string | null }, db: Db = getDb()): Promise<Outcome> {
  if (!isAdmin(p)) return refused("subsidy.refusal.adminOnly");
  const [policy, county] = await Promise.all([
    db.subsidyPolicy.findFirst({ where: { code: input.policyCode }, select: { id: true } }),
    db.region.findUnique({ where: { code: input.countyCode }, select: { level: true } }),
  ]);
  if (!policy) return invalid("policyCode", "subsidy.invalidChoice");
  if (county?.level !== "COUNTY") return invalid("countyCode", "subsidy.invalidChoice");
  await db.$transaction(async (tx) => {
    const before = await tx.subsidyBudget.findUnique({
      where: { policyCode_countyCode_year: { policyCode: input.policyCode, countyCode: input.countyCode, year: input.year } },
    });
    const key = { policyCode: input.policyCode, countyCode: input.countyCode, year: input.year };
    await tx.subsidyBudget.upsert({
      where: { policyCode_countyCode_year: key },
      create: { ...key, amount: input.amount, updatedById: p.kind === "user" ? p.id : null },
      update: { amount: input.amount, updatedById: p.kind === "user" ? p.id : null },
    });
    await audit(
      {
        actor: p,
        action: "subsidyBudget.set",
        entityType: "SubsidyBudget",
        entityId: `${input.policyCode}/${input.countyCode}/${input.year}`,
        regionCode: input.countyCode,
        detail: { before: before?.amount ?? null, after: input.amount },
        ip: ctx.ip,
      },
      tx,
    );
  });
  return { ok: true };
}
