#!/usr/bin/env python3
"""Record the official SDKs' own debug logs, and a `curl -v` transcript, against a local listener.

Unlike sdk_captures.py (which stubs the transport), these requests really go over a socket:
a tiny HTTP proxy on 127.0.0.1 (a random free port) receives each one as an absolute-URI
request for the real API host (so the Host header and the signature are those the SDK
computes for vpc.tencentcloudapi.com / ecs.aliyuncs.com), answers a canned success body, and
the SDK's debug logging writes what it logs by itself:

  tencent-sdk-debug-tc3-post.log  tencentcloud-sdk-python-common, VpcClient, TC3, POST:
                                  client.set_stream_logger(f) (the SDK's own log format)
  tencent-sdk-debug-tc3-get.log   the same with HttpProfile.reqMethod = "GET"
  aliyun-core-debug-rpc.log       aliyun-python-sdk-core AcsClient, DEBUG=sdk and
                                  client.set_stream_logger(stream=f): its "> GET /?… HTTP/1.1"
                                  request block (all parameters and the Signature are in the URL)
  curl-v-tencent-response.txt     `curl -sv http://127.0.0.1:PORT/ … 2>&1`: curl's verbose
                                  transcript of a Tencent error response
  curl-v-progress-tencent-response.txt
                                  the same without -s: the progress meter (with its carriage
                                  returns) is mixed into the transcript

The clock is pinned (1700000000) as in sdk_captures.py, so the signatures can be verified with
the made-up keys below (verify … --now 1700000000). Install the SDKs from requirements.txt
into a venv outside the repository, then run

    /tmp/venv-cap/bin/python scripts/captures/debug_logs.py
"""

import http.server
import io
import json
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sdk_captures import fixed_environment  # noqa: E402  (the same pinned clock, nonces and platform)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "testvectors", "captures", "logs")

FIXED_TIME = 1700000000
NONCE = "6f1c0e8e2d7a4b51a3f9c2d4e5b6a7c8"
TENCENT_ID = "AKIDsigscopeCaptureExample0000000001"
TENCENT_KEY = "sigscopeCaptureExampleSecretKey1"
ALIYUN_ID = "LTAI5sigscopeCaptureEx1"
ALIYUN_KEY = "sigscopeCaptureExampleSecret0001"

TENCENT_ERROR = {"Response": {"Error": {"Code": "AuthFailure.SignatureFailure",
                                        "Message": "The provided credentials could not be validated. Please check your signature is correct."},
                              "RequestId": "00000000-0000-0000-0000-00000000000a"}}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if "tencentcloudapi.com" in self.path or self.path == "/tencent-error":
            body = TENCENT_ERROR if self.path == "/tencent-error" else \
                {"Response": {"NetworkInterface": {"NetworkInterfaceId": "eni-sigscope"}, "RequestId": "00000000-0000-0000-0000-000000000001"}}
        else:
            body = {"RequestId": "00000000-0000-0000-0000-000000000002", "NetworkInterfaceId": "eni-sigscope"}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    do_GET = answer
    do_POST = answer


def tencent(proxy, method):
    from tencentcloud.common import credential
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.common.profile.http_profile import HttpProfile
    from tencentcloud.vpc.v20170312 import vpc_client, models
    import logging

    log = io.StringIO()
    http = HttpProfile(protocol="http", reqMethod=method, proxy=proxy)
    client = vpc_client.VpcClient(credential.Credential(TENCENT_ID, TENCENT_KEY), "ap-guangzhou",
                                  ClientProfile(signMethod="TC3-HMAC-SHA256", httpProfile=http))
    client.set_stream_logger(log)
    req = models.CreateNetworkInterfaceRequest()
    req.from_json_string(json.dumps({
        "VpcId": "vpc-0akbol5v", "SubnetId": "subnet-76r802pg", "NetworkInterfaceName": "demo",
        "SecurityGroupIds": ["sg-05bb4upy"],
        "PrivateIpAddresses": [{"PrivateIpAddress": "172.16.64.13", "Primary": True}],
    }))
    client.CreateNetworkInterface(req)
    logging.getLogger("tencentcloud_sdk_common").handlers = []
    return log.getvalue()


def aliyun(proxy):
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkcore.utils import parameter_helper
    from aliyunsdkecs.request.v20140526.CreateNetworkInterfaceRequest import CreateNetworkInterfaceRequest

    parameter_helper.get_iso_8061_date = lambda: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(FIXED_TIME))
    parameter_helper.get_uuid = lambda: NONCE
    os.environ["DEBUG"] = "sdk"
    os.environ["HTTP_PROXY"] = proxy
    log = io.StringIO()
    client = AcsClient(ALIYUN_ID, ALIYUN_KEY, "cn-hangzhou", auto_retry=False)
    client.set_stream_logger(stream=log)
    request = CreateNetworkInterfaceRequest()
    request.set_protocol_type("http")
    request.set_method("GET")
    request.set_accept_format("json")
    request.set_VSwitchId("vsw-bp1s5fnvk4gn2tws03xx")
    request.set_SecurityGroupId("sg-bp1fg655nh68xyz9ixx")
    request.set_NetworkInterfaceName("my-eni")
    client.do_action_with_exception(request)
    return log.getvalue()


def curl_verbose(port, silent=True):
    result = subprocess.run(
        ["curl", "-sv" if silent else "-v", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", "{}",
         "http://127.0.0.1:%d/tencent-error" % port],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=True)
    return result.stdout.decode("utf-8")


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    proxy = "http://127.0.0.1:%d" % port
    transcript = curl_verbose(port)     # before the clock is pinned: curl is a real process anyway
    progress = curl_verbose(port, silent=False)
    fixed_environment()
    files = {
        "tencent-sdk-debug-tc3-post.log": tencent(proxy, "POST"),
        "tencent-sdk-debug-tc3-get.log": tencent(proxy, "GET"),
        "aliyun-core-debug-rpc.log": aliyun(proxy),
        "curl-v-tencent-response.txt": transcript,
        "curl-v-progress-tencent-response.txt": progress,
    }
    server.shutdown()
    os.makedirs(OUT, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    print("wrote %d files to %s" % (len(files), os.path.relpath(OUT, ROOT)))


if __name__ == "__main__":
    sys.exit(main())
