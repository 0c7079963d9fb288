-- Per-repository sync progress. Each repo's own lastModified (and sha, when the Hub lists one) is written in the
-- transaction that handles the repo, so a rerun skips exactly the repos already done, however many share a
-- timestamp, and retries the rest. sync_state's hub_cursor is only the oldest point a run still has to list from.
-- A quantized repo whose base model is not in the store yet waits here (outcome 'pending', with its format and
-- quants) and is attached when the base lands, whatever order the Hub lists them in.
CREATE TABLE sync_repos (
    repo_id        TEXT PRIMARY KEY,
    last_modified  TEXT NOT NULL,
    sha            TEXT,
    outcome        TEXT NOT NULL,
    base_model     TEXT,
    format         TEXT,
    quants         TEXT,
    updated_at     TEXT NOT NULL
);
CREATE INDEX sync_repos_outcome ON sync_repos (outcome);
