-- The Orleans ADO.NET providers read their SQL from this table at start-up (SELECT QueryKey, QueryText FROM OrleansQuery,
-- unquoted, so the names are lower case here). Each following migration adds the queries for one provider.
CREATE TABLE IF NOT EXISTS orleansquery (
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);
