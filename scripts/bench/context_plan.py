#!/usr/bin/env python3
"""How fast `sigscope plan` loads and plans against a large context.

    python3 scripts/bench/context_plan.py                 # builds the release binary, 10 runs each
    python3 scripts/bench/context_plan.py --runs 20 --json results.json
    python3 scripts/bench/context_plan.py --binary .build/release/sigscope --no-build

It generates, in a temporary folder, the saved responses of an account with 1,000 subnets and
10,000 ENIs (3 private IPs each) for each provider, in the providers' documented shapes:

  - Tencent: DescribeSubnets (1,000 subnets, /22 each, one JSON body), DescribeSecurityGroups,
    DescribeVpcLimits, and DescribeNetworkInterfaces as 100 pages of 100 ENIs (100 files);
  - Alibaba: DescribeVSwitches (1,000 vSwitches as XML, the RPC default format),
    DescribeSecurityGroups, DescribeAccountAttributes, and DescribeNetworkInterfaces as one HAR
    file holding 100 pages of 100 ENIs (JSON bodies) next to a console page.

Then it times `sigscope plan REQUEST --context FOLDER --format json` end to end (process start,
reading and decoding every file, building the state, validating, planning the lowest free
addresses for SecondaryPrivateIpAddressCount=10 in the most crowded subnet, printing the JSON),
wall clock of the whole process and its CPU time (user + system), best of N and median, and
checks every run's output: exit 0, a
valid plan, 11 addresses. With hyperfine on PATH it also prints hyperfine's figures.
"""
import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SUBNETS = 1000
ENIS = 10000
PAGE = 100


def log(message):
    print(message, file=sys.stderr, flush=True)


def subnet_block(i):
    """The i-th /22 of 10.0.0.0/8: 1,024 addresses, 4 of them reserved."""
    base = (10 << 24) + i * 1024
    return base


def ip(value):
    return "%d.%d.%d.%d" % (value >> 24, (value >> 16) & 255, (value >> 8) & 255, value & 255)


def eni_addresses(n):
    """ENI n lives in subnet n % SUBNETS; its 3 addresses follow the ones of earlier ENIs there."""
    subnet = n % SUBNETS
    slot = n // SUBNETS
    base = subnet_block(subnet)
    return subnet, [ip(base + 2 + slot * 3 + k) for k in range(3)]


