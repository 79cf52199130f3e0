/// The checks of a `CreateNetworkInterface` request against the account's state: what the
/// server would answer from it, with the provider's own error codes. Every finding has
/// `source` `context` and the file it was decided from as `evidence`.
///
/// A resource the context does not cover is never called missing: when no response listed
/// its kind, or the listing has pages missing (`TotalCount` larger than what was read), the
/// finding is a `ContextIncomplete` warning at most. docs/validation.md lists every rule with
/// its code and source.
package enum ContextRules {
    /// The warning code for what the context cannot decide (sigscope's own code, not a server's).
    package static let incompleteCode = "ContextIncomplete"
    /// The `source` of every context finding.
    package static let source = "context"

    /// The error codes, per provider: the seeds' tables (shared/seeds/000 and 001), the
    /// contract, and for Alibaba's IP checks the ECS ENI pages' table (AssignPrivateIpAddresses).
    struct Codes {
        let vpcNotFound: String
        let subnetNotFound: String
        let securityGroupNotFound: String
        let securityGroupVpcMismatch: String?
        let securityGroupNotVpc: String?
        let outsideSubnet: String
        let reserved: String
        let inUse: String
        let insufficient: String
        let eniQuota: String
        let addressQuota: String

        static let tencent = Codes(vpcNotFound: "ResourceNotFound", subnetNotFound: "ResourceNotFound", securityGroupNotFound: "ResourceNotFound",
                                   securityGroupVpcMismatch: nil, securityGroupNotVpc: nil, outsideSubnet: "InvalidParameterValue.Range",
                                   reserved: "InvalidParameterValue.Reserved", inUse: "ResourceInUse", insufficient: "ResourceInsufficient.Subnet",
                                   eniQuota: "LimitExceeded.NetworkInterfaceLimitExceeded", addressQuota: "InvalidParameterValue.LimitExceeded")
        static let aliyun = Codes(vpcNotFound: "InvalidVSwitchId.NotFound", subnetNotFound: "InvalidVSwitchId.NotFound", securityGroupNotFound: "InvalidSecurityGroupId.NotFound",
                                  securityGroupVpcMismatch: "InvalidOperation.VpcMismatch", securityGroupNotVpc: "InvalidSecurityGroupId.NotVpc",
                                  outsideSubnet: "InvalidVSwitchId.IpInvalid", reserved: "InvalidVSwitchId.IpInvalid", inUse: "InvalidIp.IpAssigned",
                                  insufficient: "InvalidVSwitchId.IpNotEnough", eniQuota: "MaxEniCountExceeded", addressQuota: "InvalidParameter")

        static func of(_ provider: Provider) -> Codes {
            switch provider {
            case .tencent: return .tencent
            case .aliyun: return .aliyun
            }
        }
    }

    /// The context findings for `request` (none for an action other than CreateNetworkInterface,
    /// or a context of another provider).
    package static func check(_ request: APIRequest, context: ContextState) -> (violations: [Finding], warnings: [Finding]) {
        guard let eni = ENIRequest(request), context.provider == nil || context.provider == request.provider else { return ([], []) }
        var checker = Checker(eni: eni, context: context)
        checker.run()
        return (checker.violations, checker.warnings)
    }

    /// Validates `request` against its parameter rules (`Validator`) and against `context`.
    package static func validate(_ request: APIRequest, context: ContextState) -> ValidationReport {
        var report = Validator.validate(request)
        let found = check(request, context: context)
        report.violations += found.violations
        report.warnings += found.warnings
        return report
    }

    // MARK: - Addresses

    /// The addresses of `block` a provider never assigns, with whether the provider documents them.
    static func reserved(_ block: IPv4Block, provider: Provider) -> [(address: UInt32, documented: Bool, what: String)] {
        guard block.prefixLength <= 30 else { return [] }
        switch provider {
        case .tencent:
            return [(block.network, true, "the network address"), (block.network + 1, false, "the gateway address (the first host)"),
                    (block.broadcast, true, "the broadcast address")]
        case .aliyun:
            return [(block.network, true, "the first address"), (block.broadcast - 2, true, "one of the last three addresses"),
                    (block.broadcast - 1, true, "one of the last three addresses"), (block.broadcast, true, "the last address")]
        }
    }

    /// The `count` lowest addresses of `block` that are not reserved, not used by an ENI of
    /// `context` in VPC `vpc` (subnet `subnet` when the VPC is not known) and not in `taken`;
    /// fewer when the block has not that many.
    static func lowestFree(_ block: IPv4Block, count: Int, provider: Provider, context: ContextState, taken: Set<UInt32>,
                           vpc: String? = nil, subnet: String? = nil) -> [UInt32] {
        guard count > 0, count <= ENIRequest.maxPlanned else { return [] }
        let reservedSet = Set(reserved(block, provider: provider).map(\.address))
        var found: [UInt32] = []
        var address = UInt64(block.network)
        let end = UInt64(block.broadcast)
        while address <= end, found.count < count {
            let a = UInt32(address)
            if !reservedSet.contains(a), !taken.contains(a), context.owner(ofAddress: a, vpc: vpc, subnet: subnet) == nil { found.append(a) }
            address += 1
        }
        return found
    }

    /// Whether the first `length` bits of `address` and `prefix` are the same.
    static func prefix(_ prefix: [UInt8], _ length: Int, contains address: [UInt8]) -> Bool {
        guard prefix.count == address.count, length <= prefix.count * 8 else { return false }
        var bits = length
        for i in prefix.indices where bits > 0 {
            let take = min(bits, 8)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - take))
            if prefix[i] & mask != address[i] & mask { return false }
            bits -= take
        }
        return true
    }

    // MARK: - The checker

    struct Checker {
        let eni: ENIRequest
        let context: ContextState
        let codes: Codes
        var violations: [Finding] = []
        var warnings: [Finding] = []
        private var incompleteSaid: Set<String> = []

        init(eni: ENIRequest, context: ContextState) {
            self.eni = eni
            self.context = context
            self.codes = Codes.of(eni.provider)
        }

        var provider: Provider { eni.provider }

        mutating func violation(_ code: String, _ path: String, _ message: String, _ evidence: String) {
            violations.append(Finding(code: code, path: path, message: message, source: ContextRules.source, evidence: evidence))
        }

        mutating func warning(_ code: String, _ path: String, _ message: String, _ evidence: String?) {
            warnings.append(Finding(code: code, path: path, message: message, source: ContextRules.source, evidence: evidence))
        }

        /// One warning per kind that a check needed and the context lacks.
        mutating func incomplete(_ resource: ContextState.Resource, _ path: String, _ message: String) {
            guard incompleteSaid.insert(resource.rawValue + path).inserted else { return }
            let evidence = context.evidence(for: resource)
            warning(ContextRules.incompleteCode, path, message, evidence.isEmpty ? nil : evidence.joined(separator: ", "))
        }

        func listed(_ resource: ContextState.Resource) -> String { context.evidence(for: resource).joined(separator: ", ") }

        /// Whether an id absent from the context may be called missing.
        mutating func mayCallMissing(_ resource: ContextState.Resource, _ path: String, id: String) -> Bool {
            let action = resource.action(for: provider)
            if !context.covers(resource) {
                incomplete(resource, path, "\(path) \(id) is not checked: the context has no \(action) response.")
                return false
            }
            if !context.isComplete(resource) {
                incomplete(resource, path, "\(path) \(id) is not in the context, but its \(action) listing is incomplete (TotalCount \(context.totalCount(of: resource) ?? 0), fewer read); add the missing pages to decide.")
                return false
            }
            return true
        }

        mutating func run() {
            let subnet = checkSubnet()
            checkVpc(subnet: subnet)
            checkSecurityGroups(subnet: subnet)
            checkAddresses(subnet: subnet)
            checkIPv6Addresses(subnet: subnet)
            checkQuotas(subnet: subnet)
        }

        // MARK: Subnet and VPC

        mutating func checkSubnet() -> ContextState.Subnet? {
            guard let given = eni.subnetId else { return nil }
            guard let subnet = context.subnet(given.value) else {
                if mayCallMissing(.subnets, given.path, id: given.value) {
                    violation(codes.subnetNotFound, given.path, "\(given.path) \(given.value) does not exist: no \(eni.subnetWord) of that id is among the \(context.subnets.count) listed.", listed(.subnets))
                }
                return nil
            }
            if let vpc = eni.vpcId, let subnetVpc = subnet.vpcId, subnetVpc != vpc.value {
                violation(codes.subnetNotFound, given.path, "\(given.path) \(given.value) is in \(subnetVpc), not in VpcId \(vpc.value): no such subnet in that VPC.", subnet.evidence)
            }
            if let region = eni.region, !region.isEmpty, let zone = subnet.zone, !zone.hasPrefix(region) {
                violation(codes.subnetNotFound, given.path, "\(given.path) \(given.value) is in zone \(zone), which is not in region \(region): the server looks for it in \(region) only.", subnet.evidence)
            }
            return subnet
        }

        mutating func checkVpc(subnet: ContextState.Subnet?) {
            guard let vpc = eni.vpcId else { return }
            if context.vpc(vpc.value) != nil { return }
            // A subnet of that VPC, or an ENI in it, shows the VPC exists.
            if subnet?.vpcId == vpc.value || context.subnets.contains(where: { $0.vpcId == vpc.value }) { return }
            if mayCallMissing(.vpcs, vpc.path, id: vpc.value) {
                violation(codes.vpcNotFound, vpc.path, "\(vpc.path) \(vpc.value) does not exist: no VPC of that id is among the \(context.vpcs.count) listed.", listed(.vpcs))
            }
        }

        // MARK: Security groups

        mutating func checkSecurityGroups(subnet: ContextState.Subnet?) {
            for given in eni.securityGroupIds {
                guard let group = context.securityGroup(given.value) else {
                    if mayCallMissing(.securityGroups, given.path, id: given.value) {
                        violation(codes.securityGroupNotFound, given.path, "\(given.path) \(given.value) does not exist: no security group of that id is among the \(context.securityGroups.count) listed.", listed(.securityGroups))
                    }
                    continue
                }
                if let code = codes.securityGroupNotVpc, group.isClassic {
                    violation(code, given.path, "\(given.path) \(given.value) is a classic-network security group (it is listed with an empty VpcId); an ENI takes only VPC security groups.", group.evidence)
                    continue
                }
                guard let code = codes.securityGroupVpcMismatch, let groupVpc = group.vpcId, !groupVpc.isEmpty else { continue }
                // Without the vSwitch (reported missing, or not covered) there is no VPC to compare with.
                if let subnet, let subnetVpc = subnet.vpcId, groupVpc != subnetVpc {
                    violation(code, given.path, "\(given.path) \(given.value) is in \(groupVpc), but \(eni.subnetId?.path ?? "the vSwitch") \(subnet.id) is in \(subnetVpc); the security group must be in the vSwitch's VPC.", group.evidence + ", " + subnet.evidence)
                }
            }
        }

        // MARK: Addresses

        mutating func checkAddresses(subnet: ContextState.Subnet?) {
            let block = subnet?.ipv4Block
            if subnet != nil, block == nil, !eni.addresses.isEmpty || eni.addressesToAllocate > 0 {
                incomplete(.subnets, eni.subnetId?.path ?? "SubnetId", "the \(eni.subnetWord)'s CidrBlock is not in the context, so its addresses are not checked.")
            }
            // Private addresses are unique within a VPC: an ENI of another VPC may hold the same one.
            let scopeVpc = subnet?.vpcId ?? eni.vpcId?.value
            let scopeSubnet = subnet?.id ?? eni.subnetId?.value
            var given: Set<UInt32> = []
            for address in eni.addresses {
                guard let value = IPAddressText.ipv4Value(address.address) else { continue }  // The parameter rules report the format.
                given.insert(value)
                if let subnet, let block {
                    if !block.contains(value) {
                        violation(codes.outsideSubnet, address.path, "\(address.path) \(address.address) is outside the \(eni.subnetWord) \(subnet.id)'s CIDR block \(block); a private IP must be in the \(eni.subnetWord) the ENI is created in.", subnet.evidence)
                        continue
                    }
                    if let hit = ContextRules.reserved(block, provider: provider).first(where: { $0.address == value }) {
                        let rule = provider == .tencent ? "" : " (Alibaba Cloud reserves the first and the last three addresses of every vSwitch)"
                        if hit.documented {
                            violation(codes.reserved, address.path, "\(address.path) \(address.address) is \(hit.what) of \(block), which the system reserves\(rule).", subnet.evidence)
                        } else {
                            warning(codes.reserved, address.path, "\(address.path) \(address.address) is \(hit.what) of \(block), which VPC subnets keep for the gateway; the server will most likely refuse it.", subnet.evidence)
                        }
                        continue
                    }
                }
                if let owner = context.owner(ofAddress: value, vpc: scopeVpc, subnet: scopeSubnet) {
                    let evidence = context.networkInterface(owner)?.evidence ?? listed(.networkInterfaces)
                    violation(codes.inUse, address.path, "\(address.path) \(address.address) is already used by \(owner).", evidence)
                } else if !context.covers(.networkInterfaces) {
                    incomplete(.networkInterfaces, address.path, "\(address.path) \(address.address) is not checked against the addresses in use: the context has no DescribeNetworkInterfaces response.")
                } else if !context.isComplete(.networkInterfaces) {
                    incomplete(.networkInterfaces, address.path, "\(address.path) \(address.address) is used by none of the ENIs read, but the DescribeNetworkInterfaces listing is incomplete (TotalCount \(context.totalCount(of: .networkInterfaces) ?? 0), fewer read); add the missing pages to decide.")
                }
            }
            // Enough free addresses for the ones to be allocated.
            guard let subnet, eni.addressesToAllocate > 0 else { return }
            let needed = eni.addressesToAllocate
            let path = (eni.secondaryCount ?? 0) > 0 ? eni.secondaryCountPath : (eni.subnetId?.path ?? "SubnetId")
            if let available = subnet.availableIpAddressCount, available - given.count < needed {
                let free = max(available - given.count, 0)
                violation(codes.insufficient, path, "the ENI needs \(needed) more address\(needed == 1 ? "" : "es") from \(eni.subnetWord) \(subnet.id), which has \(free) free (AvailableIpAddressCount \(available)\(given.isEmpty ? "" : ", less the \(given.count) given")).", subnet.evidence)
                return
            }
            if let block, needed <= ENIRequest.maxPlanned {
                let free = ContextRules.lowestFree(block, count: needed, provider: provider, context: context, taken: given, vpc: scopeVpc, subnet: scopeSubnet)
                if free.count < needed {
                    violation(codes.insufficient, path, "the ENI needs \(needed) more address\(needed == 1 ? "" : "es") from \(eni.subnetWord) \(subnet.id) (\(block)), but only \(free.count) are neither reserved nor used by the ENIs in the context.", subnet.evidence)
                    return
                }
            }
            // The addresses a plan picks are free only as far as the context knows the ENIs.
            if block != nil, !context.isComplete(.networkInterfaces) {
                let why = context.covers(.networkInterfaces)
                    ? "the DescribeNetworkInterfaces listing is incomplete (TotalCount \(context.totalCount(of: .networkInterfaces) ?? 0), fewer read)"
                    : "the context has no DescribeNetworkInterfaces response"
                incomplete(.networkInterfaces, path, "the \(needed) address\(needed == 1 ? "" : "es") the server assigns from \(eni.subnetWord) \(subnet.id) are not known to be free: \(why), so the addresses in use are not known; a plan's lowest free addresses may be taken.")
            }
        }

        // MARK: IPv6

        mutating func checkIPv6Addresses(subnet: ContextState.Subnet?) {
            guard !eni.ipv6Addresses.isEmpty else { return }
            let block = subnet?.ipv6CidrBlock.flatMap { IPAddressText.cidr($0, v6: true) }
            var owners: [String: ContextState.NetworkInterface] = [:]
            for other in context.networkInterfaces {
                for address in other.ipv6Addresses { owners[IPAddressText.canonical(address)] = other }
            }
            for given in eni.ipv6Addresses {
                guard let bytes = IPAddressText.ipv6(given.value) else { continue }  // The parameter rules report the format.
                if let subnet, let block, !ContextRules.prefix(block.address, block.length, contains: bytes) {
                    violation(codes.outsideSubnet, given.path, "\(given.path) \(given.value) is outside the \(eni.subnetWord) \(subnet.id)'s IPv6 CIDR block \(subnet.ipv6CidrBlock ?? ""); an IPv6 address must be in the \(eni.subnetWord) the ENI is created in.", subnet.evidence)
                    continue
                }
                if let owner = owners[IPAddressText.canonical(given.value)] {
                    violation(codes.inUse, given.path, "\(given.path) \(given.value) is already used by \(owner.id).", owner.evidence)
                }
            }
        }

        // MARK: Quotas

        mutating func checkQuotas(subnet: ContextState.Subnet?) {
            if let quota = ContextRules.eniQuota(eni: eni, context: context, subnet: subnet), let limit = quota.limit, quota.used + 1 > limit.value {
                let scope = provider == .tencent ? "in VPC \(eni.vpcId?.value ?? "")" : "in the region"
                let path = provider == .tencent ? (eni.vpcId?.path ?? "VpcId") : "RegionId"
                violation(codes.eniQuota, path, "\(quota.used) ENI\(quota.used == 1 ? " is" : "s are") already \(scope) and the quota \(limit.name) is \(limit.value); one more exceeds it.", limit.evidence + ", " + listed(.networkInterfaces))
            }
            if provider == .tencent {
                let state = context
                let limit = ["eni-max-private-ips", "EniPrivateIpAddressQuantity"].lazy.compactMap { state.quota($0) }.first
                if let limit, eni.totalAddresses > limit.value {
                    let path = (eni.secondaryCount ?? 0) > 0 ? eni.secondaryCountPath : "PrivateIpAddresses"
                    violation(codes.addressQuota, path, "the ENI would have \(eni.totalAddresses) private IPs, more than the \(limit.value) one ENI may have (\(limit.name)).", limit.evidence)
                }
            }
        }
    }

    /// The ENI quota that applies to `eni`: the ENIs already counted against it and its limit
    /// (nil when the context states none). Alibaba counts the region's ENIs other than
    /// instances' primary ones against `max-elastic-network-interfaces`; Tencent counts the
    /// VPC's ENIs against `vpc-max-enis`. A listing with pages missing counts its `TotalCount`.
    static func eniQuota(eni: ENIRequest, context: ContextState, subnet: ContextState.Subnet?) -> (used: Int, limit: ContextState.Quota?)? {
        switch eni.provider {
        case .aliyun:
            let limit = context.quota("max-elastic-network-interfaces")
            guard limit != nil || context.covers(.networkInterfaces) else { return nil }
            var used = context.networkInterfaces.filter(\.countsAgainstQuota).count
            if !context.isComplete(.networkInterfaces), let total = context.totalCount(of: .networkInterfaces) { used = max(used, total) }
            return (used, limit)
        case .tencent:
            let vpc = eni.vpcId?.value ?? subnet?.vpcId
            let limit = context.quota("vpc-max-enis")
            guard let vpc, limit != nil || context.covers(.networkInterfaces) else { return nil }
            let used = context.networkInterfaces.filter { $0.vpcId == vpc }.count
            return (used, limit)
        }
    }
}
