-- Saved rigs (the web app's "save a rig" form), shared by every server on this store. name_key is the name in
-- lower case (computed in Java, the same on both databases): names are unique whatever their case.
CREATE TABLE rigs (
    name_key    TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    gpu         TEXT,
    ram_gib     DOUBLE PRECISION,
    updated_at  TEXT NOT NULL
);
