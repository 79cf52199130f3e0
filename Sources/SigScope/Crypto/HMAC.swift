internal import COpenSSL

/// HMAC (RFC 2104) over libcrypto's SHA-1 and SHA-256.
///
/// The construction is the RFC's, on libcrypto's hash functions: the key (hashed first when
/// longer than a block) padded to the 64-byte block, then H((key ^ opad) || H((key ^ ipad) || message)).
/// Checked against the RFC 2202 and RFC 4231 vectors.
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

    /// HMAC of raw message bytes into `out` (at least the digest's length).
    static func mac(_ algorithm: HashAlgorithm, key: [UInt8], message: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) throws {
        let keyed = try key.withUnsafeBytes { try KeyedHMAC(algorithm, key: $0) }
        try keyed.mac(message, into: out)
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

/// An HMAC key made ready: the hash states after absorbing the key block XOR ipad (inner)
/// and XOR opad (outer). Each MAC copies them, so the key is processed once per key.
struct KeyedHMAC: @unchecked Sendable {  // Plain hash-state values, never shared mutably.
    let inner: HashState
    let outer: HashState

    init(_ algorithm: HashAlgorithm, key: UnsafeRawBufferPointer) throws {
        // The padded key block lives on the stack and is wiped after use.
        (inner, outer) = try withUnsafeTemporaryAllocation(byteCount: algorithm.blockLength, alignment: 8) { block in
            defer { OPENSSL_cleanse(block.baseAddress, block.count) }
            block.initializeMemory(as: UInt8.self, repeating: 0)
            if key.count > algorithm.blockLength {
                try Digest.hash(algorithm, key, into: block)
            } else if !key.isEmpty {
                block.copyMemory(from: key)
            }
            var inner = try HashState(algorithm)
            var outer = try HashState(algorithm)
            for i in 0..<block.count { block[i] ^= 0x36 }
            try inner.update(UnsafeRawBufferPointer(block))
            for i in 0..<block.count { block[i] ^= 0x36 ^ 0x5C }
            try outer.update(UnsafeRawBufferPointer(block))
            return (inner, outer)
        }
    }

    /// Lowercase hex of the HMAC of `message`.
    func hex(_ message: UnsafeRawBufferPointer) throws -> String {
        try withUnsafeTemporaryAllocation(byteCount: 64, alignment: 1) { out in
            try mac(message, into: out)
            return Hex.encode(UnsafeRawBufferPointer(rebasing: out[0..<inner.algorithm.digestLength]))
        }
    }

    /// HMAC of `message` into `out` (at least the digest's length).
    func mac(_ message: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) throws {
        let length = inner.algorithm.digestLength
        try withUnsafeTemporaryAllocation(byteCount: 64, alignment: 1) { innerDigest in
            var state = inner
            try state.update(message)
            try state.finish(into: innerDigest)
            var final = outer
            try final.update(UnsafeRawBufferPointer(rebasing: innerDigest[0..<length]))
            try final.finish(into: out)
        }
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
