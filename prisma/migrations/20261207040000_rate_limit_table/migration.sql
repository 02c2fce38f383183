-- Web on every core (issue 13): without Redis, rate-limit counters live in PostgreSQL so every web
-- process counts against the same limit. The shape rate-limiter-flexible's RateLimiterPostgres
-- expects (it is told the table exists and never creates one itself).
CREATE TABLE "RateLimit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);
