import Testing
import SigScope

/// Reading saved Describe* responses into a state: both forms, the three envelopes, pages,
/// conflicts, and every kind of bad input.
@Suite("Context loading")
struct ContextLoaderTests {
    static let vswitches = [(id: "vsw-bp1s5fnvk4gn2tws03xx", vpc: "vpc-bp1opxu1zkhn00gzv2xx", cidr: "172.16.0.0/24", zone: "cn-hangzhou-i", available: 249),
                            (id: "vsw-bp1ddbrxdlrcbim46xx", vpc: "vpc-bp1opxu1zkhn00gzv2xx", cidr: "172.16.1.0/24", zone: "cn-hangzhou-j", available: 252)]

    @Test("a Tencent DescribeSubnets body gives each subnet's VPC, CIDR, zone and free-IP count, with its file")
    func tencentSubnets() throws {
        let state = try Fixture.state([("subnets.json", Fixture.tcSubnets([Fixture.tcSubnet("subnet-76r802pg", cidr: "172.16.64.0/20", available: 4090)]))])
        let subnet = try #require(state.subnet("subnet-76r802pg"))
        #expect(subnet.vpcId == "vpc-0akbol5v")
        #expect(subnet.cidrBlock == "172.16.64.0/20")
        #expect(subnet.zone == "ap-guangzhou-3")
        #expect(subnet.availableIpAddressCount == 4090)
        #expect(subnet.evidence == "subnets.json")
        #expect(state.provider == .tencent)
        #expect(state.covers(.subnets) && !state.covers(.securityGroups))
    }

    @Test("Alibaba DescribeVSwitches in XML and in JSON give the same facts")
    func aliyunBothForms() throws {
        let xml = try Fixture.state([("v.xml", Fixture.aliVSwitchesXML(Self.vswitches))])
        let json = try Fixture.state([("v.xml", Fixture.aliVSwitchesJSON(Self.vswitches))])
        #expect(xml.subnets == json.subnets)
        #expect(xml.subnets.count == 2)
        #expect(xml.subnet("vsw-bp1ddbrxdlrcbim46xx")?.availableIpAddressCount == 252)
        #expect(xml.subnet("vsw-bp1ddbrxdlrcbim46xx")?.zone == "cn-hangzhou-j")
    }

    @Test("a bare body, curl -i output and a HAR entry of the same response give the same state", arguments: ["bare", "curl", "har"])
    func envelopes(_ envelope: String) throws {
        let body = Fixture.aliVSwitchesXML(Self.vswitches)
        let text: String
        switch envelope {
        case "curl": text = Fixture.curl(body, contentType: "text/xml;charset=UTF-8")
        case "har": text = Fixture.har([(url: "https://vpc.aliyuncs.com/?Action=DescribeVSwitches&RegionId=cn-hangzhou", body: body)])
        default: text = body
        }
        let state = try Fixture.state([("saved", text)])
        #expect(state.subnets.map(\.id) == Self.vswitches.map(\.id))
        #expect(state.subnets.map(\.cidrBlock) == ["172.16.0.0/24", "172.16.1.0/24"])
        if envelope == "har" {
            #expect(state.subnets[0].evidence == "saved (HAR entry 1)")
        }
    }

    @Test("a Tencent response saved with curl -i and in a HAR with the action header decodes too", arguments: ["curl", "har"])
    func tencentEnvelopes(_ envelope: String) throws {
        let body = Fixture.tcSecurityGroups(["sg-05bb4upy", "sg-ohqnuwv6"])
        let text = envelope == "curl" ? Fixture.curl(body)
            : Fixture.har([(url: "https://vpc.tencentcloudapi.com/", body: body)], headers: [("X-TC-Action", "DescribeSecurityGroups")])
        let state = try Fixture.state([("sg", text)])
        #expect(state.securityGroups.map(\.id) == ["sg-05bb4upy", "sg-ohqnuwv6"])
    }

    @Test("pages of one listing in a HAR merge, and the listing is complete once every page is read")
    func harPages() throws {
        let page1 = Fixture.aliENIsXML([(id: "eni-a", vsw: "vsw-1", type: "Secondary", ips: ["172.16.0.2"])], total: 2)
        let page2 = Fixture.aliENIsXML([(id: "eni-b", vsw: "vsw-1", type: "Secondary", ips: ["172.16.0.3", "172.16.0.4"])], total: 2)
        let onlyFirst = try Fixture.state([("p1.xml", page1)])
        #expect(!onlyFirst.isComplete(.networkInterfaces))
        let har = Fixture.har([(url: "https://ecs.aliyuncs.com/?Action=DescribeNetworkInterfaces&PageNumber=1", body: page1),
                               (url: "https://ecs.aliyuncs.com/?Action=DescribeNetworkInterfaces&PageNumber=2", body: page2)])
        let state = try Fixture.state([("enis.har", har)])
        #expect(state.networkInterfaces.map(\.id) == ["eni-a", "eni-b"])
        #expect(state.isComplete(.networkInterfaces))
        #expect(state.owner(ofAddress: 0xAC10_0004) == "eni-b")
    }

