/// The success response of Alibaba Cloud ECS `CreateNetworkInterface` (version 2014-05-26),
/// from XML (`<CreateNetworkInterfaceResponse>…`) or JSON alike.
///
/// Fields follow the current response model (the ECS SDK's
/// `CreateNetworkInterfaceResponseBody`); the 2019 document returned only `RequestId` and
/// `NetworkInterfaceId`, which decodes too. Wrapped lists (`SecurityGroupIds.SecurityGroupId[]`)
/// become plain arrays, and integers and booleans are typed also when they came from XML.
/// Fields the model does not know are kept in `additionalFields`.
public struct AliyunCreateNetworkInterfaceResult: Sendable, Equatable {
    /// `RequestId`.
    public var requestId: String?
    /// `NetworkInterfaceId`. The API document says to retry when it is empty.
    public var networkInterfaceId: String?
    /// `Status`, e.g. `Available`.
    public var status: String?
    /// `Type`: `Secondary` or `Trunk`.
    public var type: String?
    /// `VpcId`.
    public var vpcId: String?
    /// `VSwitchId`.
    public var vSwitchId: String?
    /// `ZoneId`.
    public var zoneId: String?
    /// `PrivateIpAddress`: the primary private IP.
    public var privateIpAddress: String?
    /// `MacAddress`.
    public var macAddress: String?
    /// `NetworkInterfaceName`.
    public var networkInterfaceName: String?
    /// `Description`.
    public var description: String?
    /// `ResourceGroupId`.
    public var resourceGroupId: String?
    /// `OwnerId` (a string in the model).
    public var ownerId: String?
    /// `ServiceID` (note the capital `ID`): the ID of the service that manages the ENI.
    public var serviceID: Int64?
    /// `ServiceManaged`: whether a service manages the ENI.
    public var serviceManaged: Bool?
    /// `SourceDestCheck`: whether source/destination checking is enabled.
    public var sourceDestCheck: Bool?
    /// `SecurityGroupIds.SecurityGroupId[]`.
    public var securityGroupIds: [String]
    /// `PrivateIpSets.PrivateIpSet[]`.
    public var privateIpSets: [PrivateIpSet]
    /// The `Ipv6Address` of each `Ipv6Sets.Ipv6Set[]` (its `Primary` flag, when sent, is a boolean in `fields`).
    public var ipv6Addresses: [String]
    /// The `Ipv4Prefix` of each `Ipv4PrefixSets.Ipv4PrefixSet[]`.
    public var ipv4Prefixes: [String]
    /// The `Ipv6Prefix` of each `Ipv6PrefixSets.Ipv6PrefixSet[]`.
    public var ipv6Prefixes: [String]
    /// `Tags.Tag[]`.
    public var tags: [Tag]
    /// Every member other than `RequestId`, with the model's types and lists unwrapped, in the body's order.
    public var fields: JSONObject
    /// Members the model does not know.
    public var additionalFields: JSONObject

    /// One private IP (`PrivateIpSet`).
    public struct PrivateIpSet: Sendable, Equatable {
        /// `PrivateIpAddress`.
        public var privateIpAddress: String?
        /// `Primary`.
        public var primary: Bool?

        /// Creates a private IP.
        public init(privateIpAddress: String?, primary: Bool?) {
            self.privateIpAddress = privateIpAddress
            self.primary = primary
        }
    }

    /// A tag (`Tag`).
    public struct Tag: Sendable, Equatable {
        /// `TagKey`.
        public var tagKey: String?
        /// `TagValue`.
        public var tagValue: String?

        /// Creates a tag.
        public init(tagKey: String?, tagValue: String?) {
            self.tagKey = tagKey
            self.tagValue = tagValue
        }
    }

    // MARK: - Model

    static let privateIpSetModel = ResponseObjectModel("PrivateIpSet", [("PrivateIpAddress", .string), ("Primary", .boolean)])
    // The SDK's Ipv6Set lists only Ipv6Address; a `Primary` flag there is typed as PrivateIpSet's
    // is, so an XML `<Primary>true</Primary>` decodes to a boolean, never to the text "true".
    static let ipv6SetModel = ResponseObjectModel("Ipv6Set", [("Ipv6Address", .string), ("Primary", .boolean)])
    static let ipv4PrefixSetModel = ResponseObjectModel("Ipv4PrefixSet", [("Ipv4Prefix", .string)])
    static let ipv6PrefixSetModel = ResponseObjectModel("Ipv6PrefixSet", [("Ipv6Prefix", .string)])
    static let tagModel = ResponseObjectModel("Tag", [("TagKey", .string), ("TagValue", .string)])

