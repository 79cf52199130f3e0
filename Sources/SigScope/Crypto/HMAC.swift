internal import COpenSSL

/// HMAC over libcrypto's EVP_MAC interface.
public enum HMAC {
    /// Computes HMAC(`key`, `message`) with `algorithm`. Key first, message second.
    /// - Throws: `CryptoError` when libcrypto reports a failure.
    public static func mac(_ algorithm: HashAlgorithm, key: [UInt8], message: [UInt8]) throws -> [UInt8] {
        let algorithms = try FetchedAlgorithms.get()
        guard let ctx = EVP_MAC_CTX_new(algorithms.hmac) else { throw CryptoError(function: "EVP_MAC_CTX_new") }
        defer { EVP_MAC_CTX_free(ctx) }
        let digestName = algorithm.rawValue
        let initOK: Int32 = digestName.withCString { namePointer in
            var params: [OSSL_PARAM] = [
                OSSL_PARAM_construct_utf8_string("digest", UnsafeMutablePointer(mutating: namePointer), 0),
                OSSL_PARAM_construct_end(),
            ]
            // An empty key is legal for HMAC; OpenSSL needs a non-null pointer for it.
            var zero: UInt8 = 0
            if key.isEmpty {
                return EVP_MAC_init(ctx, &zero, 0, &params)
            }
            return key.withUnsafeBufferPointer { keyBuffer in
                EVP_MAC_init(ctx, keyBuffer.baseAddress, keyBuffer.count, &params)
            }
        }
        guard initOK == 1 else { throw CryptoError(function: "EVP_MAC_init") }
        let updateOK = message.withUnsafeBufferPointer { buffer in
            EVP_MAC_update(ctx, buffer.baseAddress, buffer.count)
        }
        guard updateOK == 1 else { throw CryptoError(function: "EVP_MAC_update") }
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length = 0
        guard EVP_MAC_final(ctx, &out, &length, out.count) == 1 else { throw CryptoError(function: "EVP_MAC_final") }
        return Array(out.prefix(length))
    }

    /// HMAC-SHA256 of a UTF-8 message.
    public static func sha256(key: [UInt8], message: String) throws -> [UInt8] {
        try mac(.sha256, key: key, message: Array(message.utf8))
    }

    /// HMAC-SHA1 of a UTF-8 message.
    public static func sha1(key: [UInt8], message: String) throws -> [UInt8] {
        try mac(.sha1, key: key, message: Array(message.utf8))
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
