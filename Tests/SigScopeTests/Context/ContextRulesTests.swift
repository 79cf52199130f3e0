import Testing
import SigScope

/// Every context rule of both providers: a state that triggers it and one that does not.
@Suite("Context rules")
struct ContextRulesTests {
    // MARK: Helpers

    static let tcSubnets = Fixture.tcSubnets([
        Fixture.tcSubnet("subnet-76r802pg", cidr: "172.16.64.0/28", available: 9),
        Fixture.tcSubnet("subnet-other", vpc: "vpc-2at5y1pn", cidr: "10.0.0.0/24", available: 200),
        Fixture.tcSubnet("subnet-bj", cidr: "172.16.80.0/24", zone: "ap-beijing-1", available: 200),
    ])
    static let tcENIs = Fixture.tcENIs([Fixture.tcENI("eni-ndaunxuo", ips: ["172.16.64.2", "172.16.64.3"]), Fixture.tcENI("eni-6h1wse2c", ips: ["172.16.64.13"])])

    static func tencent(_ extra: [(String, String)] = []) throws -> ContextState {
        try Fixture.state([("subnets.json", tcSubnets), ("enis.json", tcENIs), ("sgs.json", Fixture.tcSecurityGroups(["sg-05bb4upy"])),
                           ("vpcs.json", Fixture.tcVpcs(["vpc-0akbol5v", "vpc-2at5y1pn"]))] + extra)
    }

    static let aliVSwitches = Fixture.aliVSwitchesXML([
        (id: "vsw-bp1s5fnvk4gn2tws03xx", vpc: "vpc-bp1opxu1zkhn00gzv2xx", cidr: "172.16.0.0/24", zone: "cn-hangzhou-i", available: 250),
        (id: "vsw-tiny", vpc: "vpc-bp1opxu1zkhn00gzv2xx", cidr: "172.16.9.0/29", zone: "cn-hangzhou-i", available: 4),
        (id: "vsw-beijing", vpc: "vpc-bp1opxu1zkhn00gzv2xx", cidr: "172.16.5.0/24", zone: "cn-beijing-a", available: 250),
    ])
    static let aliGroups = Fixture.aliSecurityGroupsJSON([(id: "sg-bp1fg655nh68xyz9ixx", vpc: "vpc-bp1opxu1zkhn00gzv2xx"),
                                                          (id: "sg-elsewhere", vpc: "vpc-bp18sth14qii3pnvc0xx"), (id: "sg-classic", vpc: "")])
    static let aliENIs = Fixture.aliENIsXML([(id: "eni-primary", vsw: "vsw-bp1s5fnvk4gn2tws03xx", type: "Primary", ips: ["172.16.0.1"]),
                                             (id: "eni-second", vsw: "vsw-bp1s5fnvk4gn2tws03xx", type: "Secondary", ips: ["172.16.0.2", "172.16.0.3"])])

    static func aliyun(_ extra: [(String, String)] = []) throws -> ContextState {
        try Fixture.state([("vsw.xml", aliVSwitches), ("sg.json", aliGroups), ("eni.xml", aliENIs)] + extra)
    }

    static func codes(_ request: APIRequest, _ state: ContextState) -> [String] {
        ContextRules.check(request, context: state).violations.map(\.code)
    }

    static func warnings(_ request: APIRequest, _ state: ContextState) -> [String] {
        ContextRules.check(request, context: state).warnings.map(\.code)
    }

    // MARK: Tencent

    @Test("Tencent: a request that fits the state has no context findings")
    func tencentClean() throws {
        let request = Fixture.tencentRequest(["SecurityGroupIds": .array([.string("sg-05bb4upy")]),
                                              "PrivateIpAddresses": .array([.object(["PrivateIpAddress": .string("172.16.64.10"), "Primary": .bool(true)])]),
                                              "SecondaryPrivateIpAddressCount": .number("2")])
        let found = ContextRules.check(request, context: try Self.tencent())
        #expect(found.violations.isEmpty)
        #expect(found.warnings.isEmpty)
    }

