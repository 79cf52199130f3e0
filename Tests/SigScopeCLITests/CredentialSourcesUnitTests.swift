import Testing
import SigScope
@testable import SigScopeCLI

/// `CredentialSources` with a given environment (no process, no real HOME).
@Suite("credential sources, in process")
struct CredentialSourcesUnitTests {
    static func environment(_ values: [String: String]) -> (String) -> String? { { values[$0] } }

    @Test("each part follows option, environment, profile; where each came from is kept")
    func precedence() throws {
        let env = Self.environment(["TENCENTCLOUD_SECRET_ID": "AKIDenv", "TENCENTCLOUD_SECRET_KEY": "envkey", "TENCENTCLOUD_TOKEN": "tok"])
        let fromEnv = try CredentialSources(provider: .tencent, given: .init(), environment: env).resolve()
        #expect(fromEnv.secretId == "AKIDenv" && fromEnv.secretKey == SecretKey("envkey") && fromEnv.token == "tok")
        #expect(fromEnv.keySource == "environment TENCENTCLOUD_SECRET_KEY" && fromEnv.tokenSource == "environment TENCENTCLOUD_TOKEN")
        let fromOption = try CredentialSources(provider: .tencent, given: .init(secretId: "AKIDopt", secretKey: "optkey"), environment: env).resolve()
        #expect(fromOption.secretId == "AKIDopt" && fromOption.keySource == "option --secret-key")
        #expect(fromOption.summary == "credentials: secret key from option --secret-key, key id from option --secret-id, token from environment TENCENTCLOUD_TOKEN")
    }

    @Test("no key anywhere is a usage error that names the options, the variable and the profile files")
    func missing() {
        do {
            _ = try CredentialSources(provider: .aliyun, given: .init(), environment: Self.environment([:])).resolve()
            Issue.record("resolved without a key")
        } catch {
            #expect(error.code == .missingInput)
            #expect(error.reason.contains("--access-key-secret") && error.reason.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET") && error.reason.contains("~/.aliyun/config.json"))
        }
    }

    @Test("keyOnly (verify) takes the id and token from the options only")
    func keyOnly() throws {
        let env = Self.environment(["ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIenv", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "s", "ALIBABA_CLOUD_SECURITY_TOKEN": "t"])
        let resolved = try CredentialSources(provider: .aliyun, given: .init(), environment: env).resolve(keyOnly: true)
        #expect(resolved.secretId == nil && resolved.token == nil && resolved.idSource == nil)
    }

    @Test("Frontend.credentials, the entry for other commands, resolves options the same way")
    func frontendEntry() throws {
        let credentials = try Frontend.credentials(for: .tencent, secretId: "AKIDx", secretKey: "k", token: "t")
        #expect(credentials == Credentials(secretId: "AKIDx", secretKey: SecretKey("k"), token: "t"))
        #expect(try Frontend.secretKey(for: .aliyun, given: "s") == SecretKey("s"))
    }
}
