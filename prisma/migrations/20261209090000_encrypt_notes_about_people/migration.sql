-- Free text staff write about a person (a follow-up's note, a dropout's note, a placement's
-- verification note) often carries health facts: it is now AES-256-GCM ciphertext under the PII key
-- ring (`*Cipher`, rotated by npm run keys:rotate) and shown only by an audited reveal. The key
-- lives in the application, so SQL cannot encrypt: the plaintext moves into `legacy*` columns here,
-- and encryptLegacyNotes (app/services/legacy-notes.server.ts), run by `npm start` and
-- `npm run db:migrate` right after the migrations and by `npm run keys:rotate` before it rotates,
-- encrypts each value into its cipher column and clears the plaintext. New code never writes `legacy*`.

-- FollowUp: the note moves aside; a leave reason that is not one of the codes (typed text) becomes
-- `other` and its text joins the note.
ALTER TABLE "FollowUp" RENAME COLUMN "note" TO "legacyNote";
ALTER TABLE "FollowUp" ADD COLUMN "noteCipher" TEXT;
UPDATE "FollowUp"
SET "legacyNote" = concat_ws(' — ', NULLIF(btrim("leaveReason"), ''), NULLIF(btrim("legacyNote"), '')),
    "leaveReason" = 'other'
WHERE "leaveReason" IS NOT NULL
  AND "leaveReason" NOT IN ('contractEnded', 'quit', 'dismissed', 'health', 'family', 'wageArrears', 'other');

-- Enrollment: "health: 说明" was stored in one column; the code stays in dropReason, the note moves aside.
ALTER TABLE "Enrollment" ADD COLUMN "dropNoteCipher" TEXT,
ADD COLUMN "legacyDropNote" TEXT;
UPDATE "Enrollment"
SET "legacyDropNote" = NULLIF(btrim(substr("dropReason", strpos("dropReason", ':') + 1)), ''),
    "dropReason" = btrim(left("dropReason", strpos("dropReason", ':') - 1))
WHERE strpos("dropReason", ':') > 0;

-- Placement: the verification note moves aside; confirmed re-verifications get a note column of their own.
ALTER TABLE "Placement" RENAME COLUMN "verificationNote" TO "legacyVerificationNote";
ALTER TABLE "Placement" ADD COLUMN "reverificationNoteCipher" TEXT,
ADD COLUMN "verificationNoteCipher" TEXT;

-- A dropout's lifecycle event kept the reason with its note ("health: 说明"): the code is enough there.
UPDATE "WorkerStatusEvent"
SET "reason" = btrim(left("reason", strpos("reason", ':') - 1))
WHERE "event" = 'drop' AND "reason" ~ '^[a-z-]+:';
