/// Decodes captured responses (a bare JSON or XML body, an HTTP response as `curl -i`
/// prints it, or a HAR 1.2 file) into a typed result or a typed API error.
///
/// The provider and action are taken from the arguments when given, else from the HAR
/// entry's request, else from the body itself. `CreateNetworkInterface` of both providers
/// decodes through a typed model; any other action decodes generically (outcome, request
/// id, error, or the raw field tree). An error body never decodes as a success.
public enum ResponseDecoder {
    /// Decodes `bytes` with the standard limits.
    /// - Parameters:
    ///   - bytes: a bare JSON or XML body, a full HTTP response (as `curl -i` prints it) or a HAR file.
    ///   - provider: forces the provider instead of inferring it.
    ///   - action: forces the action instead of inferring it.
    ///   - entry: for a HAR file, the 0-based entry to decode.
    /// - Throws: `SigScopeError` when the input cannot be decoded: `.undecodable`,
    ///   `.invalidCapture`, `.limitExceeded` (exit 2), `.invalidOption` (exit 64).
    public static func decode(_ bytes: [UInt8], provider: Provider?, action: String?, entry: Int?) throws(SigScopeError) -> DecodedResponse {
        try decode(bytes, provider: provider, action: action, entry: entry, limits: .standard, source: nil)
    }

    /// Decodes `bytes` within `limits`, naming `source` in error messages.
    /// - Throws: as `decode(_:provider:action:entry:)`.
    package static func decode(_ bytes: [UInt8], provider: Provider?, action: String?, entry: Int?, limits: ResponseLimits, source: String?) throws(SigScopeError) -> DecodedResponse {
        let capture = try CapturedResponse.parse(bytes, entry: entry, limits: limits, source: source)
        return try decode(capture, provider: provider, action: action, limits: limits, source: source)
    }

    /// Decodes an already parsed capture.
    /// - Throws: as `decode(_:provider:action:entry:)`.
    package static func decode(_ capture: CapturedResponse, provider: Provider?, action: String?, limits: ResponseLimits = .standard, source: String? = nil) throws(SigScopeError) -> DecodedResponse {
        let label: String
        switch capture.form {
        case .body: label = "the response body"
        case .http: label = "the body of the HTTP response"
        case .har(let index): label = "the response body of HAR entry \(index)"
        }
        if capture.body.allSatisfy(CapturedResponse.Bytes.isSpace), let status = capture.status {
            let reason = (capture.reason ?? "").isEmpty ? "" : " " + (capture.reason ?? "")
            throw SigScopeError(.undecodable, "HTTP \(status)\(reason) with an empty body: there is no API response to decode\(status >= 400 ? " (the request was refused before reaching the API, e.g. by a proxy, or the wrong endpoint was used)" : "")", source: source)
        }
        let place = ResponseBodyParser.Place(source: source, lineOffset: capture.bodyLine.map { $0 - 1 }, label: label)
        let body: ResponseBody
        do {
            body = try ResponseBodyParser.parse(capture.body, charset: capture.charset, limits: limits, place: place)
        } catch {
            // A failing HTTP status explains a body that is no API response (an HTML error page).
            if let status = capture.status, status >= 400, error.code == .undecodable {
                var annotated = error
                annotated.reason = "HTTP \(status): " + error.reason
                throw annotated
            }
            throw error
        }
        var context = Context(capture: capture, body: body, action: action.map { ($0, .option) } ?? capture.request?.action.map { ($0, .request) }, source: source)
        let resolved: Provider
        if let provider {
            resolved = provider
        } else if let fromRequest = capture.request?.provider {
            resolved = fromRequest
        } else {
            resolved = try inferProvider(body, source: source)
        }
        switch resolved {
        case .tencent: return try decodeTencent(&context)
        case .aliyun: return try decodeAliyun(&context)
        }
    }

    // MARK: - Shared

    private struct Context {
        var capture: CapturedResponse
        var body: ResponseBody
        var action: (name: String, source: DecodedResponse.ActionSource)?
        var source: String?
        var notes: [String] = []

