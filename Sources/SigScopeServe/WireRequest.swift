import SigScope

/// What a received request asks for, read from its wire form the way each provider's
/// gateway reads it: the action, version and region, the business parameters (nested, as a
/// request file holds them, so the library's `Validator` checks them), and the answer format.
struct WireRequest: Sendable {
    /// The provider and signature scheme, as `verify` detects them.
    var signature: DetectedSignature
    /// The API action (`X-TC-Action`, `x-acs-action`, or the `Action` parameter); "" when absent.
    var action: String
    /// The API version (`X-TC-Version`, `x-acs-version`, or `Version`); nil when absent.
    var version: String?
    /// Tencent `X-TC-Region` / `Region`; Alibaba `RegionId`.
    var region: String?
    /// The business parameters, nested (flat `Name.N.Sub` names folded into lists and objects).
    var params: JSONObject
    /// Alibaba: the answer is XML (`Format=XML`, or RPC without `Format`, whose default is XML).
    var wantsXML: Bool
    /// Why the parameters could not be read (a body that is not JSON, a broken flat name); nil when they could.
    var paramsProblem: String?

    var provider: Provider { signature.provider }

    /// The parameters each scheme adds around the business ones; they are not validated.
    static let tencentCommon: Set<String> = ["Action", "Version", "Region", "Timestamp", "Nonce", "SecretId", "Signature", "SignatureMethod", "Token", "Language", "RequestClient"]
    static let aliyunCommon: Set<String> = ["Action", "Version", "Format", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "SignatureType", "Timestamp", "SecurityToken", "ResourceOwnerAccount", "OwnerAccount"]

    /// Reads `request`, whose signature was detected as `signature`.
    static func read(_ request: SentRequest, signature: DetectedSignature) -> WireRequest {
        // As the gateways decode them: `+` is a space in the query and in a form body.
        var pairs = request.queryItems(plusAsSpace: true)
        if SignatureDetector.isFormBody(request) { pairs += FormCodec.decode(request.bodyText, plusAsSpace: true) }
        func param(_ name: String) -> String? { pairs.first { $0.name == name }?.value }
        func header(_ name: String) -> String? { request.header(name).map(Self.trimmed) }
        switch signature.provider {
        case .tencent:
            var wire = WireRequest(signature: signature, action: "", version: nil, region: nil, params: JSONObject(), wantsXML: false)
            if signature.algorithm == .tc3 {
                wire.action = header("X-TC-Action") ?? ""
                wire.version = header("X-TC-Version")
                wire.region = header("X-TC-Region")
                let type = request.header("Content-Type")?.lowercased() ?? ""
                if request.method == "POST", type.hasPrefix("application/json") || (!request.body.isEmpty && !SignatureDetector.isFormBody(request)) {
                    if request.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                        wire.params = JSONObject()
                    } else {
                        do {
                            let value = try JSONParser.parse(request.body, limits: .response)
                            if let object = value.objectValue {
                                wire.params = object
                            } else {
                                wire.paramsProblem = "the body is a JSON \(value.typeName), not an object of parameters"
                            }
                        } catch {
                            wire.paramsProblem = "the body is not valid JSON: \(error.reason) (line \(error.line), column \(error.column))"
                        }
                    }
                    return wire
                }
            } else {
                wire.action = param("Action") ?? ""
                wire.version = param("Version")
                wire.region = param("Region")
            }
            wire.fold(pairs.filter { !tencentCommon.contains($0.name) }, indexBase: 0)
            return wire
        case .aliyun:
            var wire = WireRequest(signature: signature, action: "", version: nil, region: nil, params: JSONObject(), wantsXML: false)
            let format = param("Format")?.uppercased()
            if signature.algorithm == .acs3 {
                wire.action = header("x-acs-action") ?? param("Action") ?? ""
                wire.version = header("x-acs-version") ?? param("Version")
                wire.wantsXML = format == "XML"
            } else {
                wire.action = param("Action") ?? ""
                wire.version = param("Version")
                // The RPC gateway answers XML unless Format=JSON is asked for.
                wire.wantsXML = format != "JSON"
            }
            wire.fold(pairs.filter { !aliyunCommon.contains($0.name) }, indexBase: 1)
            wire.region = wire.params["RegionId"]?.stringValue
            return wire
        }
    }

    /// Folds flat wire names into nested params; a name sent twice (in the query and the form
    /// body) takes its later value, the body's, as the gateways read it.
    private mutating func fold(_ pairs: [(name: String, value: String)], indexBase: Int) {
        let assignments: [(String, JSONValue)] = pairs.map { ($0.name, .string($0.value)) }
        do {
            params = try Params.merge(assignments, into: JSONObject(), replace: true, indexBase: indexBase, source: "the request")
        } catch {
            paramsProblem = error.reason
            var flat = JSONObject()
            for (name, value) in assignments where flat[name] == nil { flat.members.append(JSONMember(name, value)) }
            params = flat
        }
    }

    /// `text` without surrounding spaces and tabs, as the gateways read header values.
    static func trimmed(_ text: String) -> String {
        var view = Substring(text)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }

    /// The request as the library's validator takes it.
    var apiRequest: APIRequest {
        APIRequest(provider: provider, action: action, region: provider == .tencent ? region : nil, params: params)
    }

    /// A parameter as text: a string as is, a number or boolean as written.
    func text(_ name: String) -> String? {
        params[name]?.scalarText
    }

    /// A list parameter's elements as text (a single value counts as a list of one).
    func texts(_ name: String) -> [String] {
        switch params[name] {
        case .array(let items)?: return items.compactMap(\.scalarText)
        case let value?: return value.scalarText.map { [$0] } ?? []
        case nil: return []
        }
    }
}
