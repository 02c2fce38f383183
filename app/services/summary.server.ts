import { getDb, type Db } from "./db.server";

/** Public headline figures for the home page (counts only, nothing personal). */
export async function platformSummary(db: Db = getDb()) {
  const [povertyCounties, workers, openPostings, trainingOrders] = await Promise.all([
    db.region.count({ where: { isPovertyCounty: true } }),
    db.worker.count(),
    db.jobPosting.count({ where: { status: "OPEN" } }),
    db.trainingOrder.count({ where: { status: { in: ["APPROVED", "IN_PROGRESS", "COMPLETED"] } } }),
  ]);
  return { povertyCounties, workers, openPostings, trainingOrders };
}
