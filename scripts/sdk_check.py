#!/usr/bin/env python3
"""Real SDK calls against a running `sigscope serve` (started by scripts/sdk-check.sh).

Usage: sdk_check.py PORT SECRET_ID SECRET_KEY

Each check sends calls with the providers' official Python SDKs (tencentcloud-sdk-python,
aliyun-python-sdk-core with CommonRequest) and expects what the real services give: a typed
success with the right key, the SDK's own exception with the provider's code with a wrong one.
Prints one line per check and a closing "N passed, M failed"; exits 1 if any failed.
"""
import json
import sys

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.vpc.v20170312 import models, vpc_client

from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.request import CommonRequest

PORT, SECRET_ID, SECRET_KEY = sys.argv[1], sys.argv[2], sys.argv[3]
ENDPOINT = "127.0.0.1:" + PORT
results = []


def check(name, function):
    try:
        detail = function()
        results.append(True)
        print("PASS  " + name + (": " + detail if detail else ""))
    except Exception as error:  # a failed expectation or an unexpected exception
        results.append(False)
        print("FAIL  " + name + ": " + type(error).__name__ + ": " + str(error))


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


# --- Tencent Cloud (tencentcloud-sdk-python, VpcClient) ---------------------------------

def tencent_client(secret_key, sign_method="TC3-HMAC-SHA256", method="POST"):
    http = HttpProfile(protocol="http", endpoint=ENDPOINT, reqMethod=method)
    profile = ClientProfile(httpProfile=http, signMethod=sign_method)
    return vpc_client.VpcClient(credential.Credential(SECRET_ID, secret_key), "ap-guangzhou", profile)


def tencent_create(client, name):
    request = models.CreateNetworkInterfaceRequest()
    request.from_json_string(json.dumps({
        "VpcId": "vpc-0akbol5v", "SubnetId": "subnet-76r802pg", "NetworkInterfaceName": name,
        "SecurityGroupIds": ["sg-05bb4upy"], "SecondaryPrivateIpAddressCount": 1,
        "Tags": [{"Key": "city", "Value": "shanghai"}],
    }))
    return client.CreateNetworkInterface(request)


created = {}


def tencent_good():
    response = tencent_create(tencent_client(SECRET_KEY), "sdk-check")
    eni = response.NetworkInterface
    expect(isinstance(response, models.CreateNetworkInterfaceResponse), "not a CreateNetworkInterfaceResponse")
    expect(eni.NetworkInterfaceId.startswith("eni-") and len(eni.NetworkInterfaceId) == 12, "ENI id " + eni.NetworkInterfaceId)
    expect(len(eni.PrivateIpAddressSet) == 2, "expected a primary and one secondary address")
    created["tencent"] = eni.NetworkInterfaceId
    return eni.NetworkInterfaceId + " " + ",".join(ip.PrivateIpAddress for ip in eni.PrivateIpAddressSet)


def tencent_describe():
    request = models.DescribeNetworkInterfacesRequest()
    request.from_json_string(json.dumps({"NetworkInterfaceIds": [created["tencent"]]}))
    response = tencent_client(SECRET_KEY).DescribeNetworkInterfaces(request)
    expect(response.TotalCount == 1 and response.NetworkInterfaceSet[0].NetworkInterfaceId == created["tencent"], "the created ENI is not listed")
    return "TotalCount %d" % response.TotalCount


def tencent_v1_get():
    response = tencent_create(tencent_client(SECRET_KEY, sign_method="HmacSHA256", method="GET"), "sdk-check-v1")
    return "signature v1 HmacSHA256 over GET: " + response.NetworkInterface.NetworkInterfaceId


def tencent_wrong_secret():
    try:
        tencent_create(tencent_client(SECRET_KEY + "x"), "sdk-check")
    except TencentCloudSDKException as error:
        expect(error.get_code() == "AuthFailure.SignatureFailure", "code " + str(error.get_code()))
        expect(bool(error.get_request_id()), "no RequestId")
        return "TencentCloudSDKException " + error.get_code()
    raise AssertionError("no exception")


def tencent_delete():
    request = models.DeleteNetworkInterfaceRequest()
    request.from_json_string(json.dumps({"NetworkInterfaceId": created["tencent"]}))
    tencent_client(SECRET_KEY).DeleteNetworkInterface(request)
    try:
        tencent_client(SECRET_KEY).DeleteNetworkInterface(request)
    except TencentCloudSDKException as error:
        expect(error.get_code() == "ResourceNotFound", "second delete: " + str(error.get_code()))
        return "deleted, then ResourceNotFound"
    raise AssertionError("the second delete succeeded")


