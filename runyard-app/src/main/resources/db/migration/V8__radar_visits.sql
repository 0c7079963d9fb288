-- The radar's "new since your last visit", kept in the store so every server and the CLI on it agree. radar_models:
-- when a radar on this store first listed each catalog model (a model never listed is newer than every visit).
-- radar_visits: per visitor (a web visitor's cookie, the CLI's user), when they last looked and when their previous
-- visit was; a release first listed after that previous visit is new to them. Times are UTC instants written with
-- milliseconds, fixed width, so they order as text. One row per catalog model and per visitor: visits unseen for 400
-- days are pruned and at most 10,000 are kept (the newest), so no list grows with traffic.
CREATE TABLE radar_models (
    model_id      TEXT PRIMARY KEY,
    first_seen_at TEXT NOT NULL
);

CREATE TABLE radar_visits (
    visitor      TEXT PRIMARY KEY,
    visited_at   TEXT NOT NULL,
    previous_at  TEXT
);

CREATE INDEX radar_visits_visited_at ON radar_visits (visited_at);