    @Test("pages in separate files merge; the same resource on two pages with the same facts is kept once")
    func filePages() throws {
        let subnet = Fixture.tcSubnet("subnet-1", cidr: "10.0.0.0/24")
        let state = try Fixture.state([("a.json", Fixture.tcSubnets([subnet], total: 2)),
                                       ("b.json", Fixture.tcSubnets([subnet, Fixture.tcSubnet("subnet-2", cidr: "10.0.1.0/24")], total: 2))])
        #expect(state.subnets.map(\.id) == ["subnet-1", "subnet-2"])
        #expect(state.isComplete(.subnets))
        #expect(state.evidence(for: .subnets) == ["a.json", "b.json"])
    }

    @Test("two available-IP counts of one subnet (saved at different times) are no conflict: the smaller is kept")
    func availableCounts() throws {
        let state = try Fixture.state([("monday.json", Fixture.tcSubnets([Fixture.tcSubnet("subnet-1", cidr: "10.0.0.0/24", available: 200)])),
                                       ("tuesday.json", Fixture.tcSubnets([Fixture.tcSubnet("subnet-1", cidr: "10.0.0.0/24", available: 180)])),
                                       ("wednesday.json", Fixture.tcSubnets([Fixture.tcSubnet("subnet-1", cidr: "10.0.0.0/24", available: 190)]))])
        #expect(state.subnet("subnet-1")?.availableIpAddressCount == 180)
    }

    @Test("two files that give the same subnet different CIDR blocks are a conflict naming both files")
    func conflict() {
        let error = Fixture.loadError([("old/subnets.json", Fixture.tcSubnets([Fixture.tcSubnet("subnet-1", cidr: "10.0.0.0/24")])),
                                       ("new/subnets.json", Fixture.tcSubnets([Fixture.tcSubnet("subnet-1", cidr: "10.0.8.0/24")]))])
        #expect(error?.code == .contextConflict)
        #expect(error?.reason.contains("old/subnets.json") == true)
        #expect(error?.reason.contains("new/subnets.json") == true)
        #expect(error?.reason.contains("10.0.0.0/24") == true && error?.reason.contains("10.0.8.0/24") == true)
        #expect(error?.source == "new/subnets.json")
    }

    @Test("the same private IP on two different ENIs is a conflict")
    func addressConflict() {
        let error = Fixture.loadError([("a.json", Fixture.tcENIs([Fixture.tcENI("eni-1", ips: ["10.0.0.5"])])),
                                       ("b.json", Fixture.tcENIs([Fixture.tcENI("eni-2", ips: ["10.0.0.5"])]))])
        #expect(error?.code == .contextConflict)
        #expect(error?.reason.contains("a.json") == true && error?.reason.contains("b.json") == true)
    }

    @Test("responses of both providers in one context are refused")
    func mixedProviders() {
        let error = Fixture.loadError([("t.json", Fixture.tcSubnets([])), ("a.xml", Fixture.aliVSwitchesXML(Self.vswitches))])
        #expect(error?.code == .contextConflict)
        #expect(error?.source == "a.xml")
    }

    @Test("a response of another action is refused, naming the file")
    func notDescribe() {
        let create = #"{"Response":{"NetworkInterface":{"NetworkInterfaceId":"eni-1"},"RequestId":"r"}}"#
        let error = Fixture.loadError([("create.json", create)])
        #expect(error?.code == .invalidContext)
        #expect(error?.source == "create.json")
        #expect(error?.reason.contains("CreateNetworkInterface") == true)
    }

