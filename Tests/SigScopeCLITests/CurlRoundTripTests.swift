import Foundation
import Testing
import SigScope

/// `sigscope curl` prints a command whose bytes on the wire are exactly what was signed, for every
/// algorithm and both methods.
@Suite("curl round trip", .serialized)
struct CurlRoundTripTests {
    /// Every character that breaks naive quoting or encoding.
    static let hard = "q' d\" $HOME `id` \\ * ~ + / = & % 中文 🚀\nline2"

    struct Case: Sendable, CustomStringConvertible {
        let shell: String
        let arguments: [String]
        /// Bytes for `--body-file`, when the case sends its own body.
        var bodyFile: String? = nil
        var description: String { "\(shell) \(arguments.joined(separator: " "))" + (bodyFile == nil ? "" : " --body-file") }
    }

    static let tencent = ["--provider", "tencent", "--region", "ap-guangzhou"]
    static let aliyun = ["--provider", "aliyun", "--region", "cn-hangzhou"]

    /// A form body holding the hard characters, `+` for spaces as HTML forms send them.
    static let hardForm = "Description=" + PercentEncoder(spaceAsPlus: true).encode(hard) + "&Tag.1.Key=" + PercentEncoder.rfc3986.encode(hard)

    static let cases: [Case] = [
        Case(shell: "/bin/sh", arguments: tencent + ["--service", "vpc"]),
        Case(shell: "/bin/bash", arguments: tencent + ["--service", "vpc"]),
        Case(shell: "/bin/sh", arguments: tencent + ["--service", "vpc", "--method", "GET"]),
        Case(shell: "/bin/sh", arguments: tencent + ["--service", "vpc", "--signed-headers", "x-tc-action;x-tc-timestamp", "--content-type", "application/json; charset=utf-8"]),
        Case(shell: "/bin/sh", arguments: tencent + ["--algorithm", "hmac-sha1", "--method", "GET"]),
        Case(shell: "/bin/bash", arguments: tencent + ["--algorithm", "hmac-sha1", "--method", "POST"]),
        Case(shell: "/bin/sh", arguments: tencent + ["--algorithm", "hmac-sha256", "--method", "GET", "--token", "tok+/= en"]),
        Case(shell: "/bin/sh", arguments: tencent + ["--algorithm", "hmac-sha256", "--language", "en-US"]),
        Case(shell: "/bin/sh", arguments: aliyun + ["--algorithm", "rpc", "--method", "GET"]),
        Case(shell: "/bin/bash", arguments: aliyun + ["--algorithm", "rpc", "--method", "POST"]),
        Case(shell: "/bin/sh", arguments: aliyun + ["--method", "POST", "--token", "CAIS+tok/=="]),
        Case(shell: "/bin/sh", arguments: aliyun + ["--method", "POST"], bodyFile: hardForm),
        Case(shell: "/bin/sh", arguments: aliyun + ["--algorithm", "acs3"]),
        Case(shell: "/bin/bash", arguments: aliyun + ["--algorithm", "acs3", "--method", "GET", "--token", "CAIS+tok/=="]),
        Case(shell: "/bin/sh", arguments: aliyun + ["--algorithm", "acs3"], bodyFile: hardForm),
    ]

    @Test("the curl command delivers exactly the signed method, query, headers and body", arguments: cases)
    func deliversSignedBytes(_ testCase: Case) throws {
        let listener = try LocalListener()
        var bodyArguments: [String] = []
        var bodyPath: URL?
        if let body = testCase.bodyFile {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-body-\(UUID().uuidString)")
            try Data(body.utf8).write(to: path)
            bodyPath = path
            bodyArguments = ["--body-file", path.path]
        }
        defer { if let bodyPath { try? FileManager.default.removeItem(at: bodyPath) } }
        let arguments = ["curl", "--format", "json", "--no-validate", "--endpoint", "http://127.0.0.1:\(listener.port)",
                         "--secret-id", "AKIDtest", "--secret-key", "s3cr3t-key", "--timestamp", "1700000000",
                         "--param", "NetworkInterfaceName=" + Self.hard, "--param", "NetworkInterfaceDescription=" + Self.hard,
                         "--param", "VpcId=vpc-0akbol5v", "--param", "SubnetId=subnet-76r802pg"] + testCase.arguments + bodyArguments
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let output = try #require(try JSONParser.parse(result.stdout).objectValue)
        let command = try #require(output["command"]?.stringValue)
        let request = try #require(output["request"]?.objectValue)
        let signedBody = try #require(request["body"]?.stringValue)
        let url = try #require(request["url"]?.stringValue)
        let headers = try #require(request["headers"]?.arrayValue).compactMap { $0.objectValue }
        #expect(!command.contains("s3cr3t-key"))

        let run = try runShell(testCase.shell, command)
        #expect(run.status == 0, "\(run.output)")
        let received = try listener.received()

        #expect(received.body == Array(signedBody.utf8), "body bytes differ from the signed body")
        #expect(received.method == request["method"]?.stringValue)
        let sentTarget = url.replacingOccurrences(of: "http://127.0.0.1:\(listener.port)", with: "")
        #expect(received.target == sentTarget)
        for header in headers {
            let name = try #require(header["name"]?.stringValue)
            #expect(received.header(name) == header["value"]?.stringValue, "header \(name)")
        }
        // curl must not have added a second, conflicting Content-Type.
        #expect(received.headers.filter { $0.name.lowercased() == "content-type" }.count <= 1)
        if received.method == "POST" && received.body.isEmpty {
            #expect(received.header("Content-Length") == "0")
        }

        // What arrived, decoded as a server decodes it, reproduces the signature and carries the values unchanged.
        let algorithm = try #require(output["algorithm"]?.stringValue)
        let signature = try #require(output["signature"]?.stringValue)
        try Self.checkSignedOnArrival(received, algorithm: algorithm, signature: signature, secret: SecretKey("s3cr3t-key"))
    }

