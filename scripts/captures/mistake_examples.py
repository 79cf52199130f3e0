#!/usr/bin/env python3
"""Write examples/captures/: one captured request per client mistake sigscope names.

Each example is a request as a client with exactly that mistake would send it. The
signatures are computed here, with Python's hashlib/hmac/base64 and the reference
algorithms of shared/reference/signing.md (sections 1.3, 1.5, 2, 3), independently of
sigscope's Swift code; the mistake is applied the way the client makes it (a local date,
a charset added after signing, a faulty percent-encoder, ...). examples/captures/manifest.json
lists every file with the `sigscope verify` arguments to use and the finding codes it must
produce; the tests check that, and scripts/docs/debugging.py turns it into docs/debugging.md.

No SDK is needed:  python3 scripts/captures/mistake_examples.py [--check]
"""

import argparse
import base64
import datetime
import hashlib
import hmac
import json
import os
import shlex
import sys
from urllib.parse import quote

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "examples", "captures")

TS = 1700000000  # 2023-11-14T22:13:20Z; 2023-11-15 06:13:20 in Beijing
TS_ISO = "2023-11-14T22:13:20Z"
TC_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
TC_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
ALI_ID = "testid"
ALI_KEY = "testsecret"
TC_BODY = '{"VpcId":"vpc-0akbol5v","SubnetId":"subnet-76r802pg","NetworkInterfaceName":"网卡-demo"}'


# MARK: - Percent-encoders (the right one and the faulty ones clients use)

def rfc3986(s, space_plus=False, star=True, tilde=False, subdelims=True, upper=True):
    safe = "-_.~" + ("" if star else "*") + ("" if subdelims else "!'()")
    if tilde:
        safe = safe.replace("~", "")
    out = quote(s, safe=safe)
    if tilde:
        out = out.replace("~", "%7E")
    if space_plus:
        out = out.replace("%20", "+")
    if not upper:
        import re
        out = re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), out)
    return out


# MARK: - The four algorithms

def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def tc3_authorization(method, query, headers, signed, body, timestamp, date, service, secret, secret_id, lowercase=True):
    """TC3-HMAC-SHA256 (signing.md 1.3). headers: list of (name, value) as signed."""
    lookup = {n.lower(): v for n, v in headers}
    canonical_headers = "".join("%s:%s\n" % (n, lookup.get(n, "").strip().lower() if lowercase else lookup.get(n, "").strip()) for n in signed)
    canonical = "\n".join([method, "/", query, canonical_headers, ";".join(signed), sha256_hex(body)])
    scope = "%s/%s/tc3_request" % (date, service)
    to_sign = "\n".join(["TC3-HMAC-SHA256", str(timestamp), scope, sha256_hex(canonical.encode())])
    k = hmac.new(("TC3" + secret).encode(), date.encode(), hashlib.sha256).digest()
    k = hmac.new(k, service.encode(), hashlib.sha256).digest()
    k = hmac.new(k, b"tc3_request", hashlib.sha256).digest()
    sig = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    return "TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (secret_id, scope, ";".join(signed), sig)


def rpc_signature(method, params, secret, key_suffix="&", **enc):
    """Alibaba RPC HMAC-SHA1 (signing.md 2.3); the same encoder for both passes and '/'."""
    pairs = sorted((rfc3986(k, **enc), rfc3986(v, **enc)) for k, v in params)
    cqs = "&".join("%s=%s" % p for p in pairs)
    to_sign = method + "&" + rfc3986("/", **enc) + "&" + rfc3986(cqs, **enc)
    return base64.b64encode(hmac.new((secret + key_suffix).encode(), to_sign.encode(), hashlib.sha1).digest()).decode()