# --- Alibaba Cloud (aliyun-python-sdk-core, CommonRequest) ------------------------------

def aliyun_request(action, method, params):
    request = CommonRequest()
    request.set_domain(ENDPOINT)
    request.set_protocol_type("http")
    request.set_version("2014-05-26")
    request.set_action_name(action)
    request.set_method(method)
    for name, value in params.items():
        if method == "POST":
            request.add_body_params(name, value)
        else:
            request.add_query_param(name, value)
    return request


CREATE = {"RegionId": "cn-hangzhou", "VSwitchId": "vsw-bp1s5fnvk4gn2tws03xx", "SecurityGroupId": "sg-bp1fg655nh68xyz9ixx",
          "NetworkInterfaceName": "sdk-check", "Tag.1.Key": "env", "Tag.1.Value": "prod"}


def aliyun_good(method):
    def run():
        client = AcsClient(SECRET_ID, SECRET_KEY, "cn-hangzhou")
        body = json.loads(client.do_action_with_exception(aliyun_request("CreateNetworkInterface", method, CREATE)))
        expect(body["NetworkInterfaceId"].startswith("eni-bp"), "ENI id " + body["NetworkInterfaceId"])
        expect(body["SecurityGroupIds"]["SecurityGroupId"] == ["sg-bp1fg655nh68xyz9ixx"], "security groups")
        created["aliyun"] = body["NetworkInterfaceId"]
        return method + " " + body["NetworkInterfaceId"] + " " + body["PrivateIpAddress"]
    return run


def aliyun_describe():
    client = AcsClient(SECRET_ID, SECRET_KEY, "cn-hangzhou")
    body = json.loads(client.do_action_with_exception(aliyun_request("DescribeNetworkInterfaces", "GET",
                                                                     {"RegionId": "cn-hangzhou", "NetworkInterfaceId.1": created["aliyun"]})))
    expect(body["TotalCount"] == 1, "TotalCount %s" % body["TotalCount"])
    return "TotalCount 1"


def aliyun_wrong_secret():
    client = AcsClient(SECRET_ID, SECRET_KEY + "x", "cn-hangzhou")
    request = aliyun_request("CreateNetworkInterface", "POST", CREATE)
    try:
        client.do_action_with_exception(request)
    except ServerException as error:
        expect(error.get_http_status() == 400, "HTTP %s" % error.get_http_status())
        # With CommonRequest the SDK keeps the code (its InvalidAccessKeySecret rename looks at the
        # outer request's empty string_to_sign); the server's string-to-sign in the message must be
        # the one the SDK signed (CommonRequest's inner RpcRequest holds it), byte for byte.
        expect(error.get_error_code() == "SignatureDoesNotMatch", "code " + error.get_error_code())
        server = error.get_error_msg().split(":", 1)[1]
        expect(server == request.request.string_to_sign, "server string-to-sign differs from the SDK's:\n  %s\n  %s" % (server, request.request.string_to_sign))
        return "ServerException HTTP 400 SignatureDoesNotMatch; its server string-to-sign equals the SDK's"
    raise AssertionError("no exception")


def aliyun_unknown_action():
    client = AcsClient(SECRET_ID, SECRET_KEY, "cn-hangzhou")
    try:
        client.do_action_with_exception(aliyun_request("RunInstances", "POST", {"RegionId": "cn-hangzhou"}))
    except ServerException as error:
        expect(error.get_error_code() == "InvalidAction.NotFound" and error.get_http_status() == 404, "%s %s" % (error.get_http_status(), error.get_error_code()))
        return "ServerException HTTP 404 InvalidAction.NotFound"
    raise AssertionError("no exception")


check("tencent CreateNetworkInterface, TC3 POST, right key: typed success", tencent_good)
check("tencent DescribeNetworkInterfaces lists the new ENI", tencent_describe)
check("tencent CreateNetworkInterface, signature v1 GET: typed success", tencent_v1_get)
check("tencent wrong secret: TencentCloudSDKException AuthFailure.SignatureFailure", tencent_wrong_secret)
check("tencent DeleteNetworkInterface, then again: ResourceNotFound", tencent_delete)
check("aliyun CreateNetworkInterface, RPC GET, right key: success body", aliyun_good("GET"))
check("aliyun CreateNetworkInterface, RPC POST form, right key: success body", aliyun_good("POST"))
check("aliyun DescribeNetworkInterfaces lists the new ENI", aliyun_describe)
check("aliyun wrong secret: ServerException from SignatureDoesNotMatch", aliyun_wrong_secret)
check("aliyun unknown action: ServerException InvalidAction.NotFound", aliyun_unknown_action)

passed = sum(results)
failed = len(results) - passed
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
