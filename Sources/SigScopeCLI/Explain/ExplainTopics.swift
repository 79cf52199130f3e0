import SigScope

/// `sigscope explain`: what an error code, a `verify` finding or a signing step means, what
/// causes it, the fix, and where the provider documents it, offline.
///
/// The topics are derived, not kept apart: every entry of the library's `ErrorCatalog` (the
/// codes `decode` reports), every documented `VerifyFinding.Code` (the codes `verify`
/// reports) and the signing steps of each algorithm (`SigningSteps`, the `steps` keys `sign`
/// prints). A code added to either table is a topic at once. The library's texts name inputs
/// and entry points structurally; a topic has them in the CLI's words (`Wording.documentation`:
/// `--server-error`, `sigscope verify`), and the signing steps, which document this tool's own
/// commands, are written in them.
enum Explain {
    /// What kind of thing a topic is.
    enum Kind: String, Sendable, Equatable, CaseIterable {
        /// An error code a provider's server answers with.
        case errorCode = "error-code"
        /// A finding code of `sigscope verify`.
        case finding
        /// A stage of a signature algorithm.
        case signingStep = "signing-step"
    }

    /// One explanation.
    struct Topic: Sendable, Equatable {
        /// The topic's name: the code, or the step's name (`canonical-request`).
        var name: String
        var kind: Kind
        /// The providers it concerns.
        var providers: [Provider]
        /// The algorithms it concerns, nil for every one (error codes, most findings).
        var algorithms: [SignatureAlgorithm]?
        /// What it is.
        var meaning: String
        /// What causes it (for a step: what usually goes wrong there).
        var cause: String
        /// What to do.
        var fix: String
        /// Where it is documented: the providers' pages and files of this repository.
        var references: [String]
        /// Other names it is found by (a step's `steps` key in the sign output, its spec name).
        var aliases: [String]
        /// Facts of the kind: an error code's HTTP status, category, message; a step's formula.
        var details: [(String, String)]

        static func == (lhs: Topic, rhs: Topic) -> Bool {
            lhs.name == rhs.name && lhs.kind == rhs.kind && lhs.providers == rhs.providers && lhs.algorithms == rhs.algorithms
        }

        /// The `explain --format json` object of this topic.
        var json: JSONValue {
            var object: JSONObject = [
                "topic": .string(name),
                "kind": .string(kind.rawValue),
                "providers": .array(providers.map { .string($0.rawValue) }),
            ]
            object["algorithms"] = algorithms.map { .array($0.map { .string($0.rawValue) }) } ?? .null
            object["meaning"] = .string(meaning)
            object["cause"] = .string(cause)
            object["fix"] = .string(fix)
            object["references"] = .array(references.map(JSONValue.string))
            object["aliases"] = .array(aliases.map(JSONValue.string))
            object["details"] = .object(JSONObject(details.map { JSONMember($0.0, .string($0.1)) }))
            return .object(object)
        }
    }

    /// The answer to a lookup.
    enum Answer: Sendable, Equatable {
        /// The topics of that name (one per provider or algorithm that has it).
        case found([Topic])
        /// No topic of that name; the closest names, best first (possibly none).
        case unknown(suggestions: [String])
        /// A topic of that name exists, but not for the provider asked for.
        case otherProvider([Topic])
    }

    /// Every topic: error codes (Tencent, then Alibaba), findings, signing steps.
    static var topics: [Topic] { allTopics }

    private static let allTopics: [Topic] = errorCodeTopics + findingTopics + SigningSteps.topics

