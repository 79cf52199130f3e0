"""A one-shot Python signer through the official SDK client: import VpcClient, build the
CreateNetworkInterface model from the request file and sign it through the client with the
transport stubbed out (nothing is sent), as a script that uses the SDK once per request would.
Prints the Authorization header the client signed. Used by bench.py."""
import json
import sys

from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.vpc.v20170312 import models, vpc_client
import tencentcloud.common.abstract_client as ac

captured = {}


class StubResponse:
    status_code = 200
    headers = {"Content-Type": "application/json"}
    content = b'{"Response":{"NetworkInterface":{"NetworkInterfaceId":"eni-1"},"RequestId":"r"}}'
    text = content.decode()


def send(request):
    captured["authorization"] = request.header.get("Authorization")
    return StubResponse()


with open(sys.argv[1], encoding="utf-8") as f:
    request = json.load(f)
profile = ClientProfile()
profile.disable_region_breaker = True
client = vpc_client.VpcClient(credential.Credential("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"),
                              request.get("region", "ap-guangzhou"), profile)
client.request.send_request = send
ac.time.time = lambda: 1551113065  # the same fixed clock as sigscope's --timestamp
model = models.CreateNetworkInterfaceRequest()
model.from_json_string(json.dumps(request["params"]))
client.CreateNetworkInterface(model)
print(json.dumps(captured))
