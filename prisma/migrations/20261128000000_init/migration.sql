-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "RegionLevel" AS ENUM ('PROVINCE', 'PREFECTURE', 'COUNTY', 'TOWNSHIP', 'VILLAGE');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "Education" AS ENUM ('NONE', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL', 'COLLEGE', 'BACHELOR_OR_ABOVE');

-- CreateEnum
CREATE TYPE "WorkerStatus" AS ENUM ('REGISTERED', 'MATCHED', 'IN_TRAINING', 'TRAINED', 'PLACED', 'STABLE', 'LEFT');

-- CreateEnum
CREATE TYPE "EntrySource" AS ENUM ('SELF', 'COORDINATOR', 'IMPORT', 'API');

-- CreateEnum
CREATE TYPE "TransferType" AS ENUM ('BEIJING_TIANJIN', 'OTHER_OUT_OF_PROVINCE', 'WITHIN_HEBEI', 'LOCAL_COUNTY', 'HOME_BASED');

-- CreateEnum
CREATE TYPE "TrainingKind" AS ENUM ('ORDER_BASED', 'POST_BASED', 'COMPOUND');

-- CreateEnum
CREATE TYPE "ConsentPurpose" AS ENUM ('REGISTRATION', 'PRIORITY_FACTORS', 'SHARE_WITH_EMPLOYER');

-- CreateEnum
CREATE TYPE "EmployerStatus" AS ENUM ('PENDING', 'VERIFIED', 'REJECTED', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "PostingStatus" AS ENUM ('DRAFT', 'OPEN', 'FILLED', 'CLOSED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "TrainingOrderStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ClassStatus" AS ENUM ('PLANNED', 'RUNNING', 'FINISHED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "EnrollmentStatus" AS ENUM ('WAITLISTED', 'ENROLLED', 'DROPPED', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('PRESENT', 'ABSENT', 'EXCUSED');

-- CreateEnum
CREATE TYPE "MatchStatus" AS ENUM ('PROPOSED', 'SHORTLISTED', 'INVITED', 'ACCEPTED', 'DECLINED', 'HIRED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "VerificationStatus" AS ENUM ('UNVERIFIED', 'VERIFIED', 'FLAGGED', 'REJECTED');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('LABOUR_CONTRACT', 'PAY_RECORD', 'SOCIAL_INSURANCE', 'OTHER');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'COORDINATOR', 'PROVIDER_STAFF', 'EMPLOYER', 'JOB_SEEKER');

-- CreateTable
CREATE TABLE "Region" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "level" "RegionLevel" NOT NULL,
    "parentCode" TEXT,
    "path" TEXT NOT NULL,
    "isPovertyCounty" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Occupation" (
    "code" TEXT NOT NULL,
    "nationalCode" TEXT,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "homeBasedPossible" BOOLEAN NOT NULL DEFAULT false,
    "keywordsZh" TEXT[],
    "levels" INTEGER[],

    CONSTRAINT "Occupation_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "OccupationSkill" (
    "id" TEXT NOT NULL,
    "occupationCode" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,

    CONSTRAINT "OccupationSkill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Household" (
    "id" TEXT NOT NULL,
    "householdNumber" TEXT,
    "isRegisteredPoor" BOOLEAN NOT NULL DEFAULT false,
    "countyCode" TEXT NOT NULL,
    "villageCode" TEXT,
    "priorityFactorsCipher" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Worker" (
    "id" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "idNumberCipher" TEXT NOT NULL,
    "idNumberHash" TEXT NOT NULL,
    "idNumberMasked" TEXT NOT NULL,
    "phoneCipher" TEXT,
    "phoneHash" TEXT,
    "phoneMasked" TEXT,
    "sex" "Sex" NOT NULL,
    "birthDate" DATE NOT NULL,
    "countyCode" TEXT NOT NULL,
    "townshipCode" TEXT,
    "villageCode" TEXT,
    "householdId" TEXT,
    "isRegisteredPoor" BOOLEAN NOT NULL DEFAULT false,
    "hasPriorityFactors" BOOLEAN NOT NULL DEFAULT false,
    "education" "Education",
    "status" "WorkerStatus" NOT NULL DEFAULT 'REGISTERED',
    "source" "EntrySource" NOT NULL DEFAULT 'SELF',
    "enteredById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Worker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkerSkill" (
    "id" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "occupationCode" TEXT NOT NULL,
    "level" INTEGER,
    "certificateNumber" TEXT,
    "yearsExperience" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkerSkill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkHistory" (
    "id" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "employerName" TEXT NOT NULL,
    "occupationCode" TEXT,
    "place" TEXT,
    "startDate" DATE,
    "endDate" DATE,
    "monthlyWage" INTEGER,

    CONSTRAINT "WorkHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkerPreference" (
    "workerId" TEXT NOT NULL,
    "destinationKinds" "TransferType"[],
    "destinationRegionCodes" TEXT[],
    "occupationCodes" TEXT[],
    "minMonthlyWage" INTEGER,
    "willingToTrain" BOOLEAN NOT NULL DEFAULT false,
    "trainingKinds" "TrainingKind"[],
    "homeBasedOnly" BOOLEAN NOT NULL DEFAULT false,
    "availableFrom" DATE,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkerPreference_pkey" PRIMARY KEY ("workerId")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "purpose" "ConsentPurpose" NOT NULL,
    "textVersion" TEXT NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),
    "recordedById" TEXT,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Employer" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "creditCode" TEXT NOT NULL,
    "districtCode" TEXT NOT NULL,
    "address" TEXT,
    "industry" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactPhoneCipher" TEXT NOT NULL,
    "contactPhoneMasked" TEXT NOT NULL,
    "status" "EmployerStatus" NOT NULL DEFAULT 'PENDING',
    "statusReason" TEXT,
    "verifiedById" TEXT,
    "verifiedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Employer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobPosting" (
    "id" TEXT NOT NULL,
    "employerId" TEXT NOT NULL,
    "occupationCode" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "headcount" INTEGER NOT NULL,
    "wageMin" INTEGER NOT NULL,
    "wageMax" INTEGER NOT NULL,
    "workRegionCode" TEXT NOT NULL,
    "workAddress" TEXT,
    "startDate" DATE,
    "contractMonths" INTEGER,
    "housing" BOOLEAN NOT NULL DEFAULT false,
    "meals" BOOLEAN NOT NULL DEFAULT false,
    "socialInsurance" BOOLEAN NOT NULL DEFAULT false,
    "travelSubsidy" INTEGER,
    "requirements" JSONB NOT NULL DEFAULT '{}',
    "ageMin" INTEGER,
    "ageMax" INTEGER,
    "deadline" DATE,
    "status" "PostingStatus" NOT NULL DEFAULT 'DRAFT',
    "publishedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobPosting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobPostingRevision" (
    "id" TEXT NOT NULL,
    "postingId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "changedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobPostingRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingProvider" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "creditCode" TEXT,
    "regionCode" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingProvider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingOrder" (
    "id" TEXT NOT NULL,
    "employerId" TEXT NOT NULL,
    "kind" "TrainingKind" NOT NULL,
    "occupationCode" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "classSize" INTEGER NOT NULL,
    "trainingHours" INTEGER NOT NULL,
    "providerId" TEXT,
    "scheduleStart" DATE,
    "scheduleEnd" DATE,
    "locationRegionCode" TEXT NOT NULL,
    "locationAddress" TEXT,
    "attendanceThreshold" INTEGER NOT NULL DEFAULT 80,
    "assessmentRequired" BOOLEAN NOT NULL DEFAULT true,
    "generalModules" TEXT[],
    "commitHires" INTEGER,
    "commitWage" INTEGER,
    "retentionMonths" INTEGER,
    "status" "TrainingOrderStatus" NOT NULL DEFAULT 'DRAFT',
    "statusReason" TEXT,
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingClass" (
    "id" TEXT NOT NULL,
    "trainingOrderId" TEXT,
    "providerId" TEXT NOT NULL,
    "occupationCode" TEXT NOT NULL,
    "kind" "TrainingKind" NOT NULL,
    "regionCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "location" TEXT,
    "attendanceThreshold" INTEGER NOT NULL DEFAULT 80,
    "assessmentRequired" BOOLEAN NOT NULL DEFAULT true,
    "status" "ClassStatus" NOT NULL DEFAULT 'PLANNED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingClass_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClassSession" (
    "id" TEXT NOT NULL,
    "classId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "topic" TEXT,

    CONSTRAINT "ClassSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrollment" (
    "id" TEXT NOT NULL,
    "classId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "matchId" TEXT,
    "status" "EnrollmentStatus" NOT NULL DEFAULT 'ENROLLED',
    "enrolledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "droppedAt" TIMESTAMP(3),
    "dropReason" TEXT,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Enrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "status" "AttendanceStatus" NOT NULL,
    "markedById" TEXT,
    "markedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "score" INTEGER,
    "passed" BOOLEAN NOT NULL,
    "certificateNumber" TEXT,
    "assessedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assessedById" TEXT,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Match" (
    "id" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "postingId" TEXT,
    "trainingOrderId" TEXT,
    "score" DOUBLE PRECISION NOT NULL,
    "factors" JSONB NOT NULL DEFAULT '[]',
    "hardConstraintsMet" BOOLEAN NOT NULL DEFAULT true,
    "explanationZh" TEXT NOT NULL,
    "explanationEn" TEXT,
    "status" "MatchStatus" NOT NULL DEFAULT 'PROPOSED',
    "declineReason" TEXT,
    "workerVersion" INTEGER NOT NULL DEFAULT 0,
    "targetVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Match_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Placement" (
    "id" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "employerId" TEXT NOT NULL,
    "postingId" TEXT,
    "matchId" TEXT,
    "trainingClassId" TEXT,
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "monthlyWage" INTEGER NOT NULL,
    "workRegionCode" TEXT NOT NULL,
    "workAddress" TEXT,
    "transferType" "TransferType" NOT NULL,
    "verification" "VerificationStatus" NOT NULL DEFAULT 'UNVERIFIED',
    "flags" JSONB NOT NULL DEFAULT '[]',
    "verifiedById" TEXT,
    "verifiedAt" TIMESTAMP(3),
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Placement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlacementEvidence" (
    "id" TEXT NOT NULL,
    "placementId" TEXT NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "fileName" TEXT,
    "mimeType" TEXT,
    "sizeBytes" INTEGER,
    "storageKey" TEXT,
    "referenceCipher" TEXT,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlacementEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" TEXT NOT NULL,
    "placementId" TEXT NOT NULL,
    "dueMonth" INTEGER NOT NULL,
    "dueAt" DATE NOT NULL,
    "completedAt" TIMESTAMP(3),
    "stillEmployed" BOOLEAN,
    "monthlyWage" INTEGER,
    "leaveReason" TEXT,
    "recordedById" TEXT,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnualPlan" (
    "id" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "trainingPersonTimes" INTEGER NOT NULL,
    "orderBasedPersonTimes" INTEGER NOT NULL,
    "transferredPersons" INTEGER NOT NULL,
    "toBeijingTianjinPersons" INTEGER NOT NULL,
    "stablePersons" INTEGER NOT NULL,
    "poorHouseholdSharePct" INTEGER NOT NULL,
    "completionRatePct" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnnualPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnualPlanRevision" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "note" TEXT,
    "changedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnnualPlanRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "workerId" TEXT,
    "employerId" TEXT,
    "providerId" TEXT,
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "regionCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "regionCode" TEXT,
    "userId" TEXT,
    "employerId" TEXT,
    "createdById" TEXT,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" TEXT,
    "actorTokenId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "regionCode" TEXT,
    "detail" JSONB,
    "ip" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Outbox" (
    "id" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "entityVersion" INTEGER NOT NULL DEFAULT 0,
    "payload" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "relayedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateSequence
-- Hand-written: search_document.seq takes its values from this named sequence (Prisma would write
-- BIGSERIAL, whose sequence is "search_document_seq_seq"); Prisma reads both as autoincrement().
CREATE SEQUENCE "search_document_seq";

-- CreateTable
CREATE TABLE "search_document" (
    "index_name" TEXT NOT NULL,
    "doc_id" TEXT NOT NULL,
    "doc" JSONB,
    "seq" BIGINT NOT NULL DEFAULT nextval('search_document_seq'::regclass),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_document_pkey" PRIMARY KEY ("index_name","doc_id")
);

-- CreateIndex
CREATE INDEX "Region_parentCode_idx" ON "Region"("parentCode");

-- CreateIndex
CREATE INDEX "Region_path_idx" ON "Region"("path");

-- CreateIndex
CREATE UNIQUE INDEX "OccupationSkill_occupationCode_nameZh_key" ON "OccupationSkill"("occupationCode", "nameZh");

-- CreateIndex
CREATE UNIQUE INDEX "Household_householdNumber_key" ON "Household"("householdNumber");

-- CreateIndex
CREATE INDEX "Household_countyCode_idx" ON "Household"("countyCode");

-- CreateIndex
CREATE UNIQUE INDEX "Worker_idNumberHash_key" ON "Worker"("idNumberHash");

-- CreateIndex
CREATE INDEX "Worker_countyCode_status_idx" ON "Worker"("countyCode", "status");

-- CreateIndex
CREATE INDEX "Worker_phoneHash_idx" ON "Worker"("phoneHash");

-- CreateIndex
CREATE INDEX "Worker_householdId_idx" ON "Worker"("householdId");

-- CreateIndex
CREATE INDEX "WorkerSkill_workerId_idx" ON "WorkerSkill"("workerId");

-- CreateIndex
CREATE INDEX "WorkerSkill_occupationCode_idx" ON "WorkerSkill"("occupationCode");

-- CreateIndex
CREATE INDEX "WorkHistory_workerId_idx" ON "WorkHistory"("workerId");

-- CreateIndex
CREATE INDEX "Consent_workerId_purpose_idx" ON "Consent"("workerId", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "Employer_creditCode_key" ON "Employer"("creditCode");

-- CreateIndex
CREATE INDEX "Employer_status_idx" ON "Employer"("status");

-- CreateIndex
CREATE INDEX "JobPosting_employerId_status_idx" ON "JobPosting"("employerId", "status");

-- CreateIndex
CREATE INDEX "JobPosting_status_occupationCode_idx" ON "JobPosting"("status", "occupationCode");

-- CreateIndex
CREATE UNIQUE INDEX "JobPostingRevision_postingId_version_key" ON "JobPostingRevision"("postingId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingProvider_creditCode_key" ON "TrainingProvider"("creditCode");

-- CreateIndex
CREATE INDEX "TrainingOrder_employerId_status_idx" ON "TrainingOrder"("employerId", "status");

-- CreateIndex
CREATE INDEX "TrainingOrder_status_occupationCode_idx" ON "TrainingOrder"("status", "occupationCode");

-- CreateIndex
CREATE INDEX "TrainingClass_regionCode_endDate_idx" ON "TrainingClass"("regionCode", "endDate");

-- CreateIndex
CREATE INDEX "TrainingClass_trainingOrderId_idx" ON "TrainingClass"("trainingOrderId");

-- CreateIndex
CREATE INDEX "ClassSession_classId_startsAt_idx" ON "ClassSession"("classId", "startsAt");

-- CreateIndex
CREATE INDEX "Enrollment_workerId_idx" ON "Enrollment"("workerId");

-- CreateIndex
CREATE UNIQUE INDEX "Enrollment_classId_workerId_key" ON "Enrollment"("classId", "workerId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_sessionId_enrollmentId_key" ON "Attendance"("sessionId", "enrollmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_enrollmentId_key" ON "Assessment"("enrollmentId");

-- CreateIndex
CREATE INDEX "Match_postingId_score_idx" ON "Match"("postingId", "score");

-- CreateIndex
CREATE INDEX "Match_trainingOrderId_score_idx" ON "Match"("trainingOrderId", "score");

-- CreateIndex
CREATE UNIQUE INDEX "Match_workerId_postingId_key" ON "Match"("workerId", "postingId");

-- CreateIndex
CREATE UNIQUE INDEX "Match_workerId_trainingOrderId_key" ON "Match"("workerId", "trainingOrderId");

-- CreateIndex
CREATE INDEX "Placement_workerId_idx" ON "Placement"("workerId");

-- CreateIndex
CREATE INDEX "Placement_employerId_idx" ON "Placement"("employerId");

-- CreateIndex
CREATE INDEX "Placement_verification_startDate_idx" ON "Placement"("verification", "startDate");

-- CreateIndex
CREATE INDEX "PlacementEvidence_placementId_idx" ON "PlacementEvidence"("placementId");

-- CreateIndex
CREATE INDEX "FollowUp_dueAt_completedAt_idx" ON "FollowUp"("dueAt", "completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_placementId_dueMonth_key" ON "FollowUp"("placementId", "dueMonth");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualPlan_regionCode_year_key" ON "AnnualPlan"("regionCode", "year");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualPlanRevision_planId_version_key" ON "AnnualPlanRevision"("planId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "User_workerId_key" ON "User"("workerId");

-- CreateIndex
CREATE UNIQUE INDEX "RoleAssignment_userId_role_regionCode_key" ON "RoleAssignment"("userId", "role", "regionCode");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_actorUserId_at_idx" ON "AuditLog"("actorUserId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- CreateIndex
CREATE INDEX "Outbox_relayedAt_id_idx" ON "Outbox"("relayedAt", "id");

-- CreateIndex
CREATE INDEX "search_document_seq_idx" ON "search_document"("seq");

-- AddForeignKey
ALTER TABLE "Region" ADD CONSTRAINT "Region_parentCode_fkey" FOREIGN KEY ("parentCode") REFERENCES "Region"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OccupationSkill" ADD CONSTRAINT "OccupationSkill_occupationCode_fkey" FOREIGN KEY ("occupationCode") REFERENCES "Occupation"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_countyCode_fkey" FOREIGN KEY ("countyCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Worker" ADD CONSTRAINT "Worker_countyCode_fkey" FOREIGN KEY ("countyCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Worker" ADD CONSTRAINT "Worker_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Worker" ADD CONSTRAINT "Worker_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkerSkill" ADD CONSTRAINT "WorkerSkill_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkerSkill" ADD CONSTRAINT "WorkerSkill_occupationCode_fkey" FOREIGN KEY ("occupationCode") REFERENCES "Occupation"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkHistory" ADD CONSTRAINT "WorkHistory_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkerPreference" ADD CONSTRAINT "WorkerPreference_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Employer" ADD CONSTRAINT "Employer_districtCode_fkey" FOREIGN KEY ("districtCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobPosting" ADD CONSTRAINT "JobPosting_employerId_fkey" FOREIGN KEY ("employerId") REFERENCES "Employer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobPosting" ADD CONSTRAINT "JobPosting_occupationCode_fkey" FOREIGN KEY ("occupationCode") REFERENCES "Occupation"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobPosting" ADD CONSTRAINT "JobPosting_workRegionCode_fkey" FOREIGN KEY ("workRegionCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobPostingRevision" ADD CONSTRAINT "JobPostingRevision_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "JobPosting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingProvider" ADD CONSTRAINT "TrainingProvider_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingOrder" ADD CONSTRAINT "TrainingOrder_employerId_fkey" FOREIGN KEY ("employerId") REFERENCES "Employer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingOrder" ADD CONSTRAINT "TrainingOrder_occupationCode_fkey" FOREIGN KEY ("occupationCode") REFERENCES "Occupation"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingOrder" ADD CONSTRAINT "TrainingOrder_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "TrainingProvider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingOrder" ADD CONSTRAINT "TrainingOrder_locationRegionCode_fkey" FOREIGN KEY ("locationRegionCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingClass" ADD CONSTRAINT "TrainingClass_trainingOrderId_fkey" FOREIGN KEY ("trainingOrderId") REFERENCES "TrainingOrder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingClass" ADD CONSTRAINT "TrainingClass_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "TrainingProvider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingClass" ADD CONSTRAINT "TrainingClass_occupationCode_fkey" FOREIGN KEY ("occupationCode") REFERENCES "Occupation"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingClass" ADD CONSTRAINT "TrainingClass_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassSession" ADD CONSTRAINT "ClassSession_classId_fkey" FOREIGN KEY ("classId") REFERENCES "TrainingClass"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_classId_fkey" FOREIGN KEY ("classId") REFERENCES "TrainingClass"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ClassSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "JobPosting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_trainingOrderId_fkey" FOREIGN KEY ("trainingOrderId") REFERENCES "TrainingOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_employerId_fkey" FOREIGN KEY ("employerId") REFERENCES "Employer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "JobPosting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_trainingClassId_fkey" FOREIGN KEY ("trainingClassId") REFERENCES "TrainingClass"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_workRegionCode_fkey" FOREIGN KEY ("workRegionCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlacementEvidence" ADD CONSTRAINT "PlacementEvidence_placementId_fkey" FOREIGN KEY ("placementId") REFERENCES "Placement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_placementId_fkey" FOREIGN KEY ("placementId") REFERENCES "Placement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualPlan" ADD CONSTRAINT "AnnualPlan_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualPlanRevision" ADD CONSTRAINT "AnnualPlanRevision_planId_fkey" FOREIGN KEY ("planId") REFERENCES "AnnualPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_employerId_fkey" FOREIGN KEY ("employerId") REFERENCES "Employer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "TrainingProvider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE SET NULL ON UPDATE CASCADE;
