#!/usr/bin/env python3
"""Puts config.json copies (JSON lines: id, config, source, note) into the bundled catalog entries.

A line replaces a model's missing or recalled config. A config read from a quantized sibling repository keeps its
architecture but loses its quantization_config (the catalog entry is the unquantized model); an entry that IS a
quantized release is left alone when the copy lacks its quantization details. Every entry's `config_status` says
what its config is: "verified" (read from a copy of config.json, source in config_source), "unverified" (recalled;
validated only by the parameter count), "unplaced" (a real config kept in config_unplaced that the estimator cannot
read yet) or "missing". Run from the repository root:
python3 tools/catalog/merge_configs.py FILE...
"""
import glob
import json
import sys

# Quantized releases whose quantization lives outside the copied config (hf_quant_config.json): sizing them from it
# would plan 16-bit weights.
SKIP = {"nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-NVFP4", "nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-FP8"}
# Real configs the estimator cannot read yet (CatalogDataTest fails on a config that does not parse): kept aside in
# config_unplaced, with the reason.
UNPLACEABLE = {
    # LFM2/LFM2-MoE, nemotron-nas (DeciLM) and the nemotron_h layers_block_type variants are modelled since round 4;
    # configs kept aside for them are placed by place_unplaced() below.
}


def finite(v):
    """JSON has no Infinity/NaN (Python's config.json writer emits them): keep them as the strings they print as."""
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return str(v).replace("inf", "Infinity").replace("nan", "NaN")
    if isinstance(v, dict):
        return {k: finite(x) for k, x in v.items()}
    if isinstance(v, list):
        return [finite(x) for x in v]
    return v


def place_unplaced(entries):
    """A config kept in config_unplaced whose architecture the estimator now reads becomes the entry's config."""
    placed = set()
    for m in entries:
        if m.get("config") is None and m.get("config_unplaced") and m["id"] not in UNPLACEABLE:
            m["config"] = m.pop("config_unplaced")
            m["config_check"] = (m.get("config_check") or "").split(" | not placeable: ")[0]
            m["config_status"] = "verified"
            placed.add(m["id"])
    return placed


def main(paths):
    files = sorted(glob.glob("runyard-app/src/main/resources/catalog/models/*.json"))
    docs = {f: json.load(open(f, encoding="utf-8")) for f in files}
    models = {m["id"].lower(): m for d in docs.values() for m in d["models"]}
    merged = 0
    placed = set()
    for p in paths:
        for line in open(p, encoding="utf-8"):
            if not line.strip():
                continue
            b = json.loads(line)
            m = models.get(str(b.get("id", "")).lower())
            cfg = b.get("config")
            # a helper marks a config borrowed from a loosely related repo WEAK: not good enough to size from
            if m is None or not isinstance(cfg, dict) or not b.get("source") or m["id"] in SKIP \
                    or "WEAK" in (b.get("note") or ""):
                continue
            note = b.get("note") or ""
            cfg = finite(dict(cfg))
            sibling = "config of the quant" in note or "quantized sibling" in note
            if sibling and "quantization_config" in cfg:
                del cfg["quantization_config"]
                note += " [quantization_config of the quantized sibling removed]"
            m["config_source"] = b["source"]
            m["config_check"] = "config.json copy: " + note
            if m["id"] in UNPLACEABLE:
                m["config"] = None
                m["config_unplaced"] = cfg
                m["config_check"] += " | not placeable: " + UNPLACEABLE[m["id"]]
            else:
                m["config"] = cfg
                m.pop("config_unplaced", None)
                placed.add(m["id"])
            # a config merged now was read from a copy: the status follows the row, not what the entry said before
            m["config_status"] = b.get("status", "unplaced" if m["id"] in UNPLACEABLE else "verified")
            merged += 1
    placed |= place_unplaced(models.values())
    for d in docs.values():
        for m in d["models"]:
            src = m.get("config_source") or ""
            if m.get("config") is None:
                # a real config the estimator cannot read yet is kept aside, not lost
                m["config_status"] = "unplaced" if m.get("config_unplaced") else "missing"
            elif src.startswith("recalled"):
                m["config_status"] = "unverified"
            elif "config_status" not in m or m["config_status"] in ("unplaced", "missing"):
                # a real config placed (kept aside earlier, or newly found) is a verified one
                m["config_status"] = "verified"
    for f, d in docs.items():
        with open(f, "w", encoding="utf-8") as out:
            out.write(json.dumps(d, indent=2, ensure_ascii=True, allow_nan=False) + "\n")
    print(f"{merged} configs merged")


if __name__ == "__main__":
    main(sys.argv[1:])