    @Test("Tencent: an unknown subnet is ResourceNotFound with the listing file as evidence; a listed one is not")
    func tencentSubnetNotFound() throws {
        let state = try Self.tencent()
        let missing = ContextRules.check(Fixture.tencentRequest(["SubnetId": .string("subnet-nothere")]), context: state).violations
        #expect(missing.map(\.code) == ["ResourceNotFound"])
        #expect(missing.first?.path == "SubnetId")
        #expect(missing.first?.source == "context")
        #expect(missing.first?.evidence == "subnets.json")
        #expect(Self.codes(Fixture.tencentRequest([:]), state).isEmpty)
    }

    @Test("Tencent: a subnet of another VPC than VpcId is ResourceNotFound")
    func tencentSubnetOtherVpc() throws {
        let state = try Self.tencent()
        #expect(Self.codes(Fixture.tencentRequest(["SubnetId": .string("subnet-other")]), state) == ["ResourceNotFound"])
        #expect(Self.codes(Fixture.tencentRequest(["SubnetId": .string("subnet-other"), "VpcId": .string("vpc-2at5y1pn")]), state).isEmpty)
    }

    @Test("Tencent: a subnet whose zone is in another region is ResourceNotFound")
    func tencentSubnetRegion() throws {
        let state = try Self.tencent()
        #expect(Self.codes(Fixture.tencentRequest(["SubnetId": .string("subnet-bj")]), state) == ["ResourceNotFound"])
        #expect(Self.codes(Fixture.tencentRequest(["SubnetId": .string("subnet-bj")], region: "ap-beijing"), state).isEmpty)
    }

    @Test("Tencent: an unknown VPC is ResourceNotFound when VPCs are listed")
    func tencentVpcNotFound() throws {
        let state = try Fixture.state([("vpcs.json", Fixture.tcVpcs(["vpc-0akbol5v"]))])
        #expect(Self.codes(Fixture.tencentRequest(["VpcId": .string("vpc-gone0000")]), state) == ["ResourceNotFound"])
        #expect(Self.codes(Fixture.tencentRequest([:]), state).isEmpty)
    }

    @Test("Tencent: an unknown security group is ResourceNotFound")
    func tencentSecurityGroupNotFound() throws {
        let state = try Self.tencent()
        let found = ContextRules.check(Fixture.tencentRequest(["SecurityGroupIds": .array([.string("sg-05bb4upy"), .string("sg-1dd51d00")])]), context: state).violations
        #expect(found.map(\.code) == ["ResourceNotFound"])
        #expect(found.first?.path == "SecurityGroupIds[1]")
        #expect(found.first?.evidence == "sgs.json")
    }

    static func tcAddress(_ address: String, primary: Bool = true) -> APIRequest {
        Fixture.tencentRequest(["PrivateIpAddresses": .array([.object(["PrivateIpAddress": .string(address), "Primary": .bool(primary)])])])
    }

    @Test("Tencent: a private IP outside the subnet's CIDR is InvalidParameterValue.Range", arguments: ["172.16.65.4", "172.16.64.16", "10.0.0.5"])
    func tencentOutside(_ address: String) throws {
        let found = ContextRules.check(Self.tcAddress(address), context: try Self.tencent()).violations
        #expect(found.map(\.code) == ["InvalidParameterValue.Range"])
        #expect(found.first?.path == "PrivateIpAddresses[0].PrivateIpAddress")
        #expect(found.first?.evidence == "subnets.json")
    }

    @Test("Tencent: the network and broadcast addresses are InvalidParameterValue.Reserved", arguments: ["172.16.64.0", "172.16.64.15"])
    func tencentReserved(_ address: String) throws {
        #expect(Self.codes(Self.tcAddress(address), try Self.tencent()) == ["InvalidParameterValue.Reserved"])
    }

