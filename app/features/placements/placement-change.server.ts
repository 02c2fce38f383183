// A placement change with its version bump and search-index job in one call, for the services that
// change a placement in passing (flag refresh, evidence, a follow-up that ends the job). A module of
// its own, naming no i18n keys, so that importing it does not add placements' namespaces to the
// follow-up pages (app/i18n/namespaces.test.ts follows imports).
import type { Prisma } from "~/generated/prisma/client";
import { writeOutbox } from "~/services/outbox.server";

type Tx = Prisma.TransactionClient;

/** Writes a change to a placement with its version bump and search-index job; returns the new version. */
export async function changePlacement(tx: Tx, placementId: string, data: Prisma.PlacementUpdateInput = {}): Promise<number> {
  const { version } = await tx.placement.update({ where: { id: placementId }, data: { ...data, version: { increment: 1 } }, select: { version: true } });
  await writeOutbox(tx, { topic: "search-index", entityType: "placement", entityId: placementId, entityVersion: version });
  return version;
}
