import Foundation
import Testing
import SigScope

/// examples/captures/ (written by scripts/captures/mistake_examples.py with its own Python
/// implementation of the four algorithms, one client mistake per file): `sigscope verify`
/// reports exactly the finding codes the manifest expects, so docs/debugging.md stays true.
@Suite("example captures of every mistake")
struct ExampleCaptureTests {
    struct Example: Sendable, CustomStringConvertible {
        let file: String
        let secretKey: String
        let arguments: [String]
        let expect: [String]
        var description: String { file }
    }

    static let examples: [Example] = {
        guard let data = try? Data(contentsOf: CLI.repoRoot.appendingPathComponent("examples/captures/manifest.json")),
              let manifest = try? JSONParser.parse([UInt8](data)), let list = manifest["captures"]?.arrayValue else { return [] }
        return list.compactMap { item in
            guard let file = item["file"]?.stringValue, let key = item["secretKey"]?.stringValue,
                  let expect = item["expect"]?.arrayValue?.compactMap(\.stringValue) else { return nil }
            return Example(file: file, secretKey: key, arguments: item["arguments"]?.arrayValue?.compactMap(\.stringValue) ?? [], expect: expect)
        }
    }()

    @Test("the manifest lists an example for every finding code of the interface")
    func coverage() {
        let covered = Set(Self.examples.flatMap(\.expect))
        let codes = ["signature-mismatch", "credential-date-not-utc", "credential-service-mismatch", "signed-header-missing", "signed-header-not-sent",
                     "header-value-not-lowercased", "content-type-changed", "payload-hash-mismatch", "body-reserialized", "space-encoded-as-plus",
                     "star-not-encoded", "tilde-encoded", "reserved-not-encoded", "lowercase-percent-hex", "secret-missing-ampersand",
                     "secret-with-ampersand", "method-mismatch", "signature-not-url-encoded", "timestamp-expired", "timestamp-not-utc",
                     "secret-id-mismatch", "server-string-to-sign-differs", "wrong-secret-likely"]
        for code in codes {
            #expect(covered.contains(code), "\(code)")
        }
    }

    @Test("sigscope verify reports exactly the expected codes and exits 1", arguments: examples)
    func verify(_ example: Example) throws {
        let result = try CLI.run(["verify", "examples/captures/" + example.file, "--secret-key", example.secretKey, "--format", "json"] + example.arguments)
        #expect(result.status == 1, "\(result.stderr)")
        let findings = try #require(try JSONParser.parse(result.stdout)["findings"]?.arrayValue)
        let codes = findings.compactMap { $0["code"]?.stringValue }
        #expect(Set(codes) == Set(example.expect), "\(codes)")
    }
}
