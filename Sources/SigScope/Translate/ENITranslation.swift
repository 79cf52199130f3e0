/// `sigscope translate`: a Tencent Cloud VPC `CreateNetworkInterface` request turned into the
/// Alibaba Cloud ECS one, or back, field by field.
///
/// Every source parameter ends up in exactly one place: a target parameter (`mappings`) or the
/// list of what has no counterpart (`unmapped`, with the reason); nothing is dropped silently.
/// The result is validated with the target provider's rules, so the answer says whether the
/// server would accept it and, if not, why (often an id only the user can supply).
///
/// Resource ids do not carry over between clouds: a Tencent `subnet-…` is not an Alibaba
/// `vsw-…`. They are copied and marked for replacement, unless a `TranslationResolver` (the
/// saved Describe* responses of `--context`) names the counterpart.
package enum ENITranslation {
    /// One source parameter and where it went.
    package struct Mapping: Sendable, Equatable {
        /// The source parameter (`SubnetId`, `PrivateIpAddresses[0].PrivateIpAddress`, `region`),
        /// or `Mapping.given` for one of the `assignments`.
        package var from: String
        /// The target parameter (`VSwitchId`, `PrimaryIpAddress`, `RegionId`).
        package var to: String
        /// The value as it is in the target request.
        package var value: JSONValue
        /// What changed or must be checked (the target's rules, an id to replace).
        package var note: SigScopeMessage?

        /// The `from` of a parameter set by `assignments` rather than translated (a front end
        /// names it as its own input, the CLI as `--set`).
        package static let given = "given"

        /// `{"from", "to", "value", "note"}`.
        package var json: JSONValue {
            .object(["from": .string(from), "to": .string(to), "value": value, "note": note.map { .string($0.description) } ?? .null])
        }
    }

    /// A source parameter with no counterpart on the target.
    package struct Unmapped: Sendable, Equatable {
        /// The source parameter.
        package var path: String
        /// Its value.
        package var value: JSONValue
        /// Why it has no counterpart, and what to do if it matters.
        package var reason: SigScopeMessage

        /// `{"path", "value", "reason"}`.
        package var json: JSONValue {
            .object(["path": .string(path), "value": value, "reason": .string(reason.description)])
        }
    }

    /// The translated request, what maps to what, what has no counterpart, and the target's verdict.
    package struct Result: Sendable, Equatable {
        /// The target request.
        package var request: APIRequest
        package var mappings: [Mapping]
        package var unmapped: [Unmapped]
        /// The target request validated with the target provider's rules.
        package var validation: ValidationReport

        /// The target request as a request file (`provider`, `action`, `region` for Tencent, `params`).
        package var requestFile: JSONValue {
            var object: JSONObject = ["provider": .string(request.provider.rawValue), "action": .string(request.action)]
            if request.provider == .tencent, let region = request.region { object["region"] = .string(region) }
            object["params"] = .object(request.params)
            return .object(object)
        }

        /// `{"from", "to", "request", "mappings", "unmapped", "validation"}`.
        package var json: JSONValue {
            .object([
                "from": .string(request.provider == .aliyun ? Provider.tencent.rawValue : Provider.aliyun.rawValue),
                "to": .string(request.provider.rawValue),
                "request": requestFile,
                "mappings": .array(mappings.map(\.json)),
                "unmapped": .array(unmapped.map(\.json)),
                "validation": validation.json,
            ])
        }
    }

    /// The counterpart of an id on the other cloud, and the evidence for it.
    package struct Counterpart: Sendable, Equatable {
        package var id: String
        /// The VPC the counterpart subnet / vSwitch belongs to, when known.
        package var vpcId: String?
        /// Where it was found (a context file), printed in the note.
        package var evidence: String

        package init(id: String, vpcId: String? = nil, evidence: String) {
            self.id = id
            self.vpcId = vpcId
            self.evidence = evidence
        }
    }

    /// Looks up, in what is known of the user's accounts, which target resource stands for a
    /// source one. The extension point for `--context` (saved Describe* responses): a
    /// resolver matches, say, a Tencent subnet to the Alibaba vSwitch with the same CIDR block.
    package protocol TranslationResolver: Sendable {
        /// The target subnet / vSwitch for `id`, a subnet / vSwitch of `provider`.
        func subnet(_ id: String, of provider: Provider) -> Counterpart?
        /// The target security group for `id`, a security group of `provider`.
        func securityGroup(_ id: String, of provider: Provider) -> Counterpart?
    }

    /// Why a translation cannot be made at all.
    package static let unsupported = SigScopeError.Code.invalidRequest

    /// Translates `request` to `target`.
    /// - Parameters:
    ///   - targetRegion: the target's region, when given (else the region table decides).
    ///   - resolver: what `--context` knows of the accounts, to map ids.
    /// - Throws: `.invalidRequest` when the request is not a `CreateNetworkInterface` of the
    ///   other provider.
    ///   - assignments: target parameters to set afterwards (`--set NAME=VALUE`; flat names allowed),
    ///     such as the ids only the user knows.
    package static func translate(_ request: APIRequest, to target: Provider, targetRegion: String? = nil,
                                 assignments: [(name: String, value: JSONValue)] = [],
                                 resolver: (any TranslationResolver)? = nil) throws(SigScopeError) -> Result {
        guard request.provider != target else {
            throw SigScopeError(.invalidOption, "the request is already a \(target.displayName) request; translate it to the other provider\(aside: .targetProvider)")
        }
        guard request.action == "CreateNetworkInterface" else {
            throw SigScopeError(unsupported, "translate knows CreateNetworkInterface only, not \(request.action)")
        }
        var state = State(source: request.provider, target: target, resolver: resolver)
        switch target {
        case .aliyun: state.tencentToAliyun(request, targetRegion: targetRegion)
        case .tencent: state.aliyunToTencent(request, targetRegion: targetRegion)
        }
        if !assignments.isEmpty {
            state.params = try Params.merge(assignments.map { ($0.name, $0.value) }, into: state.params, replace: true,
                                            indexBase: target.listIndexBase, about: .setParam)
            for assignment in assignments {
                state.map(Mapping.given, assignment.name, assignment.value, note: "given with \(.setParam)")
            }
        }
        let translated = APIRequest(provider: target, action: request.action, region: target == .tencent ? state.region : nil, params: state.params)
        return Result(request: translated, mappings: state.mappings, unmapped: state.unmapped, validation: Validator.validate(translated))
    }

    /// Pairs of regions in the same city, from the two providers' package region lists: Tencent
    /// Cloud's region list (https://cloud.tencent.com/document/api/213/15692) and Alibaba
    /// Cloud's common region IDs for ECS (https://help.aliyun.com/document_detail/140601.html).
    /// A region without a pair here has no counterpart in those lists (Tencent ap-guangzhou,
    /// ap-nanjing; Alibaba cn-hangzhou, cn-shenzhen, …).
    package static let regionPairs: [(tencent: String, aliyun: String, city: String)] = [
        ("ap-beijing", "cn-beijing", "Beijing"),
        ("ap-shanghai", "cn-shanghai", "Shanghai"),
        ("ap-chengdu", "cn-chengdu", "Chengdu"),
        ("ap-hongkong", "cn-hongkong", "Hong Kong"),
        ("ap-singapore", "ap-southeast-1", "Singapore"),
        ("ap-jakarta", "ap-southeast-5", "Jakarta"),
        ("ap-tokyo", "ap-northeast-1", "Tokyo"),
        ("na-siliconvalley", "us-west-1", "Silicon Valley"),
        ("na-ashburn", "us-east-1", "Virginia"),
        ("eu-frankfurt", "eu-central-1", "Frankfurt"),
    ]

    /// The same-city region of `region` (a `provider` region) on the other provider, nil when none is listed.
    package static func counterpartRegion(_ region: String, of provider: Provider) -> (region: String, city: String)? {
        switch provider {
        case .tencent: return regionPairs.first { $0.tencent == region }.map { ($0.aliyun, $0.city) }
        case .aliyun: return regionPairs.first { $0.aliyun == region }.map { ($0.tencent, $0.city) }
        }
    }

    /// A parameter with the same meaning on both sides, only (perhaps) another name and, for an
    /// enumeration, other value names; with each side's rule as it is noted in a translation to it.
    struct Rename {
        var tencent: String
        var aliyun: String
        var tencentRule: String?
        var aliyunRule: String?
        /// For an enumeration, each value's names (Tencent, Alibaba); empty to copy the value.
        var values: [(tencent: String, aliyun: String)] = []
    }

    static let renames: [Rename] = [
        Rename(tencent: "SecondaryPrivateIpAddressCount", aliyun: "SecondaryPrivateIpAddressCount",
               tencentRule: "Tencent: the total private IPs cannot exceed the ENI's quota", aliyunRule: "Alibaba allows 1 to 49, and not together with PrivateIpAddress.N"),
        Rename(tencent: "NetworkInterfaceName", aliyun: "NetworkInterfaceName",
               tencentRule: "Tencent: required, at most 60 characters (the Chinese API page says 60 bytes)",
               aliyunRule: "Alibaba: 2 to 128 characters, starting with a letter; letters, digits, ':', '_', '.', '-'; not http:// or https:// (Tencent: at most 60 characters)"),
        Rename(tencent: "NetworkInterfaceDescription", aliyun: "Description",
               tencentRule: "Tencent: at most 60 characters (Alibaba: up to 256)", aliyunRule: "Alibaba: 2 to 256 characters, not starting with http:// or https:// (Tencent: at most 60)"),
        Rename(tencent: "ClientToken", aliyun: "ClientToken",
               tencentRule: "both: at most 64 ASCII characters; a token is per provider, so a fresh one is safest",
               aliyunRule: "both: at most 64 ASCII characters; a token is per provider, so a fresh one is safest"),
        Rename(tencent: "Ipv6AddressCount", aliyun: "Ipv6AddressCount", tencentRule: "Tencent: 1 to 10", aliyunRule: "Alibaba: 1 to 10, and not together with Ipv6Address.N"),
        Rename(tencent: "TrunkingFlag", aliyun: "InstanceType",
               tencentRule: "Trunk ↔ Enable, Secondary ↔ Disable", aliyunRule: "Enable ↔ Trunk (an invitational preview on Alibaba), Disable ↔ Secondary",
               values: [("Enable", "Trunk"), ("Disable", "Secondary")]),
    ]

    // MARK: - The walk

    struct State {
        let source: Provider
        let target: Provider
        let resolver: (any TranslationResolver)?
        var params = JSONObject()
        var region: String?
        var mappings: [Mapping] = []
        var unmapped: [Unmapped] = []

        init(source: Provider, target: Provider, resolver: (any TranslationResolver)?) {
            self.source = source
            self.target = target
            self.resolver = resolver
        }

        mutating func map(_ from: String, _ to: String, _ value: JSONValue, note: SigScopeMessage? = nil) {
            mappings.append(Mapping(from: from, to: to, value: value, note: note))
        }

        mutating func drop(_ path: String, _ value: JSONValue, _ reason: SigScopeMessage) {
            unmapped.append(Unmapped(path: path, value: value, reason: reason))
        }

        /// `id` of a subnet / security group carried over: the resolver's counterpart, or the
        /// id itself with a note that it must be replaced.
        mutating func carryId(_ from: String, _ to: String, _ value: JSONValue, kind: String, lookup: (String) -> Counterpart?) -> JSONValue {
            guard let id = value.stringValue else {
                map(from, to, value, note: "not a string; the target's validation reports it")
                return value
            }
            if let found = lookup(id) {
                map(from, to, .string(found.id), note: "the \(target.displayName) counterpart of \(id), from \(found.evidence)")
                return .string(found.id)
            }
            let flat = to.replacingBrackets
            let lookup: SigScopeMessage = resolver == nil ? ", or \(.context) to look it up"
                : "; \(.context) has no single counterpart (the same CIDR block, or the only block holding the private IPs asked for)"
            map(from, to, value, note: "\(id) is the \(kind) id on \(source.displayName): replace it with the one on \(target.displayName) (\(.setParam) \(flat)=…\(lookup))")
            return value
        }

        /// A parameter that only changes its name (or keeps it): set, recorded with the
        /// target's rule as the note; false for any other parameter.
        mutating func rename(_ name: String, _ value: JSONValue) -> Bool {
            guard let pair = ENITranslation.renames.first(where: { (source == .tencent ? $0.tencent : $0.aliyun) == name }) else { return false }
            let to = target == .tencent ? pair.tencent : pair.aliyun
            var translated = value
            if !pair.values.isEmpty {
                let names = pair.values.map { source == .tencent ? ($0.tencent, $0.aliyun) : ($0.aliyun, $0.tencent) }
                guard let text = value.stringValue, let found = names.first(where: { $0.0 == text }) else {
                    drop(name, value, SigScopeMessage(verbatim: "only " + names.map { "\($0.0) (\(to) \($0.1))" }.joined(separator: " and ") + " have a counterpart"))
                    return true
                }
                translated = .string(found.1)
            }
            params[to] = translated
            map(name, to, translated, note: (target == .tencent ? pair.tencentRule : pair.aliyunRule).map(SigScopeMessage.init(verbatim:)))
            return true
        }

        func isTrue(_ value: JSONValue?) -> Bool {
            switch value {
            case .bool(let b)?: return b
            case .string(let s)?: return s.lowercased() == "true"
            default: return false
            }
        }

        // MARK: Tencent → Alibaba

        mutating func tencentToAliyun(_ request: APIRequest, targetRegion: String?) {
            regionToAliyun(request.region, targetRegion: targetRegion)
            for member in request.params {
                let name = member.key, value = member.value
                if rename(name, value) { continue }
                switch name {
                case "VpcId":
                    drop(name, value, "Alibaba's CreateNetworkInterface takes no VPC id: the vSwitch (VSwitchId) determines the VPC")
                case "SubnetId":
                    params["VSwitchId"] = carryId(name, "VSwitchId", value, kind: "subnet") { [resolver, source] in resolver?.subnet($0, of: source) }
                case "SecurityGroupIds":
                    let groups = value.arrayValue ?? [value]
                    var carried: [JSONValue] = []
                    for (index, group) in groups.enumerated() {
                        let to = groups.count == 1 ? "SecurityGroupId" : "SecurityGroupIds.\(index + 1)"
                        carried.append(carryId("SecurityGroupIds[\(index)]", to, group, kind: "security group") { [resolver, source] in resolver?.securityGroup($0, of: source) })
                    }
                    if carried.count == 1 {
                        params["SecurityGroupId"] = carried[0]
                    } else if !carried.isEmpty {
                        params["SecurityGroupIds"] = .array(carried)
                    }
                case "PrivateIpAddresses" where value.arrayValue == nil, "Ipv6Addresses" where value.arrayValue == nil:
                    drop(name, value, "not a list, so there is nothing to map; Tencent's validation would refuse it too")
                case "PrivateIpAddresses":
                    privateIpsToAliyun(value)
                case "Tags":
                    params["Tag"] = value
                    let count = value.arrayValue?.count ?? 0
                    for index in 0..<count {
                        map("Tags[\(index)]", "Tag.\(index + 1)", value.arrayValue?[index] ?? .null)
                    }
                    if count == 0 { map(name, "Tag", value) }
                case "Ipv6Addresses":
                    let entries = value.arrayValue ?? []
                    var addresses: [JSONValue] = []
                    for (index, entry) in entries.enumerated() {
                        let address = entry.objectValue?["Address"] ?? entry
                        addresses.append(address)
                        map("Ipv6Addresses[\(index)].Address", "Ipv6Address.\(index + 1)", address)
                        for field in entry.objectValue?.members ?? [] where field.key != "Address" {
                            drop("Ipv6Addresses[\(index)].\(field.key)", field.value, "Alibaba's Ipv6Address.N is the address alone")
                        }
                    }
                    params["Ipv6Address"] = .array(addresses)
                case "QosLevel":
                    drop(name, value, "Alibaba has no IP service level for an ENI")
                case "IsRdma":
                    drop(name, value, "no direct counterpart; Alibaba's NetworkInterfaceTrafficMode=HighPerformance creates an ERI (RDMA) ENI on instance types that support it")
                case "TerminationProtection", "TrafficProtection":
                    drop(name, value, "Alibaba's CreateNetworkInterface has no such protection setting")
                default:
                    drop(name, value, "not a Tencent CreateNetworkInterface parameter sigscope can map")
                }
            }
        }

        mutating func regionToAliyun(_ region: String?, targetRegion: String?) {
            if let targetRegion {
                params["RegionId"] = .string(targetRegion)
                map("region", "RegionId", .string(targetRegion), note: "given with \(.targetRegion)")
                return
            }
            guard let region else { return }
            if let pair = ENITranslation.counterpartRegion(region, of: .tencent) {
                params["RegionId"] = .string(pair.region)
                map("region", "RegionId", .string(pair.region), note: "the Alibaba Cloud region in the same city (\(pair.city))")
            } else {
                drop("region", .string(region), "no Alibaba Cloud ECS region in the same city in the package region lists sigscope maps from; give the one you want with \(.targetRegion)")
            }
        }

        mutating func privateIpsToAliyun(_ value: JSONValue) {
            let entries = value.arrayValue ?? []
            let primaryIndex = entries.firstIndex { isTrue($0.objectValue?["Primary"]) }
            var secondary: [JSONValue] = []
            for (index, entry) in entries.enumerated() {
                let path = "PrivateIpAddresses[\(index)]"
                guard let object = entry.objectValue else {
                    drop(path, entry, "not an object of PrivateIpAddress and Primary")
                    continue
                }
                guard object["PrivateIpAddress"] != nil else {
                    drop(path, entry, "an entry without PrivateIpAddress asks for no specific address; Alibaba has no counterpart")
                    continue
                }
                if let address = object["PrivateIpAddress"] {
                    if index == primaryIndex {
                        params["PrimaryIpAddress"] = address
                        map(path + ".PrivateIpAddress", "PrimaryIpAddress", address, note: "the entry marked Primary")
                    } else {
                        secondary.append(address)
                        map(path + ".PrivateIpAddress", "PrivateIpAddress.\(secondary.count)", address,
                            note: primaryIndex == nil ? "no entry is marked Primary, so every address is a secondary one and Alibaba picks the primary" : nil)
                    }
                }
                for field in object.members where field.key != "PrivateIpAddress" && field.key != "Primary" {
                    drop("\(path).\(field.key)", field.value, "Alibaba's private IPs are addresses alone; \(field.key) has no counterpart")
                }
            }
            if !secondary.isEmpty { params["PrivateIpAddress"] = .array(secondary) }
        }

        // MARK: Alibaba → Tencent

        mutating func aliyunToTencent(_ request: APIRequest, targetRegion: String?) {
            if let targetRegion {
                region = targetRegion
                let was = request.params["RegionId"]?.stringValue.map { " instead of the same-city counterpart of \($0)" } ?? ""
                map("RegionId", "region", .string(targetRegion), note: "given with \(.targetRegion)\(was)")
            }
            var privateIps: [JSONValue] = []
            for member in request.params {
                let name = member.key, value = member.value
                if rename(name, value) { continue }
                switch name {
                case "RegionId":
                    guard targetRegion == nil else { continue }
                    if let id = value.stringValue, let pair = ENITranslation.counterpartRegion(id, of: .aliyun) {
                        region = pair.region
                        map(name, "region", .string(pair.region), note: "the Tencent Cloud region in the same city (\(pair.city))")
                    } else {
                        drop(name, value, "no Tencent Cloud region in the same city in the package region lists sigscope maps from; give the one you want with \(.targetRegion)")
                    }
                case "VSwitchId":
                    let lookup: (String) -> Counterpart? = { [resolver, source] in resolver?.subnet($0, of: source) }
                    params["SubnetId"] = carryId(name, "SubnetId", value, kind: "vSwitch", lookup: lookup)
                    if let id = value.stringValue, let vpc = lookup(id)?.vpcId {
                        params["VpcId"] = .string(vpc)
                        map(name, "VpcId", .string(vpc), note: "the VPC of the counterpart subnet")
                    }
                case "SecurityGroupId":
                    var groups = params["SecurityGroupIds"]?.arrayValue ?? []
                    groups.append(carryId(name, "SecurityGroupIds[\(groups.count)]", value, kind: "security group") { [resolver, source] in resolver?.securityGroup($0, of: source) })
                    params["SecurityGroupIds"] = .array(groups)
                case "SecurityGroupIds":
                    var groups = params["SecurityGroupIds"]?.arrayValue ?? []
                    for (index, group) in (value.arrayValue ?? [value]).enumerated() {
                        groups.append(carryId("SecurityGroupIds.\(index + 1)", "SecurityGroupIds[\(groups.count)]", group, kind: "security group") { [resolver, source] in resolver?.securityGroup($0, of: source) })
                    }
                    params["SecurityGroupIds"] = .array(groups)
                case "PrimaryIpAddress":
                    privateIps.insert(.object(["PrivateIpAddress": value, "Primary": .bool(true)]), at: 0)
                    map(name, "PrivateIpAddresses[0]", value, note: "with Primary true")
                case "PrivateIpAddress":
                    for (index, address) in (value.arrayValue ?? [value]).enumerated() {
                        privateIps.append(.object(["PrivateIpAddress": address, "Primary": .bool(false)]))
                        map("PrivateIpAddress.\(index + 1)", "PrivateIpAddresses[\(privateIps.count - 1)]", address,
                            note: "Tencent takes at most 10 PrivateIpAddresses")
                    }
                case "Tag":
                    params["Tags"] = value
                    for (index, tag) in (value.arrayValue ?? []).enumerated() {
                        map("Tag.\(index + 1)", "Tags[\(index)]", tag)
                    }
                    if value.arrayValue?.isEmpty ?? true { map(name, "Tags", value) }
                case "Ipv6Address":
                    let addresses = value.arrayValue ?? [value]
                    params["Ipv6Addresses"] = .array(addresses.map { .object(["Address": $0]) })
                    for (index, address) in addresses.enumerated() {
                        map("Ipv6Address.\(index + 1)", "Ipv6Addresses[\(index)].Address", address)
                    }
                case "NetworkInterfaceTrafficMode" where value.stringValue == "HighPerformance":
                    drop(name, value, "no direct counterpart; Tencent's IsRdma=true asks for an RDMA ENI")
                case "Format":
                    drop(name, value, "a common parameter of Alibaba's RPC protocol; Tencent always answers JSON")
                default:
                    drop(name, value, "Tencent's CreateNetworkInterface has no counterpart of \(name)")
                }
            }
            if !privateIps.isEmpty {
                params["PrivateIpAddresses"] = .array(privateIps)
            }
        }
    }
}

extension String {
    /// `Tags[0].Key` as the flat wire name `Tags.0.Key` (what `--set` and `--param` take).
    var replacingBrackets: String {
        var out = ""
        for c in self {
            switch c {
            case "[": out.append(".")
            case "]": break
            default: out.append(c)
            }
        }
        return out
    }
}
