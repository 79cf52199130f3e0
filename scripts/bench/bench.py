#!/usr/bin/env python3
"""sigscope's benchmark: one run, one machine, every figure docs/performance.md reports.

    python3 scripts/bench/bench.py            # full run (a few minutes)
    python3 scripts/bench/bench.py --quick    # smaller inputs, for a smoke test
    python3 scripts/bench/bench.py --json results.json

It builds the release binary, creates scripts/bench/.venv with the official Python SDKs pinned in
requirements.txt (from PyPI), compiles the libcrypto bound (crypto_bound.c), generates the inputs,
and measures:
  - batch signing throughput, end to end (parse, validate, canonicalize, sign, render JSON Lines):
    `sigscope sign --batch` for TC3 and Alibaba RPC, against the official SDKs building and
    signing the same requests in-process with their transport stubbed out, and against a bare
    Python loop of the same hash/HMAC math;
  - the libcrypto bound: only the SHA-256/HMAC calls one signature needs;
  - one-shot latency: median wall time of `sigscope sign` on one request vs a one-shot Python signer;
  - decode throughput and peak memory of `sigscope decode` on a 10,000-ENI response (JSON and
    XML) vs Python's json.loads on the same JSON.
Wall-clock figures vary with the machine's load; ratios measured in the same run are what matter.
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BENCH = os.path.join(ROOT, "scripts", "bench")
VENV = os.path.join(BENCH, ".venv")
SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
CREDS = ["--secret-id", SECRET_ID, "--secret-key", SECRET_KEY]


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, **kwargs)


def ensure_venv():
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        log("creating %s" % VENV)
        run([sys.executable, "-m", "venv", VENV])
    run([python, "-m", "pip", "install", "-q", "-r", os.path.join(BENCH, "requirements.txt")])
    return python


def build():
    log("building the release binary")
    run(["swift", "build", "-c", "release", "--product", "sigscope"], cwd=ROOT, stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build", "release", "sigscope")
    bound = os.path.join(ROOT, ".build", "crypto_bound")
    run(["cc", "-O2", "-o", bound, os.path.join(BENCH, "crypto_bound.c"), "-lcrypto"])
    return binary, bound


def tencent_requests(n):
    out = []
    for i in range(n):
        out.append({"provider": "tencent", "action": "CreateNetworkInterface", "region": "ap-guangzhou", "params": {
            "VpcId": "vpc-0akbol5v", "SubnetId": "subnet-76r802pg", "NetworkInterfaceName": "bench-eni-%06d" % i,
            "NetworkInterfaceDescription": "benchmark %d" % i, "SecurityGroupIds": ["sg-05bb4upy"],
            "PrivateIpAddresses": [{"PrivateIpAddress": "172.16.%d.%d" % (i // 250 % 250, i % 250 + 1), "Primary": True}],
            "Tags": [{"Key": "team", "Value": "net"}, {"Key": "index", "Value": str(i)}]}})
    return out


def aliyun_requests(n):
    out = []
    for i in range(n):
        out.append({"provider": "aliyun", "action": "CreateNetworkInterface", "params": {
            "RegionId": "cn-hangzhou", "VSwitchId": "vsw-bp1s5fnvk4gn2tws03xx", "SecurityGroupId": "sg-bp1fg655nh68xyz9ixx",
            "NetworkInterfaceName": "bench-eni-%06d" % i, "Description": "benchmark %d" % i,
            "Tag": [{"Key": "team", "Value": "net"}, {"Key": "index", "Value": str(i)}]}})
    return out


def write_jsonl(path, items):
    with open(path, "w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")


def timed(cmd, stdout=subprocess.DEVNULL):
    """Wall seconds and peak RSS (KiB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, code, stderr


def best_of(cmd, runs=3):
    results = [timed(cmd) for _ in range(runs)]
    for _, _, code, stderr in results:
        if code not in (0, 1):
            return None, None, stderr.strip()
    return min(r[0] for r in results), max(r[1] for r in results), None


def baseline(python, mode, path):
    out = subprocess.run([python, os.path.join(BENCH, "baselines.py"), mode, path], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def crypto_bound(bound, iterations, body_bytes, canonical_bytes, rpc=False):
    cmd = [bound] + (["--rpc"] if rpc else []) + [str(iterations), str(body_bytes)] + ([] if rpc else [str(canonical_bytes)])
    return float(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def median_latency(cmd, runs):
    samples = []
    for _ in range(runs):
        elapsed, _, code, stderr = timed(cmd)
        if code != 0:
            raise SystemExit("one-shot command failed: %s\n%s" % (" ".join(cmd), stderr))
        samples.append(elapsed)
    return statistics.median(samples)


def big_tencent_response(n):
    enis = []
    for i in range(n):
        enis.append({"NetworkInterfaceId": "eni-%08d" % i, "NetworkInterfaceName": "eni %d 中文" % i, "NetworkInterfaceDescription": "",
                     "SubnetId": "subnet-r8x0gown", "VpcId": "vpc-67kr6ava", "GroupSet": ["sg-05bb4upy"], "Primary": False,
                     "MacAddress": "20:90:6F:2A:%02X:%02X" % (i // 256 % 256, i % 256), "State": "AVAILABLE",
                     "PrivateIpAddressSet": [{"AddressId": "", "Description": "", "IsWanIpBlocked": False, "Primary": True,
                                              "PrivateIpAddress": "10.0.%d.%d" % (i // 250 % 250, i % 250), "PublicIpAddress": "", "QosLevel": "PT", "State": "AVAILABLE"}],
                     "Attachment": None, "Zone": "ap-guangzhou-3", "CreatedTime": "2026-11-22 10:00:00", "Ipv6AddressSet": [],
                     "TagSet": [{"Key": "index", "Value": str(i)}], "EniType": 0, "Business": "cvm", "CdcId": "", "AttachType": 0, "ResourceId": "", "QosLevel": "PT"})
    return json.dumps({"Response": {"TotalCount": n, "NetworkInterfaceSet": enis, "RequestId": "a5c5cd4d-9024-4465-a8c0-5b0979ec806e"}}, ensure_ascii=False, indent=4)


def big_aliyun_xml(n):
    parts = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeNetworkInterfacesResponse>\n<RequestId>04F0F334-1335-436C-A1D7-6C044FExxxxx</RequestId>\n<TotalCount>%d</TotalCount>\n<NetworkInterfaceSets>\n" % n]
    for i in range(n):
        parts.append("<NetworkInterfaceSet><NetworkInterfaceId>eni-%08d</NetworkInterfaceId><Status>Available</Status><Type>Secondary</Type>"
                     "<VpcId>vpc-bp1</VpcId><VSwitchId>vsw-bp1</VSwitchId><ZoneId>cn-hangzhou-g</ZoneId><PrivateIpAddress>10.0.%d.%d</PrivateIpAddress>"
                     "<MacAddress>00:16:3e:12:%02x:%02x</MacAddress><NetworkInterfaceName>eni-%d</NetworkInterfaceName>"
                     "<SecurityGroupIds><SecurityGroupId>sg-bp1</SecurityGroupId></SecurityGroupIds>"
                     "<PrivateIpSets><PrivateIpSet><PrivateIpAddress>10.0.%d.%d</PrivateIpAddress><Primary>true</Primary></PrivateIpSet></PrivateIpSets>"
                     "<Tags><Tag><TagKey>index</TagKey><TagValue>%d</TagValue></Tag></Tags></NetworkInterfaceSet>\n"
                     % (i, i // 250 % 250, i % 250, i // 256 % 256, i % 256, i, i // 250 % 250, i % 250, i))
    parts.append("</NetworkInterfaceSets>\n</DescribeNetworkInterfacesResponse>\n")
    return "".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller inputs (a smoke test, not for reporting)")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    n_batch, n_sdk, n_oneshot, n_enis = (2000, 500, 5, 1000) if args.quick else (50000, 5000, 40, 10000)

    python = ensure_venv()
    binary, bound = build()
    work = tempfile.mkdtemp(prefix="sigscope-bench-")
    results = {"machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version(),
                           "swift": subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]},
               "sizes": {"batch": n_batch, "sdk": n_sdk, "oneshot_runs": n_oneshot, "enis": n_enis}}
    try:
        tc3_path, rpc_path = os.path.join(work, "tc3.jsonl"), os.path.join(work, "rpc.jsonl")
        tc3_small, rpc_small = os.path.join(work, "tc3-small.jsonl"), os.path.join(work, "rpc-small.jsonl")
        tencent, aliyun = tencent_requests(n_batch), aliyun_requests(n_batch)
        write_jsonl(tc3_path, tencent)
        write_jsonl(rpc_path, aliyun)
        write_jsonl(tc3_small, tencent[:n_sdk])
        write_jsonl(rpc_small, aliyun[:n_sdk])

        log("batch signing")
        for name, path, extra, count in [("tc3", tc3_path, [], n_batch), ("rpc", rpc_path, ["--nonce", "0"] and [], n_batch)]:
            seconds, rss, error = best_of([binary, "sign", "--batch", path, "--timestamp", "1551113065"] + CREDS + extra)
            results["sigscope-batch-" + name] = {"per_second": count / seconds, "seconds": seconds, "max_rss_kib": rss} if seconds else {"error": error}

        log("python baselines")
        results["python-sdk-tc3"] = baseline(python, "sdk-tc3", tc3_small)
        results["python-sdk-rpc"] = baseline(python, "sdk-rpc", rpc_small)
        results["python-bare-tc3"] = baseline(python, "bare-tc3", tc3_path)
        results["python-bare-rpc"] = baseline(python, "bare-rpc", rpc_path)

        body = len(json.dumps(tencent[0]["params"], separators=(",", ":"), ensure_ascii=False).encode())
        results["libcrypto-bound-tc3"] = {"per_second": crypto_bound(bound, 400000, body, 260), "body_bytes": body}
        results["libcrypto-bound-rpc"] = {"per_second": crypto_bound(bound, 400000, 700, 0, rpc=True)}

        log("one-shot latency")
        one = os.path.join(ROOT, "examples", "tencent-create-eni.json")
        results["oneshot-sigscope"] = {"median_seconds": median_latency([binary, "sign", one, "--format", "json", "--timestamp", "1551113065"] + CREDS, n_oneshot)}
        results["oneshot-python"] = {"median_seconds": median_latency([python, os.path.join(BENCH, "oneshot_sign.py"), one], n_oneshot)}

        log("decoding")
        big_json, big_xml = os.path.join(work, "enis.json"), os.path.join(work, "enis.xml")
        with open(big_json, "w", encoding="utf-8") as f:
            f.write(big_tencent_response(n_enis))
        with open(big_xml, "w", encoding="utf-8") as f:
            f.write(big_aliyun_xml(n_enis))
        for name, path in [("json", big_json), ("xml", big_xml)]:
            size = os.path.getsize(path)
            seconds, rss, error = best_of([binary, "decode", path, "--format", "json"])
            results["sigscope-decode-" + name] = {"megabytes": size / 1e6, "mb_per_second": size / 1e6 / seconds, "seconds": seconds,
                                                  "max_rss_kib": rss, "rss_over_input": rss * 1024 / size} if seconds else {"error": error}
        results["python-json-loads"] = baseline(python, "json", big_json)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def ratio(a, b):
        try:
            return round(results[a]["per_second"] / results[b]["per_second"], 2)
        except (KeyError, ZeroDivisionError, TypeError):
            return None

    results["ratios"] = {
        "tc3 batch vs python sdk": ratio("sigscope-batch-tc3", "python-sdk-tc3"),
        "tc3 batch vs bare python": ratio("sigscope-batch-tc3", "python-bare-tc3"),
        "libcrypto bound vs tc3 batch": ratio("libcrypto-bound-tc3", "sigscope-batch-tc3"),
        "rpc batch vs python sdk": ratio("sigscope-batch-rpc", "python-sdk-rpc"),
        "rpc batch vs bare python": ratio("sigscope-batch-rpc", "python-bare-rpc"),
        "libcrypto bound vs rpc batch": ratio("libcrypto-bound-rpc", "sigscope-batch-rpc"),
        "one-shot python / sigscope": round(results["oneshot-python"]["median_seconds"] / results["oneshot-sigscope"]["median_seconds"], 2),
    }
    try:
        results["ratios"]["decode json vs python json.loads (MB/s)"] = round(results["sigscope-decode-json"]["mb_per_second"] / results["python-json-loads"]["mb_per_second"], 2)
    except KeyError:
        results["ratios"]["decode json vs python json.loads (MB/s)"] = None

    text = json.dumps(results, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
