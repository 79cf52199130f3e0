#!/usr/bin/env python3
"""Write sigscope's signing test vectors under testvectors/.

Two kinds of cases are written:

* Official cases (T1..T13, D1..D4 and their derived variants) from
  shared/reference/signing.md. Every stage is computed by the reference code in
  this file and every value that the reference publishes is asserted before
  anything is written.
* Generated cases (gen-NN-<slug>) for each algorithm. Every stage is computed by
  the reference code in this file and the result is asserted to equal what the
  official SDK functions return for the same input (and, where two SDKs
  implement the same algorithm, that they agree with each other).

The SDKs are imported, never copied: install them from requirements.txt beside
this file into a virtual environment outside the repository, then run

    python3 scripts/vectors/generate.py          # rewrite testvectors/
    python3 scripts/vectors/generate.py --check  # verify testvectors/ is up to date

Stage files hold the exact bytes of a stage with no trailing newline.
"""

import argparse
import base64
import datetime
import hashlib
import hmac
import importlib.metadata
import json
import os
import shutil
import sys
import types
from collections import OrderedDict

# SDK imports (the functions whose output the generated vectors are checked against).
from tencentcloud.common.sign import Sign
from tencentcloud.common.abstract_client import AbstractClient
from tencentcloud.common.credential import Credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from aliyunsdkcore.auth.composer import rpc_signature_composer
from alibabacloud_openapi_util.client import Client as OpenApiUtil
from alibabacloud_tea_openapi.utils import Utils as TeaOpenApiUtils

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
VECTORS = os.path.join(ROOT, "testvectors")


def version(dist):
    return importlib.metadata.version(dist)


V_TC = "tencentcloud-sdk-python-common==" + version("tencentcloud-sdk-python-common")
V_ALI_CORE = "aliyun-python-sdk-core==" + version("aliyun-python-sdk-core")
V_OPENAPI_UTIL = "alibabacloud-openapi-util==" + version("alibabacloud-openapi-util")
V_TEA_OPENAPI = "alibabacloud-tea-openapi==" + version("alibabacloud-tea-openapi")


class VectorError(Exception):
    pass


def expect(label, got, want):
    if got != want:
        raise VectorError("%s: computed %r, expected %r" % (label, got, want))


# --------------------------------------------------------------------------
# Reference implementation (ours; written from signing.md, not from the SDKs)
# --------------------------------------------------------------------------

UNRESERVED = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def pct(s):
    """RFC 3986 percent-encoding of the UTF-8 bytes of s, uppercase hex."""
    out = []
    for b in s.encode("utf-8"):
        out.append(chr(b) if b in UNRESERVED else "%%%02X" % b)
    return "".join(out)


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def hmac_raw(key, msg, digest):
    return hmac.new(key, msg, digest).digest()


def utc_date(timestamp):
    ts = int(timestamp)
    return datetime.datetime.fromtimestamp(ts, tz=datetime.timezone.utc).strftime("%Y-%m-%d")


def byte_sorted(items):
    """Sort (name, value) pairs by the UTF-8 bytes of the name."""
    return sorted(items, key=lambda kv: kv[0].encode("utf-8"))


def tc3_stages(case, body):
    """TC3-HMAC-SHA256 stages. body: bytes signed verbatim (b'' for GET)."""
    method = case["method"]
    if method == "GET":
        assert body == b""
        query = "&".join(pct(k) + "=" + pct(v) for k, v in byte_sorted(case["params"].items()))
    else:
        query = ""
    header_values = {
        "content-type": case["contentType"],
        "host": case["endpoint"],
        "x-tc-action": case["action"],
    }
    names = case["signedHeaders"].split(";")
    if names != sorted(names) or not {"content-type", "host"} <= set(names):
        raise VectorError("bad SignedHeaders %r" % case["signedHeaders"])
    canonical_headers = "".join(
        "%s:%s\n" % (n, header_values[n].strip().lower()) for n in names
    )
    payload_hash = sha256_hex(body)
    canonical_request = "\n".join(
        [method, "/", query, canonical_headers, case["signedHeaders"], payload_hash]
    )
    hashed_cr = sha256_hex(canonical_request.encode("utf-8"))
    date = utc_date(case["timestamp"])
    scope = "%s/%s/tc3_request" % (date, case["service"])
    string_to_sign = "\n".join(["TC3-HMAC-SHA256", case["timestamp"], scope, hashed_cr])
    k_date = hmac_raw(("TC3" + case["secretKey"]).encode("utf-8"), date.encode("utf-8"), hashlib.sha256)
    k_service = hmac_raw(k_date, case["service"].encode("utf-8"), hashlib.sha256)
    k_signing = hmac_raw(k_service, b"tc3_request", hashlib.sha256)
    signature = hmac.new(k_signing, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    authorization = "TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (
        case["secretId"], scope, case["signedHeaders"], signature)
    return OrderedDict([
        ("hashed-request-payload", payload_hash),
        ("canonical-request", canonical_request),
        ("hashed-canonical-request", hashed_cr),
        ("credential-scope", scope),
        ("string-to-sign", string_to_sign),
        ("secret-date", k_date.hex()),
        ("secret-service", k_service.hex()),
        ("secret-signing", k_signing.hex()),
        ("signature", signature),
        ("authorization", authorization),
    ])


def v1_signed_params(case):
    p = dict(case["params"])
    common = {
        "Action": case["action"],
        "Nonce": case["nonce"],
        "Region": case["region"],
        "SecretId": case["secretId"],
        "Timestamp": case["timestamp"],
        "Version": case["version"],
    }
    if case["algorithm"] == "hmac-sha256":
        common["SignatureMethod"] = "HmacSHA256"
    elif case["algorithm"] != "hmac-sha1":
        raise VectorError("bad v1 algorithm")
    if case["token"] is not None:
        common["Token"] = case["token"]
    for k, v in common.items():
        if k in p:
            raise VectorError("business param %s collides with a common one" % k)
        p[k] = v
    return p


def v1_stages(case):
    params = v1_signed_params(case)
    joined = "&".join("%s=%s" % (k, v) for k, v in byte_sorted(params.items()))
    string_to_sign = case["method"] + case["endpoint"] + "/?" + joined
    digest = hashlib.sha256 if case["algorithm"] == "hmac-sha256" else hashlib.sha1
    sig = base64.b64encode(
        hmac_raw(case["secretKey"].encode("utf-8"), string_to_sign.encode("utf-8"), digest)
    ).decode("ascii")
    return OrderedDict([("string-to-sign", string_to_sign), ("signature", sig)])


def rpc_signed_params(case):
    p = dict(case["params"])
    common = {
        "AccessKeyId": case["secretId"],
        "Action": case["action"],
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": case["nonce"],
        "SignatureVersion": "1.0",
        "Timestamp": case["timestamp"],
        "Version": case["version"],
    }
    if "Format" not in p:
        common["Format"] = "JSON"
    if case["token"] is not None:
        common["SecurityToken"] = case["token"]
    for k, v in common.items():
        if k in p:
            raise VectorError("business param %s collides with a common one" % k)
        p[k] = v
    return p


def rpc_stages(case):
    params = rpc_signed_params(case)
    encoded = sorted((pct(k), pct(v)) for k, v in params.items())  # ASCII after encoding
    cqs = "&".join(k + "=" + v for k, v in encoded)
    string_to_sign = case["method"] + "&" + pct("/") + "&" + pct(cqs)
    sig = base64.b64encode(
        hmac_raw((case["secretKey"] + "&").encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha1)
    ).decode("ascii")
    return OrderedDict([
        ("canonicalized-query-string", cqs),
        ("string-to-sign", string_to_sign),
        ("signature", sig),
    ])


EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def acs3_headers(case):
    h = {
        "host": case["endpoint"],
        "x-acs-action": case["action"],
        "x-acs-content-sha256": EMPTY_SHA256,
        "x-acs-date": case["timestamp"],
        "x-acs-signature-nonce": case["nonce"],
        "x-acs-version": case["version"],
    }
    if case["token"] is not None:
        h["x-acs-security-token"] = case["token"]
    return h


def acs3_stages(case):
    if case["method"] != "POST":
        raise VectorError("acs3 vectors are POST")
    query = "&".join(pct(k) + "=" + pct(v) for k, v in byte_sorted(case["params"].items()))
    headers = acs3_headers(case)
    names = sorted(headers)
    canonical_headers = "".join("%s:%s\n" % (n, headers[n].strip()) for n in names)
    signed_headers = ";".join(names)
    canonical_request = "\n".join(
        [case["method"], "/", query, canonical_headers, signed_headers, EMPTY_SHA256]
    )
    hashed_cr = sha256_hex(canonical_request.encode("utf-8"))
    string_to_sign = "ACS3-HMAC-SHA256\n" + hashed_cr
    signature = hmac.new(case["secretKey"].encode("utf-8"), string_to_sign.encode("utf-8"),
                         hashlib.sha256).hexdigest()
    authorization = "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s" % (
        case["secretId"], signed_headers, signature)
    return OrderedDict([
        ("hashed-request-payload", EMPTY_SHA256),
        ("canonical-request", canonical_request),
        ("hashed-canonical-request", hashed_cr),
        ("string-to-sign", string_to_sign),
        ("signature", signature),
        ("authorization", authorization),
    ])


