import Testing
import SigScope

/// Translating CreateNetworkInterface between the two providers, field by field.
@Suite("Translate")
struct TranslationTests {
    /// The interface contract's Tencent example request.
    static let tencent = APIRequest(provider: .tencent, region: "ap-guangzhou", params: [
        "VpcId": .string("vpc-0akbol5v"),
        "SubnetId": .string("subnet-76r802pg"),
        "NetworkInterfaceName": .string("demo"),
        "NetworkInterfaceDescription": .string("TestDesc"),
        "SecurityGroupIds": .array([.string("sg-05bb4upy"), .string("sg-0second")]),
        "PrivateIpAddresses": .array([
            .object(["PrivateIpAddress": .string("172.16.64.13"), "Primary": .string("true")]),
            .object(["PrivateIpAddress": .string("172.16.64.14"), "Description": .string("second")]),
        ]),
        "Tags": .array([.object(["Key": .string("city"), "Value": .string("shanghai")])]),
        "QosLevel": .string("PT"),
        "TrunkingFlag": .string("Enable"),
    ])

    static func target(_ result: ENITranslation.Result, _ from: String) -> [String] {
        result.mappings.filter { $0.from == from }.map(\.to)
    }

    @Test("Tencent → Alibaba maps SubnetId, security groups, private IPs, tags, description and trunking to their counterparts")
    func tencentToAliyun() throws {
        let result = try ENITranslation.translate(Self.tencent, to: .aliyun, targetRegion: "cn-hangzhou")
        let params = result.request.params
        #expect(result.request.provider == .aliyun)
        #expect(params["RegionId"] == .string("cn-hangzhou"))
        #expect(params["VSwitchId"] == .string("subnet-76r802pg"))
        #expect(params["SecurityGroupIds"] == .array([.string("sg-05bb4upy"), .string("sg-0second")]))
        #expect(params["SecurityGroupId"] == nil)
        #expect(params["PrimaryIpAddress"] == .string("172.16.64.13"))
        #expect(params["PrivateIpAddress"] == .array([.string("172.16.64.14")]))
        #expect(params["Description"] == .string("TestDesc"))
        #expect(params["Tag"] == .array([.object(["Key": .string("city"), "Value": .string("shanghai")])]))
        #expect(params["InstanceType"] == .string("Trunk"))
        #expect(Self.target(result, "SecurityGroupIds[1]") == ["SecurityGroupIds.2"])
        #expect(Self.target(result, "PrivateIpAddresses[1].PrivateIpAddress") == ["PrivateIpAddress.1"])
        // What has no counterpart is listed, with a reason.
        let unmapped = Set(result.unmapped.map(\.path))
        #expect(unmapped == ["VpcId", "QosLevel", "PrivateIpAddresses[1].Description"])
        #expect(result.unmapped.allSatisfy { !$0.reason.description.isEmpty })
        // The id carried over is marked for replacement, and the result is judged by Alibaba's rules.
        let note = try #require(result.mappings.first { $0.from == "SubnetId" }?.note)
        #expect(note.subjects == [.setParam, .context] && note.worded(naming: { "<\($0.rawValue)>" }).contains("<setParam> VSwitchId=…, or <context>"), "\(note)")
        #expect(result.validation.provider == .aliyun && result.validation.valid)
        #expect(result.validation.warnings.contains { $0.path == "VSwitchId" })
    }

