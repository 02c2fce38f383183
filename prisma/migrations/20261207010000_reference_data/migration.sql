-- Issue 14: reference data a labour bureau can sign off.
-- Poverty counties carry their level, years and source (filled by the reference seed), and every
-- reference table can be overridden by an administrator with history (the shipped row is kept).
ALTER TABLE "Region" ADD COLUMN "povertyLevel" TEXT;
ALTER TABLE "Region" ADD COLUMN "povertyFrom" INTEGER;
ALTER TABLE "Region" ADD COLUMN "povertyExitBy" INTEGER;
ALTER TABLE "Region" ADD COLUMN "povertySource" TEXT;
ALTER TABLE "Region" ADD COLUMN "povertyNote" TEXT;

CREATE TABLE "ReferenceOverride" (
    "id" TEXT NOT NULL,
    "table" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    CONSTRAINT "ReferenceOverride_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ReferenceOverride_table_key_idx" ON "ReferenceOverride"("table", "key");

-- An ID number whose area code no table knows is accepted with a warning the coordinator sees.
ALTER TABLE "Worker" ADD COLUMN "idAreaUnknown" BOOLEAN NOT NULL DEFAULT false;
