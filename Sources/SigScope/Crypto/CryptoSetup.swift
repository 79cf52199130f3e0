internal import CSigScopeOpenSSL

/// libcrypto's start-up, for the program that owns the process.
///
/// The library itself never initialises libcrypto: in OpenSSL 3 the first `OPENSSL_init_crypto`
/// call wins, so options chosen here would also bind every other libcrypto user of a program
/// that embeds SigScope (its `openssl.cnf` policy among them). A library user gets libcrypto's
/// defaults, applied on first use. The `sigscope` executable, which owns its process, opts into
/// a faster start by calling `startForExecutable` before its first signature (see
/// docs/architecture.md, "Crypto initialisation").
package enum CryptoSetup {
    /// Initialises libcrypto without the legacy cipher and digest tables and without the error
    /// strings, reading `openssl.cnf` only when `loadConfiguration` is true. Call it once, before
    /// any other libcrypto use in the process; false when libcrypto reports a failure.
    package static func startForExecutable(loadConfiguration: Bool) -> Bool {
        sigscope_init_crypto(loadConfiguration ? 1 : 0) == 1
    }
}
