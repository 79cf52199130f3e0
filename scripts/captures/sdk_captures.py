#!/usr/bin/env python3
"""Capture the exact requests the official SDK clients send, without sending them.

Each scenario builds a real SDK client (Tencent VpcClient with TC3-HMAC-SHA256 and with
HmacSHA256; Alibaba's tea ECS client with ACS3 and with signature v2 (RPC); Alibaba's core
AcsClient with CreateNetworkInterfaceRequest) with made-up credentials and a fixed clock
and nonce, and calls CreateNetworkInterface. The HTTP transport is stubbed at
requests' Session.send, where the SDK hands over the prepared request: its method, URL,
headers and body bytes are recorded, and a canned success response is returned.

Every captured request is written three ways under testvectors/captures/sdk/:
  <name>.http   the raw HTTP/1.1 request (CRLF), Host and Content-Length as sent
  <name>.curl   a curl command in the style of Chrome's "Copy as cURL (bash)"
  <name>.har    a HAR 1.2 file whose entry 1 (0-based) is the API request
plus <name>.json with what a verifier needs (secret, algorithm, fixed time).

The SDKs are imported, never copied. Install them from requirements.txt beside this
file into a virtual environment outside the repository, then run

    python3 scripts/captures/sdk_captures.py           # rewrite testvectors/captures/sdk/
    python3 scripts/captures/sdk_captures.py --check   # verify the files are up to date
"""

import argparse
import base64
import importlib.metadata
import io
import json
import os
import sys
import time
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "testvectors", "captures", "sdk")

# The fixed clock: 2023-11-14T22:13:20Z, which is already 2023-11-15 in Beijing (UTC+8).
FIXED_TIME = 1700000000
FIXED_ISO = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(FIXED_TIME))
NONCE = "6f1c0e8e2d7a4b51a3f9c2d4e5b6a7c8"

TENCENT_ID = "AKIDsigscopeCaptureExample0000000001"
TENCENT_KEY = "sigscopeCaptureExampleSecretKey1"
ALIYUN_ID = "LTAI5sigscopeCaptureEx1"
ALIYUN_KEY = "sigscopeCaptureExampleSecret0001"


def fixed_environment():
    """Pins every source of time and randomness the SDKs read."""
    time.time = lambda: float(FIXED_TIME)
    counter = {"n": 0}

    def fixed_uuid4():
        counter["n"] += 1
        return uuid.UUID(int=counter["n"])

    uuid.uuid4 = fixed_uuid4
    import random
    random.randint = lambda a, b: 1234567
    # User-Agent strings embed the platform; pin it so captures do not depend on the machine.
    import platform
    platform.system = lambda: "Linux"
    platform.release = lambda: "generic"
    platform.machine = lambda: "x86_64"
    platform.python_version = lambda: "3.11.7"


CAPTURED = []


class FakeResponse:
    pass


def install_transport_stub():
    """Records the prepared request at Session.send and answers with a canned success body."""
    import requests
    from aliyunsdkcore.vendored import requests as vendored_requests

    def make_send(module):
        def send(self, request, **kwargs):
            body = request.body
            if body is None:
                body = b""
            elif isinstance(body, str):
                body = body.encode("utf-8")
            CAPTURED.append({"method": request.method, "url": request.url,
                             "headers": list(request.headers.items()), "body": body})
            response = module.Response()
            response.status_code = 200
            response.headers["Content-Type"] = "application/json"
            if "tencentcloudapi.com" in request.url:
                payload = {"Response": {"NetworkInterface": {"NetworkInterfaceId": "eni-sigscope"}, "RequestId": "00000000-0000-0000-0000-000000000001"}}
            else:
                payload = {"RequestId": "00000000-0000-0000-0000-000000000002", "NetworkInterfaceId": "eni-sigscope"}
            response._content = json.dumps(payload).encode()
            response.raw = io.BytesIO(response._content)
            response.url = request.url
            response.request = request
            response.encoding = "utf-8"
            return response
        return send

    requests.Session.send = make_send(requests)
    vendored_requests.Session.send = make_send(vendored_requests)


# MARK: - Scenarios