# --------------------------------------------------------------------------
# SDK cross-checks (the SDK functions are called, never copied)
# --------------------------------------------------------------------------

class _TencentClient(AbstractClient):
    _service = "vpc"
    _apiVersion = "2017-03-12"


def sdk_check_tc3(case, body, stages):
    """Assert our TC3 signature equals the SDK's. Returns the SDK functions used."""
    date = utc_date(case["timestamp"])
    sdk_sig = Sign.sign_tc3(case["secretKey"], date, case["service"], stages["string-to-sign"])
    expect(case["id"] + " Sign.sign_tc3", sdk_sig, stages["signature"])
    used = ["tencentcloud.common.sign.Sign.sign_tc3"]
    if case["signedHeaders"] == "content-type;host":
        # The SDK's own canonical-request builder signs exactly content-type;host.
        # For GET it signs req.data as the query string: we hand it our canonical query.
        query = stages["canonical-request"].split("\n")[2]
        req = types.SimpleNamespace(
            method=case["method"], uri="/",
            data=query if case["method"] == "GET" else body,
            header={"Content-Type": case["contentType"], "Host": case["endpoint"],
                    "X-TC-Timestamp": case["timestamp"]},
        )
        sdk_sig2 = AbstractClient._get_tc3_signature(
            None, None, req, date, case["service"], case["secretKey"])
        expect(case["id"] + " AbstractClient._get_tc3_signature", sdk_sig2, stages["signature"])
        used.append("tencentcloud.common.abstract_client.AbstractClient._get_tc3_signature")
    return used


def sdk_check_v1(case, stages):
    method = "HmacSHA256" if case["algorithm"] == "hmac-sha256" else "HmacSHA1"
    profile = ClientProfile(signMethod=method, httpProfile=HttpProfile(
        endpoint=case["endpoint"], reqMethod=case["method"]))
    client = _TencentClient(Credential(case["secretId"], case["secretKey"], case["token"]),
                            case["region"], profile)
    sdk_sts = client._format_sign_string(v1_signed_params(case))
    expect(case["id"] + " AbstractClient._format_sign_string", sdk_sts, stages["string-to-sign"])
    sdk_sig = Sign.sign(case["secretKey"], sdk_sts, method)
    expect(case["id"] + " Sign.sign", sdk_sig, stages["signature"])
    return ["tencentcloud.common.sign.Sign.sign",
            "tencentcloud.common.abstract_client.AbstractClient._format_sign_string"]


_compose_sts = getattr(rpc_signature_composer, "__compose_string_to_sign")
_core_signature = getattr(rpc_signature_composer, "__get_signature")


def sdk_check_rpc(case, stages):
    params = rpc_signed_params(case)
    core_sts = _compose_sts(case["method"], dict(params))
    expect(case["id"] + " aliyunsdkcore __compose_string_to_sign", core_sts, stages["string-to-sign"])
    core_sig = _core_signature(core_sts, case["secretKey"])
    expect(case["id"] + " aliyunsdkcore __get_signature", core_sig, stages["signature"])
    util_sig = OpenApiUtil.get_rpcsignature(dict(params), case["method"], case["secretKey"])
    expect(case["id"] + " alibabacloud_openapi_util get_rpcsignature", util_sig, stages["signature"])
    tea_sig = TeaOpenApiUtils.get_rpcsignature(dict(params), case["method"], case["secretKey"])
    expect(case["id"] + " alibabacloud_tea_openapi get_rpcsignature", tea_sig, stages["signature"])
    return None


def sdk_check_acs3(case, stages):
    req = types.SimpleNamespace(pathname="/", method=case["method"],
                                query=dict(case["params"]), headers=acs3_headers(case))
    for label, fn in (("alibabacloud_openapi_util get_authorization", OpenApiUtil.get_authorization),
                      ("alibabacloud_tea_openapi get_authorization", TeaOpenApiUtils.get_authorization)):
        auth = fn(req, "ACS3-HMAC-SHA256", EMPTY_SHA256, case["secretId"], case["secretKey"])
        expect(case["id"] + " " + label, auth, stages["authorization"])


SOURCE_V1 = ("generated: tencentcloud.common.sign.Sign.sign + "
             "AbstractClient._format_sign_string " + V_TC)
SOURCE_RPC = ("generated: aliyunsdkcore.auth.composer.rpc_signature_composer "
              "(__compose_string_to_sign, __get_signature) " + V_ALI_CORE +
              "; alibabacloud_openapi_util.client.Client.get_rpcsignature " + V_OPENAPI_UTIL +
              "; alibabacloud_tea_openapi.utils.Utils.get_rpcsignature " + V_TEA_OPENAPI)
SOURCE_ACS3 = ("generated: alibabacloud_openapi_util.client.Client.get_authorization " +
               V_OPENAPI_UTIL + "; alibabacloud_tea_openapi.utils.Utils.get_authorization " +
               V_TEA_OPENAPI)


# --------------------------------------------------------------------------
# Case records
# --------------------------------------------------------------------------

KEYS = ["id", "source", "official", "provider", "algorithm", "method", "endpoint", "action",
        "version", "region", "service", "timestamp", "nonce", "secretId", "secretKey", "token",
        "contentType", "signedHeaders", "params"]


def make_case(**kw):
    case = OrderedDict()
    for k in KEYS:
        case[k] = kw.pop(k, None)
    if kw:
        raise VectorError("unknown case keys %r" % sorted(kw))
    if case["params"] is None:
        case["params"] = OrderedDict()
    for k, v in case["params"].items():
        if not isinstance(k, str) or not isinstance(v, str):
            raise VectorError("%s: params must be strings" % case["id"])
    for k in ("id", "source", "provider", "algorithm", "method", "endpoint", "action",
              "version", "timestamp", "secretId", "secretKey"):
        if not isinstance(case[k], str) or not case[k]:
            raise VectorError("%s: %s missing" % (case["id"], k))
    return case


def P(*pairs):
    return OrderedDict(pairs)


# --------------------------------------------------------------------------
# Official vectors (shared/reference/signing.md sections 1.4, 1.5, 2.4, 3.6, 7)
# --------------------------------------------------------------------------

STARS32 = "*" * 32
AKID_STARS = "AKID" + STARS32
KEY_B = "Gu5t9xGARNpq86cd98joQYCN3*******"
ID_B = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******"
KEY_EX = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
ID_EX = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
CVM_BODY = b'{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
CVM_BODY_EN = b'{"Limit": 1, "Filters": [{"Values": ["unnamed"], "Name": "instance-name"}]}'
D3_BODY = (b'{"VpcId":"vpc-0akbol5v","SubnetId":"subnet-76r802pg",'
           b'"NetworkInterfaceName":"demo","SecurityGroupIds":["sg-05bb4upy"]}')



def tc3_official(cid, source, official, secret_id, secret_key, signed_headers, body,
                 expected, **overrides):
    base = dict(
        id=cid, source=source, official=official, provider="tencent", algorithm="tc3",
        method="POST", endpoint="cvm.tencentcloudapi.com", action="DescribeInstances",
        version="2017-03-12", region="ap-guangzhou", service="cvm", timestamp="1551113065",
        nonce=None, secretId=secret_id, secretKey=secret_key, token=None,
        contentType="application/json; charset=utf-8", signedHeaders=signed_headers,
        params=OrderedDict(),
    )
    base.update(overrides)
    return ("tencent/tc3/" + cid, make_case(**base), body, expected)


