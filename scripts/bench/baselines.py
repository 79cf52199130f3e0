#!/usr/bin/env python3
"""Python baselines for sigscope's benchmark; run by bench.py inside scripts/bench/.venv.

Modes (each prints one JSON object on stdout):
  sdk-tc3 FILE      Tencent's official VpcClient builds and signs each request (TC3), transport stubbed
  sdk-rpc FILE      Alibaba's official aliyunsdkcore AcsClient builds and signs each request, transport stubbed
  bare-tc3 FILE     a bare loop of the same TC3 string building and hashlib/hmac calls
  bare-rpc FILE     a bare loop of the same Alibaba RPC canonicalization and hmac call
  json FILE         json.loads throughput on a saved response
FILE is the JSON Lines request file sigscope signs in the same run.
"""
import base64
import hashlib
import hmac
import json
import sys
import time
from urllib.parse import quote

SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
TIMESTAMP = 1551113065


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def report(name, count, seconds, **extra):
    print(json.dumps(dict(name=name, count=count, seconds=seconds, per_second=count / seconds, **extra)))


class FakeTencentResponse:
    status_code = 200
    headers = {"Content-Type": "application/json"}
    content = b'{"Response":{"NetworkInterface":{"NetworkInterfaceId":"eni-1"},"RequestId":"r"}}'
    text = content.decode()


def sdk_tc3(path):
    from tencentcloud.common import credential
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.vpc.v20170312 import models, vpc_client
    import tencentcloud.common.abstract_client as ac

    requests = load(path)
    profile = ClientProfile()
    profile.disable_region_breaker = True
    client = vpc_client.VpcClient(credential.Credential(SECRET_ID, SECRET_KEY), "ap-guangzhou", profile)
    client.request.send_request = lambda req: FakeTencentResponse()
    ac.time.time = lambda: TIMESTAMP  # fixed clock, as sigscope's --timestamp
    start = time.perf_counter()
    for r in requests:
        model = models.CreateNetworkInterfaceRequest()
        model.from_json_string(json.dumps(r["params"]))
        client.CreateNetworkInterface(model)
    report("python-sdk-tc3", len(requests), time.perf_counter() - start)


def sdk_rpc(path):
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkcore.http.http_response import HttpResponse
    from aliyunsdkcore.request import CommonRequest

    requests = load(path)
    HttpResponse.get_response_object = lambda self: (200, {}, b'{"RequestId":"r","NetworkInterfaceId":"eni-1"}')
    client = AcsClient(SECRET_ID, SECRET_KEY, "cn-hangzhou")
    start = time.perf_counter()
    for r in requests:
        req = CommonRequest(domain="ecs.aliyuncs.com", version="2014-05-26", action_name="CreateNetworkInterface")
        req.set_method("GET")
        req.set_accept_format("json")
        for name, value in flatten(r["params"], 1):
            req.add_query_param(name, value)
        client.do_action_with_exception(req)
    report("python-sdk-rpc", len(requests), time.perf_counter() - start)


def flatten(params, base, prefix=""):
    out = []
    for key, value in params.items():
        name = prefix + key
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    out += flatten(item, base, "%s.%d." % (name, i + base))
                else:
                    out.append(("%s.%d" % (name, i + base), str(item)))
        elif isinstance(value, dict):
            out += flatten(value, base, name + ".")
        elif isinstance(value, bool):
            out.append((name, "true" if value else "false"))
        else:
            out.append((name, str(value)))
    return out


def bare_tc3(path):
    requests = load(path)
    date = time.strftime("%Y-%m-%d", time.gmtime(TIMESTAMP))
    start = time.perf_counter()
    for r in requests:
        body = json.dumps(r["params"], separators=(",", ":"), ensure_ascii=False).encode()
        canonical = "POST\n/\n\ncontent-type:application/json\nhost:vpc.tencentcloudapi.com\n\ncontent-type;host\n" + hashlib.sha256(body).hexdigest()
        scope = date + "/vpc/tc3_request"
        to_sign = "TC3-HMAC-SHA256\n%d\n%s\n%s" % (TIMESTAMP, scope, hashlib.sha256(canonical.encode()).hexdigest())
        k = hmac.new(("TC3" + SECRET_KEY).encode(), date.encode(), hashlib.sha256).digest()
        k = hmac.new(k, b"vpc", hashlib.sha256).digest()
        k = hmac.new(k, b"tc3_request", hashlib.sha256).digest()
        signature = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
        json.dumps({"signature": signature, "authorization": "TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=content-type;host, Signature=%s" % (SECRET_ID, scope, signature)})
    report("python-bare-tc3", len(requests), time.perf_counter() - start)


def bare_rpc(path):
    requests = load(path)
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(TIMESTAMP))
    start = time.perf_counter()
    for i, r in enumerate(requests):
        pairs = flatten(r["params"], 1) + [("AccessKeyId", SECRET_ID), ("Action", "CreateNetworkInterface"), ("Format", "JSON"),
                                             ("SignatureMethod", "HMAC-SHA1"), ("SignatureNonce", "%032x" % i), ("SignatureVersion", "1.0"),
                                             ("Timestamp", stamp), ("Version", "2014-05-26")]
        query = "&".join(quote(k, safe="~") + "=" + quote(v, safe="~") for k, v in sorted(pairs))
        to_sign = "GET&%2F&" + quote(query, safe="~")
        signature = base64.b64encode(hmac.new((SECRET_KEY + "&").encode(), to_sign.encode(), hashlib.sha1).digest()).decode()
        json.dumps({"signature": signature, "url": "https://ecs.aliyuncs.com/?" + query + "&Signature=" + quote(signature, safe="~")})
    report("python-bare-rpc", len(requests), time.perf_counter() - start)


def json_load(path):
    with open(path, "rb") as f:
        data = f.read()
    best = None
    for _ in range(3):
        start = time.perf_counter()
        json.loads(data)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    report("python-json-loads", 1, best, megabytes=len(data) / 1e6, mb_per_second=len(data) / 1e6 / best)


if __name__ == "__main__":
    modes = {"sdk-tc3": sdk_tc3, "sdk-rpc": sdk_rpc, "bare-tc3": bare_tc3, "bare-rpc": bare_rpc, "json": json_load}
    modes[sys.argv[1]](sys.argv[2])
