/// Builds a `ContextState` from saved Describe* responses: bare JSON or XML bodies, HTTP
/// responses as `curl -i` prints them, and HAR files with any number of entries.
///
/// Pure: the caller reads the files and hands in their names and bytes. Every file must
/// contribute: a response of another action, an API error, a body that does not parse, or a
/// HAR file without a single Describe* entry is an error naming the file (exit 2), never
/// skipped. Pages of one listing (several files, or several HAR entries) merge.
package enum ContextLoader {
    /// One input: its name (as errors and findings show it) and its bytes.
    package struct File: Sendable {
        package var name: String
        package var bytes: [UInt8]

        package init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// Reads `files` into one state.
    /// - Parameter provider: when given, every file must be this provider's.
    /// - Throws: `SigScopeError` `.invalidContext` for a file that is no Describe* success response,
    ///   `.contextConflict` for two files that disagree, `.undecodable` / `.invalidCapture` /
    ///   `.limitExceeded` for input that does not parse.
    package static func load(_ files: [File], provider: Provider? = nil, limits: ResponseLimits = .standard) throws(SigScopeError) -> ContextState {
        var state = provider.map { ContextState(provider: $0) } ?? ContextState()
        for file in files {
            try load(file, into: &state, limits: limits)
        }
        return state
    }

    /// Adds one file's responses to `state`.
    /// - Throws: as `load(_:provider:limits:)`.
    package static func load(_ file: File, into state: inout ContextState, limits: ResponseLimits = .standard) throws(SigScopeError) {
        let bytes = file.bytes
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count, CapturedResponse.Bytes.isSpace(bytes[start]) { start += 1 }
        if start == bytes.count {
            throw SigScopeError(.invalidContext, "the file is empty; a context file is a saved Describe* response", source: file.name)
        }
        if HARDocument.mayBeHAR(bytes, objectAt: start), let har = try HARDocument.detect(bytes, limits: limits, source: file.name) {
            try loadHAR(har, file: file, into: &state, limits: limits)
            return
        }
        let decoded: DecodedResponse
        do throws(SigScopeError) {
            decoded = try ResponseDecoder.decode(bytes, provider: nil, action: nil, entry: nil, limits: limits, source: file.name)
        } catch where error.code == .undecodable && error.reason.hasPrefix("cannot tell which provider answered") {
            // decode's advice (--provider) does not apply to a context file, which names its provider itself.
            throw SigScopeError(.invalidContext, notAResponse(bytes), source: file.name)
        }
        try absorb(decoded, evidence: file.name, source: file.name, into: &state)
    }

    private static func loadHAR(_ har: HARDocument, file: File, into state: inout ContextState, limits: ResponseLimits) throws(SigScopeError) {
        var used = 0
        for entry in har.entries {
            guard let provider = entry.provider, entry.status != 0, entry.text != nil else { continue }
            // An entry whose request names an action that is not a Describe* one is another call of the session.
            if let action = entry.action, DescribeModels.entry(provider: provider, action: action) == nil { continue }
            let capture = try har.response(entry: entry.index, source: file.name)
            let evidence = "\(file.name) (HAR entry \(entry.index))"
            let decoded: DecodedResponse
            do throws(SigScopeError) {
                decoded = try ResponseDecoder.decode(capture, provider: provider, action: nil, limits: limits, source: file.name)
            } catch {
                var located = error
                located.reason = "HAR entry \(entry.index): " + error.reason
                throw located
            }
            // Without an action on the request, an entry that is not a Describe* result is another call.
            if entry.action == nil, !isDescribeSuccess(decoded) { continue }
            try absorb(decoded, evidence: evidence, source: file.name, into: &state)
            used += 1
        }
        if used == 0 {
            let actions = (DescribeModels.actions(for: .tencent) + DescribeModels.actions(for: .aliyun)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            throw SigScopeError(.invalidContext, "the HAR file has \(har.entries.count) entr\(har.entries.count == 1 ? "y" : "ies") but none is a saved response of a Describe* call to a Tencent Cloud or Alibaba Cloud API (\(actions.joined(separator: ", "))); export the session again with those calls and their content", source: file.name)
        }
    }

    /// Adds one decoded response to `state`.
    /// - Throws: `.invalidContext` when it is an API error or not a Describe* result, `.contextConflict`.
    package static func absorb(_ decoded: DecodedResponse, evidence: String, source: String, into state: inout ContextState) throws(SigScopeError) {
        if decoded.outcome == .error {
            let code = decoded.error?.code.map { " \($0)" } ?? ""
            let message = decoded.error?.message.map { ": \($0)" } ?? ""
            throw SigScopeError(.invalidContext, "\(evidence == source ? "this" : evidence.replacingOccurrences(of: source + " ", with: "")) is an API error response (\(decoded.provider.displayName)\(code)\(message)), not a Describe* result; save the response of a call that succeeded", source: source)
        }
        guard case .describe(let result)? = decoded.result else {
            let what = decoded.action.map { "a \($0) response" } ?? "a response sigscope cannot name"
            throw SigScopeError(.invalidContext, "\(what) is not one of the Describe* responses a context is made from (\(decoded.provider.displayName): \(DescribeModels.actions(for: decoded.provider).joined(separator: ", ")))", source: source)
        }
        if let problem = malformed(result) {
            let entry = evidence == source ? "" : evidence.replacingOccurrences(of: source + " ", with: "") + ": "
            throw SigScopeError(.invalidContext, "\(entry)the \(result.action) response \(problem); sigscope takes no guess at a fact it cannot read, so fix or replace the file", source: source)
        }
        do throws(ContextConflict) {
            try state.setProvider(result.provider, evidence: evidence)
            try absorb(result, evidence: evidence, into: &state)
        } catch {
            var failure = error.error
            failure.source = source
            throw failure
        }
    }

    /// Adds the resources of one Describe* result to `state`.
    /// - Throws: `ContextConflict` when a fact disagrees with one already known.
    package static func absorb(_ result: DescribeResult, evidence: String, into state: inout ContextState) throws(ContextConflict) {
        let f = result.fields
        let total = f.typedInteger("TotalCount").map { Int(clamping: $0) }
        switch (result.provider, result.action) {
        case (.tencent, "DescribeVpcs"):
            state.markListed(.vpcs, by: evidence, totalCount: total)
            try addVpcs(f.typedObjects("VpcSet"), evidence: evidence, into: &state)
        case (.tencent, "DescribeSubnets"):
            state.markListed(.subnets, by: evidence, totalCount: total)
            try addSubnets(f.typedObjects("SubnetSet"), id: "SubnetId", zone: "Zone", evidence: evidence, into: &state)
        case (.tencent, "DescribeSecurityGroups"):
            state.markListed(.securityGroups, by: evidence, totalCount: total)
            for group in f.typedObjects("SecurityGroupSet") {
                guard let id = group.typedString("SecurityGroupId") else { continue }
                try state.add(ContextState.SecurityGroup(id: id, evidence: evidence))
            }
        case (.tencent, "DescribeNetworkInterfaces"):
            state.markListed(.networkInterfaces, by: evidence, totalCount: total)
            for eni in f.typedObjects("NetworkInterfaceSet") {
                guard let id = eni.typedString("NetworkInterfaceId") else { continue }
                let ips = eni.typedObjects("PrivateIpAddressSet")
                let addresses = ips.compactMap { $0.typedString("PrivateIpAddress") }
                let primary = ips.first { $0.typedBool("Primary") == true }?.typedString("PrivateIpAddress")
                try state.add(ContextState.NetworkInterface(
                    id: id, vpcId: nonEmpty(eni.typedString("VpcId")), subnetId: nonEmpty(eni.typedString("SubnetId")), zone: nonEmpty(eni.typedString("Zone")),
                    privateIpAddresses: addresses, primaryIpAddress: primary,
                    ipv6Addresses: eni.typedObjects("Ipv6AddressSet").compactMap { $0.typedString("Address") },
                    securityGroupIds: eni.typedStrings("GroupSet"), type: eni.typedBool("Primary") == true ? "Primary" : nil,
                    tags: eni.typedObjects("TagSet").compactMap { tag in tag.typedString("Key").map { ContextTag(key: $0, value: tag.typedString("Value") ?? "") } },
                    evidence: evidence))
            }
        case (.tencent, "DescribeNetworkInterfaceLimit"):
            state.markListed(.quotas, by: evidence)
            for name in ["EniQuantity", "EniPrivateIpAddressQuantity", "ExtendEniQuantity", "ExtendEniPrivateIpAddressQuantity", "SubEniQuantity", "SubEniPrivateIpAddressQuantity"] {
                if let value = f.typedInteger(name) { try state.add(ContextState.Quota(name: name, value: Int(clamping: value), evidence: evidence)) }
            }
        case (.tencent, "DescribeVpcLimits"):
            state.markListed(.quotas, by: evidence)
            for limit in f.typedObjects("VpcLimitSet") {
                guard let name = limit.typedString("LimitType"), let value = limit.typedInteger("LimitValue") else { continue }
                try state.add(ContextState.Quota(name: name, value: Int(clamping: value), evidence: evidence))
            }
        case (.aliyun, "DescribeVpcs"):
            state.markListed(.vpcs, by: evidence, totalCount: total)
            try addVpcs(f.typedObjects("Vpcs"), evidence: evidence, into: &state)
        case (.aliyun, "DescribeVSwitches"):
            state.markListed(.subnets, by: evidence, totalCount: total)
            try addSubnets(f.typedObjects("VSwitches"), id: "VSwitchId", zone: "ZoneId", evidence: evidence, into: &state)
        case (.aliyun, "DescribeSecurityGroups"):
            state.markListed(.securityGroups, by: evidence, totalCount: total)
            for group in f.typedObjects("SecurityGroups") {
                guard let id = group.typedString("SecurityGroupId") else { continue }
                // An empty VpcId is how a classic-network group is listed; an absent one says nothing.
                let vpcId: String? = group["VpcId"] == nil || group["VpcId"] == .null ? nil : (group.typedString("VpcId") ?? "")
                try state.add(ContextState.SecurityGroup(id: id, vpcId: vpcId, type: nonEmpty(group.typedString("SecurityGroupType")), evidence: evidence))
            }
        case (.aliyun, "DescribeNetworkInterfaces"):
            state.markListed(.networkInterfaces, by: evidence, totalCount: total)
            for eni in f.typedObjects("NetworkInterfaceSets") {
                guard let id = eni.typedString("NetworkInterfaceId") else { continue }
                let sets = eni.typedObjects("PrivateIpSets")
                var addresses = sets.compactMap { $0.typedString("PrivateIpAddress") }
                let primary = nonEmpty(eni.typedString("PrivateIpAddress")) ?? sets.first { $0.typedBool("Primary") == true }?.typedString("PrivateIpAddress")
                if let primary, !addresses.contains(primary) { addresses.insert(primary, at: 0) }
                try state.add(ContextState.NetworkInterface(
                    id: id, vpcId: nonEmpty(eni.typedString("VpcId")), subnetId: nonEmpty(eni.typedString("VSwitchId")), zone: nonEmpty(eni.typedString("ZoneId")),
                    privateIpAddresses: addresses, primaryIpAddress: primary,
                    ipv6Addresses: eni.typedObjects("Ipv6Sets").compactMap { $0.typedString("Ipv6Address") },
                    securityGroupIds: eni.typedStrings("SecurityGroupIds"), type: nonEmpty(eni.typedString("Type")),
                    tags: eni.typedObjects("Tags").compactMap { tag in tag.typedString("TagKey").map { ContextTag(key: $0, value: tag.typedString("TagValue") ?? "") } },
                    evidence: evidence))
            }
        case (.aliyun, "DescribeAccountAttributes"):
            state.markListed(.quotas, by: evidence)
            for item in f.typedObjects("AccountAttributeItems") {
                guard let name = item.typedString("AttributeName") else { continue }
                // A quota has one value (per-zone attributes such as instance counts are not quotas of ENIs).
                let values = item.typedObjects("AttributeValues").compactMap { $0.typedString("Value").flatMap { Int($0.trimmingASCIIWhitespace()) } }
                if values.count == 1 { try state.add(ContextState.Quota(name: name, value: values[0], evidence: evidence)) }
            }
        default:
            break
        }
    }

    /// VPCs of either provider's listing (Tencent's have no `RegionId`).
    private static func addVpcs(_ items: [JSONObject], evidence: String, into state: inout ContextState) throws(ContextConflict) {
        for vpc in items {
            guard let id = vpc.typedString("VpcId") else { continue }
            try state.add(ContextState.VPC(id: id, cidrBlock: nonEmpty(vpc.typedString("CidrBlock")), ipv6CidrBlock: nonEmpty(vpc.typedString("Ipv6CidrBlock")),
                                           region: nonEmpty(vpc.typedString("RegionId")), evidence: evidence))
        }
    }

    /// Subnets or vSwitches: the same facts under the providers' id and zone names (Alibaba's have
    /// no `TotalIpAddressCount`).
    private static func addSubnets(_ items: [JSONObject], id idKey: String, zone zoneKey: String, evidence: String, into state: inout ContextState) throws(ContextConflict) {
        for subnet in items {
            guard let id = subnet.typedString(idKey) else { continue }
            try state.add(ContextState.Subnet(id: id, vpcId: nonEmpty(subnet.typedString("VpcId")), cidrBlock: nonEmpty(subnet.typedString("CidrBlock")),
                                              ipv6CidrBlock: nonEmpty(subnet.typedString("Ipv6CidrBlock")), zone: nonEmpty(subnet.typedString(zoneKey)),
                                              availableIpAddressCount: subnet.typedInteger("AvailableIpAddressCount").map { Int(clamping: $0) },
                                              totalIpAddressCount: subnet.typedInteger("TotalIpAddressCount").map { Int(clamping: $0) }, evidence: evidence))
        }
    }

    /// The listing members of the Describe* results: each must be a list when present.
    private static let listings = ["VpcSet", "SubnetSet", "SecurityGroupSet", "NetworkInterfaceSet", "VpcLimitSet",
                                   "Vpcs", "VSwitches", "SecurityGroups", "NetworkInterfaceSets", "AccountAttributeItems"]

    /// What makes `result` unusable as state, nil when nothing does: a listing that is not a list,
    /// a subnet whose CIDR block or free-address count cannot be read. Read as absent, these
    /// would make sigscope decide from facts the file does not hold.
    static func malformed(_ result: DescribeResult) -> String? {
        let f = result.fields
        for key in listings {
            guard let value = f[key], value != .null else { continue }
            if value.arrayValue == nil { return "has \(key) that is not a list of items" }
        }
        for key in ["SubnetSet", "VSwitches"] {
            let idKey = key == "SubnetSet" ? "SubnetId" : "VSwitchId"
            for subnet in f.typedObjects(key) {
                let id = subnet.typedString(idKey) ?? "?"
                if let cidr = nonEmpty(subnet.typedString("CidrBlock")), IPv4Block(text: cidr) == nil {
                    return "lists \(idKey) \(id) with CidrBlock \(JSONWriter.compact.string(.string(cidr))), which is not an IPv4 CIDR block such as 172.16.64.0/24"
                }
                if let cidr = nonEmpty(subnet.typedString("Ipv6CidrBlock")), IPAddressText.cidr(cidr, v6: true) == nil {
                    return "lists \(idKey) \(id) with Ipv6CidrBlock \(JSONWriter.compact.string(.string(cidr))), which is not an IPv6 CIDR block such as 2402:4e00:1013:e500::/64"
                }
                if let count = subnet["AvailableIpAddressCount"], count != .null, count != .string(""), subnet.typedInteger("AvailableIpAddressCount") == nil {
                    return "lists \(idKey) \(id) with AvailableIpAddressCount \(JSONWriter.compact.string(count)), which is not a whole number"
                }
            }
        }
        return nil
    }

    /// Why a JSON object no provider answers with is no context file: a request file given by
    /// mistake (it has `params`), or another document.
    private static func notAResponse(_ bytes: [UInt8]) -> String {
        let object = (try? JSONParser.parse(bytes))?.objectValue
        if let object, object["params"] != nil, object["provider"] != nil || object["action"] != nil {
            return "this is a sigscope request file, not a saved response; give it as the request to check, and the saved responses of the Describe* calls as the context"
        }
        let keys = object?.keys.prefix(6).joined(separator: ", ") ?? ""
        return "this JSON is no Tencent Cloud response ({\"Response\": {…}}) and no Alibaba Cloud one (no RequestId)\(keys.isEmpty ? "" : "; its members are " + keys); a context file is a saved Describe* response"
    }

    private static func isDescribeSuccess(_ decoded: DecodedResponse) -> Bool {
        guard decoded.outcome == .success, case .describe? = decoded.result else { return false }
        return true
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