    @Test("Tencent: the gateway address (first host) is a Reserved warning, not a violation")
    func tencentGateway() throws {
        let state = try Self.tencent()
        #expect(Self.codes(Self.tcAddress("172.16.64.1"), state).isEmpty)
        #expect(Self.warnings(Self.tcAddress("172.16.64.1"), state) == ["InvalidParameterValue.Reserved"])
        #expect(Self.warnings(Self.tcAddress("172.16.64.14"), state).isEmpty)
    }

    @Test("Tencent: an address another ENI uses is ResourceInUse, with that ENI's file; a free one is not")
    func tencentInUse() throws {
        let state = try Self.tencent()
        let found = ContextRules.check(Self.tcAddress("172.16.64.13"), context: state).violations
        #expect(found.map(\.code) == ["ResourceInUse"])
        #expect(found.first?.message.contains("eni-6h1wse2c") == true)
        #expect(found.first?.evidence == "enis.json")
        #expect(Self.codes(Self.tcAddress("172.16.64.12"), state).isEmpty)
    }

    @Test("Tencent: more addresses than the subnet has free is ResourceInsufficient.Subnet")
    func tencentInsufficient() throws {
        let state = try Self.tencent()
        // 9 free: a primary and 8 secondaries fit, 9 secondaries do not.
        #expect(Self.codes(Fixture.tencentRequest(["SecondaryPrivateIpAddressCount": .number("8")]), state).isEmpty)
        let found = ContextRules.check(Fixture.tencentRequest(["SecondaryPrivateIpAddressCount": .number("9")]), context: state).violations
        #expect(found.map(\.code) == ["ResourceInsufficient.Subnet"])
        #expect(found.first?.path == "SecondaryPrivateIpAddressCount")
    }

    @Test("Tencent: without an available count, the addresses left by the ENIs in the CIDR decide")
    func tencentInsufficientByCidr() throws {
        let state = try Fixture.state([("s.json", Fixture.tcSubnets([Fixture.tcSubnet("subnet-76r802pg", cidr: "172.16.64.0/29")])),
                                       ("e.json", Fixture.tcENIs([Fixture.tcENI("eni-1", ips: ["172.16.64.2", "172.16.64.3"])]))])
        // /29: .0 network, .1 gateway, .7 broadcast reserved; .2 .3 used; .4 .5 .6 free.
        #expect(Self.codes(Fixture.tencentRequest(["SecondaryPrivateIpAddressCount": .number("2")]), state).isEmpty)
        #expect(Self.codes(Fixture.tencentRequest(["SecondaryPrivateIpAddressCount": .number("3")]), state) == ["ResourceInsufficient.Subnet"])
    }

    @Test("Tencent: an ENI over the VPC's vpc-max-enis is LimitExceeded.NetworkInterfaceLimitExceeded")
    func tencentQuota() throws {
        let full = try Self.tencent([("limits.json", Fixture.tcVpcLimits([("vpc-max-enis", 2)]))])
        let found = ContextRules.check(Fixture.tencentRequest([:]), context: full).violations
        #expect(found.map(\.code) == ["LimitExceeded.NetworkInterfaceLimitExceeded"])
        #expect(found.first?.evidence?.hasPrefix("limits.json") == true)
        let room = try Self.tencent([("limits.json", Fixture.tcVpcLimits([("vpc-max-enis", 3)]))])
        #expect(Self.codes(Fixture.tencentRequest([:]), room).isEmpty)
    }

    @Test("Tencent: more private IPs than one ENI may have is InvalidParameterValue.LimitExceeded")
    func tencentAddressQuota() throws {
        let state = try Self.tencent([("limits.json", Fixture.tcVpcLimits([("eni-max-private-ips", 3)]))])
        #expect(Self.codes(Fixture.tencentRequest(["SecondaryPrivateIpAddressCount": .number("2")]), state).isEmpty)
        #expect(Self.codes(Fixture.tencentRequest(["SecondaryPrivateIpAddressCount": .number("3")]), state) == ["InvalidParameterValue.LimitExceeded"])
    }

