#!/usr/bin/env python3
"""Merges sourced facts and lineage edges into the bundled catalog entries.

Facts (JSON lines: id, field, value, source, note): a value fills release_date / license / context_length /
params_total when the entry has none, and its source is kept in `fact_sources[field]`. A line with a null value and a
`searched` list records an explicit unknown: `unknown[field]` names the places searched.
Lineage (JSON lines: id, relation, parent, source, note; relation base_model | finetune_of | distilled_from |
quantized_from): every edge is kept in `lineage`, and base_model / distilled_from are filled when empty.
Run from the repository root: python3 tools/catalog/merge_facts.py --facts F... --lineage F...
"""
import glob
import json
import sys

FIELDS = {"release_date", "license", "context_length", "params_total"}
RELATIONS = {"base_model", "finetune_of", "distilled_from", "quantized_from"}


def searched(b):
    """Places really searched: a note that the fact was never looked for is not an explicit unknown."""
    s = [x for x in b.get("searched") or [] if "not reached" not in x and "time box" not in x]
    b["searched"] = s
    return bool(s)


def main(args):
    files = sorted(glob.glob("runyard-app/src/main/resources/catalog/models/*.json"))
    docs = {f: json.load(open(f, encoding="utf-8")) for f in files}
    models = {m["id"].lower(): m for d in docs.values() for m in d["models"]}
    mode = None
    facts = unknowns = edges = 0
    for a in args:
        if a in ("--facts", "--lineage"):
            mode = a
            continue
        for line in open(a, encoding="utf-8"):
            if not line.strip():
                continue
            b = json.loads(line)
            m = models.get(str(b.get("id", "")).lower())
            if m is None:
                continue
            if mode == "--facts" and b.get("field") in FIELDS:
                f = b["field"]
                if b.get("value") is not None and b.get("source"):
                    if m.get(f) is None:
                        v = b["value"]
                        m[f] = int(v) if f in ("context_length", "params_total") else v
                        if f == "params_total" and m.get("params_active") is None:
                            m["params_basis"] = m.get("params_basis") or "published"
                        m.setdefault("fact_sources", {})[f] = {"source": b["source"], "note": b.get("note")}
                        m.get("unknown", {}).pop(f, None)
                        facts += 1
                elif b.get("value") is None and searched(b) and m.get(f) is None:
                    m.setdefault("unknown", {})[f] = b["searched"]
                    unknowns += 1
            elif mode == "--lineage" and b.get("relation") in RELATIONS and b.get("parent") and b.get("source"):
                lin = m.setdefault("lineage", [])
                if any(x["relation"] == b["relation"] and x["parent"] == b["parent"] for x in lin):
                    continue
                lin.append({"relation": b["relation"], "parent": b["parent"], "source": b["source"],
                            "note": b.get("note")})
                if b["relation"] in ("base_model", "distilled_from") and not m.get(b["relation"]):
                    m[b["relation"]] = b["parent"]
                edges += 1
    for m in models.values():
        if m.get("unknown") == {}:
            del m["unknown"]  # every unknown was filled: no empty map left behind
    for f, d in docs.items():
        with open(f, "w", encoding="utf-8") as out:
            out.write(json.dumps(d, indent=2, ensure_ascii=True, allow_nan=False) + "\n")
    print(f"{facts} facts filled, {unknowns} explicit unknowns, {edges} lineage edges")


if __name__ == "__main__":
    main(sys.argv[1:])
