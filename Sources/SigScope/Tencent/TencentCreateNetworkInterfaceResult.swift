/// The success response of Tencent Cloud VPC `CreateNetworkInterface` (version 2017-03-12):
/// `{"Response": {"NetworkInterface": {…}, "RequestId": "…"}}`.
///
/// Fields follow the API's output model (the `NetworkInterface`, `PrivateIpAddressSpecification`,
/// `Ipv6Address`, `NetworkInterfaceAttachment` and `Tag` data types). Fields the model does not
/// know are kept in `additionalFields`, never dropped.
public struct TencentCreateNetworkInterfaceResult: Sendable, Equatable {
    /// `Response.RequestId`.
    public var requestId: String?
    /// `Response.NetworkInterface`: the ENI that was created.
    public var networkInterface: NetworkInterface
    /// Members of `Response` other than `NetworkInterface` and `RequestId`.
    public var additionalFields: JSONObject

    /// An elastic network interface (the `NetworkInterface` data type).
    public struct NetworkInterface: Sendable, Equatable {
        /// `NetworkInterfaceId`, e.g. `eni-ndaunxuo`.
        public var networkInterfaceId: String?
        /// `NetworkInterfaceName`.
        public var networkInterfaceName: String?
        /// `NetworkInterfaceDescription`.
        public var networkInterfaceDescription: String?
        /// `SubnetId`.
        public var subnetId: String?
        /// `VpcId`.
        public var vpcId: String?
        /// `GroupSet`: the bound security group IDs.
        public var groupSet: [String]
        /// `Primary`: whether this is the instance's primary ENI.
        public var primary: Bool?
        /// `MacAddress`.
        public var macAddress: String?
        /// `State`: `PENDING`, `AVAILABLE`, `ATTACHING`, `DETACHING` or `DELETING`.
        public var state: String?
        /// `NetworkInterfaceState`: as `State`, plus `INUSE`.
        public var networkInterfaceState: String?
        /// `PrivateIpAddressSet`: the private IPv4 addresses.
        public var privateIpAddressSet: [PrivateIpAddressSpecification]
        /// `Attachment`: the instance the ENI is attached to; nil when null (not attached) or absent.
        public var attachment: Attachment?
        /// `Zone`.
        public var zone: String?
        /// `CreatedTime`, `YYYY-MM-DD hh:mm:ss`.
        public var createdTime: String?
        /// `Ipv6AddressSet`.
        public var ipv6AddressSet: [Ipv6Address]
        /// `TagSet`: the tags that were added successfully.
        public var tagSet: [Tag]
        /// `EniType`: 0 secondary ENI, 1 primary ENI, 2 trunk ENI.
        public var eniType: Int64?
        /// `Business`: `cvm`, `eks` or `hai`.
        public var business: String?
        /// `CdcId`: the CDC instance ID.
        public var cdcId: String?
        /// `AttachType`: 0 standard, 1 extended.
        public var attachType: Int64?
        /// `ResourceId`.
        public var resourceId: String?
        /// `QosLevel`: `PT`, `AU`, `AG` or `DEFAULT`.
        public var qosLevel: String?
        /// Every member as decoded, with the model's types, in the body's order (unknown ones included).
        public var fields: JSONObject
        /// Members the model does not know, as they came.
        public var additionalFields: JSONObject
    }

    /// One private IPv4 address (the `PrivateIpAddressSpecification` data type).
    public struct PrivateIpAddressSpecification: Sendable, Equatable {
        /// `PrivateIpAddress`.
        public var privateIpAddress: String?
        /// `Primary`.
        public var primary: Bool?
        /// `PublicIpAddress`.
        public var publicIpAddress: String?
        /// `AddressId`: the EIP ID.
        public var addressId: String?
        /// `Description`.
        public var description: String?
        /// `IsWanIpBlocked`.
        public var isWanIpBlocked: Bool?
        /// `State`: `PENDING`, `MIGRATING`, `DELETING` or `AVAILABLE`.
        public var state: String?
        /// `QosLevel`.
        public var qosLevel: String?
        /// Members the model does not know.
        public var additionalFields: JSONObject
    }

