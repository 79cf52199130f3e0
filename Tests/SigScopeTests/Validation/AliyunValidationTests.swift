import Testing
import SigScope

/// Alibaba ECS CreateNetworkInterface: every rule at its documented edge and one past it.
/// Expected codes and paths come from seeds/001 (parameters, error table), signing.md §5.2
/// (current parameters) and the ECS error codes for the same checks on other ECS API pages
/// (the `ecs-error-catalog` source), never from sigscope's output. Paths are 1-based flat names.
@Suite("Validation: Alibaba CreateNetworkInterface")
struct AliyunValidationTests {
    typealias F = Fixtures
    static let ali = Provider.aliyun

    static let required: [RuleCase] = [
        .accepts("the interface.md example is valid with no findings", ali),
        .rejects("RegionId missing", ali, remove: ["RegionId"], Expect("MissingParameter", "RegionId")),
        .rejects("VSwitchId missing", ali, remove: ["VSwitchId"], Expect("MissingParameter", "VSwitchId")),
        .rejects("neither SecurityGroupId nor SecurityGroupIds.N", ali, remove: ["SecurityGroupId"], Expect("MissingParameter", "SecurityGroupId")),
        .accepts("SecurityGroupIds.N instead of SecurityGroupId", ali, set: [("SecurityGroupIds.1", .string("sg-bp1fg655nh68xyz9ixx"))], remove: ["SecurityGroupId"]),
        .rejects("both SecurityGroupId and SecurityGroupIds.N", ali, set: [("SecurityGroupIds.1", .string("sg-bp1fg655nh68xyz9iyy"))], Expect("InvalidParameter.Conflict", "SecurityGroupIds")),
        .rejects("a Tag without Key", ali, set: [("Tag.2.Value", .string("x"))], Expect("MissingParameter", "Tag.2.Key")),
    ]

    static let unknown: [RuleCase] = [
        .rejects("SecurityGroupID is unsupported", ali, set: [("SecurityGroupID", .string("sg-bp1"))], Expect("UnsupportedParameter", "SecurityGroupID")),
        .rejects("the Tencent spelling Tags is unsupported", ali, set: [("Tags.1.Key", .string("a"))], Expect("UnsupportedParameter", "Tags")),
        .rejects("an unknown field of a structure", ali, set: [("ConnectionTrackingConfiguration.UdpTimeOut", F.number(30))], Expect("UnsupportedParameter", "ConnectionTrackingConfiguration.UdpTimeOut")),
        .warns("a common parameter the signer sets (AccessKeyId) is a warning", ali, set: [("AccessKeyId", .string("LTAI"))], Expect("UnsupportedParameter", "AccessKeyId")),
        .accepts("the common parameter Format (JSON or XML, any case)", ali, set: [("Format", .string("json"))]),
        .rejects("Format YAML", ali, set: [("Format", .string("YAML"))], Expect("InvalidParameter", "Format")),
    ]

