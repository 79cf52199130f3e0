import Foundation
import Testing
import SigScope

/// `sigscope curl` prints a command whose bytes on the wire are exactly what was signed.
@Suite("curl round trip", .serialized)
struct CurlRoundTripTests {
    /// Every character that breaks naive quoting or encoding.
    static let hard = "q' d\" $HOME `id` \\ * ~ + / = & % 中文 🚀\nline2"

    struct Case: Sendable, CustomStringConvertible {
        let shell: String
        let arguments: [String]
        var description: String { "\(shell) \(arguments.joined(separator: " "))" }
    }

    static let cases: [Case] = [
        Case(shell: "/bin/sh", arguments: ["--provider", "tencent"]),
        Case(shell: "/bin/bash", arguments: ["--provider", "tencent"]),
        Case(shell: "/bin/sh", arguments: ["--provider", "tencent", "--method", "GET"]),
        Case(shell: "/bin/sh", arguments: ["--provider", "tencent", "--signed-headers", "x-tc-action;x-tc-timestamp", "--content-type", "application/json; charset=utf-8"]),
    ]

    @Test("the curl command delivers exactly the signed method, query, headers and body", arguments: cases)
    func deliversSignedBytes(_ testCase: Case) throws {
        let listener = try LocalListener()
        let arguments = ["curl", "--format", "json", "--no-validate", "--endpoint", "http://127.0.0.1:\(listener.port)", "--service", "vpc",
                         "--secret-id", "AKIDtest", "--secret-key", "s3cr3t-key", "--timestamp", "1700000000", "--region", "ap-guangzhou",
                         "--param", "NetworkInterfaceName=" + Self.hard, "--param", "NetworkInterfaceDescription=" + Self.hard,
                         "--param", "VpcId=vpc-0akbol5v", "--param", "SubnetId=subnet-76r802pg"] + testCase.arguments
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let output = try #require(try JSONParser.parse(result.stdout).objectValue)
        let command = try #require(output["command"]?.stringValue)
        let request = try #require(output["request"]?.objectValue)
        let signedBody = try #require(request["body"]?.stringValue)
        let url = try #require(request["url"]?.stringValue)
        let headers = try #require(request["headers"]?.arrayValue).compactMap { $0.objectValue }

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
        #expect(received.headers.filter { $0.name.lowercased() == "content-type" }.count == 1)
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
