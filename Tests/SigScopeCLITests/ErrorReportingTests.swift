import Foundation
import Testing
import SigScope

/// How the CLI reports errors: one style for every kind, the input always named, nothing
/// raw from the input echoed to a terminal, and a JSON object for scripts that asked for JSON.
@Suite("error reporting", .serialized)
struct ErrorReportingTests {
    /// Writes `bytes` to a fresh file and returns its path.
    static func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static func file(_ name: String, _ text: String) throws -> String { try file(name, Array(text.utf8)) }

    /// True when `text` holds a C0 control other than newline and tab, DEL, or a C1 control.
    static func hasRawControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { s in
            (s.value < 0x20 && s != "\n" && s != "\t") || s.value == 0x7F || (0x80...0x9F).contains(s.value)
        }
    }

    // MARK: - One style

    @Test("an argument-parser usage error reads sigscope: error: …, then the usage line; exit 64")
    func usageErrorStyle() throws {
        let result = try CLI.run(["sign", "--bogus"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("sigscope: error: "), "\(result.stderr)")
        #expect(result.stderr.contains("--bogus"))
        #expect(result.stderr.contains("Usage: sigscope sign"))
        #expect(!result.stderr.contains("Error: "))
    }

    @Test("a usage error sigscope finds itself (options that do not go together) points at the command's help; exit 64")
    func ownUsageErrorHint() throws {
        for (arguments, command) in [(["sign", "--batch", "x.jsonl", "--format", "text", "--secret-id", "a", "--secret-key", "b"], "sign"),
                                     (["curl", "examples/tencent-create-eni.json", "--secret-id", "a", "--secret-key", ""], "curl")] {
            let result = try CLI.run(arguments)
            #expect(result.status == 64, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("sigscope: error: "), "\(result.stderr)")
            #expect(result.stderr.hasSuffix("  See 'sigscope \(command) --help' for its options and examples.\n"), "\(result.stderr)")
        }
    }

    @Test("a bad option value of argument-parser's own is worded the same way")
    func usageErrorValue() throws {
        let result = try CLI.run(["decode", "x.json", "--format", "xml"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("sigscope: error: "), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: sigscope decode"))
    }

    @Test("help and version still print to standard output and exit 0")
    func helpUnchanged() throws {
        let help = try CLI.run(["sign", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: sigscope sign"))
        let version = try CLI.run(["--version"])
        #expect(version.status == 0)
        #expect(!version.stdout.isEmpty)
    }

    @Test("the article before Alibaba Cloud is \"an\"")
    func article() throws {
        let result = try CLI.run(["sign", "examples/tencent-create-eni.json", "--algorithm", "acs3", "--secret-id", "a", "--secret-key", "b"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("an Alibaba Cloud algorithm"), "\(result.stderr)")
        #expect(!result.stderr.contains("a Alibaba"))
    }

    // MARK: - The input is named

    @Test("every exit-2 error of verify names the capture file")
    func verifyNamesCapture() throws {
        let unsigned = try Self.file("unsigned.http", "POST / HTTP/1.1\r\nHost: vpc.tencentcloudapi.com\r\nContent-Type: application/json\r\n\r\n{}")
        let result = try CLI.run(["verify", unsigned, "--secret-key", "k"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("sigscope: error: \(unsigned): "), "\(result.stderr)")

        let notAPI = try Self.file("other.http", "GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n")
        let other = try CLI.run(["verify", notAPI, "--secret-key", "k"])
        #expect(other.status == 2)
        #expect(other.stderr.hasPrefix("sigscope: error: \(notAPI): "), "\(other.stderr)")
    }

    @Test("an exit-2 error from standard input says so")
    func verifyNamesStandardInput() throws {
        let result = try CLI.run(["verify", "-", "--secret-key", "k"], stdin: "POST / HTTP/1.1\r\nHost: vpc.tencentcloudapi.com\r\n\r\n{}")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("sigscope: error: <stdin>: "), "\(result.stderr)")
    }

    @Test("a file over the size limit is refused from its size, before it is read")
    func sizeLimitBeforeReading() throws {
        // A sparse file: 65 MiB long, nothing stored. Reading it all would still take the bytes in.
        let path = try Self.file("huge.json", [])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 65 << 20)
        try handle.close()
        let result = try CLI.run(["validate", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path): larger than the limit"), "\(result.stderr)")
    }

    // MARK: - Terminal safety

    @Test("control bytes from a request file are shown escaped, never raw")
    func requestFileControls() throws {
        let path = try Self.file("p.json", #"{"provider": "ten\u001b[2Jcent\u0007\r"}"#)
        let result = try CLI.run(["sign", path])
        #expect(result.status == 2)
        #expect(!Self.hasRawControl(result.stderr), "\(result.stderr.debugDescription)")
        #expect(result.stderr.contains(#"ten\x1B[2Jcent\x07\x0D"#), "\(result.stderr)")
    }

    @Test("control bytes from a capture are shown escaped, never raw")
    func captureControls() throws {
        let path = try Self.file("c.http", Array("POST / HTTP/1.1\r\nHost: vpc.tencent\u{1B}]0;pwned\u{07}cloudapi.com\u{7F}\u{85}\r\n\r\n{}".utf8))
        let result = try CLI.run(["verify", path, "--secret-key", "k"])
        #expect(result.status == 2)
        #expect(!Self.hasRawControl(result.stderr), "\(result.stderr.debugDescription)")
        #expect(result.stderr.contains(#"\x1B]0;pwned\x07"#), "\(result.stderr)")
    }

    @Test("control bytes in an unknown option are escaped in argument-parser's message too")
    func optionControls() throws {
        let result = try CLI.run(["validate", "--bo\u{1B}[31mgus"])
        #expect(result.status == 64)
        #expect(!Self.hasRawControl(result.stderr), "\(result.stderr.debugDescription)")
        #expect(result.stderr.contains(#"--bo\x1B[31mgus"#), "\(result.stderr)")
    }

    @Test("control bytes in a --param value are escaped in its error")
    func paramControls() throws {
        let result = try CLI.run(["validate", "--provider", "tencent", "--param", "Vpc\u{1B}Id"])
        #expect(result.status == 64 || result.status == 2)
        #expect(!Self.hasRawControl(result.stderr), "\(result.stderr.debugDescription)")
    }

    @Test("text reports on standard output escape control bytes from the input too", arguments: ["validate", "sign"])
    func reportControls(_ command: String) throws {
        let path = try Self.file("r.json", #"{"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-\u001b]0;title\u0007x", "SubnetId": "subnet-1", "NetworkInterfaceName": "n\u001b[2J"}}"#)
        let result = try CLI.run([command, path, "--secret-id", "a", "--secret-key", "b"].filter { command == "sign" || !["--secret-id", "--secret-key", "a", "b"].contains($0) })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!Self.hasRawControl(result.stdout), "\(result.stdout.debugDescription)")
        #expect(!Self.hasRawControl(result.stderr), "\(result.stderr.debugDescription)")
        #expect((result.stdout + result.stderr).contains(#"\x1B]0;title\x07"#))
    }

    @Test("a verify report shows a control byte of the capture escaped")
    func verifyReportControls() throws {
        let path = try Self.file("v.http", Array("POST /?a=\u{1B}[2J HTTP/1.1\r\nHost: vpc.tencentcloudapi.com\r\nContent-Type: application/json\r\nX-TC-Timestamp: 1700000000\r\nAuthorization: TC3-HMAC-SHA256 Credential=AKID/2023-11-14/vpc/tc3_request, SignedHeaders=content-type;host, Signature=\(String(repeating: "0", count: 64))\r\nContent-Length: 2\r\n\r\n{}".utf8))
        let result = try CLI.run(["verify", path, "--secret-key", "k", "--now", "1700000000"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!Self.hasRawControl(result.stdout), "\(result.stdout.debugDescription)")
        #expect(result.stdout.contains(#"\x1B[2J"#))
    }

    // MARK: - JSON for scripts

    /// The `error` object of a JSON error document on standard output.
    static func errorObject(_ result: CLIResult) throws -> JSONObject {
        let document = try #require(try JSONParser.parse(result.stdout).objectValue, "\(result.stdout)")
        #expect(document["schemaVersion"] != nil)
        return try #require(document["error"]?.objectValue)
    }

    @Test("--format json: an unreadable input is {\"error\": {code, message, location}} on stdout, exit 2")
    func jsonInputError() throws {
        let path = try Self.file("broken.json", "{\"provider\": \"tencent\",\n  \"params\": {]}")
        let result = try CLI.run(["validate", path, "--format", "json"])
        #expect(result.status == 2)
        let error = try Self.errorObject(result)
        #expect(error["code"] == .string("invalid-json"))
        #expect(error["message"]?.stringValue?.isEmpty == false)
        let location = try #require(error["location"]?.objectValue)
        #expect(location["input"] == .string(path))
        #expect(location["line"] == .number("2"))
        #expect(location["column"] != nil)
        // People still read the message on standard error.
        #expect(result.stderr.hasPrefix("sigscope: error: \(path):2:"))
    }

    @Test("--format json: a missing file is a JSON error naming it", arguments: ["validate", "sign", "curl", "verify", "decode"])
    func jsonMissingFile(_ command: String) throws {
        let result = try CLI.run([command, "/nonexistent/x.json", "--format", "json", "--secret-key", "k"].filter { command != "validate" && command != "decode" || ($0 != "--secret-key" && $0 != "k") })
        #expect(result.status == 2)
        let error = try Self.errorObject(result)
        #expect(error["location"]?["input"] == .string("/nonexistent/x.json"))
    }

    @Test("--format json: a sigscope usage error is a JSON error, exit 64, location null")
    func jsonUsageError() throws {
        let result = try CLI.run(["sign", "examples/tencent-create-eni.json", "--format", "json"])
        #expect(result.status == 64)
        let error = try Self.errorObject(result)
        #expect(error["code"] == .string("missing-input"))
        #expect(error["location"] == .null)
    }

    @Test("--format json: an argument-parser usage error is a JSON error too", arguments: [["sign", "--bogus", "--format", "json"], ["decode", "--format=json"], ["verify", "x", "--format", "json", "--entry", "many"]])
    func jsonParserError(_ arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64)
        let error = try Self.errorObject(result)
        #expect(error["code"] == .string("usage"))
        #expect(error["message"]?.stringValue?.isEmpty == false)
        #expect(result.stderr.hasPrefix("sigscope: error: "))
    }

    @Test("--format json: sign and curl with violations print the validation JSON on stdout, exit 1", arguments: ["sign", "curl"])
    func jsonViolations(_ command: String) throws {
        let result = try CLI.run([command, "examples/tencent-invalid.json", "--format", "json", "--secret-id", "a", "--secret-key", "b"])
        #expect(result.status == 1)
        let document = try #require(try JSONParser.parse(result.stdout).objectValue, "\(result.stdout)")
        #expect(document["valid"] == .bool(false))
        #expect(document["violations"]?.arrayValue?.count == 8)
        #expect(document["violations"]?.arrayValue?.first?["code"] == .string("UnknownParameter"))
        #expect(document["schemaVersion"] != nil)
    }

    @Test("sign --format json carries schemaVersion, the timestamp and the nonce it signed with")
    func jsonTimestampNonce() throws {
        let rpc = try CLI.run(["sign", "examples/aliyun-create-eni.json", "--format", "json", "--access-key-id", "a", "--access-key-secret", "b",
                               "--timestamp", "2016-02-23T12:46:24Z", "--nonce", "n-1"])
        #expect(rpc.status == 0, "\(rpc.stderr)")
        let object = try #require(try JSONParser.parse(rpc.stdout).objectValue)
        #expect(object["schemaVersion"] != nil)
        #expect(object["timestamp"] == .number("1456231584"))
        #expect(object["nonce"] == .string("n-1"))

        // A nonce drawn at random is reported as the one in the request.
        let random = try CLI.run(["sign", "examples/aliyun-create-eni.json", "--format", "json", "--access-key-id", "a", "--access-key-secret", "b"])
        let drawn = try #require(try JSONParser.parse(random.stdout).objectValue)
        let nonce = try #require(drawn["nonce"]?.stringValue)
        #expect(drawn["request"]?["url"]?.stringValue?.contains("SignatureNonce=\(nonce)") == true)

        // TC3 has no nonce.
        let tc3 = try CLI.run(["sign", "examples/tencent-create-eni.json", "--format", "json", "--secret-id", "a", "--secret-key", "b", "--timestamp", "1700000000"])
        let tc3Object = try #require(try JSONParser.parse(tc3.stdout).objectValue)
        #expect(tc3Object["timestamp"] == .number("1700000000"))
        #expect(tc3Object["nonce"] == .null)
    }

    @Test("a body that is not UTF-8 also comes as bodyBase64, byte for byte")
    func bodyBase64() throws {
        let bytes: [UInt8] = [0x7B, 0xFF, 0xFE, 0x00, 0x7D]
        let body = try Self.file("body.bin", bytes)
        let result = try CLI.run(["sign", "--provider", "tencent", "--action", "DescribeVpcs", "--region", "ap-guangzhou", "--body-file", body,
                                  "--format", "json", "--secret-id", "a", "--secret-key", "b", "--no-validate"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONParser.parse(result.stdout).objectValue)
        let encoded = try #require(object["request"]?["bodyBase64"]?.stringValue)
        #expect(Data(base64Encoded: encoded) == Data(bytes))
        // A UTF-8 body needs none.
        let plain = try CLI.run(["sign", "examples/tencent-create-eni.json", "--format", "json", "--secret-id", "a", "--secret-key", "b"])
        #expect(try JSONParser.parse(plain.stdout)["request"]?["bodyBase64"] == nil)
    }

    // MARK: - --no-validate

    @Test("--no-validate does not validate at all: nothing about violations is reported")
    func noValidate() throws {
        // A well-shaped SecretId, so the credential lint has nothing to warn about either.
        let result = try CLI.run(["sign", "examples/tencent-invalid.json", "--no-validate", "--secret-id", "AKIDexample", "--secret-key", "b"])
        #expect(result.status == 0)
        #expect(!result.stderr.contains("violation"), "\(result.stderr)")
        #expect(!result.stderr.contains("warning"), "\(result.stderr)")
    }
}
