-- A model's catalog entry as one JSON object (TEXT on both databases), written and read by one mapper
-- (dev.runyard.app.entry.CatalogJson) for bundled and synced models alike, in the shape of
-- docs/schema/catalog-entry.schema.json. The other columns of models are what queries filter and sort on, written
-- from the entry; base_model, distilled_from, modalities, config, notes and facts are no longer written (the entry
-- holds them), and a model's benchmarks and engines live in its entry. Rows written before this migration are
-- rewritten into entries when the store is opened (LegacyRows).
ALTER TABLE models ADD COLUMN entry TEXT;
DROP TABLE benchmarks;
DROP TABLE engines;
