import SigScope

/// The bodies each provider answers with: success and error envelopes in the provider's own
/// shape (Tencent `{"Response": {…, "RequestId"}}` with HTTP 200 even for errors; Alibaba a
/// flat object with `RequestId`, or XML, with the error's HTTP status), and the ENI items of
/// its response models.
enum ProviderBodies {
    /// A rendered answer: status, content type and bytes.
    struct Body: Sendable {
        var status: Int
        var contentType: String
        var bytes: [UInt8]
    }

    // MARK: - Envelopes

    /// A success: Tencent wraps `fields` in `Response` with `RequestId` last; Alibaba puts `RequestId` first.
    static func success(_ provider: Provider, action: String, fields: JSONObject, requestId: String, xml: Bool) -> Body {
        switch provider {
        case .tencent:
            var response = fields
            response.members.append(JSONMember("RequestId", .string(requestId)))
            return Body(status: 200, contentType: "application/json", bytes: JSONWriter.compact.bytes(.object(["Response": .object(response)])))
        case .aliyun:
            var body = JSONObject([JSONMember("RequestId", .string(requestId))])
            body.members += fields.members
            if xml {
                return Body(status: 200, contentType: "text/xml;charset=utf-8", bytes: Array(XMLBody.document(root: action + "Response", body).utf8))
            }
            return Body(status: 200, contentType: "application/json;charset=utf-8", bytes: JSONWriter.compact.bytes(.object(body)))
        }
    }

    /// An API error in the provider's envelope. Tencent answers HTTP 200 (its SDKs read
    /// `Response.Error` only from a 200); Alibaba answers `status` with `Recommend` as its gateway writes it.
    static func error(_ provider: Provider, code: String, message: String, status: Int, requestId: String, hostId: String, xml: Bool) -> Body {
        switch provider {
        case .tencent:
            let body: JSONValue = .object(["Response": .object([
                "Error": .object(["Code": .string(code), "Message": .string(message)]),
                "RequestId": .string(requestId),
            ])])
            return Body(status: 200, contentType: "application/json", bytes: JSONWriter.compact.bytes(body))
        case .aliyun:
            let recommend = "https://api.aliyun.com/troubleshoot?q=\(code)&product=Ecs&requestId=\(requestId)"
            let fields = JSONObject([
                JSONMember("RequestId", .string(requestId)), JSONMember("HostId", .string(hostId)),
                JSONMember("Code", .string(code)), JSONMember("Message", .string(message)), JSONMember("Recommend", .string(recommend)),
            ])
            if xml {
                return Body(status: status, contentType: "text/xml;charset=utf-8", bytes: Array(XMLBody.document(root: "Error", fields).utf8))
            }
            return Body(status: status, contentType: "application/json;charset=utf-8", bytes: JSONWriter.compact.bytes(.object(fields)))
        }
    }

    /// The documented HTTP status of an Alibaba code (the error catalog's), else 400.
    static func aliyunStatus(_ code: String) -> Int {
        ErrorCatalog.lookup(provider: .aliyun, code: code)?.entry.httpStatus ?? 400
    }

    // MARK: - ENI items

    /// Tencent's `NetworkInterface` data type (CreateNetworkInterface's result and each
    /// DescribeNetworkInterfaces item), field order as the API's example response.
    static func tencentInterface(_ eni: NetworkInterfaceRecord, state: String) -> JSONObject {
        if let listed = eni.listed { return listed }
        let ips: [JSONValue] = eni.privateIPs.map { ip in
            .object([
                "AddressId": .string(""), "Description": .string(""), "IsWanIpBlocked": .bool(false), "Primary": .bool(ip.primary),
                "PrivateIpAddress": .string(ip.address), "PublicIpAddress": .string(""), "QosLevel": .string("PT"), "State": .string(state),
            ])
        }
        return [
            "AttachType": .number("0"), "Attachment": .null, "Business": .string("cvm"), "CdcId": .string(""),
            "CreatedTime": .string(tencentTime(eni.created)), "EniType": .number("0"), "GroupSet": .array(eni.securityGroupIds.map { .string($0) }),
            "Ipv6AddressSet": .array([]), "MacAddress": .string(eni.macAddress), "NetworkInterfaceDescription": .string(eni.description),
            "NetworkInterfaceId": .string(eni.id), "NetworkInterfaceName": .string(eni.name), "Primary": .bool(false),
            "PrivateIpAddressSet": .array(ips), "QosLevel": .string("PT"), "ResourceId": .string(""), "State": .string(state),
            "SubnetId": .string(eni.subnetId), "TagSet": .array(eni.tags.map { .object(["Key": .string($0.key), "Value": .string($0.value)]) }),
            "VpcId": .string(eni.vpcId), "Zone": .string(eni.zone),
        ]
    }

