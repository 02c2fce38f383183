-- Reliability (issue 16): an outbox row is done when the job it was relayed into has run; a sweeper
-- re-relays rows whose job vanished (a Redis restart). Rows relayed before this migration count as done.
ALTER TABLE "Outbox" ADD COLUMN     "doneAt" TIMESTAMP(3);
UPDATE "Outbox" SET "doneAt" = "relayedAt" WHERE "relayedAt" IS NOT NULL;

-- An import resumed after a crash counts the rows its earlier run wrote by when that run began.
ALTER TABLE "RosterImport" ADD COLUMN     "startedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Outbox_entityType_entityId_idx" ON "Outbox"("entityType", "entityId");
