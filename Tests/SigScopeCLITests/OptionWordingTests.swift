import Foundation
import Testing
import SigScope
@testable import SigScopeCLI

/// The library names an input structurally; the CLI's message names it as the option that
/// sets it. One command line per input shows the option in what the user reads.
@Suite("the CLI names the library's inputs as its options")
struct OptionWordingTests {
    static let tencentKeys = ["--secret-id", "id", "--secret-key", "key"]
    static let tc3Capture = "testvectors/captures/sdk/tencent-vpcclient-tc3-post.http"

    /// An input, a command line whose output (standard output and error together) is about
    /// it, and the option's words the user must read there.
    static let cases: [(subject: SigScopeError.Subject, arguments: [String], expected: String)] = [
        (.provider, ["sign", "--no-validate"] + tencentKeys, #"give the request's provider (--provider, or "provider" in the request file)"#),
        (.action, ["validate", "--provider", "tencent", "--region", "ap-guangzhou", "--param", "Action=X"], #"give the request's action (--action, or "action" in the request file)"#),
        (.region, ["validate", "--provider", "tencent"], #"give the request a region (--region, or "region" in the request file)"#),
        (.params, ["sign", "--provider", "tencent", "--param", "VpcId"] + tencentKeys, #"--param "VpcId" needs the form NAME=VALUE, e.g. --param VpcId="#),
        (.algorithm, ["sign", "--provider", "aliyun", "--algorithm", "hmac-sha1", "--no-validate"] + tencentKeys, "--algorithm hmac-sha1 is a Tencent Cloud algorithm"),
        (.method, ["sign", "--provider", "aliyun", "--method", "GET", "--content-type", "text/plain", "--no-validate"] + tencentKeys, "or use --method POST"),
        (.endpoint, ["sign", "--provider", "tencent", "--endpoint", "vpc.tencentcloudapi.com/x", "--no-validate"] + tencentKeys, #"--endpoint "vpc.tencentcloudapi.com/x" must be a host"#),
        (.service, ["sign", "--provider", "aliyun", "--service", "vpc", "--no-validate"] + tencentKeys, "--service is the TC3 credential-scope service"),
        (.apiVersion, ["sign", "--provider", "tencent", "--param", "Version=1", "--no-validate"] + tencentKeys, "remove it from the params and use --api-version"),
        (.body, ["sign", "--provider", "tencent", "--no-validate"] + tencentKeys, "give exact bytes as --body-file to sign others"),
        (.contentType, ["sign", "--provider", "aliyun", "--method", "GET", "--content-type", "text/plain", "--no-validate"] + tencentKeys, "drop --content-type"),
        (.signedHeaders, ["sign", "--provider", "aliyun", "--signed-headers", "x-a", "--no-validate"] + tencentKeys, "--signed-headers apply to tc3 and acs3"),
        (.language, ["sign", "--provider", "aliyun", "--language", "en-US", "--no-validate"] + tencentKeys, "--language sets Tencent's Language"),
        (.timestamp, ["sign", "--provider", "aliyun", "--algorithm", "acs3", "--param", "Timestamp=1", "--no-validate"] + tencentKeys, "use --timestamp (sent as x-acs-date)"),
        (.nonce, ["sign", "--provider", "tencent", "--algorithm", "hmac-sha1", "--nonce", "abc", "--no-validate"] + tencentKeys, #"--nonce "abc": the Tencent v1 Nonce"#),
        (.secretId, ["sign", "--provider", "tencent", "--param", "SecretId=x", "--no-validate"] + tencentKeys, "(--secret-id or TENCENTCLOUD_SECRET_ID)"),
        (.accessKeyId, ["sign", "--provider", "aliyun", "--param", "AccessKeyId=x", "--no-validate"] + tencentKeys, "(--access-key-id or ALIBABA_CLOUD_ACCESS_KEY_ID)"),
        (.token, ["verify", tc3Capture, "--secret-key", "k", "--token", "a-token", "--no-clock"], "A session token was given (--token) but the request has no"),
        (.now, ["verify", tc3Capture, "--secret-key", "k", "--now", "2100-01-01T00:00:00Z", "--format", "json"], "before --now 2100-01-01T00:00:00Z;"),
        (.serverError, ["decode", "testvectors/responses/ali-auth-SignatureDoesNotMatch/input.json"], "with yours, e.g. `sigscope verify --server-error`: equal strings"),
        (.harEntry, ["verify", tc3Capture, "--secret-key", "k", "--entry", "0"], "--entry selects an entry of a HAR file"),
        (.allHAREntries, ["verify", tc3Capture, "--secret-key", "k", "--all-entries"], "--all-entries needs a HAR file"),
        (.targetProvider, ["translate", "examples/tencent-create-eni.json", "--to", "tencent"], "translate it to the other provider (--to)"),
        (.showSecrets, ["sign", "--provider", "tencent", "--no-validate"] + tencentKeys, "(--show-secrets to print in full)"),
        (.secretKeyFile, ["sign", "--provider", "tencent", "--no-validate", "--secret-id", "AKIDexample", "--secret-key", "key "], "a key read from --secret-key-file loses one trailing newline only"),
        (.targetRegion, ["translate", "examples/tencent-create-eni.json", "--to", "aliyun"], "give the one you want with --target-region"),
        (.setParam, ["translate", "examples/tencent-create-eni.json", "--to", "aliyun"], "(--set VSwitchId=…, or --context to look it up)"),
        (.context, ["translate", "examples/tencent-create-eni.json", "--to", "aliyun", "--format", "json"], "or --context to look it up"),
    ]

    /// The inputs `profiles()` shows: a profile file whose keys come from a service names the options to give them with.
    static let profileSubjects: [SigScopeError.Subject] = [.secretKey, .accessKeySecret, .profile]

    @Test("every input the library can name has a command line here")
    func everySubject() {
        #expect(Set(Self.cases.map(\.subject) + Self.profileSubjects) == Set(SigScopeError.Subject.allCases))
    }

    @Test("a profile that needs STS names the credential options and --profile")
    func profiles() throws {
        let tencent = try CredentialSourcesTests.Home([".tccli/default.credential": #"{"type": "cvm-role"}"#])
        let tccli = try CLI.run(["sign", "examples/tencent-create-eni.json", "--no-validate"], env: ["HOME": tencent.path])
        #expect(tccli.status == 64)
        #expect(tccli.stderr.contains("pass them with --secret-id, --secret-key and --token, or TENCENTCLOUD_SECRET_ID"), "\(tccli.stderr)")
        let aliyun = try CredentialSourcesTests.Home([".aliyun/config.json": CredentialSourcesTests.aliyunConfig])
        let role = try CLI.run(["sign", "examples/aliyun-create-eni.json", "--no-validate", "--profile", "role"], env: ["HOME": aliyun.path])
        #expect(role.status == 64)
        #expect(role.stderr.contains("pass them with --access-key-id, --access-key-secret and --token, or choose an AK or StsToken profile with --profile"), "\(role.stderr)")
    }

    @Test("the CLI's message names the option of each input", arguments: cases.indices)
    func optionNamed(index: Int) throws {
        let c = Self.cases[index]
        let result = try CLI.run(c.arguments)
        let output = result.stdout + result.stderr
        #expect(output.contains(c.expected), "\(c.subject): \(output.suffix(600))")
        #expect(output.contains(Wording.flag(c.subject)))
        // The library's own words for the input are replaced, not repeated, wherever it is named.
        #expect(!output.contains("the entry index") && !output.contains("the param override"), "\(output.suffix(600))")
    }

    @Test("JSON errors carry the CLI's words too, and a param override's error is located at --param")
    func jsonErrors() throws {
        let result = try CLI.run(["sign", "--provider", "tencent", "--param", "Tag.1=x", "--param", "Tag.3=y", "--no-validate", "--format", "json"] + Self.tencentKeys)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("sigscope: error: --param: Tag lists positions 1, 3 but not 0"), "\(result.stderr)")
        let document = try JSONParser.parse(Array(result.stdout.utf8), limits: .request)
        #expect(document["error"]?["location"]?["input"]?.stringValue == "--param", "\(result.stdout)")
        let algorithm = try CLI.run(["sign", "--provider", "aliyun", "--algorithm", "tc3", "--no-validate", "--format", "json"] + Self.tencentKeys)
        let error = try JSONParser.parse(Array(algorithm.stdout.utf8), limits: .request)
        #expect(error["error"]?["message"]?.stringValue?.hasPrefix("--algorithm tc3 is a Tencent Cloud algorithm") == true, "\(algorithm.stdout)")
    }
}
