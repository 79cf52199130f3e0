/// An API error a response reported, with what the offline catalog knows about its code.
public struct DecodedAPIError: Sendable, Equatable {
    /// The error code (`Response.Error.Code`, Alibaba `Code`), nil when the body lacks it.
    public var code: String?
    /// The server's message, nil when the body lacks it.
    public var message: String?
    /// Alibaba `HostId`: the endpoint that answered.
    public var hostId: String?
    /// Alibaba `Recommend`: the error-center or troubleshooting URL.
    public var recommend: String?
    /// Alibaba: the server's string-to-sign, quoted in `SignatureDoesNotMatch` and
    /// `IncompleteSignature` messages after `server string to sign is:`.
    public var serverStringToSign: String?
    /// The catalog entry for the code (exact or by family), nil when the catalog lacks it.
    package var catalog: ErrorCatalog.Match?

    /// Creates an error.
    package init(code: String?, message: String?, hostId: String? = nil, recommend: String? = nil, serverStringToSign: String? = nil, catalog: ErrorCatalog.Match? = nil) {
        self.code = code
        self.message = message
        self.hostId = hostId
        self.recommend = recommend
        self.serverStringToSign = serverStringToSign
        self.catalog = catalog
    }

    /// The catalog's meaning of the code: the contract's `error.description`.
    public var description: String? { catalog?.entry.meaning }

    /// The text after the first `:` that follows `server string to sign is` in `message`
    /// (the rule Alibaba's SDKs use), trimmed; nil when the message quotes none.
    public static func serverStringToSign(in message: String) -> String? {
        // ASCII case-insensitive search on the bytes, so offsets stay exact whatever else the message holds.
        let bytes = Array(message.utf8)
        let phrase = Array("server string to sign is".utf8)
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
        guard bytes.count >= phrase.count else { return nil }
        var found: Int?
        for start in 0...(bytes.count - phrase.count) {
            var k = 0
            while k < phrase.count, lower(bytes[start + k]) == phrase[k] { k += 1 }
            if k == phrase.count { found = start + k; break }
        }
        guard let end = found, let colon = bytes[end...].firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let value = String(decoding: bytes[(colon + 1)...], as: UTF8.self).trimmingASCIIWhitespace()
        return value.isEmpty ? nil : value
    }

    /// For an RPC (signature V2) string-to-sign `METHOD&%2F&<encoded query>`: the method and
    /// the server's canonicalized query parameters, decoded once so each reads as it was
    /// signed; nil for any other shape.
    public var serverCanonicalizedQuery: (method: String, parameters: [(name: String, value: String)])? {
        guard let sts = serverStringToSign else { return nil }
        let parts = sts.split(separator: "&", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1] == "%2F", let query = FormCodec.percentDecode(String(parts[2])) else { return nil }
        return (String(parts[0]), FormCodec.decode(query))
    }

    /// The error as the contract's `error` object, plus the catalog's `category`,
    /// `retryable` and `hint`.
    public var json: JSONValue {
        var object = JSONObject()
        object["code"] = code.map(JSONValue.string) ?? .null
        object["message"] = message.map(JSONValue.string) ?? .null
        object["description"] = description.map(JSONValue.string) ?? .null
        object["hostId"] = hostId.map(JSONValue.string) ?? .null
        object["recommend"] = recommend.map(JSONValue.string) ?? .null
        object["serverStringToSign"] = serverStringToSign.map(JSONValue.string) ?? .null
        object["category"] = catalog.map { .string($0.entry.category.rawValue) } ?? .null
        object["retryable"] = catalog.map { .bool($0.entry.retryable) } ?? .null
        object["hint"] = catalog.map { .string($0.entry.hint.description) } ?? .null
        return .object(object)
    }
}

/// A decoded response: success with a typed result, or a typed API error.
public struct DecodedResponse: Sendable, Equatable {
    /// Whether the API call succeeded.
    public enum Outcome: String, Sendable, Equatable {
        /// The call succeeded; `result` holds what it returned.
        case success
        /// The API answered with an error; `error` says which.
        case error
    }

