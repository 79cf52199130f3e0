import Testing
import SigScope

/// Tencent VPC CreateNetworkInterface: every rule at its documented edge and one past it.
/// Expected codes and paths come from seeds/000 (parameter and error-code tables),
/// signing.md §5.1 (zh spec) and §4.1 (common codes), never from sigscope's output.
@Suite("Validation: Tencent CreateNetworkInterface")
struct TencentValidationTests {
    typealias F = Fixtures
    static let tc = Provider.tencent

    static let required: [RuleCase] = [
        .accepts("the interface.md example is valid with no findings", tc),
        .rejects("VpcId missing gives MissingParameter", tc, remove: ["VpcId"], Expect("MissingParameter", "VpcId")),
        .rejects("SubnetId missing gives MissingParameter", tc, remove: ["SubnetId"], Expect("MissingParameter", "SubnetId")),
        .rejects("NetworkInterfaceName missing gives MissingParameter", tc, remove: ["NetworkInterfaceName"], Expect("MissingParameter", "NetworkInterfaceName")),
        .rejects("a null VpcId counts as missing", tc, set: [("VpcId", .null)], Expect("MissingParameter", "VpcId")),
        .rejects("Region (a required common parameter) missing gives MissingParameter", tc, region: nil, Expect("MissingParameter", "Region")),
        .rejects("a Tag without Key gives MissingParameter at Tags[0].Key", tc, set: [("Tags", F.json(#"[{"Value": "x"}]"#))], Expect("MissingParameter", "Tags[0].Key")),
        .rejects("an Ipv6Address without Address gives MissingParameter", tc, set: [("Ipv6Addresses", F.json(#"[{"Primary": true}]"#))], Expect("MissingParameter", "Ipv6Addresses[0].Address")),
        .warns("a PrivateIpAddresses entry without PrivateIpAddress is a warning (intl required, zh optional)", tc,
               set: [("PrivateIpAddresses", F.json(#"[{"Primary": true}]"#))], Expect("MissingParameter", "PrivateIpAddresses[0].PrivateIpAddress")),
    ]

    static let unknown: [RuleCase] = [
        .rejects("SubnetID is unknown (did you mean SubnetId) and SubnetId is then missing", tc,
                 set: [("SubnetID", .string("subnet-76r802pg"))], remove: ["SubnetId"],
                 Expect("UnknownParameter", "SubnetID"), Expect("MissingParameter", "SubnetId")),
        .rejects("an unknown field inside a list entry", tc,
                 set: [("PrivateIpAddresses", F.json(#"[{"PrivateIpAddress": "172.16.64.13", "Primay": true}]"#))],
                 Expect("UnknownParameter", "PrivateIpAddresses[0].Primay")),
        .rejects("the Alibaba spelling Tag is unknown to Tencent", tc, set: [("Tag", F.json(#"[{"Key": "a"}]"#))], Expect("UnknownParameter", "Tag")),
        .warns("a common parameter (Region) among the params is a warning", tc, set: [("Region", .string("ap-guangzhou"))], Expect("UnknownParameter", "Region")),
    ]

    static let types: [RuleCase] = [
        .accepts("an Integer given as a number", tc, set: [("SecondaryPrivateIpAddressCount", F.number(1))]),
        .warns("an Integer given as a digit string is accepted with a warning (the intl example sends \"1\")", tc,
               set: [("SecondaryPrivateIpAddressCount", .string("1"))], Expect("InvalidParameter", "SecondaryPrivateIpAddressCount")),
        .rejects("an Integer given as a non-numeric string", tc, set: [("SecondaryPrivateIpAddressCount", .string("one"))], Expect("InvalidParameter", "SecondaryPrivateIpAddressCount")),
        .rejects("an Integer given with a fraction", tc, set: [("SecondaryPrivateIpAddressCount", .number("1.5"))], Expect("InvalidParameter", "SecondaryPrivateIpAddressCount")),
        // Issue 28: digits beyond the 64-bit Integer the server decodes were taken silently.
        .rejects("an Integer beyond 64 bits", tc, set: [("SecondaryPrivateIpAddressCount", .number("123456789012345678901234567890"))],
                 Expect("InvalidParameter", "SecondaryPrivateIpAddressCount")),
        .rejects("an Integer beyond 64 bits in a digit string", tc, set: [("SecondaryPrivateIpAddressCount", .string("9223372036854775808"))],
                 Expect("InvalidParameter", "SecondaryPrivateIpAddressCount")),
        .rejects("a negative Integer beyond 64 bits", tc, set: [("SecondaryPrivateIpAddressCount", .number("-9223372036854775809"))],
                 Expect("InvalidParameter", "SecondaryPrivateIpAddressCount")),
        .rejects("a String given as an array", tc, set: [("NetworkInterfaceName", F.json(#"["demo"]"#))], Expect("InvalidParameter", "NetworkInterfaceName")),
        .rejects("a String given as a number (the body is JSON, so the type matters)", tc, set: [("NetworkInterfaceName", F.number(12))], Expect("InvalidParameter", "NetworkInterfaceName")),
        .rejects("a list given as a single string", tc, set: [("SecurityGroupIds", .string("sg-05bb4upy"))], Expect("InvalidParameter", "SecurityGroupIds")),
        .rejects("a list entry of the wrong type", tc, set: [("SecurityGroupIds", F.json(#"["sg-05bb4upy", 7]"#))], Expect("InvalidParameter", "SecurityGroupIds[1]")),
        .warns("a Boolean given as the string \"true\" (the official example) is a warning", tc,
               set: [("PrivateIpAddresses", F.json(#"[{"PrivateIpAddress": "172.16.64.13", "Primary": "true"}]"#))], Expect("InvalidParameter", "PrivateIpAddresses[0].Primary")),
        .rejects("a Boolean given as \"yes\"", tc, set: [("IsRdma", .string("yes"))], Expect("InvalidParameter", "IsRdma")),
        .rejects("a Boolean given as 1", tc, set: [("TerminationProtection", F.number(1))], Expect("InvalidParameter", "TerminationProtection")),
        .accepts("the zh-only Booleans as booleans", tc, set: [("IsRdma", .bool(false)), ("TerminationProtection", .bool(true)), ("TrafficProtection", .bool(true))]),
    ]

    static let lengths: [RuleCase] = [
        .accepts("NetworkInterfaceName of 60 characters", tc, set: [("NetworkInterfaceName", F.text(60))]),
        .rejects("NetworkInterfaceName of 61 characters gives TooLong", tc, set: [("NetworkInterfaceName", F.text(61))], Expect("InvalidParameterValue.TooLong", "NetworkInterfaceName")),
        .accepts("NetworkInterfaceName of 20 Chinese characters (60 UTF-8 bytes)", tc, set: [("NetworkInterfaceName", F.text(20, "网"))]),
        .warns("NetworkInterfaceName of 21 Chinese characters (63 bytes) warns: the zh spec counts bytes", tc,
               set: [("NetworkInterfaceName", F.text(21, "网"))], Expect("InvalidParameterValue.TooLong", "NetworkInterfaceName")),
        .rejects("NetworkInterfaceName of 61 Chinese characters is a violation, without a second warning", tc,
                 set: [("NetworkInterfaceName", F.text(61, "网"))], Expect("InvalidParameterValue.TooLong", "NetworkInterfaceName"), warnings: []),
        .accepts("NetworkInterfaceDescription of 60 characters", tc, set: [("NetworkInterfaceDescription", F.text(60, "é"))]),
        .rejects("NetworkInterfaceDescription of 61 characters", tc, set: [("NetworkInterfaceDescription", F.text(61))], Expect("InvalidParameterValue.TooLong", "NetworkInterfaceDescription")),
        .accepts("ClientToken of 64 ASCII characters", tc, set: [("ClientToken", F.text(64, "x"))]),
        .rejects("ClientToken of 65 characters", tc, set: [("ClientToken", F.text(65, "x"))], Expect("InvalidParameterValue.TooLong", "ClientToken")),
        .rejects("ClientToken with a non-ASCII character", tc, set: [("ClientToken", .string("token-é"))], Expect("InvalidParameterValue.Malformed", "ClientToken")),
    ]

    static let values: [RuleCase] = [
        .accepts("QosLevel PT with SecondaryPrivateIpAddressCount", tc, set: [("QosLevel", .string("PT")), ("SecondaryPrivateIpAddressCount", F.number(1))]),
        .accepts("QosLevel AU", tc, set: [("QosLevel", .string("AU")), ("SecondaryPrivateIpAddressCount", F.number(1))]),
        .accepts("QosLevel AG", tc, set: [("QosLevel", .string("AG")), ("SecondaryPrivateIpAddressCount", F.number(1))]),
        .accepts("QosLevel DEFAULT", tc, set: [("QosLevel", .string("DEFAULT")), ("SecondaryPrivateIpAddressCount", F.number(1))]),
        .rejects("QosLevel GOLD gives Range", tc, set: [("QosLevel", .string("GOLD")), ("SecondaryPrivateIpAddressCount", F.number(1))], Expect("InvalidParameterValue.Range", "QosLevel")),
        .rejects("QosLevel is case-sensitive", tc, set: [("QosLevel", .string("pt")), ("SecondaryPrivateIpAddressCount", F.number(1))], Expect("InvalidParameterValue.Range", "QosLevel")),
        .warns("QosLevel without SecondaryPrivateIpAddressCount is a warning", tc, set: [("QosLevel", .string("PT"))], Expect("InvalidParameter", "QosLevel")),
        .accepts("TrunkingFlag Enable", tc, set: [("TrunkingFlag", .string("Enable"))]),
        .accepts("TrunkingFlag Disable", tc, set: [("TrunkingFlag", .string("Disable"))]),
        .rejects("TrunkingFlag On", tc, set: [("TrunkingFlag", .string("On"))], Expect("InvalidParameterValue.Range", "TrunkingFlag")),
        .accepts("SecondaryPrivateIpAddressCount 0 (uint64)", tc, set: [("SecondaryPrivateIpAddressCount", F.number(0))]),
        .rejects("SecondaryPrivateIpAddressCount -1", tc, set: [("SecondaryPrivateIpAddressCount", F.number(-1))], Expect("InvalidParameterValue.Range", "SecondaryPrivateIpAddressCount")),
        .accepts("Ipv6AddressCount 1", tc, set: [("Ipv6AddressCount", F.number(1))]),
        .accepts("Ipv6AddressCount 10", tc, set: [("Ipv6AddressCount", F.number(10))]),
        .rejects("Ipv6AddressCount 0", tc, set: [("Ipv6AddressCount", F.number(0))], Expect("InvalidParameterValue.Range", "Ipv6AddressCount")),
        .rejects("Ipv6AddressCount 11", tc, set: [("Ipv6AddressCount", F.number(11))], Expect("InvalidParameterValue.Range", "Ipv6AddressCount")),
        .rejects("an integer beyond 64 bits is not an Integer the server reads (and still counts as too many), not a crash", tc,
                 set: [("Ipv6Addresses", ipv6s(1)), ("Ipv6AddressCount", .number("99999999999999999999999"))],
                 Expect("InvalidParameter", "Ipv6AddressCount"), Expect("InvalidParameterValue.LimitExceeded", "Ipv6AddressCount")),
        .rejects("the largest 64-bit count next to a list does not overflow", tc,
                 set: [("Ipv6Addresses", ipv6s(1)), ("Ipv6AddressCount", .number("9223372036854775807"))],
                 Expect("InvalidParameterValue.Range", "Ipv6AddressCount"), Expect("InvalidParameterValue.LimitExceeded", "Ipv6AddressCount")),
    ]

    static func privateIPs(_ count: Int) -> JSONValue {
        .array((0..<count).map { i in .object(["PrivateIpAddress": .string("172.16.64.\(i + 10)"), "Primary": .bool(i == 0)]) })
    }

    static func ipv6s(_ count: Int) -> JSONValue {
        .array((0..<count).map { i in .object(["Address": .string("2001:db8::\(i + 1)")]) })
    }

    static let lists: [RuleCase] = [
        .accepts("10 PrivateIpAddresses", tc, set: [("PrivateIpAddresses", privateIPs(10))]),
        .rejects("11 PrivateIpAddresses give LimitExceeded", tc, set: [("PrivateIpAddresses", privateIPs(11))], Expect("InvalidParameterValue.LimitExceeded", "PrivateIpAddresses")),
        .accepts("10 Ipv6Addresses", tc, set: [("Ipv6Addresses", ipv6s(10))]),
        .rejects("11 Ipv6Addresses give LimitExceeded", tc, set: [("Ipv6Addresses", ipv6s(11))], Expect("InvalidParameterValue.LimitExceeded", "Ipv6Addresses")),
        .accepts("4 Ipv6Addresses and Ipv6AddressCount 6 make 10", tc, set: [("Ipv6Addresses", ipv6s(4)), ("Ipv6AddressCount", F.number(6))]),
        .rejects("4 Ipv6Addresses and Ipv6AddressCount 7 make 11", tc, set: [("Ipv6Addresses", ipv6s(4)), ("Ipv6AddressCount", F.number(7))],
                 Expect("InvalidParameterValue.LimitExceeded", "Ipv6AddressCount")),
        .accepts("one Primary among several entries", tc,
                 set: [("PrivateIpAddresses", F.json(#"[{"PrivateIpAddress": "172.16.64.13", "Primary": true}, {"PrivateIpAddress": "172.16.64.14", "Primary": false}]"#))]),
        .rejects("a second Primary", tc,
                 set: [("PrivateIpAddresses", F.json(#"[{"PrivateIpAddress": "172.16.64.13", "Primary": true}, {"PrivateIpAddress": "172.16.64.14", "Primary": true}]"#))],
                 Expect("InvalidParameterValue", "PrivateIpAddresses[1].Primary")),
        .rejects("the same private IP twice", tc,
                 set: [("PrivateIpAddresses", F.json(#"[{"PrivateIpAddress": "172.16.64.13"}, {"PrivateIpAddress": "172.16.64.13"}]"#))],
                 Expect("InvalidParameterValue", "PrivateIpAddresses[1].PrivateIpAddress")),
        .rejects("the same IPv6 address written two ways", tc,
                 set: [("Ipv6Addresses", F.json(#"[{"Address": "2001:db8::1"}, {"Address": "2001:DB8:0:0::1"}]"#))],
                 Expect("InvalidParameterValue", "Ipv6Addresses[1].Address")),
        .rejects("a repeat in a list far over its limit is still found (the long-list path)", tc,
                 set: [("PrivateIpAddresses", .array((privateIPs(40).arrayValue ?? []) + [.object(["PrivateIpAddress": .string("172.16.64.13")])]))],
                 Expect("InvalidParameterValue.LimitExceeded", "PrivateIpAddresses"), Expect("InvalidParameterValue", "PrivateIpAddresses[40].PrivateIpAddress")),
        .accepts("distinct tag keys, differing only in case", tc, set: [("Tags", F.json(#"[{"Key": "city", "Value": "a"}, {"Key": "City", "Value": "b"}]"#))]),
        .rejects("a repeated tag key gives TagDuplicateKey", tc,
                 set: [("Tags", F.json(#"[{"Key": "city", "Value": "a"}, {"Key": "env"}, {"Key": "city", "Value": "b"}]"#))],
                 Expect("InvalidParameterValue.TagDuplicateKey", "Tags[2].Key")),
    ]

    static let formats: [RuleCase] = [
        .accepts("IPv4 255 in the last octet", tc, set: [("PrivateIpAddresses", F.json(#"[{"PrivateIpAddress": "172.16.64.255"}]"#))]),
        .rejects("IPv4 256 in the last octet", tc, set: [("PrivateIpAddresses", F.json(#"[{"PrivateIpAddress": "172.16.64.256"}]"#))], Expect("InvalidParameterValue.Malformed", "PrivateIpAddresses[0].PrivateIpAddress")),
        .rejects("IPv4 with three octets", tc, set: [("PrivateIpAddresses", F.json(#"[{"PrivateIpAddress": "172.16.64"}]"#))], Expect("InvalidParameterValue.Malformed", "PrivateIpAddresses[0].PrivateIpAddress")),
        .rejects("IPv4 with a leading zero", tc, set: [("PrivateIpAddresses", F.json(#"[{"PrivateIpAddress": "172.016.64.13"}]"#))], Expect("InvalidParameterValue.Malformed", "PrivateIpAddresses[0].PrivateIpAddress")),
        .accepts("IPv6 compressed and with an IPv4 tail", tc, set: [("Ipv6Addresses", F.json(#"[{"Address": "2001:db8::1"}, {"Address": "::ffff:172.16.64.13"}, {"Address": "fe80:0:0:0:0:0:0:ffff"}]"#))]),
        .rejects("IPv6 with two ::", tc, set: [("Ipv6Addresses", F.json(#"[{"Address": "2001::db8::1"}]"#))], Expect("InvalidParameterValue.Malformed", "Ipv6Addresses[0].Address")),
        .rejects("IPv6 with a five-digit group", tc, set: [("Ipv6Addresses", F.json(#"[{"Address": "2001:db8::12345"}]"#))], Expect("InvalidParameterValue.Malformed", "Ipv6Addresses[0].Address")),
        .rejects("IPv6 with nine groups", tc, set: [("Ipv6Addresses", F.json(#"[{"Address": "1:2:3:4:5:6:7:8:9"}]"#))], Expect("InvalidParameterValue.Malformed", "Ipv6Addresses[0].Address")),
        .accepts("the doc's short security group ID sg-1dd51d", tc, set: [("SecurityGroupIds", F.json(#"["sg-1dd51d"]"#))]),
        .warns("a VpcId that is not vpc- plus lowercase letters and digits", tc, set: [("VpcId", .string("VPC-0AKBOL5V"))], Expect("InvalidParameterValue.Malformed", "VpcId")),
        .warns("a SubnetId without subnet-", tc, set: [("SubnetId", .string("76r802pg"))], Expect("InvalidParameterValue.Malformed", "SubnetId")),
        .warns("a security group ID without sg-", tc, set: [("SecurityGroupIds", F.json(#"["sg-05bb4upy", "vsw-05bb4upy"]"#))], Expect("InvalidParameterValue.Malformed", "SecurityGroupIds[1]")),
    ]

    @Test("required parameters", arguments: required)
    func requiredParameters(_ c: RuleCase) throws { try check(c) }

    @Test("unknown parameters", arguments: unknown)
    func unknownParameters(_ c: RuleCase) throws { try check(c) }

    @Test("types (the JSON type matters)", arguments: types)
    func typeRules(_ c: RuleCase) throws { try check(c) }

    @Test("lengths", arguments: lengths)
    func lengthRules(_ c: RuleCase) throws { try check(c) }

    @Test("enumerations and ranges", arguments: values)
    func valueRules(_ c: RuleCase) throws { try check(c) }

    @Test("list sizes, uniqueness, one primary", arguments: lists)
    func listRules(_ c: RuleCase) throws { try check(c) }

    @Test("address syntax and ID shapes", arguments: formats)
    func formatRules(_ c: RuleCase) throws { try check(c) }

    func check(_ c: RuleCase) throws {
        let report = validatedBothWays(try c.request())
        #expect(report.violationSet == Set(c.violations), "violations: \(report.violations)")
        #expect(report.violations.count == c.violations.count, "one finding per problem: \(report.violations)")
        #expect(report.valid == c.violations.isEmpty)
        if let warnings = c.warnings {
            #expect(report.warningSet == Set(warnings), "warnings: \(report.warnings)")
        }
    }

    // MARK: - The official examples

    @Test("the official intl example (seed 000) is valid, warning only for the string Boolean and the string Integer")
    func officialIntlExample() {
        // Verbatim from the seed's "Input Example".
        let params = Fixtures.object("""
            {
                "VpcId": "vpc-0akbol5v",
                "Tags": [{"Value": "shanghai", "Key": "city"}],
                "PrivateIpAddresses": [{"Primary": "true", "PrivateIpAddress": "172.16.64.13"}],
                "SecurityGroupIds": ["sg-05bb4upy"],
                "NetworkInterfaceDescription": "TestDesc",
                "SecondaryPrivateIpAddressCount": "1",
                "SubnetId": "subnet-76r802pg",
                "NetworkInterfaceName": "TestNIC"
            }
            """)
        let report = Validator.validate(APIRequest(provider: .tencent, region: "ap-guangzhou", params: params))
        #expect(report.valid)
        #expect(report.violations.isEmpty)
        #expect(report.warningSet == [Expect("InvalidParameter", "PrivateIpAddresses[0].Primary"), Expect("InvalidParameter", "SecondaryPrivateIpAddressCount")])
    }

    @Test("the official zh example (signing.md §5.1) is valid, warning only for the string Boolean")
    func officialZhExample() {
        let params = Fixtures.object("""
            {"VpcId": "vpc-0akbol5v", "Tags": [{"Value": "shanghai", "Key": "city"}], "PrivateIpAddresses": [{"Primary": "true", "PrivateIpAddress": "172.16.64.13"}], "SecurityGroupIds": ["sg-05bb4upy"], "NetworkInterfaceDescription": "demo", "SecondaryPrivateIpAddressCount": 1, "SubnetId": "subnet-76r802pg", "NetworkInterfaceName": "demo"}
            """)
        let report = Validator.validate(APIRequest(provider: .tencent, region: "ap-guangzhou", params: params))
        #expect(report.valid)
        #expect(report.warningSet == [Expect("InvalidParameter", "PrivateIpAddresses[0].Primary")])
    }

    // MARK: - Several problems at once

    @Test("a request with several problems reports every one, each with its code and path")
    func severalProblems() {
        let params = Fixtures.object("""
            {"VpcId": "vpc-0akbol5v", "SubnetID": "subnet-76r802pg",
             "NetworkInterfaceName": "\(String(repeating: "n", count: 61))",
             "NetworkInterfaceDescription": "\(String(repeating: "d", count: 61))",
             "QosLevel": "GOLD", "TrunkingFlag": "enable", "ClientToken": "tök",
             "SecondaryPrivateIpAddressCount": "two",
             "PrivateIpAddresses": [{"PrivateIpAddress": "172.16.64.13", "Primary": true},
                                    {"PrivateIpAddress": "172.16.64.300"},
                                    {"PrivateIpAddress": "172.16.64.13", "Primary": true}],
             "Tags": [{"Key": "city"}, {"Key": "city"}]}
            """)
        let report = Validator.validate(APIRequest(provider: .tencent, region: nil, params: params))
        let expected: Set<Expect> = [
            Expect("MissingParameter", "Region"),
            Expect("UnknownParameter", "SubnetID"),
            Expect("MissingParameter", "SubnetId"),
            Expect("InvalidParameterValue.TooLong", "NetworkInterfaceName"),
            Expect("InvalidParameterValue.TooLong", "NetworkInterfaceDescription"),
            Expect("InvalidParameterValue.Range", "QosLevel"),
            Expect("InvalidParameterValue.Range", "TrunkingFlag"),
            Expect("InvalidParameterValue.Malformed", "ClientToken"),
            Expect("InvalidParameter", "SecondaryPrivateIpAddressCount"),
            Expect("InvalidParameterValue.Malformed", "PrivateIpAddresses[1].PrivateIpAddress"),
            Expect("InvalidParameterValue", "PrivateIpAddresses[2].PrivateIpAddress"),
            Expect("InvalidParameterValue", "PrivateIpAddresses[2].Primary"),
            Expect("InvalidParameterValue.TagDuplicateKey", "Tags[1].Key"),
        ]
        #expect(report.violationSet == expected)
        #expect(report.violations.count == expected.count)
        #expect(report.warnings.isEmpty)
    }

    // MARK: - Messages

    @Test("a finding's message says what is wrong and what is allowed")
    func messages() throws {
        let report = Validator.validate(try RuleCase.rejects("", .tencent, set: [("NetworkInterfaceName", Fixtures.text(61)), ("SubnetID", .string("x"))]).request())
        let tooLong = try #require(report.violations.first { $0.path == "NetworkInterfaceName" })
        #expect(tooLong.message.contains("61"))
        #expect(tooLong.message.contains("60"))
        let unknown = try #require(report.violations.first { $0.path == "SubnetID" })
        #expect(unknown.message.contains("did you mean SubnetId?"))
    }

    // MARK: - Repeated names

    /// A name given twice counts as its last value (JSON's "last one wins", as the server reads
    /// it), also for requiredness: a null after a value is missing, a value after a null is not.
    @Test("a repeated required name is judged by its last value", arguments: [
        (#"{"VpcId": "vpc-0akbol5v", "VpcId": null}"#, true),
        (#"{"VpcId": null, "VpcId": "vpc-0akbol5v"}"#, false),
        (#"{"VpcId": "vpc-0akbol5v", "VpcId": "vpc-1bkbol5v"}"#, false),
    ])
    func repeatedRequiredName(json: String, missing: Bool) throws {
        let vpc = try #require(try JSONParser.parse(Array(json.utf8)).objectValue)
        var params: JSONObject = ["SubnetId": .string("subnet-76r802pg"), "NetworkInterfaceName": .string("eni")]
        params.members.insert(contentsOf: vpc.members, at: 0)
        let report = Validator.validate(APIRequest(provider: .tencent, region: "ap-guangzhou", params: params))
        let missingVpc = report.violations.filter { $0.code == "MissingParameter" && $0.path == "VpcId" }
        #expect(missingVpc.count == (missing ? 1 : 0))
        #expect(missingVpc.first.map { $0.message.contains("given as null") } ?? true)
        // Either way the repetition itself is pointed out.
        #expect(report.warnings.contains { $0.path == "VpcId" && $0.message.contains("given 2 times") })
    }
}

extension TencentValidationTests {
    /// A required parameter given with a value is decided without a finding; left out or null it
    /// is missing, and given as "" it is a warning (no length rule of its own says more).
    @Test("a required parameter: absent or null is missing, empty is a warning, a value is fine", arguments: [
        (JSONValue?.none, "not given", Severity.violation),
        (JSONValue.null, "given as null", Severity.violation),
        (JSONValue.string(""), "given as an empty string", Severity.warning),
        (JSONValue.string("vpc-0akbol5v"), "", nil),
    ] as [(JSONValue?, String, Severity?)])
    func requiredGivenOrNot(value: JSONValue?, phrase: String, severity: Severity?) {
        var params: JSONObject = ["SubnetId": .string("subnet-76r802pg"), "NetworkInterfaceName": .string("eni")]
        if let value { params["VpcId"] = value }
        let report = Validator.validate(APIRequest(provider: .tencent, region: "ap-guangzhou", params: params))
        let missing = { (findings: [Finding]) in findings.filter { $0.code == "MissingParameter" && $0.path == "VpcId" } }
        #expect(missing(report.violations).count == (severity == .violation ? 1 : 0))
        #expect(missing(report.warnings).count == (severity == .warning ? 1 : 0))
        #expect((missing(report.violations) + missing(report.warnings)).allSatisfy { $0.message.contains(phrase) })
    }
}
