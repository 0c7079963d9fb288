-- The artifact registry: the files each quantized repository holds (quant, path, bytes, whether the bytes are the
-- Hub's exact count, shards) and its weight bits, as one JSON object; NULL when nobody listed the repo's files.
ALTER TABLE variants ADD COLUMN files TEXT;
ALTER TABLE sync_repos ADD COLUMN files TEXT;
