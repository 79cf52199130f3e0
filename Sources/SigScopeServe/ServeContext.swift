import SigScope

extension ServeInventory {
    /// Adds the Describe* answers in one context document: a bare JSON body, an HTTP
    /// response as `curl -i` prints it, or a HAR file (every entry with a JSON answer).
    /// The action is the HAR entry's request's where it says, else told from the body's lists
    /// (`SubnetSet`, `VSwitches`, `NetworkInterfaceSets`, …).
    /// - Returns: notes on what was skipped (an XML or error body, an action not recognised).
    /// - Throws: `SigScopeError` when the document cannot be read at all.
    package mutating func add(document bytes: [UInt8], source: String) throws(SigScopeError) -> [String] {
        var notes: [String] = []
        var answers: [(action: String?, body: [UInt8], label: String)] = []
        let start = bytes.firstIndex { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) } ?? bytes.endIndex
        var isHAR = false
        if start < bytes.endIndex, bytes[start] == UInt8(ascii: "{"), let har = try? HARDocument.parse(bytes, source: source) {
            isHAR = true
            for entry in har.entries {
                guard let text = entry.text else { continue }
                let action = entry.requestHeaders.first { ["x-tc-action", "x-acs-action"].contains($0.name.lowercased()) }?.value
                    ?? URLQuery.value(named: "Action", in: entry.url)
                    ?? entry.requestBodyParams.first { $0.name == "Action" }?.value
                answers.append((action, Array(text.utf8), "\(source) entry \(entry.index)"))
            }
        }
        if !isHAR {
            let capture = try CapturedResponse.parse(bytes, source: source)
            answers.append((capture.request?.action, capture.body, source))
        }
        for answer in answers {
            guard let value = try? JSONParser.parse(answer.body, limits: .response), let object = value.objectValue else {
                notes.append("\(answer.label): not a JSON body (serve reads JSON Describe* answers; save Alibaba ones with Format=JSON)")
                continue
            }
            let provider: Provider = object["Response"]?.objectValue != nil ? .tencent : .aliyun
            let fields = provider == .tencent ? (object["Response"]?.objectValue ?? JSONObject()) : object
            if fields["Error"] != nil || fields["Code"] != nil {
                notes.append("\(answer.label): an error answer, skipped")
                continue
            }
            guard let action = answer.action ?? Self.action(of: fields, provider: provider) else {
                notes.append("\(answer.label): cannot tell which Describe* call this answers (name it in a HAR entry)")
                continue
            }
            ingest(provider: provider, action: action, fields: fields)
            sources.append(answer.label)
        }
        return notes
    }

    /// The Describe* action a body answers, told from its list member.
    static func action(of fields: JSONObject, provider: Provider) -> String? {
        let table: [(String, String)]
        switch provider {
        case .tencent:
            table = [("VpcSet", "DescribeVpcs"), ("SubnetSet", "DescribeSubnets"), ("SecurityGroupSet", "DescribeSecurityGroups"),
                     ("NetworkInterfaceSet", "DescribeNetworkInterfaces"), ("EniQuantity", "DescribeNetworkInterfaceLimit")]
        case .aliyun:
            table = [("Vpcs", "DescribeVpcs"), ("VSwitches", "DescribeVSwitches"), ("SecurityGroups", "DescribeSecurityGroups"),
                     ("NetworkInterfaceSets", "DescribeNetworkInterfaces"), ("AccountAttributeItems", "DescribeAccountAttributes")]
        }
        return table.first { fields[$0.0] != nil }?.1
    }

    mutating func ingest(provider: Provider, action: String, fields: JSONObject) {
        var kept = fields
        kept.members.removeAll { $0.key == "RequestId" }
        switch (provider, action) {
        case (.tencent, "DescribeNetworkInterfaces"):
            for item in fields["NetworkInterfaceSet"]?.arrayValue ?? [] {
                guard let object = item.objectValue, let id = object["NetworkInterfaceId"]?.stringValue else { continue }
                let ips = (object["PrivateIpAddressSet"]?.arrayValue ?? []).compactMap { ip -> (address: String, primary: Bool)? in
                    guard let address = ip["PrivateIpAddress"]?.stringValue else { return nil }
                    return (address, Actions.isTrue(ip["Primary"]))
                }
                interfaces.append(listedInterface(.tencent, id: id, object: object, vpc: "VpcId", subnet: "SubnetId", zone: "Zone", ips: ips))
            }
            return
        case (.aliyun, "DescribeNetworkInterfaces"):
            for item in fields["NetworkInterfaceSets"]?["NetworkInterfaceSet"]?.arrayValue ?? [] {
                guard let object = item.objectValue, let id = object["NetworkInterfaceId"]?.stringValue else { continue }
                var ips = (object["PrivateIpSets"]?["PrivateIpSet"]?.arrayValue ?? []).compactMap { ip -> (address: String, primary: Bool)? in
                    guard let address = ip["PrivateIpAddress"]?.stringValue else { return nil }
                    return (address, Actions.isTrue(ip["Primary"]))
                }
                if ips.isEmpty, let primary = object["PrivateIpAddress"]?.stringValue { ips = [(primary, true)] }
                interfaces.append(listedInterface(.aliyun, id: id, object: object, vpc: "VpcId", subnet: "VSwitchId", zone: "ZoneId", ips: ips))
            }
            return
        default:
            break
        }
        describeBodies[provider, default: [:]][action] = kept
    }

    private func listedInterface(_ provider: Provider, id: String, object: JSONObject, vpc: String, subnet: String, zone: String, ips: [(address: String, primary: Bool)]) -> NetworkInterfaceRecord {
        NetworkInterfaceRecord(provider: provider, id: id, name: object["NetworkInterfaceName"]?.stringValue ?? "", description: "",
                               vpcId: object[vpc]?.stringValue ?? "", subnetId: object[subnet]?.stringValue ?? "", zone: object[zone]?.stringValue ?? "",
                               securityGroupIds: [], privateIPs: ips, macAddress: object["MacAddress"]?.stringValue ?? "", tags: [],
                               created: Timestamp(unixSeconds: 0), listed: object)
    }
}

/// The value of one parameter in a URL's query, percent-decoded.
enum URLQuery {
    static func value(named name: String, in url: String) -> String? {
        guard let mark = url.firstIndex(of: "?") else { return nil }
        let query = String(url[url.index(after: mark)...].prefix { $0 != "#" })
        return FormCodec.decode(query, plusAsSpace: true).first { $0.name == name }?.value
    }
}
