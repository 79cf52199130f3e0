import COpenSSL

/// HMAC over libcrypto's EVP_MAC interface.
public enum HMAC {
    /// Computes HMAC(`key`, `message`) with `algorithm`. Key first, message second.
    /// - Throws: `CryptoError` when libcrypto reports a failure.
    public static func mac(_ algorithm: HashAlgorithm, key: [UInt8], message: [UInt8]) throws -> [UInt8] {
        try message.withUnsafeBytes { try mac(algorithm, key: key, message: $0) }
    }

    /// HMAC of raw message bytes into a new array of exactly the digest's length.
    static func mac(_ algorithm: HashAlgorithm, key: [UInt8], message: UnsafeRawBufferPointer) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: algorithm.digestLength) { out, count in
            try mac(algorithm, key: key, message: message, into: UnsafeMutableRawBufferPointer(out))
            count = algorithm.digestLength
        }
    }

    /// HMAC of raw message bytes into `out` (at least the digest's length), with the shared HMAC context.
    static func mac(_ algorithm: HashAlgorithm, key: [UInt8], message: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) throws {
        try CryptoContexts.shared.withLock { contexts throws in
            let ctx = try contexts.macContext(algorithm)
            // Re-keying costs as much as a short MAC; a batch signs with the same key again and
            // again, so when the key is the one the context already holds it is reinitialised
            // with a NULL key, which libcrypto defines as "reuse the previous key".
            let sameKey = contexts.macKeys[algorithm.slot].map { ConstantTime.equals($0, key) } ?? false
            contexts.macKeys[algorithm.slot] = nil
            let initOK: Int32
            if sameKey {
                initOK = EVP_MAC_init(ctx, nil, 0, nil)
            } else if key.isEmpty {
                // An empty key is legal for HMAC; OpenSSL needs a non-null pointer for it.
                var zero: UInt8 = 0
                initOK = EVP_MAC_init(ctx, &zero, 0, nil)
            } else {
                initOK = key.withUnsafeBufferPointer { EVP_MAC_init(ctx, $0.baseAddress, $0.count, nil) }
            }
            guard initOK == 1 else { throw CryptoError(function: "EVP_MAC_init") }
            guard EVP_MAC_update(ctx, message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count) == 1 else {
                throw CryptoError(function: "EVP_MAC_update")
            }
            var length = 0
            guard EVP_MAC_final(ctx, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, out.count) == 1,
                  length == algorithm.digestLength else { throw CryptoError(function: "EVP_MAC_final") }
            contexts.macKeys[algorithm.slot] = key
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
    public static func sha256(key: [UInt8], message: String) throws -> [UInt8] {
        var message = message
        return try message.withUTF8 { try mac(.sha256, key: key, message: UnsafeRawBufferPointer($0)) }
    }

    /// HMAC-SHA1 of a UTF-8 message.
    public static func sha1(key: [UInt8], message: String) throws -> [UInt8] {
        var message = message
        return try message.withUTF8 { try mac(.sha1, key: key, message: UnsafeRawBufferPointer($0)) }
    }
}

/// Constant-time comparison, for comparing a provided signature with a computed one.
public enum ConstantTime {
    /// True when `a` and `b` are equal; the time taken does not depend on where they differ.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                CRYPTO_memcmp(pa.baseAddress, pb.baseAddress, pa.count) == 0
            }
        }
    }

    /// String form of `equals(_:_:)` over UTF-8 bytes.
    public static func equals(_ a: String, _ b: String) -> Bool {
        equals(Array(a.utf8), Array(b.utf8))
    }
}
