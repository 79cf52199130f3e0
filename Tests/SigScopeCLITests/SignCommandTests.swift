import Foundation
import Testing
import SigScopeTestSupport
import SigScope

/// `sigscope sign` as a user runs it: official vectors, exit codes, error messages, secrets.
@Suite("sign command")
struct SignCommandTests {
    static let tc3Vectors = VectorCase.all("tencent/tc3")

    @Test("every TC3 vector reproduces through the binary with --body-file, --endpoint, --action, --content-type, --signed-headers", arguments: tc3Vectors)
    func tc3ThroughBinary(_ vector: VectorCase) throws {
        var arguments = ["sign", "--format", "json", "--show-secrets", "--no-validate", "--provider", "tencent",
                         "--action", try vector.string("action").unwrap(), "--endpoint", try vector.string("endpoint").unwrap(),
                         "--timestamp", try vector.string("timestamp").unwrap(),
                         "--secret-id", try vector.string("secretId").unwrap(), "--secret-key", try vector.string("secretKey").unwrap(),
                         "--method", try vector.string("method").unwrap()]
        if let region = vector.string("region") { arguments += ["--region", region] }
        if let service = vector.string("service") { arguments += ["--service", service] }
        if let contentType = vector.string("contentType") { arguments += ["--content-type", contentType] }
        if let token = vector.string("token") { arguments += ["--token", token] }
        if let signed = vector.string("signedHeaders") { arguments += ["--signed-headers", signed] }
        if let version = vector.string("version") { arguments += ["--api-version", version] }
        if vector.string("method") == "POST" {
            arguments += ["--body-file", vector.path("body.txt")]
        }
        // Params go through a request file so every value stays a string, exactly as in the vector.
        let requestFile = try TempFile(JSONWriter.compact.string(.object(["provider": .string("tencent"), "params": vector.json["params"] ?? .object([:])])))
        arguments.append(requestFile.path)
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let output = try #require(try JSONParser.parse(result.stdout).objectValue)
        #expect(output["algorithm"]?.stringValue == "TC3-HMAC-SHA256")
        #expect(output["provider"]?.stringValue == "tencent")
        let steps = try #require(output["steps"]?.objectValue)
        for key in ["hashedRequestPayload", "canonicalRequest", "hashedCanonicalRequest", "credentialScope", "stringToSign",
                    "secretDate", "secretService", "secretSigning", "signature", "authorization"] {
            #expect(steps[key] != nil, "steps.\(key) missing")
        }
        for stage in vector.stages {
            #expect(steps[stage.step]?.stringValue == stage.value, "\(stage.file)")
        }
        #expect(output["signature"]?.stringValue == vector.stage("signature.txt"))
        let request = try #require(output["request"]?.objectValue)
        #expect(request["method"]?.stringValue == vector.string("method"))
        #expect(request["url"]?.stringValue?.hasPrefix("https://\(try vector.string("endpoint").unwrap())/") == true)
        #expect(request["body"]?.stringValue != nil)
        #expect(request["headers"]?.arrayValue?.isEmpty == false)
    }

    @Test("derived keys are shortened to 8 hex digits unless --show-secrets")
    func shortenedKeys() throws {
        let result = try CLI.run(["sign", "--provider", "tencent", "--format", "json", "--no-validate", "--secret-id", "id", "--secret-key", "k", "--timestamp", "0"])
        #expect(result.status == 0, "\(result.stderr)")
        let steps = try #require(try JSONParser.parse(result.stdout)["steps"]?.objectValue)
        for key in ["secretDate", "secretService", "secretSigning"] {
            let value = try #require(steps[key]?.stringValue)
            #expect(value.count == 9 && value.hasSuffix("…"), "\(key) = \(value)")
        }
        #expect(steps["signature"]?.stringValue?.count == 64)
    }