    @Test("an API error response is refused, naming the file and the code")
    func errorResponse() {
        let error = Fixture.loadError([("denied.json", #"{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad"},"RequestId":"r"}}"#)])
        #expect(error?.code == .invalidContext)
        #expect(error?.source == "denied.json")
        #expect(error?.reason.contains("AuthFailure.SignatureFailure") == true)
    }

    @Test("truncated XML is an error with the file name and a line")
    func truncatedXML() {
        let xml = Fixture.aliVSwitchesXML(Self.vswitches)
        let error = Fixture.loadError([("cut.xml", String(xml.prefix(xml.count / 2)))])
        #expect(error?.code == .undecodable)
        #expect(error?.source == "cut.xml")
    }

    @Test("a HAR without a Describe* entry is refused")
    func harWithoutDescribe() {
        let har = Fixture.har([(url: "https://vpc.tencentcloudapi.com/", body: #"{"Response":{"NetworkInterface":{"NetworkInterfaceId":"eni-1"},"RequestId":"r"}}"#)],
                              headers: [("X-TC-Action", "CreateNetworkInterface")])
        let error = Fixture.loadError([("session.har", har)])
        #expect(error?.code == .invalidContext)
        #expect(error?.source == "session.har")
        #expect(error?.reason.contains("none is a saved response of a Describe*") == true)
    }

    @Test("an empty file is refused")
    func emptyFile() {
        #expect(Fixture.loadError([("empty.json", "  \n")])?.code == .invalidContext)
    }

    @Test("decode gives Describe* results typed: lists as plain arrays, integers and booleans as numbers and booleans from XML")
    func decodeTyped() throws {
        let decoded = try ResponseDecoder.decode(Array(Fixture.aliVSwitchesXML(Self.vswitches).utf8), provider: nil, action: nil, entry: nil)
        #expect(decoded.action == "DescribeVSwitches")
        guard case .describe(let result)? = decoded.result else {
            Issue.record("not a typed Describe result")
            return
        }
        let first = try #require(result.fields["VSwitches"]?.arrayValue?.first?.objectValue)
        #expect(first["AvailableIpAddressCount"] == .number("249"))
        #expect(first["IsDefault"] == .bool(false))
        #expect(result.fields["TotalCount"] == .number("2"))
        #expect(result.fields["RequestId"] == nil)
    }

    @Test("decode names a Tencent Describe* body's action from its members", arguments: [
        ("SubnetSet", "DescribeSubnets"), ("VpcSet", "DescribeVpcs"), ("SecurityGroupSet", "DescribeSecurityGroups"),
        ("NetworkInterfaceSet", "DescribeNetworkInterfaces"), ("VpcLimitSet", "DescribeVpcLimits"),
    ])
    func tencentActions(_ member: String, _ action: String) throws {
        let body = Fixture.tencent(#""\#(member)":[]"#)
        let decoded = try ResponseDecoder.decode(Array(body.utf8), provider: nil, action: nil, entry: nil)
        #expect(decoded.action == action)
        #expect(decoded.result?.isTyped == true)
    }

    @Test("quotas: Alibaba max-elastic-network-interfaces, Tencent VpcLimitSet and DescribeNetworkInterfaceLimit")
    func quotas() throws {
        let ali = try Fixture.state([("attrs.json", Fixture.aliAccountAttributesJSON(maxENIs: 100))])
        #expect(ali.quota("max-elastic-network-interfaces")?.value == 100)
        let tc = try Fixture.state([("limits.json", Fixture.tcVpcLimits([("vpc-max-enis", 50), ("eni-max-private-ips", 10)])),
                                    ("eni-limit.json", Fixture.tencent(#""EniQuantity":2,"EniPrivateIpAddressQuantity":10"#))])
        #expect(tc.quota("vpc-max-enis")?.value == 50)
        #expect(tc.quota("EniPrivateIpAddressQuantity")?.value == 10)
        #expect(tc.quota("EniPrivateIpAddressQuantity")?.evidence == "eni-limit.json")
    }

    @Test("an Alibaba security group with an empty VpcId is classic; Tencent's name no VPC")
    func securityGroupNetwork() throws {
        let ali = try Fixture.state([("sg.xml", Fixture.aliSecurityGroupsXML([(id: "sg-classic", vpc: ""), (id: "sg-vpc", vpc: "vpc-1")]))])
        #expect(ali.securityGroup("sg-classic")?.isClassic == true)
        #expect(ali.securityGroup("sg-vpc")?.vpcId == "vpc-1")
        let tc = try Fixture.state([("sg.json", Fixture.tcSecurityGroups(["sg-1"]))])
        #expect(tc.securityGroup("sg-1")?.vpcId == nil)
    }

    @Test("the state takes an added ENI and lists it; its addresses become used")
    func addENI() throws {
        var state = try Fixture.state([("subnets.json", Fixture.tcSubnets([Fixture.tcSubnet("subnet-76r802pg", cidr: "172.16.64.0/28")]))])
        try state.add(ContextState.NetworkInterface(id: "eni-new", subnetId: "subnet-76r802pg", privateIpAddresses: ["172.16.64.4"], evidence: "serve"))
        #expect(state.networkInterfaces.map(\.id) == ["eni-new"])
        #expect(state.owner(ofAddress: 0xAC10_4004) == "eni-new")
        #expect(throws: ContextConflict.self) {
            try state.add(ContextState.NetworkInterface(id: "eni-other", privateIpAddresses: ["172.16.64.4"], evidence: "serve"))
        }
    }
}