    /// One IPv6 address (the `Ipv6Address` data type).
    public struct Ipv6Address: Sendable, Equatable {
        /// `Address`.
        public var address: String?
        /// `Primary`.
        public var primary: Bool?
        /// `AddressId`.
        public var addressId: String?
        /// `Description`.
        public var description: String?
        /// `IsWanIpBlocked`.
        public var isWanIpBlocked: Bool?
        /// `State`.
        public var state: String?
        /// `PublicIpAddress`.
        public var publicIpAddress: String?
        /// `AddressType`.
        public var addressType: String?
        /// Members the model does not know.
        public var additionalFields: JSONObject
    }

    /// Where the ENI is attached (the `NetworkInterfaceAttachment` data type).
    public struct Attachment: Sendable, Equatable {
        /// `InstanceId`.
        public var instanceId: String?
        /// `DeviceIndex`.
        public var deviceIndex: Int64?
        /// `InstanceAccountId`.
        public var instanceAccountId: String?
        /// `AttachTime`.
        public var attachTime: String?
        /// Members the model does not know.
        public var additionalFields: JSONObject
    }

    /// A tag (the `Tag` data type).
    public struct Tag: Sendable, Equatable {
        /// `Key`.
        public var key: String?
        /// `Value`.
        public var value: String?

        /// Creates a tag.
        public init(key: String?, value: String?) {
            self.key = key
            self.value = value
        }
    }

    // MARK: - Model

    static let tagModel = ResponseObjectModel("Tag", [("Key", .string), ("Value", .string)])

    static let privateIpModel = ResponseObjectModel("PrivateIpAddressSpecification", [
        ("PrivateIpAddress", .string), ("Primary", .boolean), ("PublicIpAddress", .string), ("AddressId", .string),
        ("Description", .string), ("IsWanIpBlocked", .boolean), ("State", .string), ("QosLevel", .string),
    ])

    static let ipv6Model = ResponseObjectModel("Ipv6Address", [
        ("Address", .string), ("Primary", .boolean), ("AddressId", .string), ("Description", .string),
        ("IsWanIpBlocked", .boolean), ("State", .string), ("PublicIpAddress", .string), ("AddressType", .string),
    ])

    static let attachmentModel = ResponseObjectModel("NetworkInterfaceAttachment", [
        ("InstanceId", .string), ("DeviceIndex", .integer), ("InstanceAccountId", .string), ("AttachTime", .string),
    ])

    /// The `NetworkInterface` data type, in the API document's order.
    static let networkInterfaceModel = ResponseObjectModel("NetworkInterface", [
        ("NetworkInterfaceId", .string), ("NetworkInterfaceName", .string), ("NetworkInterfaceDescription", .string),
        ("SubnetId", .string), ("VpcId", .string), ("GroupSet", .list(.string, wrapper: nil)), ("Primary", .boolean),
        ("MacAddress", .string), ("State", .string), ("NetworkInterfaceState", .string),
        ("PrivateIpAddressSet", .list(.object(privateIpModel), wrapper: nil)), ("Attachment", .object(attachmentModel)),
        ("Zone", .string), ("CreatedTime", .string), ("Ipv6AddressSet", .list(.object(ipv6Model), wrapper: nil)),
        ("TagSet", .list(.object(tagModel), wrapper: nil)), ("EniType", .integer), ("Business", .string),
        ("CdcId", .string), ("AttachType", .integer), ("ResourceId", .string), ("QosLevel", .string),
    ])

    /// Decodes the `Response` object of a success.
    /// - Throws: `SigScopeError.undecodable` when `NetworkInterface` is missing or not an object.
    static func decode(response: JSONObject, typing: inout ResponseTyping, source: String?) throws(SigScopeError) -> TencentCreateNetworkInterfaceResult {
        guard let raw = response["NetworkInterface"] else {
            let keys = response.keys.joined(separator: ", ")
            throw SigScopeError(.undecodable, "this is not a CreateNetworkInterface success response: Response has no NetworkInterface (it has \(keys.isEmpty ? "no members" : keys)); if another action was called, give it as \(.action)", source: source)
        }
        guard let object = raw.objectValue else {
            throw SigScopeError(.undecodable, "Response.NetworkInterface is \(raw.typeName), not an object as CreateNetworkInterface returns", source: source)
        }
        let fields = typing.object(object, model: networkInterfaceModel, path: "NetworkInterface")
        var rest = response
        rest["NetworkInterface"] = nil
        rest["RequestId"] = nil
        return TencentCreateNetworkInterfaceResult(
            requestId: response["RequestId"]?.stringValue,
            networkInterface: NetworkInterface(fields: fields),
            additionalFields: rest
        )
    }
}

