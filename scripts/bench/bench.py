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
  - one-shot latency: median wall time of `sigscope sign` on one request vs two one-shot Python
    signers: a minimal one that imports only the SDK's signing module, and one that signs through
    the SDK's VpcClient with its transport stubbed (and the bare interpreter start, for scale);
  - decode throughput and peak memory of `sigscope decode` on a 10,000-ENI response (JSON and
    XML) vs Python's json.loads on the same JSON.
The batches and the libcrypto bounds are measured in turn over five rounds, each figure the best
of its rounds, so both sides of a ratio are sampled across the same stretch of time. Batch runs
count only when an untimed check run exits 0 with one non-error output line per request. Wall-clock
figures vary with the machine's load; ratios measured in the same run are what matter (CPU-time
ratios are reported too, as they vary less on a shared machine).
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


def installed_copy(linked):
    """A copy of the linked executable, written in one sequential pass as installing it does; the
    figures are of the copy. The linker writes its output through a memory mapping, and while
    those pages stay in the page cache every start of that very file costs more kernel time
    (about 0.3 ms, a quarter of a one-shot `sign`, on the machine of docs/performance.md) than
    a start of the same bytes written with write(2) or read back from disk."""
    copy = os.path.join(ROOT, ".build", "bench-sigscope")
    partial = copy + ".partial"
    shutil.copyfile(linked, partial)
    os.chmod(partial, 0o755)
    os.replace(partial, copy)
    return copy


def build():
    log("building the release binary")
    run([os.path.join(ROOT, "scripts", "release.sh")], cwd=ROOT, stdout=subprocess.DEVNULL)
    binary = installed_copy(os.path.join(ROOT, ".build", "release", "sigscope"))
    bound = os.path.join(ROOT, ".build", "crypto_bound")
    run(["cc", "-O2", "-o", bound, os.path.join(BENCH, "crypto_bound.c"), "-lcrypto"])
    global MAXRSS
    MAXRSS = os.path.join(ROOT, ".build", "maxrss")
    run(["cc", "-O2", "-o", MAXRSS, os.path.join(BENCH, "maxrss.c")])
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


MAXRSS = None
# Rounds of the batches and the bounds, measured in turn (see rounds()).
ROUNDS = 5


def timed(cmd, stdout=subprocess.DEVNULL, rss=False):
    """Wall seconds, CPU seconds (user + system), peak RSS (KiB, with rss=True: measured through
    maxrss.c, else None), exit status and stderr of one child process."""
    rss_file = None
    if rss:
        fd, rss_file = tempfile.mkstemp(prefix="sigscope-rss-")
        os.close(fd)
        cmd = [MAXRSS, rss_file] + cmd
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    peak = None
    if rss_file:
        with open(rss_file) as f:
            text = f.read().strip()
        os.remove(rss_file)
        peak = int(text) if text else None
    return elapsed, usage.ru_utime + usage.ru_stime, peak, code, stderr


def failure(code, stderr):
    """How a run that exited non-zero is reported (it never counts as a figure)."""
    return "exit status %d: %s" % (code, stderr.strip()[:500])


def best_of(cmd, runs=3):
    """The fastest of `runs` runs; every run must exit 0 (a failed run never counts as a figure)."""
    results = []
    for _ in range(runs):
        elapsed, cpu, rss, code, stderr = timed(cmd, rss=True)
        if code != 0:
            return {"error": failure(code, stderr)}
        results.append((elapsed, cpu, rss))
    return best(results)


def best(results):
    """The fastest of (wall, cpu, rss) runs, with every run's wall and CPU time kept."""
    elapsed, cpu, _ = min(results)
    return {"seconds": elapsed, "cpu_seconds": cpu, "max_rss_kib": max((r[2] or 0) for r in results),
            "runs": [{"seconds": r[0], "cpu_seconds": r[1]} for r in results]}


def batch_command(binary, path):
    return [binary, "sign", "--batch", path, "--timestamp", "1551113065"] + CREDS


def check_batch(binary, path, count, work):
    """One untimed run of `sigscope sign --batch` on `count` requests: it must exit 0 with one
    output line per request, none of them an error. Returns what was wrong, or None."""
    checked = os.path.join(work, "batch-output.jsonl")
    with open(checked, "wb") as out:
        _, _, _, code, stderr = timed(batch_command(binary, path), stdout=out)
    if code != 0:
        return failure(code, stderr)
    lines = errors = 0
    with open(checked, "rb") as f:
        for line in f:
            lines += 1
            errors += line.startswith(b'{"line":')
    os.remove(checked)
    if lines != count or errors:
        return "%d output lines for %d requests, %d of them errors" % (lines, count, errors)
    return None


