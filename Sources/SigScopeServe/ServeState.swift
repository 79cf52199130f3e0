import SigScope
import Synchronization

/// One elastic network interface as `serve` knows it: created by a request it served, or
/// listed in a context file. The fields both providers' models share, in neutral names; each
/// provider's response renders them under its own names (`ProviderBodies`).
struct NetworkInterfaceRecord: Sendable, Equatable {
    var provider: Provider
    var id: String
    var name: String
    var description: String
    var vpcId: String
    var subnetId: String
    var zone: String
    var securityGroupIds: [String]
    var privateIPs: [(address: String, primary: Bool)]
    var macAddress: String
    var tags: [(key: String, value: String)]
    var created: Timestamp
    /// The item exactly as a context file listed it, answered back as it is; nil for an ENI serve created.
    var listed: JSONObject?

    static func == (a: NetworkInterfaceRecord, b: NetworkInterfaceRecord) -> Bool {
        a.provider == b.provider && a.id == b.id && a.name == b.name && a.vpcId == b.vpcId && a.subnetId == b.subnetId
            && a.privateIPs.map(\.address) == b.privateIPs.map(\.address) && a.listed == b.listed
    }
}

/// A subnet (Tencent) or vSwitch (Alibaba) a context file describes.
struct SubnetRecord: Sendable, Equatable {
    var provider: Provider
    var id: String
    var vpcId: String
    var zone: String
    var cidr: String
}

/// What the context files (`--context`) tell `serve`: the library's context state per provider
/// (subnets, security groups, ENIs, quotas: what validation and address planning read), plus
/// what only serve needs, the Describe* answers as saved (served back as they are) and the ENI
/// items as listed (answered back by DescribeNetworkInterfaces).
package struct ServeInventory: Sendable {
    /// Saved Describe* bodies by provider and action (the JSON a real server answered).
    var describeBodies: [Provider: [String: JSONObject]] = [:]
    var interfaces: [NetworkInterfaceRecord] = []
    /// The files each fact came from, for the startup line.
    package var sources: [String] = []
    /// The library's context state per provider (`ContextLoader`): what validation checks a
    /// request against, as `validate --context` does. ENIs serve creates are added to it.
    package var contexts: [Provider: ContextState] = [:]

    /// An empty inventory: no context.
    package init() {}

    /// The actions answered from context, per provider (sorted).
    package func describeActions(for provider: Provider) -> [String] {
        (describeBodies[provider] ?? [:]).keys.sorted()
    }

    package var subnetCount: Int { contexts.values.reduce(0) { $0 + $1.subnets.count } }
    package var interfaceCount: Int { interfaces.count }
}

/// The session's mutable state: the ENIs per provider (context ones first, then those created),
/// behind one lock. Every action reads and changes it through `withState`.
final class ServeState: Sendable {
    struct Contents: Sendable {
        var interfaces: [Provider: [NetworkInterfaceRecord]] = [:]
        var createdCount = 0
        /// ClientToken → the ENI created with it, per provider (both APIs are idempotent on it).
        var clientTokens: [Provider: [String: String]] = [:]
        /// The context state per provider, with the ENIs created in this session added.
        var contexts: [Provider: ContextState] = [:]
    }

    let inventory: ServeInventory
    private let contents: Mutex<Contents>

    init(inventory: ServeInventory) {
        self.inventory = inventory
        var initial = Contents()
        for record in inventory.interfaces { initial.interfaces[record.provider, default: []].append(record) }
        initial.contexts = inventory.contexts
        contents = Mutex(initial)
    }

    func withState<T>(_ body: (inout Contents) -> T) -> T {
        contents.withLock { body(&$0) }
    }

    /// The subnet with `id`, when the library's context state knows it.
    func subnet(_ provider: Provider, id: String) -> SubnetRecord? {
        guard let subnet = inventory.contexts[provider]?.subnet(id), let cidr = subnet.cidrBlock else { return nil }
        return SubnetRecord(provider: provider, id: id, vpcId: subnet.vpcId ?? "", zone: subnet.zone ?? "", cidr: cidr)
    }
}