    /// Alibaba's CreateNetworkInterface response fields (the SDK model's wire keys, lists in
    /// their wrapper objects), without `RequestId`.
    static func aliyunCreated(_ eni: NetworkInterfaceRecord) -> JSONObject {
        var fields = aliyunCommonFields(eni)
        fields.members.insert(JSONMember("NetworkInterfaceId", .string(eni.id)), at: 0)
        fields.members += [JSONMember("ServiceID", .number("0")), JSONMember("ServiceManaged", .bool(false)), JSONMember("SourceDestCheck", .bool(false))]
        return fields
    }

    /// One `NetworkInterfaceSets.NetworkInterfaceSet` item of Alibaba's DescribeNetworkInterfaces.
    static func aliyunListed(_ eni: NetworkInterfaceRecord) -> JSONObject {
        if let listed = eni.listed { return listed }
        var fields = aliyunCommonFields(eni)
        fields.members.insert(JSONMember("NetworkInterfaceId", .string(eni.id)), at: 0)
        fields.members += [JSONMember("CreationTime", .string(aliyunTime(eni.created))), JSONMember("InstanceId", .string("")), JSONMember("ServiceManaged", .bool(false))]
        return fields
    }

    private static func aliyunCommonFields(_ eni: NetworkInterfaceRecord) -> JSONObject {
        let primary = eni.privateIPs.first { $0.primary }?.address ?? eni.privateIPs.first?.address ?? ""
        return [
            "Status": .string("Available"), "Type": .string("Secondary"), "VpcId": .string(eni.vpcId), "VSwitchId": .string(eni.subnetId),
            "ZoneId": .string(eni.zone), "PrivateIpAddress": .string(primary), "MacAddress": .string(eni.macAddress),
            "NetworkInterfaceName": .string(eni.name), "Description": .string(eni.description), "ResourceGroupId": .string(""), "OwnerId": .string(""),
            "SecurityGroupIds": .object(["SecurityGroupId": .array(eni.securityGroupIds.map { .string($0) })]),
            "PrivateIpSets": .object(["PrivateIpSet": .array(eni.privateIPs.map { .object(["PrivateIpAddress": .string($0.address), "Primary": .bool($0.primary)]) })]),
            "Ipv6Sets": .object(["Ipv6Set": .array([])]),
            "Ipv4PrefixSets": .object(["Ipv4PrefixSet": .array([])]),
            "Ipv6PrefixSets": .object(["Ipv6PrefixSet": .array([])]),
            "Tags": .object(["Tag": .array(eni.tags.map { .object(["TagKey": .string($0.key), "TagValue": .string($0.value)]) })]),
        ]
    }

    /// `YYYY-MM-DD hh:mm:ss`, Tencent's CreatedTime (Beijing time, UTC+8, as the console shows it).
    static func tencentTime(_ t: Timestamp) -> String {
        let shifted = Timestamp(unixSeconds: t.unixSeconds + 8 * 3600).iso8601
        return String(shifted.prefix(10)) + " " + String(shifted.dropFirst(11).prefix(8))
    }

    /// `yyyy-MM-ddTHH:mm:ssZ`, Alibaba's CreationTime (UTC).
    static func aliyunTime(_ t: Timestamp) -> String { t.iso8601 }
}

/// Alibaba's XML form of a JSON body: each member an element; a list repeats its element
/// under the member's name (`{"SecurityGroupIds": {"SecurityGroupId": ["a", "b"]}}` becomes
/// `<SecurityGroupIds><SecurityGroupId>a</SecurityGroupId><SecurityGroupId>b</SecurityGroupId></SecurityGroupIds>`).
enum XMLBody {
    static func document(root: String, _ object: JSONObject) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><\(root)>"
        for member in object { element(member.key, member.value, into: &out) }
        out += "</\(root)>"
        return out
    }

    private static func element(_ name: String, _ value: JSONValue, into out: inout String) {
        switch value {
        case .array(let items):
            for item in items { element(name, item, into: &out) }
        case .object(let object):
            out += "<\(name)>"
            for member in object { element(member.key, member.value, into: &out) }
            out += "</\(name)>"
        case .null:
            out += "<\(name)/>"
        default:
            out += "<\(name)>" + escape(value.scalarText ?? "") + "</\(name)>"
        }
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
