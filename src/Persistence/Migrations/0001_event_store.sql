-- GemScheduling event store: one row per stream, an append-only event table, and optional snapshots.
CREATE TABLE IF NOT EXISTS event_streams (
    stream_id   text        PRIMARY KEY,
    category    text        NOT NULL,
    version     integer     NOT NULL CHECK (version >= 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS events (
    global_position bigint      GENERATED ALWAYS AS IDENTITY,
    stream_id       text        NOT NULL REFERENCES event_streams (stream_id),
    version         integer     NOT NULL CHECK (version > 0),
    event_id        uuid        NOT NULL,
    event_type      text        NOT NULL,
    data            jsonb       NOT NULL,
    metadata        jsonb,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_events PRIMARY KEY (stream_id, version),
    CONSTRAINT uq_events_event_id UNIQUE (event_id)
);

CREATE INDEX IF NOT EXISTS ix_events_global_position ON events (global_position);
CREATE INDEX IF NOT EXISTS ix_event_streams_category ON event_streams (category);

CREATE TABLE IF NOT EXISTS event_snapshots (
    stream_id      text        PRIMARY KEY REFERENCES event_streams (stream_id),
    version        integer     NOT NULL,
    state_type     text        NOT NULL,
    schema_version integer     NOT NULL,
    data           jsonb       NOT NULL,
    taken_at       timestamptz NOT NULL DEFAULT now()
);

-- Events are facts: once written they are never changed or removed.
CREATE OR REPLACE FUNCTION events_are_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events is append-only: % is not allowed', TG_OP;
END;
$$;

DROP TRIGGER IF EXISTS trg_events_append_only ON events;
CREATE TRIGGER trg_events_append_only
    BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_are_append_only();
