import SigScope
import Synchronization

/// The Alibaba gateway's replay check: a `SignatureNonce` (RPC) or `x-acs-signature-nonce`
/// (ACS3) may be used once per key within the 15-minute window (serve verifies with one key,
/// so its ledger is per configured AccessKeyId); a second request with
/// it gets `SignatureNonceUsed` (HTTP 400, "Specified signature nonce was used already.", as
/// ECS answers it: aliyun/alibaba-cloud-sdk-go#39). `serve --reject-replays` turns it on; it is
/// off by default so that a command `sigscope curl` printed can be sent again.
///
/// Memory is bounded: entries older than the window are dropped as new ones come, and beyond
/// `capacity` live entries the oldest go first (a nonce forgotten that way is accepted again,
/// which a test server may afford and a gateway would not).
package final class NonceLedger: Sendable {
    /// How long a nonce stays used, in seconds (Alibaba's timestamp window).
    package static let window: Int64 = 15 * 60

    private struct Entries {
        /// Key id and nonce → the second the nonce was first used.
        var firstUse: [String: Int64] = [:]
        /// The same, in the order they came, for dropping the old ones.
        var order: [(key: String, second: Int64)] = []
        var orderStart = 0
    }

    private let entries = Mutex(Entries())
    private let capacity: Int

    /// Creates an empty ledger keeping at most `capacity` nonces.
    package init(capacity: Int = 200_000) {
        self.capacity = max(capacity, 1)
    }

    /// Records `nonce` for `keyId` at `now`; false when it was used within the window already.
    package func use(_ nonce: String, keyId: String, now: Timestamp) -> Bool {
        let key = keyId + "\u{0}" + nonce
        let second = now.unixSeconds
        return entries.withLock { entries in
            // Forget what has left the window (and, beyond the capacity, the oldest).
            while entries.orderStart < entries.order.count {
                let oldest = entries.order[entries.orderStart]
                let live = entries.order.count - entries.orderStart
                guard second - oldest.second >= Self.window || live >= capacity else { break }
                if entries.firstUse[oldest.key] == oldest.second { entries.firstUse[oldest.key] = nil }
                entries.orderStart += 1
            }
            if entries.orderStart > 4096, entries.orderStart * 2 > entries.order.count {
                entries.order.removeFirst(entries.orderStart)
                entries.orderStart = 0
            }
            if let first = entries.firstUse[key], second - first < Self.window { return false }
            entries.firstUse[key] = second
            entries.order.append((key, second))
            return true
        }
    }

    /// The nonces remembered now (for tests and the memory check).
    package var count: Int {
        entries.withLock { $0.firstUse.count }
    }
}