        init(capture: CapturedResponse, body: ResponseBody, action: (String, DecodedResponse.ActionSource)?, source: String?) {
            self.capture = capture
            self.body = body
            self.action = action.map { (name: $0.0, source: $0.1) }
            self.source = source
            self.notes = capture.notes
        }

        var failedStatus: Int? {
            guard let status = capture.status, status >= 400 else { return nil }
            return status
        }

        func response(provider: Provider, outcome: DecodedResponse.Outcome, requestId: String?, error: DecodedAPIError?, result: DecodedResponse.Result?) -> DecodedResponse {
            DecodedResponse(provider: provider, action: action?.name, actionSource: action?.source, outcome: outcome,
                            httpStatus: capture.status, httpReason: capture.reason, requestId: requestId, error: error, result: result,
                            form: capture.form, request: capture.request, bodyFormat: body.formatName, notes: notes)
        }
    }

    private static let createNetworkInterface = "CreateNetworkInterface"

    private static func isAction(_ name: String?, _ expected: String) -> Bool {
        guard let name else { return false }
        return name.lowercased() == expected.lowercased()
    }

    /// Which provider a body comes from, when nothing else says.
    private static func inferProvider(_ body: ResponseBody, source: String?) throws(SigScopeError) -> Provider {
        switch body {
        case .xml:
            // Tencent Cloud API 3.0 answers only in JSON; Alibaba's RPC APIs default to XML.
            return .aliyun
        case .json(let value):
            guard let object = value.objectValue else {
                throw SigScopeError(.undecodable, "the body is a JSON \(value.typeName), not an object; neither Tencent Cloud nor Alibaba Cloud answers with one", source: source)
            }
            if object["Response"]?.objectValue != nil || isTencentUnwrapped(object) { return .tencent }
            if object["RequestId"] != nil || object["Code"] != nil || object["HostId"] != nil { return .aliyun }
            let keys = object.keys.prefix(6).joined(separator: ", ")
            throw SigScopeError(.undecodable, "cannot tell which provider answered: the body is neither Tencent's {\"Response\": {…}} nor an Alibaba Cloud response (it has no RequestId or Code; its members are \(keys.isEmpty ? "none" : keys)); give \(.provider)", source: source)
        }
    }

    // MARK: - Tencent Cloud

    /// The members that name a Tencent result when tccli prints it without the `Response`
    /// wrapper (`tccli vpc DescribeSubnets` prints `{"TotalCount": …, "SubnetSet": […],
    /// "RequestId": …}`): no Alibaba Cloud body has any of them.
    private static let tencentResultMembers: Set<String> = ["NetworkInterface", "VpcSet", "SubnetSet", "SecurityGroupSet", "NetworkInterfaceSet",
                                                            "VpcLimitSet", "EniPrivateIpAddressQuantity"]

    /// Whether `object` is a Tencent result printed without its `Response` wrapper.
    static func isTencentUnwrapped(_ object: JSONObject) -> Bool {
        object["Response"] == nil && object["RequestId"] != nil && object.keys.contains { tencentResultMembers.contains($0) }
    }

