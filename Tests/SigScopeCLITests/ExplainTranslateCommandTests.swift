import Foundation
import Testing
import SigScope
@testable import SigScopeCLI

/// `sigscope explain` and `sigscope translate` as a user runs them.
@Suite("explain and translate commands")
struct ExplainTranslateCommandTests {
    @Test("explain prints meaning, cause, fix and the provider's page; exit 0")
    func explainText() throws {
        let result = try CLI.run(["explain", "AuthFailure.SignatureExpire"])
        #expect(result.status == 0, "\(result.stderr)")
        for marker in ["AuthFailure.SignatureExpire", "Meaning", "Cause", "Fix", "5 minutes", "https://cloud.tencent.com/document/api/213/30654"] {
            #expect(result.stdout.contains(marker), "missing \(marker)")
        }
    }

    @Test("explain --format json gives the topics with meaning, cause, fix and references; --provider picks one of a shared code")
    func explainJSON() throws {
        let both = try CLI.run(["explain", "MissingParameter", "--format", "json"])
        let topics = try #require(try JSONParser.parse(both.stdout)["topics"]?.arrayValue)
        #expect(topics.count == 2)
        for topic in topics {
            for key in ["meaning", "cause", "fix"] { #expect(topic[key]?.stringValue?.isEmpty == false) }
            #expect(topic["references"]?.arrayValue?.isEmpty == false)
        }
        let one = try CLI.run(["explain", "missingparameter", "--provider", "aliyun", "--format", "json"])
        let only = try #require(try JSONParser.parse(one.stdout)["topics"]?.arrayValue)
        #expect(only.count == 1 && only[0]["providers"] == .array([.string("aliyun")]))
    }

    @Test("explain finds findings and signing steps case-insensitively, per algorithm")
    func explainKinds() throws {
        let finding = try CLI.run(["explain", "Space-Encoded-As-Plus"])
        #expect(finding.status == 0 && finding.stdout.contains("%20"))
        let step = try CLI.run(["explain", "string-to-sign", "--algorithm", "rpc"])
        #expect(step.status == 0 && step.stdout.contains("%2F") && !step.stdout.contains("TC3-HMAC-SHA256\" +"), "\(step.stdout)")
        let key = try CLI.run(["explain", "secretSigning"])
        #expect(key.status == 0 && key.stdout.contains("tc3_request"))
    }

    @Test("an unknown topic exits 1 with did-you-mean on standard error (and in JSON)")
    func explainUnknown() throws {
        let result = try CLI.run(["explain", "AuthFailure.SignatureExpird"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("did you mean `AuthFailure.SignatureExpire`"), "\(result.stderr)")
        let json = try CLI.run(["explain", "canonical-reqest", "--format", "json"])
        #expect(json.status == 1)
        #expect(try JSONParser.parse(json.stdout)["suggestions"]?.arrayValue?.first == .string("canonical-request"))
        let wrongProvider = try CLI.run(["explain", "SignatureDoesNotMatch", "--provider", "tencent"])
        #expect(wrongProvider.status == 1 && wrongProvider.stderr.contains("Alibaba Cloud"), "\(wrongProvider.stderr)")
        #expect(try CLI.run(["explain"]).status == 64)
    }

    @Test("explain --list lists every kind of topic")
    func explainList() throws {
        let result = try CLI.run(["explain", "--list"])
        #expect(result.status == 0)
        for marker in ["Error codes", "verify findings", "Signing steps", "InvalidVSwitchId.NotFound", "wrong-secret-likely", "credential-scope"] {
            #expect(result.stdout.contains(marker), "missing \(marker)")
        }
        let json = try #require(try JSONParser.parse(try CLI.run(["explain", "--list", "--format", "json"]).stdout)["topics"]?.arrayValue)
        #expect(json.count == Explain.topics.count)
    }

    @Test("translate prints the new request file on stdout (readable by sign) and the table on stderr; exit 1 when the target rules refuse it")
    func translateText() throws {
        let invalid = try CLI.run(["translate", "examples/tencent-create-eni.json", "--to", "aliyun"])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("no counterpart") && invalid.stderr.contains("ap-guangzhou") && invalid.stderr.contains("RegionId"), "\(invalid.stderr)")
        let valid = try CLI.run(["translate", "examples/tencent-create-eni.json", "--to", "aliyun", "--target-region", "cn-hangzhou",
                                 "--set", "VSwitchId=vsw-bp1s5fnvk4gn2tws03xx", "--set", "SecurityGroupId=sg-bp1fg655nh68xyz9ixx"])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(valid.stderr.contains("validation: valid for Alibaba Cloud"), "\(valid.stderr)")
        let file = try TempFile(valid.stdout)
        let validated = try CLI.run(["validate", file.path])
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
    }

    static let tencentSubnets = #"{"Response": {"TotalCount": 1, "SubnetSet": [{"SubnetId": "subnet-app1", "VpcId": "vpc-tc1", "CidrBlock": "10.0.1.0/24", "Zone": "ap-shanghai-2"}], "RequestId": "r1"}}"#
    static let aliyunVSwitches = #"{"RequestId": "r2", "TotalCount": 2, "PageNumber": 1, "PageSize": 10, "VSwitches": {"VSwitch": [{"VSwitchId": "vsw-app1", "VpcId": "vpc-ali1", "CidrBlock": "10.0.1.0/24", "ZoneId": "cn-shanghai-b"}, {"VSwitchId": "vsw-db1", "VpcId": "vpc-ali1", "CidrBlock": "10.0.2.0/24", "ZoneId": "cn-shanghai-b"}]}}"#

    @Test("translate --context finds the vSwitch with the same CIDR block as the source subnet, or the subnet holding the private IPs, and its VPC")
    func translateContext() throws {
        let subnets = try TempFile(Self.tencentSubnets), vswitches = try TempFile(Self.aliyunVSwitches)
        let request = try TempFile(#"{"provider": "tencent", "region": "ap-shanghai", "params": {"VpcId": "vpc-tc1", "SubnetId": "subnet-app1", "NetworkInterfaceName": "app", "SecurityGroupIds": ["sg-1"]}}"#)
        let toAliyun = try CLI.run(["translate", request.path, "--to", "aliyun", "--context", vswitches.path, "--context", subnets.path, "--format", "json"])
        let output = try #require(try JSONParser.parse(toAliyun.stdout).objectValue)
        #expect(output["request"]?["params"]?["VSwitchId"]?.stringValue == "vsw-app1", "\(toAliyun.stdout)\(toAliyun.stderr)")
        let note = output["mappings"]?.arrayValue?.first { $0["from"]?.stringValue == "SubnetId" }?["note"]?.stringValue ?? ""
        #expect(note.contains("10.0.1.0/24") && note.contains(subnets.path), "\(note)")

        // Back: no source context, but the primary IP lies in exactly one Tencent subnet; its VPC fills VpcId.
        let other = try TempFile(#"{"Response": {"TotalCount": 1, "SubnetSet": [{"SubnetId": "subnet-db9", "VpcId": "vpc-tc9", "CidrBlock": "10.0.2.0/25", "Zone": "ap-shanghai-2"}], "RequestId": "r3"}}"#)
        let aliRequest = try TempFile(#"{"provider": "aliyun", "params": {"RegionId": "cn-shanghai", "VSwitchId": "vsw-db1", "SecurityGroupId": "sg-a", "NetworkInterfaceName": "db", "PrimaryIpAddress": "10.0.2.7"}}"#)
        let toTencent = try CLI.run(["translate", aliRequest.path, "--to", "tencent", "--context", other.path, "--format", "json"])
        let back = try #require(try JSONParser.parse(toTencent.stdout).objectValue)
        #expect(back["request"]?["params"]?["SubnetId"]?.stringValue == "subnet-db9")
        #expect(back["request"]?["params"]?["VpcId"]?.stringValue == "vpc-tc9")
        #expect(back["validation"]?["valid"] == .bool(true), "\(toTencent.stdout)")

        // No single fit: nothing is guessed, and the note says the context had no counterpart.
        let noFit = try CLI.run(["translate", aliRequest.path, "--to", "tencent", "--context", subnets.path, "--format", "json"])
        let unresolved = try #require(try JSONParser.parse(noFit.stdout).objectValue)
        #expect(unresolved["request"]?["params"]?["SubnetId"]?.stringValue == "vsw-db1")
        #expect(unresolved["mappings"]?.arrayValue?.first { $0["from"]?.stringValue == "VSwitchId" }?["note"]?.stringValue?.contains("no single counterpart") == true)

        // A context of the source provider alone cannot say what the target's ids are.
        let onlySource = try CLI.run(["translate", request.path, "--to", "aliyun", "--context", subnets.path])
        #expect(onlySource.status == 2 && onlySource.stderr.contains("Alibaba Cloud Describe*"), "\(onlySource.stderr)")
    }

    @Test("translate --format json has request, mappings, unmapped and validation")
    func translateJSON() throws {
        let result = try CLI.run(["translate", "examples/aliyun-create-eni.json", "--to", "tencent", "--target-region", "ap-guangzhou",
                                  "--set", "VpcId=vpc-0akbol5v", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try #require(try JSONParser.parse(result.stdout).objectValue)
        #expect(output["request"]?["provider"]?.stringValue == "tencent")
        #expect(output["request"]?["region"]?.stringValue == "ap-guangzhou")
        #expect(output["request"]?["params"]?["SubnetId"]?.stringValue == "vsw-bp1s5fnvk4gn2tws03xx")
        let mappings = try #require(output["mappings"]?.arrayValue)
        #expect(mappings.contains { $0["from"]?.stringValue == "VSwitchId" && $0["to"]?.stringValue == "SubnetId" })
        // What --set gave comes from --set, and the notes and reasons name the options.
        #expect(mappings.contains { $0["from"]?.stringValue == "--set" && $0["to"]?.stringValue == "VpcId" && $0["note"]?.stringValue == "given with --set" }, "\(result.stdout)")
        #expect(mappings.contains { $0["from"]?.stringValue == "RegionId" && $0["note"]?.stringValue?.hasPrefix("given with --target-region") == true }, "\(result.stdout)")
        let text = try CLI.run(["translate", "examples/aliyun-create-eni.json", "--to", "tencent", "--target-region", "ap-guangzhou", "--set", "VpcId=vpc-0akbol5v"])
        #expect(text.stderr.contains("  --set ") && text.stderr.contains("given with --set"), "\(text.stderr)")
        #expect(output["unmapped"]?.arrayValue != nil)
        #expect(output["validation"]?["valid"] == .bool(true))
        #expect(try CLI.run(["translate", "examples/aliyun-create-eni.json", "--to", "aliyun"]).status == 64)
    }
}
