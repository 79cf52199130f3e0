import Foundation
import Testing
import SigScope

/// `sigscope validate`, and validation inside `sign` and `curl`, through the built binary:
/// the contract's JSON keys, codes and paths, and exit codes 0/1/2/64.
@Suite("CLI: validate, and validation in sign and curl")
struct ValidateCommandTests {
    /// Test credentials; signing needs some, their value does not matter here.
    static let credentials = ["TENCENTCLOUD_SECRET_ID": "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
                              "TENCENTCLOUD_SECRET_KEY": "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"]

    struct Output {
        let valid: Bool
        let violations: Set<String>
        let warnings: Set<String>
        let object: JSONObject
    }

    /// Parses `validate --format json`, findings as `code @ path`.
    static func parse(_ stdout: String) throws -> Output {
        let value = try JSONParser.parse(stdout)
        let object = try #require(value.objectValue)
        func findings(_ key: String) -> Set<String> {
            Set((object[key]?.arrayValue ?? []).compactMap { item in
                guard let code = item["code"]?.stringValue, let path = item["path"]?.stringValue else { return nil }
                return "\(code) @ \(path)"
            })
        }
        return Output(valid: object["valid"] == .bool(true), violations: findings("violations"), warnings: findings("warnings"), object: object)
    }

    // MARK: - validate