    /// Looks `name` up, ignoring case and the separators `-`, `_` and spaces
    /// (`canonicalRequest`, `Canonical-Request` and `canonical request` are one topic).
    /// - Parameters:
    ///   - provider: keep only the topics of this provider.
    ///   - algorithm: keep only the topics of this algorithm (signing steps, algorithm-bound findings).
    static func lookup(_ name: String, provider: Provider? = nil, algorithm: SignatureAlgorithm? = nil) -> Answer {
        let key = normalized(name)
        let matching = allTopics.filter { topic in
            normalized(topic.name) == key || topic.aliases.contains { normalized($0) == key }
        }
        guard !matching.isEmpty else { return .unknown(suggestions: suggestions(for: name)) }
        let kept = matching.filter { topic in
            (provider.map { topic.providers.contains($0) } ?? true)
                && (algorithm.map { topic.algorithms?.contains($0) ?? true } ?? true)
        }
        return kept.isEmpty ? .otherProvider(matching) : .found(kept)
    }

    /// The topic names closest to `name` by edit distance (at most three, best first).
    static func suggestions(for name: String) -> [String] {
        let word = Array(normalized(name).unicodeScalars)
        guard !word.isEmpty else { return [] }
        var scored: [(String, Int)] = []
        var seen = Set<String>()
        for topic in allTopics where seen.insert(topic.name).inserted {
            let distance = Suggest.distance(word, Array(normalized(topic.name).unicodeScalars))
            let limit = max(2, word.count / 3)
            if distance <= limit { scored.append((topic.name, distance)) }
        }
        // A family prefix (`AuthFailure`, `InvalidParameterValue.Tag`) lists its members.
        if scored.isEmpty {
            let prefix = normalized(name)
            for topic in allTopics where normalized(topic.name).hasPrefix(prefix) && !scored.contains(where: { $0.0 == topic.name }) {
                scored.append((topic.name, 100 + topic.name.count))
            }
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(3).map(\.0)
    }

    /// Lower case without `-`, `_` and spaces.
    static func normalized(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0 != "-" && $0 != "_" && $0 != " " }.map(Character.init))
    }

    // MARK: - Error codes (from ErrorCatalog)

    static var errorCodeTopics: [Topic] {
        ErrorCatalog.entries.map { entry in
            var details: [(String, String)] = [("category", entry.category.rawValue), ("retryable", entry.retryable ? "yes" : "no")]
            if let status = entry.httpStatus { details.append(("httpStatus", String(status))) }
            if let message = entry.documentedMessage { details.append(("documentedMessage", message)) }
            details.append(("source", entry.source))
            return Topic(name: entry.code, kind: .errorCode, providers: [entry.provider], algorithms: nil,
                         meaning: entry.meaning, cause: cause(of: entry), fix: Wording.documentation(entry.hint),
                         references: references(of: entry), aliases: [], details: details)
        }
    }

    /// Why a server answers with `entry.code`: the usual cause where one is known, else what
    /// the code's category means.
    static func cause(of entry: ErrorCatalog.Entry) -> String {
        if let known = knownCauses[entry.provider.rawValue + " " + entry.code] { return known }
        switch entry.category {
        case .auth: return "The server does not accept the key, the account or the caller's permissions for this call."
        case .signature: return "The server recomputed the signature, or checked the timestamp and nonce it covers, and refused the request."
        case .parameter: return "A parameter's name, value or format is not one the API accepts; `sigscope validate` finds most of these offline."
        case .quota: return "A quota or count limit of the account, the region or the resource is reached."
        case .resource: return "A resource the request names does not exist, is somewhere else (another region, zone or VPC), or is in a state that does not allow the call."
        case .throttling: return "Too many calls in a short time."
        case .internal: return "A fault or a temporary condition on the provider's side, not a mistake in the request."
        }
    }

    /// Causes known from cases reported in the providers' SDK and tool issues.
    private static let knownCauses: [String: String] = [
        "tencent AuthFailure.SignatureFailure": "The client signed other bytes than it sent (a body re-serialised after signing, a Content-Type charset added), formatted the scope date in local time, put the wrong service in the scope, or signed with the wrong SecretKey (often one with a trailing newline or space).",
        "tencent AuthFailure.SignatureExpire": "X-TC-Timestamp is more than 5 minutes from the server's clock: a skewed clock, milliseconds instead of seconds, or a request replayed later.",
        "tencent AuthFailure.SecretIdNotFound": "The SecretId was copied with a space or line break, was deleted or disabled, or is not a Cloud API key (an app ID, a product key).",
        "tencent AuthFailure.InvalidSecretId": "The SecretId is not of the Cloud API key type (a product-specific or application key).",
        "tencent AuthFailure.TokenFailure": "Temporary credentials with a missing, wrong or expired X-TC-Token, or a token sent with permanent keys.",
        "tencent AuthFailure.InvalidAuthorization": "A hand-built Authorization header in the wrong layout, or a credential scope with the wrong service (an IP address or a full host as the endpoint).",
        "tencent MissingParameter": "A required parameter is absent: CreateNetworkInterface's VpcId, SubnetId or NetworkInterfaceName, or the SecretId of the request.",
        "aliyun SignatureDoesNotMatch": "The client canonicalised the request differently from the server (space as +, * or ~ encoded wrongly, the second encoding pass missing, GET signed but POST sent) or signed with the wrong AccessKeySecret (or without the trailing &).",
        "aliyun IncompleteSignature": "A signature parameter is missing or malformed, or the Signature was put in the URL without percent-encoding.",
        "aliyun InvalidTimeStamp.Expired": "The Timestamp is more than 15 minutes from the server's clock: a skewed clock, or local time sent as if it were UTC.",
        "aliyun SignatureNonceUsed": "The SignatureNonce repeated within 15 minutes: a timestamp-based nonce, a short random one, or a retry that reused it.",
        "aliyun InvalidAccessKeyId.NotFound": "The AccessKeyId was copied with extra characters (spaces, brackets, a line break), was deleted, or belongs to another site.",
        "aliyun InvalidAccessKeySecret": "The server's string-to-sign equals the client's, so only the key differs: the AccessKeySecret is not the one of this AccessKeyId.",
    ]

    static func references(of entry: ErrorCatalog.Entry) -> [String] {
        switch entry.provider {
        case .tencent:
            var refs: [String] = []
            if entry.category == .signature || entry.category == .auth {
                refs.append("https://cloud.tencent.com/document/api/213/30654 (Signature v3, signature failures)")
                refs.append("docs/tc3.md")
            }
            if entry.source.contains("common") {
                refs.append("https://www.tencentcloud.com/document/api/215/15812 (VPC common error codes)")
            } else {
                refs.append("https://www.tencentcloud.com/document/product/215/15818 (VPC CreateNetworkInterface, error codes)")
            }
            return refs
        case .aliyun:
            var refs = ["https://error-center.aliyun.com/status/search?Keyword=\(entry.code)&source=PopGw"]
            if entry.category == .signature {
                refs.append("https://help.aliyun.com/zh/sdk/product-overview/rpc-mechanism (RPC signature)")
                refs.append("docs/aliyun-rpc.md")
            } else {
                refs.append("https://help.aliyun.com/en/ecs/developer-reference/api-ecs-2014-05-26-createnetworkinterface (ECS CreateNetworkInterface)")
            }
            return refs
        }
    }

    // MARK: - Findings (from VerifyFinding.Code.documented)

    static var findingTopics: [Topic] {
        VerifyFinding.Code.documented.map { entry in
            var refs = ["docs/debugging.md#\(entry.code.rawValue)"]
            for algorithm in entry.algorithms ?? [] where !refs.contains(SigningSteps.specification(algorithm)) {
                refs.append(SigningSteps.specification(algorithm))
            }
            return Topic(name: entry.code.rawValue, kind: .finding, providers: entry.providers, algorithms: entry.algorithms,
                         meaning: Wording.documentation(entry.meaning), cause: entry.cause, fix: entry.fix, references: refs, aliases: [], details: [])
        }
    }
}