    /// Recomputes the signature from the request as received, with the library's `compute`.
    static func checkSignedOnArrival(_ received: LocalListener.Received, algorithm: String, signature: String, secret: SecretKey) throws {
        let query = received.target.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        let queryPairs = try #require(FormCodec.strictDecode(query), "query is not well-formed percent-encoding")
        let form = received.header("Content-Type")?.hasPrefix("application/x-www-form-urlencoded") == true
        var bodyPairs: [(name: String, value: String)] = []
        if form {
            bodyPairs = try #require(FormCodec.strictDecode(String(decoding: received.body, as: UTF8.self), plusAsSpace: true), "body is not a well-formed form")
        }
        let all = queryPairs + bodyPairs
        func value(_ name: String) -> String? { all.first { $0.name == name }?.value }

        switch algorithm {
        case "HMAC-SHA1":
            #expect(queryPairs.last?.name == "Signature")
            #expect(value("Signature") == signature)
            let recomputed = try RPCSigner.compute(.init(method: received.method, parameters: all), secretKey: secret)
            #expect(recomputed.signature == signature)
        case "HmacSHA1", "HmacSHA256":
            #expect(value("Signature") == signature)
            let host = try #require(received.header("Host"))
            let input = V1Signer.Input(method: received.method, host: host, parameters: all, algorithm: V1Signer.hashAlgorithm(signatureMethod: value("SignatureMethod")))
            #expect(try V1Signer.compute(input, secretKey: secret).signature == signature)
        case "ACS3-HMAC-SHA256":
            let authorization = try #require(received.header("Authorization"))
            let signedList = try #require(authorization.split(separator: ",").first { $0.hasPrefix("SignedHeaders=") }).dropFirst("SignedHeaders=".count)
            let input = ACS3Signer.Input(method: received.method, query: queryPairs, headers: received.headers.map { HTTPHeader($0.name, $0.value) },
                                         signedHeaders: signedList.split(separator: ";").map(String.init), body: received.body, accessKeyId: "AKIDtest")
            #expect(try ACS3Signer.compute(input, secretKey: secret).authorization == authorization)
        default:
            // TC3 carries the params in a JSON body (POST) or the query (GET); the byte checks above cover it.
            if received.method == "GET" {
                #expect(value("NetworkInterfaceName") == hard)
            }
            return
        }
        #expect(value("NetworkInterfaceName") == hard, "the value the server decodes is the one given")
        #expect(value("NetworkInterfaceDescription") == hard)
        if let description = bodyPairs.first(where: { $0.name == "Description" }) {
            #expect(description.value == hard)
            #expect(bodyPairs.first { $0.name == "Tag.1.Key" }?.value == hard)
        }
    }

    @Test("a body that is not valid UTF-8 or holds NUL bytes is piped through printf unchanged")
    func binaryBody() throws {
        let listener = try LocalListener()
        let body: [UInt8] = [0x7B, 0x00, 0xFF, 0x27, 0x5C, 0x25, 0x0A, 0x7D]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-binary-body-\(UUID().uuidString)")
        try Data(body).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try CLI.run(["curl", "--provider", "tencent", "--no-validate", "--endpoint", "http://127.0.0.1:\(listener.port)",
                                  "--secret-id", "AKIDtest", "--secret-key", "k", "--timestamp", "1700000000", "--body-file", path.path])
        #expect(result.status == 0, "\(result.stderr)")
        let run = try runShell("/bin/sh", result.stdout)
        #expect(run.status == 0, "\(run.output)")
        #expect(try listener.received().body == body)
    }
}
