#!/usr/bin/env python3
"""Generate docs/debugging.md from examples/captures/manifest.json and the real output of
`sigscope verify` on each example (run the built binary: swift build first).

    python3 scripts/docs/debugging.py            # rewrite docs/debugging.md
    python3 scripts/docs/debugging.py --check    # fail if it is out of date
"""

import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("SIGSCOPE_BIN", os.path.join(ROOT, ".build", "debug", "sigscope"))

# code -> (what it means, the fix). Order: the interface table, then the codes sigscope adds.
CODES = [
    ("signature-mismatch", "The signature in the request is not the one recomputed from the request as sent. Always present on a mismatch; the other findings say why.",
     "Read the findings that follow it. If one says it reproduces the provided signature, that is the cause."),
    ("credential-date-not-utc", "TC3: the credential-scope date is not the UTC date of `X-TC-Timestamp` — the client formatted it in local time. Such requests fail every day between local midnight and the UTC offset (00:00–08:00 in Beijing).",
     "Format the date from the timestamp in UTC: Python `datetime.fromtimestamp(ts, timezone.utc).strftime('%Y-%m-%d')`, Go `time.Unix(ts, 0).UTC().Format(\"2006-01-02\")`."),
    ("credential-service-mismatch", "TC3: the credential-scope service is not the endpoint's first label (`vpc` for `vpc.tencentcloudapi.com`). The server answers `AuthFailure.InvalidAuthorization` (\"`Service` in Credential not valid\").",
     "Sign with the product's short name, the first label of the host — never the full host or an IP."),
    ("signed-header-missing", "A header that must be signed is not in SignedHeaders (TC3: `content-type` and `host`; ACS3: every common header sent — `host`, `x-acs-*`, `content-type`).",
     "Sign the mandatory headers."),
    ("signed-header-not-sent", "SignedHeaders names a header the request does not carry, so the server cannot rebuild the canonical request.",
     "Send every signed header, or stop signing it."),
    ("header-value-not-lowercased", "TC3: the signature matches only with the signed header values kept in their case; TC3's CanonicalHeaders lowercases values.",
     "Use `lowercase(trim(value))` for every signed header."),
    ("content-type-changed", "The signature matches another Content-Type than the one sent: a library added or dropped `; charset=utf-8` after signing.",
     "Sign exactly the Content-Type you send; set it explicitly so the library does not rewrite it."),
    ("payload-hash-mismatch", "ACS3: `x-acs-content-sha256` is not the SHA-256 of the body sent. The server hashes what it receives, so the request fails even when the signature is consistent with the header.",
     "Hash, sign and send the same bytes."),
    ("body-reserialized", "The signature matches the same JSON body serialized differently (spacing, key order, `\\u` escapes): the body was serialized once for signing and again for sending.",
     "Serialize the body once; sign and send those bytes."),
    ("space-encoded-as-plus", "Alibaba: the signature matches a percent-encoder that writes a space as `+` (Java `URLEncoder`, Go `url.QueryEscape`, Python `quote_plus`).",
     "Use RFC 3986: a space is `%20`."),
    ("star-not-encoded", "Alibaba: the signature matches an encoder that leaves `*` unencoded.", "Encode `*` as `%2A`."),
    ("tilde-encoded", "Alibaba: the signature matches an encoder that encodes `~` as `%7E`.", "Keep `~` as it is."),
    ("reserved-not-encoded", "Alibaba: the signature matches an encoder that leaves `! ' ( )` unencoded (JavaScript `encodeURIComponent`).",
     "Encode them as `%21 %27 %28 %29` (after `encodeURIComponent`, replace those characters and `*`)."),
    ("lowercase-percent-hex", "The signature matches percent-escapes written with lowercase hex (`%3a`).", "Write escapes in uppercase hex (`%3A`)."),
    ("secret-missing-ampersand", "Alibaba RPC: the HMAC key was the AccessKeySecret alone; it must be the secret followed by `&`.", "Key HMAC-SHA1 with `secret + \"&\"`."),
    ("secret-with-ampersand", "Alibaba ACS3: the HMAC key was `secret + \"&\"` (the RPC key); ACS3 uses the secret alone.", "Drop the `&`."),
    ("method-mismatch", "The signature matches the other HTTP method: signed as GET, sent as POST, or the reverse.", "Sign the method you send."),
    ("signature-not-url-encoded", "Alibaba RPC (and Tencent v1): the Base64 Signature is in the URL without percent-encoding, so its `+` arrives as a space.",
     "Percent-encode the Signature (`+` → `%2B`, `/` → `%2F`, `=` → `%3D`)."),
    ("timestamp-expired", "The request's time is outside the provider's window (Tencent 5 minutes, Alibaba 15) around the clock, or around `--now` when given (`--no-clock`: not judged).",
     "Sign with the current time; keep the clock in sync (NTP)."),
    ("timestamp-not-utc", "Alibaba: `Timestamp` / `x-acs-date` is not ISO-8601 UTC with `Z` (an offset, a missing `Z`, milliseconds).",
     "Send the UTC time as `2016-02-23T12:46:24Z`."),
    ("secret-id-mismatch", "The request's SecretId / AccessKeyId is not the one given with `--secret-id`: the server checks it against another key.",
     "Configure the client with the intended key pair."),
    ("server-string-to-sign-differs", "With `--server-error`: the string-to-sign Alibaba echoed in its `SignatureDoesNotMatch` error differs from the one recomputed; the diff shows where.",
     None),
    ("server-holds-another-secret", "With `--server-error`: the signature is exactly the one the given secret makes, yet the server rejected it as a wrong signature (`AuthFailure.SignatureFailure`, `SignatureDoesNotMatch`, `IncompleteSignature`): the server holds another secret for the key id — rotated or reset, another account's pair — or the request changed in transit.",
     "Get the current secret of the key id from the console and sign with it; if it is the one you used, capture the request after the last proxy."),
    ("wrong-secret-likely", "The request is self-consistent and no known mistake reproduces the signature: the secret key is most likely not the one it was signed with (or the request was altered after signing).",
     "Check the key pair: the current secret of that key id, copied whole."),
    ("authorization-malformed", "The Authorization header is not in the documented layout (separators, part names, a missing part, upper-case hex).",
     "Write exactly `TC3-HMAC-SHA256 Credential=…/…/…/tc3_request, SignedHeaders=…, Signature=…` (TC3) or `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…` (ACS3)."),
    ("required-header-missing", "A header or parameter every request of the algorithm needs is absent (`X-TC-Version`, `x-acs-date`, `SignatureNonce`, …).", "Send it."),
    ("timestamp-invalid", "Tencent: the timestamp is not Unix seconds (milliseconds, or not a number). Reported first; nothing (scope date, age) is judged from a timestamp in milliseconds.", "Send `int(time.time())`."),
    ("timestamp-changed-after-signing", "The signature matches a timestamp a few seconds (up to 5) from the one sent (`X-TC-Timestamp`, `x-acs-date`): the client read the clock twice, or a proxy rewrote the header.",
     "Read the clock once; use that value in the header and in the signature."),
    ("body-truncated", "A raw capture's `Content-Length` is shorter than the body after it: the server reads only `Content-Length` bytes. An error when the whole body reproduces the signature, else a warning.",
     "Let the HTTP library set `Content-Length` from the exact bytes sent."),
    ("duplicate-header", "A header the signature or the server depends on is sent twice (`Authorization`, `Host`, `Content-Type`, `Content-Length`, `X-TC-*` / `x-acs-*`, a signed header): the server keeps one value, or rejects the request.",
     "Set the header once (usually an HTTP library adds its own next to yours)."),
    ("token-mismatch", "`--token` differs from the session token the request carries (`X-TC-Token`, `Token`, `SecurityToken`, `x-acs-security-token`); neither is printed.",
     "Send the token issued with the temporary key pair (the same STS response)."),
    ("host-changed", "The signature matches another host than the one the request went to (regional vs global endpoint, a proxy).", "Sign the host you send to."),
    ("query-reencoded", "TC3: the signature matches the query string encoded or ordered differently from the one sent (TC3 signs the query exactly as sent).",
     "Sign the same query string you put in the URL."),
    ("secret-has-whitespace", "The secret key carries surrounding whitespace — the client's copy (the signature matches the key plus a newline) or the one given to sigscope.",
     "Trim the key where it is read."),
    ("secret-id-empty", "The request's key id is empty.", "Configure the key id (check the configuration key's spelling)."),
    ("token-header-missing", "Temporary (STS) credentials without their token: an `STS.` AccessKeyId without `SecurityToken` / `x-acs-security-token`, or `--token` given but not sent.",
     "Send the session token where the algorithm expects it (`X-TC-Token`, `Token`, `SecurityToken`, `x-acs-security-token`)."),
    ("signature-double-encoded", "The Signature was percent-encoded twice (`%252B`).", "Encode it exactly once."),
    ("values-encoded-in-string-to-sign", "Tencent v1: the string to sign was built from URL-encoded values; v1 signs raw values.", "Build the string to sign from raw values."),
    ("signature-method-mismatch", "Tencent v1: the HMAC used is not the one `SignatureMethod` names (`HmacSHA256` exactly, case-sensitive; anything else means HmacSHA1).",
     "Send `SignatureMethod=HmacSHA256` exactly when signing with HMAC-SHA256."),
    ("header-value-lowercased", "ACS3: the signature matches only with the signed header values lowercased (TC3's rule); ACS3 keeps their case.", "Use `trim(value)` without lowercasing."),
]