    @Test("Tencent: what the context does not cover is a ContextIncomplete warning, never NotFound")
    func tencentIncomplete() throws {
        let state = try Fixture.state([("subnets.json", Self.tcSubnets)])
        let request = Fixture.tencentRequest(["SecurityGroupIds": .array([.string("sg-anything")]), "VpcId": .string("vpc-unlisted")])
        let found = ContextRules.check(request, context: state)
        #expect(found.violations.map(\.code) == ["ResourceNotFound"])  // subnet-76r802pg is in vpc-0akbol5v, not the VpcId given
        #expect(found.warnings.map(\.code).allSatisfy { $0 == "ContextIncomplete" })
        #expect(found.warnings.contains { $0.path == "SecurityGroupIds[0]" })
    }

    @Test("Tencent: a listing with pages missing calls nothing missing")
    func tencentPagesMissing() throws {
        let state = try Fixture.state([("subnets-page1.json", Fixture.tcSubnets([Fixture.tcSubnet("subnet-1", cidr: "10.0.0.0/24")], total: 120))])
        let found = ContextRules.check(Fixture.tencentRequest([:]), context: state)
        #expect(found.violations.isEmpty)
        #expect(found.warnings.map(\.code) == ["ContextIncomplete"])
        #expect(found.warnings.first?.evidence == "subnets-page1.json")
    }

