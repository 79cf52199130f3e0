/// What a `CreateNetworkInterface` request would create, given the account's state: the
/// ENI's VPC, subnet / vSwitch, zone, security groups, private IPs, tags and the quota left.
package struct ENIPlan: Sendable, Equatable {
    /// One private IP the ENI would get.
    package struct PlannedAddress: Sendable, Equatable {
        /// Where the address comes from.
        package enum Source: String, Sendable, Equatable {
            /// The request names it.
            case given
            /// sigscope picked the lowest address that is free now (the server picks its own).
            case free
        }

        package var address: String
        package var primary: Bool
        package var source: Source

        package init(address: String, primary: Bool, source: Source) {
            self.address = address
            self.primary = primary
            self.source = source
        }
    }

    /// The ENI quota: how many ENIs count against it now, and its limit when the context states it.
    package struct Quota: Sendable, Equatable {
        /// The ENIs counted against the quota; nil when the context states the limit but has no
        /// DescribeNetworkInterfaces response: how many ENIs exist is then not known (never taken as 0).
        package var used: Int?
        package var limit: Int?
        /// The quota's name (`max-elastic-network-interfaces`, `vpc-max-enis`).
        package var name: String?

        package init(used: Int?, limit: Int?, name: String?) {
            self.used = used
            self.limit = limit
            self.name = name
        }

        /// What is left after this ENI, when the limit and the count are known.
        package var remainingAfter: Int? {
            guard let used, let limit else { return nil }
            return limit - used - 1
        }
    }

    package var provider: Provider
    package var vpcId: String?
    package var subnetId: String?
    package var zone: String?
    package var securityGroupIds: [String]
    package var privateIpAddresses: [PlannedAddress]
    /// Addresses that could not be planned (the subnet's CIDR is unknown, or too few are free).
    package var unplannedAddresses: Int
    package var tags: [ContextTag]
    package var quota: Quota?

    package init(provider: Provider, vpcId: String?, subnetId: String?, zone: String?, securityGroupIds: [String], privateIpAddresses: [PlannedAddress],
                unplannedAddresses: Int = 0, tags: [ContextTag] = [], quota: Quota? = nil) {
        self.provider = provider
        self.vpcId = vpcId
        self.subnetId = subnetId
        self.zone = zone
        self.securityGroupIds = securityGroupIds
        self.privateIpAddresses = privateIpAddresses
        self.unplannedAddresses = unplannedAddresses
        self.tags = tags
        self.quota = quota
    }

    /// The contract's `plan` object: `vpcId`, `subnetId`, `zone`, `securityGroupIds`,
    /// `privateIpAddresses[{address, primary, source}]`, `quota{used, limit}`, plus `tags`.
    package var json: JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        var object: JSONObject = [
            "vpcId": text(vpcId),
            "subnetId": text(subnetId),
            "zone": text(zone),
            "securityGroupIds": .array(securityGroupIds.map(JSONValue.string)),
            "privateIpAddresses": .array(privateIpAddresses.map { .object(["address": .string($0.address), "primary": .bool($0.primary), "source": .string($0.source.rawValue)]) }),
            "tags": .array(tags.map { .object(["key": .string($0.key), "value": .string($0.value)]) }),
        ]
        object["quota"] = quota.map { .object(["used": $0.used.map { .number(String($0)) } ?? .null, "limit": $0.limit.map { .number(String($0)) } ?? .null]) } ?? .null
        return .object(object)
    }

    /// The ENI as the state holds it once created, with the id the provider gave it: what a local
    /// endpoint adds to its `ContextState` after answering a CreateNetworkInterface.
    package func networkInterface(id: String, evidence: String) -> ContextState.NetworkInterface {
        let addresses = privateIpAddresses.map(\.address)
        return ContextState.NetworkInterface(id: id, vpcId: vpcId, subnetId: subnetId, zone: zone, privateIpAddresses: addresses,
                                             primaryIpAddress: privateIpAddresses.first { $0.primary }?.address, securityGroupIds: securityGroupIds,
                                             type: "Secondary", tags: tags, evidence: evidence)
    }
}

/// A plan and the validation it was made with.
package struct PlanReport: Sendable, Equatable {
    /// Parameter rules and context rules together.
    package var report: ValidationReport
    /// The ENI that would be created; nil for an action other than CreateNetworkInterface.
    package var plan: ENIPlan?

    package init(report: ValidationReport, plan: ENIPlan?) {
        self.report = report
        self.plan = plan
    }

    /// The contract's `plan` JSON: the `validate` members, `plan`, and `signed` (given by the caller, null without credentials).
    package func json(signed: JSONValue = .null) -> JSONValue {
        guard case .object(var object) = report.json else { return .null }
        object["plan"] = plan?.json ?? .null
        object["signed"] = signed
        return .object(object)
    }
}

/// Plans a `CreateNetworkInterface` against a context. Deterministic: addresses the request
/// leaves to the server are the lowest free ones of the subnet, skipping the provider's reserved
/// addresses and every address an ENI of the context uses.
package enum Planner {
    /// Validates `request` with `context` and plans the ENI it would create.
    package static func plan(_ request: APIRequest, context: ContextState) -> PlanReport {
        let report = ContextRules.validate(request, context: context)
        return PlanReport(report: report, plan: eniPlan(request, context: context))
    }

    /// The ENI `request` would create, without validating; nil for another action.
    package static func eniPlan(_ request: APIRequest, context: ContextState) -> ENIPlan? {
        guard let eni = ENIRequest(request) else { return nil }
        let subnet = eni.subnetId.flatMap { context.subnet($0.value) }
        var addresses: [ENIPlan.PlannedAddress] = []
        var taken: Set<UInt32> = []
        let primaryGiven = eni.addresses.contains { $0.primary }
        for (i, address) in eni.addresses.enumerated() {
            // Tencent makes the first given address primary when none is marked.
            let primary = address.primary || (!primaryGiven && eni.provider == .tencent && i == 0)
            addresses.append(.init(address: address.address, primary: primary, source: .given))
            if let value = IPAddressText.ipv4Value(address.address) { taken.insert(value) }
        }
        let needed = eni.addressesToAllocate
        var unplanned = needed
        if needed > 0, let block = subnet?.ipv4Block {
            let free = ContextRules.lowestFree(block, count: needed, provider: eni.provider, context: context, taken: taken,
                                               vpc: subnet?.vpcId ?? eni.vpcId?.value, subnet: subnet?.id ?? eni.subnetId?.value)
            let primaryFree = !addresses.contains { $0.primary }
            for (i, value) in free.enumerated() {
                addresses.append(.init(address: IPv4Block.text(value), primary: primaryFree && i == 0, source: .free))
            }
            // The primary goes first.
            if primaryFree, let first = addresses.firstIndex(where: { $0.primary }), first > 0 {
                addresses.insert(addresses.remove(at: first), at: 0)
            }
            unplanned = needed - free.count
        }
        let quota = ContextRules.eniQuota(eni: eni, context: context, subnet: subnet).map {
            ENIPlan.Quota(used: context.covers(.networkInterfaces) ? $0.used : nil, limit: $0.limit?.value, name: $0.limit?.name)
        }
        return ENIPlan(provider: eni.provider, vpcId: eni.vpcId?.value ?? subnet?.vpcId, subnetId: eni.subnetId?.value, zone: subnet?.zone,
                       securityGroupIds: eni.securityGroupIds.map(\.value), privateIpAddresses: addresses, unplannedAddresses: unplanned,
                       tags: eni.tags, quota: quota)
    }
}
