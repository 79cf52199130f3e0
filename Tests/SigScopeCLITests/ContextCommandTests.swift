import Foundation
import Testing
import SigScope

/// `--context` on validate, sign, curl and plan, through the built binary, with the files in
/// examples/context/: findings with source and evidence, refusal to sign, the plan document,
/// and exit 2 naming the file for every kind of bad context input.
@Suite("CLI: --context and plan")
struct ContextCommandTests {
    static let tencentKeys = ["TENCENTCLOUD_SECRET_ID": "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "TENCENTCLOUD_SECRET_KEY": "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"]
    static let aliyunKeys = ["ALIBABA_CLOUD_ACCESS_KEY_ID": "testid", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "testsecret"]

    static func json(_ text: String) throws -> JSONObject {
        try #require(try JSONParser.parse(text).objectValue)
    }

    static func codes(_ object: JSONObject, _ key: String = "violations") -> [String] {
        (object[key]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
    }

    /// A temporary folder with `files`, removed after `body`.
    static func withFolder(_ files: [String: String], _ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-context-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        try body(folder.path)
    }

    // MARK: validate

    @Test("validate --context: the example requests that break the state exit 1 with the seeds' codes, source and evidence")
    func validateFindings() throws {
        let tencent = try CLI.run(["validate", "examples/context/tencent-taken-ip.json", "--context", "examples/context/tencent", "--format", "json"])
        #expect(tencent.status == 1, "\(tencent.stderr)")
        let t = try Self.json(tencent.stdout)
        #expect(Self.codes(t) == ["ResourceNotFound", "ResourceInUse", "InvalidParameterValue.Range"])
        let inUse = try #require(t["violations"]?.arrayValue?[1].objectValue)
        #expect(inUse["source"] == .string("context"))
        #expect(inUse["evidence"] == .string("examples/context/tencent/describe-network-interfaces.json"))

        let aliyun = try CLI.run(["validate", "examples/context/aliyun-vpc-mismatch.json", "--context", "examples/context/aliyun", "--format", "json"])
        #expect(aliyun.status == 1, "\(aliyun.stderr)")
        #expect(Self.codes(try Self.json(aliyun.stdout)) == ["InvalidOperation.VpcMismatch", "InvalidSecurityGroupId.NotVpc", "InvalidIp.IpAssigned"])
    }

    @Test("validate --context: requests that fit the state exit 0", arguments: [("examples/context/tencent-create-eni.json", "examples/context/tencent"),
                                                                              ("examples/context/aliyun-create-eni.json", "examples/context/aliyun")])
    func validateClean(_ request: String, _ context: String) throws {
        let result = try CLI.run(["validate", request, "--context", context])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix(request.contains("tencent") ? "Tencent Cloud CreateNetworkInterface: valid" : "Alibaba Cloud CreateNetworkInterface: valid"))
    }

    @Test("without --context the same request is valid: the state is what refuses it")
    func withoutContext() throws {
        let result = try CLI.run(["validate", "examples/context/tencent-taken-ip.json"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("validate text shows the evidence of a context finding")
    func validateText() throws {
        let result = try CLI.run(["validate", "examples/context/aliyun-vpc-mismatch.json", "--context", "examples/context/aliyun/describe-security-groups.json",
                                  "--context", "examples/context/aliyun/describe-vswitches.xml"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("InvalidOperation.VpcMismatch"))
        #expect(result.stdout.contains("[context: examples/context/aliyun/describe-security-groups.json, examples/context/aliyun/describe-vswitches.xml]"))
        // No DescribeNetworkInterfaces given: the primary IP is not called taken.
        #expect(!result.stdout.contains("InvalidIp.IpAssigned"))
        #expect(result.stdout.contains("ContextIncomplete"))
    }

    // MARK: sign and curl

    @Test("sign and curl refuse a request that breaks the state (exit 1), and sign it with --no-validate", arguments: ["sign", "curl"])
    func signRefuses(_ command: String) throws {
        let refused = try CLI.run([command, "examples/context/tencent-taken-ip.json", "--context", "examples/context/tencent"], env: Self.tencentKeys)
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("decided from the account's state in --context"), "\(refused.stderr)")
        #expect(refused.stderr.contains("ResourceInUse"))
        let forced = try CLI.run([command, "examples/context/tencent-taken-ip.json", "--context", "examples/context/tencent", "--no-validate", "--timestamp", "1551113065"], env: Self.tencentKeys)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!forced.stdout.isEmpty)
    }

    @Test("sign --context signs a request that fits the state")
    func signClean() throws {
        let result = try CLI.run(["sign", "examples/context/aliyun-create-eni.json", "--context", "examples/context/aliyun", "--format", "json",
                                  "--timestamp", "2016-02-23T12:46:24Z", "--nonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"], env: Self.aliyunKeys)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.json(result.stdout)["signature"]?.stringValue?.isEmpty == false)
    }

    @Test("sign --batch --context refuses each line that breaks the state and signs the others")
    func batch() throws {
        let good = #"{"provider":"tencent","region":"ap-guangzhou","params":{"VpcId":"vpc-0akbol5v","SubnetId":"subnet-76r802pg","NetworkInterfaceName":"a"}}"#
        let bad = #"{"provider":"tencent","region":"ap-guangzhou","params":{"VpcId":"vpc-0akbol5v","SubnetId":"subnet-gone0000","NetworkInterfaceName":"b"}}"#
        let result = try CLI.run(["sign", "--batch", "-", "--context", "examples/context/tencent", "--timestamp", "1551113065"], stdin: good + "\n" + bad + "\n", env: Self.tencentKeys)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].contains(#""signature":"#))
        #expect(lines[1].contains(#""code":"validation-failed""#) && lines[1].contains(#""code":"ResourceNotFound""#) && lines[1].contains(#""source":"context""#))
    }

    // MARK: plan

    @Test("plan --format json: the contract's document, with the lowest free addresses and the quota")
    func planJSON() throws {
        let result = try CLI.run(["plan", "examples/context/tencent-create-eni.json", "--context", "examples/context/tencent", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Self.json(result.stdout)
        #expect(object.keys == ["valid", "provider", "action", "violations", "warnings", "plan", "signed", "schemaVersion"])
        #expect(object["signed"] == .null)
        let plan = try #require(object["plan"]?.objectValue)
        #expect(plan["vpcId"] == .string("vpc-0akbol5v"))
        #expect(plan["subnetId"] == .string("subnet-76r802pg"))
        #expect(plan["zone"] == .string("ap-guangzhou-3"))
        #expect(plan["securityGroupIds"] == .array([.string("sg-05bb4upy")]))
        let addresses = (plan["privateIpAddresses"]?.arrayValue ?? []).map { "\($0["address"]?.stringValue ?? "")/\($0["primary"] == .bool(true))/\($0["source"]?.stringValue ?? "")" }
        #expect(addresses == ["172.16.64.10/true/given", "172.16.64.4/false/free", "172.16.64.6/false/free"])
        #expect(plan["quota"] == .object(["used": .number("4"), "limit": .number("50")]))
    }

    @Test("plan signs the request when credentials are given")
    func planSigned() throws {
        let result = try CLI.run(["plan", "examples/context/aliyun-create-eni.json", "--context", "examples/context/aliyun", "--format", "json",
                                  "--timestamp", "2016-02-23T12:46:24Z", "--nonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"], env: Self.aliyunKeys)
        #expect(result.status == 0, "\(result.stderr)")
        let signed = try #require(try Self.json(result.stdout)["signed"]?.objectValue)
        #expect(signed["algorithm"] == .string("HMAC-SHA1"))
        #expect(signed["request"]?["url"]?.stringValue?.contains("SecondaryPrivateIpAddressCount=2") == true)
        #expect(!result.stdout.contains("testsecret"))
    }

    @Test("plan text shows the ENI, and a refused plan exits 1 without signing")
    func planText() throws {
        let ok = try CLI.run(["plan", "examples/context/aliyun-create-eni.json", "--context", "examples/context/aliyun"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("The ENI that would be created"))
        #expect(ok.stdout.contains("172.16.0.3  (primary, lowest free now"))
        #expect(ok.stdout.contains("2 used of 100 (max-elastic-network-interfaces); 97 left after this one"))
        let refused = try CLI.run(["plan", "examples/context/aliyun-vpc-mismatch.json", "--context", "examples/context/aliyun"], env: Self.aliyunKeys)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("not signed: the request breaks rules"))
    }

    @Test("plan without --context is wrong usage (64)")
    func planNeedsContext() throws {
        let result = try CLI.run(["plan", "examples/context/aliyun-create-eni.json"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--context"))
    }

    @Test("plan --help teaches with examples")
    func planHelp() throws {
        let result = try CLI.run(["plan", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("sigscope plan examples/context/tencent-create-eni.json \\\n      --context examples/context/tencent\n"))
        #expect(result.stdout.contains("--context <PATH>"))
    }

    // MARK: Bad context input

    static let badInputs: [(String, String, String)] = [
        ("create.json", #"{"Response":{"NetworkInterface":{"NetworkInterfaceId":"eni-1"},"RequestId":"r"}}"#, "not one of the Describe* responses"),
        ("error.json", #"{"Response":{"Error":{"Code":"UnauthorizedOperation","Message":"no"},"RequestId":"r"}}"#, "is an API error response"),
        ("cut.xml", "<DescribeVSwitchesResponse><RequestId>x</RequestId><VSwitches><VSwitch><VSwitchId>vsw-1</VSw", "not well-formed XML"),
        ("empty.har", #"{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"https://example.com/"},"response":{"status":200,"content":{"text":"hi"}}}]}}"#, "none is a saved response of a Describe*"),
    ]

    @Test("bad context input is exit 2 with a message naming the file", arguments: 0..<4)
    func badInput(_ index: Int) throws {
        let (name, text, phrase) = Self.badInputs[index]
        try Self.withFolder([name: text]) { folder in
            let path = folder + "/" + name
            let result = try CLI.run(["validate", "examples/context/aliyun-create-eni.json", "--context", path])
            #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
            #expect(result.stderr.hasPrefix("sigscope: error: " + path), "\(result.stderr)")
            #expect(result.stderr.contains(phrase))
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("a conflicting pair of files is exit 2 naming both")
    func conflictingPair() throws {
        let a = #"{"RequestId":"A","TotalCount":1,"VSwitches":{"VSwitch":[{"VSwitchId":"vsw-bp1s5fnvk4gn2tws03xx","VpcId":"vpc-bp1opxu1zkhn00gzv2xx","CidrBlock":"172.16.0.0/24","ZoneId":"cn-hangzhou-i"}]}}"#
        let b = a.replacingOccurrences(of: "172.16.0.0/24", with: "172.16.8.0/24")
        try Self.withFolder(["a.json": a, "b.json": b]) { folder in
            let result = try CLI.run(["plan", "examples/context/aliyun-create-eni.json", "--context", folder])
            #expect(result.status == 2)
            #expect(result.stderr.contains(folder + "/a.json") && result.stderr.contains(folder + "/b.json"), "\(result.stderr)")
        }
    }

    @Test("a folder is read with its sub-folders, hidden files left out; an empty folder is exit 2")
    func folders() throws {
        let subnets = try String(contentsOf: CLI.repoRoot.appendingPathComponent("examples/context/tencent/describe-subnets.json"), encoding: .utf8)
        let enis = try String(contentsOf: CLI.repoRoot.appendingPathComponent("examples/context/tencent/describe-network-interfaces.json"), encoding: .utf8)
        try Self.withFolder([".DS_Store": "\u{0}\u{1}junk", "subnets.json": subnets]) { folder in
            let sub = folder + "/enis"
            try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
            try Data(enis.utf8).write(to: URL(fileURLWithPath: sub + "/page1.json"))
            let result = try CLI.run(["validate", "examples/context/tencent-taken-ip.json", "--context", folder, "--format", "json"])
            #expect(result.status == 1, "\(result.stderr)")
            let object = try Self.json(result.stdout)
            #expect(Self.codes(object).contains("ResourceInUse"))
            let evidence = (object["violations"]?.arrayValue ?? []).compactMap { $0["evidence"]?.stringValue }
            #expect(evidence.contains(folder + "/enis/page1.json"))
        }
        try Self.withFolder([:]) { folder in
            let result = try CLI.run(["validate", "examples/context/tencent-taken-ip.json", "--context", folder])
            #expect(result.status == 2)
            #expect(result.stderr.contains(folder + ": the folder holds no files"))
        }
    }

    @Test("a context of the other provider is exit 2; a missing file is exit 2 naming it")
    func wrongProvider() throws {
        let other = try CLI.run(["validate", "examples/context/aliyun-create-eni.json", "--context", "examples/context/tencent"])
        #expect(other.status == 2)
        #expect(other.stderr.contains("the context is Tencent Cloud's"))
        let missing = try CLI.run(["validate", "examples/context/aliyun-create-eni.json", "--context", "no/such/file.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("sigscope: error: no/such/file.json"))
    }
}

/// docs/plan.md shows real commands with their real output: each `$ sigscope …` line of a fenced
/// block is run, and the lines up to the next `$` (or the end of the block) must be exactly what
/// it prints.
@Suite("docs/plan.md shows real output")
struct PlanDocsTests {
    struct Example: Sendable, CustomStringConvertible {
        let command: [String]
        let output: String
        var description: String { command.joined(separator: " ") }
    }

    static let examples: [Example] = {
        guard let data = FileManager.default.contents(atPath: CLI.repoRoot.appendingPathComponent("docs/plan.md").path) else { return [] }
        var examples: [Example] = []
        var inBlock = false
        var command: [String]?
        var output: [Substring] = []
        func flush() {
            if let command { examples.append(Example(command: command, output: output.joined(separator: "\n"))) }
            command = nil
            output = []
        }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if inBlock { flush() }
                inBlock.toggle()
            } else if inBlock, line.hasPrefix("$ ") {
                flush()
                if line.hasPrefix("$ sigscope ") { command = line.dropFirst(11).split(separator: " ").map(String.init) }
            } else if inBlock, command != nil {
                output.append(line)
            }
        }
        return examples
    }()

    @Test("the page has its examples")
    func hasExamples() {
        #expect(Self.examples.count >= 3)
    }

    @Test("each documented command prints exactly the documented output", arguments: examples)
    func output(_ example: Example) throws {
        let result = try CLI.run(example.command)
        #expect(result.stdout == example.output + "\n", "\(result.stderr)")
    }
}

@Suite("CLI: decode of Describe* responses")
struct DescribeDecodeTests {
    @Test("decode gives a saved DescribeVSwitches (XML) as a typed result: a plain array, numbers and booleans")
    func vswitches() throws {
        let result = try CLI.run(["decode", "examples/context/aliyun/describe-vswitches.xml", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONParser.parse(result.stdout).objectValue)
        #expect(object["action"] == .string("DescribeVSwitches"))
        let first = try #require(object["result"]?["VSwitches"]?.arrayValue?.first)
        #expect(first["AvailableIpAddressCount"] == .number("249"))
        #expect(first["IsDefault"] == .bool(false))
        #expect(first["Tags"] == .array([.object(["Key": .string("team"), "Value": .string("payments")])]))
    }

    @Test("decode reads a HAR page of DescribeNetworkInterfaces by entry, lists unwrapped")
    func harEntry() throws {
        let result = try CLI.run(["decode", "examples/context/aliyun/describe-network-interfaces.har", "--entry", "2", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONParser.parse(result.stdout).objectValue)
        #expect(object["action"] == .string("DescribeNetworkInterfaces"))
        let eni = try #require(object["result"]?["NetworkInterfaceSets"]?.arrayValue?.first)
        #expect(eni["SecurityGroupIds"] == .array([.string("sg-bp1fg655nh68xyz9ixx")]))
        #expect(eni["PrivateIpSets"]?.arrayValue?.first?["Primary"] == .bool(true))
    }
}