def official_cases():
    out = []
    # ---- TC3 ----
    out.append(tc3_official(
        "T1", "https://cloud.tencent.com/document/api/213/30654 (签名方法 v3, current zh revision)", True, AKID_STARS, STARS32,
        "content-type;host;x-tc-action", CVM_BODY, {
            "hashed-request-payload": "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
            "hashed-canonical-request": "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84",
            "secret-date": "da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0",
            "secret-service": "8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f",
            "secret-signing": "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af",
            "signature": "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f",
            "credential-scope": "2019-02-25/cvm/tc3_request",
            "canonical-request": "POST\n/\n\ncontent-type:application/json; charset=utf-8\n"
                                 "host:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n\n"
                                 "content-type;host;x-tc-action\n"
                                 "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
            "string-to-sign": "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
                              "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84",
            "authorization": "TC3-HMAC-SHA256 Credential=AKID********************************/"
                             "2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, "
                             "Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f",
        }))
    out.append(tc3_official(
        "T2", "https://cloud.tencent.com/document/api/213/30654, ~2021 zh revision (key masked with 7 "
        "literal asterisks)", True, ID_B, KEY_B,
        "content-type;host", CVM_BODY, {
            "hashed-request-payload": "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
            "hashed-canonical-request": "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
            "secret-date": "f1cb4d518a0eda9d5cbbfdb7850983f1e603eeae484edea76e4dd8d8deb5556e",
            "secret-service": "e7c609ce81bea53546bed2cc904778bef9ca14082e48e67883443ed64e227cd7",
            "secret-signing": "8aa8ab5755582f576e94bcfe383b8e29325b0ca90c3590d569221c6a63a091ed",
            "signature": "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c",
            "authorization": "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/"
                             "2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, "
                             "Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c",
        }))
    out.append(tc3_official(
        "T3", "later zh revision of https://cloud.tencent.com/document/api/213/30654 (same key as T2, "
        "signs x-tc-action; value known from copies of that revision quoted in public code)", True, ID_B, KEY_B,
        "content-type;host;x-tc-action", CVM_BODY, {
            "hashed-canonical-request": "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84",
            "signature": "be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3",
            "authorization": "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/"
                             "2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, "
                             "Signature=be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3",
        }))
    out.append(tc3_official(
        "T4", "Tencent Cloud API 'Signature v3' page, 2019-2020 intl/en revision (EXAMPLE keys)", True, ID_EX, KEY_EX,
        "content-type;host", CVM_BODY, {
            "hashed-canonical-request": "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
            "secret-date": "d1308c81fe71cfd4e06437bbc067b2b8a3d2d8c0e375d547f15c41d5214b395a",
            "secret-service": "3c7cb7c7795393edc14fd2e0e6434a518564b4504b88e94f5d11bf59ba3e7050",
            "secret-signing": "ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1",
            "signature": "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
            "authorization": "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/"
                             "2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, "
                             "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
        }))
    out.append(tc3_official(
        "T5", "tencentcloud.com 'Signature v3' page, current international English revision "
        "(payload \"unnamed\")", True, AKID_STARS, STARS32,
        "content-type;host", CVM_BODY_EN, {
            "hashed-request-payload": "99d58dfbc6745f6747f36bfca17dee5e6881dc0428a0a36f96199342bc5b4907",
            "hashed-canonical-request": "2815843035062fffda5fd6f2a44ea8a34818b0dc46f024b8b3786976a3adda7a",
            "signature": "a7b8551448762bd123d6f79e81815e31a92013640a6cef36a08ad4b292a4d2f2",
            "authorization": "TC3-HMAC-SHA256 Credential=AKID********************************/"
                             "2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, "
                             "Signature=a7b8551448762bd123d6f79e81815e31a92013640a6cef36a08ad4b292a4d2f2",
        }))
    out.append(tc3_official(
        "T6", "Tencent Cloud API 'Common Params' (ja/en) and the 2018 TC3 page, HTTP GET example", True, ID_EX, KEY_EX,
        "content-type;host", b"", {
            "hashed-request-payload": EMPTY_SHA256,
            "canonical-request": "GET\n/\nLimit=10&Offset=0\ncontent-type:application/x-www-form-urlencoded\n"
                                 "host:cvm.tencentcloudapi.com\n\ncontent-type;host\n" + EMPTY_SHA256,
            "hashed-canonical-request": "91c9c192c14460df6c1ffc69e34e6c5e90708de2a6d282cccf957dbf1aa7f3a7",
            "credential-scope": "2018-10-09/cvm/tc3_request",
            "signature": "5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474",
            "authorization": "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/"
                             "2018-10-09/cvm/tc3_request, SignedHeaders=content-type;host, "
                             "Signature=5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474",
        }, method="GET", timestamp="1539084154", contentType="application/x-www-form-urlencoded",
        params=P(("Limit", "10"), ("Offset", "0"))))
    d3 = dict(action="CreateNetworkInterface", endpoint="vpc.tencentcloudapi.com", service="vpc",
              region=None)
    out.append(tc3_official(
        "D3a", "derived case D3 with Content-Type application/json (VPC "
        "CreateNetworkInterface; no official expected value)", False, ID_EX, KEY_EX,
        "content-type;host", D3_BODY, {
            "hashed-request-payload": "6449df2d6c9c1d8d742e8903630bbf30eb13919faffea5bb359aa5b7541b5789",
            "hashed-canonical-request": "791984c0d8a6840322d3f6abb4041c5300340787f8ceb9ee4750b43abff3df3e",
            "signature": "2819f9084fc6f0b69663a6f92f853cb454d84fb102f99662b8962e4bb3b5b8ef",
        }, contentType="application/json", **d3))
    out.append(tc3_official(
        "D3b", "derived case D3 with Content-Type application/json; charset=utf-8 (VPC "
        "CreateNetworkInterface; no official expected value)", False, ID_EX, KEY_EX,
        "content-type;host", D3_BODY, {
            "hashed-request-payload": "6449df2d6c9c1d8d742e8903630bbf30eb13919faffea5bb359aa5b7541b5789",
            "hashed-canonical-request": "830caf81d1f19e6828f829ed046c4fccb1b239b4fed21055ebdf3ca30449b1e4",
            "signature": "f202f66ec07b03b3d9877fdc071a0ed857672d841456d9fb902ff21752d0a49f",
        }, contentType="application/json; charset=utf-8", **d3))

    # ---- Tencent v1 ----
    def v1(cid, source, official, sid, key, sig, algorithm="hmac-sha1", sts=None):
        case = make_case(
            id=cid, source=source, official=official, provider="tencent", algorithm=algorithm,
            method="GET", endpoint="cvm.tencentcloudapi.com", action="DescribeInstances",
            version="2017-03-12", region="ap-guangzhou", service=None, timestamp="1465185768",
            nonce="11886", secretId=sid, secretKey=key, token=None, contentType=None,
            signedHeaders=None,
            params=P(("InstanceIds.0", "ins-09dx96dg"), ("Limit", "20"), ("Offset", "0")))
        expected = {"signature": sig}
        if sts is None:
            sts = ("GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg"
                   "&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=" + sid +
                   "&Timestamp=1465185768&Version=2017-03-12")
        expected["string-to-sign"] = sts
        return ("tencent/v1/" + cid, case, None, expected)

    out.append(v1("T7", "cloud.tencent.com 签名方法 v1 page, current zh revision", True, AKID_STARS, STARS32,
                  "7RAM2xfNMO9EiVTNmPg06MRnCvQ="))
    out.append(v1("T8", "签名方法 v1, ~2021 zh revision (key masked with 7 literal asterisks)", True, ID_B, KEY_B, "zmmjn35mikh6pM3V7sUEuX4wyYM="))
    out.append(v1("T9", "Signature (v1) page, intl en/ja/ko revisions (EXAMPLE keys)", True, ID_EX, KEY_EX, "EliP9YW3pW28FpsEdkXt/+WcGeI="))
    out.append(v1("D4", "derived case D4 (T9 with SignatureMethod=HmacSHA256; no official "
                  "expected value)", False, ID_EX, KEY_EX,
                  "A8uy2/o7WBZXYCTWEFpMrVGhGBVlEGIOioeqRM+fzFs=", algorithm="hmac-sha256",
                  sts="GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg"
                      "&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=" + ID_EX +
                      "&SignatureMethod=HmacSHA256&Timestamp=1465185768&Version=2017-03-12"))

    # ---- Aliyun rpc ----
    def rpc(cid, source, official, method, endpoint, action, nonce, ts, params, expected):
        case = make_case(
            id=cid, source=source, official=official, provider="aliyun", algorithm="rpc",
            method=method, endpoint=endpoint, action=action, version="2014-05-26", region=None,
            service=None, timestamp=ts, nonce=nonce, secretId="testid", secretKey="testsecret",
            token=None, contentType=None, signedHeaders=None, params=params)
        return ("aliyun/rpc/" + cid, case, None, expected)

    t10_cqs = ("AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1"
               "&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0"
               "&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26")
    t10_sts_tail = ("&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod"
                    "%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion"
                    "%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26")
    t10 = dict(endpoint="ecs.aliyuncs.com", action="DescribeRegions",
               nonce="3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", ts="2016-02-23T12:46:24Z",
               params=P(("Format", "XML")))
    out.append(rpc("T10", "ECS 'Request signatures' (AlibabaCloudDocs/ecs intl.en-US/API Reference/"
                   "Getting started/Request signatures.md; alibabacloud.com/help/doc-detail/163279.htm)", True, "GET", expected={
                       "canonicalized-query-string": t10_cqs, "string-to-sign": "GET" + t10_sts_tail,
                       "signature": "OLeaidS1JvxuMvnyHOwuJ+uX5qY="}, **t10))
    out.append(rpc("T11", "derived case T11 (T10's parameters signed with POST; no official "
                   "expected value)", False, "POST", expected={
                       "canonicalized-query-string": t10_cqs, "string-to-sign": "POST" + t10_sts_tail,
                       "signature": "MxbnVAM4w6sft9xjVpe/GCKueuk="}, **t10))
    t12_cqs = ("AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&RegionId=cn-beijing"
               "&SignatureMethod=HMAC-SHA1&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb"
               "&SignatureVersion=1.0&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26")
    t12_sts_tail = ("&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDedicatedHosts%26Format%3DJSON"
                    "%26RegionId%3Dcn-beijing%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce"
                    "%3Dedb2b34af0af9a6d14deaf7c1a5315eb%26SignatureVersion%3D1.0%26Timestamp"
                    "%3D2023-03-13T08%253A34%253A30Z%26Version%3D2014-05-26")
    t12 = dict(endpoint="ecs.cn-beijing.aliyuncs.com", action="DescribeDedicatedHosts",
               nonce="edb2b34af0af9a6d14deaf7c1a5315eb", ts="2023-03-13T08:34:30Z",
               params=P(("Format", "JSON"), ("RegionId", "cn-beijing")))
    out.append(rpc("T12", "https://help.aliyun.com/zh/sdk/product-overview/rpc-mechanism (RPC V2 "
                   "DescribeDedicatedHosts example)", True, "GET",
                   expected={"canonicalized-query-string": t12_cqs, "string-to-sign": "GET" + t12_sts_tail,
                             "signature": "9NaGiOspFP5UPcwX8Iwt2YJXXuk="}, **t12))
    out.append(rpc("T12-post", "derived case T12 POST variant (no official expected value)",
                   False, "POST", expected={
                       "canonicalized-query-string": t12_cqs, "string-to-sign": "POST" + t12_sts_tail,
                       "signature": "ZvQ9xGiFnquSJRvj+WE6kdSpTwU="}, **t12))
    d1_params = P(("RegionId", "cn-hangzhou"), ("VSwitchId", "vsw-bp1s5fnvk4gn2tws03****"),
                  ("SecurityGroupIds.1", "sg-bp1fg655nh68xyz9i****"), ("Tag.1.Key", "Test Key"),
                  ("Tag.1.Value", "中文~"), ("NetworkInterfaceName", "my-eni"))
    out.append(rpc("D1", "derived case D1 (ECS CreateNetworkInterface, POST; Format defaults "
                   "to JSON; no official expected value)", False, "POST",
                   endpoint="ecs.cn-hangzhou.aliyuncs.com", action="CreateNetworkInterface",
                   nonce="3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", ts="2016-02-23T12:46:24Z",
                   params=d1_params, expected={
                       "canonicalized-query-string":
                           "AccessKeyId=testid&Action=CreateNetworkInterface&Format=JSON"
                           "&NetworkInterfaceName=my-eni&RegionId=cn-hangzhou"
                           "&SecurityGroupIds.1=sg-bp1fg655nh68xyz9i%2A%2A%2A%2A&SignatureMethod=HMAC-SHA1"
                           "&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0"
                           "&Tag.1.Key=Test%20Key&Tag.1.Value=%E4%B8%AD%E6%96%87~"
                           "&Timestamp=2016-02-23T12%3A46%3A24Z&VSwitchId=vsw-bp1s5fnvk4gn2tws03%2A%2A%2A%2A"
                           "&Version=2014-05-26",
                       "signature": "WRH0GFyCcbCXxXQoz9CvX93vA04="}))

    # ---- Aliyun acs3 ----
    def acs3(cid, source, official, endpoint, action, sid, key, params, expected):
        case = make_case(
            id=cid, source=source, official=official, provider="aliyun", algorithm="acs3",
            method="POST", endpoint=endpoint, action=action, version="2014-05-26", region=None,
            service=None, timestamp="2023-10-26T10:22:32Z", nonce="3156853299f313e23d1673dc12e1703d",
            secretId=sid, secretKey=key, token=None, contentType=None, signedHeaders=None,
            params=params)
        return ("aliyun/acs3/" + cid, case, None, expected)

    out.append(acs3("T13", "https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature "
                    "(V3 RunInstances example)", True,
                    "ecs.cn-shanghai.aliyuncs.com", "RunInstances", "YourAccessKeyId", "YourAccessKeySecret",
                    P(("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"),
                      ("RegionId", "cn-shanghai")), {
                        "hashed-request-payload": EMPTY_SHA256,
                        "canonical-request":
                            "POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
                            "host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\n"
                            "x-acs-content-sha256:" + EMPTY_SHA256 + "\nx-acs-date:2023-10-26T10:22:32Z\n"
                            "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-05-26\n\n"
                            "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
                            + EMPTY_SHA256,
                        "hashed-canonical-request": "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
                        "string-to-sign": "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
                        "signature": "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
                        "authorization":
                            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;"
                            "x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
                            "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
                    }))
    out.append(acs3("D2", "derived case D2 (ECS CreateNetworkInterface with D1's business "
                    "parameters; no official expected value)", False, "ecs.cn-hangzhou.aliyuncs.com",
                    "CreateNetworkInterface", "testid", "testsecret", d1_params, {
                        "hashed-canonical-request": "4207922aa216c89351bd572e8a794bc7976f96188012b750085ec04879b0b44f",
                        "signature": "f214e39369f3147118fc8c77457469c6b3fef30a8212bbeb20553bbd279fc7f7",
                    }))
    return out


