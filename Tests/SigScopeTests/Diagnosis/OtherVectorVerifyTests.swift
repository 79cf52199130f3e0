import Foundation
import Testing
import SigScopeTestSupport
import SigScope

/// The Tencent v1, Alibaba RPC and ACS3 vectors (official and generated), written as raw HTTP
/// captures from the vector files, verify as a match.
@Suite("verify: v1, RPC and ACS3 vectors as raw captures")
struct OtherVectorVerifyTests {
    /// RFC 3986 encoding done here with Foundation, independently of sigscope's encoder.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")) ?? text
    }

    static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    static func verify(_ text: String, _ vector: VectorCase) throws -> VerifyReport {
        let secret = try #require(vector.string("secretKey"))
        return try Verifier.verify(capture: Array(text.utf8), source: vector.folder, options: VerifyOptions(secretKey: SecretKey(secret))).report
    }

    /// v1: the documented parameter set (README of testvectors), every value encoded once.
    @Test("Tencent v1 vectors verify as a match", arguments: VectorCase.all("tencent/v1"))
    func v1(_ vector: VectorCase) throws {
        var pairs: [(String, String)] = []
        for member in vector.json["params"]?.objectValue ?? JSONObject() { pairs.append((member.key, member.value.stringValue ?? "")) }
        pairs.append(("Action", try #require(vector.string("action"))))
        pairs.append(("Nonce", try #require(vector.string("nonce"))))
        if let region = vector.string("region") { pairs.append(("Region", region)) }
        pairs.append(("SecretId", try #require(vector.string("secretId"))))
        pairs.append(("Timestamp", try #require(vector.string("timestamp"))))
        pairs.append(("Version", try #require(vector.string("version"))))
        if vector.string("algorithm") == "hmac-sha256" { pairs.append(("SignatureMethod", "HmacSHA256")) }
        if let token = vector.string("token") { pairs.append(("Token", token)) }
        pairs.append(("Signature", try #require(vector.stage("signature.txt"))))
        let method = try #require(vector.string("method"))
        let host = try #require(vector.string("endpoint"))
        let text = method == "GET"
            ? "GET /?\(Self.form(pairs)) HTTP/1.1\r\nHost: \(host)\r\n\r\n"
            : "POST / HTTP/1.1\r\nHost: \(host)\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: \(Self.form(pairs).utf8.count)\r\n\r\n\(Self.form(pairs))"
        let report = try Self.verify(text, vector)
        #expect(report.match, "\(report.findings.map(\.message))")
        #expect(report.algorithm.rawValue == vector.string("algorithm"))
        #expect(report.steps.first { $0.name == "stringToSign" }?.computed.value == vector.stage("string-to-sign.txt"))
    }

    /// RPC: the canonicalized query string is the wire query; the Signature is appended encoded.
    @Test("Alibaba RPC vectors verify as a match", arguments: VectorCase.all("aliyun/rpc"))
    func rpc(_ vector: VectorCase) throws {
        let query = try #require(vector.stage("canonicalized-query-string.txt"))
        let signature = Self.encode(try #require(vector.stage("signature.txt")))
        let method = try #require(vector.string("method"))
        let text = "\(method) /?\(query)&Signature=\(signature) HTTP/1.1\r\nHost: \(try #require(vector.string("endpoint")))\r\n\r\n"
        let report = try Self.verify(text, vector)
        #expect(report.match, "\(report.findings.map(\.message))")
        #expect(report.algorithm == .rpc)
        #expect(report.steps.first { $0.name == "stringToSign" }?.computed.value == vector.stage("string-to-sign.txt"))
    }

    /// ACS3: query and signed headers as the canonical request lists them, the Authorization of the vector.
    @Test("Alibaba ACS3 vectors verify as a match", arguments: VectorCase.all("aliyun/acs3"))
    func acs3(_ vector: VectorCase) throws {
        let canonical = try #require(vector.stage("canonical-request.txt")).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let query = canonical[2]
        let headerLines = canonical[3...].prefix { !$0.isEmpty }.map { line -> String in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            return line[..<colon] + ": " + line[line.index(after: colon)...]
        }
        let method = try #require(vector.string("method"))
        var lines = ["\(method) /\(query.isEmpty ? "" : "?" + query) HTTP/1.1"] + headerLines
        lines.append("Authorization: " + (try #require(vector.stage("authorization.txt"))))
        let report = try Self.verify(lines.joined(separator: "\r\n") + "\r\n\r\n", vector)
        #expect(report.match, "\(report.findings.map(\.message))")
        #expect(report.algorithm == .acs3)
        #expect(report.steps.first { $0.name == "canonicalRequest" }?.computed.value == vector.stage("canonical-request.txt"))
    }
}