def tencent(sign_method, req_method, token=None):
    from tencentcloud.common import credential
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.common.profile.http_profile import HttpProfile
    from tencentcloud.vpc.v20170312 import vpc_client, models

    cred = credential.Credential(TENCENT_ID, TENCENT_KEY, token)
    http = HttpProfile()
    http.reqMethod = req_method
    profile = ClientProfile(signMethod=sign_method, httpProfile=http)
    client = vpc_client.VpcClient(cred, "ap-guangzhou", profile)
    req = models.CreateNetworkInterfaceRequest()
    req.from_json_string(json.dumps({
        "VpcId": "vpc-0akbol5v",
        "SubnetId": "subnet-76r802pg",
        "NetworkInterfaceName": "网卡 demo/1",
        "NetworkInterfaceDescription": "sigscope's capture: a*b ~c +d",
        "SecurityGroupIds": ["sg-05bb4upy"],
        "PrivateIpAddresses": [{"PrivateIpAddress": "172.16.64.13", "Primary": True}],
        "Tags": [{"Key": "city", "Value": "shanghai"}],
    }))
    client.CreateNetworkInterface(req)


def aliyun_tea(signature_algorithm, token=None):
    from alibabacloud_tea_openapi import models as open_api_models
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_ecs20140526 import models as ecs_models
    from darabonba.runtime import RuntimeOptions
    import alibabacloud_tea_openapi.utils as tea_utils

    tea_utils.Utils.get_timestamp = staticmethod(lambda: FIXED_ISO)
    tea_utils.Utils.get_nonce = staticmethod(lambda: NONCE)
    config = open_api_models.Config(access_key_id=ALIYUN_ID, access_key_secret=ALIYUN_KEY,
                                    endpoint="ecs.cn-hangzhou.aliyuncs.com", user_agent="sigscope-capture")
    if signature_algorithm:
        config.signature_algorithm = signature_algorithm
    if token:
        config.security_token = token
    client = Client(config)
    request = ecs_models.CreateNetworkInterfaceRequest(
        region_id="cn-hangzhou",
        v_switch_id="vsw-bp1s5fnvk4gn2tws03xx",
        security_group_ids=["sg-bp1fg655nh68xyz9ixx"],
        network_interface_name="my-eni",
        description="sigscope capture: a*b ~c (d)!",
        tag=[ecs_models.CreateNetworkInterfaceRequestTag(key="env", value="prod stage")],
    )
    client.create_network_interface_with_options(request, RuntimeOptions(autoretry=False))


def aliyun_core():
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkcore.utils import parameter_helper
    from aliyunsdkecs.request.v20140526.CreateNetworkInterfaceRequest import CreateNetworkInterfaceRequest

    parameter_helper.get_iso_8061_date = lambda: FIXED_ISO
    parameter_helper.get_uuid = lambda: NONCE
    client = AcsClient(ALIYUN_ID, ALIYUN_KEY, "cn-hangzhou", auto_retry=False)
    request = CreateNetworkInterfaceRequest()
    request.set_accept_format("json")
    request.set_VSwitchId("vsw-bp1s5fnvk4gn2tws03xx")
    request.set_SecurityGroupIdss(["sg-bp1fg655nh68xyz9ixx"])
    request.set_NetworkInterfaceName("my-eni")
    request.set_Description("sigscope capture: a*b ~c (d)!")
    request.set_Tags([{"Key": "env", "Value": "prod stage"}])
    client.do_action_with_exception(request)


