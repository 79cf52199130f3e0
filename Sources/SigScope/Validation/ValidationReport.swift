/// One thing validation found: the provider's error code, where, and what is wrong.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    /// The error code the provider's server would answer with (`InvalidParameterValue.TooLong`).
    public var code: String
    /// The parameter, starting with its documented name (`PrivateIpAddresses[3].PrivateIpAddress`, `Tag.2.Key`).
    public var path: String
    /// A sentence that says what is wrong and what is allowed, every input it mentions named
    /// structurally (the CLI words `.region` as `--region`).
    public var text: SigScopeMessage
    /// `text` in the library's words.
    public var message: String {
        get { text.description }
        set { text = SigScopeMessage(verbatim: newValue) }
    }
    /// What decided it: nil for the API's parameter rules, `context` for the account's state
    /// read from `--context` files.
    public var source: String?
    /// For a context finding: the file (or files) the fact came from.
    public var evidence: String?

    /// Creates a finding.
    public init(code: String, path: String, message: String, source: String? = nil, evidence: String? = nil) {
        self.init(code: code, path: path, text: SigScopeMessage(verbatim: message), source: source, evidence: evidence)
    }

    /// Creates a finding whose sentence names inputs structurally.
    public init(code: String, path: String, text: SigScopeMessage, source: String? = nil, evidence: String? = nil) {
        self.code = code
        self.path = path
        self.text = text
        self.source = source
        self.evidence = evidence
    }

    /// `code path: message`.
    public var description: String { "\(code) \(path): \(message)" }

    /// `{"code", "path", "message"}`, plus `"source"` and `"evidence"` for a context finding.
    public var json: JSONValue {
        var object: JSONObject = ["code": .string(code), "path": .string(path), "message": .string(message)]
        if let source { object["source"] = .string(source) }
        if let evidence { object["evidence"] = .string(evidence) }
        return .object(object)
    }
}

/// The result of validating one request.
public struct ValidationReport: Sendable, Equatable {
    /// The request's provider.
    public var provider: Provider
    /// The request's action.
    public var action: String
    /// What the server rejects; any one makes the request invalid.
    public var violations: [Finding]
    /// What the server accepts (or the documents disagree on) but is probably a mistake.
    public var warnings: [Finding]

    /// Creates a report.
    public init(provider: Provider, action: String, violations: [Finding] = [], warnings: [Finding] = []) {
        self.provider = provider
        self.action = action
        self.violations = violations
        self.warnings = warnings
    }

    /// True when there are no violations (warnings allowed).
    public var valid: Bool { violations.isEmpty }

    /// The `validate` JSON document of the interface contract:
    /// `{"valid", "provider", "action", "violations": [{code, path, message}], "warnings": [...]}`.
    public var json: JSONValue {
        .object([
            "valid": .bool(valid),
            "provider": .string(provider.rawValue),
            "action": .string(action),
            "violations": .array(violations.map(\.json)),
            "warnings": .array(warnings.map(\.json)),
        ])
    }
}
