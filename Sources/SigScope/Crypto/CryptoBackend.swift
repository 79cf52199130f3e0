internal import COpenSSL

/// Which of libcrypto's interfaces computes sigscope's hashes and MACs.
///
/// Both give the same bytes (the same SHA-1 and SHA-256 code runs underneath); they differ in
/// cost and in who may choose the implementation:
/// - `.direct`: libcrypto's `SHA1_*`/`SHA256_*` functions on contexts held in place, and HMAC
///   (RFC 2104) on them with each key's inner and outer states computed once. Nothing is
///   fetched or allocated per message. In OpenSSL 3.0 `EVP` allocates, cleanses and frees a
///   provider context for every digest and two for every HMAC, about 4 % of a batch line, and
///   the first fetch is about two fifths of a one-shot `sign`'s instructions.
/// - `.providers`: `EVP`, fetched once, so a configuration can select the implementation.
///
/// `.direct` is used unless OpenSSL's configuration is read (`OPENSSL_CONF` names a file, or the
/// kernel runs in FIPS mode: see `CryptoSetup`), since that configuration may select another
/// provider, such as the FIPS one, that must then compute every hash.
enum CryptoBackend: Sendable {
    case direct
    case providers

    /// The backend for this process, decided once from the environment.
    static let current: CryptoBackend = CryptoSetup.readsConfiguration ? .providers : .direct
}

/// One of libcrypto's direct hash interfaces (`SHA256_Init`/`_Update`/`_Final` and the like).
protocol DirectHash {
    associatedtype Context
    /// Input block size in bytes (HMAC pads keys to it).
    static var blockSize: Int { get }
    static var digestLength: Int { get }
    static func start() -> Context
    static func update(_ context: inout Context, _ data: UnsafeRawBufferPointer)
    /// Writes the digest to the start of `out` (at least `digestLength` bytes) and leaves `context` spent.
    static func finish(_ context: inout Context, into out: UnsafeMutableRawBufferPointer)
}

enum DirectSHA256: DirectHash {
    static let blockSize = 64
    static let digestLength = 32

    static func start() -> SHA256_CTX {
        var context = SHA256_CTX()
        SHA256_Init(&context)  // Cannot fail: it only sets the initial state.
        return context
    }

    static func update(_ context: inout SHA256_CTX, _ data: UnsafeRawBufferPointer) {
        if let base = data.baseAddress, !data.isEmpty { SHA256_Update(&context, base, data.count) }
    }

    static func finish(_ context: inout SHA256_CTX, into out: UnsafeMutableRawBufferPointer) {
        guard out.count >= digestLength, let base = out.baseAddress else { return }
        SHA256_Final(base.assumingMemoryBound(to: UInt8.self), &context)
    }
}

enum DirectSHA1: DirectHash {
    static let blockSize = 64
    static let digestLength = 20

    static func start() -> SHA_CTX {
        var context = SHA_CTX()
        SHA1_Init(&context)
        return context
    }

    static func update(_ context: inout SHA_CTX, _ data: UnsafeRawBufferPointer) {
        if let base = data.baseAddress, !data.isEmpty { SHA1_Update(&context, base, data.count) }
    }

    static func finish(_ context: inout SHA_CTX, into out: UnsafeMutableRawBufferPointer) {
        guard out.count >= digestLength, let base = out.baseAddress else { return }
        SHA1_Final(base.assumingMemoryBound(to: UInt8.self), &context)
    }
}

extension DirectHash {
    /// The digest of `data` into `out`.
    static func digest(_ data: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        var context = start()
        update(&context, data)
        finish(&context, into: out)
    }

    /// HMAC's keyed inner and outer states for `key` (RFC 2104: a key longer than a block is
    /// hashed first, then padded with zeros to a block and XORed with 0x36 and 0x5c).
    static func keyedStates(_ key: UnsafeRawBufferPointer) -> (inner: Context, outer: Context) {
        withUnsafeTemporaryAllocation(byteCount: blockSize, alignment: 8) { pad in
            pad.initializeMemory(as: UInt8.self, repeating: 0)
            if key.count > blockSize {
                digest(key, into: pad)
            } else if !key.isEmpty {
                pad.copyMemory(from: key)
            }
            for i in 0..<blockSize { pad[i] ^= 0x36 }
            var inner = start()
            update(&inner, UnsafeRawBufferPointer(pad))
            for i in 0..<blockSize { pad[i] ^= 0x36 ^ 0x5c }
            var outer = start()
            update(&outer, UnsafeRawBufferPointer(pad))
            OPENSSL_cleanse(pad.baseAddress, blockSize)  // The padded key is secret.
            return (inner, outer)
        }
    }

    /// HMAC of `message` from keyed states into `out` (at least `digestLength` bytes): the states
    /// are copied, so they serve every message of the key.
    static func mac(inner: Context, outer: Context, _ message: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        var context = inner
        update(&context, message)
        withUnsafeTemporaryAllocation(byteCount: digestLength, alignment: 8) { innerDigest in
            finish(&context, into: innerDigest)
            context = outer
            update(&context, UnsafeRawBufferPointer(innerDigest))
            finish(&context, into: out)
        }
    }
}