    /// The response body, `RequestId` included, in the model's order.
    static let model = ResponseObjectModel("CreateNetworkInterfaceResponse", [
        ("RequestId", .string), ("NetworkInterfaceId", .string), ("Status", .string), ("Type", .string),
        ("VpcId", .string), ("VSwitchId", .string), ("ZoneId", .string), ("PrivateIpAddress", .string),
        ("MacAddress", .string), ("NetworkInterfaceName", .string), ("Description", .string),
        ("ResourceGroupId", .string), ("OwnerId", .string), ("ServiceID", .integer), ("ServiceManaged", .boolean),
        ("SourceDestCheck", .boolean),
        ("SecurityGroupIds", .list(.string, wrapper: "SecurityGroupId")),
        ("PrivateIpSets", .list(.object(privateIpSetModel), wrapper: "PrivateIpSet")),
        ("Ipv6Sets", .list(.object(ipv6SetModel), wrapper: "Ipv6Set")),
        ("Ipv4PrefixSets", .list(.object(ipv4PrefixSetModel), wrapper: "Ipv4PrefixSet")),
        ("Ipv6PrefixSets", .list(.object(ipv6PrefixSetModel), wrapper: "Ipv6PrefixSet")),
        ("Tags", .list(.object(tagModel), wrapper: "Tag")),
    ])

    /// Whether `body`'s members all belong to this model and include `NetworkInterfaceId`:
    /// how a JSON body, which does not name its action, is recognised.
    static func matches(_ body: JSONObject) -> Bool {
        body["NetworkInterfaceId"] != nil && body.members.allSatisfy { model.type(of: $0.key) != nil }
    }

    /// Decodes a success body (its members, `RequestId` included).
    static func decode(body: JSONObject, typing: inout ResponseTyping) -> AliyunCreateNetworkInterfaceResult {
        var fields = typing.object(body, model: model, path: "")
        let requestId = fields.typedString("RequestId")
        fields["RequestId"] = nil
        return AliyunCreateNetworkInterfaceResult(
            requestId: requestId,
            networkInterfaceId: fields.typedString("NetworkInterfaceId"),
            status: fields.typedString("Status"),
            type: fields.typedString("Type"),
            vpcId: fields.typedString("VpcId"),
            vSwitchId: fields.typedString("VSwitchId"),
            zoneId: fields.typedString("ZoneId"),
            privateIpAddress: fields.typedString("PrivateIpAddress"),
            macAddress: fields.typedString("MacAddress"),
            networkInterfaceName: fields.typedString("NetworkInterfaceName"),
            description: fields.typedString("Description"),
            resourceGroupId: fields.typedString("ResourceGroupId"),
            ownerId: fields.typedString("OwnerId"),
            serviceID: fields.typedInteger("ServiceID"),
            serviceManaged: fields.typedBool("ServiceManaged"),
            sourceDestCheck: fields.typedBool("SourceDestCheck"),
            securityGroupIds: fields.typedStrings("SecurityGroupIds"),
            privateIpSets: fields.typedObjects("PrivateIpSets").map { PrivateIpSet(privateIpAddress: $0.typedString("PrivateIpAddress"), primary: $0.typedBool("Primary")) },
            ipv6Addresses: fields.typedObjects("Ipv6Sets").compactMap { $0.typedString("Ipv6Address") },
            ipv4Prefixes: fields.typedObjects("Ipv4PrefixSets").compactMap { $0.typedString("Ipv4Prefix") },
            ipv6Prefixes: fields.typedObjects("Ipv6PrefixSets").compactMap { $0.typedString("Ipv6Prefix") },
            tags: fields.typedObjects("Tags").map { Tag(tagKey: $0.typedString("TagKey"), tagValue: $0.typedString("TagValue")) },
            fields: fields,
            additionalFields: fields.unknownMembers(model)
        )
    }
}
