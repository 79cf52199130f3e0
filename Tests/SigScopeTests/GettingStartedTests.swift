import Foundation
import Testing
import SigScope
import SigScopeTestSupport

/// The library's getting-started article (Sources/SigScope/SigScope.docc/GettingStarted.md) runs
/// as written: each of its Swift examples that calls SigScope stands verbatim between a
/// `// docc:` marker and `// docc:end` below, and the values its comments promise are checked
/// against the providers' published results, not against sigscope's own output.
@Suite("getting-started article")
struct GettingStartedTests {
    static let article = "Sources/SigScope/SigScope.docc/GettingStarted.md"

    @Test("signs Tencent's published TC3 example to its published signature")
    func sign() throws {
        // docc:sign
        let request = APIRequest(provider: .tencent, action: "DescribeInstances", region: "ap-guangzhou")
        var options = SigningOptions(timestamp: Timestamp(unixSeconds: 1551113065),
                                     endpoint: "cvm.tencentcloudapi.com", apiVersion: "2017-03-12")
        options.contentType = "application/json; charset=utf-8"
        options.body = Array(#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#.utf8)
        let credentials = Credentials(secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
                                      secretKey: SecretKey("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"))

        let signed = try Signer.sign(request, options: options, credentials: credentials)
        print(signed.signature)
        // 72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168
        print(signed.step("canonicalRequest") ?? "")
        // docc:end
        let vector = try #require(VectorCase.all("tencent/tc3").first { $0.folder.hasSuffix("/T4") })
        #expect(signed.signature == vector.stage("signature.txt")?.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(signed.step("canonicalRequest") == vector.stage("canonical-request.txt"))
    }

    @Test("verifies the bundled capture and names its mistake")
    func verify() throws {
        let captureBytes = try Repo.bytes("examples/captures/space-encoded-as-plus.http")
        // docc:verify
        let (_, report) = try Verifier.verify(capture: captureBytes, source: "space-encoded-as-plus.http",
                                              options: VerifyOptions(secretKey: SecretKey("testsecret")))
        print(report.match)  // false
        for finding in report.findings {
            print(finding.code, finding.message)
        }
        // signature-mismatch …
        // space-encoded-as-plus …
        // docc:end
        #expect(report.match == false)
        #expect(report.findings.map(\.code.rawValue).prefix(2) == ["signature-mismatch", "space-encoded-as-plus"])
    }

    @Test("decodes the real SignatureDoesNotMatch body and its string-to-sign")
    func decode() throws {
        let responseBytes = try Repo.bytes("testvectors/responses/ali-auth-SignatureDoesNotMatch/input.json")
        // docc:decode
        let decoded = try ResponseDecoder.decode(responseBytes, provider: nil, action: nil, entry: nil)
        print(decoded.outcome)          // error
        print(decoded.error?.code ?? "")  // SignatureDoesNotMatch
        print(decoded.error?.serverStringToSign ?? "")
        // docc:end
        #expect(decoded.outcome == .error)
        #expect(decoded.error?.code == "SignatureDoesNotMatch")
        #expect(decoded.error?.serverStringToSign?.hasPrefix("POST&%2F&AccessKeyId%3DLTAIlFW9Sddoh5pV") == true)
    }

    @Test("every Swift example of the article that calls SigScope is one of the tested ones, verbatim")
    func articleMatchesTests() throws {
        let article = try Repo.text(Self.article)
        let tests = try Repo.text("Tests/SigScopeTests/GettingStartedTests.swift")
        let examples = Self.swiftBlocks(article).filter { $0.contains("try ") }
        let tested = Self.markedRegions(tests)
        #expect(examples.count == 3)
        #expect(examples == tested)
    }

    /// The fenced ```swift blocks of a Markdown text, each without its fence lines.
    static func swiftBlocks(_ text: String) -> [String] {
        var blocks: [String] = [], current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```swift" { current = [] }
            else if let lines = current, line == "```" { blocks.append(lines.joined(separator: "\n")); current = nil }
            else if current != nil { current?.append(line) }
        }
        return blocks
    }

    /// The lines between `// docc:NAME` and `// docc:end`, with the common indentation removed.
    static func markedRegions(_ text: String) -> [String] {
        var regions: [String] = [], current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("// docc:end") { if let lines = current { regions.append(dedent(lines)) }; current = nil }
            else if trimmed.hasPrefix("// docc:") { current = [] }
            else if current != nil { current?.append(line) }
        }
        return regions
    }

    static func dedent(_ lines: [Substring]) -> String {
        let indent = lines.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return lines.map { $0.isEmpty ? "" : String($0.dropFirst(indent)) }.joined(separator: "\n")
    }
}
