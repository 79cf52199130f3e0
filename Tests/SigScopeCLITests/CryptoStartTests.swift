import Testing
@testable import SigScopeCLI

@Suite("libcrypto start-up of the executable")
struct CryptoStartTests {
    @Test("openssl.cnf is read only when OPENSSL_CONF names one or the kernel is in FIPS mode")
    func configurationPolicy() {
        #expect(!Frontend.cryptoLoadsConfiguration(opensslConf: nil, fipsEnabled: nil))
        #expect(!Frontend.cryptoLoadsConfiguration(opensslConf: "", fipsEnabled: "0\n"))
        #expect(Frontend.cryptoLoadsConfiguration(opensslConf: "/etc/ssl/openssl.cnf", fipsEnabled: nil))
        #expect(Frontend.cryptoLoadsConfiguration(opensslConf: nil, fipsEnabled: "1\n"))
    }
}
