// Subsidies: a claim's flags, recomputed from the current facts on every change.
import { readFlags } from "~/domain/placement";
import { AWAITING_PAYMENT, claimFlags, readClaimFlags, type ClaimFlag, type SubsidyPayee } from "~/domain/subsidy";
import type { Prisma } from "~/generated/prisma/client";
import { type Db } from "~/services/db.server";
import { sameValueHashes } from "~/services/pii.server";
import { type Tx } from "./subsidy-access.server";

// ───────────── flags ─────────────

/** Recomputes a claim's flags from the stored facts (placement flags reused, plus the subsidy ones). */
export async function refreshClaimFlags(tx: Tx | Db, claimId: string): Promise<ClaimFlag[]> {
  const c = await tx.subsidyClaim.findUniqueOrThrow({
    where: { id: claimId },
    select: {
      id: true,
      kind: true,
      amount: true,
      period: true,
      countyCode: true,
      flags: true,
      trainingClassId: true,
      placementId: true,
      payeeType: true,
      payeeId: true,
      status: true,
      approvedAccountHash: true,
      approvedAccountMasked: true,
      policy: { select: { code: true } },
      worker: { select: { id: true, idNumberHash: true, phoneHash: true, idNumberCipher: true, phoneCipher: true } },
    },
  });
  const placement = c.placementId ? await tx.placement.findUnique({ where: { id: c.placementId }, select: { flags: true } }) : null;
  let staffOfProvider = false;
  let otherClassesSameDays: { className: string; day: string }[] = [];
  if (c.trainingClassId) {
    const cls = await tx.trainingClass.findUnique({ where: { id: c.trainingClassId }, select: { providerId: true, startDate: true, endDate: true } });
    if (cls) {
      // During a key rotation either side may still hold the previous key's hash: both are compared.
      const same: Prisma.UserWhereInput[] = [
        { idNumberHash: { in: sameValueHashes("resident-id", c.worker.idNumberHash, c.worker.idNumberCipher) } },
        { workerId: c.worker.id },
      ];
      if (c.worker.phoneHash && c.worker.phoneCipher) same.push({ phoneHash: { in: sameValueHashes("phone", c.worker.phoneHash, c.worker.phoneCipher) } });
      staffOfProvider = (await tx.user.count({ where: { providerId: cls.providerId, OR: same } })) > 0;
      // Marked present in another class on a day inside this class's window: one person cannot be trained twice at once.
      otherClassesSameDays = await tx.$queryRaw<{ className: string; day: string }[]>`
        SELECT c."name" AS "className", to_char((s."startsAt" AT TIME ZONE 'UTC' AT TIME ZONE
          'Asia/Shanghai')::date, 'YYYY-MM-DD') AS "day"
          FROM "Attendance" a JOIN "Enrollment" e ON e."id" = a."enrollmentId" JOIN "ClassSession" s ON
            s."id" = a."sessionId" JOIN "TrainingClass" c ON c."id" = e."classId"
         WHERE e."workerId" = ${c.worker.id} AND e."classId" <> ${c.trainingClassId} AND a."status" = 'PRESENT'
           AND (s."startsAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date BETWEEN
             ${cls.startDate}::date AND ${cls.endDate}::date
         ORDER BY 2 LIMIT 20`;
    }
  }
  const account = await tx.payeeAccount.findUnique({
    where: { ownerType_ownerId: { ownerType: c.payeeType, ownerId: c.payeeId } },
    select: { accountHash: true, accountCipher: true, accountMasked: true },
  });
  const [budget, committed, sharedWith] = await Promise.all([
    tx.subsidyBudget.findUnique({
      where: { policyCode_countyCode_year: { policyCode: c.policy.code, countyCode: c.countyCode, year: Number(c.period) } },
      select: { amount: true },
    }),
    tx.subsidyClaim.aggregate({
      where: { id: { not: c.id }, countyCode: c.countyCode, period: c.period, policy: { code: c.policy.code }, status: { notIn: ["WITHDRAWN", "REJECTED"] } },
      _sum: { amount: true },
    }),
    sharedAccountCount(tx, c.payeeType, c.payeeId, account),
  ]);
  // Approved and unpaid: paid to the account recorded at approval. Has the payee's account on file moved away from it since?
  // (During a key rotation either hash may be under the previous key: compared as the shared-account check compares.)
  const accountChanged =
    AWAITING_PAYMENT.includes(c.status) &&
    c.approvedAccountHash &&
    !(account && sameValueHashes("bank-account", account.accountHash, account.accountCipher).includes(c.approvedAccountHash))
      ? { approved: c.approvedAccountMasked ?? "", current: account?.accountMasked ?? "" }
      : null;
  const flags = claimFlags({
    placementFlags: placement ? readFlags(placement.flags) : [],
    staffOfProvider,
    otherClassesSameDays,
    budget: budget?.amount ?? null,
    committedOthers: committed._sum.amount ?? 0,
    amount: c.amount,
    sharedWith,
    evidenceChanged: readClaimFlags(c.flags).some((f) => f.code === "evidenceChanged"),
    accountChanged,
  });
  if (JSON.stringify(flags) !== JSON.stringify(readClaimFlags(c.flags))) await tx.subsidyClaim.update({ where: { id: c.id }, data: { flags } });
  return flags;
}

/** Other payees with the same account number, leaving out members of the same household (a family may share one card). */
async function sharedAccountCount(
  tx: Tx | Db,
  ownerType: SubsidyPayee,
  ownerId: string,
  mine: { accountHash: string; accountCipher: string } | null,
): Promise<number> {
  if (!mine) return 0;
  const others = await tx.payeeAccount.findMany({
    where: { accountHash: { in: sameValueHashes("bank-account", mine.accountHash, mine.accountCipher) }, NOT: { ownerType, ownerId } },
    select: { ownerType: true, ownerId: true },
  });
  if (others.length === 0) return 0;
  if (ownerType !== "WORKER") return others.length;
  const ids = [ownerId, ...others.filter((o) => o.ownerType === "WORKER").map((o) => o.ownerId)];
  const households = new Map(
    (await tx.worker.findMany({ where: { id: { in: ids } }, select: { id: true, householdId: true } })).map((w) => [w.id, w.householdId]),
  );
  const mineHh = households.get(ownerId);
  return others.filter((o) => !(o.ownerType === "WORKER" && mineHh && households.get(o.ownerId) === mineHh)).length;
}
