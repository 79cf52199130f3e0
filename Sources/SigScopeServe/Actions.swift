import SigScope

/// What an action did.
enum ActionOutcome {
    /// The result fields (without `RequestId`), and a few words for the log.
    case success(JSONObject, summary: String)
    /// The provider's error, its HTTP status when it is not the catalog's, and a few words for the log.
    case failure(code: String, message: String, status: Int?, summary: String)
}

/// An action serve carries out.
struct Action {
    let run: (WireRequest, ServeEngine, Timestamp, inout IDSource) -> ActionOutcome

    /// The action `name` of `provider`: the ENI actions always, a Describe* the context holds a saved answer for.
    static func named(_ name: String, provider: Provider, inventory: ServeInventory) -> Action? {
        switch name {
        case "CreateNetworkInterface": return Action(run: Actions.create)
        case "DescribeNetworkInterfaces": return Action(run: Actions.describe)
        case "DeleteNetworkInterface": return Action(run: Actions.delete)
        default:
            guard let saved = inventory.describeBodies[provider]?[name] else { return nil }
            return Action { _, _, _, _ in .success(saved, summary: "answered from context") }
        }
    }
}

enum Actions {
    // MARK: - CreateNetworkInterface

    static func create(_ wire: WireRequest, engine: ServeEngine, now: Timestamp, ids: inout IDSource) -> ActionOutcome {
        let provider = wire.provider
        let subnetId = wire.text(provider.dialect.subnetParameter) ?? ""
        let known = engine.state.subnet(provider, id: subnetId)
        let token = wire.text("ClientToken").flatMap { $0.isEmpty ? nil : $0 }

        // The addresses asked for: (address, primary), and how many more to pick.
        var given: [(address: String, primary: Bool)] = []
        var extra = Int(wire.text("SecondaryPrivateIpAddressCount") ?? "") ?? 0
        switch provider {
        case .tencent:
            if case .array(let items)? = wire.params["PrivateIpAddresses"] {
                for item in items {
                    guard let address = item["PrivateIpAddress"]?.scalarText, !address.isEmpty else { continue }
                    given.append((address, isTrue(item["Primary"])))
                }
            }
        case .aliyun:
            if let primary = wire.text("PrimaryIpAddress"), !primary.isEmpty { given.append((primary, true)) }
            for address in wire.texts("PrivateIpAddress") where !address.isEmpty { given.append((address, false)) }
        }
        if !given.isEmpty, !given.contains(where: \.primary) { given[0].primary = true }
        if given.isEmpty { extra += 1 }

        return engine.state.withState { contents -> ActionOutcome in
            if let token, let id = contents.clientTokens[provider]?[token], let eni = contents.interfaces[provider]?.first(where: { $0.id == id }) {
                return .success(createdFields(eni), summary: "\(eni.id) (ClientToken \(token) seen before: the same ENI)")
            }
            let peers = (contents.interfaces[provider] ?? []).filter { $0.subnetId == subnetId }
            var taken = Set(peers.flatMap { $0.privateIPs.map(\.address) })
            for listed in contents.contexts[provider]?.networkInterfaces ?? [] where listed.subnetId == subnetId { taken.formUnion(listed.privateIpAddresses) }
            for ip in given {
                if let known, let range = AddressRange(cidr: known.cidr), !range.contains(ip.address) {
                    if provider == .tencent {
                        return .failure(code: "InvalidParameterValue.Range", message: "The parameter value is not in the specified range. \(ip.address) is outside subnet \(subnetId) (\(known.cidr)).", status: nil,
                                        summary: "\(ip.address) is outside \(subnetId) \(known.cidr)")
                    }
                }
                if taken.contains(ip.address), provider == .tencent {
                    return .failure(code: "ResourceInUse", message: "The resource is occupied. \(ip.address) is already in use in subnet \(subnetId).", status: nil,
                                    summary: "\(ip.address) is already taken in \(subnetId)")
                }
                taken.insert(ip.address)
            }
            var addresses = given
            if extra > 0 {
                let range = known.flatMap { AddressRange(cidr: $0.cidr) } ?? AddressRange(cidr: provider.dialect.defaultPool)
                guard let range, let picked = range.free(extra, excluding: taken) else {
                    return provider == .tencent
                        ? .failure(code: "ResourceInsufficient.Subnet", message: "The subnet does not have sufficient IPs.", status: nil, summary: "no \(extra) free addresses in \(subnetId)")
                        : .failure(code: "InvalidVSwitchId.IpNotEnough", message: "The specified VSwitch has not enough IpAddress.", status: 403, summary: "no \(extra) free addresses in \(subnetId)")
                }
                let hasPrimary = addresses.contains(where: \.primary)
                addresses += picked.enumerated().map { ($0.element, !hasPrimary && $0.offset == 0) }
            }
            let eni = NetworkInterfaceRecord(
                provider: provider,
                id: provider == .tencent ? ids.tencentInterfaceId() : ids.aliyunInterfaceId(region: wire.region),
                name: wire.text("NetworkInterfaceName") ?? "",
                description: wire.text(provider.dialect.descriptionParameter) ?? "",
                vpcId: provider == .tencent ? (wire.text("VpcId") ?? "") : (known?.vpcId ?? ""),
                subnetId: subnetId,
                zone: known?.zone ?? "",
                securityGroupIds: provider == .tencent ? wire.texts("SecurityGroupIds") : (wire.texts("SecurityGroupIds") + wire.texts("SecurityGroupId")),
                privateIPs: addresses,
                macAddress: ids.macAddress(for: provider),
                tags: tags(wire),
                created: now,
                listed: nil)
            contents.interfaces[provider, default: []].append(eni)
            contents.createdCount += 1
            // The context state learns it too, so its addresses count as taken and the quota counts it.
            try? contents.contexts[provider]?.add(ContextState.NetworkInterface(
                id: eni.id, vpcId: eni.vpcId.isEmpty ? nil : eni.vpcId, subnetId: eni.subnetId, zone: eni.zone.isEmpty ? nil : eni.zone,
                privateIpAddresses: eni.privateIPs.map(\.address), primaryIpAddress: eni.privateIPs.first(where: \.primary)?.address,
                securityGroupIds: eni.securityGroupIds, type: "Secondary", evidence: "created by sigscope serve"))
            if let token { contents.clientTokens[provider, default: [:]][token] = eni.id }
            return .success(createdFields(eni), summary: "\(eni.id) " + eni.privateIPs.map(\.address).joined(separator: ","))
        }
    }

