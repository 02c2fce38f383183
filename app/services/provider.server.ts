import type { Principal } from "~/domain/access";
import { getDb, type Db } from "./db.server";

export async function providerHome(p: Principal, db: Db = getDb()) {
  if (!p.providerId) return { provider: null, classes: [] };
  const [provider, classes] = await Promise.all([
    db.trainingProvider.findUnique({ where: { id: p.providerId }, select: { id: true, name: true } }),
    db.trainingClass.findMany({
      where: { providerId: p.providerId },
      orderBy: { startDate: "desc" },
      take: 50,
      select: { id: true, name: true, capacity: true, startDate: true, endDate: true, occupation: { select: { nameZh: true, nameEn: true } }, _count: { select: { enrollments: true } } },
    }),
  ]);
  return { provider, classes: classes.map((c) => ({ ...c, startDate: c.startDate.toISOString(), endDate: c.endDate.toISOString() })) };
}
