#!/usr/bin/env python3
"""Merges gathered repository listings (JSON lines, one repo each) into the bundled catalog's quantized_repos.

Each input line: {repo, base_model, format, bits, files:[{quant, file, size, unit, parts}], listing, source, found,
note}. Sizes are converted from the unit printed on the page (GB = 1e9, MB = 1e6, GiB = 2^30, MiB = 2^20) and kept
as not exact. A repo whose page showed no files stays known but unlisted. Byte-split files (.partNofM, which llama.cpp
cannot load without joining them) and mmproj files are left out of the listing. Run from the repository root:
    python3 tools/registry/merge_listings.py LISTING.jsonl...
"""
import glob
import json
import re
import sys

UNITS = {"GB": 1e9, "MB": 1e6, "GIB": 2 ** 30, "MIB": 2 ** 20, "KB": 1e3}
CATALOG = "runyard-app/src/main/resources/catalog/models/*.json"


def files_of(rec):
    out = []
    dropped = []
    for f in rec.get("files") or []:
        q = (f.get("quant") or "").strip()
        path = f.get("file")
        if not q or q.lower().startswith("mmproj"):
            continue
        if path and re.search(r"\.part\d+of\d+$", path):
            dropped.append(q)
            continue
        entry = {"quant": q}
        if path:
            entry["file"] = path
        size, unit = f.get("size"), (f.get("unit") or "").upper()
        if isinstance(size, (int, float)) and size > 0 and unit in UNITS:
            entry["bytes"] = int(round(size * UNITS[unit]))
        entry["exact"] = False
        if isinstance(f.get("parts"), int) and f["parts"] > 0:
            entry["parts"] = f["parts"]
        out.append(entry)
    return out, dropped


def main(paths):
    records = {}
    for p in paths:
        for line in open(p, encoding="utf-8"):
            line = line.strip()
            if not line:
                continue
            r = json.loads(line)
            old = records.get(r["repo"].lower())
            if old is None or len(r.get("files") or []) > len(old.get("files") or []):
                records[r["repo"].lower()] = r
    files = sorted(glob.glob(CATALOG))
    docs = {f: json.load(open(f, encoding="utf-8")) for f in files}
    models = {m["id"].lower(): m for d in docs.values() for m in d["models"]}
    listed = added = unlisted = skipped = 0
    for r in records.values():
        m = models.get((r.get("base_model") or "").lower())
        if m is None:
            skipped += 1
            continue
        repos = m.setdefault("quantized_repos", [])
        entry = next((q for q in repos if q["id"].lower() == r["repo"].lower()), None)
        fs, dropped = files_of(r)
        if "pattern" in (r.get("note") or ""):
            # A path inferred from the shard naming pattern, not read: keep the sizes, not the path.
            for f in fs:
                f.pop("file", None)
        if entry is None:
            if not r.get("found") or not r.get("source"):
                continue
            entry = {"id": r["repo"], "format": r["format"], "quants": [], "source": r["source"]}
            repos.append(entry)
            added += 1
        if r.get("found") and fs:
            entry["files"] = fs
            entry["listing_source"] = r.get("source")
            entry["listing"] = r.get("listing") or "other"
            if isinstance(r.get("bits"), int):
                entry["bits"] = r["bits"]
            note = (r.get("note") or "").strip()
            if dropped:
                note = (note + " " if note else "") + "Byte-split files left out (join them before loading): " \
                    + ", ".join(dropped) + "."
            if note:
                entry["listing_note"] = note
            listed += 1
        else:
            unlisted += 1
    for f, d in docs.items():
        with open(f, "w", encoding="utf-8") as out:
            out.write(json.dumps(d, indent=2, ensure_ascii=True) + "\n")
    print(f"{len(records)} repos read: {listed} listed, {unlisted} without a file list, {added} new repos, "
          f"{skipped} for models not in the catalog")


if __name__ == "__main__":
    main(sys.argv[1:])
