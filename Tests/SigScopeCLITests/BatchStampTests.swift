import Testing
import SigScope

/// A `--batch` line carries what the single `sign --format json` document of the same request
/// carries for a script to reproduce it: `schemaVersion`, `timestamp` and `nonce`, with the same
/// values and in the same place (after `request`, and `command` for curl).
@Suite("batch lines' schemaVersion, timestamp and nonce")
struct BatchStampTests {
    static let credentials = ["--secret-id", "AKIDx", "--secret-key", "k", "--timestamp", "1551113065"]
    static let tencent = #"{"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-0akbol5v", "SubnetId": "subnet-76r802pg", "NetworkInterfaceName": "stamp"}}"#
    static let aliyun = #"{"provider": "aliyun", "action": "CreateNetworkInterface", "params": {"RegionId": "cn-hangzhou", "VSwitchId": "vsw-bp1s5fnvk4gn2tws03xx", "SecurityGroupId": "sg-bp1fg655nh68xyz9ixx"}}"#

    /// One request of each algorithm (TC3 POST, which a batch writes from a template, TC3 GET,
    /// Tencent v1, Alibaba RPC and ACS3) and the options that pick it.
    static let cases: [(name: String, request: String, options: [String])] = [
        ("tc3 POST", tencent, []),
        ("tc3 GET", tencent, ["--method", "GET"]),
        ("hmac-sha256", tencent, ["--algorithm", "hmac-sha256"]),
        ("rpc", aliyun, []),
        ("acs3", aliyun, ["--algorithm", "acs3"]),
    ]

    /// `object`'s keys that are in the sign document of one request, in order.
    static func keys(_ value: JSONValue) -> [String] {
        (value.objectValue?.keys ?? []).filter { $0 != "credentialSource" && $0 != "credentialWarnings" }
    }

    @Test("each algorithm's batch line has the single document's three keys, values and key order, with --nonce and for curl", arguments: cases.indices)
    func sameAsSingle(_ index: Int) throws {
        let (name, request, options) = Self.cases[index]
        for command in ["sign", "curl"] {
            let given = Self.credentials + options + ["--nonce", "1234567"]
            let single = try CLI.run([command, "-", "--format", "json"] + given, stdin: request)
            #expect(single.status == 0, "\(name): \(single.stderr)")
            let batch = try CLI.run([command, "--batch", "-"] + given, stdin: request + "\n" + request + "\n")
            #expect(batch.status == 0, "\(name): \(batch.stderr)")
            let document = try JSONParser.parse(single.stdout)
            let lines = batch.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            for line in lines {
                let value = try JSONParser.parse(line)
                #expect(Self.keys(value) == Self.keys(document), "\(name) \(command)")
                for key in ["schemaVersion", "timestamp", "nonce"] {
                    #expect(value[key] != nil && value[key] == document[key], "\(name) \(command): \(key)")
                }
                // The whole line is the single document without its credential notes (curl's
                // command aside: one line in a batch, several alone).
                #expect(Self.keys(value).allSatisfy { $0 == "command" || value[$0] == document[$0] }, "\(name) \(command)")
            }
            #expect(document["schemaVersion"] == .number("1"))
            #expect(document["timestamp"] == .number("1551113065"))
            #expect(document["nonce"] == (name.hasPrefix("tc3") ? .null : .string("1234567")), "\(name)")
        }
    }

    @Test("without --nonce, each RPC, ACS3 and v1 line's nonce is the one its request sends, and differs from line to line")
    func drawnNonces() throws {
        let sent: [(options: [String], request: String, inRequest: (JSONValue, String) -> Bool)] = [
            ([], Self.aliyun, { value, nonce in value["request"]?["url"]?.stringValue?.contains("SignatureNonce=\(nonce)&") == true }),
            (["--algorithm", "acs3"], Self.aliyun, { value, nonce in
                value["request"]?["headers"]?.arrayValue?.contains(.object(["name": .string("x-acs-signature-nonce"), "value": .string(nonce)])) == true }),
            (["--algorithm", "hmac-sha256"], Self.tencent, { value, nonce in value["request"]?["body"]?.stringValue?.contains("Nonce=\(nonce)&") == true }),
        ]
        for (options, request, inRequest) in sent {
            let batch = try CLI.run(["sign", "--batch", "-"] + Self.credentials + options, stdin: String(repeating: request + "\n", count: 3))
            #expect(batch.status == 0, "\(options): \(batch.stderr)")
            let values = try batch.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
            #expect(values.count == 3)
            let nonces = values.compactMap { $0["nonce"]?.stringValue }
            #expect(nonces.count == 3 && Set(nonces).count == 3, "\(options): \(nonces)")
            for (value, nonce) in zip(values, nonces) {
                #expect(inRequest(value, nonce), "\(options): \(nonce) in \(value["request"].map { JSONWriter.compact.string($0) } ?? "")")
                #expect(value["timestamp"] == .number("1551113065"))
            }
        }
    }

    @Test("a failing batch line carries schemaVersion, as a single command's error object does")
    func errorLines() throws {
        let input = Self.tencent + "\n" + #"{"provider": "tencent",}"# + "\n" + #"{"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-1"}}"# + "\n"
        let batch = try CLI.run(["sign", "--batch", "-"] + Self.credentials, stdin: input)
        #expect(batch.status == 1)
        let values = try batch.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(values.count == 3)
        #expect(values[1]["error"]?["code"]?.stringValue == "invalid-json")
        #expect(values[2]["error"]?["code"]?.stringValue == "validation-failed")
        for value in values { #expect(value["schemaVersion"] == .number("1")) }
        let single = try CLI.run(["sign", "-", "--format", "json"] + Self.credentials, stdin: #"{"provider": "tencent",}"#)
        #expect(single.status == 2)
        #expect(try JSONParser.parse(single.stdout)["schemaVersion"] == .number("1"))
    }
}
