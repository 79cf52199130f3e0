/// One conclusion of `verify`: a stable code, how serious it is, and a sentence with the
/// evidence and the fix.
public struct VerifyFinding: Sendable, Equatable {
    /// A stable finding code (the `code` of the JSON output; see interface.md).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code as printed.
        public let rawValue: String
        /// Creates a code from its printed form.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code as printed.
        public var description: String { rawValue }

        /// The provided signature differs from the computed one (always present when they differ).
        public static let signatureMismatch = Code(rawValue: "signature-mismatch")
        /// TC3: the credential-scope date is not the UTC date of `X-TC-Timestamp`.
        public static let credentialDateNotUTC = Code(rawValue: "credential-date-not-utc")
        /// TC3: the credential-scope service does not match the endpoint's service.
        public static let credentialServiceMismatch = Code(rawValue: "credential-service-mismatch")
        /// A header that must be signed is not in SignedHeaders.
        public static let signedHeaderMissing = Code(rawValue: "signed-header-missing")
        /// A header named in SignedHeaders is absent from the request.
        public static let signedHeaderNotSent = Code(rawValue: "signed-header-not-sent")
        /// TC3: the signature matches only with signed header values in their original case.
        public static let headerValueNotLowercased = Code(rawValue: "header-value-not-lowercased")
        /// The signature matches a different Content-Type.
        public static let contentTypeChanged = Code(rawValue: "content-type-changed")
        /// ACS3: `x-acs-content-sha256` is not the SHA-256 of the body.
        public static let payloadHashMismatch = Code(rawValue: "payload-hash-mismatch")
        /// The signature matches the same JSON body serialized differently.
        public static let bodyReserialized = Code(rawValue: "body-reserialized")
        /// Alibaba: spaces were encoded as `+` when signing.
        public static let spaceEncodedAsPlus = Code(rawValue: "space-encoded-as-plus")
        /// Alibaba: `*` was left unencoded when signing.
        public static let starNotEncoded = Code(rawValue: "star-not-encoded")
        /// Alibaba: `~` was encoded as `%7E` when signing.
        public static let tildeEncoded = Code(rawValue: "tilde-encoded")
        /// Alibaba: `!'()` were left unencoded when signing.
        public static let reservedNotEncoded = Code(rawValue: "reserved-not-encoded")
        /// Percent-encoding used lowercase hex digits.
        public static let lowercasePercentHex = Code(rawValue: "lowercase-percent-hex")
        /// Alibaba rpc: signed with the secret without the trailing `&`.
        public static let secretMissingAmpersand = Code(rawValue: "secret-missing-ampersand")
        /// Alibaba acs3: signed with the secret plus `&`.
        public static let secretWithAmpersand = Code(rawValue: "secret-with-ampersand")
        /// The signature matches the other HTTP method.
        public static let methodMismatch = Code(rawValue: "method-mismatch")
        /// Alibaba rpc: the Signature in the URL is not percent-encoded.
        public static let signatureNotURLEncoded = Code(rawValue: "signature-not-url-encoded")
        /// With `VerifyOptions.now`: the timestamp is outside the provider's window.
        public static let timestampExpired = Code(rawValue: "timestamp-expired")
        /// Alibaba `Timestamp` / `x-acs-date` is not UTC ISO-8601 with `Z`.
        public static let timestampNotUTC = Code(rawValue: "timestamp-not-utc")
        /// The request's SecretId / AccessKeyId is not the one given as `VerifyOptions.expectedSecretId`.
        public static let secretIdMismatch = Code(rawValue: "secret-id-mismatch")
        /// With the server's error response: its string-to-sign differs from ours.
        public static let serverStringToSignDiffers = Code(rawValue: "server-string-to-sign-differs")
        /// Self-consistent request, no known mistake reproduces it: the secret key is likely wrong.
        public static let wrongSecretLikely = Code(rawValue: "wrong-secret-likely")

        // Codes added beyond the interface table (the table is open to additions).

