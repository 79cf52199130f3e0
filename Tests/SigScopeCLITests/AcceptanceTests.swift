import Foundation
import Testing
import SigScope

/// What acceptance QA of issues 27 and 29 found through the built binary, as a new user
/// tries it: each test failed before its fix.
@Suite("CLI: acceptance cases of verify, --context and plan")
struct AcceptanceTests {
    static let tencentRequest = "examples/context/tencent-create-eni.json"
    static let aliyunRequest = "examples/context/aliyun-create-eni.json"

    static func json(_ text: String) throws -> JSONObject {
        try #require(try JSONParser.parse(text).objectValue)
    }

    // MARK: plan and credentials (issue 27, item 2)

    @Test("plan refuses an empty secret key (option or variable) with exit 64, as sign does, instead of 'not signed: no credentials'",
          arguments: [(["--secret-id", "AKIDx", "--secret-key", ""], [String: String]()),
                      ([], ["TENCENTCLOUD_SECRET_ID": "AKIDx", "TENCENTCLOUD_SECRET_KEY": ""])])
    func planEmptySecret(options: [String], env: [String: String]) throws {
        let result = try CLI.run(["plan", Self.tencentRequest, "--context", "examples/context/tencent"] + options, env: env)
        #expect(result.status == 64, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("empty"))
        #expect(!result.stdout.contains("not signed"))
    }

    @Test("plan with --secret-key but no key id says what is missing (exit 64), not 'no credentials'")
    func planHalfCredentials() throws {
        let result = try CLI.run(["plan", Self.aliyunRequest, "--context", "examples/context/aliyun", "--access-key-secret", "testsecret"])
        #expect(result.status == 64, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("--access-key-id"))
    }

    @Test("plan without any credentials still plans and says it did not sign (exit 0)")
    func planNoCredentials() throws {
        let result = try CLI.run(["plan", Self.aliyunRequest, "--context", "examples/context/aliyun"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("not signed: no credentials"))
    }
}
