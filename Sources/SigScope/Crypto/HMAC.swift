internal import CSigScopeOpenSSL

/// HMAC-SHA1 and HMAC-SHA256, computed by libcrypto's `EVP_MAC` ("HMAC").
/// Checked against the RFC 2202 and RFC 4231 vectors.
package enum HMAC {
    /// Computes HMAC(`key`, `message`) with `algorithm`. Key first, message second.
    /// - Throws: `CryptoError` when libcrypto reports a failure.
    package static func mac(_ algorithm: HashAlgorithm, key: [UInt8], message: [UInt8]) throws -> [UInt8] {
        try message.withUnsafeBytes { try mac(algorithm, key: key, message: $0) }
    }

    /// HMAC of raw message bytes into a new array of exactly the digest's length.
    static func mac(_ algorithm: HashAlgorithm, key: [UInt8], message: UnsafeRawBufferPointer) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: algorithm.digestLength) { out, count in
            try mac(algorithm, key: key, message: message, into: UnsafeMutableRawBufferPointer(out))
            count = algorithm.digestLength
        }
    }

    /// HMAC of raw message bytes into `out` (at least the digest's length).
    static func mac(_ algorithm: HashAlgorithm, key: [UInt8], message: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) throws {
        let keyed = try key.withUnsafeBytes { try KeyedHMAC(algorithm, key: $0) }
        try keyed.mac(message, into: out)
    }

    /// HMAC(`key`, `message`) with an HMAC fetched once for several keys.
    static func mac(_ algorithm: HashAlgorithm, key: [UInt8], message: [UInt8], using fetched: FetchedHMAC) throws -> [UInt8] {
        let keyed = try key.withUnsafeBytes { try KeyedHMAC(algorithm, key: $0, using: fetched) }
        return try [UInt8](unsafeUninitializedCapacity: algorithm.digestLength) { out, count in
            try message.withUnsafeBytes { try keyed.mac($0, into: UnsafeMutableRawBufferPointer(out)) }
            count = algorithm.digestLength
        }
    }

    /// Lowercase hex of the HMAC of raw message bytes, with no intermediate array.
    static func hex(_ algorithm: HashAlgorithm, key: [UInt8], message: UnsafeRawBufferPointer) throws -> String {
        try withUnsafeTemporaryAllocation(byteCount: 64, alignment: 1) { out in
            try mac(algorithm, key: key, message: message, into: out)
            return Hex.encode(UnsafeRawBufferPointer(rebasing: out[0..<algorithm.digestLength]))
        }
    }

    /// HMAC-SHA256 of a UTF-8 message.
    package static func sha256(key: [UInt8], message: String) throws -> [UInt8] {
        return try message.withUTF8Bytes { try mac(.sha256, key: key, message: UnsafeRawBufferPointer($0)) }
    }

    /// HMAC-SHA1 of a UTF-8 message.
    package static func sha1(key: [UInt8], message: String) throws -> [UInt8] {
        return try message.withUTF8Bytes { try mac(.sha1, key: key, message: UnsafeRawBufferPointer($0)) }
    }
}

/// An HMAC key made ready: a libcrypto `EVP_MAC` context initialised with the key once.
///
/// Each MAC duplicates the keyed context (`EVP_MAC_CTX_dup`) and feeds it the message, so the key
/// is processed once per key while every MAC is still computed by libcrypto's HMAC.
package final class KeyedHMAC: @unchecked Sendable {  // The keyed context is only read (duplicated) after init.
    package let algorithm: HashAlgorithm
    private let keyed: OpaquePointer

    package convenience init(_ algorithm: HashAlgorithm, key: UnsafeRawBufferPointer) throws {
        try self.init(algorithm, key: key, using: FetchedHMAC())
    }

    /// A key made ready with `fetched` (the context holds its own reference to the algorithm).
    init(_ algorithm: HashAlgorithm, key: UnsafeRawBufferPointer, using fetched: FetchedHMAC) throws {
        self.algorithm = algorithm
        guard let context = EVP_MAC_CTX_new(fetched.mac) else { throw CryptoError(function: "EVP_MAC_CTX_new") }
        let ok: Int32 = algorithm.rawValue.withCString { name in
            var params: [OSSL_PARAM] = [
                OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, UnsafeMutablePointer(mutating: name), 0),
                OSSL_PARAM_construct_end(),
            ]
            // An empty key is legal for HMAC; libcrypto needs a non-null pointer for it.
            return withUnsafeBytes(of: UInt8(0)) { zero in
                let bytes = (key.baseAddress ?? zero.baseAddress)?.assumingMemoryBound(to: UInt8.self)
                return EVP_MAC_init(context, bytes, key.count, &params)
            }
        }
        guard ok == 1 else {
            EVP_MAC_CTX_free(context)
            throw CryptoError(function: "EVP_MAC_init")
        }
        keyed = context
    }

    deinit {
        EVP_MAC_CTX_free(keyed)
    }

    /// Lowercase hex of the HMAC of `message`.
    func hex(_ message: UnsafeRawBufferPointer) throws -> String {
        try withUnsafeTemporaryAllocation(byteCount: 64, alignment: 1) { out in
            try mac(message, into: out)
            return Hex.encode(UnsafeRawBufferPointer(rebasing: out[0..<algorithm.digestLength]))
        }
    }

    /// HMAC of `message` into `out` (at least the digest's length).
    func mac(_ message: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) throws {
        let context = try duplicateContext()
        defer { EVP_MAC_CTX_free(context) }
        try Self.finish(context, message: message, algorithm: algorithm, into: out)
    }

    /// A new context keyed like this one, ready for a message; the caller frees it.
    func duplicateContext() throws -> OpaquePointer {
        guard let context = EVP_MAC_CTX_dup(keyed) else { throw CryptoError(function: "EVP_MAC_CTX_dup") }
        return context
    }

    /// Feeds `message` to a keyed, initialised `context` and writes the MAC into `out`.
    static func finish(_ context: OpaquePointer, message: UnsafeRawBufferPointer, algorithm: HashAlgorithm, into out: UnsafeMutableRawBufferPointer) throws {
        if let base = message.baseAddress, !message.isEmpty {
            guard EVP_MAC_update(context, base.assumingMemoryBound(to: UInt8.self), message.count) == 1 else {
                throw CryptoError(function: "EVP_MAC_update")
            }
        }
        var length = 0
        guard EVP_MAC_final(context, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, out.count) == 1,
              length == algorithm.digestLength else { throw CryptoError(function: "EVP_MAC_final") }
    }
}

/// libcrypto's HMAC, fetched for the keys of one operation (a TC3 signer's four) and freed
/// after. Each fetch costs a method-store lookup, and one that follows the first fetch of a
/// digest is not cached (that fetch flushed the cache), so a derivation fetches once.
final class FetchedHMAC {
    let mac: OpaquePointer

    init() throws {
        mac = try Fetched.hmac()
    }

    deinit {
        EVP_MAC_free(mac)
    }
}

/// Constant-time comparison, for comparing a provided signature with a computed one.
package enum ConstantTime {
    /// True when `a` and `b` are equal; the time taken does not depend on where they differ.
    package static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                CRYPTO_memcmp(pa.baseAddress, pb.baseAddress, pa.count) == 0
            }
        }
    }

    /// String form of `equals(_:_:)` over UTF-8 bytes.
    package static func equals(_ a: String, _ b: String) -> Bool {
        equals(Array(a.utf8), Array(b.utf8))
    }
}