def rounds(batches, bounds, count, iterations):
    """The batches and the libcrypto bounds they are compared with, measured in turn, round after
    round (ROUNDS of them), so both sides of each ratio are sampled across the same stretch of
    time: on a shared machine a busy spell then slows a round of each, not only the one side that
    happened to run during it. Each figure is the best of its rounds (a batch: its fastest run;
    a bound: the highest rate of each API, the bound the faster API), and every round is kept.
    `batches`: name -> command (already checked); `bounds`: name -> (program, mode, message sizes)."""
    runs = {name: [] for name in batches}
    rates = {name: {"evp": [], "lowlevel": []} for name in bounds}
    failed = {}
    for _ in range(ROUNDS):
        for name, cmd in batches.items():
            if name in failed:
                continue
            elapsed, cpu, rss, code, stderr = timed(cmd, rss=True)
            if code != 0:
                failed[name] = {"error": failure(code, stderr)}
            else:
                runs[name].append((elapsed, cpu, rss))
        for name, (program, mode, sizes) in bounds.items():
            for api in ("evp", "lowlevel"):
                cmd = [program, api, mode, str(iterations)] + [str(n) for n in sizes]
                rates[name][api].append(float(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout))
    results = {}
    for name in batches:
        if name in failed:
            results[name] = failed[name]
            continue
        result = best(runs[name])
        result["per_second"] = count / result["seconds"]
        result["cpu_per_second"] = count / result["cpu_seconds"]
        results[name] = result
    for name, by_api in rates.items():
        fastest = {api: max(values) for api, values in by_api.items()}
        results[name] = {"per_second": max(fastest.values()), "per_second_by_api": fastest, "rounds": by_api}
    return results