    @Test("Tencent: an IPv6 address outside the subnet's IPv6 block is InvalidParameterValue.Range; one another ENI has is ResourceInUse")
    func tencentIPv6() throws {
        let subnets = Fixture.tencent(#""TotalCount":1,"SubnetSet":[{"VpcId":"vpc-0akbol5v","SubnetId":"subnet-76r802pg","CidrBlock":"172.16.64.0/24","Ipv6CidrBlock":"2402:4e00:1013:e500::/64","Zone":"ap-guangzhou-3"}]"#)
        let enis = Fixture.tencent(#""TotalCount":1,"NetworkInterfaceSet":[{"NetworkInterfaceId":"eni-v6","SubnetId":"subnet-76r802pg","VpcId":"vpc-0akbol5v","PrivateIpAddressSet":[{"PrivateIpAddress":"172.16.64.2","Primary":true}],"Ipv6AddressSet":[{"Address":"2402:4e00:1013:e500::5"}]}]"#)
        let state = try Fixture.state([("s.json", subnets), ("e.json", enis)])
        func request(_ address: String) -> APIRequest { Fixture.tencentRequest(["Ipv6Addresses": .array([.object(["Address": .string(address)])])]) }
        #expect(Self.codes(request("2402:4e00:1013:e500::10"), state).isEmpty)
        #expect(Self.codes(request("2402:4e00:1013:e501::10"), state) == ["InvalidParameterValue.Range"])
        let inUse = ContextRules.check(request("2402:4e00:1013:e500:0::5"), context: state).violations
        #expect(inUse.map(\.code) == ["ResourceInUse"])
        #expect(inUse.first?.path == "Ipv6Addresses[0].Address")
    }

    // MARK: Alibaba

    @Test("Alibaba: a request that fits the state has no context findings")
    func aliyunClean() throws {
        let found = ContextRules.check(Fixture.aliyunRequest(["SecondaryPrivateIpAddressCount": .number("2"), "PrimaryIpAddress": .string("172.16.0.10")]), context: try Self.aliyun())
        #expect(found.violations.isEmpty)
        #expect(found.warnings.isEmpty)
    }

    @Test("Alibaba: an unknown vSwitch is InvalidVSwitchId.NotFound")
    func aliyunVSwitchNotFound() throws {
        let state = try Self.aliyun()
        let found = ContextRules.check(Fixture.aliyunRequest(["VSwitchId": .string("vsw-gone")]), context: state).violations
        #expect(found.map(\.code) == ["InvalidVSwitchId.NotFound"])
        #expect(found.first?.evidence == "vsw.xml")
    }

    @Test("Alibaba: a vSwitch in another region's zone is InvalidVSwitchId.NotFound")
    func aliyunVSwitchRegion() throws {
        let state = try Self.aliyun()
        #expect(Self.codes(Fixture.aliyunRequest(["VSwitchId": .string("vsw-beijing")]), state) == ["InvalidVSwitchId.NotFound"])
        #expect(Self.codes(Fixture.aliyunRequest(["VSwitchId": .string("vsw-beijing"), "RegionId": .string("cn-beijing")]), state).isEmpty)
    }

    @Test("Alibaba: an unknown security group is InvalidSecurityGroupId.NotFound")
    func aliyunSecurityGroupNotFound() throws {
        let state = try Self.aliyun()
        #expect(Self.codes(Fixture.aliyunRequest(["SecurityGroupId": .string("sg-gone")]), state) == ["InvalidSecurityGroupId.NotFound"])
    }

    @Test("Alibaba: a security group in another VPC than the vSwitch is InvalidOperation.VpcMismatch, with both files")
    func aliyunVpcMismatch() throws {
        let state = try Self.aliyun()
        let found = ContextRules.check(Fixture.aliyunRequest(["SecurityGroupId": .string("sg-elsewhere")]), context: state).violations
        #expect(found.map(\.code) == ["InvalidOperation.VpcMismatch"])
        #expect(found.first?.evidence == "sg.json, vsw.xml")
    }

    @Test("Alibaba: a classic-network security group is InvalidSecurityGroupId.NotVpc")
    func aliyunNotVpc() throws {
        let state = try Self.aliyun()
        let request = Fixture.aliyunRequest(["SecurityGroupId": .null, "SecurityGroupIds": .array([.string("sg-bp1fg655nh68xyz9ixx"), .string("sg-classic")])])
        let found = ContextRules.check(request, context: state).violations
        #expect(found.map(\.code) == ["InvalidSecurityGroupId.NotVpc"])
        #expect(found.first?.path == "SecurityGroupIds.2")
    }

    @Test("Alibaba: an IP outside the vSwitch, or its first or last three addresses, is InvalidVSwitchId.IpInvalid",
          arguments: ["172.16.1.5", "172.16.0.0", "172.16.0.253", "172.16.0.254", "172.16.0.255"])
    func aliyunIpInvalid(_ address: String) throws {
        let found = ContextRules.check(Fixture.aliyunRequest(["PrimaryIpAddress": .string(address)]), context: try Self.aliyun()).violations
        #expect(found.map(\.code) == ["InvalidVSwitchId.IpInvalid"])
        #expect(found.first?.path == "PrimaryIpAddress")
    }

    @Test("Alibaba: the addresses next to the reserved ones are allowed", arguments: ["172.16.0.4", "172.16.0.252"])
    func aliyunIpValid(_ address: String) throws {
        #expect(Self.codes(Fixture.aliyunRequest(["PrimaryIpAddress": .string(address)]), try Self.aliyun()).isEmpty)
    }

    @Test("Alibaba: an IPv6 address outside the vSwitch's IPv6 block is InvalidVSwitchId.IpInvalid")
    func aliyunIPv6() throws {
        let vsw = #"{"RequestId":"R","TotalCount":1,"VSwitches":{"VSwitch":[{"VSwitchId":"vsw-bp1s5fnvk4gn2tws03xx","VpcId":"vpc-bp1opxu1zkhn00gzv2xx","CidrBlock":"172.16.0.0/24","Ipv6CidrBlock":"2408:4005:3a2:6300::/64","ZoneId":"cn-hangzhou-i","AvailableIpAddressCount":250}]}}"#
        let state = try Fixture.state([("v.json", vsw)])
        func request(_ address: String) -> APIRequest { Fixture.aliyunRequest(["Ipv6Address": .array([.string(address)])]) }
        #expect(Self.codes(request("2408:4005:3a2:6300::1a"), state).isEmpty)
        let found = ContextRules.check(request("2408:4005:3a2:6301::1a"), context: state).violations
        #expect(found.map(\.code) == ["InvalidVSwitchId.IpInvalid"])
        #expect(found.first?.path == "Ipv6Address.1")
    }

    @Test("Alibaba: an address another ENI uses is InvalidIp.IpAssigned")
    func aliyunIpAssigned() throws {
        let state = try Self.aliyun()
        let found = ContextRules.check(Fixture.aliyunRequest(["PrivateIpAddress": .array([.string("172.16.0.3")])]), context: state).violations
        #expect(found.map(\.code) == ["InvalidIp.IpAssigned"])
        #expect(found.first?.path == "PrivateIpAddress.1")
        #expect(found.first?.evidence == "eni.xml")
    }

    @Test("Alibaba: more addresses than the vSwitch has free is InvalidVSwitchId.IpNotEnough")
    func aliyunIpNotEnough() throws {
        let state = try Self.aliyun()
        // vsw-tiny: 4 available; a primary and 3 secondaries fit, 4 do not.
        #expect(Self.codes(Fixture.aliyunRequest(["VSwitchId": .string("vsw-tiny"), "SecondaryPrivateIpAddressCount": .number("3")]), state).isEmpty)
        #expect(Self.codes(Fixture.aliyunRequest(["VSwitchId": .string("vsw-tiny"), "SecondaryPrivateIpAddressCount": .number("4")]), state) == ["InvalidVSwitchId.IpNotEnough"])
    }

    @Test("Alibaba: one ENI over max-elastic-network-interfaces is MaxEniCountExceeded; instances' primary ENIs do not count")
    func aliyunQuota() throws {
        let full = try Self.aliyun([("attrs.json", Fixture.aliAccountAttributesJSON(maxENIs: 1))])
        let found = ContextRules.check(Fixture.aliyunRequest([:]), context: full).violations
        #expect(found.map(\.code) == ["MaxEniCountExceeded"])
        #expect(found.first?.path == "RegionId")
        let room = try Self.aliyun([("attrs.json", Fixture.aliAccountAttributesJSON(maxENIs: 2))])
        #expect(Self.codes(Fixture.aliyunRequest([:]), room).isEmpty)
    }

    @Test("Alibaba: no DescribeSecurityGroups at all means no NotFound for security groups")
    func aliyunIncomplete() throws {
        let state = try Fixture.state([("vsw.xml", Self.aliVSwitches)])
        let found = ContextRules.check(Fixture.aliyunRequest(["SecurityGroupId": .string("sg-anything"), "PrimaryIpAddress": .string("172.16.0.9")]), context: state)
        #expect(found.violations.isEmpty)
        #expect(Set(found.warnings.map(\.code)) == ["ContextIncomplete"])
        #expect(found.warnings.contains { $0.path == "SecurityGroupId" })
        #expect(found.warnings.contains { $0.path == "PrimaryIpAddress" })
    }

    @Test("context findings join the parameter rules' report")
    func validateMerges() throws {
        let request = Fixture.aliyunRequest(["SecurityGroupId": .string("sg-elsewhere"), "NetworkInterfaceName": .string("1bad")])
        let report = ContextRules.validate(request, context: try Self.aliyun())
        #expect(report.violations.contains { $0.source == nil })
        #expect(report.violations.contains { $0.code == "InvalidOperation.VpcMismatch" && $0.source == "context" })
        let json = JSONWriter.compact.string(report.json)
        #expect(json.contains(#""source":"context","evidence":"sg.json, vsw.xml""#))
    }
}
