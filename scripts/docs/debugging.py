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

def load_codes():
    """(code, meaning, fix) of every verify finding, in the library's order, from
    `sigscope explain --list --format json`: the one table the library keeps
    (Sources/SigScope/Diagnosis/FindingCatalog.swift)."""
    result = subprocess.run([BINARY, "explain", "--list", "--format", "json"], cwd=ROOT, capture_output=True, text=True,
                            env={"NO_COLOR": "1", "PATH": os.environ.get("PATH", "")})
    if result.returncode != 0:
        sys.exit("sigscope explain --list: exit %d: %s" % (result.returncode, result.stderr))
    topics = json.loads(result.stdout)["topics"]
    return [(t["topic"], t["meaning"], t["fix"]) for t in topics if t["kind"] == "finding"]


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
    codes = load_codes()
    manifest = json.load(open(os.path.join(ROOT, "examples", "captures", "manifest.json")))["captures"]
    by_code = {}
    for capture in manifest:
        for code in capture["expect"]:
            by_code.setdefault(code, capture)
    # Prefer the example named after the code.
    for capture in manifest:
        stem = capture["file"].rsplit(".", 1)[0]
        if stem in dict((c, 1) for c, _, _ in codes):
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
               "- **The Tencent Cloud Python SDK's debug log** (`client.set_stream_logger()` or\n"
               "  `set_file_logger(path)`): its `SendRequest: Host: … Method: … Uri: … Header: … Data: …`\n"
               "  record is read as it is, whatever the log format around it (the first record when there are\n"
               "  several). The log shows no scheme; https is assumed.\n"
               "- **The Alibaba Cloud Python core SDK's debug log** (`DEBUG=sdk` and `client.set_stream_logger()`):\n"
               "  its `> GET /?…&Signature=… HTTP/1.1` block with `> Name : value` headers. An RPC GET carries\n"
               "  every signed parameter in that URL, so it verifies; the log shows no request body, so a request\n"
               "  with one is refused with that reason.\n"
               "- **`curl -v`** transcripts: the `> ` request lines, likewise only for a request without a body.\n"
               "  `decode` reads the `< ` response and its body from the same transcript.\n"
               "- Other logs that print the request line with an absolute URL\n"
               "  (`POST https://vpc.tencentcloudapi.com/ HTTP/1.1`) and the headers; log lines before it are skipped.\n"
               "- Real samples of each, made against a local listener, are in `testvectors/captures/logs/`.\n"
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
    for code, meaning, _ in codes:
        out.append("| [`%s`](#%s) | %s |" % (code, code, meaning.split(". ")[0].rstrip(".") + "."))
    out.append("")
    for code, meaning, fix in codes:
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
