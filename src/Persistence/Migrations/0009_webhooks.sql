-- Greenhouse webhooks: an interview_deleted delivery names only the Greenhouse interview, so the schedule index keeps the
-- Greenhouse ids of each schedule's interviews, written with the rest of the entry (no extra write per change).
ALTER TABLE schedule_index ADD COLUMN IF NOT EXISTS greenhouse_interview_ids bigint[] NOT NULL DEFAULT '{}';
CREATE INDEX IF NOT EXISTS ix_schedule_index_greenhouse_interviews ON schedule_index USING gin (greenhouse_interview_ids);