    /// What a successful call returned.
    public enum Result: Sendable, Equatable {
        /// Tencent VPC `CreateNetworkInterface`.
        case tencentCreateNetworkInterface(TencentCreateNetworkInterfaceResult)
        /// Alibaba ECS `CreateNetworkInterface`.
        case aliyunCreateNetworkInterface(AliyunCreateNetworkInterfaceResult)
        /// A Describe* action a context is made from (see `DescribeModels`).
        case describe(DescribeResult)
        /// Any other action: the body's fields other than `RequestId` (Tencent: of
        /// `Response`), Alibaba's wrapped lists unwrapped.
        case generic(JSONObject)

        /// The contract's `result`: for Tencent `CreateNetworkInterface` the
        /// `NetworkInterface` object's fields, otherwise the body's fields other than `RequestId`.
        public var json: JSONValue {
            switch self {
            case .tencentCreateNetworkInterface(let result): return .object(result.networkInterface.fields)
            case .aliyunCreateNetworkInterface(let result): return .object(result.fields)
            case .describe(let result): return .object(result.fields)
            case .generic(let fields): return .object(fields)
            }
        }

        /// Whether a typed model decoded it (false for `generic`).
        public var isTyped: Bool {
            if case .generic = self { return false }
            return true
        }
    }

    /// Where the action name came from.
    public enum ActionSource: String, Sendable, Equatable {
        /// `--action`.
        case option
        /// The HAR entry's request (`X-TC-Action`, `x-acs-action`, `Action=`).
        case request
        /// The body (Alibaba's XML root element, or the fields a known model has).
        case body
        /// The `Action` parameter of the server's string-to-sign in an error message.
        case serverStringToSign
    }

    /// The provider that answered.
    public var provider: Provider
    /// The API action, when given or inferred.
    public var action: String?
    /// Where `action` came from.
    public var actionSource: ActionSource?
    /// Success or API error.
    public var outcome: Outcome
    /// The HTTP status, nil when the input has no status line.
    public var httpStatus: Int?
    /// The HTTP reason phrase, when there is one.
    public var httpReason: String?
    /// The request ID the provider assigned.
    public var requestId: String?
    /// The API error, nil on success.
    public var error: DecodedAPIError?
    /// The result, nil on error.
    public var result: Result?
    /// How the response was given (bare body, HTTP response, HAR entry).
    package var form: CapturedResponse.Form
    /// For a HAR entry, the request that was sent.
    package var request: CapturedResponse.RequestInfo?
    /// `json` or `xml`.
    public var bodyFormat: String
    /// Remarks worth telling a person: odd captures, values that did not fit the model.
    public var notes: [String]

    /// Creates a decoded response.
    package init(provider: Provider, action: String?, actionSource: ActionSource?, outcome: Outcome, httpStatus: Int?, httpReason: String?, requestId: String?, error: DecodedAPIError?, result: Result?, form: CapturedResponse.Form, request: CapturedResponse.RequestInfo?, bodyFormat: String, notes: [String]) {
        self.provider = provider
        self.action = action
        self.actionSource = actionSource
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.httpReason = httpReason
        self.requestId = requestId
        self.error = error
        self.result = result
        self.form = form
        self.request = request
        self.bodyFormat = bodyFormat
        self.notes = notes
    }

    /// The contract's JSON: `provider`, `action`, `outcome`, `httpStatus`, `requestId`,
    /// `error` (null on success) and `result` (null on error).
    public var json: JSONValue {
        var object = JSONObject()
        object["provider"] = .string(provider.rawValue)
        object["action"] = action.map(JSONValue.string) ?? .null
        object["outcome"] = .string(outcome.rawValue)
        object["httpStatus"] = httpStatus.map { .number(String($0)) } ?? .null
        object["requestId"] = requestId.map(JSONValue.string) ?? .null
        object["error"] = error?.json ?? .null
        object["result"] = result?.json ?? .null
        return .object(object)
    }

}
