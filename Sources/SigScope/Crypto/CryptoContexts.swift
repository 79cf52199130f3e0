internal import CSigScopeOpenSSL

/// A digest and an HMAC context of one caller's own, which libcrypto resets between uses, and
/// the last HMAC key it made ready from raw key bytes.
///
/// A batch worker signs many requests: it reuses these contexts instead of allocating and
/// freeing three per signature (a fresh context also takes a reference on the process-wide
/// algorithm objects, memory both cores write). Owned by one thread at a time: each worker has
/// its own, so nothing in it is shared. Not part of the package API: sigscope's batch signer
/// (`SigScopeBatch`) makes one per worker and passes it to the signers' `package` entry points.
package final class CryptoContexts: @unchecked Sendable {
    /// SHA-256, fetched for this owner on first use.
    private var sha256Digest: OpaquePointer?
    /// The last HMAC key made ready from raw key bytes (RPC keys with the secret and a suffix),
    /// with those bytes, reused while they stay the same.
    private var lastKey: (bytes: [UInt8], keyed: KeyedHMAC)?
    /// The digest context, created on first use.
    private var digest: OpaquePointer?
    /// An HMAC context keyed like `macKeyOwner`'s, created on first use and re-keyed when that changes.
    private var mac: OpaquePointer?
    /// Held, not just identified: a freed object's address can be reused by a new key's.
    private var macKeyOwner: KeyedHMAC?

    package init() {}

    deinit {
        if let digest { EVP_MD_CTX_free(digest) }
        if let mac { EVP_MAC_CTX_free(mac) }
        if let sha256Digest { EVP_MD_free(sha256Digest) }
    }

    /// The SHA-256 of `data` into the first 32 bytes of `out`, through this owner's own digest context.
    package func sha256(_ data: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) throws {
        if sha256Digest == nil { sha256Digest = try Fetched.digest(.sha256) }
        if digest == nil { digest = EVP_MD_CTX_new() }
        guard let digest, let md = sha256Digest else { throw CryptoError(function: "EVP_MD_CTX_new") }
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
    package func keyed(_ algorithm: HashAlgorithm, key: [UInt8]) throws -> KeyedHMAC {
        if let last = lastKey, last.keyed.algorithm == algorithm, ConstantTime.equals(last.bytes, key) { return last.keyed }
        let keyed = try key.withUnsafeBytes { try KeyedHMAC(algorithm, key: $0) }
        lastKey = (key, keyed)
        return keyed
    }

    /// The HMAC of `message` with `keyed`'s key into `out`, through this owner's own context:
    /// duplicated from `keyed` once, then only re-initialised (same key) for each message.
    package func hmac(_ keyed: KeyedHMAC, _ message: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) throws {
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
