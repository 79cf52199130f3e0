import Foundation
import Testing
import SigScope

/// SDK debug logs and `curl -v` transcripts, as the tools really write them
/// (testvectors/captures/logs/, made by scripts/captures/debug_logs.py against a local listener).
@Suite("SDK debug logs and curl -v transcripts")
struct DebugLogTests {
    static let folder = "testvectors/captures/logs/"
    static let tencentKey = "sigscopeCaptureExampleSecretKey1"
    static let aliyunKey = "sigscopeCaptureExampleSecret0001"

    @Test("verify reads the Tencent SDK's own debug log (POST body and GET query) and the signature matches",
          arguments: ["tencent-sdk-debug-tc3-post.log", "tencent-sdk-debug-tc3-get.log"])
    func tencentLog(_ name: String) throws {
        let result = try CLI.run(["verify", Self.folder + name, "--secret-key", Self.tencentKey, "--now", "1700000000", "--format", "json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let object = try #require(try JSONParser.parse(result.stdout).objectValue)
        #expect(object["match"] == .bool(true))
        #expect(object["captureFormat"] == .string("sdk-log"))
        #expect(object["algorithm"] == .string("TC3-HMAC-SHA256"))
    }

    @Test("the logged body is what is verified: one changed byte of Data is a mismatch")
    func tencentLogBodyMatters() throws {
        let text = try String(contentsOf: CLI.repoRoot.appendingPathComponent(Self.folder + "tencent-sdk-debug-tc3-post.log"), encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"NetworkInterfaceName\": \"demo\"", with: "\"NetworkInterfaceName\": \"demx\"")
        #expect(edited != text)
        let result = try CLI.run(["verify", "-", "--secret-key", Self.tencentKey, "--now", "1700000000"], stdin: edited)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("mismatch"))
    }

    @Test("a body logged as a Python bytes literal (Data: b'…', with \\x escapes) is decoded to its bytes")
    func tencentLogBytesLiteral() throws {
        let text = try String(contentsOf: CLI.repoRoot.appendingPathComponent(Self.folder + "tencent-sdk-debug-tc3-post.log"), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let data = try #require(lines.firstIndex { $0.hasPrefix("Data: ") })
        // The same body as Python's repr of its bytes: b'…' around it, "o" of "demo" written as \x6f.
        let body = String(lines[data].dropFirst("Data: ".count)).replacingOccurrences(of: "\"demo\"", with: "\"dem\\x6f\"")
        lines[data] = "Data: b'" + body + "'"
        let result = try CLI.run(["verify", "-", "--secret-key", Self.tencentKey, "--now", "1700000000"], stdin: lines.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test("a log cut before its Data line is an exit-2 error naming the file and line")
    func tencentLogCut() throws {
        let text = try String(contentsOf: CLI.repoRoot.appendingPathComponent(Self.folder + "tencent-sdk-debug-tc3-post.log"), encoding: .utf8)
        // Lines 1-13: the SendRequest line, Method, Uri and the headers; line 14 is Data.
        let cut = text.split(separator: "\n").prefix(13).joined(separator: "\n")
        #expect(!cut.contains("Data:"))
        let result = try CLI.run(["verify", "-", "--secret-key", Self.tencentKey], stdin: cut)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("sigscope: error: <stdin>:13:"), "\(result.stderr)")
        #expect(result.stderr.contains("Data"))
    }

    @Test("verify reads the Alibaba core SDK's DEBUG=sdk request block (an RPC GET) and the signature matches")
    func aliyunLog() throws {
        let result = try CLI.run(["verify", Self.folder + "aliyun-core-debug-rpc.log", "--secret-key", Self.aliyunKey, "--now", "1700000000", "--format", "json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let object = try #require(try JSONParser.parse(result.stdout).objectValue)
        #expect(object["match"] == .bool(true))
        #expect(object["captureFormat"] == .string("verbose"))
        #expect(object["algorithm"] == .string("HMAC-SHA1"))
        let wrong = try CLI.run(["verify", Self.folder + "aliyun-core-debug-rpc.log", "--secret-key", "wrong", "--now", "1700000000"])
        #expect(wrong.status == 1)
    }

    @Test("a curl -v request with a body is refused clearly: the transcript does not show the body")
    func curlVerboseRequestWithBody() throws {
        let path = Self.folder + "curl-v-tencent-response.txt"
        let result = try CLI.run(["verify", path, "--secret-key", "k"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("sigscope: error: \(path):"), "\(result.stderr)")
        #expect(result.stderr.contains("not its body"))
    }

    @Test("decode reads a curl -v transcript, with -s and with the progress meter mixed in",
          arguments: ["curl-v-tencent-response.txt", "curl-v-progress-tencent-response.txt"])
    func decodeCurlVerbose(_ name: String) throws {
        let result = try CLI.run(["decode", Self.folder + name, "--format", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let object = try #require(try JSONParser.parse(result.stdout).objectValue)
        #expect(object["provider"] == .string("tencent"))
        #expect(object["httpStatus"] == .number("200"))
        #expect(object["error"]?["code"] == .string("AuthFailure.SignatureFailure"))
        #expect(object["requestId"] == .string("00000000-0000-0000-0000-00000000000a"))
    }

    @Test("decode reads a body that ran into curl's closing line (no final newline, on a terminal)")
    func decodeGluedBody() throws {
        let transcript = "*   Trying 127.0.0.1:8080...\n> GET / HTTP/1.1\n> Host: vpc.tencentcloudapi.com\n>\n< HTTP/1.1 200 OK\n< Content-Type: application/json\n<\n"
            + #"{"Response": {"RequestId": "r-1", "TotalCount": 0}}* Connection #0 to host 127.0.0.1 left intact"# + "\n"
        let result = try CLI.run(["decode", "-", "--format", "json"], stdin: transcript)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try JSONParser.parse(result.stdout)["requestId"] == .string("r-1"))
    }

    @Test("decode reads the response record of both SDKs' logs",
          arguments: [("tencent-sdk-debug-tc3-post.log", "tencent"), ("tencent-sdk-debug-tc3-get.log", "tencent"), ("aliyun-core-debug-rpc.log", "aliyun")])
    func decodeSDKLogs(_ name: String, _ provider: String) throws {
        let result = try CLI.run(["decode", Self.folder + name, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONParser.parse(result.stdout).objectValue)
        #expect(object["provider"] == .string(provider))
        #expect(object["outcome"] == .string("success"))
        #expect(object["result"]?["NetworkInterfaceId"] == .string("eni-sigscope"))
    }
}
