-- Subsidies (issue 18): versioned policies, budgets, payee accounts (encrypted), claims made from the records, payment batches.
-- CreateEnum
CREATE TYPE "SubsidyKind" AS ENUM ('TRAINING', 'LIVING_ALLOWANCE', 'TRANSPORT', 'HIRING');

-- CreateEnum
CREATE TYPE "SubsidyPayee" AS ENUM ('PROVIDER', 'WORKER', 'EMPLOYER');

-- CreateEnum
CREATE TYPE "SubsidyUnit" AS ENUM ('PERSON', 'DAY');

-- CreateEnum
CREATE TYPE "SubsidyClaimStatus" AS ENUM ('OPEN', 'PREPARED', 'APPROVED', 'REJECTED', 'BATCHED', 'PAID', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "PaymentBatchStatus" AS ENUM ('EXPORTED', 'RECONCILED');

-- CreateTable
CREATE TABLE "SubsidyPolicy" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" "SubsidyKind" NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "unit" "SubsidyUnit" NOT NULL,
    "maxUnits" INTEGER,
    "payee" "SubsidyPayee" NOT NULL,
    "occupationCode" TEXT,
    "transferTypes" "TransferType"[],
    "retentionMonths" INTEGER,
    "requireRegisteredPoor" BOOLEAN NOT NULL DEFAULT false,
    "requirePovertyCounty" BOOLEAN NOT NULL DEFAULT false,
    "requireCertificate" BOOLEAN NOT NULL DEFAULT false,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "legalSource" TEXT NOT NULL,
    "sourceUrl" TEXT,
    "changeNote" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubsidyPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubsidyBudget" (
    "id" TEXT NOT NULL,
    "policyCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubsidyBudget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayeeAccount" (
    "id" TEXT NOT NULL,
    "ownerType" "SubsidyPayee" NOT NULL,
    "ownerId" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "bankName" TEXT NOT NULL,
    "accountCipher" TEXT NOT NULL,
    "accountHash" TEXT NOT NULL,
    "accountMasked" TEXT NOT NULL,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PayeeAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubsidyClaim" (
    "id" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "kind" "SubsidyKind" NOT NULL,
    "workerId" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "units" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "payeeType" "SubsidyPayee" NOT NULL,
    "payeeId" TEXT NOT NULL,
    "payeeName" TEXT NOT NULL,
    "trainingClassId" TEXT,
    "enrollmentId" TEXT,
    "placementId" TEXT,
    "followUpId" TEXT,
    "evidence" JSONB NOT NULL DEFAULT '[]',
    "flags" JSONB NOT NULL DEFAULT '[]',
    "status" "SubsidyClaimStatus" NOT NULL DEFAULT 'OPEN',
    "statusNote" TEXT,
    "preparedById" TEXT,
    "preparedAt" TIMESTAMP(3),
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "paymentBatchId" TEXT,
    "paidAt" TIMESTAMP(3),
    "bankReference" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubsidyClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentBatch" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "status" "PaymentBatchStatus" NOT NULL DEFAULT 'EXPORTED',
    "claimCount" INTEGER NOT NULL,
    "totalAmount" INTEGER NOT NULL,
    "paidCount" INTEGER NOT NULL DEFAULT 0,
    "failedCount" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reconciledAt" TIMESTAMP(3),

    CONSTRAINT "PaymentBatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SubsidyPolicy_kind_idx" ON "SubsidyPolicy"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyPolicy_code_version_key" ON "SubsidyPolicy"("code", "version");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyBudget_policyCode_countyCode_year_key" ON "SubsidyBudget"("policyCode", "countyCode", "year");

-- CreateIndex
CREATE INDEX "PayeeAccount_accountHash_idx" ON "PayeeAccount"("accountHash");

-- CreateIndex
CREATE UNIQUE INDEX "PayeeAccount_ownerType_ownerId_key" ON "PayeeAccount"("ownerType", "ownerId");

-- CreateIndex
CREATE INDEX "SubsidyClaim_countyCode_status_idx" ON "SubsidyClaim"("countyCode", "status");

-- CreateIndex
CREATE INDEX "SubsidyClaim_trainingClassId_idx" ON "SubsidyClaim"("trainingClassId");

-- CreateIndex
CREATE INDEX "SubsidyClaim_placementId_idx" ON "SubsidyClaim"("placementId");

-- CreateIndex
CREATE INDEX "SubsidyClaim_paymentBatchId_idx" ON "SubsidyClaim"("paymentBatchId");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyClaim_workerId_kind_period_key" ON "SubsidyClaim"("workerId", "kind", "period");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentBatch_number_key" ON "PaymentBatch"("number");

-- CreateIndex
CREATE INDEX "PaymentBatch_countyCode_createdAt_idx" ON "PaymentBatch"("countyCode", "createdAt");

-- AddForeignKey
ALTER TABLE "SubsidyClaim" ADD CONSTRAINT "SubsidyClaim_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "SubsidyPolicy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubsidyClaim" ADD CONSTRAINT "SubsidyClaim_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubsidyClaim" ADD CONSTRAINT "SubsidyClaim_countyCode_fkey" FOREIGN KEY ("countyCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubsidyClaim" ADD CONSTRAINT "SubsidyClaim_paymentBatchId_fkey" FOREIGN KEY ("paymentBatchId") REFERENCES "PaymentBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;