extension TencentCreateNetworkInterfaceResult.NetworkInterface {
    /// Reads the typed members of `fields` (already typed by the model).
    init(fields: JSONObject) {
        let model = TencentCreateNetworkInterfaceResult.networkInterfaceModel
        self.init(
            networkInterfaceId: fields.typedString("NetworkInterfaceId"),
            networkInterfaceName: fields.typedString("NetworkInterfaceName"),
            networkInterfaceDescription: fields.typedString("NetworkInterfaceDescription"),
            subnetId: fields.typedString("SubnetId"),
            vpcId: fields.typedString("VpcId"),
            groupSet: fields.typedStrings("GroupSet"),
            primary: fields.typedBool("Primary"),
            macAddress: fields.typedString("MacAddress"),
            state: fields.typedString("State"),
            networkInterfaceState: fields.typedString("NetworkInterfaceState"),
            privateIpAddressSet: fields.typedObjects("PrivateIpAddressSet").map(TencentCreateNetworkInterfaceResult.PrivateIpAddressSpecification.init(fields:)),
            attachment: fields["Attachment"]?.objectValue.map(TencentCreateNetworkInterfaceResult.Attachment.init(fields:)),
            zone: fields.typedString("Zone"),
            createdTime: fields.typedString("CreatedTime"),
            ipv6AddressSet: fields.typedObjects("Ipv6AddressSet").map(TencentCreateNetworkInterfaceResult.Ipv6Address.init(fields:)),
            tagSet: fields.typedObjects("TagSet").map { TencentCreateNetworkInterfaceResult.Tag(key: $0.typedString("Key"), value: $0.typedString("Value")) },
            eniType: fields.typedInteger("EniType"),
            business: fields.typedString("Business"),
            cdcId: fields.typedString("CdcId"),
            attachType: fields.typedInteger("AttachType"),
            resourceId: fields.typedString("ResourceId"),
            qosLevel: fields.typedString("QosLevel"),
            fields: fields,
            additionalFields: fields.unknownMembers(model)
        )
    }
}

extension TencentCreateNetworkInterfaceResult.PrivateIpAddressSpecification {
    init(fields: JSONObject) {
        self.init(
            privateIpAddress: fields.typedString("PrivateIpAddress"),
            primary: fields.typedBool("Primary"),
            publicIpAddress: fields.typedString("PublicIpAddress"),
            addressId: fields.typedString("AddressId"),
            description: fields.typedString("Description"),
            isWanIpBlocked: fields.typedBool("IsWanIpBlocked"),
            state: fields.typedString("State"),
            qosLevel: fields.typedString("QosLevel"),
            additionalFields: fields.unknownMembers(TencentCreateNetworkInterfaceResult.privateIpModel)
        )
    }
}

extension TencentCreateNetworkInterfaceResult.Ipv6Address {
    init(fields: JSONObject) {
        self.init(
            address: fields.typedString("Address"),
            primary: fields.typedBool("Primary"),
            addressId: fields.typedString("AddressId"),
            description: fields.typedString("Description"),
            isWanIpBlocked: fields.typedBool("IsWanIpBlocked"),
            state: fields.typedString("State"),
            publicIpAddress: fields.typedString("PublicIpAddress"),
            addressType: fields.typedString("AddressType"),
            additionalFields: fields.unknownMembers(TencentCreateNetworkInterfaceResult.ipv6Model)
        )
    }
}

extension TencentCreateNetworkInterfaceResult.Attachment {
    init(fields: JSONObject) {
        self.init(
            instanceId: fields.typedString("InstanceId"),
            deviceIndex: fields.typedInteger("DeviceIndex"),
            instanceAccountId: fields.typedString("InstanceAccountId"),
            attachTime: fields.typedString("AttachTime"),
            additionalFields: fields.unknownMembers(TencentCreateNetworkInterfaceResult.attachmentModel)
        )
    }
}
