import Foundation
import Testing
import SigScopeTestSupport
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
        let result = try CLI.run(["verify", Self.tc3, "--secret-key", Self.tc3Key, "--now", "2023-11-14T22:14:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("match"))
    }

    @Test("a mismatch: exit 1, \"mismatch\" first, the findings after the steps")
    func mismatch() throws {
        let result = try CLI.run(["verify", Self.tc3, "--secret-key", "wrong-key", "--no-clock"])
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
        let result = try CLI.run(["verify", Self.rpc, "--no-clock"], env: ["ALIBABA_CLOUD_ACCESS_KEY_SECRET": Self.rpcKey])
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

    /// The SDK capture (CRLF lines) with its lines changed by `edit`.
    static func editedCapture(_ edit: ([String]) -> [String]) throws -> String {
        let text = try String(contentsOf: CLI.repoRoot.appendingPathComponent(tc3), encoding: .utf8)
        // "\r\n" is one Character: split the lines on LF after turning CRLF into LF.
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return edit(lines).joined(separator: "\r\n")
    }

    /// Issue 28: both were verified as a match (exit 0).
    @Test("a capture whose headers have no blank line after them: exit 2 naming the input and the line")
    func noBlankLine() throws {
        // The headers only: the blank line and the body are cut off.
        let capture = try Self.editedCapture { lines in Array(lines.prefix { !$0.isEmpty }) }
        let result = try CLI.run(["verify", "-", "--secret-key", Self.tc3Key], stdin: capture)
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains("<stdin>:"), "\(result.stderr)")
        #expect(result.stderr.contains("blank line"), "\(result.stderr)")
    }

    @Test("a malformed Authorization header that still reproduces the signature: exit 2 naming the input and the fault")
    func malformedAuthorization() throws {
        // A space in the SecretId: the signature itself does not cover it.
        let capture = try Self.editedCapture { lines in
            lines.map { $0.hasPrefix("Authorization:") ? $0.replacingOccurrences(of: "Credential=AKID", with: "Credential=AKID ") : $0 }
        }
        let result = try CLI.run(["verify", "-", "--secret-key", Self.tc3Key], stdin: capture)
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains("<stdin>"), "\(result.stderr)")
        #expect(result.stderr.contains("Authorization") && result.stderr.contains("SecretId"), "\(result.stderr)")
    }

    @Test("--entry on a capture that is not HAR is a usage error; --entry 1 of an SDK HAR matches")
    func entry() throws {
        #expect(try CLI.run(["verify", Self.tc3, "--secret-key", Self.tc3Key, "--entry", "1"]).status == 64)
        let har = try CLI.run(["verify", "testvectors/captures/sdk/aliyun-tea-acs3.har", "--secret-key", Self.rpcKey, "--entry", "1", "--no-clock"])
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

    @Test("--server-error: the server's string-to-sign is the provided stringToSign step and the diff is a finding")
    func serverError() throws {
        let result = try CLI.run(["verify", "examples/captures/server-string-to-sign-differs.http", "--secret-key", "testsecret",
                                  "--server-error", "examples/captures/server-string-to-sign-differs.error.json", "--format", "json"])
        #expect(result.status == 1)
        let object = try #require(try JSONParser.parse(result.stdout).objectValue)
        #expect(object["providedSteps"]?["stringToSign"]?.stringValue?.hasPrefix("GET&%2F&AccessKeyId%3Dtestid") == true)
        let codes = object["findings"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
        #expect(codes.contains("server-string-to-sign-differs"))
    }

    @Test("--server-error as a curl -i response quoting the official T10 string-to-sign, wrong secret: the secret is wrong")
    func serverErrorHTTP() throws {
        let sts = try String(decoding: Data(contentsOf: CLI.repoRoot.appendingPathComponent("testvectors/aliyun/rpc/T10/string-to-sign.txt")), as: UTF8.self)
        let query = try String(decoding: Data(contentsOf: CLI.repoRoot.appendingPathComponent("testvectors/aliyun/rpc/T10/canonicalized-query-string.txt")), as: UTF8.self)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-server-error-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let request = dir.appendingPathComponent("request.http")
        try Data("GET /?\(query)&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D HTTP/1.1\r\nHost: ecs.aliyuncs.com\r\n\r\n".utf8).write(to: request)
        let body = #"{"Message":"Specified signature is not matched with our calculation. server string to sign is:"# + sts + #"","RequestId":"1DD9FD9A-8E57-43E5-B911-E4F5AD2027F7","HostId":"ecs.aliyuncs.com","Code":"SignatureDoesNotMatch"}"#
        let response = dir.appendingPathComponent("response.txt")
        try Data(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json;charset=utf-8\r\n\r\n" + body).utf8).write(to: response)
        let right = try CLI.run(["verify", request.path, "--secret-key", "testsecret", "--server-error", response.path, "--no-clock"])
        #expect(right.status == 1, "the server rejected it, so it is not a match even with the right signature")
        #expect(right.stdout.contains("server-holds-another-secret"))
        let wrong = try CLI.run(["verify", request.path, "--secret-key", "bad", "--server-error", response.path, "--no-clock", "--format", "json"])
        #expect(wrong.status == 1)
        let codes = try JSONParser.parse(wrong.stdout)["findings"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
        #expect(codes == ["signature-mismatch", "wrong-secret-likely"])
    }

    @Test("--server-error with a response that quotes no string-to-sign: a note, the verdict unchanged")
    func serverErrorWithout() throws {
        let result = try CLI.run(["verify", Self.rpc, "--secret-key", Self.rpcKey, "--server-error", "-", "--no-clock", "--format", "json"],
                                 stdin: #"{"RequestId":"x","HostId":"ecs.aliyuncs.com","Code":"InvalidVSwitchId.NotFound","Message":"The specified VSwitchId is not found."}"#)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("quotes no server string-to-sign"))
    }

    // MARK: - The hard cases (issue 27)

    static func codes(_ stdout: String) throws -> [String] {
        try JSONParser.parse(stdout)["findings"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
    }

    @Test("a right signature with the server's AuthFailure.SignatureFailure / SignatureDoesNotMatch: server-holds-another-secret, exit 1, both providers",
          arguments: [("testvectors/captures/sdk/tencent-vpcclient-tc3-post.http", "sigscopeCaptureExampleSecretKey1", "testvectors/responses/tc-auth-SignatureFailure/input.json"),
                      ("testvectors/captures/sdk/aliyun-tea-rpc.curl", "sigscopeCaptureExampleSecret0001", "testvectors/responses/ali-auth-SignatureDoesNotMatch-no-sts/input.json")])
    func serverHoldsAnotherSecret(capture: String, key: String, error: String) throws {
        let result = try CLI.run(["verify", capture, "--secret-key", key, "--no-clock", "--server-error", error, "--format", "json"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(try Self.codes(result.stdout).contains("server-holds-another-secret"))
        let text = try CLI.run(["verify", capture, "--secret-key", key, "--no-clock", "--server-error", error])
        #expect(text.status == 1)
        #expect(!text.stdout.contains("the server would accept"))
    }

    @Test("an empty secret key is refused on every path with exit 64 and a sentence saying it is empty",
          arguments: [["verify", "testvectors/captures/sdk/tencent-vpcclient-tc3-post.http", "--secret-key", ""],
                      ["verify", "testvectors/captures/sdk/aliyun-tea-rpc.curl", "--access-key-secret", ""],
                      ["sign", "--provider", "tencent", "--action", "CreateNetworkInterface", "--param", "VpcId=vpc-1", "--param", "SubnetId=subnet-1",
                       "--param", "NetworkInterfaceName=n", "--region", "ap-guangzhou", "--secret-id", "AKIDx", "--secret-key", ""],
                      ["curl", "--provider", "aliyun", "--action", "CreateNetworkInterface", "--param", "VSwitchId=vsw-1", "--param", "SecurityGroupId=sg-1",
                       "--region", "cn-hangzhou", "--access-key-id", "LTAIx", "--access-key-secret", ""],
                      ["sign", "--batch", "examples/enis.jsonl", "--secret-id", "AKIDx", "--secret-key", ""],
                      ["curl", "--batch", "-", "--secret-id", "AKIDx", "--secret-key", ""]])
    func emptySecret(arguments: [String]) throws {
        let result = try CLI.run(arguments, stdin: arguments.contains("-") ? (try Repo.text("examples/enis.jsonl")) : nil)
        #expect(result.status == 64, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("empty"))
        #expect(result.stdout.isEmpty, "nothing is signed: \(result.stdout)")
    }

    @Test("an empty secret key variable is refused with exit 64, naming the variable and saying it is empty")
    func emptySecretVariable() throws {
        let result = try CLI.run(["verify", Self.tc3], env: ["TENCENTCLOUD_SECRET_KEY": ""])
        #expect(result.status == 64)
        #expect(result.stderr.contains("TENCENTCLOUD_SECRET_KEY"))
        #expect(result.stderr.contains("empty"))
    }

    @Test("--token that differs from the X-TC-Token sent: token-mismatch, exit 1")
    func tokenMismatch() throws {
        let result = try CLI.run(["verify", "testvectors/captures/sdk/tencent-vpcclient-tc3-token.http", "--secret-key", Self.tc3Key, "--no-clock",
                                  "--token", "another-token", "--format", "json"])
        #expect(result.status == 1)
        #expect(try Self.codes(result.stdout).contains("token-mismatch"))
    }

    @Test("without --now the timestamp is judged against the clock: a 2023 capture is timestamp-expired; --no-clock skips it and says so")
    func clockByDefault() throws {
        let result = try CLI.run(["verify", Self.tc3, "--secret-key", Self.tc3Key, "--format", "json"])
        #expect(result.status == 1)
        #expect(try Self.codes(result.stdout).contains("timestamp-expired"))
        let skipped = try CLI.run(["verify", Self.tc3, "--secret-key", Self.tc3Key, "--no-clock"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stdout.contains("not checked"))
        let given = try CLI.run(["verify", Self.tc3, "--secret-key", Self.tc3Key, "--now", "2023-11-14T22:15:00Z"])
        #expect(given.status == 0)
    }

    @Test("two Content-Type headers: duplicate-header, exit 1")
    func duplicateHeader() throws {
        let text = try String(decoding: Data(contentsOf: CLI.repoRoot.appendingPathComponent(Self.tc3)), as: UTF8.self)
            .replacingOccurrences(of: "Content-Type: application/json\r\n", with: "Content-Type: application/json\r\nContent-Type: text/plain\r\n")
        let result = try CLI.run(["verify", "-", "--secret-key", Self.tc3Key, "--no-clock", "--format", "json"], stdin: text)
        #expect(result.status == 1)
        #expect(try Self.codes(result.stdout).contains("duplicate-header"))
    }

    static let signArguments = ["--provider", "tencent", "--action", "CreateNetworkInterface", "--region", "ap-guangzhou", "--param", "VpcId=vpc-1",
                                "--param", "SubnetId=subnet-1", "--param", "NetworkInterfaceName=n", "--secret-id", "AKIDx", "--secret-key", "k",
                                "--timestamp", "1700000000"]

    @Test("sign and curl at an IP, localhost or upper-case endpoint sign for service vpc",
          arguments: ["http://127.0.0.1:8080", "localhost:8080", "VPC.TencentCloudAPI.com"])
    func endpointService(endpoint: String) throws {
        for command in ["sign", "curl"] {
            let result = try CLI.run([command] + Self.signArguments + ["--endpoint", endpoint])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("/2023-11-14/vpc/tc3_request"))
            #expect(!result.stdout.contains("/127/"))
        }
    }

    @Test("an endpoint with user:password@ or a malformed host: exit 64 naming --endpoint; the password is never printed",
          arguments: ["http://user:pw-secret@127.0.0.1:8080", "http://[::1", "vpc.tencentcloudapi.com:99999"])
    func badEndpoint(endpoint: String) throws {
        for command in ["sign", "curl"] {
            let result = try CLI.run([command] + Self.signArguments + ["--endpoint", endpoint])
            #expect(result.status == 64)
            #expect(result.stderr.contains("--endpoint"))
            #expect(!result.stderr.contains("pw-secret") && !result.stdout.contains("pw-secret"))
        }
    }

    /// A HAR with an unrelated page, two SDK requests and one of them with its body changed.
    static func multiEntryHAR() throws -> String {
        let post = try JSONParser.parse(try Data(contentsOf: CLI.repoRoot.appendingPathComponent("testvectors/captures/sdk/tencent-vpcclient-tc3-post.har")).map { $0 })
        let get = try JSONParser.parse(try Data(contentsOf: CLI.repoRoot.appendingPathComponent("testvectors/captures/sdk/tencent-vpcclient-tc3-get.har")).map { $0 })
        let entries = try #require(post["log"]?["entries"]?.arrayValue)
        let other = try #require(get["log"]?["entries"]?.arrayValue?[1])
        let text = JSONWriter.compact.string(try #require(entries.last))
        let tampered = try JSONParser.parse(text.replacingOccurrences(of: "vpc-0akbol5v", with: "vpc-0akbol5w"))
        var log = try #require(post["log"]?.objectValue)
        log["entries"] = .array([entries[0], entries[1], other, tampered])
        var root = JSONObject()
        root["log"] = .object(log)
        return JSONWriter.compact.string(.object(root))
    }

    @Test("--all-entries: one verdict line per API request of a HAR; exit 1 when any mismatches; JSON is an array")
    func allEntries() throws {
        let har = try Self.multiEntryHAR()
        let text = try CLI.run(["verify", "-", "--all-entries", "--secret-key", Self.tc3Key, "--no-clock"], stdin: har)
        #expect(text.status == 1, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(text.stdout)")
        #expect(lines[0].hasPrefix("entry 1: match"))
        #expect(lines[1].hasPrefix("entry 2: match"))
        #expect(lines[2].hasPrefix("entry 3: mismatch"))
        let json = try CLI.run(["verify", "-", "--all-entries", "--secret-key", Self.tc3Key, "--no-clock", "--format", "json"], stdin: har)
        #expect(json.status == 1)
        let array = try #require(try JSONParser.parse(json.stdout).arrayValue)
        #expect(array.map { $0["entry"] } == [.number("1"), .number("2"), .number("3")])
        #expect(array.map { $0["match"] } == [.bool(true), .bool(true), .bool(false)])
        let good = try CLI.run(["verify", "testvectors/captures/sdk/tencent-vpcclient-tc3-post.har", "--all-entries", "--secret-key", Self.tc3Key, "--no-clock"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try CLI.run(["verify", Self.tc3, "--all-entries", "--secret-key", Self.tc3Key]).status == 64)
    }
}