    private static func decodeTencent(_ context: inout Context) throws(SigScopeError) -> DecodedResponse {
        guard case .json(let value) = context.body else {
            throw SigScopeError(.undecodable, "Tencent Cloud API 3.0 answers in JSON, but this body is XML; check \(.provider)", source: context.source)
        }
        guard let root = value.objectValue, let responseValue = root["Response"] ?? (isTencentUnwrapped(root) ? value : nil) else {
            throw SigScopeError(.undecodable, "not a Tencent Cloud API 3.0 response: expected a JSON object {\"Response\": {…}}", source: context.source)
        }
        if root["Response"] == nil {
            context.notes.append("read as tccli prints a response: the members of Response without the {\"Response\": …} wrapper")
        }
        guard let response = responseValue.objectValue else {
            throw SigScopeError(.undecodable, "Response is \(responseValue.typeName), not an object as Tencent Cloud API 3.0 returns", source: context.source)
        }
        let others = root["Response"] == nil ? [] : root.keys.filter { $0 != "Response" }
        if !others.isEmpty {
            context.notes.append("the body has members beside Response (\(others.joined(separator: ", "))); they are not part of the API response")
        }
        let requestId = response["RequestId"]?.scalarText
        if requestId == nil {
            context.notes.append("Response has no RequestId, which Tencent Cloud always returns")
        }

        if let errorValue = response["Error"] {
            let errorObject = errorValue.objectValue
            if errorObject == nil {
                context.notes.append("Response.Error is \(errorValue.typeName), not an object {\"Code\", \"Message\"}")
            }
            let code = errorObject?["Code"]?.scalarText
            let message = errorObject?["Message"]?.scalarText
            let error = DecodedAPIError(code: code, message: message, catalog: code.flatMap { ErrorCatalog.lookup(provider: .tencent, code: $0) })
            return context.response(provider: .tencent, outcome: .error, requestId: requestId, error: error, result: nil)
        }
        if let status = context.failedStatus {
            context.notes.append("HTTP \(status) although Response has no Error: treated as an error")
            return context.response(provider: .tencent, outcome: .error, requestId: requestId, error: DecodedAPIError(code: nil, message: nil), result: nil)
        }

        if context.action == nil, let ni = response["NetworkInterface"], ni.objectValue != nil,
           response.keys.allSatisfy({ $0 == "NetworkInterface" || $0 == "RequestId" }) {
            context.action = (createNetworkInterface, .body)
        }
        if context.action == nil, let inferred = DescribeModels.infer(provider: .tencent, body: response) {
            context.action = (inferred, .body)
        }
        var typing = ResponseTyping(unwrapConventionalLists: false)
        let result: DecodedResponse.Result
        if isAction(context.action?.name, createNetworkInterface) {
            context.action?.name = createNetworkInterface
            result = .tencentCreateNetworkInterface(try TencentCreateNetworkInterfaceResult.decode(response: response, typing: &typing, source: context.source))
        } else if let name = context.action?.name, let entry = DescribeModels.entry(provider: .tencent, action: name) {
            context.action?.name = entry.action
            var fields = typing.object(response, model: entry.model, path: "")
            fields["RequestId"] = nil
            result = .describe(DescribeResult(provider: .tencent, action: entry.action, fields: fields))
        } else {
            var fields = response
            fields["RequestId"] = nil
            result = .generic(fields)
        }
        context.notes.append(contentsOf: typing.notes)
        return context.response(provider: .tencent, outcome: .success, requestId: requestId, error: nil, result: result)
    }

    // MARK: - Alibaba Cloud

    /// An error object nested in `body` with a `Code`: `Error`, `Errors.Error` (first of
    /// several), or `Response.Error` (a Tencent-shaped body decoded as Alibaba's).
    private static func nestedErrorObject(_ body: JSONObject) -> JSONObject? {
        func withCode(_ value: JSONValue?) -> JSONObject? {
            guard let value else { return nil }
            if case .array(let items) = value { return items.lazy.compactMap { withCode($0) }.first }
            guard let object = value.objectValue, object["Code"] != nil else { return nil }
            return object
        }
        if body["Code"] != nil { return nil }
        return withCode(body["Error"]) ?? withCode(body["Errors"]?["Error"]) ?? withCode(body["Errors"]) ?? withCode(body["Response"]?["Error"])
    }

    /// Codes some Alibaba products put in success bodies.
    private static let successCodes: Set<String> = ["ok", "success", "200", "0"]

