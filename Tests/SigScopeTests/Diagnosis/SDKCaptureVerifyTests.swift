import Foundation
import Testing
import SigScope

/// Requests captured from the official SDK clients (testvectors/captures/sdk, written by
/// scripts/captures/sdk_captures.py) verify as a match in all three forms, and as a mismatch
/// once one byte of the body, one header or one parameter is changed.
@Suite("verify: SDK captures")
struct SDKCaptureVerifyTests {
    struct Capture: Sendable, CustomStringConvertible {
        let name: String
        let form: String
        let algorithm: String
        let secretId: String
        let secretKey: String
        let method: String
        var description: String { "\(name).\(form)" }

        var path: String { "testvectors/captures/sdk/\(name).\(form)" }

        func text() throws -> String { try Repo.text(path) }
    }

    /// Every capture whose algorithm sigscope verifies, in each form.
    static func captures(algorithms: Set<String>) -> [Capture] {
        let folder = Repo.url("testvectors/captures/sdk")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        var out: [Capture] = []
        for file in names {
            guard let meta = try? JSONParser.parse(try Repo.bytes("testvectors/captures/sdk/" + file)),
                  let algorithm = meta["algorithm"]?.stringValue, algorithms.contains(algorithm),
                  let id = meta["id"]?.stringValue, let secretId = meta["secretId"]?.stringValue,
                  let secretKey = meta["secretKey"]?.stringValue,
                  let http = try? Repo.text("testvectors/captures/sdk/\(id).http") else { continue }
            let method = String(http.prefix { $0 != " " })
            for form in ["http", "curl", "har"] {
                out.append(Capture(name: id, form: form, algorithm: algorithm, secretId: secretId, secretKey: secretKey, method: method))
            }
        }
        return out
    }

    static let verified: Set<String> = ["tc3"]
    static let all = captures(algorithms: verified)

    func verify(_ capture: Capture, text: String) throws -> VerifyReport {
        try Verifier.verify(capture: Array(text.utf8), source: capture.path,
                            options: VerifyOptions(secretKey: SecretKey(capture.secretKey), expectedSecretId: capture.secretId)).report
    }

    @Test("there are TC3 captures of every form to check")
    func present() {
        #expect(Self.all.count >= 9)
    }

    @Test("verifies as a match", arguments: all)
    func matches(_ capture: Capture) throws {
        let report = try verify(capture, text: try capture.text())
        #expect(report.match, "findings: \(report.findings.map { $0.code.rawValue + ": " + $0.message })")
        #expect(report.findings.isEmpty)
        #expect(report.providedSignature == report.computedSignature)
    }

    @Test("one byte of the body (or, for GET, of one parameter) changed: mismatch", arguments: all)
    func changedByte(_ capture: Capture) throws {
        let text = try capture.text()
        // "shanghai" is a parameter value in every Tencent capture, in the body for POST and the query for GET.
        #expect(text.contains("shanghai"))
        let report = try verify(capture, text: text.replacingOccurrences(of: "shanghai", with: "shanghaj"))
        #expect(!report.match)
        #expect(report.finding(.signatureMismatch) != nil)
    }

    @Test("one parameter changed: mismatch", arguments: all)
    func changedParameter(_ capture: Capture) throws {
        let text = try capture.text()
        #expect(text.contains("subnet-76r802pg"))
        let report = try verify(capture, text: text.replacingOccurrences(of: "subnet-76r802pg", with: "subnet-76r802ph"))
        #expect(!report.match)
        #expect(report.finding(.signatureMismatch) != nil)
    }

    @Test("one signed header changed: X-TC-Timestamp one second later is a mismatch", arguments: all)
    func changedTimestamp(_ capture: Capture) throws {
        let text = try capture.text()
        let changed = text.replacingOccurrences(of: "1700000000", with: "1700000001")
        #expect(changed != text)
        let report = try verify(capture, text: changed)
        #expect(!report.match)
        #expect(report.finding(.signatureMismatch) != nil)
    }

    @Test("Content-Type changed after signing: mismatch, and content-type-changed names the signed value", arguments: all)
    func changedContentType(_ capture: Capture) throws {
        let text = try capture.text()
        let sent = capture.method == "GET" ? "application/x-www-form-urlencoded" : "application/json"
        let changed = text.replacingOccurrences(of: sent, with: sent + "; charset=utf-8")
        #expect(changed != text)
        let report = try verify(capture, text: changed)
        #expect(!report.match)
        let finding = try #require(report.finding(.contentTypeChanged))
        #expect(finding.reproducesSignature)
        #expect(finding.message.contains("\"\(sent)\""))
    }
}