def write_tencent(folder):
    os.makedirs(folder)
    subnets = [{
        "VpcId": "vpc-0akbol5v", "SubnetId": "subnet-%08x" % i, "SubnetName": "s%d" % i,
        "CidrBlock": "%s/22" % ip(subnet_block(i)), "IsDefault": False, "EnableBroadcast": False,
        "Zone": "ap-guangzhou-%d" % (3 + i % 4), "RouteTableId": "rtb-n0yejvje", "CreatedTime": "2024-03-18 10:25:41",
        "AvailableIpAddressCount": 1021 - 3 * (ENIS // SUBNETS), "Ipv6CidrBlock": "", "NetworkAclId": "",
        "IsRemoteVpcSnat": False, "TotalIpAddressCount": 1021, "TagSet": [], "CdcId": "", "IsCdcSubnet": 0,
    } for i in range(SUBNETS)]
    with open(os.path.join(folder, "describe-subnets.json"), "w") as f:
        json.dump({"Response": {"TotalCount": SUBNETS, "SubnetSet": subnets, "RequestId": "7a2f1b0e-5c3d-4e8a-9b61-2d4c8e0f1a37"}}, f, indent=2)
    with open(os.path.join(folder, "describe-security-groups.json"), "w") as f:
        json.dump({"Response": {"TotalCount": 1, "SecurityGroupSet": [{"SecurityGroupId": "sg-05bb4upy", "SecurityGroupName": "app",
                   "SecurityGroupDesc": "", "ProjectId": "0", "IsDefault": False, "CreatedTime": "2024-03-18 10:30:00", "TagSet": []}],
                   "RequestId": "9b8a7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"}}, f)
    with open(os.path.join(folder, "describe-vpc-limits.json"), "w") as f:
        json.dump({"Response": {"VpcLimitSet": [{"LimitType": "vpc-max-enis", "LimitValue": 20000},
                                                {"LimitType": "eni-max-private-ips", "LimitValue": 30}],
                                "RequestId": "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"}}, f)
    for page in range(ENIS // PAGE):
        enis = []
        for n in range(page * PAGE, (page + 1) * PAGE):
            subnet, addresses = eni_addresses(n)
            enis.append({
                "NetworkInterfaceId": "eni-%08x" % n, "NetworkInterfaceName": "eni%d" % n, "NetworkInterfaceDescription": "",
                "SubnetId": "subnet-%08x" % subnet, "VpcId": "vpc-0akbol5v", "GroupSet": ["sg-05bb4upy"], "Primary": False,
                "MacAddress": "20:90:6F:%02X:%02X:%02X" % ((n >> 16) & 255, (n >> 8) & 255, n & 255), "State": "AVAILABLE",
                "PrivateIpAddressSet": [{"PrivateIpAddress": a, "Primary": k == 0, "PublicIpAddress": "", "AddressId": "", "Description": "",
                                         "IsWanIpBlocked": False, "State": "AVAILABLE", "QosLevel": "DEFAULT"} for k, a in enumerate(addresses)],
                "Attachment": None, "Zone": "ap-guangzhou-%d" % (3 + subnet % 4), "CreatedTime": "2024-05-02 16:40:12",
                "Ipv6AddressSet": [], "TagSet": [], "EniType": 0, "Business": "cvm", "CdcId": "", "AttachType": 0, "ResourceId": "", "QosLevel": "DEFAULT",
            })
        with open(os.path.join(folder, "describe-network-interfaces-%03d.json" % page), "w") as f:
            json.dump({"Response": {"NetworkInterfaceSet": enis, "TotalCount": ENIS, "RequestId": "e0d3c1a4-88b2-4f0e-a1d6-%012x" % page}}, f, indent=2)
    request = {"provider": "tencent", "action": "CreateNetworkInterface", "region": "ap-guangzhou", "params": {
        "VpcId": "vpc-0akbol5v", "SubnetId": "subnet-%08x" % 0, "NetworkInterfaceName": "bench", "SecurityGroupIds": ["sg-05bb4upy"],
        "SecondaryPrivateIpAddressCount": 10}}
    return request


def write_aliyun(folder):
    os.makedirs(folder)
    items = []
    for i in range(SUBNETS):
        items.append("<VSwitch><VSwitchId>vsw-%020x</VSwitchId><VpcId>vpc-bp1opxu1zkhn00gzv2xx</VpcId><ZoneId>cn-hangzhou-%s</ZoneId>"
                     "<CidrBlock>%s/22</CidrBlock><Ipv6CidrBlock></Ipv6CidrBlock><AvailableIpAddressCount>%d</AvailableIpAddressCount>"
                     "<Status>Available</Status><IsDefault>false</IsDefault><VSwitchName>v%d</VSwitchName><Description></Description>"
                     "<CreationTime>2024-03-18T02:25:41Z</CreationTime><ResourceGroupId>rg-acfmxazb4ph6aiy</ResourceGroupId>"
                     "<OwnerId>253460731706911258</OwnerId><ShareType>Sharing</ShareType><EnabledIpv6>false</EnabledIpv6>"
                     "<RouteTable><RouteTableId>vtb-bp145q7glnuzdvzu2xx</RouteTableId><RouteTableType>System</RouteTableType></RouteTable>"
                     "<Tags/></VSwitch>\n" % (i, "ijkh"[i % 4], ip(subnet_block(i)), 1020 - 3 * (ENIS // SUBNETS), i))
    with open(os.path.join(folder, "describe-vswitches.xml"), "w") as f:
        f.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeVSwitchesResponse><RequestId>2D69A58F-345C-4FDE-88E4-BF5189484043</RequestId>"
                "<TotalCount>%d</TotalCount><PageNumber>1</PageNumber><PageSize>%d</PageSize><VSwitches>\n%s</VSwitches></DescribeVSwitchesResponse>\n"
                % (SUBNETS, SUBNETS, "".join(items)))
    with open(os.path.join(folder, "describe-security-groups.json"), "w") as f:
        json.dump({"RequestId": "B04B8CF3-4489-432D-83BA-6F128E4F2295", "RegionId": "cn-hangzhou", "TotalCount": 1, "PageNumber": 1, "PageSize": 10,
                   "SecurityGroups": {"SecurityGroup": [{"SecurityGroupId": "sg-bp1fg655nh68xyz9ixx", "SecurityGroupName": "app",
                                                         "SecurityGroupType": "normal", "VpcId": "vpc-bp1opxu1zkhn00gzv2xx"}]}}, f)
    with open(os.path.join(folder, "describe-account-attributes.json"), "w") as f:
        json.dump({"RequestId": "8CE45CD5-31FB-47C2-959D-CA8144CE3F8A", "AccountAttributeItems": {"AccountAttributeItem": [
            {"AttributeName": "max-elastic-network-interfaces", "AttributeValues": {"ValueItem": [{"Value": "20000", "Count": 1}]}}]}}, f)
    entries = [{"startedDateTime": "2024-12-02T08:14:01.102Z", "time": 12.0,
                "request": {"method": "GET", "url": "https://ecs.console.aliyun.com/", "headers": []},
                "response": {"status": 200, "statusText": "OK", "headers": [], "content": {"mimeType": "text/html", "text": "<!doctype html>"}}}]
    for page in range(ENIS // PAGE):
        enis = []
        for n in range(page * PAGE, (page + 1) * PAGE):
            subnet, addresses = eni_addresses(n)
            enis.append({
                "NetworkInterfaceId": "eni-%020x" % n, "NetworkInterfaceName": "", "Status": "Available", "Type": "Secondary",
                "VpcId": "vpc-bp1opxu1zkhn00gzv2xx", "VSwitchId": "vsw-%020x" % subnet, "ZoneId": "cn-hangzhou-%s" % "ijkh"[subnet % 4],
                "PrivateIpAddress": addresses[0], "MacAddress": "00:16:3e:%02x:%02x:%02x" % ((n >> 16) & 255, (n >> 8) & 255, n & 255),
                "Description": "", "InstanceId": "", "CreationTime": "2024-05-02T08:40:12Z", "ResourceGroupId": "", "OwnerId": "253460731706911258",
                "ServiceManaged": False, "SourceDestCheck": False, "DeleteOnRelease": False,
                "SecurityGroupIds": {"SecurityGroupId": ["sg-bp1fg655nh68xyz9ixx"]},
                "PrivateIpSets": {"PrivateIpSet": [{"PrivateIpAddress": a, "Primary": k == 0, "PrivateDnsName": ""} for k, a in enumerate(addresses)]},
                "Ipv6Sets": {"Ipv6Set": []}, "Ipv4PrefixSets": {"Ipv4PrefixSet": []}, "Ipv6PrefixSets": {"Ipv6PrefixSet": []}, "Tags": {"Tag": []},
                "Attachment": {},
            })
        body = json.dumps({"RequestId": "0C6A9B2D-14A8-4C8C-9D1E-%012X" % page, "TotalCount": ENIS, "PageNumber": page + 1, "PageSize": PAGE,
                           "NetworkInterfaceSets": {"NetworkInterfaceSet": enis}}, separators=(",", ":"))
        entries.append({"startedDateTime": "2024-12-02T08:14:03.517Z", "time": 61.4,
                        "request": {"method": "GET", "url": "https://ecs.cn-hangzhou.aliyuncs.com/?Action=DescribeNetworkInterfaces&RegionId=cn-hangzhou&PageNumber=%d&PageSize=%d" % (page + 1, PAGE),
                                    "headers": [{"name": "Host", "value": "ecs.cn-hangzhou.aliyuncs.com"}]},
                        "response": {"status": 200, "statusText": "OK", "headers": [{"name": "Content-Type", "value": "application/json;charset=utf-8"}],
                                     "content": {"size": len(body), "mimeType": "application/json", "text": body}}})
    with open(os.path.join(folder, "describe-network-interfaces.har"), "w") as f:
        json.dump({"log": {"version": "1.2", "creator": {"name": "Firefox", "version": "128.0"}, "entries": entries}}, f)
    request = {"provider": "aliyun", "action": "CreateNetworkInterface", "params": {
        "RegionId": "cn-hangzhou", "VSwitchId": "vsw-%020x" % 0, "SecurityGroupId": "sg-bp1fg655nh68xyz9ixx",
        "NetworkInterfaceName": "bench", "SecondaryPrivateIpAddressCount": 10}}
    return request


def folder_bytes(folder):
    return sum(os.path.getsize(os.path.join(folder, name)) for name in os.listdir(folder))


def check(output):
    plan = json.loads(output)
    assert plan["valid"] is True, plan["violations"]
    addresses = plan["plan"]["privateIpAddresses"]
    assert len(addresses) == 11, addresses
    return addresses


def time_runs(cmd, runs):
    """Wall time and CPU time (user + system, from the reaped child's rusage) of each run."""
    times, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise SystemExit("run failed (exit %d): %s" % (done.returncode, done.stderr.decode()))
        check(done.stdout)
        times.append(elapsed)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return times, cpus


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "sigscope"))
    parser.add_argument("--no-build", action="store_true", help="use --binary as it is")
    parser.add_argument("--json", help="write the results here too")
    args = parser.parse_args()
    if not args.no_build:
        log("building the release binary (scripts/release.sh)")
        subprocess.run([os.path.join(ROOT, "scripts", "release.sh")], check=True, stdout=sys.stderr)
    work = tempfile.mkdtemp(prefix="sigscope-context-bench-")
    results = {"machine": {"platform": platform.platform(), "processor": platform.processor(), "cpus": os.cpu_count(),
                           "loadavg": os.getloadavg()}, "runs": args.runs, "subnets": SUBNETS, "enis": ENIS, "cases": {}}
    try:
        for provider, writer in (("tencent", write_tencent), ("aliyun", write_aliyun)):
            folder = os.path.join(work, provider)
            request = writer(folder)
            request_path = os.path.join(work, provider + "-request.json")
            with open(request_path, "w") as f:
                json.dump(request, f)
            os.sync()
            cmd = [args.binary, "plan", request_path, "--context", folder, "--format", "json"]
            first = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if first.returncode != 0:
                raise SystemExit("%s: exit %d: %s" % (provider, first.returncode, first.stderr.decode()))
            addresses = check(first.stdout)
            times, cpus = time_runs(cmd, args.runs)
            case = {"files": len(os.listdir(folder)), "bytes": folder_bytes(folder), "best_s": min(times), "median_s": statistics.median(times),
                    "cpu_best_s": min(cpus), "cpu_median_s": statistics.median(cpus),
                    "times_s": times, "cpu_s": cpus, "first_addresses": [a["address"] for a in addresses[:3]]}
            if shutil.which("hyperfine"):
                out = os.path.join(work, provider + "-hyperfine.json")
                subprocess.run(["hyperfine", "--warmup", "1", "--runs", str(args.runs), "--export-json", out, " ".join(cmd)], check=True, stdout=sys.stderr)
                with open(out) as f:
                    h = json.load(f)["results"][0]
                case["hyperfine"] = {"mean_s": h["mean"], "min_s": h["min"], "stddev_s": h["stddev"]}
            results["cases"][provider] = case
            log("%s: %d files, %.1f MB: wall best %.3f s, median %.3f s; CPU best %.3f s, median %.3f s"
                % (provider, case["files"], case["bytes"] / 1e6, case["best_s"], case["median_s"], case["cpu_best_s"], case["cpu_median_s"]))
        results["machine"]["loadavg_end"] = os.getloadavg()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