def run(capture):
    args = [BINARY, "verify", "examples/captures/" + capture["file"], "--secret-key", capture["secretKey"]] + capture["arguments"]
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env={"NO_COLOR": "1", "PATH": os.environ.get("PATH", "")})
    if result.returncode not in (0, 1):
        sys.exit("%s: exit %d: %s" % (capture["file"], result.returncode, result.stderr))
    lines = result.stdout.rstrip("\n").split("\n")
    head = lines[:4]
    start = lines.index("Findings")
    middle = ["", "[… every step, provided next to computed …]", ""]
    if "--server-error" in capture["arguments"]:
        # Show the step the server's answer provides: the string to sign, side by side.
        first = next(i for i, line in enumerate(lines) if "[stringToSign]" in line)
        last = next(i for i in range(first + 1, len(lines)) if lines[i][:1].isdigit())
        middle = ["", "[…]"] + lines[first:last] + ["[…]", ""]
    return "\n".join(head + middle + lines[start:])


def command(capture):
    key = "'" + capture["secretKey"] + "'"
    return " ".join(["sigscope verify", "examples/captures/" + capture["file"], "--secret-key", key] + capture["arguments"])


def render():
    manifest = json.load(open(os.path.join(ROOT, "examples", "captures", "manifest.json")))["captures"]
    by_code = {}
    for capture in manifest:
        for code in capture["expect"]:
            by_code.setdefault(code, capture)
    # Prefer the example named after the code.
    for capture in manifest:
        stem = capture["file"].rsplit(".", 1)[0]
        if stem in dict((c, 1) for c, _, _ in CODES):
            by_code[stem] = capture
    out = []
    out.append("# Debugging signature mismatches\n")
    out.append("A signature mismatch is reported by the server as one opaque code (`AuthFailure.SignatureFailure`,\n"
               "`SignatureDoesNotMatch`). `sigscope verify` takes the request as it was sent — a raw HTTP\n"
               "request, a curl command or a HAR file — recomputes every step of the signature from the\n"
               "request's own facts with your secret, and compares. When they differ it replays the mistakes\n"
               "clients are known to make (a local date, a charset added after signing, a faulty\n"
               "percent-encoder, the wrong HMAC key, …) and names the one that reproduces the signature\n"
               "exactly.\n")
    out.append("```\nsigscope verify CAPTURE --secret-key KEY [--secret-id ID] [--token T] [--now TIME | --no-clock] [--server-error FILE] [--entry N | --all-entries] [--format json]\n```\n")
    out.append("- The first line says `match` or `mismatch`; then every step, the value the capture states\n"
               "  (the signature, the Authorization header, the credential scope, `x-acs-content-sha256`) next\n"
               "  to the recomputed one; then the findings, each with its evidence and the fix. A finding marked\n"
               "  *(reproduces the provided signature)* was confirmed by recomputing with that mistake.\n"
               "- Exit status: 0 match, 1 mismatch, 2 unreadable capture (with file, line and column), 64 usage.\n"
               "- The timestamp is judged against this machine's clock, so a capture older than the provider's\n"
               "  window (Tencent 5 minutes, Alibaba 15) is `timestamp-expired`. Judge an old capture with `--now`\n"
               "  at the time it was sent, or skip its age with `--no-clock` (the examples below do: they are from 2023).\n"
               "- `--all-entries` verifies every API request of a HAR file, one verdict line each (JSON: an array).\n"
               "- `--server-error` with the server's answer: a signature that verifies but that the server\n"
               "  rejected as wrong is `server-holds-another-secret`, not a match.\n"
               "- \"Match\" means the server would accept the request: the signature equals the one recomputed\n"
               "  from the request's facts *and* nothing else is wrong (a correct signature over a wrong\n"
               "  credential date or a wrong `x-acs-content-sha256` is still a mismatch).\n"
               "- The secret key is never printed. Derived keys are shortened unless `--show-secrets`.\n")
    out.append("## Capturing the request\n")
    out.append("- **mitmproxy / Burp / Charles**: save the request as raw HTTP (CRLF or LF both work), or export a HAR.\n"
               "- **Browser devtools**: \"Copy as cURL (bash)\" or \"Save all as HAR\". In a HAR, the first\n"
               "  `*.tencentcloudapi.com` / `*.aliyuncs.com` entry is used; `--entry N` picks `log.entries[N]` (0-based).\n"
               "- **SDK debug logs** that print the request line with an absolute URL\n"
               "  (`POST https://vpc.tencentcloudapi.com/ HTTP/1.1`) and the headers; log lines before it are skipped.\n"
               "- **`sigscope curl`** output verifies as it is, including the `printf … | curl --data-binary @-` form.\n"
               "- A raw capture without `Content-Length` loses its final newline (it is taken as the file's);\n"
               "  keep `Content-Length` when the body's exact length matters.\n")
    out.append("## Using the server's answer\n")
    out.append("Alibaba's `SignatureDoesNotMatch` (and `IncompleteSignature`) message quotes the server's own\n"
               "string-to-sign. Save the response — the bare body, `curl -i` output, or the HAR that holds the\n"
               "request too — and pass it with `--server-error FILE`: sigscope extracts the string-to-sign\n"
               "(the `decode` reader) and compares it. Equal to the one recomputed from the request means the\n"
               "canonicalization is right and the secret is wrong; different means the finding\n"
               "`server-string-to-sign-differs`, with the first differing character and, parameter by\n"
               "parameter, what the server saw and what the client signed (known when a mistake reproduces\n"
               "the signature) or what the capture gives. The server's string-to-sign is also shown as the\n"
               "*provided* value of the `stringToSign` step.\n")
    out.append("Every example below is a file in `examples/captures/`, written by\n"
               "`scripts/captures/mistake_examples.py`, which signs each request with its own Python\n"
               "implementation of the algorithms and exactly one client mistake (`manifest.json` lists them;\n"
               "the tests check that `verify` names each one). The outputs are real, from\n"
               "`scripts/docs/debugging.py`, with the step-by-step part cut out.\n")
    out.append("## Findings\n")
    out.append("| code | meaning |\n|---|---|")
    for code, meaning, _ in CODES:
        out.append("| [`%s`](#%s) | %s |" % (code, code, meaning.split(". ")[0].rstrip(".") + "."))
    out.append("")
    for code, meaning, fix in CODES:
        out.append("### `%s`\n" % code)
        out.append(meaning + "\n")
        capture = by_code.get(code)
        if capture is None:
            sys.exit("no example in examples/captures/manifest.json produces " + code)
        out.append("Example (`examples/captures/%s`): %s\n" % (capture["file"], capture["scenario"]))
        out.append("```\n$ " + command(capture) + "\n" + run(capture) + "\n```\n")
        if fix:
            out.append("**Fix:** " + fix + "\n")
    return "\n".join(out).rstrip("\n") + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = render()
    path = os.path.join(ROOT, "docs", "debugging.md")
    if args.check:
        if not os.path.exists(path) or open(path).read() != text:
            sys.exit("docs/debugging.md is out of date: run scripts/docs/debugging.py")
        print("docs/debugging.md is up to date")
        return
    open(path, "w").write(text)
    print("wrote docs/debugging.md")


if __name__ == "__main__":
    main()
