-- Matching, observable and warm (issue 12, items 5–8).
-- A re-match of one posting or training order is recorded as a MatchRun of kind 'target' naming
-- it, its version and the queue job, so the matches answer can say when and from which run it was
-- computed (a nightly run covers every open target).
ALTER TABLE "MatchRun" ADD COLUMN "targetKind" TEXT;
ALTER TABLE "MatchRun" ADD COLUMN "targetId" TEXT;
ALTER TABLE "MatchRun" ADD COLUMN "targetVersion" INTEGER;
ALTER TABLE "MatchRun" ADD COLUMN "jobId" TEXT;
CREATE INDEX "MatchRun_targetId_startedAt_idx" ON "MatchRun"("targetId", "startedAt");

-- The workers' columns stay warm in each worker process and are refreshed from what changed since
-- the last look: workers by updatedAt, and declines (a worker's decline of an invitation changes
-- their score for that employer's other targets) by the match's updatedAt.
CREATE INDEX "Worker_updatedAt_idx" ON "Worker"("updatedAt");
CREATE INDEX "Match_status_updatedAt_idx" ON "Match"("status", "updatedAt");
