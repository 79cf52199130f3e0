/// A user-facing error from the library: a stable code that tests and scripts match on,
/// a reason written for a person, the input it is about (`subject`), optionally located in a file.
///
/// The reason names the library's inputs in the library's words ("the algorithm", "the body");
/// a front end words them its own way with `description(naming:)` (the CLI says `--algorithm`,
/// `--body-file`).
///
/// Equality compares the code alone, so tests can assert *which* error without pinning prose.
public struct SigScopeError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A stable error code.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The input is not valid JSON.
        public static let invalidJSON = Code(rawValue: "invalid-json")
        /// The input is JSON but not a request (wrong shape, wrong types, unknown keys).
        public static let invalidRequest = Code(rawValue: "invalid-request")
        /// An option's value, or a combination of options, cannot be used.
        public static let invalidOption = Code(rawValue: "invalid-option")
        /// Something required (credentials, provider) was not given.
        public static let missingInput = Code(rawValue: "missing-input")
        /// A captured request or response cannot be parsed.
        public static let invalidCapture = Code(rawValue: "invalid-capture")
        /// A response body cannot be decoded.
        public static let undecodable = Code(rawValue: "undecodable")
        /// An input exceeds a size or depth bound.
        public static let limitExceeded = Code(rawValue: "limit-exceeded")
        /// libcrypto failed.
        public static let crypto = Code(rawValue: "crypto")
        /// The request breaks the API's parameter rules (a `--batch` line's error; see `Validator`).
        public static let validationFailed = Code(rawValue: "validation-failed")
        /// A `--context` file is not a Describe* response sigscope reads (another action, an API error).
        public static let invalidContext = Code(rawValue: "invalid-context")
        /// Two `--context` files disagree about the same resource (see `ContextConflict`).
        public static let contextConflict = Code(rawValue: "context-conflict")
    }

    public var code: Code
    /// The reason, with every input it mentions named structurally (see `SigScopeMessage`).
    public var message: SigScopeMessage
    /// The input the error is about (the algorithm, the endpoint, the body, …), when it is
    /// about one: a front end names it in its own terms (the CLI as `--algorithm`).
    public var subject: Subject?
    /// The file (or `<stdin>`) the error is in, when there is one.
    public var source: String?
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?

    /// A reason written for a person, each input named in the library's words
    /// ("the algorithm hmac-sha1 is a Tencent Cloud algorithm; …").
    public var reason: String {
        get { message.description }
        set { message = SigScopeMessage(verbatim: newValue) }
    }

    /// An error whose reason names inputs structurally; `subject` defaults to the first input
    /// `message` names.
    public init(_ code: Code, _ message: SigScopeMessage, subject: Subject? = nil, source: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.subject = subject ?? message.subjects.first
        self.source = source
        self.line = line
        self.column = column
    }

    /// An error with a plain-text reason.
    public init(_ code: Code, _ reason: String, subject: Subject? = nil, source: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.init(code, SigScopeMessage(verbatim: reason), subject: subject, source: source, line: line, column: column)
    }

    /// True for errors that mean the command was used wrongly (exit 64) rather than that an input was bad (exit 2).
    public var isUsageError: Bool {
        code == .invalidOption || code == .missingInput
    }

    public var description: String {
        description(naming: { _ in nil })
    }

    /// The input that locates an input error no file holds: the `subject`, when the reason
    /// does not name it itself (a param override's error is located at "the param override").
    public var locatingSubject: Subject? {
        guard source == nil, !isUsageError, let subject, !message.subjects.contains(subject) else { return nil }
        return subject
    }

    /// `description` with each input named by `naming`, each aside by `asides` and each entry
    /// point by `operations` (see `SigScopeMessage.worded`; nil: the library's words).
    public func description(naming: (Subject) -> String?, asides: ((Subject) -> String?)? = nil,
                            operations: ((SigScopeMessage.Operation, [Subject]) -> String?)? = nil) -> String {
        var location = ""
        if let source {
            location = source
            if let line {
                location += ":\(line)"
                if let column { location += ":\(column)" }
            }
            location += ": "
        } else if let subject = locatingSubject {
            location = (naming(subject) ?? subject.phrase) + ": "
        }
        return location + message.worded(naming: naming, asides: asides, operations: operations)
    }

    public static func == (lhs: SigScopeError, rhs: SigScopeError) -> Bool {
        lhs.code == rhs.code
    }

    /// Wraps a JSON syntax error found in `source`.
    package static func json(_ error: JSONSyntaxError, source: String) -> SigScopeError {
        SigScopeError(.invalidJSON, "not valid JSON: " + error.reason, source: source, line: error.line, column: error.column)
    }
}

extension CryptoError {
    var asSigScopeError: SigScopeError { SigScopeError(.crypto, description) }
}
