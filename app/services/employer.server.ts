import type { Principal } from "~/domain/access";
import { getDb, type Db } from "./db.server";

export async function employerHome(p: Principal, db: Db = getDb()) {
  if (!p.employerId) return { employer: null, postings: [], orders: [] };
  const [employer, postings, orders] = await Promise.all([
    db.employer.findUnique({ where: { id: p.employerId }, select: { id: true, name: true, status: true, contactPhoneMasked: true } }),
    db.jobPosting.findMany({ where: { employerId: p.employerId }, orderBy: { createdAt: "desc" }, take: 50, select: { id: true, title: true, headcount: true, wageMin: true, wageMax: true, status: true } }),
    db.trainingOrder.findMany({ where: { employerId: p.employerId }, orderBy: { createdAt: "desc" }, take: 50, select: { id: true, title: true, kind: true, classSize: true, status: true, commitHires: true } }),
  ]);
  return { employer, postings, orders };
}
