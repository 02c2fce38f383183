-- Issue 11, item 1: a masked resident ID keeps only its first four characters (the prefecture).
-- The last four (sequence digits and check character), with the county code and the birth year
-- that travel beside them, left too few candidates for the full number. Data only: re-mask the
-- stored masked forms written under the old rule (first four + last four).
UPDATE "Worker"
SET "idNumberMasked" = left("idNumberMasked", 4) || repeat('*', length("idNumberMasked") - 4)
WHERE length("idNumberMasked") > 8 AND right("idNumberMasked", 4) <> '****';
