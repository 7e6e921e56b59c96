-- A queryable index of every schedule (written by the schedule grains after each change) and the emails sent to
-- candidates (the local outbox in development, the sent log with SMTP).
CREATE TABLE IF NOT EXISTS schedule_index (
    org_id             text        NOT NULL,
    schedule_id        text        NOT NULL,
    application_id     bigint      NOT NULL,
    candidate_id       bigint      NOT NULL,
    status             text        NOT NULL,
    write_back         text        NOT NULL,
    pending_writes     integer     NOT NULL,
    failed_writes      integer     NOT NULL,
    oldest_pending_at  timestamptz,
    max_attempts       integer     NOT NULL,
    first_interview_at timestamptz,
    last_interview_at  timestamptz,
    drift_count        integer     NOT NULL,
    version            integer     NOT NULL,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT pk_schedule_index PRIMARY KEY (org_id, schedule_id)
);
CREATE INDEX IF NOT EXISTS ix_schedule_index_application ON schedule_index (org_id, application_id);
CREATE INDEX IF NOT EXISTS ix_schedule_index_write_back ON schedule_index (org_id, write_back);

CREATE TABLE IF NOT EXISTS sent_emails (
    org_id         text        NOT NULL,
    email_id       text        NOT NULL,
    schedule_id    text        NOT NULL,
    application_id bigint      NOT NULL,
    candidate_id   bigint      NOT NULL,
    kind           text        NOT NULL,
    to_address     text        NOT NULL,
    from_address   text        NOT NULL,
    cc             text[]      NOT NULL,
    subject        text        NOT NULL,
    body           text        NOT NULL,
    ics            text,
    transport      text        NOT NULL,
    sent_at        timestamptz NOT NULL,
    CONSTRAINT pk_sent_emails PRIMARY KEY (org_id, email_id)
);
CREATE INDEX IF NOT EXISTS ix_sent_emails_sent_at ON sent_emails (org_id, sent_at, email_id);
