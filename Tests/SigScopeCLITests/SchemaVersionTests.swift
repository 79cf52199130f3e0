import Testing
import SigScope

/// Every JSON document a single command prints carries `"schemaVersion": 1`, so a script can
/// tell which shape it reads: the documents of validate, sign, curl, verify, decode, plan,
/// translate and explain, exit 0 or 1 alike.
@Suite("every command's JSON document carries schemaVersion")
struct SchemaVersionTests {
    static let credentials = ["--secret-id", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "--secret-key", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"]

    static let commands: [(name: String, arguments: [String])] = [
        ("validate", ["validate", "examples/tencent-create-eni.json"]),
        ("sign", ["sign", "examples/tencent-create-eni.json", "--timestamp", "1551113065"] + credentials),
        ("curl", ["curl", "examples/tencent-create-eni.json", "--timestamp", "1551113065"] + credentials),
        ("verify", ["verify", "testvectors/captures/sdk/tencent-vpcclient-tc3-post.http", "--secret-key", "sigscopeCaptureExampleSecretKey1", "--no-clock"]),
        ("decode", ["decode", "testvectors/responses/ali-auth-IllegalTimestamp/input.http"]),
        ("plan", ["plan", "examples/context/tencent-create-eni.json", "--context", "examples/context/tencent"]),
        ("translate", ["translate", "examples/tencent-create-eni.json", "--to", "aliyun"]),
        ("explain a code", ["explain", "AuthFailure.SignatureFailure"]),
        ("explain --list", ["explain", "--list"]),
        ("explain, not found", ["explain", "NoSuchCodeAnywhere"]),
    ]

    @Test("the document has schemaVersion 1", arguments: commands.indices)
    func versioned(_ index: Int) throws {
        let (name, arguments) = Self.commands[index]
        let run = try CLI.run(arguments + ["--format", "json"])
        #expect(run.status == 0 || run.status == 1, "\(name): exit \(run.status): \(run.stderr)")
        let document = try JSONParser.parse(run.stdout)
        #expect(document["schemaVersion"] == .number("1"), "\(name): \(run.stdout.prefix(300))")
    }
}
