-- Issue 11, item 14. Sessions: from now on only SHA-256(session id) is stored, with an idle clock
-- (lastSeenAt) and an absolute end. Rows written before held the raw id, so they are dropped:
-- everyone signs in once more.
DELETE FROM "Session";

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "failedSignIns" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- API tokens always expire. A token made without an expiry keeps working for 90 more days from
-- this migration (time to replace it), then stops.
UPDATE "ApiToken" SET "expiresAt" = CURRENT_TIMESTAMP + INTERVAL '90 days' WHERE "expiresAt" IS NULL;

-- AlterTable
ALTER TABLE "ApiToken" ALTER COLUMN "expiresAt" SET NOT NULL;
