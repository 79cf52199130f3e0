internal import CSigScopeOpenSSL

/// What one caller keeps between signatures: the derived keys of its last TC3 signature, the
/// HMAC key of its last RPC signature, and a digest and an HMAC context of its own that
/// libcrypto resets between uses.
///
/// A batch worker signs many requests with one secret and date: it derives the keys once, and
/// reuses its contexts instead of allocating and freeing three per signature (a fresh context
/// also takes a reference on the process-wide algorithm objects, memory both cores write).
/// Owned by one thread at a time: each worker has its own, so nothing in it is shared.
public final class SigningKeyCache: @unchecked Sendable {
    var tc3: TC3Signer.Derivation?
    /// The plan of its last TC3 signature (endpoint, headers, the stages that depend on them).
    var tc3Plan: TC3Signer.Plan?
    /// The compact output of its last TC3 plan and derivation, cut where each request's values go.
    var tc3Template: TC3Signer.CompactTemplate?
    /// Where its request bodies are serialized before they are copied out at their size.
    let scratch = ByteBuffer(capacity: 1024)
    /// The last HMAC key made ready from raw key bytes (RPC keys with the secret and a suffix),
    /// with those bytes, reused while they stay the same.
    private var lastKey: (bytes: [UInt8], keyed: KeyedHMAC)?
    /// The digest context, created on first use.
    private var digest: OpaquePointer?
    /// An HMAC context keyed like `macKeyOwner`'s, created on first use and re-keyed when that changes.
    private var mac: OpaquePointer?
    /// Held, not just identified: a freed object's address can be reused by a new key's.
    private var macKeyOwner: KeyedHMAC?

    public init() {}

    deinit {
        if let digest { EVP_MD_CTX_free(digest) }
        if let mac { EVP_MAC_CTX_free(mac) }
    }

    /// Lowercase hex of the SHA-256 of `data`, through this cache's own digest context.
    func sha256Hex(_ data: UnsafeRawBufferPointer) throws -> String {
        try withUnsafeTemporaryAllocation(byteCount: 32, alignment: 1) { out in
            try sha256(data, into: out)
            return Hex.encode(UnsafeRawBufferPointer(out))
        }
    }

    /// The SHA-256 of `data` into the first 32 bytes of `out`, through this cache's own digest context.
    func sha256(_ data: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) throws {
        let md = try FetchedAlgorithms.get().md(.sha256)
        if digest == nil { digest = EVP_MD_CTX_new() }
        guard let digest else { throw CryptoError(function: "EVP_MD_CTX_new") }
        guard out.count >= 32 else { throw CryptoError(function: "EVP_DigestFinal_ex") }
        var length: UInt32 = 0
        let ok = withUnsafeBytes(of: UInt8(0)) { zero in
            EVP_DigestInit_ex2(digest, md, nil) == 1
                && EVP_DigestUpdate(digest, data.baseAddress ?? zero.baseAddress, data.count) == 1
                && EVP_DigestFinal_ex(digest, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length) == 1
        }
        guard ok, length == 32 else { throw CryptoError(function: "EVP_DigestInit_ex2/EVP_DigestUpdate/EVP_DigestFinal_ex") }
    }

    /// `key` made ready for HMAC with `algorithm`: the last one when the bytes are the same.
    func keyed(_ algorithm: HashAlgorithm, key: [UInt8]) throws -> KeyedHMAC {
        if let last = lastKey, last.keyed.algorithm == algorithm, ConstantTime.equals(last.bytes, key) { return last.keyed }
        let keyed = try key.withUnsafeBytes { try KeyedHMAC(algorithm, key: $0) }
        lastKey = (key, keyed)
        return keyed
    }

    /// Lowercase hex of the HMAC of `message` with `keyed`'s key (see `hmac`).
    func hmacHex(_ keyed: KeyedHMAC, _ message: UnsafeRawBufferPointer) throws -> String {
        try withUnsafeTemporaryAllocation(byteCount: 64, alignment: 1) { out in
            try hmac(keyed, message, into: out)
            return Hex.encode(UnsafeRawBufferPointer(rebasing: out[0..<keyed.algorithm.digestLength]))
        }
    }

    /// The HMAC of `message` with `keyed`'s key into `out`, through this cache's own context:
    /// duplicated from `keyed` once, then only re-initialised (same key) for each message.
    func hmac(_ keyed: KeyedHMAC, _ message: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) throws {
        if macKeyOwner !== keyed {
            if let mac { EVP_MAC_CTX_free(mac) }
            mac = nil
            macKeyOwner = nil
            mac = try keyed.duplicateContext()
            macKeyOwner = keyed
        } else if let mac, EVP_MAC_init(mac, nil, 0, nil) != 1 {
            throw CryptoError(function: "EVP_MAC_init")
        }
        guard let mac else { throw CryptoError(function: "EVP_MAC_CTX_dup") }
        try KeyedHMAC.finish(mac, message: message, algorithm: keyed.algorithm, into: out)
    }
}
