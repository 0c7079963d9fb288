-- Hub documents read for a repository outside the catalog (estimate/calc/run/compare on any owner/repo): the text
-- as the Hub answered it (config.json, with its quantization_config), the address it was read from and when, so a
-- second lookup needs no network and works offline; --refresh reads it again. Keyed by the full URL, so two hubs
-- (--hub-url) never share a copy.
CREATE TABLE hub_documents (
    url         TEXT PRIMARY KEY,
    repo_id     TEXT NOT NULL,
    file        TEXT NOT NULL,
    body        TEXT NOT NULL,
    fetched_at  TEXT NOT NULL
);
