"""A one-shot Python signer: import the official SDK's signing code and sign one TC3 request,
as a script called once per request from a shell loop would. Used by bench.py."""
import hashlib
import json
import sys
import time

from tencentcloud.common.sign import Sign

with open(sys.argv[1], encoding="utf-8") as f:
    request = json.load(f)
timestamp = 1551113065
date = time.strftime("%Y-%m-%d", time.gmtime(timestamp))
body = json.dumps(request["params"], separators=(",", ":"), ensure_ascii=False)
canonical = "POST\n/\n\ncontent-type:application/json\nhost:vpc.tencentcloudapi.com\n\ncontent-type;host\n" + hashlib.sha256(body.encode()).hexdigest()
to_sign = "TC3-HMAC-SHA256\n%d\n%s/vpc/tc3_request\n%s" % (timestamp, date, hashlib.sha256(canonical.encode()).hexdigest())
signature = Sign.sign_tc3("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", date, "vpc", to_sign)
print(json.dumps({"signature": signature, "body": body}))
