-- Which orgs exist, so a bearer token naming an unknown org is refused without activating its grain.
CREATE TABLE IF NOT EXISTS orgs (
    org_id     text        PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Orgs created before this table existed.
INSERT INTO orgs (org_id)
SELECT substring(stream_id FROM length('org/') + 1) FROM event_streams WHERE category = 'org'
ON CONFLICT (org_id) DO NOTHING;

-- When each API token was last used: kept out of the event stream, so authenticating writes no event.
CREATE TABLE IF NOT EXISTS api_token_usage (
    org_id       text        NOT NULL,
    token_id     text        NOT NULL,
    last_used_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, token_id)
);