# --------------------------------------------------------------------------
# Generated vectors
# --------------------------------------------------------------------------
# Made-up credentials. None of these is a real key.
TC_ID = "AKIDsigscopeTESTxxxxxxxxxxxxxxxxxxxx"
TC_KEY = "sigscopeTESTsecretKEYxxxxxxxxxxxx"
TC_ID2 = "AKIDsigscopeTEST2yyyyyyyyyyyyyyyyyyy"
TC_KEY2 = "sigscopeTEST2secretKEYyyyyyyyyyyy"
TC_TOKEN = "sigscopeTESTtoken0123456789abcdefABCDEF-_tmp+/token=="
ALI_ID = "LTAI5tSigscopeTESTxxxxxx"
ALI_KEY = "sigscopeTESTaccessKeySecretxxxxx"
ALI_ID2 = "STS.NSigscopeTESTyyyyyyyyyyy"
ALI_KEY2 = "sigscopeTEST2accessKeySecretyyyy"
ALI_TOKEN = "CAISsigscopeTEST+Security/Token=Zz0123456789abcdefghijklmnop+/=="

# Values with the characters that encoders get wrong.
HARD = OrderedDict([
    ("space", "my eni 01"),
    ("star", "sg-bp1fg655nh68xyz9i****"),
    ("tilde", "~backup~v1"),
    ("plus", "a+b+c"),
    ("slash", "team/net/prod"),
    ("equals", "k=v=w"),
    ("amp", "R&D&QA"),
    ("subdelims", "it's (ok)!"),
    ("percent", "100% done %20 %E4 %%"),
    ("colon", "env:prod:cn"),
    ("chinese", "测试网卡"),
    ("emoji", "eni-🚀✨"),
    ("combo", "a b*c~d+e/f=g&h!'()%:中🚀"),
    ("reserved", "#?[]@$,;\"<>\\^`{|}"),
])


