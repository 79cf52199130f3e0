import Testing
import SigScopeTestSupport
import SigScope

/// The official TC3 vectors (and the generated ones), written as raw HTTP captures from the
/// vector files themselves, verify as a match, and every recomputed stage equals the vector's.
@Suite("verify: TC3 vectors as raw captures")
struct OfficialVectorVerifyTests {
    static let cases = VectorCase.all("tencent/tc3")

    /// The capture a client following the vector would send: request line, the headers the
    /// vector signs or needs, the Authorization of `authorization.txt`, the body of `body.txt`.
    static func rawCapture(_ vector: VectorCase) throws -> String {
        let method = try #require(vector.string("method"))
        let canonical = try #require(vector.stage("canonical-request.txt"))
        let query = canonical.split(separator: "\n", omittingEmptySubsequences: false)[2]
        var lines = ["\(method) /\(query.isEmpty ? "" : "?" + query) HTTP/1.1"]
        lines.append("Host: " + (try #require(vector.string("endpoint"))))
        lines.append("Content-Type: " + (try #require(vector.string("contentType"))))
        lines.append("X-TC-Action: " + (try #require(vector.string("action"))))
        lines.append("X-TC-Version: " + (try #require(vector.string("version"))))
        lines.append("X-TC-Timestamp: " + (try #require(vector.string("timestamp"))))
        if let region = vector.string("region") { lines.append("X-TC-Region: " + region) }
        if let token = vector.string("token") { lines.append("X-TC-Token: " + token) }
        lines.append("Authorization: " + (try #require(vector.stage("authorization.txt"))))
        let body = vector.body ?? []
        if !body.isEmpty { lines.append("Content-Length: \(body.count)") }
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + String(decoding: body, as: UTF8.self)
    }

    @Test("verifies as a match, every stage equal to the vector's", arguments: cases)
    func vectorMatches(_ vector: VectorCase) throws {
        let text = try Self.rawCapture(vector)
        let secret = try #require(vector.string("secretKey"))
        let result = try Verifier.verify(capture: Array(text.utf8), source: vector.folder, options: VerifyOptions(secretKey: SecretKey(secret), expectedSecretId: vector.string("secretId")))
        let report = result.report
        #expect(result.capture.format == .http)
        #expect(report.match, "findings: \(report.findings.map(\.code.rawValue))")
        #expect(report.findings.isEmpty)
        #expect(report.algorithm == .tc3)
        #expect(report.computedSignature == vector.stage("signature.txt"))
        #expect(report.providedSignature == vector.stage("signature.txt"))
        for stage in vector.stages {
            let step = report.steps.first { $0.name == stage.step }
            #expect(step?.computed.value == stage.value, "\(stage.file)")
        }
    }

    @Test("the same captures with the wrong secret are a mismatch, blamed on the secret")
    func wrongSecret() throws {
        for vector in Self.cases.prefix(6) {
            let report = try Verifier.verify(capture: Array(try Self.rawCapture(vector).utf8), source: vector.folder,
                                             options: VerifyOptions(secretKey: SecretKey("not-the-key"))).report
            #expect(!report.match)
            #expect(report.findings.map(\.code) == [.signatureMismatch, .wrongSecretLikely], "\(vector.folder)")
        }
    }
}