    private static func decodeAliyun(_ context: inout Context) throws(SigScopeError) -> DecodedResponse {
        let raw: JSONObject
        var rootName: String?
        switch context.body {
        case .json(let value):
            guard let object = value.objectValue else {
                throw SigScopeError(.undecodable, "the body is a JSON \(value.typeName); an Alibaba Cloud response is a JSON object", source: context.source)
            }
            raw = object
        case .xml(let element):
            rootName = element.name
            if let object = element.rawFieldTree.objectValue {
                raw = object
            } else {
                raw = JSONObject()
                if !element.text.isEmpty {
                    context.notes.append("the root element <\(element.name)> holds only text, no fields")
                }
            }
        }
        // Where the error fields are: the body itself (Alibaba's usual shape), or a nested
        // `Error` / `Errors.Error` / Tencent-shaped `Response.Error` object, so that no error
        // body can pass for a success whatever its shape.
        let nested = nestedErrorObject(raw)
        let fields = nested ?? raw
        let requestId = raw["RequestId"]?.scalarText ?? raw["RequestID"]?.scalarText ?? raw["Response"]?["RequestId"]?.scalarText
        let code = fields["Code"]?.scalarText
        let successFlag = raw["Success"].flatMap { value -> Bool? in
            if case .bool(let flag) = value { return flag }
            if case .string(let text) = value { return text.lowercased() == "true" ? true : text.lowercased() == "false" ? false : nil }
            return nil
        }
        let isError = rootName == "Error"
            || nested != nil
            || (code.map { !successCodes.contains($0.lowercased()) } ?? false)
            || successFlag == false
            || context.failedStatus != nil

        if isError {
            if code == nil {
                context.notes.append(context.failedStatus.map { "HTTP \($0) but the body has no Code" } ?? "the body is an error but has no Code")
            }
            if nested != nil {
                context.notes.append("the error fields are nested in the body, not at its top level as Alibaba Cloud's RPC APIs put them")
            }
            let message = fields["Message"]?.scalarText
            let sts = message.flatMap(DecodedAPIError.serverStringToSign(in:))
            let error = DecodedAPIError(code: code, message: message, hostId: (fields["HostId"] ?? raw["HostId"])?.scalarText, recommend: (fields["Recommend"] ?? raw["Recommend"])?.scalarText,
                                        serverStringToSign: sts, catalog: code.flatMap { ErrorCatalog.lookup(provider: .aliyun, code: $0) })
            if context.action == nil, let action = error.serverCanonicalizedQuery?.parameters.first(where: { $0.name == "Action" })?.value, !action.isEmpty {
                context.action = (action, .serverStringToSign)
            }
            return context.response(provider: .aliyun, outcome: .error, requestId: requestId, error: error, result: nil)
        }

        if context.action == nil {
            if let rootName, rootName.hasSuffix("Response"), rootName.count > "Response".count {
                context.action = (String(rootName.dropLast("Response".count)), .body)
            } else if rootName == nil, AliyunCreateNetworkInterfaceResult.matches(raw) {
                context.action = (createNetworkInterface, .body)
            } else if rootName == nil, let inferred = DescribeModels.infer(provider: .aliyun, body: raw) {
                context.action = (inferred, .body)
            }
        }
        var typing = ResponseTyping(unwrapConventionalLists: true)
        let result: DecodedResponse.Result
        if isAction(context.action?.name, createNetworkInterface) {
            context.action?.name = createNetworkInterface
            let typed = AliyunCreateNetworkInterfaceResult.decode(body: raw, typing: &typing)
            if (typed.networkInterfaceId ?? "").isEmpty {
                context.notes.append("NetworkInterfaceId is missing or empty; the API document says to call CreateNetworkInterface again in that case")
            }
            result = .aliyunCreateNetworkInterface(typed)
        } else if let name = context.action?.name, let entry = DescribeModels.entry(provider: .aliyun, action: name) {
            context.action?.name = entry.action
            var fields = typing.object(raw, model: entry.model, path: "")
            fields["RequestId"] = nil
            result = .describe(DescribeResult(provider: .aliyun, action: entry.action, fields: fields))
        } else {
            var fields = JSONObject()
            for member in raw.members where member.key != "RequestId" {
                fields.members.append(JSONMember(member.key, typing.generic(member.value, key: member.key)))
            }
            result = .generic(fields)
        }
        context.notes.append(contentsOf: typing.notes)
        return context.response(provider: .aliyun, outcome: .success, requestId: requestId, error: nil, result: result)
    }
}
