import COpenSSL
import Synchronization

/// The hash functions sigscope signs with, computed by OpenSSL's libcrypto.
public enum HashAlgorithm: String, Sendable, CaseIterable {
    case sha1 = "SHA1"
    case sha256 = "SHA256"

    /// Output size in bytes.
    public var digestLength: Int { self == .sha1 ? 20 : 32 }

    /// Index into per-algorithm tables.
    var slot: Int { self == .sha1 ? 0 : 1 }
}

/// Algorithm objects fetched from libcrypto once per process.
///
/// OpenSSL 3 resolves an algorithm by name on every implicit use (`EVP_sha256()` inside
/// one-shot helpers); fetching once and reusing the handle removes that lookup from every call.
final class FetchedAlgorithms: @unchecked Sendable {
    let sha1: OpaquePointer
    let sha256: OpaquePointer
    let hmac: OpaquePointer

    /// Fetches SHA1, SHA256 and HMAC; nil if libcrypto cannot provide them (a broken install).
    init?() {
        guard let sha1 = EVP_MD_fetch(nil, "SHA1", nil),
              let sha256 = EVP_MD_fetch(nil, "SHA256", nil),
              let hmac = EVP_MAC_fetch(nil, "HMAC", nil) else { return nil }
        self.sha1 = sha1
        self.sha256 = sha256
        self.hmac = hmac
    }

    func md(_ algorithm: HashAlgorithm) -> OpaquePointer {
        algorithm == .sha1 ? sha1 : sha256
    }

    static let shared: FetchedAlgorithms? = FetchedAlgorithms()

    static func get() throws -> FetchedAlgorithms {
        guard let shared else { throw CryptoError(function: "EVP_MD_fetch/EVP_MAC_fetch") }
        return shared
    }
}

/// libcrypto contexts kept for the life of the process and reused by every call, one digest
/// context and one HMAC context per hash (with its digest set once), guarded by `CryptoContexts.shared`.
///
/// Creating and freeing a context per call, and naming the digest on every `EVP_MAC_init`
/// (which looks it up by name again), cost more than hashing a short message itself.
struct CryptoContexts: ~Copyable, @unchecked Sendable {  // Its pointers are only used under the mutex.
    var digest: OpaquePointer?
    var macs: [OpaquePointer?] = [nil, nil]
    /// The key each HMAC context was last initialised with; nil when unknown (never keyed, or a call failed).
    var macKeys: [[UInt8]?] = [nil, nil]

    static let shared = Mutex(CryptoContexts())

    mutating func digestContext() throws -> OpaquePointer {
        if let digest { return digest }
        guard let created = EVP_MD_CTX_new() else { throw CryptoError(function: "EVP_MD_CTX_new") }
        digest = created
        return created
    }

    mutating func macContext(_ algorithm: HashAlgorithm) throws -> OpaquePointer {
        if let ctx = macs[algorithm.slot] { return ctx }
        let algorithms = try FetchedAlgorithms.get()
        guard let ctx = EVP_MAC_CTX_new(algorithms.hmac) else { throw CryptoError(function: "EVP_MAC_CTX_new") }
        let ok: Int32 = algorithm.rawValue.withCString { namePointer in
            var params: [OSSL_PARAM] = [
                OSSL_PARAM_construct_utf8_string("digest", UnsafeMutablePointer(mutating: namePointer), 0),
                OSSL_PARAM_construct_end(),
            ]
            return EVP_MAC_CTX_set_params(ctx, &params)
        }
        guard ok == 1 else {
            EVP_MAC_CTX_free(ctx)
            throw CryptoError(function: "EVP_MAC_CTX_set_params")
        }
        macs[algorithm.slot] = ctx
        return ctx
    }
}

/// Message digests over libcrypto.
public enum Digest {
    /// Hashes `data` with `algorithm`.
    /// - Throws: `CryptoError` when libcrypto reports a failure.
    public static func hash<D: Collection>(_ algorithm: HashAlgorithm, _ data: D) throws -> [UInt8] where D.Element == UInt8 {
        if let result = try data.withContiguousStorageIfAvailable({ buffer in try hash(algorithm, UnsafeRawBufferPointer(buffer)) }) {
            return result
        }
        return try Array(data).withUnsafeBytes { try hash(algorithm, $0) }
    }

    /// Hashes raw bytes into a new array of exactly the digest's length.
    static func hash(_ algorithm: HashAlgorithm, _ data: UnsafeRawBufferPointer) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: algorithm.digestLength) { out, count in
            try hash(algorithm, data, into: UnsafeMutableRawBufferPointer(out))
            count = algorithm.digestLength
        }
    }

    /// Hashes raw bytes into `out` (at least the digest's length) with the shared, reused context.
    static func hash(_ algorithm: HashAlgorithm, _ data: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) throws {
        let md = try FetchedAlgorithms.get().md(algorithm)
        try CryptoContexts.shared.withLock { contexts throws in
            let ctx = try contexts.digestContext()
            guard EVP_DigestInit_ex2(ctx, md, nil) == 1 else { throw CryptoError(function: "EVP_DigestInit_ex2") }
            guard EVP_DigestUpdate(ctx, data.baseAddress, data.count) == 1 else { throw CryptoError(function: "EVP_DigestUpdate") }
            var length: UInt32 = 0
            guard EVP_DigestFinal_ex(ctx, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length) == 1,
                  Int(length) == algorithm.digestLength else { throw CryptoError(function: "EVP_DigestFinal_ex") }
        }
    }

    /// Lowercase hex of the digest of raw bytes, with no intermediate array.
    static func hex(_ algorithm: HashAlgorithm, _ data: UnsafeRawBufferPointer) throws -> String {
        try withUnsafeTemporaryAllocation(byteCount: 64, alignment: 1) { out in
            try hash(algorithm, data, into: out)
            return Hex.encode(UnsafeRawBufferPointer(rebasing: out[0..<algorithm.digestLength]))
        }
    }

    /// SHA-256 of `data`.
    public static func sha256<D: Collection>(_ data: D) throws -> [UInt8] where D.Element == UInt8 {
        try hash(.sha256, data)
    }

    /// SHA-256 of the UTF-8 bytes of `text`, as lowercase hex.
    public static func sha256Hex(_ text: String) throws -> String {
        var text = text
        return try text.withUTF8 { try hex(.sha256, UnsafeRawBufferPointer($0)) }
    }
}
