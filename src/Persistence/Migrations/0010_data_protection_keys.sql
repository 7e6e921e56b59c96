-- ASP.NET Core data-protection keys (form anti-forgery tokens, session cookies), shared by every replica so a form
-- rendered by one is accepted by another. Each key's XML is encrypted with the master key before it is stored.
CREATE TABLE IF NOT EXISTS data_protection_keys (
    friendly_name text        PRIMARY KEY,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
