internal import CSigScopeOpenSSL
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// How libcrypto is initialised, before sigscope's first fetch.
///
/// OpenSSL reads its configuration file (`openssl.cnf`) on first use unless told not to; reading
/// and applying it is about an eighth of a one-shot `sigscope sign`. sigscope only hashes and MACs
/// (SHA-1, SHA-256, HMAC), whose results no configuration can change, and the system file is
/// mostly TLS policy, which does not apply. So the file is read only where it can matter:
/// when `OPENSSL_CONF` names one explicitly (the user asked for it), or when the kernel runs in
/// FIPS mode (`/proc/sys/crypto/fips_enabled` is 1), where the configuration selects the FIPS
/// provider that must compute every hash. docs/performance.md has the measurements.
enum CryptoSetup {
    /// Whether to read OpenSSL's configuration file, from what the environment says.
    static func loadsConfiguration(opensslConf: String?, fipsEnabled: String?) -> Bool {
        if let opensslConf, !opensslConf.isEmpty { return true }
        return fipsEnabled?.first == "1"
    }

    /// Initialises libcrypto once, before the first fetch; false when libcrypto reports a failure.
    static func initialise() -> Bool {
        let load = loadsConfiguration(opensslConf: environment("OPENSSL_CONF"), fipsEnabled: firstBytes(of: "/proc/sys/crypto/fips_enabled"))
        return sigscope_init_crypto(load ? 1 : 0) == 1
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The first few bytes of a small file, nil when it cannot be read.
    private static func firstBytes(of path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 8)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }
}
