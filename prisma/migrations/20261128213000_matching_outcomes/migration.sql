-- CreateEnum
CREATE TYPE "MatchRunStatus" AS ENUM ('RUNNING', 'DONE', 'FAILED');

-- AlterTable
ALTER TABLE "FollowUp" ADD COLUMN     "countyCode" TEXT,
ADD COLUMN     "note" TEXT,
ADD COLUMN     "openedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Match" ADD COLUMN     "rank" INTEGER;

-- AlterTable
ALTER TABLE "Placement" ADD COLUMN     "reverifiedAt" TIMESTAMP(3),
ADD COLUMN     "reverifiedById" TEXT,
ADD COLUMN     "sampledAt" TIMESTAMP(3),
ADD COLUMN     "verificationNote" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "PlacementEvidence" ADD COLUMN     "contentCipher" BYTEA,
ADD COLUMN     "sha256" TEXT;

-- AlterTable
ALTER TABLE "TrainingClass" ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "trainers" TEXT[],
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "idNumberHash" TEXT,
ADD COLUMN     "phoneHash" TEXT;

-- AlterTable
ALTER TABLE "Worker" ADD COLUMN     "atRiskOfPoverty" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "atRiskSince" TIMESTAMP(3),
ADD COLUMN     "statusChangedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "MatchNearMiss" (
    "id" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "postingId" TEXT,
    "trainingOrderId" TEXT,
    "score" DOUBLE PRECISION NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "explanationZh" TEXT NOT NULL,
    "explanationEn" TEXT,
    "suggestedTrainingOrderId" TEXT,
    "workerVersion" INTEGER NOT NULL DEFAULT 0,
    "targetVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MatchNearMiss_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchRun" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "MatchRunStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "counties" INTEGER NOT NULL DEFAULT 0,
    "targets" INTEGER NOT NULL DEFAULT 0,
    "pairsScored" BIGINT NOT NULL DEFAULT 0,
    "matchesUpserted" INTEGER NOT NULL DEFAULT 0,
    "nearMisses" INTEGER NOT NULL DEFAULT 0,
    "detail" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "MatchRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkerStatusEvent" (
    "id" BIGSERIAL NOT NULL,
    "workerId" TEXT NOT NULL,
    "from" "WorkerStatus" NOT NULL,
    "to" "WorkerStatus" NOT NULL,
    "event" TEXT NOT NULL,
    "reason" TEXT,
    "actorId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkerStatusEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MatchNearMiss_postingId_score_idx" ON "MatchNearMiss"("postingId", "score");

-- CreateIndex
CREATE INDEX "MatchNearMiss_trainingOrderId_score_idx" ON "MatchNearMiss"("trainingOrderId", "score");

-- CreateIndex
CREATE UNIQUE INDEX "MatchNearMiss_workerId_postingId_key" ON "MatchNearMiss"("workerId", "postingId");

-- CreateIndex
CREATE UNIQUE INDEX "MatchNearMiss_workerId_trainingOrderId_key" ON "MatchNearMiss"("workerId", "trainingOrderId");

-- CreateIndex
CREATE INDEX "MatchRun_kind_startedAt_idx" ON "MatchRun"("kind", "startedAt");

-- CreateIndex
CREATE INDEX "WorkerStatusEvent_workerId_at_idx" ON "WorkerStatusEvent"("workerId", "at");

-- CreateIndex
CREATE INDEX "WorkerStatusEvent_to_at_idx" ON "WorkerStatusEvent"("to", "at");

-- CreateIndex
CREATE INDEX "FollowUp_countyCode_completedAt_dueAt_idx" ON "FollowUp"("countyCode", "completedAt", "dueAt");

-- CreateIndex
CREATE INDEX "Match_workerId_status_idx" ON "Match"("workerId", "status");

-- CreateIndex
CREATE INDEX "User_idNumberHash_idx" ON "User"("idNumberHash");

-- CreateIndex
CREATE INDEX "User_phoneHash_idx" ON "User"("phoneHash");

-- AddForeignKey
ALTER TABLE "MatchNearMiss" ADD CONSTRAINT "MatchNearMiss_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatchNearMiss" ADD CONSTRAINT "MatchNearMiss_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "JobPosting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatchNearMiss" ADD CONSTRAINT "MatchNearMiss_trainingOrderId_fkey" FOREIGN KEY ("trainingOrderId") REFERENCES "TrainingOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatchNearMiss" ADD CONSTRAINT "MatchNearMiss_suggestedTrainingOrderId_fkey" FOREIGN KEY ("suggestedTrainingOrderId") REFERENCES "TrainingOrder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkerStatusEvent" ADD CONSTRAINT "WorkerStatusEvent_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE CASCADE ON UPDATE CASCADE;
