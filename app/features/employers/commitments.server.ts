// Loads what the commitments-kept arithmetic (app/domain/commitments.ts) needs: each employer's
// training orders with a hiring commitment, and the placements that followed them — through the
// class formed from the order, or through a hire from the order's candidate list.
import { calendarDayOrNull as day } from "~/platform/china-time";
import { employerCommitments, type CommitmentPlacement, type EmployerCommitments } from "~/domain/commitments";
import { getDb, type Db } from "~/services/db.server";

export async function commitmentsFor(employerIds: string[], today: string, db: Db = getDb()): Promise<Map<string, EmployerCommitments>> {
  const result = new Map<string, EmployerCommitments>();
  if (employerIds.length === 0) return result;
  const orders = await db.trainingOrder.findMany({
    where: { employerId: { in: employerIds }, commitHires: { gt: 0 } },
    select: { id: true, employerId: true, status: true, commitHires: true, commitWage: true, retentionMonths: true },
  });
  const orderIds = orders.map((o) => o.id);
  const matches = orderIds.length
    ? await db.match.findMany({ where: { trainingOrderId: { in: orderIds }, status: "HIRED" }, select: { id: true, trainingOrderId: true } })
    : [];
  const orderOfMatch = new Map(matches.map((m) => [m.id, m.trainingOrderId!]));
  const placements = orderIds.length
    ? await db.placement.findMany({
        where: {
          employerId: { in: employerIds },
          OR: [{ trainingClass: { trainingOrderId: { in: orderIds } } }, { matchId: { in: [...orderOfMatch.keys()] } }],
        },
        select: {
          employerId: true,
          matchId: true,
          startDate: true,
          endDate: true,
          monthlyWage: true,
          verification: true,
          trainingClass: { select: { trainingOrderId: true } },
          followUps: { select: { dueMonth: true, completedAt: true, stillEmployed: true } },
        },
      })
    : [];
  const byEmployer = new Map<string, CommitmentPlacement[]>();
  for (const p of placements) {
    const orderId = p.trainingClass?.trainingOrderId ?? (p.matchId ? orderOfMatch.get(p.matchId) : undefined);
    if (!orderId) continue;
    const list = byEmployer.get(p.employerId) ?? [];
    list.push({
      orderId,
      startDate: day(p.startDate)!,
      endDate: day(p.endDate),
      monthlyWage: p.monthlyWage,
      verification: p.verification,
      followUps: p.followUps.map((f) => ({ dueMonth: f.dueMonth, completed: f.completedAt !== null, stillEmployed: f.stillEmployed })),
    });
    byEmployer.set(p.employerId, list);
  }
  for (const id of employerIds) {
    result.set(
      id,
      employerCommitments(
        orders.filter((o) => o.employerId === id),
        byEmployer.get(id) ?? [],
        today,
      ),
    );
  }
  return result;
}
