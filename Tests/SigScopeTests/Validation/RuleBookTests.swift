import Testing
import SigScopeTestSupport
import SigScope
@testable import SigScopeCLI

/// The rule data itself, the report's shapes, and the pieces the engine relies on.
@Suite("Validation: rule book, reports and address parsing")
struct RuleBookTests {
    /// Every parameter named by seeds/000 and signing.md §5.1 (Tencent) and by seeds/001 and
    /// signing.md §5.2 (Alibaba; flat `.N` names without the suffix), copied from the documents.
    static let documented: [(Provider, [String])] = [
        (.tencent, ["VpcId", "NetworkInterfaceName", "SubnetId", "NetworkInterfaceDescription", "SecondaryPrivateIpAddressCount",
                    "QosLevel", "SecurityGroupIds", "PrivateIpAddresses", "Ipv6Addresses", "Ipv6AddressCount", "Tags", "TrunkingFlag",
                    "IsRdma", "ClientToken", "TerminationProtection", "TrafficProtection"]),
        (.aliyun, ["RegionId", "VSwitchId", "SecurityGroupId", "SecurityGroupIds", "PrimaryIpAddress", "PrivateIpAddress",
                   "SecondaryPrivateIpAddressCount", "Ipv6Address", "Ipv6AddressCount", "Ipv4Prefix", "Ipv4PrefixCount", "Ipv6Prefix",
                   "Ipv6PrefixCount", "NetworkInterfaceName", "Description", "Tag", "ResourceGroupId", "InstanceType",
                   "NetworkInterfaceTrafficMode", "QueueNumber", "QueuePairNumber", "RxQueueSize", "TxQueueSize", "DeleteOnRelease",
                   "SourceDestCheck", "ConnectionTrackingConfiguration", "NetworkInterfaceTrafficConfig", "EnhancedNetwork",
                   "EnablePrimaryIPv6", "ClientToken", "BusinessType", "Visible", "OwnerId", "OwnerAccount", "ResourceOwnerId",
                   "ResourceOwnerAccount"]),
    ]

    @Test("every parameter of the seeds and of signing.md §5 has rules", arguments: [0, 1])
    func everyDocumentedParameter(_ i: Int) throws {
        let (provider, names) = Self.documented[i]
        let rules = try #require(RuleBook.rules(for: provider, action: "CreateNetworkInterface"))
        let known = Set(rules.parameters.map(\.name))
        for name in names {
            #expect(known.contains(name), "\(provider) \(name) has no ParameterSpec")
        }
    }

    /// Every spec in a tree, with its path, for the data checks below.
    static func allSpecs(_ specs: [ParameterSpec], prefix: String = "") -> [(String, ParameterSpec)] {
        specs.flatMap { spec -> [(String, ParameterSpec)] in
            let path = prefix.isEmpty ? spec.name : prefix + "." + spec.name
            switch spec.type {
            case .list(let element):
                let inner: [(String, ParameterSpec)]
                if case .structure(let members) = element.type { inner = allSpecs(members, prefix: path + ".N") } else { inner = [] }
                return [(path, spec), (path + ".N", element)] + inner
            case .structure(let members):
                return [(path, spec)] + allSpecs(members, prefix: path)
            default:
                return [(path, spec)]
            }
        }
    }

    @Test("every rule applies to its parameter's type, and every rule and parameter cites a source")
    func rulesFitTheirTypes() {
        for rules in RuleBook.all {
            let sources = Set(rules.sources)
            for (path, spec) in Self.allSpecs(rules.parameters) {
                #expect(sources.contains(spec.source), "\(path) cites an unlisted source \(spec.source)")
                for rule in spec.rules {
                    #expect(rule.check.applies(to: spec.type), "\(rules.provider) \(path): \(rule.check) cannot apply to \(spec.type.bareName)")
                    #expect(sources.contains(rule.source), "\(path) rule cites an unlisted source \(rule.source)")
                    #expect(!rule.code.isEmpty)
                }
            }
            let names = Set(Self.allSpecs(rules.parameters).map(\.0))
            for cross in rules.crossRules {
                #expect(sources.contains(cross.source))
                let referenced: [String]
                switch cross.check {
                case .oneRequired(let n), .exclusive(let n): referenced = n
                case .usedWith(let a, let b), .equal(let a, let b): referenced = [a, b]
                case .combinedMax(let list, let count, _): referenced = [list, count]
                }
                for name in referenced {
                    #expect(names.contains(name), "cross rule names unknown parameter \(name)")
                }
            }
        }
    }

