-- The catalog store. One migration set for SQLite and PostgreSQL: only types and syntax both accept
-- (TEXT, BIGINT, INTEGER, BOOLEAN, DOUBLE PRECISION; JSON kept as TEXT; timestamps as ISO-8601 TEXT in UTC).

CREATE TABLE models (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    family            TEXT,
    org               TEXT,
    base_model        TEXT,
    distilled_from    TEXT,
    release_date      TEXT,
    license           TEXT,
    open_weights      BOOLEAN NOT NULL,
    modalities        TEXT,
    context_length    BIGINT,
    params_total      BIGINT,
    params_active     BIGINT,
    params_published  BIGINT,
    params_basis      TEXT,
    config            TEXT,
    source_url        TEXT,
    notes             TEXT,
    origin            TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX models_family ON models (family);
CREATE INDEX models_release ON models (release_date);

CREATE TABLE benchmarks (
    model_id  TEXT NOT NULL,
    pos       INTEGER NOT NULL,
    name      TEXT NOT NULL,
    score     DOUBLE PRECISION NOT NULL,
    setting   TEXT,
    source    TEXT,
    PRIMARY KEY (model_id, pos)
);

-- Quantized repositories of a model; origin says who wrote the row, so a newer jar replaces only its own.
CREATE TABLE variants (
    model_id  TEXT NOT NULL,
    repo_id   TEXT NOT NULL,
    format    TEXT NOT NULL,
    quants    TEXT NOT NULL,
    source    TEXT,
    origin    TEXT NOT NULL,
    PRIMARY KEY (model_id, repo_id)
);

CREATE TABLE engines (
    model_id   TEXT NOT NULL,
    engine     TEXT NOT NULL,
    supported  BOOLEAN,
    since      TEXT,
    note       TEXT,
    source     TEXT,
    PRIMARY KEY (model_id, engine)
);

-- Key/value state: store_meta holds the bundled data version, sync_state the hub cursor.
CREATE TABLE store_meta (
    meta_key    TEXT PRIMARY KEY,
    meta_value  TEXT NOT NULL
);

CREATE TABLE sync_state (
    state_key    TEXT PRIMARY KEY,
    state_value  TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