SCENARIOS = [
    # name, provider, algorithm (sigscope --algorithm), runner, notes
    ("tencent-vpcclient-tc3-post", "tencent", "tc3", lambda: tencent("TC3-HMAC-SHA256", "POST"),
     "VpcClient, ClientProfile(signMethod='TC3-HMAC-SHA256'), POST (JSON body with \\u escapes, as json.dumps writes it)"),
    ("tencent-vpcclient-tc3-get", "tencent", "tc3", lambda: tencent("TC3-HMAC-SHA256", "GET"),
     "VpcClient, TC3-HMAC-SHA256, HttpProfile.reqMethod='GET' (urlencode query, + for space)"),
    ("tencent-vpcclient-tc3-token", "tencent", "tc3", lambda: tencent("TC3-HMAC-SHA256", "POST", token="sigscopeCaptureSessionToken"),
     "VpcClient, TC3-HMAC-SHA256, POST, temporary credentials (X-TC-Token)"),
    ("tencent-vpcclient-hmacsha256-post", "tencent", "hmac-sha256", lambda: tencent("HmacSHA256", "POST"),
     "VpcClient, ClientProfile(signMethod='HmacSHA256'), POST (signature v1, form body)"),
    ("tencent-vpcclient-hmacsha256-get", "tencent", "hmac-sha256", lambda: tencent("HmacSHA256", "GET"),
     "VpcClient, ClientProfile(signMethod='HmacSHA256'), GET (signature v1, query)"),
    ("tencent-vpcclient-hmacsha256-token", "tencent", "hmac-sha256", lambda: tencent("HmacSHA256", "POST", token="sigscopeCaptureSessionToken"),
     "VpcClient, signMethod='HmacSHA256', POST, temporary credentials (Token parameter)"),
    ("aliyun-tea-acs3-token", "aliyun", "acs3", lambda: aliyun_tea(None, token="sigscopeCaptureSecurityToken"),
     "alibabacloud_ecs20140526 Client (tea), ACS3-HMAC-SHA256, Config(security_token=...): x-acs-security-token"),
    ("aliyun-tea-rpc-token", "aliyun", "rpc", lambda: aliyun_tea("v2", token="sigscopeCaptureSecurityToken"),
     "alibabacloud_ecs20140526 Client (tea), RPC HMAC-SHA1, Config(security_token=...): SecurityToken parameter"),
    ("aliyun-tea-acs3", "aliyun", "acs3", lambda: aliyun_tea(None),
     "alibabacloud_ecs20140526 Client (tea), default signature ACS3-HMAC-SHA256"),
    ("aliyun-tea-rpc", "aliyun", "rpc", lambda: aliyun_tea("v2"),
     "alibabacloud_ecs20140526 Client (tea), Config(signature_algorithm='v2'): RPC HMAC-SHA1"),
    ("aliyun-core-rpc", "aliyun", "rpc", aliyun_core,
     "aliyunsdkcore AcsClient with aliyunsdkecs CreateNetworkInterfaceRequest: RPC HMAC-SHA1"),
]


# MARK: - Writing the three forms

def split_url(url):
    scheme, rest = url.split("://", 1)
    authority, _, path_query = rest.partition("/")
    path_query = "/" + path_query
    path, _, query = path_query.partition("?")
    return scheme, authority, path, query


def wire_headers(captured):
    """The headers as they reach the socket: http.client adds Host when the SDK did not set one."""
    scheme, authority, path, query = split_url(captured["url"])
    headers = list(captured["headers"])
    names = {name.lower() for name, _ in headers}
    if "host" not in names:
        headers.insert(0, ("Host", authority))
    if "accept-encoding" not in names:
        headers.append(("Accept-Encoding", "identity"))
    if "content-length" not in names and captured["body"]:
        headers.append(("Content-Length", str(len(captured["body"]))))
    return headers