def gen_tencent_v1():
    cases = []

    def add(slug, method, algorithm, params, ts, nonce, token=None, endpoint="vpc.tencentcloudapi.com",
            region="ap-guangzhou", sid=TC_ID, key=TC_KEY, action="CreateNetworkInterface"):
        cases.append(dict(slug=slug, case=dict(
            provider="tencent", algorithm=algorithm, method=method, endpoint=endpoint, action=action,
            version="2017-03-12", region=region, service=None, timestamp=ts, nonce=nonce, secretId=sid,
            secretKey=key, token=token, contentType=None, signedHeaders=None, params=params)))

    base = [("VpcId", "vpc-0akbol5v"), ("SubnetId", "subnet-76r802pg")]
    add("sha1-get-minimal", "GET", "hmac-sha1",
        P(*base, ("NetworkInterfaceName", "demo")), "1700000000", "1")
    add("sha256-get-minimal", "GET", "hmac-sha256",
        P(*base, ("NetworkInterfaceName", "demo")), "1700000000", "1")
    add("sha1-post-minimal", "POST", "hmac-sha1",
        P(*base, ("NetworkInterfaceName", "demo")), "1700000000", "1")
    add("sha256-post-minimal", "POST", "hmac-sha256",
        P(*base, ("NetworkInterfaceName", "demo")), "1700000000", "1")
    add("sha1-get-space", "GET", "hmac-sha1",
        P(*base, ("NetworkInterfaceName", HARD["space"]), ("NetworkInterfaceDescription", "primary eni of web tier")),
        "1709251199", "2147483647")
    add("sha256-post-star-tilde", "POST", "hmac-sha256",
        P(*base, ("NetworkInterfaceName", HARD["tilde"]), ("SecurityGroupIds.0", HARD["star"])),
        "1709251200", "918273645")
    add("sha1-post-plus-slash-equals", "POST", "hmac-sha1",
        P(*base, ("NetworkInterfaceName", HARD["plus"]), ("NetworkInterfaceDescription", HARD["slash"]),
          ("Tags.0.Key", "expr"), ("Tags.0.Value", HARD["equals"])), "1609459200", "42")
    add("sha256-get-amp-subdelims", "GET", "hmac-sha256",
        P(*base, ("NetworkInterfaceName", HARD["amp"]), ("NetworkInterfaceDescription", HARD["subdelims"])),
        "1672531199", "31337")
    add("sha1-get-percent-colon", "GET", "hmac-sha1",
        P(*base, ("NetworkInterfaceName", "pct"), ("NetworkInterfaceDescription", HARD["percent"]),
          ("Tags.0.Key", "env"), ("Tags.0.Value", HARD["colon"])), "1735689600", "7")
    add("sha256-post-chinese", "POST", "hmac-sha256",
        P(*base, ("NetworkInterfaceName", HARD["chinese"]), ("NetworkInterfaceDescription", "上海可用区二的弹性网卡"),
          ("Tags.0.Key", "城市"), ("Tags.0.Value", "上海")), "1700006400", "55555")
    add("sha1-post-emoji", "POST", "hmac-sha1",
        P(*base, ("NetworkInterfaceName", HARD["emoji"]), ("Tags.0.Key", "mood"), ("Tags.0.Value", "😀👍🏽")),
        "1700006401", "66666")
    add("sha256-get-combo", "GET", "hmac-sha256",
        P(*base, ("NetworkInterfaceName", HARD["combo"]), ("NetworkInterfaceDescription", HARD["reserved"])),
        "1712345678", "9223372036854775807")
    add("sha1-get-token", "GET", "hmac-sha1",
        P(*base, ("NetworkInterfaceName", "tmp-cred")), "1700000000", "12345", token=TC_TOKEN)
    add("sha256-post-token", "POST", "hmac-sha256",
        P(*base, ("NetworkInterfaceName", "tmp cred"), ("SecurityGroupIds.0", "sg-05bb4upy")),
        "1700000000", "12345", token=TC_TOKEN)
    add("sha1-post-token-combo", "POST", "hmac-sha1",
        P(*base, ("NetworkInterfaceName", HARD["combo"]), ("Tags.0.Key", "k&=v"), ("Tags.0.Value", "x y+z")),
        "1751328000", "100000", token=TC_TOKEN, sid=TC_ID2, key=TC_KEY2)
    add("sha256-get-sort-12-groups", "GET", "hmac-sha256",
        P(*base, ("NetworkInterfaceName", "sort-check"),
          *[("SecurityGroupIds.%d" % i, "sg-%08d" % i) for i in range(12)]),
        "1704067199", "888")
    add("sha1-post-full", "POST", "hmac-sha1",
        P(*base, ("NetworkInterfaceName", "web eni/01"), ("NetworkInterfaceDescription", "web tier: 主网卡 (prod)"),
          ("SecondaryPrivateIpAddressCount", "2"), ("QosLevel", "AG"),
          ("SecurityGroupIds.0", "sg-05bb4upy"), ("SecurityGroupIds.1", "sg-1dd51d"),
          ("Tags.0.Key", "city"), ("Tags.0.Value", "shanghai"), ("Tags.1.Key", "team"), ("Tags.1.Value", "net~ops"),
          ("TrunkingFlag", "Disable"), ("ClientToken", "0f8c2f3a-7e0b-4a4e-9a1c-7f5d1e2b3c4d")),
        "1704067200", "4294967296")
    add("sha256-post-private-ips", "POST", "hmac-sha256",
        P(*base, ("NetworkInterfaceName", "ips"), ("PrivateIpAddresses.0.PrivateIpAddress", "172.16.64.13"),
          ("PrivateIpAddresses.0.Primary", "true"), ("PrivateIpAddresses.1.PrivateIpAddress", "172.16.64.14"),
          ("PrivateIpAddresses.1.Primary", "false")), "1680000000", "271828",
        endpoint="vpc.ap-shanghai.tencentcloudapi.com", region="ap-shanghai")
    add("sha1-get-intl-empty-value", "GET", "hmac-sha1",
        P(*base, ("NetworkInterfaceName", "intl"), ("NetworkInterfaceDescription", ""),
          ("Tags.0.Key", "empty"), ("Tags.0.Value", "")), "1690000000", "3",
        endpoint="vpc.intl.tencentcloudapi.com", region="ap-singapore")
    add("sha256-get-fsi-token", "GET", "hmac-sha256",
        P(*base, ("NetworkInterfaceName", "fsi eni"), ("Tags.0.Key", "合规"), ("Tags.0.Value", "金融区/FSI")),
        "1695000000", "5150", token=TC_TOKEN, endpoint="vpc.ap-shanghai-fsi.tencentcloudapi.com",
        region="ap-shanghai-fsi", sid=TC_ID2, key=TC_KEY2)
    add("sha1-post-reserved", "POST", "hmac-sha1",
        P(*base, ("NetworkInterfaceName", "reserved"), ("NetworkInterfaceDescription", HARD["reserved"]),
          ("Tags.0.Key", "q?"), ("Tags.0.Value", "#frag")), "1600000000", "99")
    add("sha256-get-padded", "GET", "hmac-sha256",
        P(*base, ("NetworkInterfaceName", " padded name "), ("NetworkInterfaceDescription", "tab\there")),
        "1650000000", "777")
    return "tencent/v1", cases


def tc3_body(obj, style):
    if style == "sdk":  # what the Python SDK sends: json.dumps defaults
        return json.dumps(obj).encode("utf-8")
    if style == "utf8":
        return json.dumps(obj, ensure_ascii=False).encode("utf-8")
    if style == "compact":
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if style == "compact-ascii":
        return json.dumps(obj, separators=(",", ":")).encode("utf-8")
    if style == "pretty":
        return json.dumps(obj, ensure_ascii=False, indent=2).encode("utf-8")
    raise VectorError("unknown body style " + style)