def acs3_authorization(method, query, headers, signed, body, secret, key_id, key_suffix="", lowercase=False, **enc):
    """Alibaba ACS3-HMAC-SHA256 (signing.md 3)."""
    cq = "&".join("%s=%s" % (rfc3986(k, **enc), rfc3986(v, **enc)) for k, v in sorted(query))
    lookup = {n.lower(): v.strip() for n, v in headers}
    ch = "".join("%s:%s\n" % (n, lookup[n].lower() if lowercase else lookup[n]) for n in signed)
    canonical = "\n".join([method, "/", cq, ch, ";".join(signed), sha256_hex(body)])
    to_sign = "ACS3-HMAC-SHA256\n" + sha256_hex(canonical.encode())
    sig = hmac.new((secret + key_suffix).encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    return "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s" % (key_id, ";".join(signed), sig)


def v1_signature(method, host, params, secret, digest=hashlib.sha256, encode_values=False):
    """Tencent signature v1 (signing.md 1.5): raw values, sorted, METHOD+host+/?+pairs."""
    pairs = sorted(params)
    joined = "&".join("%s=%s" % (k, rfc3986(v) if encode_values else v) for k, v in pairs)
    to_sign = method + host + "/?" + joined
    return base64.b64encode(hmac.new(secret.encode(), to_sign.encode(), digest).digest()).decode()


# MARK: - Capture writers

def http_capture(method, host, target_query, headers, body=b""):
    lines = ["%s /%s HTTP/1.1" % (method, ("?" + target_query) if target_query else ""), "Host: " + host]
    lines += ["%s: %s" % h for h in headers]
    if body:
        lines.append("Content-Length: %d" % len(body))
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def curl_capture(method, host, target_query, headers, body=b""):
    url = "https://%s/%s" % (host, ("?" + target_query) if target_query else "")
    parts = ["curl --request %s %s" % (method, shlex.quote(url))]
    parts += ["--header " + shlex.quote("%s: %s" % h) for h in headers]
    if body:
        parts.append("--data-binary " + shlex.quote(body.decode()))
    return (" \\\n  ".join(parts) + "\n").encode()


def har_capture(method, host, target_query, headers, body=b""):
    url = "https://%s/%s" % (host, ("?" + target_query) if target_query else "")
    request = {"method": method, "url": url, "httpVersion": "HTTP/1.1", "cookies": [], "queryString": [],
               "headers": [{"name": "Host", "value": host}] + [{"name": n, "value": v} for n, v in headers],
               "headersSize": -1, "bodySize": len(body)}
    if body:
        ctype = next((v for n, v in headers if n.lower() == "content-type"), "")
        request["postData"] = {"mimeType": ctype, "text": body.decode()}
    doc = {"log": {"version": "1.2", "creator": {"name": "sigscope mistake_examples.py", "version": "1"},
                   "entries": [{"startedDateTime": "2023-11-14T22:13:20.000Z", "time": 1, "request": request,
                                "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "cookies": [], "headers": [],
                                             "content": {"size": 0, "mimeType": "application/json"}, "redirectURL": "", "headersSize": -1, "bodySize": 0},
                                "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}}]}}
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode()


WRITERS = {"http": http_capture, "curl": curl_capture, "har": har_capture}


# MARK: - Scenarios

def tc3(form, *, method="POST", host="vpc.tencentcloudapi.com", query="", content_type="application/json", body=TC_BODY,
        signed=("content-type", "host"), sign_date=None, stated_date=None, sign_service="vpc", sign_host=None, sign_method=None,
        sign_content_type=None, sign_body=None, sign_query=None, lowercase=True, secret=TC_KEY, secret_id=TC_ID,
        timestamp=str(TS), sign_timestamp=None, extra_headers=(), drop=(), auth_fix=None, after_signing=()):
    headers = [("Content-Type", content_type), ("X-TC-Action", "CreateNetworkInterface"), ("X-TC-Version", "2017-03-12"),
               ("X-TC-Timestamp", timestamp), ("X-TC-Region", "ap-guangzhou")] + list(extra_headers)
    headers = [h for h in headers if h[0] not in drop]
    date = sign_date or datetime.datetime.fromtimestamp(int(timestamp[:10]), datetime.timezone.utc).strftime("%Y-%m-%d")
    signed_headers = [("Host", sign_host or host)] + [(n, v) for n, v in headers]
    if sign_content_type is not None:
        signed_headers = [(n, sign_content_type if n == "Content-Type" else v) for n, v in signed_headers]
    auth = tc3_authorization(sign_method or method, sign_query if sign_query is not None else query, signed_headers, list(signed),
                             (sign_body if sign_body is not None else body).encode(), sign_timestamp or timestamp, date, sign_service, secret, secret_id, lowercase)
    if stated_date:
        auth = auth.replace("/" + date + "/", "/" + stated_date + "/")
    if auth_fix:
        auth = auth_fix(auth)
    return WRITERS[form](method, host, query, [("Authorization", auth)] + headers + list(after_signing), body.encode())


def tc3_content_length_in_characters():
    """A TC3 request whose Content-Length counts the body's characters, not its UTF-8 bytes."""
    data = tc3("http")
    return data.replace(b"Content-Length: %d" % len(TC_BODY.encode()), b"Content-Length: %d" % len(TC_BODY))


def tencent_signature_failure():
    return (json.dumps({"Response": {"Error": {"Code": "AuthFailure.SignatureFailure",
                                               "Message": "The provided credentials could not be validated. Please check your signature is correct."},
                                     "RequestId": "6b1f5c1e-3d0a-4c59-9a8e-2f7b1d4e8c11"}}) + "\n").encode()


def rpc_params(extra=(), timestamp=TS_ISO, key_id=ALI_ID, nonce="3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"):
    return [("AccessKeyId", key_id), ("Action", "CreateNetworkInterface"), ("Format", "JSON"), ("RegionId", "cn-hangzhou"),
            ("SignatureMethod", "HMAC-SHA1"), ("SignatureNonce", nonce), ("SignatureVersion", "1.0"),
            ("Timestamp", timestamp), ("Version", "2014-05-26"), ("VSwitchId", "vsw-bp1s5fnvk4gn2tws03xx")] + list(extra)


def rpc(form, params, *, method="GET", sign_method=None, key_suffix="&", raw_signature=False, **enc):
    sig = rpc_signature(sign_method or method, params, ALI_KEY, key_suffix, **enc)
    query = "&".join("%s=%s" % (rfc3986(k), rfc3986(v)) for k, v in params)
    query += "&Signature=" + (sig if raw_signature else rfc3986(sig))
    return WRITERS[form](method, "ecs.cn-hangzhou.aliyuncs.com", query, [])


def acs3(form, *, query=(("RegionId", "cn-hangzhou"), ("VSwitchId", "vsw-bp1s5fnvk4gn2tws03xx")), body=b"", content_type=None,
         key_id=ALI_ID, key_suffix="", lowercase=False, extra_headers=(), **enc):
    headers = [("x-acs-action", "CreateNetworkInterface"), ("x-acs-version", "2014-05-26"), ("x-acs-date", "2023-11-14T22:13:20Z"),
               ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"), ("x-acs-content-sha256", sha256_hex(body))]
    headers += list(extra_headers)
    if content_type:
        headers.append(("content-type", content_type))
    host = "ecs.cn-hangzhou.aliyuncs.com"
    signed_headers = [("host", host)] + headers
    signed = sorted(n for n, _ in signed_headers)
    auth = acs3_authorization("POST", list(query), signed_headers, signed, body, ALI_KEY, key_id, key_suffix, lowercase, **enc)
    q = "&".join("%s=%s" % (rfc3986(k), rfc3986(v)) for k, v in query)
    return WRITERS[form]("POST", host, q, [("Authorization", auth)] + headers, body)


def v1(form, *, sign_digest=hashlib.sha256, method_param="HmacSHA256", encode_values=False, signature_encoder=None):
    host = "vpc.tencentcloudapi.com"
    params = [("Action", "DescribeNetworkInterfaces"), ("Nonce", "11886"), ("Region", "ap-guangzhou"), ("SecretId", TC_ID),
              ("SignatureMethod", method_param), ("Timestamp", str(TS)), ("Version", "2017-03-12"), ("Filters.0.Name", "vpc-id"),
              ("Filters.0.Values.0", "vpc-0akbol5v"), ("NetworkInterfaceName", "demo eni/1")]
    sig = v1_signature("GET", host, params, TC_KEY, sign_digest, encode_values)
    query = "&".join("%s=%s" % (k, rfc3986(v)) for k, v in params)
    query += "&Signature=" + (signature_encoder or rfc3986)(sig)
    return WRITERS[form]("GET", host, query, [])


def rpc_nonce_with_plus():
    for n in range(1000):
        nonce = "b7e1f0c2-%04d" % n
        if "+" in rpc_signature("GET", rpc_params(nonce=nonce), ALI_KEY):
            return nonce
    sys.exit("no nonce gives a + in its signature")


def acs3_payload_mismatch(form):
    """The client hashed (and signed) the JSON before a library re-serialized it."""
    sent = b'{"Description":"demo"}'
    signed = b'{"Description": "demo"}'
    headers = [("x-acs-action", "CreateNetworkInterface"), ("x-acs-version", "2014-05-26"), ("x-acs-date", "2023-11-14T22:13:20Z"),
               ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"), ("x-acs-content-sha256", sha256_hex(signed)),
               ("content-type", "application/json")]
    host = "ecs.cn-hangzhou.aliyuncs.com"
    query = [("RegionId", "cn-hangzhou")]
    signed_headers = [("host", host)] + headers
    auth = acs3_authorization("POST", query, signed_headers, sorted(n for n, _ in signed_headers), signed, ALI_KEY, ALI_ID)
    return WRITERS[form]("POST", host, "RegionId=cn-hangzhou", [("Authorization", auth)] + headers, sent)


def rpc_string_to_sign(method, params):
    """What the server computes: the specification's string-to-sign for the parameters it received."""
    pairs = sorted((rfc3986(k), rfc3986(v)) for k, v in params)
    return method + "&" + rfc3986("/") + "&" + rfc3986("&".join("%s=%s" % p for p in pairs))


def server_error_body(params):
    """An Alibaba SignatureDoesNotMatch body in the shape of signing.md 4.2 (NewFuture/DDNS#57)."""
    return (json.dumps({
        "Recommend": "https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=Ecs",
        "Message": "Specified signature is not matched with our calculation. server string to sign is:" + rpc_string_to_sign("GET", params),
        "RequestId": "1DD9FD9A-8E57-43E5-B911-E4F5AD2027F7",
        "HostId": "ecs.cn-hangzhou.aliyuncs.com",
        "Code": "SignatureDoesNotMatch",
    }) + "\n").encode()


def tencent_secret_id_not_found():
    """Tencent's answer to a SecretId it does not know (the message as its common error codes write it)."""
    return (json.dumps({"Response": {"Error": {"Code": "AuthFailure.SecretIdNotFound",
                                               "Message": "The SecretId is not found, please ensure that your SecretId is correct."},
                                     "RequestId": "0c5e3f0a-7d4b-4a2e-9f61-3b8e2d1c7a55"}}) + "\n").encode()


def aliyun_nonce_used():
    """Alibaba's answer to a SignatureNonce it has seen (code and message as ECS users report it, aliyun/alibaba-cloud-sdk-go#39)."""
    return (json.dumps({
        "Recommend": "https://api.aliyun.com/troubleshoot?q=SignatureNonceUsed&product=Ecs",
        "Message": "Specified signature nonce was used already.",
        "RequestId": "4BC02B9F-6E54-4346-9B2C-5B9896F66540",
        "HostId": "ecs.cn-hangzhou.aliyuncs.com",
        "Code": "SignatureNonceUsed",
    }) + "\n").encode()


SERVER_PARAMS = rpc_params([("Tag.1.Key", "env"), ("Tag.1.Value", "prod stage")])

EXTRA_FILES = {
    "server-string-to-sign-differs.error.json": lambda: server_error_body(SERVER_PARAMS),
    "server-holds-another-secret.error.json": tencent_signature_failure,
    "key-id-unknown-to-server.error.json": tencent_secret_id_not_found,
    "nonce-reused.error.json": aliyun_nonce_used,
}

EXAMPLES = [
    ("server-string-to-sign-differs.http", ["--server-error", "examples/captures/server-string-to-sign-differs.error.json"],
     ["signature-mismatch", "space-encoded-as-plus", "server-string-to-sign-differs"],
     "An RPC client encodes a space as + when signing; the server answered SignatureDoesNotMatch with its own string-to-sign (server-string-to-sign-differs.error.json).",
     lambda: rpc("http", SERVER_PARAMS, space_plus=True)),
    # file, args (besides the file and --secret-key), expected codes, scenario
    ("wrong-secret-likely.http", [], ["signature-mismatch", "wrong-secret-likely"],
     "A TC3 request signed with another secret key than the one given to sigscope; nothing else is wrong.",
     lambda: tc3("http", secret="AnotherAccountsSecretKey00000000")),
    ("credential-date-not-utc.curl", [], ["signature-mismatch", "credential-date-not-utc"],
     "A client in Beijing formats the TC3 scope date from its local clock: at 06:13 on 15 November local time it is still 14 November in UTC.",
     lambda: tc3("curl", sign_date="2023-11-15")),
    ("credential-service-mismatch.http", [], ["signature-mismatch", "credential-service-mismatch"],
     "The client signs a VPC request with the service of another product (cvm), copied from a CVM example.",
     lambda: tc3("http", sign_service="cvm")),
    ("signed-header-missing.http", [], ["signed-header-missing"],
     "A hand-written TC3 signer signs only content-type and forgets host.",
     lambda: tc3("http", signed=("content-type",))),
    ("signed-header-not-sent.http", [], ["signed-header-not-sent"],
     "The client signs x-tc-language, then its HTTP layer drops the header.",
     lambda: tc3("http", signed=("content-type", "host", "x-tc-language"), extra_headers=(("X-TC-Language", "zh-CN"),), drop=("X-TC-Language",))),
    ("header-value-not-lowercased.http", [], ["signature-mismatch", "header-value-not-lowercased"],
     "The client signs x-tc-action but keeps the value's case (x-tc-action:CreateNetworkInterface); TC3 lowercases values.",
     lambda: tc3("http", signed=("content-type", "host", "x-tc-action"), lowercase=False)),
    ("content-type-changed.har", [], ["signature-mismatch", "content-type-changed"],
     "The client signs Content-Type: application/json, then its HTTP library sends application/json; charset=utf-8.",
     lambda: tc3("har", content_type="application/json; charset=utf-8", sign_content_type="application/json")),
    ("payload-hash-mismatch.http", [], ["signature-mismatch", "payload-hash-mismatch", "body-reserialized"],
     "An ACS3 client hashes and signs its JSON body, then a library re-serializes it without spaces before sending.",
     lambda: acs3_payload_mismatch("http")),
    ("body-reserialized.http", [], ["signature-mismatch", "body-reserialized"],
     "A TC3 client signs json.dumps(params) (Python spacing, \\u escapes) but the HTTP library sends its own compact UTF-8 serialization.",
     lambda: tc3("http", sign_body=json.dumps(json.loads(TC_BODY)))),
    ("space-encoded-as-plus.http", [], ["signature-mismatch", "space-encoded-as-plus"],
     "An RPC client percent-encodes with Go's url.QueryEscape, which writes a space as +.",
     lambda: rpc("http", rpc_params([("Description", "prod stage")]), space_plus=True)),
    ("star-not-encoded.curl", [], ["signature-mismatch", "star-not-encoded"],
     "An RPC client leaves * unencoded in the string to sign.",
     lambda: rpc("curl", rpc_params([("SecurityGroupIds.1", "sg-bp1fg655nh68xyz9i****")]), star=False)),
    ("tilde-encoded.http", [], ["signature-mismatch", "tilde-encoded"],
     "An RPC client encodes ~ as %7E (old Python quote, Java URLEncoder).",
     lambda: rpc("http", rpc_params([("Tag.1.Value", "~backup")]), tilde=True)),
    ("reserved-not-encoded.http", [], ["signature-mismatch", "reserved-not-encoded", "star-not-encoded"],
     "A JavaScript RPC client signs with encodeURIComponent, which leaves ! ' ( ) and * unencoded.",
     lambda: rpc("http", rpc_params([("Description", "eni (primary)! *")]), subdelims=False, star=False)),
    ("lowercase-percent-hex.http", [], ["signature-mismatch", "lowercase-percent-hex"],
     "An RPC client's hand-written encoder prints escapes with %x, giving %3a instead of %3A.",
     lambda: rpc("http", rpc_params(), upper=False)),
    ("secret-missing-ampersand.http", [], ["signature-mismatch", "secret-missing-ampersand"],
     "An RPC client keys HMAC-SHA1 with the bare AccessKeySecret, without the trailing &.",
     lambda: rpc("http", rpc_params(), key_suffix="")),
    ("secret-with-ampersand.http", [], ["signature-mismatch", "secret-with-ampersand"],
     "An ACS3 client reuses its RPC code and keys HMAC-SHA256 with secret + &.",
     lambda: acs3("http", key_suffix="&")),
    ("method-mismatch.http", [], ["signature-mismatch", "method-mismatch"],
     "An RPC client signs GET but sends the request as POST.",
     lambda: rpc("http", rpc_params(), method="POST", sign_method="GET")),
    ("signature-not-url-encoded.curl", [], ["signature-mismatch", "signature-not-url-encoded"],
     "An RPC client appends the Base64 signature to the URL without percent-encoding; its + arrives as a space.",
     lambda: rpc("curl", rpc_params(nonce=rpc_nonce_with_plus()), raw_signature=True)),
    ("timestamp-expired.http", ["--now", "2023-11-14T22:30:00Z"], ["timestamp-expired"],
     "A correctly signed TC3 request, replayed (or sent from a machine whose clock is off) 17 minutes later.",
     lambda: tc3("http")),
    ("timestamp-not-utc.http", [], ["timestamp-not-utc"],
     "An RPC client sends its local time with an offset (2023-11-15T06:13:20+08:00) as Timestamp.",
     lambda: rpc("http", rpc_params(timestamp="2023-11-15T06:13:20+08:00"))),
    ("secret-id-mismatch.http", ["--secret-id", "AKIDotherAccount0000000000000000EXAMPLE"], ["secret-id-mismatch"],
     "The client is configured with another account's SecretId than the one the user is debugging.",
     lambda: tc3("http")),
    ("authorization-malformed.http", [], ["authorization-malformed"],
     "A hand-written TC3 client joins the Authorization parts with a bare comma, as ACS3 does.",
     lambda: tc3("http", auth_fix=lambda a: a.replace(", ", ","))),
    ("required-header-missing.http", [], ["required-header-missing"],
     "A TC3 request without X-TC-Version.",
     lambda: tc3("http", drop=("X-TC-Version",))),
    ("timestamp-invalid.http", [], ["timestamp-invalid"],
     "A JavaScript client sends Date.now() (milliseconds) as X-TC-Timestamp.",
     lambda: tc3("http", timestamp=str(TS * 1000))),
    ("host-changed.http", [], ["signature-mismatch", "host-changed"],
     "The client signs for the regional endpoint vpc.ap-guangzhou.tencentcloudapi.com but a proxy sends to vpc.tencentcloudapi.com.",
     lambda: tc3("http", sign_host="vpc.ap-guangzhou.tencentcloudapi.com")),
    ("query-reencoded.http", [], ["signature-mismatch", "query-reencoded"],
     "A TC3 GET client signs the query with %20 for a space, but its HTTP library sends +.",
     lambda: tc3("http", method="GET", body="", content_type="application/x-www-form-urlencoded",
                 query="NetworkInterfaceName=demo+eni&VpcId=vpc-0akbol5v", sign_query="NetworkInterfaceName=demo%20eni&VpcId=vpc-0akbol5v")),
    ("secret-has-whitespace.http", [], ["signature-mismatch", "secret-has-whitespace"],
     "The client reads the secret key from a file with its trailing newline.",
     lambda: tc3("http", secret=TC_KEY + "\n")),
    ("secret-id-empty.http", [], ["secret-id-empty"],
     "An RPC client's configuration key is misspelled, so AccessKeyId is sent empty.",
     lambda: rpc("http", rpc_params(key_id=""))),
    ("token-header-missing.http", [], ["token-header-missing"],
     "An ACS3 client uses temporary (STS.) credentials but does not send x-acs-security-token.",
     lambda: acs3("http", key_id="STS.NUgYrLnoC37mZZCNnAbez2")),
    ("signature-double-encoded.http", [], ["signature-mismatch", "signature-double-encoded"],
     "A v1 client percent-encodes the Signature itself, then its HTTP library encodes it again.",
     lambda: v1("http", signature_encoder=lambda s: rfc3986(rfc3986(s)))),
    ("values-encoded-in-string-to-sign.http", [], ["signature-mismatch", "values-encoded-in-string-to-sign"],
     "A v1 client builds the string to sign from URL-encoded values instead of raw ones.",
     lambda: v1("http", encode_values=True)),
    ("signature-method-mismatch.http", [], ["signature-mismatch", "signature-method-mismatch"],
     "A v1 client signs with HMAC-SHA256 but sends SignatureMethod=HmacSHA1.",
     lambda: v1("http", method_param="HmacSHA1")),
    ("server-holds-another-secret.http", ["--server-error", "examples/captures/server-holds-another-secret.error.json"], ["server-holds-another-secret"],
     "A correctly signed TC3 request that the server answered AuthFailure.SignatureFailure: the key was reset in the console, and the client and the user both still have the old secret.",
     lambda: tc3("http")),
    ("key-id-unknown-to-server.http", ["--server-error", "examples/captures/key-id-unknown-to-server.error.json"], ["key-id-unknown-to-server"],
     "A correctly signed TC3 request that the server answered AuthFailure.SecretIdNotFound: the key pair was deleted in the console, and its id and secret live on in a configuration file.",
     lambda: tc3("http")),
    ("nonce-reused.http", ["--server-error", "examples/captures/nonce-reused.error.json"], ["nonce-reused"],
     "A correctly signed Alibaba RPC request that the server answered SignatureNonceUsed: the client's retry sent the same signed request again instead of signing it anew.",
     lambda: rpc("http", rpc_params())),
    ("timestamp-changed-after-signing.http", [], ["signature-mismatch", "timestamp-changed-after-signing"],
     "A client calls time.time() once to sign and again, a second later, for the X-TC-Timestamp header.",
     lambda: tc3("http", timestamp=str(TS + 1), sign_timestamp=str(TS))),
    ("body-truncated.http", [], ["signature-mismatch", "body-truncated"],
     "A hand-written client sets Content-Length to the number of characters of a body with Chinese text, not its UTF-8 bytes; the server reads a truncated body.",
     tc3_content_length_in_characters),
    ("duplicate-header.http", [], ["duplicate-header"],
     "The client sets Content-Type: application/json and signs it; its HTTP library adds a second Content-Type of its own.",
     lambda: tc3("http", after_signing=(("Content-Type", "application/json; charset=utf-8"),))),
    ("token-mismatch.http", ["--token", "token-of-the-current-session"], ["token-mismatch"],
     "A client with temporary credentials keeps sending the X-TC-Token of an earlier session after refreshing its key pair.",
     lambda: tc3("http", extra_headers=(("X-TC-Token", "token-of-an-earlier-session"),))),
    ("header-value-lowercased.http", [], ["signature-mismatch", "header-value-lowercased"],
     "An ACS3 client reuses TC3 code and lowercases the signed header values.",
     lambda: acs3("http", lowercase=True)),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    files = {}
    manifest = []
    for name, extra, codes, scenario, build in EXAMPLES:
        files[name] = build()
        data = files[name].decode()
        provider = "aliyun" if "aliyuncs.com" in data else "tencent"
        # The captures are from 2023: without --now, verify judges them against today's clock.
        arguments = extra if "--now" in extra else extra + ["--no-clock"]
        manifest.append({"file": name, "provider": provider, "secretKey": ALI_KEY if provider == "aliyun" else TC_KEY,
                         "arguments": arguments, "expect": codes, "scenario": scenario})
    for name, build in EXTRA_FILES.items():
        files[name] = build()
    files["manifest.json"] = (json.dumps({"captures": manifest}, indent=2, ensure_ascii=False) + "\n").encode()
    if args.check:
        stale = [n for n, d in files.items() if not os.path.exists(os.path.join(OUT, n)) or open(os.path.join(OUT, n), "rb").read() != d]
        if stale:
            sys.exit("out of date: " + ", ".join(sorted(stale)))
        print("examples/captures is up to date (%d files)" % len(files))
        return
    os.makedirs(OUT, exist_ok=True)
    for n, d in files.items():
        with open(os.path.join(OUT, n), "wb") as f:
            f.write(d)
    print("wrote %d files to examples/captures" % len(files))


if __name__ == "__main__":
    main()
