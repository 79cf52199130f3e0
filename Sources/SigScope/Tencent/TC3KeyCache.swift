import Synchronization

/// TC3 derived keys (SecretDate, SecretService, SecretSigning) kept between the verifications of
/// one long-running caller, so that a key is derived once per scope instead of once per request.
///
/// `sigscope serve` owns one per engine and hands it to the verifier with
/// `VerifyOptions.tc3Keys`: it verifies every Tencent request with one secret, and the scope
/// (date, service) changes once a day, so nearly every request finds its keys here. A one-shot
/// `verify` has no cache and derives the keys as before; the keys, and so the verdicts, are the
/// same either way. There is no process-wide cache: each owner keeps its own, lives as long as
/// it does, and nothing else can read it.
///
/// An entry is used only for the exact secret, date and service it was derived from (the
/// secret compared in constant time), so another secret, a wrong-secret probe or the next day
/// gets keys of its own. The cache holds at most `capacity` entries, the oldest dropped first.
/// Safe to share between threads (one lock). Secrets are held, never shown: the type has no
/// description that reveals an entry.
package final class TC3KeyCache: Sendable, Equatable {
    private struct Entry: Sendable {
        let secretKey: SecretKey
        let date: String
        let service: String
        let keys: TC3Signer.DerivedKeys

        func derives(_ secretKey: SecretKey, date: String, service: String) -> Bool {
            self.date == date && self.service == service && ConstantTime.equals(self.secretKey.bytes, secretKey.bytes)
        }
    }

    /// The most entries kept.
    package let capacity: Int
    private let entries = Mutex<[Entry]>([])

    /// An empty cache of at most `capacity` (at least 1) scopes.
    package init(capacity: Int = 8) {
        self.capacity = max(1, capacity)
    }

    /// The keys of `secretKey` for `date` and `service`: kept ones, else derived now and kept.
    /// - Throws: what deriving throws (a libcrypto failure); nothing is kept then.
    func keys(secretKey: SecretKey, date: String, service: String) throws -> TC3Signer.DerivedKeys {
        if let kept = entries.withLock({ list in list.last { $0.derives(secretKey, date: date, service: service) }?.keys }) {
            return kept
        }
        // Derived outside the lock: two threads missing at once both derive, and one entry is kept.
        let keys = try TC3Signer.DerivedKeys(secretKey: secretKey, date: date, service: service)
        entries.withLock { list in
            guard !list.contains(where: { $0.derives(secretKey, date: date, service: service) }) else { return }
            if list.count >= capacity { list.removeFirst() }
            list.append(Entry(secretKey: secretKey, date: date, service: service, keys: keys))
        }
        return keys
    }

    /// How many scopes are kept (for tests).
    package var count: Int {
        entries.withLock { $0.count }
    }

    /// A cache equals only itself: options with different caches verify alike, but are not the same options.
    package static func == (a: TC3KeyCache, b: TC3KeyCache) -> Bool {
        a === b
    }
}