def gen_tencent_tc3():
    cases = []

    def add(slug, method, body, ts, content_type=None, signed="content-type;host", params=None,
            token=None, endpoint="vpc.tencentcloudapi.com", region="ap-guangzhou", sid=TC_ID, key=TC_KEY,
            service="vpc", action="CreateNetworkInterface"):
        if content_type is None:
            content_type = "application/x-www-form-urlencoded" if method == "GET" else "application/json"
        cases.append(dict(slug=slug, body=body, case=dict(
            provider="tencent", algorithm="tc3", method=method, endpoint=endpoint, action=action,
            version="2017-03-12", region=region, service=service, timestamp=ts, nonce=None, secretId=sid,
            secretKey=key, token=token, contentType=content_type, signedHeaders=signed,
            params=params if params is not None else P())))

    def eni(name, **extra):
        o = OrderedDict([("VpcId", "vpc-0akbol5v"), ("SubnetId", "subnet-76r802pg"),
                         ("NetworkInterfaceName", name)])
        o.update(extra)
        return o

    add("post-minimal-sdk", "POST", tc3_body(eni("demo"), "sdk"), "1700000000")
    add("post-official-example", "POST", tc3_body(OrderedDict([
        ("VpcId", "vpc-0akbol5v"), ("Tags", [OrderedDict([("Value", "shanghai"), ("Key", "city")])]),
        ("PrivateIpAddresses", [OrderedDict([("Primary", "true"), ("PrivateIpAddress", "172.16.64.13")])]),
        ("SecurityGroupIds", ["sg-05bb4upy"]), ("NetworkInterfaceDescription", "demo"),
        ("SecondaryPrivateIpAddressCount", 1), ("SubnetId", "subnet-76r802pg"),
        ("NetworkInterfaceName", "demo")]), "sdk"), "1700000000")
    add("post-chinese-escaped", "POST", tc3_body(eni(HARD["chinese"], NetworkInterfaceDescription="上海 二区"), "sdk"),
        "1709251199")
    add("post-chinese-utf8", "POST", tc3_body(eni(HARD["chinese"], NetworkInterfaceDescription="上海 二区"), "utf8"),
        "1709251199")
    add("post-emoji-escaped", "POST", tc3_body(eni(HARD["emoji"], Tags=[{"Key": "mood", "Value": "😀👍🏽"}]), "sdk"),
        "1709251200")
    add("post-emoji-utf8-charset", "POST",
        tc3_body(eni(HARD["emoji"], Tags=[{"Key": "mood", "Value": "😀👍🏽"}]), "utf8"), "1709251200",
        content_type="application/json; charset=utf-8")
    add("post-combo-compact", "POST", tc3_body(eni(HARD["combo"], NetworkInterfaceDescription=HARD["reserved"]),
                                               "compact"), "1712345678")
    add("post-combo-compact-ascii-action", "POST",
        tc3_body(eni(HARD["combo"], NetworkInterfaceDescription=HARD["reserved"]), "compact-ascii"),
        "1712345678", signed="content-type;host;x-tc-action")
    add("post-special-chars", "POST", tc3_body(eni(
        HARD["space"], NetworkInterfaceDescription=HARD["subdelims"] + " " + HARD["percent"],
        SecurityGroupIds=[HARD["star"], "sg-" + HARD["tilde"]],
        Tags=[OrderedDict([("Key", HARD["plus"]), ("Value", HARD["slash"])]),
              OrderedDict([("Key", HARD["equals"]), ("Value", HARD["amp"])]),
              OrderedDict([("Key", "env"), ("Value", HARD["colon"])])]), "sdk"), "1735689600")
    add("post-pretty-multiline", "POST", tc3_body(eni(
        "pretty", NetworkInterfaceDescription="多行\nline two",
        Tags=[OrderedDict([("Key", "city"), ("Value", "广州")])]), "pretty"), "1735689599",
        content_type="application/json; charset=utf-8", signed="content-type;host;x-tc-action")
    add("post-empty-object", "POST", b"{}", "1700000000", action="DescribeNetworkInterfaces")
    add("post-escaped-slash-handwritten", "POST",
        b'{"VpcId":"vpc-0akbol5v","SubnetId":"subnet-76r802pg","NetworkInterfaceName":"a\\/b",'
        b'"NetworkInterfaceDescription":"quote \\" backslash \\\\ tab \\t"}', "1672531200")
    add("post-token", "POST", tc3_body(eni("tmp cred", SecurityGroupIds=["sg-05bb4upy"]), "sdk"), "1700000000",
        token=TC_TOKEN)
    add("post-token-action-regional", "POST", tc3_body(eni("regional", SecondaryPrivateIpAddressCount=2,
                                                           QosLevel="AG"), "sdk"),
        "1680000000", token=TC_TOKEN, signed="content-type;host;x-tc-action",
        endpoint="vpc.ap-shanghai.tencentcloudapi.com", region="ap-shanghai", sid=TC_ID2, key=TC_KEY2)
    add("post-intl-endpoint", "POST", tc3_body(eni("intl", Tags=[{"Key": "site", "Value": "intl"}]), "sdk"),
        "1690000000", endpoint="vpc.intl.tencentcloudapi.com", region="ap-singapore")
    add("post-utc-date-before-midnight", "POST", tc3_body(eni("utc-edge"), "sdk"), "1704067199",
        content_type="application/json; charset=utf-8")
    add("get-minimal", "GET", b"", "1700000000",
        params=P(("VpcId", "vpc-0akbol5v"), ("SubnetId", "subnet-76r802pg"), ("NetworkInterfaceName", "demo")))
    add("get-special-chars", "GET", b"", "1709251200", params=P(
        ("VpcId", "vpc-0akbol5v"), ("SubnetId", "subnet-76r802pg"), ("NetworkInterfaceName", HARD["space"]),
        ("NetworkInterfaceDescription", HARD["subdelims"]), ("SecurityGroupIds.0", HARD["star"]),
        ("Tags.0.Key", HARD["plus"]), ("Tags.0.Value", HARD["slash"]),
        ("Tags.1.Key", HARD["equals"]), ("Tags.1.Value", HARD["amp"]),
        ("Tags.2.Key", HARD["tilde"]), ("Tags.2.Value", HARD["percent"]),
        ("Tags.3.Key", "env"), ("Tags.3.Value", HARD["colon"])))
    add("get-chinese-emoji", "GET", b"", "1735689600", params=P(
        ("VpcId", "vpc-0akbol5v"), ("SubnetId", "subnet-76r802pg"), ("NetworkInterfaceName", HARD["chinese"]),
        ("NetworkInterfaceDescription", HARD["combo"]), ("Tags.0.Key", "城市"), ("Tags.0.Value", HARD["emoji"])))
    add("get-sort-12-groups-action", "GET", b"", "1704067200", signed="content-type;host;x-tc-action", params=P(
        ("VpcId", "vpc-0akbol5v"), ("SubnetId", "subnet-76r802pg"), ("NetworkInterfaceName", "sort-check"),
        *[("SecurityGroupIds.%d" % i, "sg-%08d" % i) for i in range(12)]))
    add("get-token-reserved", "GET", b"", "1650000000", token=TC_TOKEN, params=P(
        ("VpcId", "vpc-0akbol5v"), ("SubnetId", "subnet-76r802pg"), ("NetworkInterfaceName", "reserved"),
        ("NetworkInterfaceDescription", HARD["reserved"]), ("Tags.0.Key", "empty"), ("Tags.0.Value", "")))
    add("get-cvm-describe", "GET", b"", "1600000000", service="cvm", endpoint="cvm.ap-guangzhou.tencentcloudapi.com",
        action="DescribeInstances", params=P(("Limit", "20"), ("Offset", "0"),
                                             ("Filters.0.Name", "instance-name"),
                                             ("Filters.0.Values.0", "未命名 web*01")))
    return "tencent/tc3", cases


def gen_aliyun_rpc():
    cases = []

    def add(slug, method, params, ts, nonce, token=None, endpoint="ecs.cn-hangzhou.aliyuncs.com",
            sid=ALI_ID, key=ALI_KEY, action="CreateNetworkInterface"):
        cases.append(dict(slug=slug, case=dict(
            provider="aliyun", algorithm="rpc", method=method, endpoint=endpoint, action=action,
            version="2014-05-26", region=None, service=None, timestamp=ts, nonce=nonce, secretId=sid,
            secretKey=key, token=token, contentType=None, signedHeaders=None, params=params)))

    base = [("RegionId", "cn-hangzhou"), ("VSwitchId", "vsw-bp1s5fnvk4gn2tws03****")]
    add("get-minimal", "GET", P(*base, ("SecurityGroupIds.1", "sg-bp1fg655nh68xyz9i****")),
        "2024-01-01T00:00:00Z", "0a1b2c3d-0000-4000-8000-000000000001")
    add("post-minimal", "POST", P(*base, ("SecurityGroupIds.1", "sg-bp1fg655nh68xyz9i****")),
        "2024-01-01T00:00:00Z", "0a1b2c3d-0000-4000-8000-000000000001")
    add("get-format-xml", "GET", P(("Format", "XML"), *base, ("SecurityGroupId", "sg-bp1fg655nh68xyz9i****"),
                                   ("NetworkInterfaceName", "xml-eni")),
        "2024-02-29T23:59:59Z", "0a1b2c3d-0000-4000-8000-000000000002")
    add("post-space", "POST", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", HARD["space"]),
                                ("Description", "eni for the web tier")),
        "2024-03-01T08:00:00Z", "0a1b2c3d-0000-4000-8000-000000000003")
    add("get-star-tilde", "GET", P(*base, ("SecurityGroupIds.1", HARD["star"]), ("NetworkInterfaceName", HARD["tilde"])),
        "2023-12-31T23:59:59Z", "0a1b2c3d-0000-4000-8000-000000000004")
    add("post-plus-slash-equals", "POST", P(*base, ("SecurityGroupIds.1", "sg-a"), ("Tag.1.Key", HARD["plus"]),
                                            ("Tag.1.Value", HARD["slash"]), ("Tag.2.Key", "expr"),
                                            ("Tag.2.Value", HARD["equals"])),
        "2024-06-15T12:30:45Z", "0a1b2c3d-0000-4000-8000-000000000005")
    add("get-amp-subdelims", "GET", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", HARD["amp"]),
                                      ("Description", HARD["subdelims"])),
        "2024-07-04T04:04:04Z", "0a1b2c3d-0000-4000-8000-000000000006")
    add("post-percent-colon", "POST", P(*base, ("SecurityGroupIds.1", "sg-a"), ("Description", HARD["percent"]),
                                        ("Tag.1.Key", "env"), ("Tag.1.Value", HARD["colon"]),
                                        ("Ipv6Address.1", "2001:db8:1234:1a00::1")),
        "2024-08-08T08:08:08Z", "0a1b2c3d-0000-4000-8000-000000000007")
    add("get-chinese", "GET", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", HARD["chinese"]),
                                ("Description", "杭州可用区 的弹性网卡"), ("Tag.1.Key", "城市"), ("Tag.1.Value", "杭州")),
        "2024-09-09T09:09:09Z", "0a1b2c3d-0000-4000-8000-000000000008")
    add("post-emoji", "POST", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", HARD["emoji"]),
                                ("Tag.1.Key", "mood"), ("Tag.1.Value", "😀👍🏽")),
        "2024-10-10T10:10:10Z", "0a1b2c3d-0000-4000-8000-000000000009")
    add("get-combo", "GET", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", HARD["combo"]),
                              ("Description", HARD["reserved"])),
        "2024-11-11T11:11:11Z", "0a1b2c3d-0000-4000-8000-00000000000a")
    add("get-token", "GET", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", "sts-eni")),
        "2025-01-01T00:00:00Z", "0a1b2c3d-0000-4000-8000-00000000000b", token=ALI_TOKEN, sid=ALI_ID2, key=ALI_KEY2)
    add("post-token", "POST", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", "sts eni")),
        "2025-01-01T00:00:00Z", "0a1b2c3d-0000-4000-8000-00000000000c", token=ALI_TOKEN, sid=ALI_ID2, key=ALI_KEY2)
    add("post-token-combo", "POST", P(*base, ("SecurityGroupIds.1", HARD["star"]), ("Tag.1.Key", "k&=v"),
                                      ("Tag.1.Value", HARD["combo"])),
        "2025-02-28T16:00:00Z", "0a1b2c3d-0000-4000-8000-00000000000d", token=ALI_TOKEN, sid=ALI_ID2, key=ALI_KEY2)
    add("post-sort-11-tags", "POST", P(*base, ("SecurityGroupIds.1", "sg-a"),
                                       *[kv for i in range(1, 12) for kv in
                                         (("Tag.%d.Key" % i, "k%d" % i), ("Tag.%d.Value" % i, "v %d" % i))]),
        "2025-03-03T03:03:03Z", "0a1b2c3d-0000-4000-8000-00000000000e")
    add("get-sort-12-groups", "GET", P(*base, *[("SecurityGroupIds.%d" % i, "sg-%08d" % i) for i in range(1, 13)]),
        "2025-04-04T04:04:04Z", "0a1b2c3d-0000-4000-8000-00000000000f")
    add("post-full", "POST", P(*base, ("SecurityGroupIds.1", "sg-bp1fg655nh68xyz9i****"),
                               ("SecurityGroupIds.2", "sg-bp67acfmxazb4p****"),
                               ("PrimaryIpAddress", "172.17.**.**"), ("NetworkInterfaceName", "web-eni:01"),
                               ("Description", "web tier / 主网卡 (prod)"), ("ResourceGroupId", "rg-bp67acfmxazb4p****"),
                               ("Tag.1.Key", "city"), ("Tag.1.Value", "hangzhou"),
                               ("Tag.2.Key", "team"), ("Tag.2.Value", "net~ops"),
                               ("SecondaryPrivateIpAddressCount", "2"), ("DeleteOnRelease", "true"),
                               ("ConnectionTrackingConfiguration.TcpEstablishedTimeout", "910"),
                               ("ClientToken", "123e4567-e89b-12d3-a456-426655440000")),
        "2025-05-05T05:05:05Z", "0a1b2c3d-0000-4000-8000-000000000010")
    add("get-empty-tag-value", "GET", P(*base, ("SecurityGroupIds.1", "sg-a"), ("Tag.1.Key", "empty"),
                                        ("Tag.1.Value", "")),
        "2025-06-06T06:06:06Z", "0a1b2c3d-0000-4000-8000-000000000011", endpoint="ecs-cn-hangzhou.aliyuncs.com")
    add("post-regional-endpoint", "POST", P(("RegionId", "eu-central-1"), ("VSwitchId", "vsw-gw8xxxxxxxxxxxxx"),
                                            ("SecurityGroupIds.1", "sg-gw8yyyyyyyyyyyyy"),
                                            ("NetworkInterfaceName", "frankfurt eni")),
        "2025-07-07T07:07:07Z", "d41d8cd98f00b204e9800998ecf8427e", endpoint="ecs.eu-central-1.aliyuncs.com")
    add("get-global-endpoint-md5-nonce", "GET", P(*base, ("SecurityGroupIds.1", "sg-a"),
                                                   ("NetworkInterfaceName", "global")),
        "2025-08-08T08:08:08Z", "9e107d9d372bb6826bd81d3542a419d6", endpoint="ecs.aliyuncs.com")
    add("post-reserved", "POST", P(*base, ("SecurityGroupIds.1", "sg-a"), ("Description", HARD["reserved"]),
                                   ("Tag.1.Key", "q?"), ("Tag.1.Value", "#frag")),
        "2025-09-09T09:09:09Z", "0a1b2c3d-0000-4000-8000-000000000012")
    add("get-padded-tab", "GET", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", " padded name "),
                                   ("Description", "tab\there")),
        "2025-10-10T10:10:10Z", "0a1b2c3d-0000-4000-8000-000000000013")
    add("post-vpc-endpoint-xml", "POST", P(("Format", "XML"), ("RegionId", "cn-shanghai"),
                                           ("VSwitchId", "vsw-uf6xxxxxxxxxxxxx"),
                                           ("SecurityGroupIds.1", "sg-uf6yyyyyyyyyyyyy"),
                                           ("NetworkInterfaceName", "内网:vpc")),
        "2025-11-11T11:11:11Z", "0a1b2c3d-0000-4000-8000-000000000014", endpoint="ecs-vpc.cn-shanghai.aliyuncs.com")
    return "aliyun/rpc", cases


