#!/usr/bin/env python3
"""Batches of any size: `sigscope sign --batch` on 50,000, 500,000 and 2,000,000 TC3 requests,
from a file and from a pipe, with peak RSS and time per request at each size.

    python3 scripts/bench/batch_sizes.py                 # the three sizes (a few minutes)
    python3 scripts/bench/batch_sizes.py --sizes 20000   # a smoke test
    python3 scripts/bench/batch_sizes.py --json docs/performance-batch-sizes.json

It builds the release binary (scripts/release.sh) and maxrss.c, writes each input to a temporary
file (2,000,000 lines are about 1.5 GB), and runs every size from the file (`sign --batch FILE`)
and from a pipe (`cat FILE | sign --batch -`), output to /dev/null, each the best of `--runs`
runs by wall time. Peak RSS is sigscope's own (through maxrss). A run counts only if an untimed
check run of the same input exits 0 with exactly one output line per request, none an error.

The requests are CreateNetworkInterface lines as real batches have them: four regions in
rotation, names and descriptions with JSON escapes (quote, backslash, tab, \\u00e9) and
non-BMP characters (U+1F680, U+1D11E), and tag lists of 5 to 20 tags.

Targets (issue 28): peak RSS under 100 MB at every size, and the time per request at 2,000,000
within 1.2x of that at 50,000.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the same build, credentials and timestamp as the main benchmark)

REGIONS = ["ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-singapore"]


def request_line(i):
    tags = [{"Key": "team-%d" % t, "Value": "net \U0001F680 %d/%d" % (i, t)} for t in range(5 + i % 16)]
    params = {
        "VpcId": "vpc-%08x" % (i * 2654435761 % (1 << 32)), "SubnetId": "subnet-76r802pg",
        "NetworkInterfaceName": "eni \"%d\" \\ 网卡 \U0001D11E" % i,
        "NetworkInterfaceDescription": "batch\tline %d caf\u00e9" % i,
        "SecurityGroupIds": ["sg-05bb4upy"],
        "PrivateIpAddresses": [{"PrivateIpAddress": "172.16.%d.%d" % (i // 250 % 250, i % 250 + 1), "Primary": True}],
        "Tags": tags,
    }
    # ensure_ascii on every fourth line: \uXXXX escapes (surrogate pairs for the non-BMP ones) instead of raw UTF-8.
    return json.dumps({"provider": "tencent", "action": "CreateNetworkInterface", "region": REGIONS[i % 4], "params": params},
                      ensure_ascii=(i % 4 == 3)) + "\n"


def write_input(path, count):
    with open(path, "w", encoding="utf-8") as f:
        block = []
        for i in range(count):
            block.append(request_line(i))
            if len(block) == 10000:
                f.write("".join(block))
                block = []
        f.write("".join(block))


def timed(cmd, stdin_path=None, pipe=False, stdout=subprocess.DEVNULL):
    """Wall seconds, CPU seconds of sigscope (and of maxrss, which does nothing), its peak RSS
    in KiB, its exit status and stderr. With `pipe`, the input comes through `cat FILE |`."""
    fd, rss_file = tempfile.mkstemp(prefix="sigscope-rss-")
    os.close(fd)
    feeder = None
    stdin = None
    if stdin_path and pipe:
        feeder = subprocess.Popen(["cat", stdin_path], stdout=subprocess.PIPE)
        stdin = feeder.stdout
    start = time.perf_counter()
    process = subprocess.Popen([bench.MAXRSS, rss_file] + cmd, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE)
    if feeder:
        feeder.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if feeder:
        feeder.wait()
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    with open(rss_file) as f:
        text = f.read().strip()
    os.remove(rss_file)
    return elapsed, usage.ru_utime + usage.ru_stime, int(text) if text else None, os.waitstatus_to_exitcode(status), stderr


def command(binary, source):
    return bench.batch_command(binary, source)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50000, 500000, 2000000])
    parser.add_argument("--runs", type=int, default=3, help="runs per size and input kind (best wall time counts)")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()

    binary, _ = bench.build()
    work = tempfile.mkdtemp(prefix="sigscope-sizes-")
    results = {"machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "load_average_at_start": os.getloadavg()},
               "runs": args.runs, "sizes": {}}
    try:
        for count in args.sizes:
            path = os.path.join(work, "batch-%d.jsonl" % count)
            bench.log("writing %d requests" % count)
            write_input(path, count)
            os.sync()
            problem = bench.check_batch(binary, path, count, work)
            if problem:
                raise SystemExit("sigscope sign --batch failed its check run on %d requests: %s" % (count, problem))
            entry = {"requests": count, "input_bytes": os.path.getsize(path)}
            for kind in ("file", "pipe"):
                runs = []
                for _ in range(args.runs):
                    source = path if kind == "file" else "-"
                    elapsed, cpu, rss, code, stderr = timed(command(binary, source), stdin_path=path, pipe=(kind == "pipe"))
                    if code != 0:
                        raise SystemExit("run failed (%s, %d): exit %d: %s" % (kind, count, code, stderr[:300]))
                    runs.append({"seconds": elapsed, "cpu_seconds": cpu, "max_rss_kib": rss})
                fastest = min(runs, key=lambda r: r["seconds"])
                entry[kind] = {"seconds": fastest["seconds"], "cpu_seconds": fastest["cpu_seconds"],
                               "microseconds_per_request": fastest["seconds"] / count * 1e6,
                               "cpu_microseconds_per_request": fastest["cpu_seconds"] / count * 1e6,
                               "max_rss_mib": max(r["max_rss_kib"] for r in runs) / 1024, "runs": runs}
                bench.log("%d requests from a %s: %.3f s, %.2f us/request, peak RSS %.1f MiB"
                          % (count, kind, entry[kind]["seconds"], entry[kind]["microseconds_per_request"], entry[kind]["max_rss_mib"]))
            results["sizes"][str(count)] = entry
            os.remove(path)
    finally:
        for name in os.listdir(work):
            os.remove(os.path.join(work, name))
        os.rmdir(work)
    results["machine"]["load_average_at_end"] = os.getloadavg()

    sizes = results["sizes"]
    smallest, largest = str(min(args.sizes)), str(max(args.sizes))
    results["targets"] = {
        "peak RSS at every size and input kind, MiB (target < 100 MB)": max(sizes[s][k]["max_rss_mib"] for s in sizes for k in ("file", "pipe")),
    }
    for kind in ("file", "pipe"):
        results["targets"]["time per request, %s requests / %s requests, from a %s (target <= 1.2)" % (largest, smallest, kind)] = round(
            sizes[largest][kind]["microseconds_per_request"] / sizes[smallest][kind]["microseconds_per_request"], 3)
    bench.emit(results, args.json)


if __name__ == "__main__":
    main()
