import Foundation
import Testing
import SigScope

/// A common parameter (one the signer sets from options and credentials) given as a request
/// param is refused the same way for all four algorithms: exit 64, naming the option to use.
@Suite("common parameters given as params")
struct CommonParameterTests {
    struct Case: Sendable, CustomStringConvertible {
        let provider: String
        let algorithm: String
        let name: String
        var description: String { "\(algorithm) \(name)" }
    }

    static let tencentNames = ["Action", "Region", "Timestamp", "Nonce", "SecretId", "Version", "Signature", "SignatureMethod", "Token", "Language"]
    static let aliyunNames = ["Action", "Version", "Timestamp", "Signature", "AccessKeyId", "SignatureMethod", "SignatureNonce", "SignatureVersion", "SecurityToken"]

    static let cases: [Case] =
        ["tc3", "hmac-sha256", "hmac-sha1"].flatMap { a in tencentNames.map { Case(provider: "tencent", algorithm: a, name: $0) } }
        + ["rpc", "acs3"].flatMap { a in aliyunNames.map { Case(provider: "aliyun", algorithm: a, name: $0) } }

    static func run(_ c: Case, param: String, extra: [String] = []) throws -> CLIResult {
        let file = c.provider == "tencent" ? "examples/tencent-create-eni.json" : "examples/aliyun-create-eni.json"
        return try CLI.run(["sign", file, "--algorithm", c.algorithm, "--param", param, "--secret-id", "id", "--secret-key", "key", "--no-validate"] + extra)
    }

    @Test("refused, exit 64, with the option to use instead", arguments: cases)
    func refused(_ c: Case) throws {
        let result = try Self.run(c, param: "\(c.name)=x")
        #expect(result.status == 64, "\(result.stdout)")
        #expect(result.stderr.contains("\"\(c.name)\" is a common parameter"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("the same through the batch path", arguments: [Case(provider: "tencent", algorithm: "tc3", name: "Region"), Case(provider: "aliyun", algorithm: "acs3", name: "Timestamp")])
    func refusedInBatch(_ c: Case) throws {
        let line = c.provider == "tencent"
            ? #"{"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-1", "Region": "ap-guangzhou"}}"#
            : #"{"provider": "aliyun", "algorithm": "acs3", "params": {"RegionId": "cn-hangzhou", "Timestamp": "2016-02-23T12:46:24Z"}}"#
        let result = try CLI.run(["sign", "--batch", "-", "--algorithm", c.algorithm, "--secret-id", "id", "--secret-key", "key", "--no-validate"], stdin: line + "\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains(#""code":"invalid-option""#), "\(result.stdout)")
        #expect(result.stdout.contains("is a common parameter"))
    }

    @Test("Format stays a request option for Alibaba (Format=XML asks for XML responses)", arguments: ["rpc", "acs3"])
    func formatAllowed(_ algorithm: String) throws {
        let result = try Self.run(Case(provider: "aliyun", algorithm: algorithm, name: "Format"), param: "Format=XML")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Format=XML"))
    }
}
