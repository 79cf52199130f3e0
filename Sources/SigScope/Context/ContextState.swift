/// What saved Describe* responses say about an account: its VPCs, subnets / vSwitches,
/// security groups, ENIs with their IPs, and quotas, each fact with the file it came from.
///
/// A plain value: no I/O. Build it with `ContextLoader` from file bytes, or add resources one
/// by one (`add(_:)`), as a local endpoint does when it creates an ENI. Two facts about the same
/// resource that disagree (the same subnet with two CIDR blocks) are a `ContextConflict`.
package struct ContextState: Sendable, Equatable {
    /// The kinds of resource a Describe* response lists.
    package enum Resource: String, Sendable, Equatable, CaseIterable {
        case vpcs, subnets, securityGroups, networkInterfaces, quotas

        /// The Describe* action that lists this kind, by provider.
        package func action(for provider: Provider) -> String {
            switch (self, provider) {
            case (.vpcs, _): return "DescribeVpcs"
            case (.subnets, .tencent): return "DescribeSubnets"
            case (.subnets, .aliyun): return "DescribeVSwitches"
            case (.securityGroups, _): return "DescribeSecurityGroups"
            case (.networkInterfaces, _): return "DescribeNetworkInterfaces"
            case (.quotas, .tencent): return "DescribeVpcLimits or DescribeNetworkInterfaceLimit"
            case (.quotas, .aliyun): return "DescribeAccountAttributes"
            }
        }
    }

    /// A VPC.
    package struct VPC: Sendable, Equatable {
        package var id: String
        package var cidrBlock: String?
        package var ipv6CidrBlock: String?
        /// Alibaba `RegionId`.
        package var region: String?
        /// The file the VPC was read from.
        package var evidence: String

        package init(id: String, cidrBlock: String? = nil, ipv6CidrBlock: String? = nil, region: String? = nil, evidence: String) {
            self.id = id
            self.cidrBlock = cidrBlock
            self.ipv6CidrBlock = ipv6CidrBlock
            self.region = region
            self.evidence = evidence
        }
    }

    /// A subnet (Tencent) or vSwitch (Alibaba).
    package struct Subnet: Sendable, Equatable {
        package var id: String
        package var vpcId: String?
        /// The IPv4 CIDR block, e.g. `172.16.64.0/20`.
        package var cidrBlock: String?
        package var ipv6CidrBlock: String?
        /// Tencent `Zone`, Alibaba `ZoneId`.
        package var zone: String?
        /// `AvailableIpAddressCount`: the free addresses the provider counted.
        package var availableIpAddressCount: Int?
        /// Tencent `TotalIpAddressCount`.
        package var totalIpAddressCount: Int?
        package var evidence: String

        package init(id: String, vpcId: String? = nil, cidrBlock: String? = nil, ipv6CidrBlock: String? = nil, zone: String? = nil,
                    availableIpAddressCount: Int? = nil, totalIpAddressCount: Int? = nil, evidence: String) {
            self.id = id
            self.vpcId = vpcId
            self.cidrBlock = cidrBlock
            self.ipv6CidrBlock = ipv6CidrBlock
            self.zone = zone
            self.availableIpAddressCount = availableIpAddressCount
            self.totalIpAddressCount = totalIpAddressCount
            self.evidence = evidence
        }

        /// The IPv4 block as numbers, nil when absent or malformed.
        package var ipv4Block: IPv4Block? { cidrBlock.flatMap(IPv4Block.init(text:)) }
    }

    /// A security group.
    package struct SecurityGroup: Sendable, Equatable {
        package var id: String
        /// The VPC it belongs to: nil when the response does not say (Tencent's security groups
        /// belong to no VPC), `""` for an Alibaba classic-network group.
        package var vpcId: String?
        /// Alibaba `SecurityGroupType` (`normal`, `enterprise`).
        package var type: String?
        package var evidence: String

        package init(id: String, vpcId: String? = nil, type: String? = nil, evidence: String) {
            self.id = id
            self.vpcId = vpcId
            self.type = type
            self.evidence = evidence
        }

        /// True for an Alibaba classic-network group: the response lists it with an empty `VpcId`.
        package var isClassic: Bool { vpcId == "" }
    }

    /// An elastic network interface and its addresses.
    package struct NetworkInterface: Sendable, Equatable {
        package var id: String
        package var vpcId: String?
        package var subnetId: String?
        package var zone: String?
        /// The private IPv4 addresses, the primary first when the response marks it.
        package var privateIpAddresses: [String]
        package var primaryIpAddress: String?
        package var ipv6Addresses: [String]
        package var securityGroupIds: [String]
        /// Alibaba `Type` (`Primary`, `Secondary`, `Trunk`); Tencent: `Primary` when the ENI is an instance's primary one.
        package var type: String?
        package var tags: [ContextTag]
        package var evidence: String

        package init(id: String, vpcId: String? = nil, subnetId: String? = nil, zone: String? = nil, privateIpAddresses: [String] = [],
                    primaryIpAddress: String? = nil, ipv6Addresses: [String] = [], securityGroupIds: [String] = [], type: String? = nil,
                    tags: [ContextTag] = [], evidence: String) {
            self.id = id
            self.vpcId = vpcId
            self.subnetId = subnetId
            self.zone = zone
            self.privateIpAddresses = privateIpAddresses
            self.primaryIpAddress = primaryIpAddress
            self.ipv6Addresses = ipv6Addresses
            self.securityGroupIds = securityGroupIds
            self.type = type
            self.tags = tags
            self.evidence = evidence
        }

        /// Whether the ENI counts against the account's ENI quota: every ENI but an instance's
        /// primary one (which is created with the instance).
        package var countsAgainstQuota: Bool { type?.lowercased() != "primary" }
    }

    /// A quota a response states: Alibaba `max-elastic-network-interfaces`, Tencent
    /// `vpc-max-enis`, `eni-max-private-ips`, `EniPrivateIpAddressQuantity`, ….
    package struct Quota: Sendable, Equatable {
        package var name: String
        package var value: Int
        package var evidence: String

        package init(name: String, value: Int, evidence: String) {
            self.name = name
            self.value = value
            self.evidence = evidence
        }
    }

    /// The provider the responses came from; nil until one is added.
    package private(set) var provider: Provider?
    private var vpcTable = Table<VPC>()
    private var subnetTable = Table<Subnet>()
    private var securityGroupTable = Table<SecurityGroup>()
    private var eniTable = Table<NetworkInterface>()
    private var quotaTable = Table<Quota>()
    /// Which IPv4 address (as a number) which ENI uses, the first one listed with it.
    private var addressOwners: [UInt32: String] = [:]
    /// Which ENI uses an IPv4 address within a VPC (`vpc:ID`) or a subnet (`subnet:ID`), or
    /// with neither known (`""`): private addresses are unique within a VPC only, and two VPCs
    /// (the default 172.16.0.0/16 of two regions, say) often hold the same ones.
    private var scopedOwners: [ScopedAddress: String] = [:]

    private struct ScopedAddress: Hashable {
        let scope: String
        let address: UInt32
    }

    /// The scopes an ENI's addresses are unique in, the narrowest known last.
    private static func scopes(vpc: String?, subnet: String?) -> [String] {
        var keys: [String] = []
        if let vpc, !vpc.isEmpty { keys.append("vpc:" + vpc) }
        if let subnet, !subnet.isEmpty { keys.append("subnet:" + subnet) }
        return keys.isEmpty ? [""] : keys
    }
    /// Per kind: the files that listed it (even an empty list), in order.
    private var listedBy: [Resource: [String]] = [:]
    /// Per kind: the largest `TotalCount` a listing gave, to tell a listing with pages missing.
    private var totalCounts: [Resource: Int] = [:]

    /// An empty state.
    package init() {}

    /// An empty state for `provider`.
    package init(provider: Provider) {
        self.provider = provider
    }

    // MARK: - Reading

    package var vpcs: [VPC] { vpcTable.items }
    package var subnets: [Subnet] { subnetTable.items }
    package var securityGroups: [SecurityGroup] { securityGroupTable.items }
    /// The ENIs, in the order they were added.
    package var networkInterfaces: [NetworkInterface] { eniTable.items }
    package var quotas: [Quota] { quotaTable.items }

    package func vpc(_ id: String) -> VPC? { vpcTable[id] }
    package func subnet(_ id: String) -> Subnet? { subnetTable[id] }
    package func securityGroup(_ id: String) -> SecurityGroup? { securityGroupTable[id] }
    package func networkInterface(_ id: String) -> NetworkInterface? { eniTable[id] }
    package func quota(_ name: String) -> Quota? { quotaTable[name] }

    /// The ENI that uses the IPv4 address `address`, if any in the context does (in any VPC).
    package func owner(ofAddress address: UInt32) -> String? { addressOwners[address] }

    /// The ENI that uses the IPv4 address `address` in VPC `vpc` (or, with the VPC not known,
    /// in subnet `subnet`), if any in the context does; an ENI listed without VPC or subnet
    /// counts everywhere. With neither given, as `owner(ofAddress:)`.
    package func owner(ofAddress address: UInt32, vpc: String?, subnet: String?) -> String? {
        var keys = [""]
        if let vpc, !vpc.isEmpty { keys.append("vpc:" + vpc) }
        if let subnet, !subnet.isEmpty { keys.append("subnet:" + subnet) }
        if keys.count == 1 { return addressOwners[address] }
        for key in keys {
            if let owner = scopedOwners[ScopedAddress(scope: key, address: address)] { return owner }
        }
        return nil
    }

    /// The files that listed `resource`; empty when no response of that kind was read.
    package func evidence(for resource: Resource) -> [String] { listedBy[resource] ?? [] }

    /// True when a response listing `resource` was read (an empty list included).
    package func covers(_ resource: Resource) -> Bool { listedBy[resource] != nil }

    /// True when `resource` is listed and no listing said it had more than was read
    /// (`TotalCount` larger than the resources of that kind in the context).
    package func isComplete(_ resource: Resource) -> Bool {
        guard covers(resource) else { return false }
        guard let total = totalCounts[resource] else { return true }
        let count: Int
        switch resource {
        case .vpcs: count = vpcTable.items.count
        case .subnets: count = subnetTable.items.count
        case .securityGroups: count = securityGroupTable.items.count
        case .networkInterfaces: count = eniTable.items.count
        case .quotas: return true
        }
        return count >= total
    }

    /// The largest `TotalCount` a listing of `resource` gave.
    package func totalCount(of resource: Resource) -> Int? { totalCounts[resource] }

    // MARK: - Adding

    /// Records that `evidence` listed `resource` (so an id it lacks can be called missing), with
    /// the `TotalCount` it gave.
    package mutating func markListed(_ resource: Resource, by evidence: String, totalCount: Int? = nil) {
        if !(listedBy[resource] ?? []).contains(evidence) { listedBy[resource, default: []].append(evidence) }
        if let totalCount { totalCounts[resource] = max(totalCounts[resource] ?? 0, totalCount) }
    }

    /// Sets the provider, or checks that it is the one already set.
    /// - Throws: `ContextConflict` when the state holds another provider's resources.
    package mutating func setProvider(_ provider: Provider, evidence: String) throws(ContextConflict) {
        if let current = self.provider, current != provider {
            throw ContextConflict(resource: "context", id: "provider", field: "provider", first: current.displayName, firstEvidence: firstEvidence ?? "the context",
                                  second: provider.displayName, secondEvidence: evidence)
        }
        self.provider = provider
    }

    private var firstEvidence: String? {
        Resource.allCases.lazy.compactMap { self.listedBy[$0]?.first }.first
    }

    /// Adds a VPC, or merges it into the one with the same id.
    /// - Throws: `ContextConflict` when a fact differs from the one known.
    package mutating func add(_ vpc: VPC) throws(ContextConflict) {
        try vpcTable.merge(vpc, id: vpc.id) { (old, new) throws(ContextConflict) in
            var merged = old
            try Merge.texts("VPC", old.id, [("CidrBlock", \.cidrBlock), ("Ipv6CidrBlock", \.ipv6CidrBlock), ("RegionId", \.region)],
                            &merged, new, old.evidence, new.evidence)
            return merged
        }
    }

    /// Adds a subnet / vSwitch, or merges it into the one with the same id. Two available-IP
    /// counts (responses saved at different times) keep the smaller.
    /// - Throws: `ContextConflict` when its VPC, CIDR blocks or zone differ from the ones known.
    package mutating func add(_ subnet: Subnet) throws(ContextConflict) {
        try subnetTable.merge(subnet, id: subnet.id) { (old, new) throws(ContextConflict) in
            var merged = old
            try Merge.texts("subnet", old.id, [("VpcId", \.vpcId), ("CidrBlock", \.cidrBlock), ("Ipv6CidrBlock", \.ipv6CidrBlock), ("Zone", \.zone)],
                            &merged, new, old.evidence, new.evidence)
            try Merge.field("subnet", old.id, "TotalIpAddressCount", &merged.totalIpAddressCount, new.totalIpAddressCount, old.evidence, new.evidence)
            if let count = new.availableIpAddressCount {
                merged.availableIpAddressCount = min(old.availableIpAddressCount ?? count, count)
            }
            return merged
        }
    }

    /// Adds a security group, or merges it into the one with the same id.
    /// - Throws: `ContextConflict` when its VPC or type differ.
    package mutating func add(_ group: SecurityGroup) throws(ContextConflict) {
        try securityGroupTable.merge(group, id: group.id) { (old, new) throws(ContextConflict) in
            var merged = old
            try Merge.texts("security group", old.id, [("VpcId", \.vpcId), ("SecurityGroupType", \.type)], &merged, new, old.evidence, new.evidence)
            return merged
        }
    }

    /// Adds an ENI, or merges it into the one with the same id; its IPv4 addresses become used.
    /// - Throws: `ContextConflict` when its subnet, VPC, zone or addresses differ from the ones
    ///   known, or when one of its addresses is used by another ENI of the context.
    package mutating func add(_ eni: NetworkInterface) throws(ContextConflict) {
        let scopes = Self.scopes(vpc: eni.vpcId, subnet: eni.subnetId)
        for address in eni.privateIpAddresses {
            // An ENI listed without VPC or subnet counts everywhere, as in `owner(ofAddress:vpc:subnet:)`.
            guard let value = IPAddressText.ipv4Value(address),
                  let other = scopes == [""] ? addressOwners[value]
                      : scopedOwners[ScopedAddress(scope: scopes[0], address: value)] ?? scopedOwners[ScopedAddress(scope: "", address: value)],
                  other != eni.id else { continue }
            let otherEvidence = eniTable[other]?.evidence ?? "the context"
            throw ContextConflict(resource: "private IP", id: address, field: "NetworkInterfaceId", first: other, firstEvidence: otherEvidence,
                                  second: eni.id, secondEvidence: eni.evidence)
        }
        try eniTable.merge(eni, id: eni.id) { (old, new) throws(ContextConflict) in
            var merged = old
            let kind = "ENI"
            try Merge.texts(kind, old.id, [("VpcId", \.vpcId), ("SubnetId", \.subnetId), ("Zone", \.zone), ("Type", \.type), ("PrimaryIpAddress", \.primaryIpAddress)],
                            &merged, new, old.evidence, new.evidence)
            if !old.privateIpAddresses.isEmpty, !new.privateIpAddresses.isEmpty,
               Set(old.privateIpAddresses.map(IPAddressText.canonical)) != Set(new.privateIpAddresses.map(IPAddressText.canonical)) {
                throw ContextConflict(resource: kind, id: old.id, field: "private IPs", first: old.privateIpAddresses.joined(separator: ", "), firstEvidence: old.evidence,
                                      second: new.privateIpAddresses.joined(separator: ", "), secondEvidence: new.evidence)
            }
            if merged.privateIpAddresses.isEmpty { merged.privateIpAddresses = new.privateIpAddresses }
            if merged.ipv6Addresses.isEmpty { merged.ipv6Addresses = new.ipv6Addresses }
            if merged.securityGroupIds.isEmpty { merged.securityGroupIds = new.securityGroupIds }
            if merged.tags.isEmpty { merged.tags = new.tags }
            return merged
        }
        for address in eni.privateIpAddresses {
            guard let value = IPAddressText.ipv4Value(address) else { continue }
            if addressOwners[value] == nil { addressOwners[value] = eni.id }
            for scope in scopes where scopedOwners[ScopedAddress(scope: scope, address: value)] == nil {
                scopedOwners[ScopedAddress(scope: scope, address: value)] = eni.id
            }
        }
    }

    /// Adds a quota.
    /// - Throws: `ContextConflict` when the same quota was stated with another value.
    package mutating func add(_ quota: Quota) throws(ContextConflict) {
        try quotaTable.merge(quota, id: quota.name) { (old, new) throws(ContextConflict) in
            if old.value != new.value {
                throw ContextConflict(resource: "quota", id: old.name, field: "value", first: String(old.value), firstEvidence: old.evidence,
                                      second: String(new.value), secondEvidence: new.evidence)
            }
            return old
        }
    }

    // MARK: - Storage

    /// Items by id, in the order first added.
    private struct Table<Item: Sendable & Equatable>: Sendable, Equatable {
        private(set) var items: [Item] = []
        private var index: [String: Int] = [:]

        subscript(id: String) -> Item? { index[id].map { items[$0] } }

        mutating func merge(_ item: Item, id: String, _ combine: (Item, Item) throws(ContextConflict) -> Item) throws(ContextConflict) {
            if let position = index[id] {
                items[position] = try combine(items[position], item)
            } else {
                index[id] = items.count
                items.append(item)
            }
        }
    }

    private enum Merge {
        /// `field` for each named text field of `Item`.
        static func texts<Item>(_ kind: String, _ id: String, _ fields: [(String, WritableKeyPath<Item, String?>)], _ merged: inout Item, _ new: Item,
                                _ oldEvidence: String, _ newEvidence: String) throws(ContextConflict) {
            for (name, path) in fields {
                try field(kind, id, name, &merged[keyPath: path], new[keyPath: path], oldEvidence, newEvidence)
            }
        }

        static func field<Value: Equatable & CustomStringConvertible>(_ kind: String, _ id: String, _ name: String, _ current: inout Value?, _ new: Value?,
                                                                      _ oldEvidence: String, _ newEvidence: String) throws(ContextConflict) {
            guard let new else { return }
            guard let old = current else {
                current = new
                return
            }
            if old != new {
                throw ContextConflict(resource: kind, id: id, field: name, first: old.description, firstEvidence: oldEvidence,
                                      second: new.description, secondEvidence: newEvidence)
            }
        }
    }
}

