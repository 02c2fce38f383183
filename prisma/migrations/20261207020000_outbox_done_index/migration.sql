-- Operability (issue 16 item 8): /metrics reads the outbox's lag (oldest row whose job has not run)
-- on every scrape, and the sweeper looks for undone rows; both by this index, not a table scan.
CREATE INDEX "Outbox_doneAt_id_idx" ON "Outbox"("doneAt", "id");
