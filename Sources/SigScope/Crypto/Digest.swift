internal import COpenSSL

/// The hash functions sigscope signs with, computed by OpenSSL's libcrypto.
public enum HashAlgorithm: String, Sendable, CaseIterable {
    case sha1 = "SHA1"
    case sha256 = "SHA256"

    /// Output size in bytes.
    public var digestLength: Int { self == .sha1 ? 20 : 32 }

    /// Input block size in bytes (HMAC pads its key to it): 64 for both.
    var blockLength: Int { 64 }
}

/// A running SHA-1 or SHA-256 computation over libcrypto's SHA1_* / SHA256_* functions.
///
/// The context is a plain value: no allocation, no provider fetch, no lock, and copying it
/// forks the computation (HMAC keeps its keyed inner and outer states this way).
struct HashState {
    let algorithm: HashAlgorithm
    private var sha1 = SHA_CTX()
    private var sha256 = SHA256_CTX()

    init(_ algorithm: HashAlgorithm) throws {
        self.algorithm = algorithm
        let ok = algorithm == .sha1 ? SHA1_Init(&sha1) : SHA256_Init(&sha256)
        guard ok == 1 else { throw CryptoError(function: algorithm == .sha1 ? "SHA1_Init" : "SHA256_Init") }
    }

    mutating func update(_ data: UnsafeRawBufferPointer) throws {
        guard !data.isEmpty else { return }
        let ok = algorithm == .sha1 ? SHA1_Update(&sha1, data.baseAddress, data.count) : SHA256_Update(&sha256, data.baseAddress, data.count)
        guard ok == 1 else { throw CryptoError(function: algorithm == .sha1 ? "SHA1_Update" : "SHA256_Update") }
    }

    /// Writes the digest to `out` (at least `digestLength` bytes).
    mutating func finish(into out: UnsafeMutableRawBufferPointer) throws {
        let target = out.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let ok = algorithm == .sha1 ? SHA1_Final(target, &sha1) : SHA256_Final(target, &sha256)
        guard ok == 1 else { throw CryptoError(function: algorithm == .sha1 ? "SHA1_Final" : "SHA256_Final") }
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

    /// Hashes raw bytes into `out` (at least the digest's length).
    static func hash(_ algorithm: HashAlgorithm, _ data: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) throws {
        var state = try HashState(algorithm)
        try state.update(data)
        try state.finish(into: out)
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