    @Test("the text trace numbers every step and shows the exact canonical request with visible newlines")
    func textTrace() throws {
        let result = try CLI.run(["sign", "--provider", "tencent", "--no-validate", "--secret-id", "id", "--secret-key", "k", "--timestamp", "1551113065", "--param", "VpcId=vpc-1"])
        #expect(result.status == 0, "\(result.stderr)")
        for marker in ["1. Hashed request payload", "2. Canonical request", "5. String to sign", "9. Signature", "10. Authorization header", "│ POST⏎", "2019-02-25/vpc/tc3_request"] {
            #expect(result.stdout.contains(marker), "missing \(marker)")
        }
    }

    @Test("credentials come from the environment when no option gives them")
    func environmentCredentials() throws {
        let result = try CLI.run(["sign", "--provider", "tencent", "--format", "json", "--no-validate", "--timestamp", "0"],
                                 env: ["TENCENTCLOUD_SECRET_ID": "AKIDenv", "TENCENTCLOUD_SECRET_KEY": "envsecret", "TENCENTCLOUD_SESSION_TOKEN": "envtoken"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Credential=AKIDenv/"))
        #expect(result.stdout.contains("envtoken"))
        #expect(!result.stdout.contains("envsecret"))
    }

    @Test("OPENSSL_CONF (read only when set) changes nothing in the output, even when it names a broken or missing file",
          arguments: ["", "/etc/ssl/openssl.cnf", "/nonexistent/openssl.cnf", "Package.swift"])
    func opensslConfiguration(conf: String) throws {
        let arguments = ["sign", "--provider", "tencent", "--format", "json", "--no-validate", "--secret-id", "AKIDtest", "--secret-key", "k",
                         "--timestamp", "1551113065", "--param", "VpcId=vpc-1"]
        let plain = try CLI.run(arguments)
        let configured = try CLI.run(arguments, env: conf.isEmpty ? [:] : ["OPENSSL_CONF": conf])
        #expect(plain.status == 0 && configured.status == 0, "\(configured.stderr)")
        #expect(configured.stdout == plain.stdout)
        #expect(plain.stdout.contains("\"signature\""))
    }

    struct ErrorCase: Sendable, CustomStringConvertible {
        let name: String
        let arguments: [String]
        let stdin: String?
        let status: Int32
        let message: String
        var description: String { name }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(name: "invalid JSON gives file, line and column", arguments: ["sign", "-", "--secret-id", "i", "--secret-key", "k"],
                  stdin: "{\n  \"provider\": \"tencent\",\n  \"params\": {\"VpcId\": \"vpc-1\",}\n}", status: 2, message: "<stdin>:3:"),
        ErrorCase(name: "a request that is not an object", arguments: ["sign", "-", "--secret-id", "i", "--secret-key", "k"],
                  stdin: "[1, 2]", status: 2, message: "must be a JSON object"),
        ErrorCase(name: "an unknown top-level key with a suggestion", arguments: ["sign", "-", "--secret-id", "i", "--secret-key", "k"],
                  stdin: "{\"provider\": \"tencent\", \"parms\": {}}", status: 2, message: "did you mean \"params\""),
        ErrorCase(name: "an unknown provider", arguments: ["sign", "-", "--secret-id", "i", "--secret-key", "k"],
                  stdin: "{\"provider\": \"aws\"}", status: 2, message: "unknown provider"),
        ErrorCase(name: "a missing file", arguments: ["sign", "/nonexistent/request.json", "--secret-id", "i", "--secret-key", "k"],
                  stdin: nil, status: 2, message: "/nonexistent/request.json: cannot open"),
        ErrorCase(name: "no provider anywhere", arguments: ["sign", "--secret-id", "i", "--secret-key", "k"],
                  stdin: nil, status: 64, message: "no provider"),
        ErrorCase(name: "no secret key", arguments: ["sign", "--provider", "tencent", "--secret-id", "i", "--no-validate"],
                  stdin: nil, status: 64, message: "TENCENTCLOUD_SECRET_KEY"),
        ErrorCase(name: "an unknown option", arguments: ["sign", "--provider", "tencent", "--frobnicate"],
                  stdin: nil, status: 64, message: "frobnicate"),
        ErrorCase(name: "a bad timestamp", arguments: ["sign", "--provider", "tencent", "--secret-id", "i", "--secret-key", "k", "--timestamp", "yesterday", "--no-validate"],
                  stdin: nil, status: 64, message: "cannot read timestamp"),
        ErrorCase(name: "milliseconds instead of seconds", arguments: ["sign", "--provider", "tencent", "--secret-id", "i", "--secret-key", "k", "--timestamp", "1551113065000", "--no-validate"],
                  stdin: nil, status: 64, message: "looks like milliseconds"),
        ErrorCase(name: "--param without =", arguments: ["sign", "--provider", "tencent", "--secret-id", "i", "--secret-key", "k", "--param", "VpcId"],
                  stdin: nil, status: 64, message: "NAME=VALUE"),
        ErrorCase(name: "an algorithm of the other provider", arguments: ["sign", "--provider", "tencent", "--secret-id", "i", "--secret-key", "k", "--algorithm", "acs3", "--no-validate"],
                  stdin: nil, status: 64, message: "Alibaba Cloud algorithm"),
        ErrorCase(name: "an endpoint with a path", arguments: ["sign", "--provider", "tencent", "--secret-id", "i", "--secret-key", "k", "--endpoint", "vpc.tencentcloudapi.com/v3", "--no-validate"],
                  stdin: nil, status: 64, message: "without a path"),
    ]

    @Test("bad input and wrong usage give one clear line and the contract's exit code", arguments: errorCases)
    func errors(_ errorCase: ErrorCase) throws {
        let result = try CLI.run(errorCase.arguments, stdin: errorCase.stdin)
        #expect(result.status == errorCase.status, "stderr: \(result.stderr)")
        #expect(result.stderr.contains(errorCase.message), "stderr: \(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
        #expect(result.stdout.isEmpty)
    }

    @Test("no output or error of sign or curl contains the secret key, in text or JSON, even with --show-secrets")
    func secretNeverPrinted() throws {
        let secret = "Sup3rS3cretK3yValue0123456789abcd"
        for command in ["sign", "curl"] {
            for format in ["text", "json"] {
                for extra in [[], ["--show-secrets"], ["--method", "GET"], ["--endpoint", "bad/path"], ["--timestamp", "nope"]] {
                    let result = try CLI.run([command, "--provider", "tencent", "--format", format, "--no-validate", "--secret-id", "AKIDx", "--secret-key", secret] + extra)
                    #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(command) \(format) \(extra)")
                    #expect(!result.stdout.contains("TC3" + secret))
                }
            }
        }
    }

    @Test("--help teaches: lists the options and examples")
    func help() throws {
        let result = try CLI.run(["sign", "--help"])
        #expect(result.status == 0)
        for text in ["--algorithm", "--show-secrets", "--signed-headers", "--body-file", "NAME=VALUE", "Examples:"] {
            #expect(result.stdout.contains(text), "help lacks \(text)")
        }
        let root = try CLI.run(["--help"])
        #expect(root.stdout.contains("sign") && root.stdout.contains("curl") && root.stdout.contains("Exit codes"))
    }

    @Test("every command's examples fit an 80-column help: none is wrapped into a line that cannot be pasted")
    func helpExamplesFit() throws {
        for command in [[], ["sign"], ["curl"], ["validate"], ["verify"], ["decode"], ["plan"], ["explain"], ["translate"]] {
            let help = try CLI.run(command + ["--help"], env: ["COLUMNS": "80"]).stdout
            let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
            let start = try #require(lines.firstIndex { $0.hasPrefix("Example") }, "\(command): no examples")
            let examples = lines[(start + 1)...].prefix { !$0.isEmpty }
            #expect(!examples.isEmpty)
            for line in examples {
                // argument-parser wraps a line wider than the screen and starts the rest at column 0.
                #expect(line.hasPrefix("  "), "\(command): \(line)")
            }
        }
    }
}

extension VectorCase {
    /// The absolute path of one of the case's files.
    func path(_ file: String) -> String { Repo.url(folder).appendingPathComponent(file).path }
}

/// A temporary file removed when the value is released.
final class TempFile {
    let path: String
    init(_ contents: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-test-\(UUID().uuidString)").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

struct Missing: Error {}

extension Optional {
    func unwrap() throws -> Wrapped {
        guard let value = self else { throw Missing() }
        return value
    }
}
