/// A user-facing error from the library: a stable code that tests and scripts match on,
/// and a reason written for a person, optionally located in a file.
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
    public var reason: String
    /// The file (or `<stdin>`, `--param`) the error is in, when there is one.
    public var source: String?
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?

    public init(_ code: Code, _ reason: String, source: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.reason = reason
        self.source = source
        self.line = line
        self.column = column
    }

    /// True for errors that mean the command was used wrongly (exit 64) rather than that an input was bad (exit 2).
    public var isUsageError: Bool {
        code == .invalidOption || code == .missingInput
    }

    public var description: String {
        var location = ""
        if let source {
            location = source
            if let line {
                location += ":\(line)"
                if let column { location += ":\(column)" }
            }
            location += ": "
        }
        return location + reason
    }

    public static func == (lhs: SigScopeError, rhs: SigScopeError) -> Bool {
        lhs.code == rhs.code
    }

    /// Wraps a JSON syntax error found in `source`.
    public static func json(_ error: JSONSyntaxError, source: String) -> SigScopeError {
        SigScopeError(.invalidJSON, "not valid JSON: " + error.reason, source: source, line: error.line, column: error.column)
    }
}

extension CryptoError {
    var asSigScopeError: SigScopeError { SigScopeError(.crypto, description) }
}
