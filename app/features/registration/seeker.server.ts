import { calendarDayOrNull } from "~/platform/china-time";
import type { Principal } from "~/domain/access";
import { getDb, type Db } from "~/services/db.server";

/** A job seeker's own page: their status, invitations and training places (their record only). */
export async function seekerHome(p: Principal, db: Db = getDb()) {
  if (!p.workerId) return { worker: null, invitations: [], trainingPlaces: [] };
  const [worker, invitations, trainingPlaces] = await Promise.all([
    db.worker.findUnique({ where: { id: p.workerId }, select: { id: true, fullName: true, status: true } }),
    db.match.findMany({ where: { workerId: p.workerId, status: "INVITED" }, select: { id: true, posting: { select: { title: true } } } }),
    db.enrollment.findMany({
      where: { workerId: p.workerId, status: { in: ["ENROLLED", "WAITLISTED"] } },
      select: { id: true, class: { select: { name: true } } },
    }),
  ]);
  return { worker, invitations, trainingPlaces };
}

/** The current skills and preferences of a worker, shaped as the profile form's default values. */
export async function ownProfileDefaults(workerId: string, db: Db = getDb()) {
  const w = await db.worker.findUniqueOrThrow({
    where: { id: workerId },
    select: {
      fullName: true,
      education: true,
      skills: { select: { occupationCode: true, level: true, certificateNumber: true }, orderBy: { createdAt: "asc" } },
      preference: true,
    },
  });
  const p = w.preference;
  const day = (d: Date | null | undefined) => calendarDayOrNull(d) ?? undefined;
  return {
    fullName: w.fullName,
    defaultValue: {
      education: w.education ?? undefined,
      skills: w.skills.map((s) => ({
        occupationCode: s.occupationCode,
        level: s.level ? String(s.level) : undefined,
        certificateNumber: s.certificateNumber ?? undefined,
      })),
      destinationKinds: p?.destinationKinds ?? [],
      destinationRegionCodes: p?.destinationRegionCodes ?? [],
      occupationCodes: p?.occupationCodes ?? [],
      minMonthlyWage: p?.minMonthlyWage ? String(p.minMonthlyWage) : undefined,
      willingToTrain: p?.willingToTrain ? "on" : undefined,
      trainingKinds: p?.trainingKinds ?? [],
      homeBasedOnly: p?.homeBasedOnly ? "on" : undefined,
      availableFrom: day(p?.availableFrom),
    },
  };
}