def baseline(python, mode, path):
    out = subprocess.run([python, os.path.join(BENCH, "baselines.py"), mode, path], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def stage_sizes(binary, request, work):
    """The byte sizes of the messages sigscope hashes for `request` (its body, canonical request
    and string to sign), read from its own JSON output, so the bound hashes the same amounts."""
    path = os.path.join(work, "one.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(request, f, ensure_ascii=False)
    out = subprocess.run([binary, "sign", path, "--format", "json", "--timestamp", "1551113065", "--nonce", "0" * 32] + CREDS,
                         check=True, capture_output=True)
    signed = json.loads(out.stdout)
    steps = signed["steps"]
    size = lambda text: len(text.encode("utf-8"))
    return {"body": size(signed["request"]["body"]), "canonical": size(steps.get("canonicalRequest", "")),
            "string_to_sign": size(steps["stringToSign"])}


def one_shot(commands, runs):
    """Median wall time of each command, run in turn (round robin, so load changes hit all alike);
    every run must exit 0."""
    samples = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            elapsed, _, _, code, stderr = timed(cmd)
            if code != 0:
                raise SystemExit("one-shot command failed: %s\n%s" % (" ".join(cmd), stderr))
            samples[name].append(elapsed)
    return {name: {"median_seconds": statistics.median(values), "min_seconds": min(values), "runs": runs} for name, values in samples.items()}


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
                           "swift": subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0],
                           "load_average_at_start": os.getloadavg()},
               "sizes": {"batch": n_batch, "sdk": n_sdk, "oneshot_runs": n_oneshot, "enis": n_enis}}
    try:
        tc3_path, rpc_path = os.path.join(work, "tc3.jsonl"), os.path.join(work, "rpc.jsonl")
        tc3_small, rpc_small = os.path.join(work, "tc3-small.jsonl"), os.path.join(work, "rpc-small.jsonl")
        tencent, aliyun = tencent_requests(n_batch), aliyun_requests(n_batch)
        write_jsonl(tc3_path, tencent)
        write_jsonl(rpc_path, aliyun)
        write_jsonl(tc3_small, tencent[:n_sdk])
        write_jsonl(rpc_small, aliyun[:n_sdk])

        # The inputs just written are flushed to disk first, so the kernel's writeback of them
        # does not run beside the timed batches.
        os.sync()
        for name, path, count in (("tc3", tc3_path, n_batch), ("rpc", rpc_path, n_batch)):
            problem = check_batch(binary, path, count, work)
            if problem:
                raise SystemExit("sigscope sign --batch (%s) failed its check run: %s" % (name, problem))
        tc3_sizes, rpc_sizes = stage_sizes(binary, tencent[0], work), stage_sizes(binary, aliyun[0], work)
        tc3_args = (tc3_sizes["body"], tc3_sizes["canonical"], tc3_sizes["string_to_sign"])

        log("batch signing and the libcrypto bound, %d rounds" % ROUNDS)
        measured = rounds(
            {"sigscope-batch-tc3": batch_command(binary, tc3_path), "sigscope-batch-rpc": batch_command(binary, rpc_path)},
            {"libcrypto-bound-tc3": (bound, "tc3", tc3_args), "libcrypto-bound-tc3-cached-key": (bound, "tc3-cached", tc3_args),
             "libcrypto-bound-rpc": (bound, "rpc", (rpc_sizes["string_to_sign"],))},
            n_batch, 400000)
        results.update(measured)
        results["libcrypto-bound-tc3"].update(bytes=tc3_sizes, calls="SHA-256 x2, HMAC-SHA256 x4 (keys derived per signature)")
        results["libcrypto-bound-tc3-cached-key"].update(bytes=tc3_sizes, calls="SHA-256 x2, HMAC-SHA256 x1 (derived key kept, as sigscope does in a batch)")
        results["libcrypto-bound-rpc"].update(bytes=rpc_sizes, calls="HMAC-SHA1 x1 (key kept)")

        log("python baselines")
        results["python-sdk-tc3"] = baseline(python, "sdk-tc3", tc3_small)
        results["python-sdk-rpc"] = baseline(python, "sdk-rpc", rpc_small)
        results["python-bare-tc3"] = baseline(python, "bare-tc3", tc3_path)
        results["python-bare-rpc"] = baseline(python, "bare-rpc", rpc_path)

        log("one-shot latency")
        one = os.path.join(ROOT, "examples", "tencent-create-eni.json")
        results["oneshot"] = one_shot({
            "sigscope": [binary, "sign", one, "--format", "json", "--timestamp", "1551113065"] + CREDS,
            "python-minimal-signer": [python, os.path.join(BENCH, "oneshot_sign.py"), one],
            "python-sdk-client": [python, os.path.join(BENCH, "oneshot_sdk_client.py"), one],
            "python-startup-only": [python, "-c", "pass"],
        }, n_oneshot)

        log("decoding")
        big_json, big_xml = os.path.join(work, "enis.json"), os.path.join(work, "enis.xml")
        with open(big_json, "w", encoding="utf-8") as f:
            f.write(big_tencent_response(n_enis))
        with open(big_xml, "w", encoding="utf-8") as f:
            f.write(big_aliyun_xml(n_enis))
        for name, path in [("json", big_json), ("xml", big_xml)]:
            size = os.path.getsize(path)
            result = best_of([binary, "decode", path, "--format", "json"])
            if "error" not in result:
                result.update(megabytes=size / 1e6, mb_per_second=size / 1e6 / result["seconds"], rss_over_input=result["max_rss_kib"] * 1024 / size)
            results["sigscope-decode-" + name] = result
        results["python-json-loads"] = baseline(python, "json", big_json)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["machine"]["load_average_at_end"] = os.getloadavg()

    def ratio(a, b, key="per_second"):
        try:
            return round(results[a][key] / results[b][key], 2)
        except (KeyError, ZeroDivisionError, TypeError):
            return None

    def oneshot_ratio(slow):
        try:
            return round(results["oneshot"][slow]["median_seconds"] / results["oneshot"]["sigscope"]["median_seconds"], 2)
        except (KeyError, ZeroDivisionError):
            return None

    results["ratios"] = {
        "tc3 batch / python sdk (target >= 10)": ratio("sigscope-batch-tc3", "python-sdk-tc3"),
        "tc3 batch / bare python (target >= 3)": ratio("sigscope-batch-tc3", "python-bare-tc3"),
        "libcrypto bound / tc3 batch (target <= 3)": ratio("libcrypto-bound-tc3", "sigscope-batch-tc3"),
        "libcrypto bound with the derived key kept / tc3 batch": ratio("libcrypto-bound-tc3-cached-key", "sigscope-batch-tc3"),
        "rpc batch / python sdk": ratio("sigscope-batch-rpc", "python-sdk-rpc"),
        "rpc batch / bare python": ratio("sigscope-batch-rpc", "python-bare-rpc"),
        "libcrypto bound / rpc batch": ratio("libcrypto-bound-rpc", "sigscope-batch-rpc"),
        "cpu time: tc3 batch / python sdk": ratio("sigscope-batch-tc3", "python-sdk-tc3", "cpu_per_second"),
        "cpu time: tc3 batch / bare python": ratio("sigscope-batch-tc3", "python-bare-tc3", "cpu_per_second"),
        "cpu time: rpc batch / python sdk": ratio("sigscope-batch-rpc", "python-sdk-rpc", "cpu_per_second"),
        "cpu time: rpc batch / bare python": ratio("sigscope-batch-rpc", "python-bare-rpc", "cpu_per_second"),
        "one-shot: minimal python signer / sigscope (target >= 10)": oneshot_ratio("python-minimal-signer"),
        "one-shot: python sdk client signer / sigscope (target >= 10)": oneshot_ratio("python-sdk-client"),
        "one-shot: python interpreter start alone / sigscope": oneshot_ratio("python-startup-only"),
    }
    try:
        results["ratios"]["decode json MB/s / python json.loads MB/s (target >= 1)"] = round(
            results["sigscope-decode-json"]["mb_per_second"] / results["python-json-loads"]["mb_per_second"], 2)
        results["ratios"]["decode json peak RSS / input size (target < 3)"] = round(results["sigscope-decode-json"]["rss_over_input"], 2)
    except KeyError:
        results["ratios"]["decode json MB/s / python json.loads MB/s (target >= 1)"] = None

    emit(results, args.json)


def emit(results, path):
    """Prints the results as one JSON document, and writes them to `path` when given."""
    text = json.dumps(results, indent=2, ensure_ascii=False)
    print(text)
    if path:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