    @Test("the codes used are the providers' own: seed tables, common codes, or the ECS catalog")
    func codesComeFromTheTables() {
        // seeds/000 error table plus the common codes of signing.md §4.1.
        let tencent: Set<String> = ["MissingParameter", "UnknownParameter", "InvalidParameter", "InvalidParameterValue",
                                    "InvalidParameterValue.TooLong", "InvalidParameterValue.Range", "InvalidParameterValue.Malformed",
                                    "InvalidParameterValue.LimitExceeded", "InvalidParameterValue.TagDuplicateKey"]
        // seeds/001 error table plus the ECS codes for the same checks on other ECS API pages.
        let aliyun: Set<String> = ["MissingParameter", "UnsupportedParameter", "InvalidVSwitchId.NotFound", "InvalidSecurityGroupId.NotFound",
                                   "InvalidParameter", "InvalidParameter.Conflict", "InvalidDescription.Malformed", "InvalidTagKey.Malformed",
                                   "InvalidTagValue.Malformed", "Duplicate.TagKey", "InvalidTagCount"]
        for rules in RuleBook.all {
            let allowed = rules.provider == .tencent ? tencent : aliyun
            var used = [rules.codes.missing, rules.codes.unknown, rules.codes.type] + rules.crossRules.map(\.code)
            used += Self.allSpecs(rules.parameters).flatMap { $0.1.rules.map(\.code) }
            for code in used {
                #expect(allowed.contains(code), "\(rules.provider) uses \(code)")
            }
        }
    }

    @Test("actions without rules are valid with one NoParameterRules warning", arguments: [Provider.tencent, .aliyun])
    func otherActions(_ provider: Provider) {
        let report = Validator.validate(APIRequest(provider: provider, action: "DescribeRegions", params: ["Anything": .string("goes")]))
        #expect(report.valid)
        #expect(report.warnings.map(\.code) == ["NoParameterRules"])
        #expect(report.warnings.first?.path == "Action")
    }

    @Test("an action differing only in case suggests the known one")
    func actionCase() {
        let report = Validator.validate(APIRequest(provider: .tencent, action: "createNetworkInterface"))
        #expect(report.warnings.first?.message.contains("Did you mean CreateNetworkInterface?") == true)
    }

    @Test("the report's JSON has exactly the contract's keys")
    func reportJSON() throws {
        let report = ValidationReport(provider: .aliyun, action: "CreateNetworkInterface",
                                      violations: [Finding(code: "MissingParameter", path: "RegionId", message: "m")],
                                      warnings: [Finding(code: "InvalidParameter", path: "DeleteOnRelease", message: "w")])
        let object = try #require(report.json.objectValue)
        #expect(object.keys == ["valid", "provider", "action", "violations", "warnings"])
        #expect(object["valid"] == .bool(false))
        #expect(object["provider"] == .string("aliyun"))
        let first = try #require(object["violations"]?.arrayValue?.first?.objectValue)
        #expect(first.keys == ["code", "path", "message"])
    }

