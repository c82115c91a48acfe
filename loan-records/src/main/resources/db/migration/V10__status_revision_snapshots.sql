-- Each status revision as the borrower sees it, so a live status stream that reconnects with
-- Last-Event-ID resumes from any revision, not only the latest. Revisions recorded before this
-- migration have none; a stream gives their application's latest status instead.
alter table application_status_history add column snapshot jsonb;
