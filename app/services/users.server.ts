// Creating and listing accounts (admin pages and the user:create command share this).
import type { Principal } from "~/domain/access";
import { NewUserSchema, type NewUser } from "~/schemas/users";
import { audit } from "./audit.server";
import { hashPassword } from "./auth.server";
import { getDb, isUniqueViolation, type Db } from "./db.server";

export { NewUserSchema };

/** Set by the demo seed; the sign-in page mentions the demo accounts only when it is there. */
export const DEMO_SEEDED_SETTING = "demo.seeded";
export async function demoAccountsSeeded(db: Db = getDb()): Promise<boolean> {
  return (await db.setting.findUnique({ where: { key: DEMO_SEEDED_SETTING }, select: { key: true } })) !== null;
}

export type CreateUserResult = { ok: true; userId: string } | { ok: false; field: keyof NewUser; message: string };

export async function createUser(input: NewUser, actor: Principal | null, db: Db = getDb()): Promise<CreateUserResult> {
  if (input.regionCode && !(await db.region.findUnique({ where: { code: input.regionCode } }))) {
    return { ok: false, field: "regionCode", message: "admin.unknownRegion" };
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          employerId: input.employerId ?? null,
          providerId: input.providerId ?? null,
          roles: { create: { role: input.role, regionCode: input.regionCode ?? null } },
        },
      });
      await audit(
        {
          actor,
          action: "user.create",
          entityType: "User",
          entityId: created.id,
          regionCode: input.regionCode,
          detail: { role: input.role, username: input.username },
        },
        tx,
      );
      return created;
    });
    return { ok: true, userId: user.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: "username", message: "admin.usernameTaken" };
    throw error;
  }
}

export async function listUsers(db: Db = getDb()) {
  return db.user.findMany({
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      username: true,
      displayName: true,
      isActive: true,
      lastSignInAt: true,
      roles: { select: { role: true, regionCode: true, region: { select: { name: true } } } },
    },
  });
}

export async function adminCounts(db: Db = getDb()) {
  const [regions, occupations, workers, employers, users] = await Promise.all([
    db.region.count(),
    db.occupation.count(),
    db.worker.count(),
    db.employer.count(),
    db.user.count(),
  ]);
  return { regions, occupations, workers, employers, users };
}
