-- Rollback of 20261205120200_record_runs_that_could_not_start.sql.
drop function run_engine.record_unstarted_run(uuid, uuid, text, text, bigint, text);
