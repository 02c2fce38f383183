// Bearer tokens for /api/v1. The secret is shown once; only its SHA-256 is stored (a token is
// long and random, so a slow hash buys nothing). Tokens are scoped like users: role + region.
import { createHash, randomBytes } from "node:crypto";
import type { Principal, Role } from "~/domain/access";
import { getDb, type Db } from "./db.server";

export type NewApiToken = { name: string; role: Role; regionCode?: string | null; employerId?: string | null; userId?: string | null; createdById?: string | null; expiresAt?: Date | null };

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export async function createApiToken(input: NewApiToken, db: Db = getDb()): Promise<{ id: string; token: string }> {
  if (input.role === "COORDINATOR" && !input.regionCode) throw new Error("a coordinator token needs a region");
  if (input.regionCode) {
    const region = await db.region.findUnique({ where: { code: input.regionCode } });
    if (!region) throw new Error(`unknown region ${input.regionCode}`);
  }
  const prefix = randomBytes(4).toString("hex");
  const token = `lb_${prefix}_${randomBytes(24).toString("base64url")}`;
  const row = await db.apiToken.create({
    data: {
      name: input.name,
      tokenHash: sha256(token),
      prefix,
      role: input.role,
      regionCode: input.regionCode ?? null,
      employerId: input.employerId ?? null,
      userId: input.userId ?? null,
      createdById: input.createdById ?? null,
      expiresAt: input.expiresAt ?? null,
    },
  });
  return { id: row.id, token };
}

export async function principalFromBearer(request: Request, db: Db = getDb()): Promise<Principal | null> {
  const header = request.headers.get("Authorization");
  const match = header?.match(/^Bearer\s+(lb_[0-9a-f]{8}_[A-Za-z0-9_-]+)$/);
  if (!match) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: sha256(match[1]) } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt < new Date())) return null;
  // Recording every use would turn reads into writes; once a minute is enough to see activity.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  const employer = row.employerId ? await db.employer.findUnique({ where: { id: row.employerId }, select: { status: true } }) : null;
  return { kind: "token", id: row.id, grants: [{ role: row.role as Role, regionCode: row.regionCode }], employerId: row.employerId, employerSuspended: employer?.status === "SUSPENDED" };
}

export async function revokeApiToken(id: string, db: Db = getDb()): Promise<void> {
  await db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
}
