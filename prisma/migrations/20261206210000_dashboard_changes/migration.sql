-- The dashboard's figures (DashboardStat) are recomputed from the records by a job. So that a page
-- can tell whether records that feed them changed since the last refresh, and the workers can
-- refresh within seconds of such a change, every write to those records draws a number from one
-- sequence. A sequence never blocks (nextval is outside transactions), so concurrent writers do not
-- queue behind each other as they would on a counter row. The refresh stores the number it saw.
CREATE SEQUENCE "dashboard_change_seq";

CREATE FUNCTION "dashboard_touch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('dashboard_change_seq');
  RETURN NULL;
END $$;

-- Tables whose every write can move a figure: one draw per statement.
CREATE TRIGGER "Enrollment_dashboard_touch" AFTER INSERT OR UPDATE OR DELETE ON "Enrollment" FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_touch"();
CREATE TRIGGER "TrainingClass_dashboard_touch" AFTER INSERT OR UPDATE OR DELETE ON "TrainingClass" FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_touch"();
CREATE TRIGGER "Placement_dashboard_touch" AFTER INSERT OR UPDATE OR DELETE ON "Placement" FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_touch"();
CREATE TRIGGER "FollowUp_dashboard_touch" AFTER INSERT OR UPDATE OR DELETE ON "FollowUp" FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_touch"();

-- Workers: registrations count, and the columns the figures group by; the matcher's and the
-- indexer's frequent writes to other columns do not.
CREATE TRIGGER "Worker_dashboard_touch_ins" AFTER INSERT OR DELETE ON "Worker" FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_touch"();
CREATE TRIGGER "Worker_dashboard_touch_upd" AFTER UPDATE ON "Worker" FOR EACH ROW
  WHEN (OLD."countyCode" IS DISTINCT FROM NEW."countyCode" OR OLD."isRegisteredPoor" IS DISTINCT FROM NEW."isRegisteredPoor"
     OR OLD."hasPriorityFactors" IS DISTINCT FROM NEW."hasPriorityFactors" OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt")
  EXECUTE FUNCTION "dashboard_touch"();

-- Matches: only those that reached a person (invited, accepted, hired) count; the matcher's
-- proposals come and go all day and move nothing.
CREATE TRIGGER "Match_dashboard_touch_ins" AFTER INSERT ON "Match" FOR EACH ROW
  WHEN (NEW."status" IN ('INVITED', 'ACCEPTED', 'HIRED')) EXECUTE FUNCTION "dashboard_touch"();
CREATE TRIGGER "Match_dashboard_touch_upd" AFTER UPDATE ON "Match" FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" AND (OLD."status" IN ('INVITED', 'ACCEPTED', 'HIRED') OR NEW."status" IN ('INVITED', 'ACCEPTED', 'HIRED')))
  EXECUTE FUNCTION "dashboard_touch"();
CREATE TRIGGER "Match_dashboard_touch_del" AFTER DELETE ON "Match" FOR EACH ROW
  WHEN (OLD."status" IN ('INVITED', 'ACCEPTED', 'HIRED')) EXECUTE FUNCTION "dashboard_touch"();