    static let types: [RuleCase] = [
        .accepts("an Integer as digits in a string (every wire value is text)", ali, set: [("QueueNumber", .string("8"))]),
        .accepts("an Integer as a JSON number", ali, set: [("QueueNumber", F.number(8))]),
        .rejects("an Integer with a fraction", ali, set: [("QueueNumber", .number("8.0"))], Expect("InvalidParameter", "QueueNumber")),
        .rejects("an Integer as words", ali, set: [("QueueNumber", .string("eight"))], Expect("InvalidParameter", "QueueNumber")),
        .rejects("an Integer beyond 64 bits (QueuePairNumber has no range of its own)", ali,
                 set: [("QueuePairNumber", .number("123456789012345678901234567890"))], Expect("InvalidParameter", "QueuePairNumber")),
        .accepts("a JSON number for a String parameter is just its text", ali, set: [("ResourceGroupId", F.number(12345))]),
        .rejects("a String given as a list (sent as SecurityGroupId.1)", ali, set: [("SecurityGroupId", F.json(#"["sg-bp1fg655nh68xyz9ixx"]"#))], Expect("InvalidParameter", "SecurityGroupId")),
        .rejects("a list given as a single value", ali, set: [("PrivateIpAddress", .string("10.0.0.1"))], Expect("InvalidParameter", "PrivateIpAddress")),
        .accepts("a Boolean as true / false", ali, set: [("DeleteOnRelease", .bool(true)), ("SourceDestCheck", .string("false"))]),
        .warns("a Boolean as True (the Python SDK's spelling) is a warning", ali, set: [("DeleteOnRelease", .string("True"))], Expect("InvalidParameter", "DeleteOnRelease")),
        .rejects("a Boolean as yes", ali, set: [("DeleteOnRelease", .string("yes"))], Expect("InvalidParameter", "DeleteOnRelease")),
    ]

    static let names: [RuleCase] = [
        .accepts("NetworkInterfaceName of 2 characters", ali, set: [("NetworkInterfaceName", .string("ab"))]),
        .rejects("NetworkInterfaceName of 1 character", ali, set: [("NetworkInterfaceName", .string("a"))], Expect("InvalidParameter", "NetworkInterfaceName")),
        .accepts("NetworkInterfaceName of 128 characters", ali, set: [("NetworkInterfaceName", F.text(128))]),
        .rejects("NetworkInterfaceName of 129 characters", ali, set: [("NetworkInterfaceName", F.text(129))], Expect("InvalidParameter", "NetworkInterfaceName")),
        .accepts("NetworkInterfaceName starting with a Chinese character, with : _ - .", ali, set: [("NetworkInterfaceName", .string("网卡:eni_1-a.b"))]),
        .rejects("NetworkInterfaceName starting with a digit", ali, set: [("NetworkInterfaceName", .string("1eni"))], Expect("InvalidParameter", "NetworkInterfaceName")),
        .rejects("NetworkInterfaceName with a space", ali, set: [("NetworkInterfaceName", .string("my eni"))], Expect("InvalidParameter", "NetworkInterfaceName")),
        .rejects("NetworkInterfaceName starting with http:// (one finding)", ali, set: [("NetworkInterfaceName", .string("http://eni"))], Expect("InvalidParameter", "NetworkInterfaceName")),
        .accepts("Description of 2 characters", ali, set: [("Description", .string("ok"))]),
        .accepts("Description of 256 characters", ali, set: [("Description", F.text(256, "描"))]),
        .rejects("Description of 1 character", ali, set: [("Description", .string("x"))], Expect("InvalidDescription.Malformed", "Description")),
        .rejects("Description of 257 characters", ali, set: [("Description", F.text(257))], Expect("InvalidDescription.Malformed", "Description")),
        .accepts("Description mentioning a URL later", ali, set: [("Description", .string("see https://example.com"))]),
        .rejects("Description starting with https://", ali, set: [("Description", .string("https://example.com"))], Expect("InvalidDescription.Malformed", "Description")),
        .accepts("ClientToken of 64 ASCII characters", ali, set: [("ClientToken", F.text(64, "t"))]),
        .rejects("ClientToken of 65 characters", ali, set: [("ClientToken", F.text(65, "t"))], Expect("InvalidParameter", "ClientToken")),
        .rejects("ClientToken with a non-ASCII character", ali, set: [("ClientToken", .string("令牌"))], Expect("InvalidParameter", "ClientToken")),
    ]

    static let addresses: [RuleCase] = [
        .accepts("SecondaryPrivateIpAddressCount 1", ali, set: [("SecondaryPrivateIpAddressCount", F.number(1))]),
        .accepts("SecondaryPrivateIpAddressCount 49", ali, set: [("SecondaryPrivateIpAddressCount", .string("49"))]),
        .rejects("SecondaryPrivateIpAddressCount 0", ali, set: [("SecondaryPrivateIpAddressCount", F.number(0))], Expect("InvalidParameter", "SecondaryPrivateIpAddressCount")),
        .rejects("SecondaryPrivateIpAddressCount 50", ali, set: [("SecondaryPrivateIpAddressCount", F.number(50))], Expect("InvalidParameter", "SecondaryPrivateIpAddressCount")),
        .accepts("10 PrivateIpAddress.N", ali, set: [("PrivateIpAddress", F.ipv4List(10))]),
        .rejects("11 PrivateIpAddress.N", ali, set: [("PrivateIpAddress", F.ipv4List(11))], Expect("InvalidParameter", "PrivateIpAddress")),
        .rejects("PrivateIpAddress.N with SecondaryPrivateIpAddressCount", ali, set: [("PrivateIpAddress.1", .string("10.0.0.5")), ("SecondaryPrivateIpAddressCount", F.number(2))],
                 Expect("InvalidParameter.Conflict", "SecondaryPrivateIpAddressCount")),
        .rejects("a malformed PrivateIpAddress.2", ali, set: [("PrivateIpAddress.1", .string("10.0.0.5")), ("PrivateIpAddress.2", .string("10.0.0.x"))], Expect("InvalidParameter", "PrivateIpAddress.2")),
        .rejects("the same PrivateIpAddress twice", ali, set: [("PrivateIpAddress.1", .string("10.0.0.5")), ("PrivateIpAddress.2", .string("10.0.0.5"))], Expect("InvalidParameter", "PrivateIpAddress.2")),
        .accepts("PrimaryIpAddress IPv4", ali, set: [("PrimaryIpAddress", .string("192.168.0.10"))]),
        .rejects("PrimaryIpAddress not IPv4", ali, set: [("PrimaryIpAddress", .string("192.168.0"))], Expect("InvalidParameter", "PrimaryIpAddress")),
        .accepts("10 Ipv6Address.N", ali, set: [("Ipv6Address", F.ipv6List(10))]),
        .rejects("11 Ipv6Address.N", ali, set: [("Ipv6Address", F.ipv6List(11))], Expect("InvalidParameter", "Ipv6Address")),
        .rejects("a malformed Ipv6Address.1", ali, set: [("Ipv6Address.1", .string("2001:db8:1234:1a00::****"))], Expect("InvalidParameter", "Ipv6Address.1")),
        .rejects("Ipv6Address.N with Ipv6AddressCount", ali, set: [("Ipv6Address.1", .string("2001:db8::1")), ("Ipv6AddressCount", F.number(1))], Expect("InvalidParameter.Conflict", "Ipv6AddressCount")),
        .accepts("Ipv6AddressCount 10", ali, set: [("Ipv6AddressCount", F.number(10))]),
        .rejects("Ipv6AddressCount 11", ali, set: [("Ipv6AddressCount", F.number(11))], Expect("InvalidParameter", "Ipv6AddressCount")),
        .accepts("10 Ipv4Prefix.N in CIDR notation", ali, set: [("Ipv4Prefix", .array((0..<10).map { .string("10.0.\($0).0/28") }))]),
        .rejects("11 Ipv4Prefix.N", ali, set: [("Ipv4Prefix", .array((0..<11).map { .string("10.0.\($0).0/28") }))], Expect("InvalidParameter", "Ipv4Prefix")),
        .warns("an Ipv4Prefix.1 that is not CIDR notation", ali, set: [("Ipv4Prefix.1", .string("10.0.0.0"))], Expect("InvalidParameter", "Ipv4Prefix.1")),
        .rejects("Ipv4Prefix.N with Ipv4PrefixCount", ali, set: [("Ipv4Prefix.1", .string("10.0.0.0/28")), ("Ipv4PrefixCount", F.number(1))], Expect("InvalidParameter.Conflict", "Ipv4PrefixCount")),
        .accepts("Ipv4PrefixCount 1", ali, set: [("Ipv4PrefixCount", F.number(1))]),
        .rejects("Ipv4PrefixCount 0", ali, set: [("Ipv4PrefixCount", F.number(0))], Expect("InvalidParameter", "Ipv4PrefixCount")),
        .accepts("Ipv6PrefixCount 10", ali, set: [("Ipv6PrefixCount", F.number(10))]),
        .rejects("Ipv6PrefixCount 11", ali, set: [("Ipv6PrefixCount", F.number(11))], Expect("InvalidParameter", "Ipv6PrefixCount")),
        .rejects("Ipv6Prefix.N with Ipv6PrefixCount", ali, set: [("Ipv6Prefix.1", .string("2001:db8::/80")), ("Ipv6PrefixCount", F.number(1))], Expect("InvalidParameter.Conflict", "Ipv6PrefixCount")),
        .warns("a VSwitchId that is not vsw- plus lowercase letters and digits (the seed's own placeholder)", ali, set: [("VSwitchId", .string("[vswitchid]"))], Expect("InvalidVSwitchId.NotFound", "VSwitchId")),
        .warns("a SecurityGroupIds.2 that is not sg-…", ali, set: [("SecurityGroupIds.1", .string("sg-a1")), ("SecurityGroupIds.2", .string("SG_A2"))], remove: ["SecurityGroupId"],
               Expect("InvalidSecurityGroupId.NotFound", "SecurityGroupIds.2")),
    ]

    static func tags(_ count: Int) -> JSONValue {
        .array((0..<count).map { .object(["Key": .string("k\($0)"), "Value": .string("v")]) })
    }

    static let tagRules: [RuleCase] = [
        .accepts("20 tags", ali, set: [("Tag", tags(20))]),
        .rejects("21 tags give InvalidTagCount", ali, set: [("Tag", tags(21))], Expect("InvalidTagCount", "Tag")),
        .rejects("a repeated tag key gives Duplicate.TagKey", ali, set: [("Tag.2.Key", .string("env"))], Expect("Duplicate.TagKey", "Tag.2.Key")),
        .accepts("a tag key of 128 characters and a value of 128", ali, set: [("Tag.1.Key", F.text(128, "k")), ("Tag.1.Value", F.text(128, "v"))]),
        .rejects("a tag key of 129 characters", ali, set: [("Tag.1.Key", F.text(129, "k"))], Expect("InvalidTagKey.Malformed", "Tag.1.Key")),
        .rejects("an empty tag key", ali, set: [("Tag.1.Key", .string(""))], Expect("InvalidTagKey.Malformed", "Tag.1.Key")),
        .rejects("a tag value of 129 characters", ali, set: [("Tag.1.Value", F.text(129, "v"))], Expect("InvalidTagValue.Malformed", "Tag.1.Value")),
        .accepts("an empty tag value", ali, set: [("Tag.1.Value", .string(""))]),
        .accepts("a tag key containing aliyun later", ali, set: [("Tag.1.Key", .string("my-aliyun"))]),
        .rejects("a tag key starting with aliyun", ali, set: [("Tag.1.Key", .string("aliyun-env"))], Expect("InvalidTagKey.Malformed", "Tag.1.Key"), warnings: []),
        .rejects("a tag key starting with acs:", ali, set: [("Tag.2.Key", .string("acs:env"))], Expect("InvalidTagKey.Malformed", "Tag.2.Key")),
        .warns("a tag key starting with Aliyun (other case)", ali, set: [("Tag.1.Key", .string("Aliyun-env"))], Expect("InvalidTagKey.Malformed", "Tag.1.Key")),
        .rejects("a tag key starting with https://", ali, set: [("Tag.1.Key", .string("https://env"))], Expect("InvalidTagKey.Malformed", "Tag.1.Key")),
        .rejects("a tag value starting with http://", ali, set: [("Tag.1.Value", .string("http://prod"))], Expect("InvalidTagValue.Malformed", "Tag.1.Value")),
    ]

    static let traffic: [RuleCase] = [
        .accepts("QueueNumber 1", ali, set: [("QueueNumber", F.number(1))]),
        .accepts("QueueNumber 2048", ali, set: [("QueueNumber", F.number(2048))]),
        .rejects("QueueNumber 0", ali, set: [("QueueNumber", F.number(0))], Expect("InvalidParameter", "QueueNumber")),
        .rejects("QueueNumber 2049", ali, set: [("QueueNumber", F.number(2049))], Expect("InvalidParameter", "QueueNumber")),
        .rejects("NetworkInterfaceTrafficConfig.QueueNumber 2049", ali, set: [("NetworkInterfaceTrafficConfig.QueueNumber", F.number(2049))], Expect("InvalidParameter", "NetworkInterfaceTrafficConfig.QueueNumber")),
        .accepts("InstanceType Trunk, NetworkInterfaceTrafficMode HighPerformance", ali, set: [("InstanceType", .string("Trunk")), ("NetworkInterfaceTrafficMode", .string("HighPerformance"))]),
        .rejects("InstanceType trunk (case-sensitive)", ali, set: [("InstanceType", .string("trunk"))], Expect("InvalidParameter", "InstanceType")),
        .rejects("NetworkInterfaceTrafficMode RDMA", ali, set: [("NetworkInterfaceTrafficMode", .string("RDMA"))], Expect("InvalidParameter", "NetworkInterfaceTrafficMode")),
        .warns("RxQueueSize = TxQueueSize = 16384 is allowed but marked not available", ali, set: [("RxQueueSize", F.number(16384)), ("TxQueueSize", F.number(16384))],
               Expect("InvalidParameter", "RxQueueSize"), Expect("InvalidParameter", "TxQueueSize")),
        .rejects("RxQueueSize 32768 is above 16384", ali, set: [("RxQueueSize", F.number(32768))], Expect("InvalidParameter", "RxQueueSize")),
        .rejects("RxQueueSize 12288 is not a power of 2", ali, set: [("RxQueueSize", F.number(12288))], Expect("InvalidParameter", "RxQueueSize")),
        .rejects("RxQueueSize and TxQueueSize differ", ali, set: [("RxQueueSize", F.number(8192)), ("TxQueueSize", F.number(16384))], Expect("InvalidParameter", "TxQueueSize")),
        .rejects("nested RxQueueSize and TxQueueSize differ", ali, set: [("NetworkInterfaceTrafficConfig.RxQueueSize", F.number(8192)), ("NetworkInterfaceTrafficConfig.TxQueueSize", F.number(16384))],
                 Expect("InvalidParameter", "NetworkInterfaceTrafficConfig.TxQueueSize")),
        .accepts("TcpClosedAndTimeWaitTimeout 3 and 15 edges, TcpEstablishedTimeout 910, UdpTimeout 100", ali,
                 set: [("ConnectionTrackingConfiguration.TcpClosedAndTimeWaitTimeout", F.number(15)), ("ConnectionTrackingConfiguration.TcpEstablishedTimeout", F.number(910)),
                       ("ConnectionTrackingConfiguration.UdpTimeout", F.number(100))]),
        .accepts("TcpClosedAndTimeWaitTimeout 3", ali, set: [("ConnectionTrackingConfiguration.TcpClosedAndTimeWaitTimeout", F.number(3))]),
        .rejects("TcpClosedAndTimeWaitTimeout 16", ali, set: [("ConnectionTrackingConfiguration.TcpClosedAndTimeWaitTimeout", F.number(16))],
                 Expect("InvalidParameter", "ConnectionTrackingConfiguration.TcpClosedAndTimeWaitTimeout")),
        .rejects("TcpClosedAndTimeWaitTimeout 2", ali, set: [("ConnectionTrackingConfiguration.TcpClosedAndTimeWaitTimeout", F.number(2))],
                 Expect("InvalidParameter", "ConnectionTrackingConfiguration.TcpClosedAndTimeWaitTimeout")),
        .rejects("TcpEstablishedTimeout 911", ali, set: [("ConnectionTrackingConfiguration.TcpEstablishedTimeout", F.number(911))],
                 Expect("InvalidParameter", "ConnectionTrackingConfiguration.TcpEstablishedTimeout")),
        .rejects("UdpTimeout 90", ali, set: [("ConnectionTrackingConfiguration.UdpTimeout", F.number(90))], Expect("InvalidParameter", "ConnectionTrackingConfiguration.UdpTimeout")),
        .warns("EnhancedNetwork is marked not available", ali, set: [("EnhancedNetwork.EnableSriov", .bool(true))], Expect("InvalidParameter", "EnhancedNetwork")),
        .warns("BusinessType is deprecated", ali, set: [("BusinessType", .string("x"))], Expect("InvalidParameter", "BusinessType")),
    ]

    @Test("required parameters and exactly one security-group form", arguments: required)
    func requiredParameters(_ c: RuleCase) throws { try check(c) }

    @Test("unsupported and common parameters", arguments: unknown)
    func unknownParameters(_ c: RuleCase) throws { try check(c) }

    @Test("types, checked on the wire text", arguments: types)
    func typeRules(_ c: RuleCase) throws { try check(c) }

    @Test("name, description and client token", arguments: names)
    func nameRules(_ c: RuleCase) throws { try check(c) }

    @Test("addresses, counts, prefixes and ID shapes", arguments: addresses)
    func addressRules(_ c: RuleCase) throws { try check(c) }

    @Test("tags", arguments: tagRules)
    func tagRuleCases(_ c: RuleCase) throws { try check(c) }

    @Test("queues and connection tracking", arguments: traffic)
    func trafficRules(_ c: RuleCase) throws { try check(c) }

    func check(_ c: RuleCase) throws {
        let report = validatedBothWays(try c.request())
        #expect(report.violationSet == Set(c.violations), "violations: \(report.violations)")
        #expect(report.violations.count == c.violations.count, "one finding per problem: \(report.violations)")
        #expect(report.valid == c.violations.isEmpty)
        if let warnings = c.warnings {
            #expect(report.warningSet == Set(warnings), "warnings: \(report.warnings)")
        }
    }

    @Test("the seed's example request (seed 001) is valid; its VSwitchId placeholder only draws the ID-shape warning")
    func seedExample() throws {
        // https://ecs.aliyuncs.com/?Action=CreateNetworkInterface&RegionId=cn-hangzhou&VSwitchId=[vswitchid]&SecurityGroupId=sg-c0003exxxxx
        let flat = JSONObject([JSONMember("RegionId", .string("cn-hangzhou")), JSONMember("VSwitchId", .string("[vswitchid]")),
                               JSONMember("SecurityGroupId", .string("sg-c0003exxxxx"))])
        let report = Validator.validate(APIRequest(provider: .aliyun, params: flat))
        #expect(report.valid)
        #expect(report.warningSet == [Expect("InvalidVSwitchId.NotFound", "VSwitchId")])
    }

    @Test("a request with several problems reports every one, each with its code and 1-based path")
    func severalProblems() throws {
        let flat: [(String, JSONValue)] = [
            ("VSwitchId", .string("vsw-bp1s5fnvk4gn2tws03xx")),
            ("SecurityGroupId", .string("sg-bp1fg655nh68xyz9ixx")),
            ("SecurityGroupIds.1", .string("sg-bp1fg655nh68xyz9iyy")),
            ("NetworkInterfaceName", .string("1-eni")),
            ("Description", .string("http://example.com")),
            ("PrivateIpAddress.1", .string("10.0.0.5")),
            ("SecondaryPrivateIpAddressCount", .string("50")),
            ("Tag.1.Key", .string("env")),
            ("Tag.2.Key", .string("acs:env")),
            ("Tag.3.Key", .string("env")),
            ("QueueNumber", .string("0")),
            ("SecurityGroupID", .string("sg-x")),
        ]
        let params = try Params.merge(flat, into: JSONObject(), replace: false, indexBase: 1, source: "test")
        let report = Validator.validate(APIRequest(provider: .aliyun, params: params))
        let expected: Set<Expect> = [
            Expect("MissingParameter", "RegionId"),
            Expect("InvalidParameter.Conflict", "SecurityGroupIds"),
            Expect("InvalidParameter", "NetworkInterfaceName"),
            Expect("InvalidDescription.Malformed", "Description"),
            Expect("InvalidParameter", "SecondaryPrivateIpAddressCount"),
            Expect("InvalidParameter.Conflict", "SecondaryPrivateIpAddressCount"),
            Expect("InvalidTagKey.Malformed", "Tag.2.Key"),
            Expect("Duplicate.TagKey", "Tag.3.Key"),
            Expect("InvalidParameter", "QueueNumber"),
            Expect("UnsupportedParameter", "SecurityGroupID"),
        ]
        #expect(report.violationSet == expected)
        #expect(report.violations.count == expected.count)
    }
}