/// A tag, as both providers have one (`Key`/`Value`, `TagKey`/`TagValue`).
package struct ContextTag: Sendable, Equatable {
    package var key: String
    package var value: String

    package init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// Two context files that say different things about the same resource.
package struct ContextConflict: Error, Sendable, Equatable, CustomStringConvertible {
    /// `subnet`, `VPC`, `security group`, `ENI`, `private IP`, `quota`.
    package var resource: String
    package var id: String
    /// The field they disagree on (`CidrBlock`).
    package var field: String
    package var first: String
    package var firstEvidence: String
    package var second: String
    package var secondEvidence: String

    package init(resource: String, id: String, field: String, first: String, firstEvidence: String, second: String, secondEvidence: String) {
        self.resource = resource
        self.id = id
        self.field = field
        self.first = first
        self.firstEvidence = firstEvidence
        self.second = second
        self.secondEvidence = secondEvidence
    }

    package var description: String {
        "the context files disagree about \(resource) \(id): \(firstEvidence) says \(field) is \(first), \(secondEvidence) says \(second); give responses saved at the same time, or leave one out"
    }

    /// As a `SigScopeError` (`.contextConflict`, exit 2); its reason names both files.
    package var error: SigScopeError {
        SigScopeError(.contextConflict, description)
    }
}

/// An IPv4 CIDR block as numbers.
package struct IPv4Block: Sendable, Equatable, CustomStringConvertible {
    /// The network address.
    package var network: UInt32
    package var prefixLength: Int

    /// Parses `a.b.c.d/n`; the address is masked to the network (as providers print it anyway).
    package init?(text: String) {
        guard let parsed = IPAddressText.cidr(text, v6: false), parsed.address.count == 4 else { return nil }
        let value = parsed.address.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        self.prefixLength = parsed.length
        self.network = value & IPv4Block.mask(parsed.length)
    }

    package init(network: UInt32, prefixLength: Int) {
        self.prefixLength = prefixLength
        self.network = network & IPv4Block.mask(prefixLength)
    }

    static func mask(_ length: Int) -> UInt32 {
        length == 0 ? 0 : UInt32.max << UInt32(32 - length)
    }

    /// The last address (the broadcast address).
    package var broadcast: UInt32 { network | ~IPv4Block.mask(prefixLength) }

    /// The number of addresses.
    package var size: UInt64 { UInt64(1) << UInt64(32 - prefixLength) }

    package func contains(_ address: UInt32) -> Bool { address & IPv4Block.mask(prefixLength) == network }

    package var description: String { IPv4Block.text(network) + "/\(prefixLength)" }

    /// Dotted-quad text of an address.
    package static func text(_ address: UInt32) -> String {
        "\(address >> 24).\((address >> 16) & 0xFF).\((address >> 8) & 0xFF).\(address & 0xFF)"
    }
}
