import Foundation
import SigScope

/// Saved Describe* responses built in the providers' documented shapes (the field names of
/// tencentcloud-sdk-python-vpc 3.1.193 and alibabacloud-ecs20140526 7.11.8 /
/// alibabacloud-vpc20160428 7.2.2 response models), and the three envelopes they are saved in.
enum Fixture {
    // MARK: Envelopes

    /// The body as `curl -i` prints the response.
    static func curl(_ body: String, contentType: String = "application/json") -> String {
        "HTTP/1.1 200 OK\r\nDate: Mon, 02 Dec 2024 08:14:03 GMT\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
    }

    /// A HAR 1.2 file with one entry per `(url, body)`, plus a console page entry that is no API call.
    static func har(_ entries: [(url: String, body: String)], headers: [(String, String)] = []) -> String {
        func quote(_ s: String) -> String { JSONWriter.compact.string(.string(s)) }
        var items = [#"{"request":{"method":"GET","url":"https://console.cloud.tencent.com/vpc","headers":[]},"response":{"status":200,"statusText":"OK","headers":[],"content":{"mimeType":"text/html","text":"<!doctype html>"}}}"#]
        for entry in entries {
            let requestHeaders = headers.map { #"{"name":\#(quote($0.0)),"value":\#(quote($0.1))}"# }.joined(separator: ",")
            items.append(#"{"request":{"method":"POST","url":\#(quote(entry.url)),"headers":[\#(requestHeaders)]},"response":{"status":200,"statusText":"OK","headers":[],"content":{"mimeType":"application/json","text":\#(quote(entry.body))}}}"#)
        }
        return #"{"log":{"version":"1.2","creator":{"name":"test","version":"1"},"entries":["# + items.joined(separator: ",") + "]}}"
    }

    // MARK: Tencent (JSON only: Tencent Cloud API 3.0 answers in JSON)

    static func tencent(_ members: String) -> String {
        #"{"Response":{\#(members),"RequestId":"3c140219-cfe9-470e-b241-907877d6fb03"}}"#
    }

    static func tcSubnet(_ id: String, vpc: String = "vpc-0akbol5v", cidr: String, zone: String = "ap-guangzhou-3", available: Int? = nil) -> String {
        var fields = [#""VpcId":"\#(vpc)""#, #""SubnetId":"\#(id)""#, #""SubnetName":"s""#, #""CidrBlock":"\#(cidr)""#, #""Zone":"\#(zone)""#, #""IsDefault":false"#]
        if let available { fields.append(#""AvailableIpAddressCount":\#(available)"#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func tcSubnets(_ subnets: [String], total: Int? = nil) -> String {
        tencent(#""TotalCount":\#(total ?? subnets.count),"SubnetSet":[\#(subnets.joined(separator: ","))]"#)
    }

    static func tcVpcs(_ ids: [String]) -> String {
        tencent(#""TotalCount":\#(ids.count),"VpcSet":[\#(ids.map { #"{"VpcId":"\#($0)","VpcName":"v","CidrBlock":"172.16.0.0/16"}"# }.joined(separator: ","))]"#)
    }

    static func tcSecurityGroups(_ ids: [String]) -> String {
        tencent(#""TotalCount":\#(ids.count),"SecurityGroupSet":[\#(ids.map { #"{"SecurityGroupId":"\#($0)","SecurityGroupName":"g","IsDefault":false}"# }.joined(separator: ","))]"#)
    }

    static func tcENI(_ id: String, subnet: String = "subnet-76r802pg", vpc: String = "vpc-0akbol5v", ips: [String]) -> String {
        let set = ips.enumerated().map { #"{"PrivateIpAddress":"\#($0.element)","Primary":\#($0.offset == 0)}"# }.joined(separator: ",")
        return #"{"NetworkInterfaceId":"\#(id)","SubnetId":"\#(subnet)","VpcId":"\#(vpc)","Zone":"ap-guangzhou-3","Primary":false,"GroupSet":["sg-05bb4upy"],"PrivateIpAddressSet":[\#(set)]}"#
    }

    static func tcENIs(_ enis: [String], total: Int? = nil) -> String {
        tencent(#""TotalCount":\#(total ?? enis.count),"NetworkInterfaceSet":[\#(enis.joined(separator: ","))]"#)
    }

    static func tcVpcLimits(_ limits: [(String, Int)]) -> String {
        tencent(#""VpcLimitSet":[\#(limits.map { #"{"LimitType":"\#($0.0)","LimitValue":\#($0.1)}"# }.joined(separator: ","))]"#)
    }

    // MARK: Alibaba (JSON and XML)

    static func aliVSwitchesJSON(_ vswitches: [(id: String, vpc: String, cidr: String, zone: String, available: Int)], total: Int? = nil) -> String {
        let items = vswitches.map { #"{"VSwitchId":"\#($0.id)","VpcId":"\#($0.vpc)","CidrBlock":"\#($0.cidr)","ZoneId":"\#($0.zone)","AvailableIpAddressCount":\#($0.available),"IsDefault":false,"Status":"Available"}"# }
        return #"{"RequestId":"2D69A58F-345C-4FDE-88E4-BF5189484043","TotalCount":\#(total ?? vswitches.count),"PageNumber":1,"PageSize":10,"VSwitches":{"VSwitch":[\#(items.joined(separator: ","))]}}"#
    }

    static func aliVSwitchesXML(_ vswitches: [(id: String, vpc: String, cidr: String, zone: String, available: Int)], total: Int? = nil) -> String {
        let items = vswitches.map { "<VSwitch><VSwitchId>\($0.id)</VSwitchId><VpcId>\($0.vpc)</VpcId><CidrBlock>\($0.cidr)</CidrBlock><ZoneId>\($0.zone)</ZoneId><AvailableIpAddressCount>\($0.available)</AvailableIpAddressCount><IsDefault>false</IsDefault><Status>Available</Status></VSwitch>" }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeVSwitchesResponse><RequestId>2D69A58F-345C-4FDE-88E4-BF5189484043</RequestId><TotalCount>\(total ?? vswitches.count)</TotalCount><PageNumber>1</PageNumber><PageSize>10</PageSize><VSwitches>\(items.joined())</VSwitches></DescribeVSwitchesResponse>"
    }

    static func aliSecurityGroupsJSON(_ groups: [(id: String, vpc: String)]) -> String {
        let items = groups.map { #"{"SecurityGroupId":"\#($0.id)","VpcId":"\#($0.vpc)","SecurityGroupType":"normal","SecurityGroupName":"g"}"# }
        return #"{"RequestId":"B04B8CF3-4489-432D-83BA-6F128E4F2295","RegionId":"cn-hangzhou","TotalCount":\#(groups.count),"PageNumber":1,"PageSize":10,"SecurityGroups":{"SecurityGroup":[\#(items.joined(separator: ","))]}}"#
    }

    static func aliSecurityGroupsXML(_ groups: [(id: String, vpc: String)]) -> String {
        let items = groups.map { "<SecurityGroup><SecurityGroupId>\($0.id)</SecurityGroupId><VpcId>\($0.vpc)</VpcId><SecurityGroupType>normal</SecurityGroupType></SecurityGroup>" }
        return "<DescribeSecurityGroupsResponse><RequestId>B04B8CF3-4489-432D-83BA-6F128E4F2295</RequestId><RegionId>cn-hangzhou</RegionId><TotalCount>\(groups.count)</TotalCount><SecurityGroups>\(items.joined())</SecurityGroups></DescribeSecurityGroupsResponse>"
    }

    static func aliENIsXML(_ enis: [(id: String, vsw: String, type: String, ips: [String])], total: Int? = nil) -> String {
        let items = enis.map { eni in
            let sets = eni.ips.enumerated().map { "<PrivateIpSet><PrivateIpAddress>\($0.element)</PrivateIpAddress><Primary>\($0.offset == 0)</Primary></PrivateIpSet>" }.joined()
            return "<NetworkInterfaceSet><NetworkInterfaceId>\(eni.id)</NetworkInterfaceId><Type>\(eni.type)</Type><VpcId>vpc-bp1opxu1zkhn00gzv2xx</VpcId><VSwitchId>\(eni.vsw)</VSwitchId><ZoneId>cn-hangzhou-i</ZoneId><PrivateIpAddress>\(eni.ips.first ?? "")</PrivateIpAddress><PrivateIpSets>\(sets)</PrivateIpSets><SecurityGroupIds><SecurityGroupId>sg-bp1fg655nh68xyz9ixx</SecurityGroupId></SecurityGroupIds></NetworkInterfaceSet>"
        }
        return "<DescribeNetworkInterfacesResponse><RequestId>0C6A9B2D-14A8-4C8C-9D1E-2B6A4E3F5C71</RequestId><TotalCount>\(total ?? enis.count)</TotalCount><PageNumber>1</PageNumber><PageSize>50</PageSize><NetworkInterfaceSets>\(items.joined())</NetworkInterfaceSets></DescribeNetworkInterfacesResponse>"
    }

    static func aliAccountAttributesJSON(maxENIs: Int) -> String {
        #"{"RequestId":"8CE45CD5-31FB-47C2-959D-CA8144CE3F8A","AccountAttributeItems":{"AccountAttributeItem":[{"AttributeName":"max-elastic-network-interfaces","AttributeValues":{"ValueItem":[{"Value":"\#(maxENIs)","Count":1}]}}]}}"#
    }

    // MARK: Loading

    static func state(_ files: [(String, String)]) throws(SigScopeError) -> ContextState {
        try ContextLoader.load(files.map { ContextLoader.File(name: $0.0, bytes: Array($0.1.utf8)) })
    }

    static func loadError(_ files: [(String, String)]) -> SigScopeError? {
        do throws(SigScopeError) {
            _ = try state(files)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Requests

    static func tencentRequest(_ params: JSONObject, region: String = "ap-guangzhou") -> APIRequest {
        var base: JSONObject = ["VpcId": .string("vpc-0akbol5v"), "SubnetId": .string("subnet-76r802pg"), "NetworkInterfaceName": .string("n")]
        for member in params.members { base[member.key] = member.value }
        return APIRequest(provider: .tencent, action: "CreateNetworkInterface", region: region, params: base)
    }

    static func aliyunRequest(_ params: JSONObject) -> APIRequest {
        var base: JSONObject = ["RegionId": .string("cn-hangzhou"), "VSwitchId": .string("vsw-bp1s5fnvk4gn2tws03xx"), "SecurityGroupId": .string("sg-bp1fg655nh68xyz9ixx")]
        for member in params.members { base[member.key] = member.value }
        return APIRequest(provider: .aliyun, action: "CreateNetworkInterface", params: base)
    }
}
