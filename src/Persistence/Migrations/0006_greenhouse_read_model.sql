-- GemScheduling's copy of each org's Greenhouse data. Every table keeps the whole record as jsonb (what the API
-- returns) plus the columns its filters need. removed_at marks records a full sync no longer saw.
CREATE TABLE IF NOT EXISTS gh_offices (
    org_id text NOT NULL, id bigint NOT NULL, data jsonb NOT NULL,
    synced_at timestamptz NOT NULL, removed_at timestamptz,
    CONSTRAINT pk_gh_offices PRIMARY KEY (org_id, id));

CREATE TABLE IF NOT EXISTS gh_users (
    org_id text NOT NULL, id bigint NOT NULL, data jsonb NOT NULL,
    synced_at timestamptz NOT NULL, removed_at timestamptz,
    name_search text NOT NULL, email_search text[] NOT NULL, disabled boolean NOT NULL,
    CONSTRAINT pk_gh_users PRIMARY KEY (org_id, id));
CREATE INDEX IF NOT EXISTS ix_gh_users_email ON gh_users USING gin (email_search);

CREATE TABLE IF NOT EXISTS gh_jobs (
    org_id text NOT NULL, id bigint NOT NULL, data jsonb NOT NULL,
    synced_at timestamptz NOT NULL, removed_at timestamptz,
    status text NOT NULL, office_ids bigint[] NOT NULL, department_ids bigint[] NOT NULL,
    CONSTRAINT pk_gh_jobs PRIMARY KEY (org_id, id));
CREATE INDEX IF NOT EXISTS ix_gh_jobs_status ON gh_jobs (org_id, status, id);

CREATE TABLE IF NOT EXISTS gh_job_posts (
    org_id text NOT NULL, id bigint NOT NULL, data jsonb NOT NULL,
    synced_at timestamptz NOT NULL, removed_at timestamptz,
    job_id bigint, live boolean NOT NULL,
    CONSTRAINT pk_gh_job_posts PRIMARY KEY (org_id, id));
CREATE INDEX IF NOT EXISTS ix_gh_job_posts_job ON gh_job_posts (org_id, job_id);

CREATE TABLE IF NOT EXISTS gh_job_stages (
    org_id text NOT NULL, id bigint NOT NULL, data jsonb NOT NULL,
    synced_at timestamptz NOT NULL, removed_at timestamptz,
    job_id bigint NOT NULL,
    CONSTRAINT pk_gh_job_stages PRIMARY KEY (org_id, id));
CREATE INDEX IF NOT EXISTS ix_gh_job_stages_job ON gh_job_stages (org_id, job_id);

CREATE TABLE IF NOT EXISTS gh_candidates (
    org_id text NOT NULL, id bigint NOT NULL, data jsonb NOT NULL,
    synced_at timestamptz NOT NULL, removed_at timestamptz,
    name_search text NOT NULL, email_search text[] NOT NULL,
    CONSTRAINT pk_gh_candidates PRIMARY KEY (org_id, id));
CREATE INDEX IF NOT EXISTS ix_gh_candidates_email ON gh_candidates USING gin (email_search);

CREATE TABLE IF NOT EXISTS gh_applications (
    org_id text NOT NULL, id bigint NOT NULL, data jsonb NOT NULL,
    synced_at timestamptz NOT NULL, removed_at timestamptz,
    candidate_id bigint NOT NULL, job_id bigint, status text NOT NULL, stage_id bigint,
    CONSTRAINT pk_gh_applications PRIMARY KEY (org_id, id));
CREATE INDEX IF NOT EXISTS ix_gh_applications_job ON gh_applications (org_id, job_id, id);
CREATE INDEX IF NOT EXISTS ix_gh_applications_candidate ON gh_applications (org_id, candidate_id);

-- Applications with schedules: the sync tells their grains when job, status or stage change.
CREATE TABLE IF NOT EXISTS gh_tracked_applications (
    org_id text NOT NULL, application_id bigint NOT NULL,
    CONSTRAINT pk_gh_tracked_applications PRIMARY KEY (org_id, application_id));
