import Foundation
import Testing
import SigScopeTestSupport
import SigScope

/// The built `sigscope` binary reproduces the vectors: a request file written from `case.json`
/// (values passed as strings), the rest as options, `sign --format json`.
@Suite("sign --format json reproduces the vectors")
struct VectorCLITests {
    static let cases = VectorCase.all("tencent/v1") + VectorCase.all("aliyun/rpc") + VectorCase.all("aliyun/acs3")

    /// The `"algorithm"` names of interface.md.
    static let specNames = ["hmac-sha1": "HmacSHA1", "hmac-sha256": "HmacSHA256", "rpc": "HMAC-SHA1", "acs3": "ACS3-HMAC-SHA256"]

    enum Missing: Error { case key(String) }

    static func arguments(for vector: VectorCase, requestFile: String) throws -> [String] {
        func value(_ key: String) throws -> String {
            guard let v = vector.string(key) else { throw Missing.key("\(vector.folder): \(key)") }
            return v
        }
        var arguments = ["sign", requestFile, "--format", "json", "--no-validate",
                         "--algorithm", try value("algorithm"), "--method", try value("method"), "--endpoint", try value("endpoint"),
                         "--api-version", try value("version"), "--timestamp", try value("timestamp"), "--nonce", try value("nonce"),
                         "--secret-id", try value("secretId"), "--secret-key", try value("secretKey")]
        if let token = vector.string("token") { arguments += ["--token", token] }
        return arguments
    }

    /// `{"provider", "action", "region", "params"}` with the case's flat names and string values.
    static func requestFile(for vector: VectorCase) throws -> URL {
        var object: JSONObject = [
            "provider": vector.json["provider"] ?? .null,
            "action": vector.json["action"] ?? .null,
        ]
        if let region = vector.string("region") { object["region"] = .string(region) }
        object["params"] = vector.json["params"] ?? .object([:])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-vector-\(UUID().uuidString).json")
        try Data(JSONWriter.pretty.bytes(.object(object))).write(to: url)
        return url
    }

    @Test("every stage file and the signature come out of the binary", arguments: cases)
    func binaryReproducesStages(_ vector: VectorCase) throws {
        let file = try Self.requestFile(for: vector)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.run(try Self.arguments(for: vector, requestFile: file.path))
        #expect(result.status == 0, "\(result.stderr)")
        let output = try #require(try JSONParser.parse(result.stdout).objectValue)
        let steps = try #require(output["steps"]?.objectValue)
        let stages = vector.stages
        #expect(!stages.isEmpty)
        for stage in stages {
            #expect(steps[stage.step]?.stringValue == stage.value, "\(stage.file)")
        }
        #expect(output["signature"]?.stringValue == vector.stage("signature.txt"))
        #expect(output["algorithm"]?.stringValue == Self.specNames[vector.string("algorithm") ?? ""])
        #expect(output["provider"]?.stringValue == vector.string("provider"))
        let key = vector.string("secretKey") ?? ""
        if !key.allSatisfy({ $0 == "*" }) {
            #expect(!result.stdout.contains(key), "the secret key must never be printed")
        }
    }

    @Test("T10 exactly as the issue states it gives OLeaidS1JvxuMvnyHOwuJ+uX5qY=, in text and in JSON")
    func t10() throws {
        let arguments = ["--provider", "aliyun", "--action", "DescribeRegions", "--param", "Format=XML", "--timestamp", "2016-02-23T12:46:24Z",
                         "--nonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "--access-key-id", "testid", "--access-key-secret", "testsecret", "--no-validate"]
        let text = try CLI.run(["sign"] + arguments)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("│ OLeaidS1JvxuMvnyHOwuJ+uX5qY="))
        #expect(text.stdout.contains("%253A"))
        #expect(!text.stdout.contains("testsecret"))
        let json = try CLI.run(["sign", "--format", "json"] + arguments)
        let output = try #require(try JSONParser.parse(json.stdout).objectValue)
        #expect(output["signature"]?.stringValue == "OLeaidS1JvxuMvnyHOwuJ+uX5qY=")
        // signing.md 2.4: no RegionId, and the Signature percent-encoded in the URL.
        let url = try #require(output["request"]?["url"]?.stringValue)
        #expect(!url.contains("RegionId"))
        #expect(url.hasPrefix("https://ecs.aliyuncs.com/?AccessKeyId=testid&Action=DescribeRegions&Format=XML&"))
        #expect(url.contains("Timestamp=2016-02-23T12%3A46%3A24Z"))
        #expect(url.contains("Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D"))
    }

    @Test("nonsensical combinations exit 64 with a sentence that says what to do", arguments: [
        ["--provider", "aliyun", "--method", "GET", "--body-file", "Package.swift"],
        ["--provider", "aliyun", "--signed-headers", "host"],
        ["--provider", "tencent", "--algorithm", "hmac-sha1", "--signed-headers", "host"],
        ["--provider", "tencent", "--algorithm", "hmac-sha256", "--nonce", "not-a-number"],
        ["--provider", "aliyun", "--algorithm", "hmac-sha1"],
        ["--provider", "aliyun", "--param", "Timestamp=2016-02-23T12:46:24Z"],
    ])
    func refusals(_ extra: [String]) throws {
        let result = try CLI.run(["sign", "--no-validate", "--secret-id", "id", "--secret-key", "s3cr3t-key"] + extra)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("sigscope: error: "))
        #expect(!result.stderr.contains("s3cr3t-key"))
        #expect(result.stdout.isEmpty)
    }
}
