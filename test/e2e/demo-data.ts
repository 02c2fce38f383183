// What the journeys read from the demo data set before they start.
import type pg from "pg";
import { addDays, chinaToday } from "~/platform/china-time";

/** China's calendar day, `offset` days from today. */
export const chinaDayFromToday = (offset = 0) => addDays(chinaToday(), offset);

/**
 * Two people of 阜平 in the pool, in an order drawn from `seed`: never in a class or a job, no
 * account (and, with `notPoor`, not registered as poor).
 */
export async function twoUntouchedFupingPeople(db: pg.Client, seed: string, { notPoor = false } = {}) {
  const people = await db.query<{ id: string; fullName: string }>(
    `SELECT w.id, w."fullName" FROM "Worker" w WHERE w."countyCode" = '130624' AND w.status = 'REGISTERED'${notPoor ? ` AND NOT w."isRegisteredPoor"` : ""}
       AND NOT EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."workerId" = w.id) AND NOT EXISTS (SELECT 1
         FROM "Placement" p WHERE p."workerId" = w.id)
       AND NOT EXISTS (SELECT 1 FROM "Match" m WHERE m."workerId" = w.id) AND NOT EXISTS (SELECT 1 FROM
         "User" u WHERE u."workerId" = w.id)
     ORDER BY md5(w.id || $1) LIMIT 2`,
    [seed],
  );
  return people.rows;
}
