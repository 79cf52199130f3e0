/// What a `CreateNetworkInterface` request asks for, in the same terms for both providers,
/// with the documented path of every parameter (for findings).
struct ENIRequest {
    struct Item {
        let value: String
        let path: String
    }

    struct Address {
        let address: String
        /// True when the request marks it primary (Alibaba `PrimaryIpAddress`, Tencent `Primary: true`).
        let primary: Bool
        let path: String
    }

    let provider: Provider
    let region: String?
    /// Tencent `VpcId`; Alibaba has none (the vSwitch names its VPC).
    let vpcId: Item?
    /// Tencent `SubnetId`, Alibaba `VSwitchId`.
    let subnetId: Item?
    let securityGroupIds: [Item]
    let addresses: [Address]
    /// Tencent `Ipv6Addresses[i].Address`, Alibaba `Ipv6Address.N`.
    let ipv6Addresses: [Item]
    let secondaryCount: Int?
    let secondaryCountPath: String
    let tags: [ContextTag]

    /// The request's view, nil for any action but `CreateNetworkInterface`.
    init?(_ request: APIRequest) {
        guard request.action == "CreateNetworkInterface" else { return nil }
        let p = request.params
        provider = request.provider
        secondaryCountPath = "SecondaryPrivateIpAddressCount"
        // Bounded: the providers allow a few dozen; a larger count (from bad input) must not overflow the sums below.
        secondaryCount = p["SecondaryPrivateIpAddressCount"]?.scalarText.flatMap { Int($0.trimmingASCIIWhitespace()) }.map { min($0, ENIRequest.maxPlanned) }
        func text(_ name: String) -> Item? {
            guard let value = p[name]?.scalarText, !value.isEmpty, p[name]?.arrayValue == nil else { return nil }
            return Item(value: value, path: name)
        }
        switch request.provider {
        case .tencent:
            region = request.region
            vpcId = text("VpcId")
            subnetId = text("SubnetId")
            securityGroupIds = (p["SecurityGroupIds"]?.arrayValue ?? []).enumerated().compactMap { i, v in
                v.stringValue.map { Item(value: $0, path: "SecurityGroupIds[\(i)]") }
            }
            addresses = (p["PrivateIpAddresses"]?.arrayValue ?? []).enumerated().compactMap { i, v in
                guard let address = v["PrivateIpAddress"]?.stringValue else { return nil }
                let primary = v["Primary"].map { $0 == .bool(true) || $0 == .string("true") } ?? false
                return Address(address: address, primary: primary, path: "PrivateIpAddresses[\(i)].PrivateIpAddress")
            }
            tags = (p["Tags"]?.arrayValue ?? []).compactMap { t in t["Key"]?.scalarText.map { ContextTag(key: $0, value: t["Value"]?.scalarText ?? "") } }
            ipv6Addresses = (p["Ipv6Addresses"]?.arrayValue ?? []).enumerated().compactMap { i, v in
                v["Address"]?.stringValue.map { Item(value: $0, path: "Ipv6Addresses[\(i)].Address") }
            }
        case .aliyun:
            region = p["RegionId"]?.scalarText ?? request.region
            vpcId = nil
            subnetId = text("VSwitchId")
            var groups: [Item] = []
            if let one = text("SecurityGroupId") { groups.append(one) }
            for (i, v) in (p["SecurityGroupIds"]?.arrayValue ?? []).enumerated() {
                if let id = v.scalarText { groups.append(Item(value: id, path: "SecurityGroupIds.\(i + 1)")) }
            }
            securityGroupIds = groups
            var addresses: [Address] = []
            if let primary = text("PrimaryIpAddress") { addresses.append(Address(address: primary.value, primary: true, path: "PrimaryIpAddress")) }
            for (i, v) in (p["PrivateIpAddress"]?.arrayValue ?? []).enumerated() {
                if let address = v.scalarText { addresses.append(Address(address: address, primary: false, path: "PrivateIpAddress.\(i + 1)")) }
            }
            self.addresses = addresses
            ipv6Addresses = (p["Ipv6Address"]?.arrayValue ?? []).enumerated().compactMap { i, v in
                v.scalarText.map { Item(value: $0, path: "Ipv6Address.\(i + 1)") }
            }
            tags = (p["Tag"]?.arrayValue ?? []).compactMap { t in t["Key"]?.scalarText.map { ContextTag(key: $0, value: t["Value"]?.scalarText ?? "") } }
        }
    }

    /// The most addresses sigscope looks for in a subnet for one request (far above what either
    /// provider allows on one ENI), so a huge count or CIDR block cannot make a plan scan billions.
    static let maxPlanned = 65_536

    /// The parameter name of the subnet in prose.
    var subnetWord: String { provider == .tencent ? "subnet" : "vSwitch" }

    /// The addresses the ENI would get beyond the given ones: the secondary count, plus a
    /// primary when none is given.
    var addressesToAllocate: Int {
        let secondary = max(secondaryCount ?? 0, 0)
        return secondary + (addresses.contains { $0.primary } || (provider == .tencent && !addresses.isEmpty) ? 0 : 1)
    }

    /// How many private IPs the ENI would have in all.
    var totalAddresses: Int { addresses.count + addressesToAllocate }
}
