-- Issue 11, item 4: uploaded roster files were kept forever, unencrypted, in RosterImport.content.
-- The file is now stored AES-256-GCM encrypted (the key lives in the application, so SQL cannot
-- encrypt the old files) and deleted when the import ends. Old files are therefore purged: a
-- finished import keeps its counts and masked error report; one not finished yet cannot run
-- without its file and is marked failed, asking the coordinator to upload it again.
UPDATE "RosterImport"
SET "status" = 'FAILED', "failure" = 'import.fileExpired', "finishedAt" = now()
WHERE "status" IN ('QUEUED', 'RUNNING');

-- AlterTable
ALTER TABLE "RosterImport" DROP COLUMN "content",
ADD COLUMN     "contentCipher" BYTEA;
