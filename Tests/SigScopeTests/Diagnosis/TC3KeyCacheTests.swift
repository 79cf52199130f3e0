import Testing
@testable import SigScope

/// The TC3 derived keys a long-running verifier (serve) keeps between requests: a kept key is
/// the one the specification derives, is used only for its own secret, date and service, and
/// changes no verdict.
@Suite("TC3 key cache")
struct TC3KeyCacheTests {
    /// The official example's masked key (T1, https://www.tencentcloud.com/document/api/213/33224).
    static let officialSecret = SecretKey(String(repeating: "*", count: 32))

    /// SecretSigning in hex, derived stage by stage without any cache.
    static func derivedSigning(_ secret: SecretKey, date: String, service: String) throws -> String {
        let hmac = try FetchedHMAC()
        let secretDate = try TC3Signer.secretDate(secretKey: secret, date: date, using: hmac)
        let secretService = try TC3Signer.secretService(secretDate: secretDate, service: service, using: hmac)
        return Hex.encode(try TC3Signer.secretSigning(secretService: secretService, using: hmac))
    }

    @Test("a kept key is the official example's SecretSigning, derived once for its scope")
    func official() throws {
        let cache = TC3KeyCache()
        let first = try cache.keys(secretKey: Self.officialSecret, date: "2019-02-25", service: "cvm")
        // T1's published SecretSigning.
        #expect(first.signingHex == "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af")
        let again = try cache.keys(secretKey: Self.officialSecret, date: "2019-02-25", service: "cvm")
        #expect(again === first)
        #expect(cache.count == 1)
    }

    @Test("another service, date or secret never gets a kept key of another scope")
    func otherScopes() throws {
        let cache = TC3KeyCache()
        let other = SecretKey("another-secret-key-0000000000000")
        let cvm = try cache.keys(secretKey: Self.officialSecret, date: "2019-02-25", service: "cvm")
        let scopes: [(SecretKey, String, String)] = [(Self.officialSecret, "2019-02-25", "vpc"), (Self.officialSecret, "2019-02-26", "cvm"), (other, "2019-02-25", "cvm")]
        for (secret, date, service) in scopes {
            let keys = try cache.keys(secretKey: secret, date: date, service: service)
            #expect(keys !== cvm)
            #expect(keys.signingHex == (try Self.derivedSigning(secret, date: date, service: service)))
            #expect(keys.signingHex != cvm.signingHex)
        }
        #expect(cache.count == 4)
        // The first scope still gets its own key.
        #expect(try cache.keys(secretKey: Self.officialSecret, date: "2019-02-25", service: "cvm") === cvm)
    }

    @Test("beyond its capacity the oldest scope is dropped and derived again when asked for")
    func capacity() throws {
        let cache = TC3KeyCache(capacity: 2)
        let first = try cache.keys(secretKey: Self.officialSecret, date: "2019-02-25", service: "cvm")
        _ = try cache.keys(secretKey: Self.officialSecret, date: "2019-02-26", service: "cvm")
        _ = try cache.keys(secretKey: Self.officialSecret, date: "2019-02-27", service: "cvm")
        #expect(cache.count == 2)
        let again = try cache.keys(secretKey: Self.officialSecret, date: "2019-02-25", service: "cvm")
        #expect(again !== first)
        #expect(again.signingHex == first.signingHex)
    }

    static let secret = SecretKey("key-cache-test-secret")

    /// A TC3 CreateNetworkInterface signed at `unixSeconds` with `key`.
    static func signed(at unixSeconds: Int64, key: SecretKey = secret) throws -> SentRequest {
        let request = APIRequest(provider: .tencent, action: "CreateNetworkInterface", region: "ap-guangzhou",
                                 params: ["VpcId": .string("vpc-0akbol5v"), "SubnetId": .string("subnet-76r802pg"), "NetworkInterfaceName": .string("cache")])
        let options = SigningOptions(timestamp: Timestamp(unixSeconds: unixSeconds), endpoint: "https://vpc.tencentcloudapi.com")
        return try Signer.sign(request, options: options, credentials: Credentials(secretId: "AKIDKEYCACHE", secretKey: key)).request
    }

    @Test("verdicts and reports are the same with the cache as without, across two dates and after a secret mismatch")
    func sameVerdicts() throws {
        let cache = TC3KeyCache()
        // 2025-12-06 23:59:59 and 2025-12-07 00:00:01 UTC: two scope dates.
        let late = try Self.signed(at: 1_765_065_599)
        let early = try Self.signed(at: 1_765_065_601)
        let wrong = try Self.signed(at: 1_765_065_599, key: SecretKey("the-client-has-another-secret"))
        let cases: [(SentRequest, SecretKey, Bool)] = [
            (wrong, Self.secret, false), (late, Self.secret, true), (early, Self.secret, true),
            // The verifier given another secret while the cache holds the right one's keys for both dates.
            (late, SecretKey("the-client-has-another-secret"), false), (early, SecretKey("the-client-has-another-secret"), false),
            (late, Self.secret, true), (wrong, Self.secret, false),
        ]
        for (request, secret, accepted) in cases {
            let plain = try Verifier.verify(request, options: VerifyOptions(secretKey: secret))
            var options = VerifyOptions(secretKey: secret)
            options.tc3Keys = cache
            let cached = try Verifier.verify(request, options: options)
            #expect(plain.match == accepted)
            #expect(cached == plain)
        }
        // One scope per (secret, date): the right and the other secret, each on two dates.
        #expect(cache.count == 4)
    }
}
