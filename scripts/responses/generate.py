#!/usr/bin/env python3
"""Write the per-error-code cases of testvectors/responses/ and regenerate its README.

For every code in the two API documents' error tables (copied verbatim into
testvectors/responses/sources/), this writes one case folder with an error body the way
the provider sends it, and the expected `decode --format json` output written from the
document's own text. It never runs sigscope: the expectations come from the documents.

    python3 scripts/responses/generate.py

Hand-written cases (success bodies, HAR files, chunked responses, the reference's real
error bodies) are left alone; the README table lists all cases from their case.json.
"""
import base64
import json
import os
import re
import uuid

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
CORPUS = os.path.join(ROOT, "testvectors", "responses")
SOURCES = os.path.join(CORPUS, "sources")

TENCENT_TABLE = "tencent-vpc-CreateNetworkInterface-error-codes.txt"
ALIYUN_TABLE = "aliyun-ecs-CreateNetworkInterface-error-codes.md"

# English renderings of the Alibaba document's Chinese 说明 (description) column.
ALIYUN_DESCRIPTIONS = {
    "MissingParameter": ("缺少必需参数。", "A required parameter is missing."),
    "UnsupportedParameter": ("该参数不存在，或者不支持该参数。", "The parameter does not exist or is not supported."),
    "Abs.InvalidAccount.NotFound": ("您的阿里云账号不存在，或者您的 AccessKey 已经过期。", "Your Alibaba Cloud account does not exist, or your AccessKey has expired."),
    "Forbidden.NotSupportRAM": ("不允许 RAM 用户执行该操作。", "RAM users are not allowed to perform this operation."),
    "Forbidden.SubUser": ("您无法执行该操作。", "You are not allowed to perform this operation."),
    "InvalidOperation.AvailabilityZoneMismatch": ("指定的 VPC 交换机 ID、弹性网卡和实例 ID 不在同一个可用区。", "The specified vSwitch, ENI and instance are not in the same zone."),
    "InvalidOperation.VpcMismatch": ("指定的弹性网卡和安全组 ID 不在同一个 VPC。", "The specified ENI and security group are not in the same VPC."),
    "InvalidSecurityGroupId.NotVpc": ("指定的安全组不是 VPC 类型。", "The specified security group is not of the VPC type."),
    "MaxEniCountExceeded": ("该地域已有的弹性网卡数量超过了最大限制。", "The number of ENIs in the region exceeds the maximum."),
    "SecurityGroupInstanceLimitExceed": ("该安全组内已有的实例数量已超出最大限制。", "The number of instances in the security group exceeds the maximum."),
    "InvalidEcsId.NotFound": ("指定的实例 ID 不存在。", "The specified instance ID does not exist."),
    "InvalidSecurityGroupId.NotFound": ("指定的安全组 ID 不存在。", "The specified security group ID does not exist."),
    "InvalidVSwitchId.NotFound": ("指定的交换机 ID 不存在。", "The specified vSwitch ID does not exist."),
}

REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found"}


def request_id(case, upper):
    value = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://sigscope.invalid/responses/" + case))
    return value.upper() if upper else value


def http(status, content_type, body):
    head = "HTTP/1.1 %d %s\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: keep-alive\r\n\r\n" % (
        status, REASONS[status], content_type, len(body))
    return head.encode("ascii") + body


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_case(name, files, case):
    folder = os.path.join(CORPUS, name)
    os.makedirs(folder, exist_ok=True)
    for old in os.listdir(folder):
        if old.startswith("input."):
            os.remove(os.path.join(folder, old))
    for filename, data in files.items():
        with open(os.path.join(folder, filename), "wb") as f:
            f.write(data)
    with open(os.path.join(folder, "case.json"), "w", encoding="utf-8") as f:
        json.dump(case, f, ensure_ascii=False, indent=2)
        f.write("\n")


def expected_json(provider, action, http_status, rid, code, message, description, host_id=None, recommend=None):
    return {
        "provider": provider,
        "action": action,
        "outcome": "error",
        "httpStatus": http_status,
        "requestId": rid,
        "error": {
            "code": code,
            "message": message,
            "description": description,
            "hostId": host_id,
            "recommend": recommend,
            "serverStringToSign": None,
        },
        "result": None,
    }


