-- Persisted snapshots of the embedded search engine (issue 13: restart to searchable at 1M).
-- Written by the workers once changes settle; a restarted process restores the latest one and
-- replays search_document's change feed after its "seq" instead of rebuilding from every
-- document. One row per part (at most 16 MB each) of one snapshot per index.
CREATE TABLE "search_snapshot" (
    "index_name" TEXT NOT NULL,
    "part" INTEGER NOT NULL,
    "seq" BIGINT NOT NULL,
    "data" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_snapshot_pkey" PRIMARY KEY ("index_name","part")
);

-- Bitmaps and float arrays barely compress: store them out of line without trying (pglz would
-- spend CPU on every write and read for nothing).
ALTER TABLE "search_snapshot" ALTER COLUMN "data" SET STORAGE EXTERNAL;
