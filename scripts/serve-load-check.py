#!/usr/bin/env python3
"""A bounded load check of `sigscope serve`: REQUESTS (10,000) mixed good and bad requests from
CONNECTIONS (32) concurrent keep-alive connections. Every answer's verdict, status and code must be
the one expected for its kind; no connection may be dropped; the server's resident memory is read
from /proc after a warm-up, half-way and at the end.

Usage: scripts/serve-load-check.py [SIGSCOPE_BINARY]   (default: .build/release/sigscope)
       env: REQUESTS, CONNECTIONS
Prints the figures and "N passed, M failed"; exits 1 on any failure.
"""
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/sigscope")
REQUESTS = int(os.environ.get("REQUESTS", "10000"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "32"))
SECRET_ID, SECRET_KEY = "AKIDLOADCHECK", "load-check-secret"

server = subprocess.Popen([BINARY, "serve", "--listen", "127.0.0.1:0", "--quiet", "--secret-id", SECRET_ID, "--secret-key", SECRET_KEY],
                          cwd=ROOT, stderr=subprocess.PIPE, text=True)
port = None
for _ in range(100):
    line = server.stderr.readline()
    match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
    if match:
        port = int(match.group(1))
        break
if port is None:
    server.kill()
    sys.exit("serve did not start")
endpoint = "http://127.0.0.1:%d" % port


def signed(*arguments, key=SECRET_KEY):
    output = subprocess.run([BINARY, "curl", *arguments, "--endpoint", endpoint, "--secret-id", SECRET_ID, "--secret-key", key, "--format", "json"],
                            cwd=ROOT, check=True, capture_output=True, text=True).stdout
    request = json.loads(output)["request"]
    url = urllib.parse.urlsplit(request["url"])
    target = url.path + ("?" + url.query if url.query else "")
    headers = {h["name"]: h["value"] for h in request["headers"]}
    return request["method"], target, headers, request["body"].encode()


# (name, request, expected status, expected verdict, expected code or None)
kinds = []
good_tencent = signed("examples/tencent-create-eni.json", "--service", "vpc", "--param", "PrivateIpAddresses=[]", "--param", "ClientToken=load-t")
kinds.append(("tencent TC3 create", good_tencent, 200, "accepted", None))
method, target, headers, body = good_tencent
kinds.append(("tencent body changed after signing", (method, target, headers, body.replace(b'"demo"', b'"demo2"')), 200, "rejected", "AuthFailure.SignatureFailure"))
kinds.append(("tencent scope service of another product", signed("examples/tencent-create-eni.json", "--service", "cvm"), 200, "rejected", "AuthFailure.InvalidAuthorization"))
kinds.append(("tencent v1 describe", signed("--provider", "tencent", "--action", "DescribeNetworkInterfaces", "--region", "ap-guangzhou", "--algorithm", "hmac-sha256"), 200, "accepted", None))
kinds.append(("aliyun RPC create", signed("examples/aliyun-create-eni.json", "--param", "ClientToken=load-a"), 200, "accepted", None))
kinds.append(("aliyun wrong secret", signed("examples/aliyun-create-eni.json", key="not-the-secret"), 400, "rejected", "SignatureDoesNotMatch"))
kinds.append(("aliyun ACS3 create", signed("examples/aliyun-create-eni.json", "--algorithm", "acs3", "--param", "ClientToken=load-b"), 200, "accepted", None))
kinds.append(("aliyun unknown action", signed("--provider", "aliyun", "--action", "RunInstances", "--param", "RegionId=cn-hangzhou", "--no-validate"), 404, "failed", "InvalidAction.NotFound"))


def rss_kib():
    with open("/proc/%d/status" % server.pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


lock = threading.Lock()
counts = {"right": 0, "wrong": 0, "dropped": 0, "sent": 0}
wrong_examples = []
memory = []
done_marks = set()


def code_of(data):
    try:
        body = json.loads(data)
    except ValueError:
        return None
    if "Response" in body:
        return (body["Response"].get("Error") or {}).get("Code")
    return body.get("Code")


def client(index, share):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for n in range(share):
        kind = kinds[(index + n) % len(kinds)]
        name, (method, target, headers, body), status, verdict, code = kind
        try:
            connection.request(method, target, body=body or None, headers=headers)
            response = connection.getresponse()
            data = response.read()
            ok = response.status == status and response.getheader("X-Sigscope-Verdict") == verdict and code_of(data) == code
            if response.getheader("Connection", "").lower() == "close":
                raise ConnectionError("the server closed the connection")
        except (OSError, http.client.HTTPException) as error:
            with lock:
                counts["dropped"] += 1
                wrong_examples.append("%s: connection dropped: %s" % (name, error))
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        with lock:
            counts["right" if ok else "wrong"] += 1
            counts["sent"] += 1
            if not ok and len(wrong_examples) < 5:
                wrong_examples.append("%s: HTTP %d %s %s" % (name, response.status, response.getheader("X-Sigscope-Verdict"), code_of(data)))
            for mark in (REQUESTS // 10, REQUESTS // 2):
                if counts["sent"] >= mark and mark not in done_marks:
                    done_marks.add(mark)
                    memory.append((mark, rss_kib()))
    connection.close()


memory.append((0, rss_kib()))
started = time.time()
shares = [REQUESTS // CONNECTIONS + (1 if i < REQUESTS % CONNECTIONS else 0) for i in range(CONNECTIONS)]
threads = [threading.Thread(target=client, args=(i, shares[i])) for i in range(CONNECTIONS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
elapsed = time.time() - started
memory.append((REQUESTS, rss_kib()))
server.send_signal(2)
server.wait(timeout=20)

checks = []
checks.append(("every verdict, status and code right (%d of %d)" % (counts["right"], REQUESTS), counts["right"] == REQUESTS))
checks.append(("no connection dropped (%d dropped)" % counts["dropped"], counts["dropped"] == 0))
warm = dict(memory).get(REQUESTS // 10, memory[0][1])
end = memory[-1][1]
checks.append(("memory flat after warm-up: %d KiB at %d requests, %d KiB at the end (+%d KiB)" % (warm, REQUESTS // 10, end, end - warm),
               end - warm < 16 * 1024))
checks.append(("serve exits 0 on SIGINT", server.returncode == 0))
print("%d requests, %d kinds, %d connections, %.2f s, %.0f req/s" % (REQUESTS, len(kinds), CONNECTIONS, elapsed, REQUESTS / elapsed))
print("resident memory (KiB) by requests answered: " + ", ".join("%d: %d" % m for m in memory))
for line in wrong_examples:
    print("  " + line)
for name, ok in checks:
    print(("PASS  " if ok else "FAIL  ") + name)
failed = sum(1 for _, ok in checks if not ok)
print("%d passed, %d failed" % (len(checks) - failed, failed))
sys.exit(1 if failed else 0)
