-- One row per append instead of one per event. A schedule create appended 21 event rows, each with a heap tuple and
-- three index entries (the primary key, a unique event id that nothing looked up, a global position that nothing read):
-- about 84 WAL records, most of what PostgreSQL spent on the create. A page holds an append's events in parallel arrays
-- and has one index entry, keyed by its last version so that "events after version N" is one range scan.
-- Event ids stay stored but are no longer indexed: they are random and only ever read with their event.
--
-- Replicas still running the old code would append to the old table: wait for it at most 10 s, take it for the copy,
-- then drop it, so an old replica's append fails loudly instead of landing where nothing reads it.
SET LOCAL lock_timeout = '10s';

CREATE TABLE event_pages (
    stream_id     text        NOT NULL,
    first_version integer     NOT NULL CHECK (first_version > 0),
    last_version  integer     NOT NULL,
    event_ids     uuid[]      NOT NULL,
    event_types   text[]      NOT NULL,
    data          jsonb[]     NOT NULL,
    metadata      jsonb[]     NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_event_pages PRIMARY KEY (stream_id, last_version),
    CONSTRAINT ck_event_pages_span CHECK (
        cardinality(event_ids) > 0
        AND last_version = first_version + cardinality(event_ids) - 1
        AND cardinality(event_types) = cardinality(event_ids)
        AND cardinality(data) = cardinality(event_ids)
        AND cardinality(metadata) = cardinality(event_ids))
) WITH (toast_tuple_target = 8160); -- keep pages up to a heap page inline and uncompressed: a create's pages are 1-6 kB

-- Larger pages (a snapshot-sized burst) are compressed with lz4, cheaper on CPU than the default pglz.
ALTER TABLE event_pages ALTER COLUMN data SET COMPRESSION lz4;

LOCK TABLE events IN EXCLUSIVE MODE;
INSERT INTO event_pages (stream_id, first_version, last_version, event_ids, event_types, data, metadata, recorded_at)
SELECT stream_id, version, version, ARRAY[event_id], ARRAY[event_type], ARRAY[data], ARRAY[metadata], recorded_at
FROM events;
DROP TABLE events;

CREATE TRIGGER trg_event_pages_append_only
    BEFORE UPDATE OR DELETE ON event_pages
    FOR EACH ROW EXECUTE FUNCTION events_are_append_only();

-- One row per event, as before, for operators and ad-hoc queries. The service reads the pages themselves.
CREATE VIEW events AS
SELECT p.stream_id, p.first_version + (e.ordinal - 1)::integer AS version, e.event_id, e.event_type, e.data, e.metadata,
       p.recorded_at
FROM event_pages p
CROSS JOIN LATERAL unnest(p.event_ids, p.event_types, p.data, p.metadata) WITH ORDINALITY
    AS e(event_id, event_type, data, metadata, ordinal);
