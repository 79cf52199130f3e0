import Testing
import SigScope

/// The credential checks behind the most reported signature failures.
@Suite("Credential lint")
struct CredentialLintTests {
    static func codes(_ provider: Provider, id: String? = nil, key: String? = nil, token: String? = nil) -> [String] {
        CredentialLint.check(CredentialLint.Input(provider: provider, secretId: id.map { ($0, "--secret-id") },
                                                  secretKey: key.map { (SecretKey($0), "--secret-key") }, token: token.map { ($0, "--token") })).map(\.code)
    }

    @Test("well-formed credentials give no warning")
    func clean() {
        #expect(Self.codes(.tencent, id: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", key: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE").isEmpty)
        #expect(Self.codes(.aliyun, id: "LTAI5tExample", key: "secret").isEmpty)
        #expect(Self.codes(.aliyun, id: "STS.NUexample", key: "secret", token: "CAIS...").isEmpty)
    }

    @Test("a SecretId not shaped like the provider's is flagged: Tencent AKID…, Alibaba LTAI… or STS.…")
    func shape() {
        #expect(Self.codes(.tencent, id: "LTAI5tExample", key: "k") == [CredentialLint.Code.secretIdShape])
        #expect(Self.codes(.tencent, id: "1250000000", key: "k") == [CredentialLint.Code.secretIdShape])
        #expect(Self.codes(.aliyun, id: "AKIDexample", key: "k") == [CredentialLint.Code.secretIdShape])
    }

    @Test("whitespace or a newline around or inside the secret, the id or the token is flagged")
    func whitespace() {
        #expect(Self.codes(.tencent, id: "AKIDx", key: "secret\n") == [CredentialLint.Code.secretKeyWhitespace])
        #expect(Self.codes(.tencent, id: "AKIDx", key: " secret") == [CredentialLint.Code.secretKeyWhitespace])
        #expect(Self.codes(.tencent, id: "AKIDx", key: "sec ret") == [CredentialLint.Code.secretKeyWhitespace])
        #expect(Self.codes(.aliyun, id: "LTAIx\n", key: "k") == [CredentialLint.Code.secretIdWhitespace])
        #expect(Self.codes(.aliyun, id: "STS.x", key: "k", token: "tok\n") == [CredentialLint.Code.tokenWhitespace])
    }

    @Test("an Alibaba STS key without its token is flagged, with the fix naming --token")
    func stsWithoutToken() throws {
        let warnings = CredentialLint.check(CredentialLint.Input(provider: .aliyun, secretId: ("STS.NUexample", "ALIBABA_CLOUD_ACCESS_KEY_ID"), secretKey: (SecretKey("k"), "x")))
        let warning = try #require(warnings.first)
        #expect(warnings.count == 1 && warning.code == CredentialLint.Code.stsWithoutToken)
        #expect(warning.message.contains("ALIBABA_CLOUD_ACCESS_KEY_ID") && warning.fix.subjects == [.token])
        #expect(warning.fix.worded(naming: { "<\($0.rawValue)>" }).contains("issued with it: <token> or ALIBABA_CLOUD_SECURITY_TOKEN"), "\(warning.fix)")
    }

    @Test("a fix names the inputs to change structurally: the key file for a key with whitespace, the secret key for an empty value")
    func fixSubjects() throws {
        let key = try #require(CredentialLint.check(CredentialLint.Input(provider: .tencent, secretKey: (SecretKey("secret\n"), "x"))).first)
        #expect(key.code == CredentialLint.Code.secretKeyWhitespace && key.fix.subjects == [.secretKeyFile], "\(key.fix)")
        let empty = try #require(CredentialLint.check(CredentialLint.Input(provider: .tencent, secretKey: (SecretKey(""), "x"))).first)
        #expect(empty.code == CredentialLint.Code.emptyValue && empty.fix.subjects == [.secretKey], "\(empty.fix)")
        #expect(empty.json(naming: { "<\($0.rawValue)>" })["fix"]?.stringValue?.contains("<secretKey> given as") == true)
    }

    @Test("an empty value (an unset shell variable) is flagged and no warning prints the secret")
    func emptyAndSecret() {
        #expect(Self.codes(.tencent, id: "", key: "") == [CredentialLint.Code.emptyValue, CredentialLint.Code.emptyValue])
        let warnings = CredentialLint.check(CredentialLint.Input(provider: .tencent, secretId: ("AKIDx", "a"), secretKey: (SecretKey(" s3cr3t-value "), "b")))
        #expect(!warnings.isEmpty)
        for warning in warnings {
            #expect(!warning.message.contains("s3cr3t") && !warning.fix.description.contains("s3cr3t"))
        }
    }
}
