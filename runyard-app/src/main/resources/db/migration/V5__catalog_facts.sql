-- Facts the catalog keeps beside a model's row, as one JSON object (TEXT on both databases): its kind where the id
-- does not say it, what its config is (config_status: verified / unverified / unplaced / missing), lineage edges
-- with their sources, and the explicit unknowns (which places were searched for a missing fact).
ALTER TABLE models ADD COLUMN facts TEXT;
-- Whether a benchmark score was reported by the vendor or measured independently (NULL: not stated).
ALTER TABLE benchmarks ADD COLUMN reported_by TEXT;
