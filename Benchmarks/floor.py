#!/usr/bin/env python3
"""The Python floor: read every .json.gz under DIR, gzip-decompress it, orjson.loads it; one core.

Prints one JSON object: {"reports": N, "seconds": S, "parser": "orjson"|"json", "bytes": B}.
Falls back to the standard json module (and says so) when orjson is not importable.
The directory walk is part of the timed work, as it is for the tools being compared.
"""
import json
import os
import sys
import time
import zlib

try:
    import orjson

    loads, parser = orjson.loads, "orjson"
except ImportError:  # pragma: no cover - the runner installs orjson when it can
    loads, parser = json.loads, "json"


def walk(top):
    stack = [top]
    while stack:
        with os.scandir(stack.pop()) as it:
            for entry in it:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.name.endswith(".json.gz"):
                    yield entry.path


def main():
    top = sys.argv[1]
    t0 = time.perf_counter()
    n = total = 0
    for path in walk(top):
        with open(path, "rb") as f:
            data = f.read()
        doc = loads(zlib.decompress(data, 16 + zlib.MAX_WBITS))
        if not doc.get("policies") and doc.get("policies") != []:
            raise SystemExit(f"{path}: not a report")
        total += len(data)
        n += 1
    print(json.dumps({"reports": n, "seconds": round(time.perf_counter() - t0, 4), "parser": parser,
                      "bytes": total}))


if __name__ == "__main__":
    main()