def raw_http(captured):
    scheme, authority, path, query = split_url(captured["url"])
    target = path + ("?" + query if query else "")
    lines = ["%s %s HTTP/1.1" % (captured["method"], target)]
    lines += ["%s: %s" % (name, value) for name, value in wire_headers(captured)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + captured["body"]


def chrome_quote(text):
    """Chrome's "Copy as cURL (bash)" quoting: '…' when safe, else $'…' with \\uXXXX escapes."""
    if all(0x20 <= ord(c) < 0x7F for c in text) and "'" not in text:
        return "'" + text + "'"
    out = []
    for c in text:
        if c == "\\":
            out.append("\\\\")
        elif c == "'":
            out.append("\\'")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif 0x20 <= ord(c) < 0x7F:
            out.append(c)
        else:
            out.append("\\u%04x" % ord(c) if ord(c) <= 0xFFFF else "\\U%08x" % ord(c))
    return "$'" + "".join(out) + "'"


def curl_command(captured):
    scheme, authority, path, query = split_url(captured["url"])
    parts = ["curl " + chrome_quote(captured["url"])]
    if captured["method"] not in ("GET", "POST") or (captured["method"] == "POST" and not captured["body"]):
        parts.append("-X " + captured["method"])
    compressed = False
    for name, value in wire_headers(captured):
        lower = name.lower()
        if lower in ("content-length", "connection"):
            continue
        if lower == "host" and value == authority:
            continue
        if lower == "accept-encoding":
            compressed = value != "identity"
            if not compressed:
                parts.append("-H " + chrome_quote("%s: %s" % (name, value)))
            continue
        parts.append("-H " + chrome_quote("%s: %s" % (name, value)))
    if captured["body"]:
        parts.append("--data-raw " + chrome_quote(captured["body"].decode("utf-8")))
    if compressed:
        parts.append("--compressed")
    return (" \\\n  ".join(parts) + "\n").encode("utf-8")


def har(captured, note):
    scheme, authority, path, query = split_url(captured["url"])
    headers = [{"name": n, "value": v} for n, v in wire_headers(captured)]
    from urllib.parse import parse_qsl
    request = {
        "method": captured["method"],
        "url": captured["url"],
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": headers,
        "queryString": [{"name": k, "value": v} for k, v in parse_qsl(query, keep_blank_values=True)],
        "headersSize": -1,
        "bodySize": len(captured["body"]),
    }
    if captured["body"]:
        content_type = next((v for n, v in captured["headers"] if n.lower() == "content-type"), "")
        request["postData"] = {"mimeType": content_type, "text": captured["body"].decode("utf-8")}
    response = {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "cookies": [],
                "headers": [{"name": "Content-Type", "value": "application/json"}],
                "content": {"size": 2, "mimeType": "application/json", "text": "{}"},
                "redirectURL": "", "headersSize": -1, "bodySize": 2}
    timings = {"send": 0, "wait": 1, "receive": 0}
    unrelated = {
        "startedDateTime": "2023-11-14T22:13:19.000Z", "time": 1,
        "request": {"method": "GET", "url": "https://console.example.com/index.html", "httpVersion": "HTTP/1.1",
                    "cookies": [], "headers": [{"name": "Host", "value": "console.example.com"}], "queryString": [],
                    "headersSize": -1, "bodySize": 0},
        "response": response, "cache": {}, "timings": timings,
    }
    entry = {"startedDateTime": "2023-11-14T22:13:20.000Z", "time": 1, "request": request,
             "response": response, "cache": {}, "timings": timings, "comment": note}
    document = {"log": {"version": "1.2", "creator": {"name": "sigscope scripts/captures/sdk_captures.py", "version": "1"},
                        "entries": [unrelated, entry]}}
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def meta(name, provider, algorithm, note):
    secret = TENCENT_KEY if provider == "tencent" else ALIYUN_KEY
    key_id = TENCENT_ID if provider == "tencent" else ALIYUN_ID
    dists = ["tencentcloud-sdk-python-common", "tencentcloud-sdk-python-vpc"] if provider == "tencent" else \
        ["alibabacloud-tea-openapi", "alibabacloud-ecs20140526"] if "tea" in name else ["aliyun-python-sdk-core", "aliyun-python-sdk-ecs"]
    return (json.dumps({
        "id": name,
        "provider": provider,
        "algorithm": algorithm,
        "client": note,
        "sdk": ["%s==%s" % (d, importlib.metadata.version(d)) for d in dists],
        "secretId": key_id,
        "secretKey": secret,
        "time": FIXED_TIME,
        "timeISO": FIXED_ISO,
        "harEntry": 1,
    }, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the files on disk differ from a fresh capture")
    args = parser.parse_args()
    fixed_environment()
    install_transport_stub()
    files = {}
    for name, provider, algorithm, run, note in SCENARIOS:
        CAPTURED.clear()
        run()
        if len(CAPTURED) != 1:
            sys.exit("%s: expected one request, captured %d" % (name, len(CAPTURED)))
        captured = CAPTURED[0]
        files[name + ".http"] = raw_http(captured)
        files[name + ".curl"] = curl_command(captured)
        files[name + ".har"] = har(captured, note)
        files[name + ".json"] = meta(name, provider, algorithm, note)
    if args.check:
        stale = [n for n, data in files.items() if not os.path.exists(os.path.join(OUT, n)) or open(os.path.join(OUT, n), "rb").read() != data]
        if stale:
            sys.exit("out of date: " + ", ".join(sorted(stale)))
        print("testvectors/captures/sdk is up to date (%d files)" % len(files))
        return
    os.makedirs(OUT, exist_ok=True)
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print("wrote %d files to %s" % (len(files), os.path.relpath(OUT, ROOT)))


if __name__ == "__main__":
    main()
