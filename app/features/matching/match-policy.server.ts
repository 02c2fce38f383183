// The matching policy an administrator edits (/admin/matching): stored in Setting
// "matching.policy", validated by the domain's matchPolicySchema, every change audited with the
// values before and after. Matching reads it through loadMatchPolicy (matching.server.ts).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Principal } from "~/domain/access";
import { DEFAULT_MATCH_POLICY, matchPolicySchema, type MatchPolicy } from "~/domain/matching";
import type { Prisma } from "~/generated/prisma/client";
import { audit } from "~/services/audit.server";
import { getDb, WRITE_TX, type Db } from "~/services/db.server";
import { loadMatchPolicy, POLICY_SETTING_KEY } from "./matching.server";
import { enqueue } from "~/services/queue.server";

/** One editable number of the policy: its dotted path (the form field's name) and its bounds. */
export type PolicyField = { path: string; min: number | null; max: number | null; integer: boolean };

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; minimum?: number; maximum?: number };

/** The policy's numbers read from the schema itself, so the form follows the schema when a weight is added. */
export function policyFields(): PolicyField[] {
  const root = z.toJSONSchema(matchPolicySchema, { io: "input" }) as JsonSchema;
  const walk = (node: JsonSchema, prefix: string): PolicyField[] =>
    Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      if (child.type === "object") return walk(child, path);
      return [{ path, min: child.minimum ?? null, max: child.maximum ?? null, integer: child.type === "integer" }];
    });
  return walk(root, "");
}

/** zod's own messages are English sentences; the form shows these i18n keys instead (custom rules keep theirs). */
export const policyErrorMap = (issue: { code?: string }) => {
  switch (issue.code) {
    case "too_big":
    case "too_small":
      return "matching.policy.outOfRange";
    case "invalid_type":
      return "matching.policy.number";
    default:
      return "matching.policy.invalid";
  }
};

export async function policyForAdmin(db: Db = getDb()) {
  const [policy, row] = await Promise.all([
    loadMatchPolicy(db),
    db.setting.findUnique({ where: { key: POLICY_SETTING_KEY }, select: { updatedAt: true, updatedById: true } }),
  ]);
  return { policy, isDefault: !row, updatedAt: row?.updatedAt ?? null, defaults: DEFAULT_MATCH_POLICY, fields: policyFields() };
}

/** Saves a validated policy (the caller parsed it with matchPolicySchema); audited with before and after. */
export async function saveMatchPolicy(p: Principal, policy: MatchPolicy, ip: string | null, db: Db = getDb()) {
  const checked = matchPolicySchema.parse(policy);
  await db.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: POLICY_SETTING_KEY }, select: { value: true } });
    const value = checked as unknown as Prisma.InputJsonValue;
    await tx.setting.upsert({
      where: { key: POLICY_SETTING_KEY },
      create: { key: POLICY_SETTING_KEY, value, updatedById: p.kind === "user" ? p.id : null },
      update: { value, updatedById: p.kind === "user" ? p.id : null },
    });
    await audit(
      {
        actor: p,
        action: "matching.policy.update",
        entityType: "Setting",
        entityId: POLICY_SETTING_KEY,
        detail: { before: before?.value ?? null, after: value },
        ip,
      },
      tx,
    );
  }, WRITE_TX);
}

/** A full re-match now (the nightly run, out of schedule), so a new policy applies everywhere. */
export async function requestFullRematch(p: Principal, ip: string | null, db: Db = getDb()) {
  const runId = randomUUID();
  await enqueue("match-nightly", { runId }, { jobId: `match-nightly__manual__${runId}` });
  await audit({ actor: p, action: "matching.rematch.all", entityType: "MatchRun", entityId: runId, ip }, db);
  return { runId };
}
