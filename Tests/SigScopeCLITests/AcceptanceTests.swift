import Foundation
import Testing
import SigScope

/// What acceptance QA of issues 27 and 29 found through the built binary, as a new user
/// tries it: each test failed before its fix.
@Suite("CLI: acceptance cases of verify, --context and plan")
struct AcceptanceTests {
    static let tencentRequest = "examples/context/tencent-create-eni.json"
    static let aliyunRequest = "examples/context/aliyun-create-eni.json"

    static func json(_ text: String) throws -> JSONObject {
        try #require(try JSONParser.parse(text).objectValue)
    }

    // MARK: plan and credentials (issue 27, item 2)

    @Test("plan refuses an empty secret key (option or variable) with exit 64, as sign does, instead of 'not signed: no credentials'",
          arguments: [(["--secret-id", "AKIDx", "--secret-key", ""], [String: String]()),
                      ([], ["TENCENTCLOUD_SECRET_ID": "AKIDx", "TENCENTCLOUD_SECRET_KEY": ""])])
    func planEmptySecret(options: [String], env: [String: String]) throws {
        let result = try CLI.run(["plan", Self.tencentRequest, "--context", "examples/context/tencent"] + options, env: env)
        #expect(result.status == 64, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("empty"))
        #expect(!result.stdout.contains("not signed"))
    }

    @Test("plan with --secret-key but no key id says what is missing (exit 64), not 'no credentials'")
    func planHalfCredentials() throws {
        let result = try CLI.run(["plan", Self.aliyunRequest, "--context", "examples/context/aliyun", "--access-key-secret", "testsecret"])
        #expect(result.status == 64, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("--access-key-id"))
    }