    private static func createdFields(_ eni: NetworkInterfaceRecord) -> JSONObject {
        switch eni.provider {
        case .tencent: return ["NetworkInterface": .object(ProviderBodies.tencentInterface(eni, state: "PENDING"))]
        case .aliyun: return ProviderBodies.aliyunCreated(eni)
        }
    }

    private static func tags(_ wire: WireRequest) -> [(key: String, value: String)] {
        let name = wire.provider.dialect.tagsParameter
        guard case .array(let items)? = wire.params[name] else { return [] }
        return items.compactMap { item in
            guard let key = item["Key"]?.scalarText else { return nil }
            return (key, item["Value"]?.scalarText ?? "")
        }
    }

    static func isTrue(_ value: JSONValue?) -> Bool {
        switch value {
        case .bool(let b)?: return b
        case .string(let s)?: return s.lowercased() == "true"
        default: return false
        }
    }

    // MARK: - DescribeNetworkInterfaces

    static func describe(_ wire: WireRequest, engine: ServeEngine, now: Timestamp, ids: inout IDSource) -> ActionOutcome {
        let provider = wire.provider
        let all = engine.state.withState { $0.interfaces[provider] ?? [] }
        switch provider {
        case .tencent:
            var matching = all
            let wanted = wire.texts("NetworkInterfaceIds")
            if !wanted.isEmpty { matching = matching.filter { wanted.contains($0.id) } }
            if case .array(let filters)? = wire.params["Filters"] {
                for filter in filters {
                    let name = filter["Name"]?.scalarText ?? ""
                    let values: [String]
                    if case .array(let items)? = filter["Values"] { values = items.compactMap(\.scalarText) } else { values = [] }
                    let field: ((NetworkInterfaceRecord) -> [String])?
                    switch name {
                    case "vpc-id": field = { [$0.vpcId] }
                    case "subnet-id": field = { [$0.subnetId] }
                    case "network-interface-id": field = { [$0.id] }
                    case "network-interface-name": field = { [$0.name] }
                    case "address-ip": field = { $0.privateIPs.map(\.address) }
                    default: field = nil
                    }
                    guard let field else {
                        return .failure(code: "InvalidParameter.FilterInvalidKey", message: "The filter key `\(name)` is invalid.", status: nil, summary: "filter \(name) unknown")
                    }
                    matching = matching.filter { !Set(field($0)).isDisjoint(with: values) }
                }
            }
            let offset = max(0, Int(wire.text("Offset") ?? "") ?? 0)
            let limit = min(100, max(1, Int(wire.text("Limit") ?? "") ?? 20))
            let page = matching.dropFirst(offset).prefix(limit)
            return .success(["NetworkInterfaceSet": .array(page.map { .object(ProviderBodies.tencentInterface($0, state: "AVAILABLE")) }),
                             "TotalCount": .number(String(matching.count))], summary: "\(page.count) of \(matching.count)")
        case .aliyun:
            var matching = all
            let wanted = wire.texts("NetworkInterfaceId")
            if !wanted.isEmpty { matching = matching.filter { wanted.contains($0.id) } }
            if let vpc = wire.text("VpcId"), !vpc.isEmpty { matching = matching.filter { $0.vpcId == vpc } }
            if let vsw = wire.text("VSwitchId"), !vsw.isEmpty { matching = matching.filter { $0.subnetId == vsw } }
            if let name = wire.text("NetworkInterfaceName"), !name.isEmpty { matching = matching.filter { $0.name == name } }
            if let ip = wire.text("PrimaryIpAddress"), !ip.isEmpty { matching = matching.filter { $0.privateIPs.first(where: \.primary)?.address == ip } }
            let pageNumber = max(1, Int(wire.text("PageNumber") ?? "") ?? 1)
            let pageSize = min(500, max(1, Int(wire.text("PageSize") ?? "") ?? 10))
            let page = matching.dropFirst((pageNumber - 1) * pageSize).prefix(pageSize)
            return .success([
                "TotalCount": .number(String(matching.count)), "PageNumber": .number(String(pageNumber)), "PageSize": .number(String(pageSize)),
                "NextToken": .string(""),
                "NetworkInterfaceSets": .object(["NetworkInterfaceSet": .array(page.map { .object(ProviderBodies.aliyunListed($0)) })]),
            ], summary: "\(page.count) of \(matching.count)")
        }
    }

