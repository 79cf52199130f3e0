import Foundation
import Testing
import SigScopeTestSupport
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

    static let all = captures(algorithms: ["tc3", "hmac-sha256", "hmac-sha1", "rpc", "acs3"])

    func verify(_ capture: Capture, text: String) throws -> VerifyReport {
        try Verifier.verify(capture: Array(text.utf8), source: capture.path,
                            options: VerifyOptions(secretKey: SecretKey(capture.secretKey), expectedSecretId: capture.secretId)).report
    }

    /// A parameter value every capture of the provider carries (in the JSON body, the query or the form).
    func parameterValue(_ capture: Capture) -> (String, String) {
        capture.name.hasPrefix("tencent") ? ("subnet-76r802pg", "subnet-76r802ph") : ("vsw-bp1s5fnvk4gn2tws03xx", "vsw-bp1s5fnvk4gn2tws03xy")
    }

    @Test("there are captures of every algorithm in every form")
    func present() {
        #expect(Set(Self.all.map(\.algorithm)) == ["tc3", "hmac-sha256", "rpc", "acs3"])
        #expect(Self.all.count == 33)
    }

    @Test("verifies as a match", arguments: all)
    func matches(_ capture: Capture) throws {
        let report = try verify(capture, text: try capture.text())
        #expect(report.match, "findings: \(report.findings.map { $0.code.rawValue + ": " + $0.message })")
        #expect(report.findings.isEmpty)
        #expect(report.algorithm.rawValue == capture.algorithm)
        #expect(report.providedSignature == report.computedSignature)
    }

    @Test("one parameter changed: mismatch", arguments: all)
    func changedParameter(_ capture: Capture) throws {
        let text = try capture.text()
        let (from, to) = parameterValue(capture)
        #expect(text.contains(from))
        let report = try verify(capture, text: text.replacingOccurrences(of: from, with: to))
        #expect(!report.match)
        #expect(report.finding(.signatureMismatch) != nil)
    }

    @Test("one byte of the body changed: mismatch", arguments: all.filter { $0.method == "POST" && $0.name.hasPrefix("tencent") })
    func changedByte(_ capture: Capture) throws {
        let text = try capture.text()
        #expect(text.contains("shanghai"))
        let report = try verify(capture, text: text.replacingOccurrences(of: "shanghai", with: "shanghaj"))
        #expect(!report.match)
        #expect(report.finding(.signatureMismatch) != nil)
    }

    @Test("one signed header changed (X-TC-Timestamp, x-acs-date, the v1 Host): mismatch",
          arguments: all.filter { $0.algorithm != "rpc" })
    func changedHeader(_ capture: Capture) throws {
        let text = try capture.text()
        let (from, to): (String, String)
        switch capture.algorithm {
        case "tc3": (from, to) = ("1700000000", "1700000001")
        case "acs3": (from, to) = ("2023-11-14T22:13:20Z", "2023-11-14T22:13:21Z")
        default: (from, to) = ("vpc.tencentcloudapi.com", "vpc.ap-guangzhou.tencentcloudapi.com")
        }
        let changed = text.replacingOccurrences(of: from, with: to)
        #expect(changed != text)
        let report = try verify(capture, text: changed)
        #expect(!report.match)
        #expect(report.finding(.signatureMismatch) != nil)
        if capture.algorithm == "hmac-sha256" {
            #expect(report.finding(.hostChanged)?.reproducesSignature == true)
        }
    }

    @Test("RPC: the Timestamp parameter one second later is a mismatch", arguments: all.filter { $0.algorithm == "rpc" })
    func changedTimestamp(_ capture: Capture) throws {
        let text = try capture.text()
        let changed = text.replacingOccurrences(of: "22%3A13%3A20Z", with: "22%3A13%3A21Z")
        #expect(changed != text)
        let report = try verify(capture, text: changed)
        #expect(!report.match)
    }

    @Test("TC3 Content-Type changed after signing: mismatch, and content-type-changed names the signed value",
          arguments: all.filter { $0.algorithm == "tc3" })
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