def dump(value):
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def tencent_cases():
    rows = []
    with open(os.path.join(SOURCES, TENCENT_TABLE), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            code, description = line.split(" ", 1)
            rows.append((code, description))
    for i, (code, description) in enumerate(rows):
        name = "tc-err-" + code
        rid = request_id(name, upper=False)
        body = {"Response": {"Error": {"Code": code, "Message": description}, "RequestId": rid}}
        if i % 2 == 0:
            files = {"input.json": (json.dumps(body, ensure_ascii=False, indent=4) + "\n").encode("utf-8")}
            status, form = None, "bare JSON body, pretty-printed"
        else:
            compact = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            files = {"input.http": http(200, "application/json", compact)}
            status, form = 200, "HTTP/1.1 200 response (Tencent answers API errors with HTTP 200, signing.md §1.7)"
        files["expected.json"] = dump(expected_json("tencent", "CreateNetworkInterface", status, rid, code, description, description))
        write_case(name, files, {
            "description": "Tencent error %s, %s; the message is the document's description" % (code, form),
            "source": "sources/%s (code and description); body shape signing.md §1.7; RequestId invented" % TENCENT_TABLE,
            "args": ["--action", "CreateNetworkInterface"],
            "exit": 1,
            "generated": True,
        })


def aliyun_cases():
    rows = []
    with open(os.path.join(SOURCES, ALIYUN_TABLE), encoding="utf-8") as f:
        for line in f:
            cells = [c for c in line.strip().split("|")]
            if len(cells) < 6 or cells[1] in ("错误代码", ":---") or cells[1].startswith(":"):
                continue
            code, message, status, chinese = cells[1], cells[2], int(cells[3]), cells[4]
            known = ALIYUN_DESCRIPTIONS.get(code)
            if known is None or known[0] != chinese:
                raise SystemExit("no English rendering for %s (%s)" % (code, chinese))
            rows.append((code, message, status, known[1]))
    for i, (code, message, status, description) in enumerate(rows):
        name = "ali-err-" + code
        rid = request_id(name, upper=True)
        host = "ecs.aliyuncs.com"
        if i % 2 == 0:
            recommend = "https://error-center.aliyun.com/status/search?Keyword=%s&source=PopGw" % code
            body = {"Recommend": recommend, "Message": message, "RequestId": rid, "HostId": host, "Code": code}
            data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            files = {"input.http": http(status, "application/json;charset=utf-8", data)}
            form = "JSON body with Recommend"
        else:
            recommend = None
            xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n    <RequestId>%s</RequestId>\n    <HostId>%s</HostId>\n'
                   '    <Code>%s</Code>\n    <Message>%s</Message>\n</Error>\n') % (rid, host, xml_escape(code), xml_escape(message))
            files = {"input.http": http(status, "text/xml;charset=UTF-8", xml.encode("utf-8"))}
            form = "XML body"
        files["expected.json"] = dump(expected_json("aliyun", "CreateNetworkInterface", status, rid, code, message, description, host, recommend))
        write_case(name, files, {
            "description": "Alibaba error %s in an HTTP %d response, %s; message and status from the document" % (code, status, form),
            "source": "sources/%s (code, message, HTTP status, description translated); body shape signing.md §4.2; RequestId invented" % ALIYUN_TABLE,
            "args": ["--action", "CreateNetworkInterface"],
            "exit": 1,
            "generated": True,
        })


def readme():
    cases = []
    for name in sorted(os.listdir(CORPUS)):
        path = os.path.join(CORPUS, name, "case.json")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                case = json.load(f)
            inputs = [n for n in sorted(os.listdir(os.path.join(CORPUS, name))) if n.startswith("input.")]
            cases.append((name, inputs, case))
    lines = [
        "# Response decoding corpus",
        "",
        "Captured responses and error bodies with the output `sigscope decode --format json`",
        "must print for them. Each folder holds:",
        "",
        "- `input.json`, `input.xml`, `input.http` (a full HTTP response as `curl -i` prints it) or",
        "  `input.har` (a HAR 1.2 file): exactly the bytes given to `sigscope decode`;",
        "- `expected.json`: the contract JSON (`provider`, `action`, `outcome`, `httpStatus`,",
        "  `requestId`, `error`, `result`; see `shared/interface.md`), written from the documents,",
        "  never produced by sigscope. `error.description` is the document's description of the",
        "  code (Alibaba's Chinese descriptions rendered in English). sigscope adds `category`,",
        "  `retryable` and `hint` to `error`; the tests check those against the error catalog;",
        "- `case.json`: `description`, `source`, `args` (extra command-line options), `exit`",
        "  (the expected exit status) and `generated`.",
        "",
        "`sources/` holds the document excerpts the cases come from, verbatim: the two API",
        "documents' error tables and the response sections of `shared/reference/signing.md`.",
        "The `tc-err-<code>` and `ali-err-<code>` cases for every code of the two error tables are",
        "written by `scripts/responses/generate.py` from those tables (which also rewrites this",
        "README); all other cases are written by hand. Request IDs marked \"invented\" are made up",
        "where the document elides or omits them; \"illustrative\" bodies follow the documented",
        "response model where no verbatim example exists (signing.md §5.2 says so for Alibaba's",
        "current CreateNetworkInterface response).",
        "",
        "| case | input | exit | what | source |",
        "|---|---|---|---|---|",
    ]
    for name, inputs, case in cases:
        lines.append("| `%s` | %s | %d | %s | %s |" % (name, ", ".join("`%s`" % i for i in inputs), case["exit"],
                                                      case["description"].replace("|", "\\|"), case["source"].replace("|", "\\|")))
    with open(os.path.join(CORPUS, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    tencent_cases()
    aliyun_cases()
    readme()
