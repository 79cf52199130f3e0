import SigScope
import Testing

/// An expected finding: the provider's code and the parameter path, as the documents give them.
struct Expect: Hashable, Sendable, CustomStringConvertible {
    let code: String
    let path: String

    init(_ code: String, _ path: String) {
        self.code = code
        self.path = path
    }

    init(_ finding: Finding) {
        self.init(finding.code, finding.path)
    }

    var description: String { "\(code) @ \(path)" }
}

/// One rule case: a valid base request changed by `set` (flat or plain names, as `--param`
/// takes them) and `remove`, and the findings the documents say it must give.
struct RuleCase: Sendable, CustomStringConvertible {
    let label: String
    let provider: Provider
    let set: [(String, JSONValue)]
    let remove: [String]
    let region: String?
    /// Exactly these violations, in any order.
    let violations: [Expect]
    /// Exactly these warnings when non-nil.
    let warnings: [Expect]?

    var description: String { label }

    /// The edge value the documents allow: no violation (and, when given, exactly these warnings).
    static func accepts(_ label: String, _ provider: Provider, set: [(String, JSONValue)] = [], remove: [String] = [],
                        region: String? = "ap-guangzhou", warnings: [Expect]? = []) -> RuleCase {
        RuleCase(label: label, provider: provider, set: set, remove: remove, region: region, violations: [], warnings: warnings)
    }

    /// One past the edge: exactly these violations.
    static func rejects(_ label: String, _ provider: Provider, set: [(String, JSONValue)] = [], remove: [String] = [],
                        region: String? = "ap-guangzhou", _ violations: Expect..., warnings: [Expect]? = nil) -> RuleCase {
        RuleCase(label: label, provider: provider, set: set, remove: remove, region: region, violations: violations, warnings: warnings)
    }

    /// Valid, but with exactly these warnings.
    static func warns(_ label: String, _ provider: Provider, set: [(String, JSONValue)] = [], remove: [String] = [],
                      region: String? = "ap-guangzhou", _ warnings: Expect...) -> RuleCase {
        RuleCase(label: label, provider: provider, set: set, remove: remove, region: region, violations: [], warnings: warnings)
    }

    func request() throws -> APIRequest {
        let base = provider == .tencent ? Fixtures.tencentBase : Fixtures.aliyunBase
        var params = try Params.merge(set, into: base, replace: true, indexBase: provider.listIndexBase, source: "test")
        for name in remove { params[name] = nil }
        return APIRequest(provider: provider, action: "CreateNetworkInterface", region: provider == .tencent ? region : nil, params: params)
    }
}

enum Fixtures {
    /// The Tencent request of interface.md, which the documents say is valid.
    static let tencentBase = object("""
        {"VpcId": "vpc-0akbol5v", "SubnetId": "subnet-76r802pg", "NetworkInterfaceName": "demo",
         "SecurityGroupIds": ["sg-05bb4upy"],
         "PrivateIpAddresses": [{"PrivateIpAddress": "172.16.64.13", "Primary": true}],
         "Tags": [{"Key": "city", "Value": "shanghai"}]}
        """)

    /// The Alibaba request of interface.md, which the documents say is valid.
    static let aliyunBase = object("""
        {"RegionId": "cn-hangzhou", "VSwitchId": "vsw-bp1s5fnvk4gn2tws03xx", "SecurityGroupId": "sg-bp1fg655nh68xyz9ixx",
         "NetworkInterfaceName": "my-eni", "Tag": [{"Key": "env", "Value": "prod"}]}
        """)

    /// Parses JSON written in a test; a typo shows up as a failing case, never a crash.
    static func json(_ text: String) -> JSONValue {
        (try? JSONParser.parse(text)) ?? .string("<invalid JSON in test: \(text)>")
    }

    static func object(_ text: String) -> JSONObject {
        json(text).objectValue ?? JSONObject()
    }

    /// `count` repetitions of `unit`.
    static func text(_ count: Int, _ unit: String = "a") -> JSONValue {
        .string(String(repeating: unit, count: count))
    }

    /// A JSON list of `count` distinct IPv4 addresses in 172.16.64.0/24, as strings.
    static func ipv4List(_ count: Int) -> JSONValue {
        .array((0..<count).map { .string("172.16.64.\($0 + 10)") })
    }

    /// A JSON list of `count` distinct IPv6 addresses, as strings.
    static func ipv6List(_ count: Int) -> JSONValue {
        .array((0..<count).map { .string("2001:db8::\(String($0 + 1, radix: 16))") })
    }

    static func number(_ n: Int) -> JSONValue {
        .number(String(n))
    }
}

extension ValidationReport {
    var violationSet: Set<Expect> { Set(violations.map(Expect.init)) }
    var warningSet: Set<Expect> { Set(warnings.map(Expect.init)) }
}

/// Validates `request` with the shared rule book and with a copy of its rules in storage of
/// their own (what each batch worker validates with): the two must report exactly the same.
func validatedBothWays(_ request: APIRequest) -> ValidationReport {
    let report = Validator.validate(request)
    let rules = RuleBook.rules(for: request.provider, action: request.action)
    #expect(rules != nil, "no rules for \(request.action)")
    let isolated = Validator.validate(request, rules: rules?.isolatedCopy())
    #expect(isolated == report, "an isolated copy of the rules reports differently")
    return report
}
