internal import CSigScopeOpenSSL

/// The hash functions sigscope signs with, computed by OpenSSL's libcrypto.
package enum HashAlgorithm: String, Sendable, CaseIterable {
    case sha1 = "SHA1"
    case sha256 = "SHA256"

    /// Output size in bytes.
    package var digestLength: Int { self == .sha1 ? 20 : 32 }
}

/// libcrypto's algorithm objects, fetched by their provider names for each use and freed after.
///
/// Fetching explicitly skips the legacy name tables (see `CryptoSetup`); nothing is kept between
/// calls, so the library holds no process-wide state. A batch keeps its own fetched digest in
/// its `CryptoContexts`.
enum Fetched {
    /// The digest `algorithm`, fetched; the caller frees it with `EVP_MD_free`.
    static func digest(_ algorithm: HashAlgorithm) throws -> OpaquePointer {
        guard let md = EVP_MD_fetch(nil, algorithm.rawValue, nil) else { throw CryptoError(function: "EVP_MD_fetch") }
        return md
    }

    /// HMAC, fetched; the caller frees it with `EVP_MAC_free`.
    static func hmac() throws -> OpaquePointer {
        guard let mac = EVP_MAC_fetch(nil, "HMAC", nil) else { throw CryptoError(function: "EVP_MAC_fetch") }
        return mac
    }
}

/// Message digests over libcrypto's EVP interface.
package enum Digest {
    /// Hashes `data` with `algorithm`.
    /// - Throws: `CryptoError` when libcrypto reports a failure.
    package static func hash<D: Collection>(_ algorithm: HashAlgorithm, _ data: D) throws -> [UInt8] where D.Element == UInt8 {
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

    /// Hashes raw bytes into `out` (at least the digest's length) with one `EVP_Digest` call.
    static func hash(_ algorithm: HashAlgorithm, _ data: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) throws {
        let md = try Fetched.digest(algorithm)
        defer { EVP_MD_free(md) }
        var length: UInt32 = 0
        // Empty input still needs a non-null pointer.
        let ok = withUnsafeBytes(of: UInt8(0)) { zero in
            EVP_Digest(data.baseAddress ?? zero.baseAddress, data.count, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, md, nil)
        }
        guard ok == 1, Int(length) == algorithm.digestLength else { throw CryptoError(function: "EVP_Digest") }
    }

    /// Lowercase hex of the digest of raw bytes, with no intermediate array.
    static func hex(_ algorithm: HashAlgorithm, _ data: UnsafeRawBufferPointer) throws -> String {
        try withUnsafeTemporaryAllocation(byteCount: 64, alignment: 1) { out in
            try hash(algorithm, data, into: out)
            return Hex.encode(UnsafeRawBufferPointer(rebasing: out[0..<algorithm.digestLength]))
        }
    }

    /// SHA-256 of `data`.
    package static func sha256<D: Collection>(_ data: D) throws -> [UInt8] where D.Element == UInt8 {
        try hash(.sha256, data)
    }

    /// SHA-256 of the UTF-8 bytes of `text`, as lowercase hex.
    package static func sha256Hex(_ text: String) throws -> String {
        return try text.withUTF8Bytes { try hex(.sha256, UnsafeRawBufferPointer($0)) }
    }
}
