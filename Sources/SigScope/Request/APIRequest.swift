/// An API call, independent of how it will be signed: provider, action, region and the
/// API's own parameters, nested as JSON (lists as arrays, structures as objects).
public struct APIRequest: Sendable, Equatable {
    public var provider: Provider
    /// The API action, e.g. `CreateNetworkInterface`.
    public var action: String
    /// Tencent: the `X-TC-Region` / `Region` common parameter. Alibaba: mirrored into `RegionId`
    /// when the params have none.
    public var region: String?
    /// The API's parameters, in the order given.
    public var params: JSONObject

    public init(provider: Provider, action: String = "CreateNetworkInterface", region: String? = nil, params: JSONObject = JSONObject()) {
        self.provider = provider
        self.action = action
        self.region = region
        self.params = params
    }

    /// The action used when a request names none.
    public static let defaultAction = "CreateNetworkInterface"
}

/// What a request file (or a line of a batch) says, before command-line overrides.
package struct RequestDraft: Sendable, Equatable {
    package var provider: Provider?
    package var action: String?
    package var region: String?
    package var params: JSONObject
    /// Optional per-request signing settings a file may carry (`algorithm`, `method`, `endpoint`, `version`).
    package var algorithm: SignatureAlgorithm?
    package var method: HTTPMethod?
    package var endpoint: String?
    package var apiVersion: String?

    package init(provider: Provider? = nil, action: String? = nil, region: String? = nil, params: JSONObject = JSONObject(),
                algorithm: SignatureAlgorithm? = nil, method: HTTPMethod? = nil, endpoint: String? = nil, apiVersion: String? = nil) {
        self.provider = provider
        self.action = action
        self.region = region
        self.params = params
        self.algorithm = algorithm
        self.method = method
        self.endpoint = endpoint
        self.apiVersion = apiVersion
    }

    /// The top-level keys a request object may have.
    package static let knownKeys = ["provider", "action", "region", "params", "algorithm", "method", "endpoint", "version"]

    /// Reads a request object from JSON text.
    /// - Parameters:
    ///   - bytes: the file's bytes.
    ///   - source: the file name used in error messages.
    /// - Throws: `SigScopeError` `.invalidJSON` (with line and column) or `.invalidRequest`.
    package static func parse(_ bytes: [UInt8], source: String) throws(SigScopeError) -> RequestDraft {
        try bytes.withUnsafeBufferPointer { buffer throws(SigScopeError) in try parse(buffer, source: source) }
    }

    /// Reads a request object from JSON text in memory the caller owns (a batch's line, read in place).
    package static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws(SigScopeError) -> RequestDraft {
        var unused: JSONSpan?
        return try parse(bytes, source: source, paramsSpan: &unused)
    }

    /// Reads a request object from a batch line, and where its `"params"` object is in the line:
    /// text without escapes there is, less its whitespace, the compact JSON body of the params.
    package static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String, paramsSpan: inout JSONSpan?) throws(SigScopeError) -> RequestDraft {
        let parsed: (value: JSONValue, span: JSONSpan?)
        do {
            parsed = try JSONParser.parse(bytes, limits: .requestFile, locating: "params")
        } catch {
            throw SigScopeError.json(error, source: source)
        }
        let draft = try from(parsed.value, source: source)
        paramsSpan = parsed.span
        return draft
    }

    /// Reads a request object from an already-parsed JSON value.
    package static func from(_ value: JSONValue, source: String) throws(SigScopeError) -> RequestDraft {
        guard let object = value.objectValue else {
            throw SigScopeError(.invalidRequest, "a request must be a JSON object with \"provider\", \"action\", \"region\" and \"params\"; found \(value.typeName)", source: source)
        }
        var draft = RequestDraft()
        // A repeated key is found by comparing with the keys before it: a request has a handful, no Set needed.
        for (index, member) in object.members.enumerated() {
            guard !object.members[..<index].contains(where: { $0.key == member.key }) else {
                throw SigScopeError(.invalidRequest, "the key \"\(member.key)\" appears twice", source: source)
            }
            func string() throws(SigScopeError) -> String {
                guard let s = member.value.stringValue else {
                    throw SigScopeError(.invalidRequest, "\"\(member.key)\" must be a string; found \(member.value.typeName)", source: source)
                }
                return s
            }
            switch member.key {
            case "provider":
                let name = try string()
                guard let provider = Provider(rawValue: name.lowercased()) else {
                    throw SigScopeError(.invalidRequest, "unknown provider \"\(name)\"; use \"tencent\" or \"aliyun\"", source: source)
                }
                draft.provider = provider
            case "action": draft.action = try string()
            case "region": draft.region = try string()
            case "endpoint": draft.endpoint = try string()
            case "version": draft.apiVersion = try string()
            case "algorithm":
                let name = try string()
                guard let algorithm = SignatureAlgorithm(rawValue: name.lowercased()) ?? SignatureAlgorithm(specName: name) else {
                    throw SigScopeError(.invalidRequest, "unknown algorithm \"\(name)\"; use one of \(SignatureAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))", source: source)
                }
                draft.algorithm = algorithm
            case "method":
                let name = try string()
                guard let method = HTTPMethod(rawValue: name.uppercased()) else {
                    throw SigScopeError(.invalidRequest, "unknown method \"\(name)\"; use GET or POST", source: source)
                }
                draft.method = method
            case "params":
                guard let params = member.value.objectValue else {
                    throw SigScopeError(.invalidRequest, "\"params\" must be an object of the API's parameters; found \(member.value.typeName)", source: source)
                }
                draft.params = params
            default:
                let hint = Suggest.closest(to: member.key, in: knownKeys).map { " (did you mean \"\($0)\"?)" } ?? ""
                throw SigScopeError(.invalidRequest, "unknown key \"\(member.key)\" in the request\(hint); a request has \(knownKeys.map { "\"\($0)\"" }.joined(separator: ", "))", source: source)
            }
        }
        return draft
    }
}

/// "Did you mean" suggestions by edit distance.
package enum Suggest {
    /// The candidate closest to `word` (case-insensitive Levenshtein distance at most a third of
    /// its length, minimum 1, or equal ignoring case), or nil.
    package static func closest(to word: String, in candidates: [String]) -> String? {
        let lower = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let c = Array(candidate.lowercased().unicodeScalars)
            let d = distance(lower, c)
            let limit = max(1, max(lower.count, c.count) / 3)
            if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// The Levenshtein distance between `a` and `b`.
    package static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
