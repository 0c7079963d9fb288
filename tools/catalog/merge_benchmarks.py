#!/usr/bin/env python3
"""Adds benchmark scores (JSON lines: id, name, score, setting, source) to the bundled catalog entries.

A score joins its model's `benchmarks` unless the same benchmark with the same setting is already there; every score
keeps its source URL and setting. Run from the repository root: python3 tools/catalog/merge_benchmarks.py FILE...
"""
import glob
import json
import sys

NAMES = {"MMLU-Pro", "GPQA Diamond", "SWE-bench Verified", "LiveCodeBench", "AIME 2025", "AIME 2024", "MATH-500",
         "IFEval", "MMLU", "HumanEval", "GSM8K", "MATH", "Arena-Hard", "BFCL v3", "BBH", "GPQA", "MuSR", "MATH Lvl 5"}
# The Open LLM Leaderboard v2 shows normalized scores (random-guess baseline subtracted and rescaled): they are kept
# under their own names so they are never ranked against a vendor's raw accuracy on the same benchmark.
OLL = "Open LLM Leaderboard v2 "


def name_of(b):
    setting = (b.get("setting") or "").lower()
    if "open llm leaderboard v2" in setting and "normaliz" in setting:
        return OLL + b["name"]
    return b["name"]


def main(paths):
    files = sorted(glob.glob("runyard-app/src/main/resources/catalog/models/*.json"))
    docs = {f: json.load(open(f, encoding="utf-8")) for f in files}
    models = {m["id"].lower(): m for d in docs.values() for m in d["models"]}
    added = skipped = 0
    for p in paths:
        for line in open(p, encoding="utf-8"):
            line = line.strip()
            if not line:
                continue
            b = json.loads(line)
            m = models.get(str(b.get("id", "")).lower())
            score = b.get("score")
            if m is None or b.get("name") not in NAMES or not isinstance(score, (int, float)) or not b.get("source") \
                    or not (0 <= score <= 100):
                skipped += 1
                continue
            bench = m.setdefault("benchmarks", [])
            name = name_of(b)
            if any(x["name"] == name and (x.get("setting") or "") == (b.get("setting") or "") for x in bench):
                continue
            entry = {"name": name, "score": score, "setting": b.get("setting"), "source": b["source"]}
            if b.get("reported_by"):
                entry["reported_by"] = b["reported_by"]
            bench.append(entry)
            added += 1
    for f, d in docs.items():
        with open(f, "w", encoding="utf-8") as out:
            out.write(json.dumps(d, indent=2, ensure_ascii=True) + "\n")
    print(f"{added} scores added, {skipped} skipped")


if __name__ == "__main__":
    main(sys.argv[1:])
