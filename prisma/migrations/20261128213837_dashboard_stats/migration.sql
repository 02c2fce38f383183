-- CreateTable
CREATE TABLE "DashboardStat" (
    "regionCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "dim" TEXT NOT NULL DEFAULT '',
    "value" INTEGER NOT NULL,

    CONSTRAINT "DashboardStat_pkey" PRIMARY KEY ("year","regionCode","metric","dim","month")
);

-- CreateIndex
CREATE INDEX "DashboardStat_year_metric_idx" ON "DashboardStat"("year", "metric");
