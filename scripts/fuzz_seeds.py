#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target (Fuzz/Package.swift) from testvectors/ and
examples/ into Fuzz/seeds/<target>/ (gitignored; rebuilt on every run of scripts/fuzz.sh).

Seeds are the project's own vectors, copied as they are or turned into the input form the
target reads (a request file from a signing case's inputs, JSON Lines from request files).
"""
import hashlib
import json
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Fuzz" / "seeds"


def files(*patterns):
    found = []
    for pattern in patterns:
        found.extend(sorted(p for p in ROOT.glob(pattern) if p.is_file()))
    return found


def request_files():
    """Request objects: the examples, and one per signing case and SDK capture case."""
    seeds = [p.read_bytes() for p in files("examples/*.json")]
    for case in files("testvectors/*/*/*/case.json"):
        c = json.loads(case.read_text())
        params = c.get("params") or {}
        body = case.parent / "body.txt"
        if not params and body.exists():
            try:
                params = json.loads(body.read_text())
            except ValueError:
                params = {}
        request = {"provider": c.get("provider"), "action": c.get("action"), "params": params}
        if c.get("region"):
            request["region"] = c["region"]
        seeds.append(json.dumps(request, ensure_ascii=False, indent=2).encode())
    return seeds


def batch_lines(requests):
    """JSON Lines: the request files compacted, four to a file, with blank and CRLF lines."""
    lines = []
    for raw in requests:
        try:
            lines.append(json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":")).encode())
        except ValueError:
            pass
    seeds = []
    for i in range(0, len(lines), 4):
        group = lines[i:i + 4]
        seeds.append(b"\n".join(group) + b"\n")
        seeds.append(b"\r\n".join(group) + b"\r\n\r\n")
    return seeds


def main():
    requests = request_files()
    targets = {
        "FuzzRequestFile": requests,
        "FuzzBatchLines": batch_lines(requests),
        "FuzzRawHTTP": [p.read_bytes() for p in files("testvectors/captures/**/*.http", "examples/captures/*.http")],
        "FuzzCurl": [p.read_bytes() for p in files("testvectors/captures/**/*.curl", "examples/captures/*.curl")],
        "FuzzHAR": [p.read_bytes() for p in files("testvectors/captures/**/*.har", "examples/captures/*.har")],
        "FuzzDebugLog": [p.read_bytes() for p in files("testvectors/captures/logs/*", "examples/captures/*.log", "examples/captures/*.txt")],
        "FuzzResponseJSON": [p.read_bytes() for p in files("testvectors/responses/*/input.*")],
        "FuzzResponseXML": [p.read_bytes() for p in files("testvectors/responses/*/input.xml", "testvectors/responses/*xml*/input.*")],
    }
    only = sys.argv[1:]
    for target, seeds in targets.items():
        if only and target not in only:
            continue
        folder = OUT / target
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for seed in seeds:
            (folder / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
        print(f"{target}: {len(list(folder.iterdir()))} seeds in {folder.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