        /// The Authorization header is not in the documented layout, or lacks a part.
        public static let authorizationMalformed = Code(rawValue: "authorization-malformed")
        /// A header or parameter the algorithm requires is absent.
        public static let requiredHeaderMissing = Code(rawValue: "required-header-missing")
        /// The timestamp is not readable (not Unix seconds, or in milliseconds).
        public static let timestampInvalid = Code(rawValue: "timestamp-invalid")
        /// The signature matches another host than the one sent (global, regional, intl domain).
        public static let hostChanged = Code(rawValue: "host-changed")
        /// The signature matches the query string encoded or ordered differently from the one sent.
        public static let queryReencoded = Code(rawValue: "query-reencoded")
        /// The secret key (given, or the one the client used) has surrounding whitespace.
        public static let secretHasWhitespace = Code(rawValue: "secret-has-whitespace")
        /// The request's SecretId / AccessKeyId is empty.
        public static let secretIdEmpty = Code(rawValue: "secret-id-empty")
        /// A session token is used but the request does not carry it where the algorithm needs it.
        public static let tokenHeaderMissing = Code(rawValue: "token-header-missing")
        /// The Signature in the URL or body is percent-encoded twice (`%252B`).
        public static let signatureDoubleEncoded = Code(rawValue: "signature-double-encoded")
        /// Tencent v1: the string to sign was built from URL-encoded values instead of raw ones.
        public static let valuesEncodedInStringToSign = Code(rawValue: "values-encoded-in-string-to-sign")
        /// Tencent v1: the HMAC's hash is not the one `SignatureMethod` names.
        public static let signatureMethodMismatch = Code(rawValue: "signature-method-mismatch")
        /// ACS3: the signature matches only with signed header values lowercased (TC3's rule, not ACS3's).
        public static let headerValueLowercased = Code(rawValue: "header-value-lowercased")
        /// The signature is right for the given secret, yet the server rejected it as a wrong signature:
        /// the server holds another secret for the key id (rotated, another account) or the request changed in transit.
        public static let serverHoldsAnotherSecret = Code(rawValue: "server-holds-another-secret")
        /// The signature is right for the given secret, yet the server does not know the key id
        /// (`AuthFailure.SecretIdNotFound`, `InvalidAccessKeyId.NotFound`): deleted, disabled or mistyped.
        public static let keyIdUnknownToServer = Code(rawValue: "key-id-unknown-to-server")
        /// The signature is right, yet the server had seen the request's nonce already
        /// (`SignatureNonceUsed`): the same signed request sent twice, or nonces that repeat.
        public static let nonceReused = Code(rawValue: "nonce-reused")
        /// The request carries another session token than the one given (`VerifyOptions.token`).
        public static let tokenMismatch = Code(rawValue: "token-mismatch")
        /// The signature matches a timestamp a few seconds from the one sent: it was changed after signing.
        public static let timestampChangedAfterSigning = Code(rawValue: "timestamp-changed-after-signing")
        /// `Content-Length` is shorter than the body: the server reads a truncated body.
        public static let bodyTruncated = Code(rawValue: "body-truncated")
        /// A header the signature or the server depends on is sent more than once.
        public static let duplicateHeader = Code(rawValue: "duplicate-header")
    }

    /// How serious a finding is.
    public enum Severity: String, Sendable, Equatable, Comparable {
        /// The server rejects the request because of this (or it explains the mismatch).
        case error
        /// Suspicious, and worth fixing, but not by itself a rejection.
        case warning
        /// Context.
        case info

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }

        /// Errors sort first.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The finding's code.
    public var code: Code
    /// How serious it is.
    public var severity: Severity
    /// One or a few sentences: the evidence, and the fix; every input it mentions named
    /// structurally (the CLI words `.token` as `--token`).
    public var text: SigScopeMessage
    /// True when recomputing with this mistake reproduces the provided signature exactly.
    public var reproducesSignature: Bool

    /// `text` in the library's words.
    public var message: String {
        get { text.description }
        set { text = SigScopeMessage(verbatim: newValue) }
    }

    /// The inputs the finding is about (the session token given, the expected key id, …), if any.
    public var subjects: [SigScopeError.Subject] { text.subjects }

    /// Creates a finding whose sentences name inputs structurally.
    public init(_ code: Code, _ severity: Severity, _ text: SigScopeMessage, reproducesSignature: Bool = false) {
        self.code = code
        self.severity = severity
        self.text = text
        self.reproducesSignature = reproducesSignature
    }

    /// Creates a finding.
    public init(_ code: Code, _ severity: Severity, _ message: String, reproducesSignature: Bool = false) {
        self.init(code, severity, SigScopeMessage(verbatim: message), reproducesSignature: reproducesSignature)
    }
}

/// Findings keyed by code, in the order first reported; reporting a code again merges the
/// messages and keeps the more serious severity.
struct FindingList {
    private(set) var findings: [VerifyFinding] = []

    mutating func add(_ finding: VerifyFinding) {
        if let index = findings.firstIndex(where: { $0.code == finding.code }) {
            var merged = findings[index]
            // One explanation and one fix per code: the evidence that reproduces the signature
            // replaces a check's; a second check's evidence is added without repeating its fix.
            if finding.reproducesSignature && !merged.reproducesSignature {
                merged.text = finding.text
            } else if !merged.message.contains(finding.message), !finding.reproducesSignature || !merged.reproducesSignature {
                let evidence = finding.text.split(atFirst: " Fix: ")?.before ?? finding.text
                if !merged.text.contains(evidence.description) {
                    merged.text = Self.insert(evidence, before: merged.text)
                }
            }
            merged.severity = min(merged.severity, finding.severity)
            merged.reproducesSignature = merged.reproducesSignature || finding.reproducesSignature
            findings[index] = merged
        } else {
            findings.append(finding)
        }
    }

    mutating func add(_ code: VerifyFinding.Code, _ severity: VerifyFinding.Severity, _ message: String, reproduces: Bool = false) {
        add(VerifyFinding(code, severity, message, reproducesSignature: reproduces))
    }

    mutating func add(_ code: VerifyFinding.Code, _ severity: VerifyFinding.Severity, _ text: SigScopeMessage, reproduces: Bool = false) {
        add(VerifyFinding(code, severity, text, reproducesSignature: reproduces))
    }

    /// `message` with `evidence` added before its "Fix:" (or at its end when it has none).
    static func insert(_ evidence: SigScopeMessage, before message: SigScopeMessage) -> SigScopeMessage {
        guard let (before, rest) = message.split(atFirst: " Fix: ") else { return message + " " + evidence }
        return before + " " + evidence + rest
    }

    func contains(_ code: VerifyFinding.Code) -> Bool {
        findings.contains { $0.code == code }
    }

    var hasErrors: Bool {
        findings.contains { $0.severity == .error }
    }

    /// signature-mismatch first, then reproduced causes, then the rest by severity, stable.
    var ordered: [VerifyFinding] {
        let indexed = findings.enumerated().map { ($0.offset, $0.element) }
        return indexed.sorted { a, b in
            func rank(_ f: VerifyFinding) -> Int {
                if f.code == .signatureMismatch { return 0 }
                // A timestamp that cannot be read comes before anything computed from it.
                if f.code == .timestampInvalid { return 1 }
                if f.reproducesSignature { return 1 }
                return f.severity == .error ? 2 : f.severity == .warning ? 3 : 4
            }
            let ra = rank(a.1), rb = rank(b.1)
            return ra != rb ? ra < rb : a.0 < b.0
        }.map(\.1)
    }
}
