internal import COpenSSL

/// The hash functions sigscope signs with, computed by OpenSSL's libcrypto.
public enum HashAlgorithm: String, Sendable, CaseIterable {
    case sha1 = "SHA1"
    case sha256 = "SHA256"

    /// Output size in bytes.
    public var digestLength: Int { self == .sha1 ? 20 : 32 }
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

/// Message digests over libcrypto.
public enum Digest {
    /// Hashes `data` with `algorithm`.
    /// - Throws: `CryptoError` when libcrypto reports a failure.
    public static func hash<D: Collection>(_ algorithm: HashAlgorithm, _ data: D) throws -> [UInt8] where D.Element == UInt8 {
        let algorithms = try FetchedAlgorithms.get()
        guard let ctx = EVP_MD_CTX_new() else { throw CryptoError(function: "EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestInit_ex2(ctx, algorithms.md(algorithm), nil) == 1 else {
            throw CryptoError(function: "EVP_DigestInit_ex2")
        }
        let ok: Int32 = data.withContiguousStorageIfAvailable { buffer in
            EVP_DigestUpdate(ctx, buffer.baseAddress, buffer.count)
        } ?? Array(data).withUnsafeBufferPointer { buffer in
            EVP_DigestUpdate(ctx, buffer.baseAddress, buffer.count)
        }
        guard ok == 1 else { throw CryptoError(function: "EVP_DigestUpdate") }
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(ctx, &out, &length) == 1 else { throw CryptoError(function: "EVP_DigestFinal_ex") }
        return Array(out.prefix(Int(length)))
    }

    /// SHA-256 of `data`.
    public static func sha256<D: Collection>(_ data: D) throws -> [UInt8] where D.Element == UInt8 {
        try hash(.sha256, data)
    }

    /// SHA-256 of the UTF-8 bytes of `text`, as lowercase hex.
    public static func sha256Hex(_ text: String) throws -> String {
        Hex.encode(try sha256(Array(text.utf8)))
    }
}