    // MARK: - DeleteNetworkInterface

    static func delete(_ wire: WireRequest, engine: ServeEngine, now: Timestamp, ids: inout IDSource) -> ActionOutcome {
        let provider = wire.provider
        guard let id = wire.text("NetworkInterfaceId"), !id.isEmpty else {
            return .failure(code: "MissingParameter", message: provider.dialect.missingParameter("NetworkInterfaceId"), status: nil, summary: "no NetworkInterfaceId")
        }
        let removed = engine.state.withState { contents -> Bool in
            guard let index = contents.interfaces[provider]?.firstIndex(where: { $0.id == id }) else { return false }
            contents.interfaces[provider]?.remove(at: index)
            return true
        }
        guard removed else {
            return provider == .tencent
                ? .failure(code: "ResourceNotFound", message: "The resource does not exist. NetworkInterfaceId `\(id)` is not found.", status: nil, summary: "\(id) unknown")
                : .failure(code: "InvalidEniId.NotFound", message: "The specified NetworkInterfaceId does not exist.", status: 404, summary: "\(id) unknown")
        }
        return .success(JSONObject(), summary: "\(id) deleted")
    }
}

/// An IPv4 CIDR block and the host addresses serve hands out in it: from the network address
/// plus 2 (the network address and the gateway are never given) to the last but one.
struct AddressRange {
    let first: UInt32
    let last: UInt32

    init?(cidr: String) {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let base = IPAddressText.ipv4Value(String(parts[0])), let length = Int(parts[1]), (8...30).contains(length) else { return nil }
        let mask: UInt32 = length == 0 ? 0 : ~UInt32(0) << (32 - length)
        let network = base & mask
        first = network + 2
        last = (network | ~mask) - 1
    }

    func contains(_ text: String) -> Bool {
        guard let value = IPAddressText.ipv4Value(text) else { return false }
        return value >= first - 2 && value <= last + 1
    }

    /// The first `count` addresses not in `taken`; nil when the block has fewer.
    func free(_ count: Int, excluding taken: Set<String>) -> [String]? {
        var out: [String] = []
        var value = first
        while out.count < count, value < last {
            let text = AddressRange.text(value)
            if !taken.contains(text) { out.append(text) }
            value += 1
        }
        return out.count == count ? out : nil
    }

    static func text(_ value: UInt32) -> String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }
}