    @Test("plan without any credentials still plans and says it did not sign (exit 0)")
    func planNoCredentials() throws {
        let result = try CLI.run(["plan", Self.aliyunRequest, "--context", "examples/context/aliyun"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("not signed: no credentials"))
    }

    // MARK: what the context does not cover (issue 29)

    @Test("a quota limit without DescribeNetworkInterfaces: the plan says how many ENIs exist is not known (used null), never '0 used'",
          arguments: [(tencentRequest, "examples/context/tencent/describe-vpc-limits.json", "50"),
                      (aliyunRequest, "examples/context/aliyun/describe-account-attributes.json", "100")])
    func quotaUsedUnknown(request: String, context: String, limit: String) throws {
        let json = try CLI.run(["plan", request, "--context", context, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let quota = try #require(try Self.json(json.stdout)["plan"]?["quota"]?.objectValue)
        #expect(quota["used"] == .null)
        #expect(quota["limit"] == .number(limit))
        let text = try CLI.run(["plan", request, "--context", context])
        #expect(!text.stdout.contains("0 used"))
        #expect(text.stdout.contains("how many ENIs count against it is not known"))
        // With the ENIs the count is known again.
        let full = try CLI.run(["plan", request, "--context", (context as NSString).deletingLastPathComponent, "--format", "json"])
        let used = try Self.json(full.stdout)["plan"]?["quota"]?["used"]
        if case .number? = used {} else { Issue.record("used is \(String(describing: used))") }
    }

    @Test("addresses the server assigns are not called free without the ENIs: a ContextIncomplete warning on the count")
    func freeAddressesUnknown() throws {
        let result = try CLI.run(["validate", Self.tencentRequest, "--context", "examples/context/tencent/describe-subnets.json", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let warnings = try Self.json(result.stdout)["warnings"]?.arrayValue ?? []
        let count = warnings.first { $0["path"] == .string("SecondaryPrivateIpAddressCount") }
        #expect(count?["code"] == .string("ContextIncomplete"))
        #expect(count?["message"]?.stringValue?.contains("DescribeNetworkInterfaces") == true)
        // With the ENIs listed in full there is nothing to warn about.
        let full = try CLI.run(["validate", Self.tencentRequest, "--context", "examples/context/tencent", "--format", "json"])
        #expect(try Self.json(full.stdout)["warnings"]?.arrayValue?.isEmpty == true)
    }

    @Test("a DescribeNetworkInterfaces listing with pages missing: a given address none of the read ENIs has is ContextIncomplete, not silently free")
    func addressListingIncomplete() throws {
        let enis = #"{"Response":{"TotalCount":40,"NetworkInterfaceSet":[{"NetworkInterfaceId":"eni-1","SubnetId":"subnet-76r802pg","VpcId":"vpc-0akbol5v","PrivateIpAddressSet":[{"PrivateIpAddress":"172.16.64.2","Primary":true}]}],"RequestId":"r"}}"#
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-acceptance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(enis.utf8).write(to: folder.appendingPathComponent("enis-page1.json"))
        let result = try CLI.run(["validate", Self.tencentRequest, "--context", folder.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let warnings = try Self.json(result.stdout)["warnings"]?.arrayValue ?? []
        let address = warnings.first { $0["path"] == .string("PrivateIpAddresses[0].PrivateIpAddress") }
        #expect(address?["code"] == .string("ContextIncomplete"))
        #expect(address?["message"]?.stringValue?.contains("incomplete") == true)
    }

    // MARK: bad context input (issue 29)

    @Test("a context file whose facts cannot be read is exit 2 naming the file and the fact, never read as absent",
          arguments: [#"{"Response":{"TotalCount":1,"SubnetSet":"oops","RequestId":"r"}}"#,
                      #"{"Response":{"TotalCount":1,"SubnetSet":[{"SubnetId":"subnet-76r802pg","VpcId":"vpc-0akbol5v","CidrBlock":"172.16.64.0/33","Zone":"ap-guangzhou-3"}],"RequestId":"r"}}"#,
                      #"{"Response":{"TotalCount":1,"SubnetSet":[{"SubnetId":"subnet-76r802pg","VpcId":"vpc-0akbol5v","CidrBlock":"172.16.64.0/28","Ipv6CidrBlock":"2402:zz::/64","Zone":"ap-guangzhou-3"}],"RequestId":"r"}}"#,
                      #"{"Response":{"TotalCount":1,"SubnetSet":[{"SubnetId":"subnet-76r802pg","VpcId":"vpc-0akbol5v","CidrBlock":"172.16.64.0/28","AvailableIpAddressCount":"many","Zone":"ap-guangzhou-3"}],"RequestId":"r"}}"#])
    func malformedContext(body: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-bad-subnets-\(UUID().uuidString).json")
        try Data(body.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.run(["validate", Self.tencentRequest, "--context", file.path])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.hasPrefix("sigscope: error: \(file.path): the DescribeSubnets response"))
        #expect(result.stdout.isEmpty)
    }

    @Test("an empty CIDR or count (as XML writes an absent value) is no error: the fact is absent")
    func emptyFactsAreAbsent() throws {
        let body = #"{"Response":{"TotalCount":1,"SubnetSet":[{"SubnetId":"subnet-76r802pg","VpcId":"vpc-0akbol5v","CidrBlock":"172.16.64.0/28","Ipv6CidrBlock":"","Zone":"ap-guangzhou-3"}],"RequestId":"r"}}"#
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-subnets-\(UUID().uuidString).json")
        try Data(body.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.run(["validate", Self.tencentRequest, "--context", file.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test("truncated XML as context says the file looks cut short (libxml2 alone says 'Extra content at the end of the document'), with file and line",
          arguments: [100, 300, 500, 1000, 1500])
    func truncatedXML(length: Int) throws {
        let whole = try Data(contentsOf: CLI.repoRoot.appendingPathComponent("examples/context/aliyun/describe-vswitches.xml"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-truncated-\(UUID().uuidString).xml")
        try whole.prefix(length).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.run(["validate", Self.aliyunRequest, "--context", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("sigscope: error: \(file.path):"))
        #expect(result.stderr.contains("is the file cut short?"), "\(result.stderr)")
    }

    @Test("XML broken in its middle is not called cut short")
    func brokenXMLMiddle() throws {
        let body = "<?xml version=\"1.0\"?>\n<DescribeVSwitchesResponse>\n<RequestId>x</Request>\n<TotalCount>0</TotalCount>\n</DescribeVSwitchesResponse>\n"
        let result = try CLI.run(["decode", "-"], stdin: body)
        #expect(result.status == 2)
        #expect(result.stderr.contains("not well-formed XML"))
        #expect(!result.stderr.contains("cut short"))
    }

    // MARK: verify's age judged by the clock (issue 27, item 5)

    @Test("an old capture judged by the clock says so; it names --now only when --now was given")
    func expiryNamesTheClock() throws {
        let capture = "testvectors/captures/sdk/tencent-vpcclient-tc3-post.http"
        let clock = try CLI.run(["verify", capture, "--secret-key", "sigscopeCaptureExampleSecretKey1", "--format", "json"])
        #expect(clock.status == 1)
        let finding = (try Self.json(clock.stdout)["findings"]?.arrayValue ?? []).first { $0["code"] == .string("timestamp-expired") }
        let message = try #require(finding?["message"]?.stringValue)
        #expect(message.contains("before the clock's "))
        #expect(!message.contains("--now"))
        let given = try CLI.run(["verify", capture, "--secret-key", "sigscopeCaptureExampleSecretKey1", "--now", "2024-01-01T00:00:00Z", "--format", "json"])
        #expect(given.stdout.contains("before --now 2024-01-01T00:00:00Z"))
    }

    // MARK: common parameters given as params (issue 27, items 12 and 13)

    @Test("a common parameter sigscope computes is refused with a plain fix, never 'use nothing'",
          arguments: [("tc3", "Signature"), ("tc3", "Nonce"), ("hmac-sha256", "Signature"), ("rpc", "Signature"), ("acs3", "Signature")])
    func commonParameterWording(algorithm: String, name: String) throws {
        let request = algorithm == "rpc" || algorithm == "acs3" ? "examples/aliyun-create-eni.json" : "examples/tencent-create-eni.json"
        let result = try CLI.run(["sign", request, "--algorithm", algorithm, "--secret-id", "id", "--secret-key", "key", "--param", "\(name)=x"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("the parameter \"\(name)\" is a common parameter that sigscope sets itself; remove it from the params"))
        #expect(!result.stderr.contains("use nothing"), "\(result.stderr)")
    }

    // MARK: tccli output (issue 29: "tccli / aliyun CLI output")

    /// examples/context/tencent with each JSON body as tccli prints it: `rsp.to_json_string()` of the
    /// SDK's response model, the members of Response without the wrapper, indented.
    static func withTccliContext(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-tccli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = CLI.repoRoot.appendingPathComponent("examples/context/tencent")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            let data = try Data(contentsOf: source.appendingPathComponent(name))
            var out = data
            if name.hasSuffix(".json"), let inner = try JSONParser.parse(String(decoding: data, as: UTF8.self))["Response"] {
                out = Data(JSONWriter.pretty.string(inner).utf8)
            }
            try out.write(to: folder.appendingPathComponent(name))
        }
        try body(folder.path)
    }

    @Test("tccli's output (no Response wrapper) is a context like the API's body: the same plan")
    func tccliContext() throws {
        try Self.withTccliContext { folder in
            let tccli = try CLI.run(["plan", Self.tencentRequest, "--context", folder, "--format", "json"])
            #expect(tccli.status == 0, "\(tccli.stderr)")
            let api = try CLI.run(["plan", Self.tencentRequest, "--context", "examples/context/tencent", "--format", "json"])
            #expect(try Self.json(tccli.stdout)["plan"] == (try Self.json(api.stdout)["plan"]))
            let taken = try CLI.run(["validate", "examples/context/tencent-taken-ip.json", "--context", folder, "--format", "json"])
            #expect(taken.status == 1)
            #expect((try Self.json(taken.stdout)["violations"]?.arrayValue ?? []).map { $0["code"]?.stringValue ?? "" } == ["ResourceNotFound", "ResourceInUse", "InvalidParameterValue.Range"])
        }
    }

    @Test("decode names tccli's output Tencent Cloud and its action, and says how it read it")
    func tccliDecode() throws {
        try Self.withTccliContext { folder in
            let result = try CLI.run(["decode", folder + "/describe-subnets.json", "--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            let object = try Self.json(result.stdout)
            #expect(object["provider"] == .string("tencent"))
            #expect(object["action"] == .string("DescribeSubnets"))
            #expect(object["result"]?["SubnetSet"]?.arrayValue?.count == 2)
            let text = try CLI.run(["decode", folder + "/describe-subnets.json"])
            #expect(text.stdout.contains("tccli"))
        }
    }

    // MARK: JSON for scripts (issue 27, item 11)

    @Test("verify --format json of a capture with a non-UTF-8 body gives request.bodyBase64 with the exact bytes")
    func verifyBodyBase64() throws {
        var bytes = Array("POST / HTTP/1.1\r\nHost: vpc.tencentcloudapi.com\r\nContent-Type: application/json\r\nX-TC-Action: CreateNetworkInterface\r\nX-TC-Timestamp: 1700000000\r\nX-TC-Version: 2017-03-12\r\nAuthorization: TC3-HMAC-SHA256 Credential=AKIDx/2023-11-14/vpc/tc3_request, SignedHeaders=content-type;host, Signature=\(String(repeating: "0", count: 64))\r\nContent-Length: 4\r\n\r\n".utf8)
        bytes += [0xFF, 0xFE, 0x7B, 0x7D]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-latin1-\(UUID().uuidString).http")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.run(["verify", file.path, "--secret-key", "k", "--no-clock", "--format", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let request = try #require(try Self.json(result.stdout)["request"]?.objectValue)
        #expect(request["bodyBase64"] == .string("//57fQ=="))
        // A UTF-8 body has none.
        let utf8 = try CLI.run(["verify", "testvectors/captures/sdk/tencent-vpcclient-tc3-post.http", "--secret-key", "k", "--no-clock", "--format", "json"])
        #expect(try Self.json(utf8.stdout)["request"]?["bodyBase64"] == nil)
    }

    // MARK: millisecond timestamps (issue 27, item 4)

    @Test("an Alibaba Timestamp in Unix milliseconds is called milliseconds, in seconds seconds", arguments: [("1700000000000", "milliseconds"), ("1700000000", "Unix seconds, which")])
    func rpcNumericTimestamp(value: String, said: String) throws {
        let original = try String(decoding: Data(contentsOf: CLI.repoRoot.appendingPathComponent("testvectors/captures/sdk/aliyun-tea-rpc.http")), as: UTF8.self)
        let edited = original.replacingOccurrences(of: "Timestamp=2023-11-14T22%3A13%3A20Z", with: "Timestamp=" + value)
        #expect(edited != original)
        let result = try CLI.run(["verify", "-", "--secret-key", "sigscopeCaptureExampleSecret0001", "--no-clock", "--format", "json"], stdin: edited)
        let finding = (try Self.json(result.stdout)["findings"]?.arrayValue ?? []).first { $0["code"] == .string("timestamp-not-utc") }
        #expect(finding?["message"]?.stringValue?.contains(said) == true, "\(result.stdout)")
    }

    // MARK: private addresses are unique within a VPC only (issue 29: ResourceInUse)

    /// Two VPCs with the same CIDR (as the default VPCs of two regions have), an ENI in each on
    /// 172.16.0.5, and one more in each.
    static let twoVPCs: [String: String] = [
        "subnets.json": #"{"Response":{"TotalCount":2,"SubnetSet":[{"VpcId":"vpc-aaaaaaaa","SubnetId":"subnet-aaaaaaaa","CidrBlock":"172.16.0.0/28","Zone":"ap-guangzhou-3","AvailableIpAddressCount":9},{"VpcId":"vpc-bbbbbbbb","SubnetId":"subnet-bbbbbbbb","CidrBlock":"172.16.0.0/28","Zone":"ap-guangzhou-3","AvailableIpAddressCount":9}],"RequestId":"r1"}}"#,
        "enis.json": #"{"Response":{"TotalCount":4,"NetworkInterfaceSet":[{"NetworkInterfaceId":"eni-a1","VpcId":"vpc-aaaaaaaa","SubnetId":"subnet-aaaaaaaa","PrivateIpAddressSet":[{"PrivateIpAddress":"172.16.0.5","Primary":true}]},{"NetworkInterfaceId":"eni-a2","VpcId":"vpc-aaaaaaaa","SubnetId":"subnet-aaaaaaaa","PrivateIpAddressSet":[{"PrivateIpAddress":"172.16.0.3","Primary":true}]},{"NetworkInterfaceId":"eni-b1","VpcId":"vpc-bbbbbbbb","SubnetId":"subnet-bbbbbbbb","PrivateIpAddressSet":[{"PrivateIpAddress":"172.16.0.5","Primary":true}]},{"NetworkInterfaceId":"eni-b2","VpcId":"vpc-bbbbbbbb","SubnetId":"subnet-bbbbbbbb","PrivateIpAddressSet":[{"PrivateIpAddress":"172.16.0.2","Primary":true}]}],"RequestId":"r2"}}"#,
    ]

    static func twoVPCRequest(_ address: String) -> [String] {
        ["--provider", "tencent", "--region", "ap-guangzhou", "--param", "VpcId=vpc-aaaaaaaa", "--param", "SubnetId=subnet-aaaaaaaa",
         "--param", "NetworkInterfaceName=n", "--param", #"PrivateIpAddresses=[{"PrivateIpAddress":"\#(address)","Primary":true}]"#,
         "--param", "SecondaryPrivateIpAddressCount=1"]
    }

    @Test("the same private IP on ENIs of two VPCs is no conflict; an address used only in the other VPC is free in this one")
    func addressesPerVPC() throws {
        try ContextCommandTests.withFolder(Self.twoVPCs) { folder in
            // 172.16.0.2 is eni-b2's, in vpc-bbbbbbbb: free in vpc-aaaaaaaa.
            let free = try CLI.run(["plan"] + Self.twoVPCRequest("172.16.0.2") + ["--context", folder, "--format", "json"])
            #expect(free.status == 0, "\(free.stdout)\(free.stderr)")
            let plan = try Self.json(free.stdout)
            #expect(plan["violations"]?.arrayValue?.isEmpty == true)
            // The lowest free address of vpc-aaaaaaaa's subnet: .0 network, .1 gateway, .2 given, .3 eni-a2's, so .4.
            let addresses = (plan["plan"]?["privateIpAddresses"]?.arrayValue ?? []).compactMap { $0["address"]?.stringValue }
            #expect(addresses == ["172.16.0.2", "172.16.0.4"])
            // 172.16.0.3 is eni-a2's, in this VPC: taken.
            let taken = try CLI.run(["validate"] + Self.twoVPCRequest("172.16.0.3") + ["--context", folder, "--format", "json"])
            #expect(taken.status == 1)
            let violations = try Self.json(taken.stdout)["violations"]?.arrayValue ?? []
            #expect(violations.map { $0["code"]?.stringValue ?? "" } == ["ResourceInUse"])
            #expect(violations.first?["message"]?.stringValue?.contains("eni-a2") == true)
        }
    }

    @Test("the same private IP on two ENIs of one VPC is still a conflict naming the file")
    func sameAddressSameVPC() throws {
        var files = Self.twoVPCs
        files["enis.json"] = files["enis.json"]?.replacingOccurrences(of: #""VpcId":"vpc-bbbbbbbb","SubnetId":"subnet-bbbbbbbb","PrivateIpAddressSet":[{"PrivateIpAddress":"172.16.0.5""#,
                                                                     with: #""VpcId":"vpc-aaaaaaaa","SubnetId":"subnet-aaaaaaaa","PrivateIpAddressSet":[{"PrivateIpAddress":"172.16.0.5""#)
        try ContextCommandTests.withFolder(files) { folder in
            let result = try CLI.run(["validate"] + Self.twoVPCRequest("172.16.0.4") + ["--context", folder])
            #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("172.16.0.5"))
            #expect(result.stderr.contains("enis.json"))
        }
    }

    // MARK: one standard input (issue 27, item 14: every error says what is wrong)

    @Test("standard input given for two inputs is wrong usage (64) saying so, not 'the file is empty'",
          arguments: [["validate", "-", "--context", "-"], ["plan", "-", "--context", "-"],
                      ["validate", "examples/context/tencent-create-eni.json", "--context", "-", "--context", "-"]])
    func stdinTwice(arguments: [String]) throws {
        let stdin = try String(decoding: Data(contentsOf: CLI.repoRoot.appendingPathComponent("examples/context/tencent/describe-subnets.json")), as: UTF8.self)
        let result = try CLI.run(arguments, stdin: stdin)
        #expect(result.status == 64, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("can be read only once"))
        #expect(!result.stderr.contains("empty"))
    }

    @Test("a request file given as --context is named as such (exit 2), without decode's advice to pass --provider")
    func requestFileAsContext() throws {
        let result = try CLI.run(["validate", Self.tencentRequest, "--context", Self.tencentRequest])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("sigscope: error: \(Self.tencentRequest): this is a sigscope request file, not a saved response"))
        #expect(!result.stderr.contains("--provider"))
        let other = try CLI.run(["validate", Self.tencentRequest, "--context", "-"], stdin: #"{"items": [1, 2]}"#)
        #expect(other.status == 2)
        #expect(other.stderr.contains("a context file is a saved Describe* response"))
        #expect(!other.stderr.contains("--provider"))
    }

    // MARK: a right signature the server refused as expired (issue 27, item 1's kind)

    @Test("a right signature with the server's AuthFailure.SignatureExpire / InvalidTimeStamp.Expired, clock skipped: timestamp-expired, exit 1, never 'would accept'",
          arguments: [("testvectors/captures/sdk/tencent-vpcclient-tc3-post.http", "sigscopeCaptureExampleSecretKey1", "testvectors/responses/tc-auth-SignatureExpire/input.json"),
                      ("testvectors/captures/sdk/aliyun-tea-rpc.curl", "sigscopeCaptureExampleSecret0001", "testvectors/responses/ali-auth-InvalidTimeStamp.Expired/input.http")])
    func serverSaysExpired(capture: String, key: String, error: String) throws {
        let result = try CLI.run(["verify", capture, "--secret-key", key, "--no-clock", "--server-error", error, "--format", "json"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let object = try Self.json(result.stdout)
        #expect(object["match"] == .bool(false))
        #expect((object["findings"]?.arrayValue ?? []).map { $0["code"]?.stringValue ?? "" } == ["timestamp-expired"])
        let text = try CLI.run(["verify", capture, "--secret-key", key, "--no-clock", "--server-error", error])
        #expect(!text.stdout.contains("would accept"))
    }
}
