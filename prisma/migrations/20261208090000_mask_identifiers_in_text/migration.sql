-- Data only: ID numbers and mobiles written inside text that is kept and shown without a reveal are
-- masked as maskIdentifiersIn (app/domain/mask.ts) masks them from now on: an evidence file's
-- uploaded name (scans get named after the person's ID number) and the roster imports' error
-- reports (an ID number in the phone or another column, or in a problem's parameters). An ID number
-- keeps its first four characters (the prefecture), a mobile its first three and last four; in a
-- stored file name the stars are an underscore, as addEvidence writes them (1306_, 138_5678).
-- Re-running it changes nothing (masked forms no longer match).
UPDATE "PlacementEvidence"
SET "fileName" = regexp_replace(
      regexp_replace("fileName", '(?<![0-9])([0-9]{4})[0-9]{2}[ ]?[0-9]{8}[ ]?[0-9]{3}[0-9Xx](?![0-9Xx])', '\1_', 'g'),
      '(?<![0-9])(?:(?:\+|00)?86[ -]?)?(1[3-9][0-9])[ -]?[0-9]{4}[ -]?([0-9]{4})(?![0-9])', '\1_\2', 'g')
WHERE "fileName" ~ '[0-9]{11}|[0-9]{3}[ -][0-9]{4}';

-- The report also kept an ID number found in the phone column masked as a phone (first three, last
-- four: the sequence digits and check character): it keeps only the first three now.
UPDATE "RosterImport"
SET "errors" = regexp_replace(
      regexp_replace(
        regexp_replace("errors"::text, '(?<![0-9])([0-9]{4})[0-9]{2}[ ]?[0-9]{8}[ ]?[0-9]{3}[0-9Xx](?![0-9Xx])', '\1**************', 'g'),
        '(?<![0-9])(?:(?:\+|00)?86[ -]?)?(1[3-9][0-9])[ -]?[0-9]{4}[ -]?([0-9]{4})(?![0-9])', '\1****\2', 'g'),
      '(?<![0-9*])([0-9]{3})[*]{11}[0-9]{3}[0-9Xx](?![0-9Xx*])', '\1***************', 'g')::jsonb
WHERE "errors"::text ~ '[0-9]{11}|[0-9]{3}[ -][0-9]{4}|[0-9]{3}[*]{11}[0-9]{3}[0-9Xx]';
