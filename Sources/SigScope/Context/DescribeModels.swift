/// The response models of the Describe* actions a context is made from, with the
/// providers' own field names and types.
///
/// Sources: the official SDKs' response models — `tencentcloud-sdk-python-vpc` 3.1.193
/// (`tencentcloud/vpc/v20170312/models.py`: `Vpc`, `Subnet`, `SecurityGroup`,
/// `NetworkInterface`, `VpcLimit` and the `Describe*Response` classes) and
/// `alibabacloud-ecs20140526` 7.11.8 / `alibabacloud-vpc20160428` 7.2.2
/// (`Describe*ResponseBody` classes) — checked against the providers' API pages.
/// Fields a model does not list pass through unchanged.
package enum DescribeModels {
    /// The Describe* actions a context reads, per provider.
    package static func actions(for provider: Provider) -> [String] {
        switch provider {
        case .tencent: return tencent.map(\.action)
        case .aliyun: return aliyun.map(\.action)
        }
    }

    /// One action's model: the members of Tencent's `Response` or of Alibaba's body
    /// (`RequestId` aside), and the member whose presence tells the action from an
    /// unnamed JSON body.
    struct Entry: Sendable {
        let action: String
        let marker: String
        let model: ResponseObjectModel
    }

    /// The model of `action` (matched ignoring case), nil for an action without one.
    static func entry(provider: Provider, action: String) -> Entry? {
        let lower = action.lowercased()
        switch provider {
        case .tencent: return tencent.first { $0.action.lowercased() == lower }
        case .aliyun: return aliyun.first { $0.action.lowercased() == lower }
        }
    }

    /// The action whose marker member `body` has, for a body that does not name its action.
    static func infer(provider: Provider, body: JSONObject) -> String? {
        let entries = provider == .tencent ? tencent : aliyun
        return entries.first { body[$0.marker] != nil }?.action
    }

    // MARK: - Tencent Cloud VPC 2017-03-12

    static let tcTag = TencentCreateNetworkInterfaceResult.tagModel

    static let tcVpc = ResponseObjectModel("Vpc", [
        ("VpcName", .string), ("VpcId", .string), ("CidrBlock", .string), ("IsDefault", .boolean),
        ("EnableMulticast", .boolean), ("CreatedTime", .string), ("DnsServerSet", .list(.string, wrapper: nil)),
        ("DomainName", .string), ("DhcpOptionsId", .string), ("EnableDhcp", .boolean), ("Ipv6CidrBlock", .string),
        ("TagSet", .list(.object(tcTag), wrapper: nil)),
        ("AssistantCidrSet", .list(.object(ResponseObjectModel("AssistantCidr", [("VpcId", .string), ("CidrBlock", .string), ("AssistantType", .integer)])), wrapper: nil)),
        ("EnableRouteVpcPublish", .boolean), ("EnableRouteVpcPublishIpv6", .boolean), ("StackType", .string),
    ])

    static let tcSubnet = ResponseObjectModel("Subnet", [
        ("VpcId", .string), ("SubnetId", .string), ("SubnetName", .string), ("CidrBlock", .string),
        ("IsDefault", .boolean), ("EnableBroadcast", .boolean), ("Zone", .string), ("RouteTableId", .string),
        ("CreatedTime", .string), ("AvailableIpAddressCount", .integer), ("Ipv6CidrBlock", .string),
        ("NetworkAclId", .string), ("IsRemoteVpcSnat", .boolean), ("TotalIpAddressCount", .integer),
        ("TagSet", .list(.object(tcTag), wrapper: nil)), ("CdcId", .string), ("IsCdcSubnet", .integer), ("StackType", .string),
    ])

    static let tcSecurityGroup = ResponseObjectModel("SecurityGroup", [
        ("SecurityGroupId", .string), ("SecurityGroupName", .string), ("SecurityGroupDesc", .string),
        ("ProjectId", .string), ("IsDefault", .boolean), ("CreatedTime", .string),
        ("TagSet", .list(.object(tcTag), wrapper: nil)), ("UpdateTime", .string),
    ])

    static let tcVpcLimit = ResponseObjectModel("VpcLimit", [("LimitType", .string), ("LimitValue", .integer)])

    static let tencent: [Entry] = [
        Entry(action: "DescribeVpcs", marker: "VpcSet", model: ResponseObjectModel("DescribeVpcsResponse", [
            ("TotalCount", .integer), ("VpcSet", .list(.object(tcVpc), wrapper: nil)),
        ])),
        Entry(action: "DescribeSubnets", marker: "SubnetSet", model: ResponseObjectModel("DescribeSubnetsResponse", [
            ("TotalCount", .integer), ("SubnetSet", .list(.object(tcSubnet), wrapper: nil)), ("NextToken", .string),
        ])),
        Entry(action: "DescribeSecurityGroups", marker: "SecurityGroupSet", model: ResponseObjectModel("DescribeSecurityGroupsResponse", [
            ("SecurityGroupSet", .list(.object(tcSecurityGroup), wrapper: nil)), ("TotalCount", .integer),
        ])),
        Entry(action: "DescribeNetworkInterfaces", marker: "NetworkInterfaceSet", model: ResponseObjectModel("DescribeNetworkInterfacesResponse", [
            ("NetworkInterfaceSet", .list(.object(TencentCreateNetworkInterfaceResult.networkInterfaceModel), wrapper: nil)), ("TotalCount", .integer),
        ])),
        Entry(action: "DescribeNetworkInterfaceLimit", marker: "EniPrivateIpAddressQuantity", model: ResponseObjectModel("DescribeNetworkInterfaceLimitResponse", [
            ("EniQuantity", .integer), ("EniPrivateIpAddressQuantity", .integer), ("ExtendEniQuantity", .integer),
            ("ExtendEniPrivateIpAddressQuantity", .integer), ("SubEniQuantity", .integer), ("SubEniPrivateIpAddressQuantity", .integer),
        ])),
        Entry(action: "DescribeVpcLimits", marker: "VpcLimitSet", model: ResponseObjectModel("DescribeVpcLimitsResponse", [
            ("VpcLimitSet", .list(.object(tcVpcLimit), wrapper: nil)),
        ])),
    ]

    // MARK: - Alibaba Cloud (VPC 2016-04-28 and ECS 2014-05-26)

    static let aliKeyValueTag = ResponseObjectModel("Tag", [("Key", .string), ("Value", .string)])
    static let aliTagKeyTag = AliyunCreateNetworkInterfaceResult.tagModel

    static let aliVpc = ResponseObjectModel("Vpc", [
        ("VpcId", .string), ("VpcName", .string), ("CidrBlock", .string), ("Ipv6CidrBlock", .string),
        ("RegionId", .string), ("Status", .string), ("IsDefault", .boolean), ("CreationTime", .string),
        ("Description", .string), ("VRouterId", .string), ("OwnerId", .integer), ("ResourceGroupId", .string),
        ("EnabledIpv6", .boolean), ("CenStatus", .string), ("DhcpOptionsSetId", .string), ("DhcpOptionsSetStatus", .string),
        ("DnsHostnameStatus", .string),
        ("VSwitchIds", .list(.string, wrapper: "VSwitchId")),
        ("SecondaryCidrBlocks", .list(.string, wrapper: "SecondaryCidrBlock")),
        ("UserCidrs", .list(.string, wrapper: "UserCidr")),
        ("NatGatewayIds", .list(.string, wrapper: "NatGatewayIds")),
        ("RouterTableIds", .list(.string, wrapper: "RouterTableIds")),
        ("Tags", .list(.object(aliKeyValueTag), wrapper: "Tag")),
    ])

    static let aliVSwitch = ResponseObjectModel("VSwitch", [
        ("VSwitchId", .string), ("VpcId", .string), ("ZoneId", .string), ("CidrBlock", .string),
        ("Ipv6CidrBlock", .string), ("AvailableIpAddressCount", .integer), ("Status", .string),
        ("IsDefault", .boolean), ("VSwitchName", .string), ("Description", .string), ("CreationTime", .string),
        ("ResourceGroupId", .string), ("NetworkAclId", .string), ("OwnerId", .integer), ("ShareType", .string),
        ("EnabledIpv6", .boolean),
        ("RouteTable", .object(ResponseObjectModel("RouteTable", [("RouteTableId", .string), ("RouteTableType", .string)]))),
        ("Tags", .list(.object(aliKeyValueTag), wrapper: "Tag")),
    ])

    static let aliSecurityGroup = ResponseObjectModel("SecurityGroup", [
        ("SecurityGroupId", .string), ("SecurityGroupName", .string), ("SecurityGroupType", .string),
        ("VpcId", .string), ("Description", .string), ("CreationTime", .string), ("ResourceGroupId", .string),
        ("EcsCount", .integer), ("AvailableInstanceAmount", .integer), ("RuleCount", .integer),
        ("GroupToGroupRuleCount", .integer), ("ServiceID", .integer), ("ServiceManaged", .boolean),
        ("Tags", .list(.object(aliTagKeyTag), wrapper: "Tag")),
    ])

    static let aliPublicIp = ResponseObjectModel("AssociatedPublicIp", [("AllocationId", .string), ("PublicIpAddress", .string)])

    static let aliNetworkInterface = ResponseObjectModel("NetworkInterfaceSet", [
        ("NetworkInterfaceId", .string), ("NetworkInterfaceName", .string), ("Status", .string), ("Type", .string),
        ("VpcId", .string), ("VSwitchId", .string), ("ZoneId", .string), ("PrivateIpAddress", .string),
        ("MacAddress", .string), ("Description", .string), ("InstanceId", .string), ("CreationTime", .string),
        ("ResourceGroupId", .string), ("OwnerId", .string), ("ServiceID", .integer), ("ServiceManaged", .boolean),
        ("SourceDestCheck", .boolean), ("DeleteOnRelease", .boolean), ("QueueNumber", .integer), ("QueuePairNumber", .integer),
        ("NetworkInterfaceTrafficMode", .string),
        ("AssociatedPublicIp", .object(aliPublicIp)),
        ("Attachment", .object(ResponseObjectModel("Attachment", [
            ("InstanceId", .string), ("DeviceIndex", .integer), ("NetworkCardIndex", .integer), ("TrunkNetworkInterfaceId", .string),
        ]))),
        ("SecurityGroupIds", .list(.string, wrapper: "SecurityGroupId")),
        ("PrivateIpSets", .list(.object(ResponseObjectModel("PrivateIpSet", [
            ("PrivateIpAddress", .string), ("Primary", .boolean), ("PrivateDnsName", .string), ("AssociatedPublicIp", .object(aliPublicIp)),
        ])), wrapper: "PrivateIpSet")),
        ("Ipv6Sets", .list(.object(ResponseObjectModel("Ipv6Set", [("Ipv6Address", .string), ("Primary", .boolean)])), wrapper: "Ipv6Set")),
        ("Ipv4PrefixSets", .list(.object(AliyunCreateNetworkInterfaceResult.ipv4PrefixSetModel), wrapper: "Ipv4PrefixSet")),
        ("Ipv6PrefixSets", .list(.object(AliyunCreateNetworkInterfaceResult.ipv6PrefixSetModel), wrapper: "Ipv6PrefixSet")),
        ("Tags", .list(.object(aliTagKeyTag), wrapper: "Tag")),
    ])

    static let aliValueItem = ResponseObjectModel("ValueItem", [
        ("Value", .string), ("Count", .integer), ("ZoneId", .string), ("ExpiredTime", .string),
        ("InstanceChargeType", .string), ("InstanceType", .string), ("DiskCategory", .string),
    ])

    static let aliPaging: [(String, ResponseFieldType)] = [("TotalCount", .integer), ("PageNumber", .integer), ("PageSize", .integer), ("NextToken", .string)]

    static let aliyun: [Entry] = [
        Entry(action: "DescribeVpcs", marker: "Vpcs", model: ResponseObjectModel("DescribeVpcsResponse", aliPaging + [
            ("Vpcs", .list(.object(aliVpc), wrapper: "Vpc")),
        ])),
        Entry(action: "DescribeVSwitches", marker: "VSwitches", model: ResponseObjectModel("DescribeVSwitchesResponse", aliPaging + [
            ("VSwitches", .list(.object(aliVSwitch), wrapper: "VSwitch")),
        ])),
        Entry(action: "DescribeSecurityGroups", marker: "SecurityGroups", model: ResponseObjectModel("DescribeSecurityGroupsResponse", aliPaging + [
            ("RegionId", .string), ("SecurityGroups", .list(.object(aliSecurityGroup), wrapper: "SecurityGroup")),
        ])),
        Entry(action: "DescribeNetworkInterfaces", marker: "NetworkInterfaceSets", model: ResponseObjectModel("DescribeNetworkInterfacesResponse", aliPaging + [
            ("NetworkInterfaceSets", .list(.object(aliNetworkInterface), wrapper: "NetworkInterfaceSet")),
        ])),
        Entry(action: "DescribeAccountAttributes", marker: "AccountAttributeItems", model: ResponseObjectModel("DescribeAccountAttributesResponse", [
            ("AccountAttributeItems", .list(.object(ResponseObjectModel("AccountAttributeItem", [
                ("AttributeName", .string), ("AttributeValues", .list(.object(aliValueItem), wrapper: "ValueItem")),
            ])), wrapper: "AccountAttributeItem")),
        ])),
    ]
}

/// A decoded Describe* success response: the action and its fields with the model's types
/// (Tencent: the members of `Response`; Alibaba: the body's members), `RequestId` aside,
/// lists as plain arrays.
public struct DescribeResult: Sendable, Equatable {
    /// The provider that answered.
    public var provider: Provider
    /// The action, as the model names it (`DescribeSubnets`).
    public var action: String
    /// The typed fields.
    public var fields: JSONObject

    /// Creates a result.
    public init(provider: Provider, action: String, fields: JSONObject) {
        self.provider = provider
        self.action = action
        self.fields = fields
    }
}