    @Test("every source parameter is either mapped or listed as unmapped, never dropped")
    func nothingDropped() throws {
        let odd = APIRequest(provider: .tencent, region: "ap-nanjing", params: [
            "VpcId": .number("5"), "SubnetId": .array([.string("x")]), "SecurityGroupIds": .string("sg-1"),
            "PrivateIpAddresses": .string("oops"), "Tags": .object(["a": .number("1")]), "TrunkingFlag": .number("3"),
            "Ipv6Addresses": .array([.object(["Address": .string("::1"), "Primary": .bool(true)])]), "IsRdma": .bool(true),
            "SomethingElse": .string("x"),
        ])
        let ali = APIRequest(provider: .aliyun, params: [
            "RegionId": .string("cn-hangzhou"), "VSwitchId": .string("vsw-1"), "SecurityGroupIds": .array([.string("sg-1")]),
            "ResourceGroupId": .string("rg-1"), "InstanceType": .string("Trunk"), "QueueNumber": .number("4"), "Format": .string("JSON"),
            "Ipv6AddressCount": .number("2"), "ClientToken": .string("t"), "NetworkInterfaceTrafficMode": .string("HighPerformance"),
            "ConnectionTrackingConfiguration": .object(["UdpTimeout": .number("30")]), "Tag": .object([:]),
        ])
        for (request, target) in [(Self.tencent, Provider.aliyun), (odd, .aliyun), (ali, .tencent)] {
            let result = try ENITranslation.translate(request, to: target)
            let accounted = Set((result.mappings.map(\.from) + result.unmapped.map(\.path)).map { path in
                String(path.prefix { $0 != "[" && $0 != "." })
            })
            if request.region != nil { #expect(accounted.contains("region")) }
            for name in request.params.keys {
                #expect(accounted.contains(name), "\(name) vanished")
            }
        }
    }

    @Test("a region maps only to the same-city region of the public lists; ap-guangzhou has none, so RegionId is missing and the result is invalid")
    func regions() throws {
        #expect(ENITranslation.counterpartRegion("ap-shanghai", of: .tencent)?.region == "cn-shanghai")
        #expect(ENITranslation.counterpartRegion("cn-beijing", of: .aliyun)?.region == "ap-beijing")
        #expect(ENITranslation.counterpartRegion("ap-guangzhou", of: .tencent) == nil)
        #expect(ENITranslation.counterpartRegion("cn-hangzhou", of: .aliyun) == nil)
        let result = try ENITranslation.translate(Self.tencent, to: .aliyun)
        #expect(result.unmapped.contains { $0.path == "region" && $0.reason.subjects == [.targetRegion] })
        #expect(!result.validation.valid)
        #expect(result.validation.violations.contains { $0.code == "MissingParameter" && $0.path == "RegionId" })
    }

    @Test("Alibaba → Tencent: PrimaryIpAddress + PrivateIpAddress.N become PrivateIpAddresses, Tag.N Tags; the missing VpcId makes it invalid until --set gives it")
    func aliyunToTencent() throws {
        let request = APIRequest(provider: .aliyun, params: [
            "RegionId": .string("cn-shanghai"),
            "VSwitchId": .string("vsw-bp1s5fnvk4gn2tws03xx"),
            "SecurityGroupId": .string("sg-bp1fg655nh68xyz9ixx"),
            "PrimaryIpAddress": .string("192.168.0.10"),
            "PrivateIpAddress": .array([.string("192.168.0.11")]),
            "NetworkInterfaceName": .string("my-eni"),
            "Description": .string("an ENI"),
            "Tag": .array([.object(["Key": .string("env"), "Value": .string("prod")])]),
            "DeleteOnRelease": .bool(true),
        ])
        let result = try ENITranslation.translate(request, to: .tencent)
        #expect(result.request.region == "ap-shanghai")
        let params = result.request.params
        #expect(params["SubnetId"] == .string("vsw-bp1s5fnvk4gn2tws03xx"))
        #expect(params["SecurityGroupIds"] == .array([.string("sg-bp1fg655nh68xyz9ixx")]))
        #expect(params["PrivateIpAddresses"] == .array([
            .object(["PrivateIpAddress": .string("192.168.0.10"), "Primary": .bool(true)]),
            .object(["PrivateIpAddress": .string("192.168.0.11"), "Primary": .bool(false)]),
        ]))
        #expect(params["NetworkInterfaceDescription"] == .string("an ENI"))
        #expect(params["Tags"] == .array([.object(["Key": .string("env"), "Value": .string("prod")])]))
        #expect(result.unmapped.map(\.path) == ["DeleteOnRelease"])
        #expect(result.validation.violations.contains { $0.code == "MissingParameter" && $0.path == "VpcId" })
        let completed = try ENITranslation.translate(request, to: .tencent, assignments: [("VpcId", .string("vpc-0akbol5v"))])
        #expect(completed.validation.valid, "\(completed.validation.violations)")
        // What the assignments set is recorded as given, not translated, and names them.
        let given = try #require(completed.mappings.first { $0.to == "VpcId" })
        #expect(given.from == ENITranslation.Mapping.given && given.note?.subjects == [.setParam])
        // A bad assignment is located by the assignments, not by a file.
        let error = try #require(LibraryWordingTests.failure { () throws(SigScopeError) in
            _ = try ENITranslation.translate(request, to: .tencent, assignments: [("Tags.2.Key", .string("x"))])
        })
        #expect(error.source == nil && error.subject == .setParam && error.description.hasPrefix("the assignments: "), "\(error.description)")
    }

    @Test("a description too long for Tencent (61 characters) is carried and reported by Tencent's rules, not cut")
    func lengthRules() throws {
        let long = String(repeating: "d", count: 61)
        let request = APIRequest(provider: .aliyun, params: ["RegionId": .string("cn-beijing"), "VSwitchId": .string("vsw-1"), "SecurityGroupId": .string("sg-1"),
                                                             "NetworkInterfaceName": .string("n1"), "Description": .string(.init(long))])
        let result = try ENITranslation.translate(request, to: .tencent, assignments: [("VpcId", .string("vpc-1"))])
        #expect(result.request.params["NetworkInterfaceDescription"] == .string(long))
        #expect(result.validation.violations.contains { $0.code == "InvalidParameterValue.TooLong" && $0.path == "NetworkInterfaceDescription" })
        // Alibaba's name rule (start with a letter) is applied to a Tencent name.
        var tencent = Self.tencent
        tencent.params["NetworkInterfaceName"] = .string("1eni")
        let toAliyun = try ENITranslation.translate(tencent, to: .aliyun, targetRegion: "cn-hangzhou")
        #expect(!toAliyun.validation.valid && toAliyun.validation.violations.contains { $0.path == "NetworkInterfaceName" })
    }

    @Test("a request of the target provider, or another action, is refused")
    func refused() {
        #expect(throws: SigScopeError(.invalidOption, "")) { try ENITranslation.translate(Self.tencent, to: .tencent) }
        #expect(throws: SigScopeError(.invalidRequest, "")) { try ENITranslation.translate(APIRequest(provider: .tencent, action: "DescribeVpcs"), to: .aliyun) }
    }
}