    @Test("the text form lists violations before warnings, one line each")
    func textForm() {
        let report = ValidationReport(provider: .tencent, action: "CreateNetworkInterface",
                                      violations: [Finding(code: "MissingParameter", path: "SubnetId", message: "missing")],
                                      warnings: [Finding(code: "InvalidParameter", path: "PrivateIpAddresses[0].Primary", message: "string")])
        let lines = ValidationText.render(report).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains("invalid (1 violation, 1 warning)"))
        #expect(lines[1].contains("violation") && lines[1].contains("MissingParameter") && lines[1].contains("SubnetId"))
        #expect(lines[2].contains("warning") && lines[2].contains("PrivateIpAddresses[0].Primary"))
        #expect(!ValidationText.render(report).contains("\u{1B}["), "plain style has no escape codes")
        #expect(ValidationText.render(report, style: Style(enabled: true)).contains("\u{1B}[31m"), "violations are red on a terminal")
    }

    @Test("docs/validation.md names every parameter, every code and every source of the rule book")
    func docsCoverTheRules() throws {
        let doc = try Repo.text("docs/validation.md")
        for rules in RuleBook.all {
            for (_, spec) in Self.allSpecs(rules.parameters) where !spec.name.isEmpty {
                #expect(doc.contains(spec.name), "docs/validation.md does not mention \(rules.provider) \(spec.name)")
            }
            let codes = [rules.codes.missing, rules.codes.unknown, rules.codes.type] + rules.crossRules.map(\.code)
                + Self.allSpecs(rules.parameters).flatMap { $0.1.rules.map(\.code) }
            for code in Set(codes) {
                #expect(doc.contains("`\(code)`"), "docs/validation.md does not mention the code \(code)")
            }
            for source in rules.sources {
                #expect(doc.contains("`\(source.id)`"), "docs/validation.md does not list the source \(source.id)")
            }
        }
    }

    // MARK: - Address syntax (RFC 791 dotted quad, RFC 4291 §2.2)

    @Test("IPv4 text", arguments: [("0.0.0.0", true), ("255.255.255.255", true), ("10.1.2.3", true), ("256.1.1.1", false),
                                   ("1.2.3", false), ("1.2.3.4.5", false), ("01.2.3.4", false), ("1.2.3.-4", false), ("1..2.3", false), (" 1.2.3.4", false)])
    func ipv4(_ text: String, _ valid: Bool) {
        #expect((IPAddressText.ipv4(text) != nil) == valid)
        #expect((IPAddressText.ipv4Value(text) != nil) == valid)
    }

    @Test("IPv4 bytes and number are the address in network order")
    func ipv4Forms() {
        #expect(IPAddressText.ipv4("192.168.0.255") == [192, 168, 0, 255])
        #expect(IPAddressText.ipv4Value("192.168.0.255") == 0xC0A8_00FF)
        #expect(IPAddressText.ipv4Value("0.0.0.1") == 1)
        #expect(IPAddressText.ipv4Value("255.255.255.255") == UInt32.max)
    }

    @Test("IPv6 text", arguments: [("::", true), ("::1", true), ("2001:db8::", true), ("2001:DB8:0:0:8:800:200C:417A", true),
                                   ("::ffff:129.144.52.38", true), ("1:2:3:4:5:6:7::", true), ("1:2:3:4:5:6:7:8", true),
                                   ("1:2:3:4:5:6:7:8:9", false), ("2001:db8::1::1", false), (":::1", false), ("12345::", false),
                                   ("2001:db8::g", false), ("fe80::1%eth0", false), ("1:2:3:4:5:6:7", false), ("::1.2.3", false)])
    func ipv6(_ text: String, _ valid: Bool) {
        #expect((IPAddressText.ipv6(text) != nil) == valid)
    }

    @Test("the same IPv6 address written two ways compares equal")
    func canonical() {
        #expect(IPAddressText.canonical("2001:DB8:0:0::1") == IPAddressText.canonical("2001:db8::1"))
        #expect(IPAddressText.canonical("::ffff:10.0.0.1") == IPAddressText.canonical("::ffff:a00:1"))
        #expect(IPAddressText.canonical("10.0.0.1") != IPAddressText.canonical("10.0.0.2"))
    }

    @Test("CIDR prefixes", arguments: [("10.0.0.16/28", false, true), ("10.0.0.0/32", false, true), ("10.0.0.0/33", false, false),
                                       ("10.0.0.0", false, false), ("10.0.0.0/028", false, false), ("2001:db8::/80", true, true), ("2001:db8::/129", true, false)])
    func cidr(_ text: String, _ v6: Bool, _ valid: Bool) {
        #expect((IPAddressText.cidr(text, v6: v6) != nil) == valid)
    }
}
