/// A `TranslationResolver` from saved Describe* responses (`--context`): the target account's
/// state, and the source account's when it is given too.
///
/// A subnet / vSwitch is matched, in this order, only when exactly one target subnet fits:
/// 1. the same IPv4 CIDR block as the source subnet (known from the source context), or
/// 2. a block that holds every private IP the request asks for.
/// Nothing else is guessed: security groups have no fact both clouds share, so they are left to
/// the user (`--set`).
package struct ContextTranslationResolver: ENITranslation.TranslationResolver {
    /// The source account's state, when its responses are given.
    package var source: ContextState?
    /// The target account's state.
    package var target: ContextState
    /// The private IPv4 addresses the request asks for.
    package var addresses: [String]

    /// Creates a resolver.
    package init(source: ContextState?, target: ContextState, addresses: [String]) {
        self.source = source
        self.target = target
        self.addresses = addresses
    }

    /// The private IPv4 addresses a `CreateNetworkInterface` asks for (Tencent
    /// `PrivateIpAddresses[].PrivateIpAddress`, Alibaba `PrimaryIpAddress` and `PrivateIpAddress.N`).
    package static func addresses(of request: APIRequest) -> [String] {
        var found: [String] = []
        for entry in request.params["PrivateIpAddresses"]?.arrayValue ?? [] {
            if let address = entry.objectValue?["PrivateIpAddress"]?.stringValue { found.append(address) }
        }
        if let primary = request.params["PrimaryIpAddress"]?.stringValue { found.append(primary) }
        for address in request.params["PrivateIpAddress"]?.arrayValue ?? [] {
            if let text = address.stringValue { found.append(text) }
        }
        return found
    }

    package func subnet(_ id: String, of provider: Provider) -> ENITranslation.Counterpart? {
        if let known = source?.subnet(id), let block = known.cidrBlock {
            let same = target.subnets.filter { $0.cidrBlock.flatMap(IPv4Block.init(text:)) == IPv4Block(text: block) }
            if same.count == 1, let match = same.first {
                return ENITranslation.Counterpart(id: match.id, vpcId: match.vpcId,
                                                  evidence: "\(match.evidence): the same CIDR block \(block) as \(id) in \(known.evidence)")
            }
        }
        let values = addresses.compactMap(IPAddressText.ipv4Value)
        guard !values.isEmpty, values.count == addresses.count else { return nil }
        let holding = target.subnets.filter { subnet in
            guard let block = subnet.ipv4Block else { return false }
            return values.allSatisfy(block.contains)
        }
        guard holding.count == 1, let match = holding.first else { return nil }
        return ENITranslation.Counterpart(id: match.id, vpcId: match.vpcId,
                                          evidence: "\(match.evidence): its block \(match.cidrBlock ?? "") holds the private IPs asked for (\(addresses.joined(separator: ", ")))")
    }

    package func securityGroup(_ id: String, of provider: Provider) -> ENITranslation.Counterpart? { nil }
}
