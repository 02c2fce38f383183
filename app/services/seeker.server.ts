import type { Principal } from "~/domain/access";
import { getDb, type Db } from "./db.server";

/** A job seeker's own page: their status, invitations and training places (their record only). */
export async function seekerHome(p: Principal, db: Db = getDb()) {
  if (!p.workerId) return { worker: null, invitations: [], trainingPlaces: [] };
  const [worker, invitations, trainingPlaces] = await Promise.all([
    db.worker.findUnique({ where: { id: p.workerId }, select: { id: true, fullName: true, status: true } }),
    db.match.findMany({ where: { workerId: p.workerId, status: "INVITED" }, select: { id: true, posting: { select: { title: true } } } }),
    db.enrollment.findMany({ where: { workerId: p.workerId, status: { in: ["ENROLLED", "WAITLISTED"] } }, select: { id: true, class: { select: { name: true } } } }),
  ]);
  return { worker, invitations, trainingPlaces };
}