    @Test("the example requests are valid: exit 0, no findings", arguments: ["examples/tencent-create-eni.json", "examples/aliyun-create-eni.json"])
    func examplesAreValid(_ path: String) throws {
        let result = try CLI.run(["validate", path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try Self.parse(result.stdout)
        #expect(output.valid)
        #expect(output.violations.isEmpty)
        #expect(output.warnings.isEmpty)
    }

    @Test("JSON output has exactly the contract's keys")
    func contractKeys() throws {
        let result = try CLI.run(["validate", "examples/tencent-invalid.json", "--format", "json"])
        let output = try Self.parse(result.stdout)
        #expect(output.object.keys == ["valid", "provider", "action", "violations", "warnings", "schemaVersion"])
        #expect(output.object["provider"] == .string("tencent"))
        #expect(output.object["action"] == .string("CreateNetworkInterface"))
        let finding = try #require(output.object["violations"]?.arrayValue?.first?.objectValue)
        #expect(finding.keys == ["code", "path", "message"])
    }

    @Test("examples/tencent-invalid.json: every problem with Tencent's code and path, exit 1")
    func tencentInvalidExample() throws {
        let result = try CLI.run(["validate", "examples/tencent-invalid.json", "--format", "json"])
        #expect(result.status == 1)
        let output = try Self.parse(result.stdout)
        #expect(!output.valid)
        // The file's problems, with the codes of seeds/000's error table and signing.md §4.1.
        #expect(output.violations == [
            "UnknownParameter @ SubnetID",
            "MissingParameter @ SubnetId",
            "InvalidParameterValue.TooLong @ NetworkInterfaceName",
            "InvalidParameterValue.Range @ QosLevel",
            "InvalidParameterValue.Malformed @ PrivateIpAddresses[1].PrivateIpAddress",
            "InvalidParameterValue @ PrivateIpAddresses[2].PrivateIpAddress",
            "InvalidParameterValue @ PrivateIpAddresses[2].Primary",
            "InvalidParameterValue.TagDuplicateKey @ Tags[1].Key",
        ])
        #expect(output.warnings == [
            "InvalidParameter @ SecondaryPrivateIpAddressCount",
            "InvalidParameter @ PrivateIpAddresses[2].Primary",
        ])
    }

    @Test("Alibaba paths are the 1-based flat names, from a file or from --param")
    func aliyunPaths() throws {
        let result = try CLI.run(["validate", "examples/aliyun-create-eni.json", "--format", "json",
                                  "--param", "Tag.2.Key=acs:team", "--param", "Tag.3.Key=env", "--param", "PrivateIpAddress.1=10.0.0.300",
                                  "--param", "SecurityGroupIds.1=sg-bp1fg655nh68xyz9iyy"])
        #expect(result.status == 1)
        let output = try Self.parse(result.stdout)
        #expect(output.violations == [
            "InvalidTagKey.Malformed @ Tag.2.Key",
            "Duplicate.TagKey @ Tag.3.Key",
            "InvalidParameter @ PrivateIpAddress.1",
            "InvalidParameter.Conflict @ SecurityGroupIds",
        ])
    }

    @Test("a near-miss name is UnsupportedParameter with a did-you-mean")
    func didYouMean() throws {
        let result = try CLI.run(["validate", "--provider", "aliyun", "--param", "RegionId=cn-hangzhou", "--param", "VSwitchId=vsw-a1",
                                  "--param", "SecurityGroupId=sg-a1", "--param", "VSwitchID=vsw-a1", "--format", "json"])
        #expect(result.status == 1)
        let object = try Self.parse(result.stdout).object
        let finding = try #require(object["violations"]?.arrayValue?.first)
        #expect(finding["code"] == .string("UnsupportedParameter"))
        #expect(finding["path"] == .string("VSwitchID"))
        #expect(finding["message"]?.stringValue?.contains("did you mean VSwitchId?") == true)
    }

    @Test("text output: a summary, then one line per finding, violations before warnings")
    func textOutput() throws {
        let result = try CLI.run(["validate", "examples/tencent-invalid.json"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Tencent Cloud CreateNetworkInterface: invalid (8 violations, 2 warnings)") == true)
        let findings = lines.dropFirst()
        #expect(findings.count == 10)
        let kinds = findings.map { $0.trimmingCharacters(in: .whitespaces).hasPrefix("violation") ? "v" : "w" }
        #expect(kinds == Array(repeating: "v", count: 8) + ["w", "w"])
        #expect(!result.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test("the official intl example validates with exit 0 and the two documented warnings")
    func officialExample() throws {
        let request = """
            {"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-0akbol5v", "Tags": [{"Value": "shanghai", "Key": "city"}],
             "PrivateIpAddresses": [{"Primary": "true", "PrivateIpAddress": "172.16.64.13"}], "SecurityGroupIds": ["sg-05bb4upy"],
             "NetworkInterfaceDescription": "TestDesc", "SecondaryPrivateIpAddressCount": "1", "SubnetId": "subnet-76r802pg", "NetworkInterfaceName": "TestNIC"}}
            """
        let result = try CLI.run(["validate", "-", "--format", "json"], stdin: request)
        #expect(result.status == 0)
        let output = try Self.parse(result.stdout)
        #expect(output.valid)
        #expect(output.warnings == ["InvalidParameter @ PrivateIpAddresses[0].Primary", "InvalidParameter @ SecondaryPrivateIpAddressCount"])
    }

    @Test("another action is valid with the NoParameterRules warning")
    func otherAction() throws {
        let result = try CLI.run(["validate", "--provider", "tencent", "--action", "DescribeVpcs", "--region", "ap-guangzhou", "--format", "json"])
        #expect(result.status == 0)
        #expect(try Self.parse(result.stdout).warnings == ["NoParameterRules @ Action"])
    }

    @Test("unreadable input exits 2, naming the file")
    func unreadable() throws {
        let missing = try CLI.run(["validate", "no/such/request.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no/such/request.json"))
        let broken = try CLI.run(["validate", "-"], stdin: "{\"provider\": \"tencent\",")
        #expect(broken.status == 2)
    }

    @Test("wrong usage exits 64", arguments: [["validate", "--format", "yaml", "examples/tencent-create-eni.json"], ["validate", "--bogus"], ["validate"]])
    func usage(_ arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
    }

    // MARK: - sign and curl

    @Test("sign and curl refuse an invalid request with exit 1 and the violations on stderr", arguments: ["sign", "curl"])
    func refuse(_ command: String) throws {
        let result = try CLI.run([command, "examples/tencent-invalid.json", "--timestamp", "1551113065"], env: Self.credentials)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--no-validate"))
        #expect(result.stderr.contains("InvalidParameterValue.TooLong"))
        #expect(result.stderr.contains("Tags[1].Key"))
    }

    @Test("refusal comes before credentials: no secret needed to learn the request is invalid")
    func refuseWithoutCredentials() throws {
        let result = try CLI.run(["sign", "examples/tencent-invalid.json"])
        #expect(result.status == 1)
    }

    @Test("--no-validate signs an invalid request", arguments: ["sign", "curl"])
    func noValidate(_ command: String) throws {
        let result = try CLI.run([command, "examples/tencent-invalid.json", "--timestamp", "1551113065", "--no-validate", "--format", "json"], env: Self.credentials)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONParser.parse(result.stdout).objectValue)
        #expect(object["signature"]?.stringValue?.count == 64)
    }

    @Test("warnings go to stderr in text mode and do not stop signing")
    func warningsDoNotStop() throws {
        let request = """
            {"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-0akbol5v", "SubnetId": "subnet-76r802pg",
             "NetworkInterfaceName": "demo", "PrivateIpAddresses": [{"Primary": "true", "PrivateIpAddress": "172.16.64.13"}]}}
            """
        let text = try CLI.run(["curl", "-", "--timestamp", "1551113065"], stdin: request, env: Self.credentials)
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("curl "))
        #expect(text.stderr.contains("PrivateIpAddresses[0].Primary"))
        let json = try CLI.run(["sign", "-", "--timestamp", "1551113065", "--format", "json"], stdin: request, env: Self.credentials)
        #expect(json.status == 0)
        #expect(json.stderr.isEmpty)
    }

    @Test("--batch: an invalid line gives a validation-failed error with its violations; the others are signed; exit 1")
    func batch() throws {
        let valid = #"{"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-0akbol5v", "SubnetId": "subnet-76r802pg", "NetworkInterfaceName": "demo"}}"#
        let invalid = #"{"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-0akbol5v", "NetworkInterfaceName": "demo", "QosLevel": "GOLD"}}"#
        let result = try CLI.run(["sign", "--batch", "-", "--timestamp", "1551113065"], stdin: valid + "\n" + invalid + "\n" + valid + "\n", env: Self.credentials)
        #expect(result.status == 1)
        let lines = try result.stdout.split(separator: "\n").map { try #require(try JSONParser.parse(String($0)).objectValue) }
        #expect(lines.count == 3)
        #expect(lines[0]["signature"] != nil)
        #expect(lines[2]["signature"] != nil)
        let error = try #require(lines[1]["error"]?.objectValue)
        #expect(lines[1]["line"] == .number("2"))
        #expect(error["code"] == .string("validation-failed"))
        let found = Set((error["violations"]?.arrayValue ?? []).compactMap { v -> String? in
            guard let code = v["code"]?.stringValue, let path = v["path"]?.stringValue else { return nil }
            return "\(code) @ \(path)"
        })
        #expect(found == ["MissingParameter @ SubnetId", "InvalidParameterValue.Range @ QosLevel"])
        let unblocked = try CLI.run(["sign", "--batch", "-", "--timestamp", "1551113065", "--no-validate"], stdin: invalid + "\n", env: Self.credentials)
        #expect(unblocked.status == 0)
    }

    @Test("--body-file: the JSON body that is sent is what gets validated")
    func bodyFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-val-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let body = directory.appendingPathComponent("body.json")
        try Data(#"{"VpcId":"vpc-0akbol5v","SubnetId":"subnet-76r802pg","NetworkInterfaceName":"demo"}"#.utf8).write(to: body)
        let ok = try CLI.run(["sign", "--provider", "tencent", "--region", "ap-guangzhou", "--body-file", body.path, "--timestamp", "1551113065"], env: Self.credentials)
        #expect(ok.status == 0, "\(ok.stderr)")
        try Data(#"{"VpcId":"vpc-0akbol5v","NetworkInterfaceName":"demo"}"#.utf8).write(to: body)
        let refused = try CLI.run(["sign", "--provider", "tencent", "--region", "ap-guangzhou", "--body-file", body.path, "--timestamp", "1551113065"], env: Self.credentials)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("SubnetId"))
    }

    /// Writes `text` to a fresh request file and runs `body` with its path.
    static func withRequestFile(_ text: String, _ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-val-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("request.json")
        try Data(text.utf8).write(to: file)
        try body(file.path)
    }

    static let validParams = #""SubnetId": "subnet-76r802pg", "NetworkInterfaceName": "demo""#

    /// Issue 28: a repeated name was read as its last value (validate warned, sign and curl were
    /// silent), though the signed TC3 body carried both. It is unreadable input now: exit 2 at the repeat.
    @Test("a request file repeating a name in params, or in any object, is exit 2 naming file, line and column", arguments: ["validate", "sign", "curl"])
    func repeatedName(command: String) throws {
        let files = [
            ("{\"provider\": \"tencent\", \"region\": \"ap-guangzhou\",\n \"params\": {\"VpcId\": \"vpc-0akbol5v\", \"VpcId\": \"vpc-1bkbol5v\", \(Self.validParams)}}", "2:38", "VpcId"),
            ("{\"provider\": \"tencent\", \"region\": \"ap-guangzhou\", \"region\": \"ap-beijing\",\n \"params\": {\"VpcId\": \"vpc-0akbol5v\", \(Self.validParams)}}", "1:51", "region"),
        ]
        for (text, place, name) in files {
            try Self.withRequestFile(text) { path in
                let result = try CLI.run([command, path] + (command == "validate" ? [] : ["--timestamp", "1551113065"]), env: Self.credentials)
                #expect(result.status == 2, "\(command): \(result.stderr)")
                #expect(result.stderr.contains("\(path):\(place):"), "\(result.stderr)")
                #expect(result.stderr.contains("\"\(name)\""), "\(result.stderr)")
                #expect(result.stdout.isEmpty)
            }
        }
    }

    @Test("a batch line repeating a name fails as invalid-json at the repeat's column; the other lines are signed")
    func repeatedNameInBatch() throws {
        let repeated = #"{"provider":"tencent","region":"ap-guangzhou","params":{"VpcId":"vpc-0akbol5v","VpcId":"vpc-1bkbol5v","#
            + #""SubnetId":"subnet-76r802pg","NetworkInterfaceName":"demo"}}"#
        let valid = #"{"provider":"tencent","region":"ap-guangzhou","params":{"VpcId":"vpc-0akbol5v","SubnetId":"subnet-76r802pg","NetworkInterfaceName":"demo"}}"#
        let result = try CLI.run(["sign", "--batch", "-", "--timestamp", "1551113065"], stdin: repeated + "\n" + valid + "\n", env: Self.credentials)
        #expect(result.status == 1, "\(result.stderr)")
        let lines = try result.stdout.split(separator: "\n").map { try #require(try JSONParser.parse(String($0)).objectValue) }
        #expect(lines.count == 2)
        let error = try #require(lines.first?["error"]?.objectValue)
        #expect(error["code"] == .string("invalid-json"))
        #expect(error["column"] == .number("80"), "\(error)")
        #expect(error["message"]?.stringValue?.contains("\"VpcId\"") == true)
        #expect(lines.last?["signature"] != nil || lines.last?["steps"] != nil)
    }

    @Test("a --param JSON value repeating a member name is a usage error (64) naming the option and the name", arguments: ["validate", "sign", "curl"])
    func repeatedNameInParam(command: String) throws {
        let result = try CLI.run([command, "--provider", "tencent", "--region", "ap-guangzhou", "--param", "VpcId=vpc-0akbol5v", "--param", "SubnetId=subnet-76r802pg",
                                  "--param", "NetworkInterfaceName=demo", "--param", #"PrivateIpAddresses=[{"PrivateIpAddress": "172.16.64.13", "Primary": true, "Primary": false}]"#]
                                 + (command == "validate" ? [] : ["--timestamp", "1551113065"]), env: Self.credentials)
        #expect(result.status == 64, "\(command): \(result.stderr)")
        #expect(result.stderr.contains("--param") && result.stderr.contains("\"Primary\""), "\(result.stderr)")
    }

    /// Issue 28: an integer too large for the server's 64-bit Integer was clamped and passed.
    @Test("an integer parameter beyond 64 bits is a violation: exit 1 with InvalidParameter", arguments: ["validate", "sign", "curl"])
    func integerBeyond64Bits(command: String) throws {
        let text = #"{"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-0akbol5v", "#
            + Self.validParams + #", "SecondaryPrivateIpAddressCount": 123456789012345678901234567890}}"#
        try Self.withRequestFile(text) { path in
            let result = try CLI.run([command, path] + (command == "validate" ? [] : ["--timestamp", "1551113065"]), env: Self.credentials)
            #expect(result.status == 1, "\(command): \(result.stderr)")
            let report = command == "validate" ? result.stdout : result.stderr
            #expect(report.contains("InvalidParameter") && report.contains("SecondaryPrivateIpAddressCount"), "\(report)")
            #expect(report.contains("64-bit"), "\(report)")
        }
    }

    @Test("help lists validate")
    func help() throws {
        let result = try CLI.run(["--help"])
        #expect(result.stdout.contains("validate"))
    }
}
