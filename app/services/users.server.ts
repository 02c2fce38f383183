// Creating and listing accounts (admin pages and the user:create command share this).
import { z } from "zod";
import { ROLES, type Principal } from "~/domain/access";
import { audit } from "./audit.server";
import { hashPassword } from "./auth.server";
import { getDb, isUniqueViolation, type Db } from "./db.server";

/** One schema for the admin form, the API and the CLI; messages are i18n keys. */
export const NewUserSchema = z
  .object({
    username: z.string({ error: "common.required" }).trim().toLowerCase().regex(/^[a-z0-9._-]{3,40}$/, "admin.usernameFormat"),
    displayName: z.string({ error: "common.required" }).trim().min(1, "common.required").max(60),
    password: z.string({ error: "common.required" }).min(10, "admin.passwordTooShort").max(200),
    role: z.enum(ROLES),
    regionCode: z.string().trim().regex(/^\d{6}$/, "admin.unknownRegion").optional(),
    employerId: z.string().uuid().optional(),
    providerId: z.string().uuid().optional(),
  })
  .refine((v) => !(v.role === "COORDINATOR" || v.role === "PROVIDER_STAFF") || v.regionCode, { path: ["regionCode"], message: "admin.regionRequired" });

export type NewUser = z.infer<typeof NewUserSchema>;

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
      await audit({ actor, action: "user.create", entityType: "User", entityId: created.id, regionCode: input.regionCode, detail: { role: input.role, username: input.username } }, tx);
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
    select: { id: true, username: true, displayName: true, isActive: true, lastSignInAt: true, roles: { select: { role: true, regionCode: true, region: { select: { name: true } } } } },
  });
}

export async function adminCounts(db: Db = getDb()) {
  const [regions, occupations, workers, employers, users] = await Promise.all([
    db.region.count(), db.occupation.count(), db.worker.count(), db.employer.count(), db.user.count(),
  ]);
  return { regions, occupations, workers, employers, users };
}
