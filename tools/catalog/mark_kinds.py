#!/usr/bin/env python3
"""Marks pretrained checkpoints whose ids do not say so ("Meta-Llama-3-8B", "Qwen2.5-7B") as kind "base".

Rule: the catalog also holds the same id with an instruction-tuned suffix (-Instruct, -Chat, -it, -hf-chat ...),
which the publisher tuned from this checkpoint. Qwen3's un-suffixed ids are hybrid thinking chat models (their base
checkpoints are "-Base"), so they are left alone. Run from the repository root: python3 tools/catalog/mark_kinds.py
"""
import glob
import json

SUFFIXES = ["-instruct", "-chat", "-it", "-instruct-2507"]
NOT_BASE_PREFIXES = ("qwen/qwen3-",)


def main():
    files = sorted(glob.glob("runyard-app/src/main/resources/catalog/models/*.json"))
    docs = {f: json.load(open(f, encoding="utf-8")) for f in files}
    ids = {m["id"].lower() for d in docs.values() for m in d["models"]}
    marked = 0
    for d in docs.values():
        for m in d["models"]:
            i = m["id"].lower()
            tuned = [i + s for s in SUFFIXES] + [i.removesuffix("-hf") + s + "-hf" for s in SUFFIXES]
            if any(t in ids for t in tuned) and not i.startswith(NOT_BASE_PREFIXES):
                m["kind"] = "base"
                marked += 1
    for f, d in docs.items():
        with open(f, "w", encoding="utf-8") as out:
            out.write(json.dumps(d, indent=2, ensure_ascii=True, allow_nan=False) + "\n")
    print(f"{marked} models marked base")


if __name__ == "__main__":
    main()
