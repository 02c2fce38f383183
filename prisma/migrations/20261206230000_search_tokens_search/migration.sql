-- The embedded search engine loads in the background after a restart; until it is warm, text
-- queries are answered here. Each document's index tokens (Han unigrams and bigrams, Latin/digit
-- words: app/services/search/chinese.ts) with a GIN index make them selective. NULL for rows
-- written before this migration and for tombstones (they match no text query).
ALTER TABLE "search_document" ADD COLUMN "tokens" TEXT[];

CREATE INDEX "search_document_tokens_idx" ON "search_document" USING GIN ("tokens");