def gen_aliyun_acs3():
    cases = []

    def add(slug, params, ts, nonce, token=None, endpoint="ecs.cn-hangzhou.aliyuncs.com", sid=ALI_ID, key=ALI_KEY,
            action="CreateNetworkInterface"):
        cases.append(dict(slug=slug, case=dict(
            provider="aliyun", algorithm="acs3", method="POST", endpoint=endpoint, action=action,
            version="2014-05-26", region=None, service=None, timestamp=ts, nonce=nonce, secretId=sid,
            secretKey=key, token=token, contentType=None, signedHeaders=None, params=params)))

    base = [("RegionId", "cn-hangzhou"), ("VSwitchId", "vsw-bp1s5fnvk4gn2tws03****")]
    add("minimal", P(*base, ("SecurityGroupIds.1", "sg-bp1fg655nh68xyz9i****")),
        "2024-01-01T00:00:00Z", "3156853299f313e23d1673dc12e17001")
    add("no-params", P(), "2024-01-01T00:00:00Z", "3156853299f313e23d1673dc12e17002", action="DescribeRegions")
    add("space", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", HARD["space"]),
                   ("Description", "eni for the web tier")), "2024-02-29T23:59:59Z", "3156853299f313e23d1673dc12e17003")
    add("star-tilde", P(*base, ("SecurityGroupIds.1", HARD["star"]), ("NetworkInterfaceName", HARD["tilde"])),
        "2024-03-01T00:00:00Z", "3156853299f313e23d1673dc12e17004")
    add("plus-slash-equals", P(*base, ("SecurityGroupIds.1", "sg-a"), ("Tag.1.Key", HARD["plus"]),
                               ("Tag.1.Value", HARD["slash"]), ("Tag.2.Key", "expr"), ("Tag.2.Value", HARD["equals"])),
        "2024-06-15T12:30:45Z", "3156853299f313e23d1673dc12e17005")
    add("amp-subdelims", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", HARD["amp"]),
                           ("Description", HARD["subdelims"])), "2024-07-04T04:04:04Z",
        "3156853299f313e23d1673dc12e17006")
    add("percent-colon", P(*base, ("SecurityGroupIds.1", "sg-a"), ("Description", HARD["percent"]),
                           ("Tag.1.Key", "env"), ("Tag.1.Value", HARD["colon"]),
                           ("Ipv6Address.1", "2001:db8:1234:1a00::1")),
        "2024-08-08T08:08:08Z", "3156853299f313e23d1673dc12e17007")
    add("chinese", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", HARD["chinese"]),
                     ("Description", "杭州可用区 的弹性网卡"), ("Tag.1.Key", "城市"), ("Tag.1.Value", "杭州")),
        "2024-09-09T09:09:09Z", "3156853299f313e23d1673dc12e17008")
    add("emoji", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", HARD["emoji"]),
                   ("Tag.1.Key", "mood"), ("Tag.1.Value", "😀👍🏽")), "2024-10-10T10:10:10Z",
        "3156853299f313e23d1673dc12e17009")
    add("combo", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", HARD["combo"]),
                   ("Description", HARD["reserved"])), "2024-11-11T11:11:11Z", "3156853299f313e23d1673dc12e1700a")
    add("token", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", "sts-eni")),
        "2025-01-01T00:00:00Z", "3156853299f313e23d1673dc12e1700b", token=ALI_TOKEN, sid=ALI_ID2, key=ALI_KEY2)
    add("token-combo", P(*base, ("SecurityGroupIds.1", HARD["star"]), ("Tag.1.Key", "k&=v"),
                         ("Tag.1.Value", HARD["combo"])),
        "2025-02-28T16:00:00Z", "3156853299f313e23d1673dc12e1700c", token=ALI_TOKEN, sid=ALI_ID2, key=ALI_KEY2)
    add("token-regional", P(("RegionId", "eu-central-1"), ("VSwitchId", "vsw-gw8xxxxxxxxxxxxx"),
                            ("SecurityGroupIds.1", "sg-gw8yyyyyyyyyyyyy"), ("NetworkInterfaceName", "frankfurt eni")),
        "2025-03-03T03:03:03Z", "3156853299f313e23d1673dc12e1700d", token=ALI_TOKEN, sid=ALI_ID2, key=ALI_KEY2,
        endpoint="ecs.eu-central-1.aliyuncs.com")
    add("sort-11-tags", P(*base, ("SecurityGroupIds.1", "sg-a"),
                          *[kv for i in range(1, 12) for kv in
                            (("Tag.%d.Key" % i, "k%d" % i), ("Tag.%d.Value" % i, "v %d" % i))]),
        "2025-04-04T04:04:04Z", "3156853299f313e23d1673dc12e1700e")
    add("sort-12-groups", P(*base, *[("SecurityGroupIds.%d" % i, "sg-%08d" % i) for i in range(1, 13)]),
        "2025-05-05T05:05:05Z", "3156853299f313e23d1673dc12e1700f")
    add("full", P(*base, ("SecurityGroupIds.1", "sg-bp1fg655nh68xyz9i****"),
                  ("SecurityGroupIds.2", "sg-bp67acfmxazb4p****"),
                  ("PrimaryIpAddress", "172.17.**.**"), ("NetworkInterfaceName", "web-eni:01"),
                  ("Description", "web tier / 主网卡 (prod)"), ("ResourceGroupId", "rg-bp67acfmxazb4p****"),
                  ("Tag.1.Key", "city"), ("Tag.1.Value", "hangzhou"),
                  ("Tag.2.Key", "team"), ("Tag.2.Value", "net~ops"),
                  ("SecondaryPrivateIpAddressCount", "2"), ("DeleteOnRelease", "true"),
                  ("ConnectionTrackingConfiguration.TcpEstablishedTimeout", "910"),
                  ("ClientToken", "123e4567-e89b-12d3-a456-426655440000")),
        "2025-06-06T06:06:06Z", "3156853299f313e23d1673dc12e17010")
    add("empty-tag-value", P(*base, ("SecurityGroupIds.1", "sg-a"), ("Tag.1.Key", "empty"), ("Tag.1.Value", "")),
        "2025-07-07T07:07:07Z", "3156853299f313e23d1673dc12e17011", endpoint="ecs-cn-hangzhou.aliyuncs.com")
    add("global-endpoint-uuid-nonce", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", "global")),
        "2025-08-08T08:08:08Z", "0a1b2c3d-0000-4000-8000-000000000015", endpoint="ecs.aliyuncs.com")
    add("reserved", P(*base, ("SecurityGroupIds.1", "sg-a"), ("Description", HARD["reserved"]),
                      ("Tag.1.Key", "q?"), ("Tag.1.Value", "#frag")),
        "2025-09-09T09:09:09Z", "3156853299f313e23d1673dc12e17012")
    add("padded-tab", P(*base, ("SecurityGroupIds.1", "sg-a"), ("NetworkInterfaceName", " padded name "),
                        ("Description", "tab\there")), "2025-10-10T10:10:10Z", "3156853299f313e23d1673dc12e17013")
    add("vpc-endpoint", P(("RegionId", "cn-shanghai"), ("VSwitchId", "vsw-uf6xxxxxxxxxxxxx"),
                          ("SecurityGroupIds.1", "sg-uf6yyyyyyyyyyyyy"), ("NetworkInterfaceName", "内网:vpc")),
        "2025-11-11T11:11:11Z", "3156853299f313e23d1673dc12e17014", endpoint="ecs-vpc.cn-shanghai.aliyuncs.com")
    return "aliyun/acs3", cases


