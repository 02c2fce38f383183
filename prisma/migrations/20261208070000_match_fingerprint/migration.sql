-- Issue 12: the nightly re-match compares a compact fingerprint of what each proposed row was built
-- from (the worker's fields, the target, policy, labels, open orders, the days late and the age
-- band; app/domain/matching/fingerprint.ts) instead of rebuilding every kept row's explanation to
-- compare the text. Rows stored before this have none: the next run rewrites each of them once.
ALTER TABLE "Match" ADD COLUMN "fingerprint" TEXT;
ALTER TABLE "MatchNearMiss" ADD COLUMN "fingerprint" TEXT;
