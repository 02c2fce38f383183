-- npm run keys:rotate (issue 16 item 8): one row per table being re-encrypted and re-hashed under
-- the current keys; `lastId` is the resumable cursor, written in the same transaction as its batch.
-- CreateTable
CREATE TABLE "KeyRotation" (
    "table" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "lastId" TEXT,
    "checked" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyRotation_pkey" PRIMARY KEY ("table")
);