# --------------------------------------------------------------------------
# Assembling and writing
# --------------------------------------------------------------------------

def files_for(case, stages, body):
    files = OrderedDict()
    files["case.json"] = (json.dumps(case, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if body is not None:
        files["body.txt"] = body
    for name, value in stages.items():
        files[name + ".txt"] = value.encode("utf-8")
    return files


def compute_stages(case, body):
    alg = case["algorithm"]
    if alg == "tc3":
        return tc3_stages(case, body)
    if alg in ("hmac-sha1", "hmac-sha256"):
        return v1_stages(case)
    if alg == "rpc":
        return rpc_stages(case)
    if alg == "acs3":
        return acs3_stages(case)
    raise VectorError("unknown algorithm " + alg)


def sdk_check(case, body, stages):
    alg = case["algorithm"]
    if alg == "tc3":
        return sdk_check_tc3(case, body, stages)
    if alg in ("hmac-sha1", "hmac-sha256"):
        return sdk_check_v1(case, stages)
    if alg == "rpc":
        return sdk_check_rpc(case, stages)
    return sdk_check_acs3(case, stages)


def build_all():
    """Return {relative folder: {file name: bytes}} for every case."""
    result = OrderedDict()
    # Constants published in signing.md section 7.
    expect("SHA256('')", EMPTY_SHA256,
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    expect("SHA256('{}')", sha256_hex(b"{}"),
           "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
    for folder, case, body, expected in official_cases():
        stages = compute_stages(case, body)
        for name, want in expected.items():
            expect("%s %s" % (case["id"], name), stages[name], want)
        sdk_check(case, body, stages)  # the SDKs must agree with the official vectors too
        result[folder] = files_for(case, stages, body if case["algorithm"] == "tc3" and
                                   case["method"] == "POST" else None)

    for gen in (gen_aliyun_rpc, gen_aliyun_acs3, gen_tencent_v1, gen_tencent_tc3):
        prefix, cases = gen()
        if len(cases) < 20:
            raise VectorError("%s: only %d generated cases" % (prefix, len(cases)))
        for n, item in enumerate(cases, 1):
            cid = "gen-%02d-%s" % (n, item["slug"])
            body = item.get("body")
            fields = dict(item["case"])
            tmp = make_case(id=cid, source="pending", official=False, **fields)
            stages = compute_stages(tmp, body if body is not None else b"")
            used = sdk_check(tmp, body if body is not None else b"", stages)
            if tmp["algorithm"] == "tc3":
                source = "generated: " + " + ".join(used) + " " + V_TC
            elif tmp["algorithm"] == "rpc":
                source = SOURCE_RPC
            elif tmp["algorithm"] == "acs3":
                source = SOURCE_ACS3
            else:
                source = SOURCE_V1
            case = make_case(id=cid, source=source, official=False, **fields)
            result[prefix + "/" + cid] = files_for(
                case, stages, body if tmp["algorithm"] == "tc3" and tmp["method"] == "POST" else None)
    return result


ALGO_DIRS = ["tencent/tc3", "tencent/v1", "aliyun/rpc", "aliyun/acs3"]
README = os.path.join(VECTORS, "README.md")
TABLE_BEGIN = "<!-- case-table:begin (written by scripts/vectors/generate.py) -->"
TABLE_END = "<!-- case-table:end -->"


def md_cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


def case_table(wanted):
    """The README's table of every case, one section per algorithm folder."""
    lines = []
    for algo in ALGO_DIRS:
        folders = [f for f in wanted if f.startswith(algo + "/")]
        lines.append("### testvectors/%s (%d cases)" % (algo, len(folders)))
        lines.append("")
        lines.append("| case | method | official | details | source |")
        lines.append("|---|---|---|---|---|")
        for folder in folders:
            case = json.loads(wanted[folder]["case.json"].decode("utf-8"))
            details = []
            if case["algorithm"] == "tc3":
                details.append("`%s`" % case["contentType"])
                details.append("signs `%s`" % case["signedHeaders"])
            if case["algorithm"] in ("hmac-sha1", "hmac-sha256"):
                details.append(case["algorithm"])
            details.append(case["action"])
            details.append(case["endpoint"])
            if case["token"] is not None:
                details.append("token")
            lines.append("| `%s` | %s | %s | %s | %s |" % (
                case["id"], case["method"], "yes" if case["official"] else "no",
                md_cell(", ".join(details)), md_cell(case["source"])))
        lines.append("")
    return "\n".join(lines)


def readme_with_table(wanted):
    with open(README, "r", encoding="utf-8") as f:
        text = f.read()
    start = text.index(TABLE_BEGIN) + len(TABLE_BEGIN)
    end = text.index(TABLE_END)
    return text[:start] + "\n\n" + case_table(wanted) + "\n" + text[end:]


def on_disk():
    found = OrderedDict()
    for algo in ALGO_DIRS:
        base = os.path.join(VECTORS, algo)
        if not os.path.isdir(base):
            continue
        for cid in sorted(os.listdir(base)):
            d = os.path.join(base, cid)
            if not os.path.isdir(d):
                continue
            files = OrderedDict()
            for name in sorted(os.listdir(d)):
                with open(os.path.join(d, name), "rb") as f:
                    files[name] = f.read()
            found[algo + "/" + cid] = files
    return found


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="verify that testvectors/ holds exactly what this script generates; write nothing")
    args = ap.parse_args(argv)
    try:
        wanted = build_all()
    except VectorError as e:
        print("FAILED: " + str(e), file=sys.stderr)
        return 1

    if args.check:
        have = on_disk()
        problems = []
        for folder in sorted(set(wanted) | set(have)):
            if folder not in have:
                problems.append("missing folder " + folder)
            elif folder not in wanted:
                problems.append("unexpected folder " + folder)
            else:
                for name in sorted(set(wanted[folder]) | set(have[folder])):
                    if wanted[folder].get(name) != have[folder].get(name):
                        problems.append("differs: %s/%s" % (folder, name))
        with open(README, "r", encoding="utf-8") as f:
            if f.read() != readme_with_table(wanted):
                problems.append("differs: testvectors/README.md case table")
        for p in problems:
            print(p, file=sys.stderr)
        print("%d folders checked, %d problems" % (len(wanted), len(problems)))
        return 1 if problems else 0

    for algo in ALGO_DIRS:
        shutil.rmtree(os.path.join(VECTORS, algo), ignore_errors=True)
    for folder, files in wanted.items():
        d = os.path.join(VECTORS, folder)
        os.makedirs(d)
        for name, data in files.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
    text = readme_with_table(wanted)
    with open(README, "w", encoding="utf-8") as f:
        f.write(text)
    counts = OrderedDict((a, sum(1 for f in wanted if f.startswith(a + "/"))) for a in ALGO_DIRS)
    print("wrote %d folders: %s" % (len(wanted), ", ".join("%s=%d" % kv for kv in counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
