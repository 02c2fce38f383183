-- CreateEnum
CREATE TYPE "MatchParty" AS ENUM ('EMPLOYER', 'WORKER');

-- AlterTable
ALTER TABLE "Match" ADD COLUMN     "declinedBy" "MatchParty";
