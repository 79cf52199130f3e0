import Foundation
import Testing
import SigScope

/// `sigscope verify` as a user runs it: output, JSON contract and exit codes.
@Suite("sigscope verify", .serialized)
struct VerifyCommandTests {
    static let tc3 = "testvectors/captures/sdk/tencent-vpcclient-tc3-post.http"
    static let tc3Key = "sigscopeCaptureExampleSecretKey1"
    static let rpc = "testvectors/captures/sdk/aliyun-tea-rpc.curl"
    static let rpcKey = "sigscopeCaptureExampleSecret0001"

    @Test("a matching capture: exit 0, \"match\" first on the first line")
    func match() throws {
        let result = try CLI.run(["verify", Self.tc3, "--secret-key", Self.tc3Key])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("match"))
    }

    @Test("a mismatch: exit 1, \"mismatch\" first, the findings after the steps")
    func mismatch() throws {
        let result = try CLI.run(["verify", Self.tc3, "--secret-key", "wrong-key"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("mismatch"))
        let steps = try #require(result.stdout.range(of: "Steps"))
        let findings = try #require(result.stdout.range(of: "Findings"))
        #expect(steps.lowerBound < findings.lowerBound)
        #expect(result.stdout.contains("wrong-secret-likely"))
    }

    @Test("--format json has the contract's keys and types")
    func json() throws {
        let result = try CLI.run(["verify", Self.rpc, "--secret-key", "wrong", "--format", "json"])
        #expect(result.status == 1)
        let object = try #require(try JSONParser.parse(result.stdout).objectValue)
        #expect(object["match"] == .bool(false))
        #expect(object["provider"] == .string("aliyun"))
        #expect(object["algorithm"] == .string("HMAC-SHA1"))
        #expect(object["providedSignature"]?.stringValue != nil)
        #expect(object["computedSignature"]?.stringValue != nil)
        let steps = try #require(object["steps"]?.objectValue)
        #expect(steps.keys == ["canonicalizedQueryString", "stringToSign", "signature"])
        let findings = try #require(object["findings"]?.arrayValue)
        #expect(findings.first?["code"] == .string("signature-mismatch"))
        for finding in findings {
            #expect(finding["severity"]?.stringValue != nil)
            #expect(finding["message"]?.stringValue != nil)
        }
    }

    @Test("the secret comes from the provider's environment variable when not given")
    func environment() throws {
        let result = try CLI.run(["verify", Self.rpc], env: ["ALIBABA_CLOUD_ACCESS_KEY_SECRET": Self.rpcKey])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("no secret at all is a usage error (64) naming the option and the variable")
    func noSecret() throws {
        let result = try CLI.run(["verify", Self.tc3])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--secret-key"))
        #expect(result.stderr.contains("TENCENTCLOUD_SECRET_KEY"))
    }

    @Test("an unbalanced quote in a curl capture: exit 2 with file, line and column")
    func unbalanced() throws {
        let result = try CLI.run(["verify", "-", "--secret-key", "k"], stdin: "curl https://vpc.tencentcloudapi.com/ \\\n  -H 'Authorization: TC3-HMAC-SHA256 x\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("<stdin>:2:6"))
        #expect(result.stderr.contains("quote"))
    }

    @Test("something that is no capture at all: exit 2")
    func garbage() throws {
        let result = try CLI.run(["verify", "-", "--secret-key", "k"], stdin: "hello, world\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("<stdin>:1:1"))
    }

    @Test("a request with no signature: exit 2")
    func unsigned() throws {
        let result = try CLI.run(["verify", "-", "--secret-key", "k"], stdin: "GET / HTTP/1.1\r\nHost: vpc.tencentcloudapi.com\r\n\r\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("no signature"))
    }

    @Test("--entry on a capture that is not HAR is a usage error; --entry 1 of an SDK HAR matches")
    func entry() throws {
        #expect(try CLI.run(["verify", Self.tc3, "--secret-key", Self.tc3Key, "--entry", "1"]).status == 64)
        let har = try CLI.run(["verify", "testvectors/captures/sdk/aliyun-tea-acs3.har", "--secret-key", Self.rpcKey, "--entry", "1"])
        #expect(har.status == 0, "\(har.stderr)")
    }

    @Test("--now judges expiry: exit 1 with timestamp-expired")
    func now() throws {
        let result = try CLI.run(["verify", Self.tc3, "--secret-key", Self.tc3Key, "--now", "2023-11-14T23:00:00Z", "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"timestamp-expired\""))
    }

    @Test("the secret key appears in no output, even with --show-secrets")
    func secretHidden() throws {
        let key = "VerySecretKeyValue-0123456789"
        for format in ["text", "json"] {
            let result = try CLI.run(["verify", Self.tc3, "--secret-key", key + "\n", "--show-secrets", "--format", format])
            #expect(!result.stdout.contains(key))
            #expect(!result.stderr.contains(key))
        }
    }
}
