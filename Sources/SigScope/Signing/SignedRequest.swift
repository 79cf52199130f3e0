/// One stage of a signature computation, named as in the provider's specification.
public struct SigningStep: Sendable, Equatable {
    /// What a stage is, the same for every signature of an algorithm: its name, title, formula
    /// and note. Kept in one shared box, so a step costs one retain to copy, not five.
    public final class Kind: Sendable {
        public let name: String
        public let title: String
        public let formula: String
        public let note: String?
        public let isDerivedKey: Bool

        public init(name: String, title: String, formula: String, isDerivedKey: Bool = false, note: String? = nil) {
            self.name = name
            self.title = title
            self.formula = formula
            self.isDerivedKey = isDerivedKey
            self.note = note
        }
    }

    /// What this stage is. A kind made for one signature is held by `owner`; the shared kinds
    /// of a signer's `static let`s live as long as the process and are not reference-counted,
    /// so copying a step from two threads at once never writes to the same memory.
    public var kind: Kind { owner ?? _kind }
    private unowned(unsafe) let _kind: Kind
    private let owner: Kind?
    /// The exact value.
    public var value: String

    /// The step's name in the JSON output (`canonicalRequest`, `stringToSign`, …).
    public var name: String { _kind.name }
    /// A short title for people (`Canonical request`).
    public var title: String { _kind.title }
    /// The stage's formula in one line.
    public var formula: String { _kind.formula }
    /// A derived signing key: shortened in output unless secrets are shown.
    public var isDerivedKey: Bool { _kind.isDerivedKey }
    /// An optional sentence that explains something a reader might not expect.
    public var note: String? { _kind.note }

    /// A step of a kind that lives as long as the process (a signer's `static let`).
    init(shared kind: Kind, value: String) {
        _kind = kind
        owner = nil
        self.value = value
    }

    public init(_ kind: Kind, value: String) {
        _kind = kind
        owner = kind
        self.value = value
    }

    public init(name: String, title: String, formula: String, value: String, isDerivedKey: Bool = false, note: String? = nil) {
        self.init(Kind(name: name, title: title, formula: formula, isDerivedKey: isDerivedKey, note: note), value: value)
    }

    public static func == (lhs: SigningStep, rhs: SigningStep) -> Bool {
        lhs.value == rhs.value && (lhs.kind === rhs.kind
            || (lhs.name == rhs.name && lhs.title == rhs.title && lhs.formula == rhs.formula && lhs.note == rhs.note && lhs.isDerivedKey == rhs.isDerivedKey))
    }
}

/// A signed request: every stage of the computation, the signature, and the request as sent.
public struct SignedRequest: Sendable, Equatable {
    public var provider: Provider
    public var algorithm: SignatureAlgorithm
    /// The stages, in the order they are computed.
    public var steps: [SigningStep]
    /// The final signature (hex for TC3/ACS3, Base64 for v1/RPC), not URL-encoded.
    public var signature: String
    /// Exactly what goes on the wire.
    public var request: SentRequest
    /// Remarks about choices made while building the request (defaults used, and so on).
    public var notes: [SigScopeMessage]

    public init(provider: Provider, algorithm: SignatureAlgorithm, steps: [SigningStep], signature: String, request: SentRequest, notes: [SigScopeMessage] = []) {
        self.provider = provider
        self.algorithm = algorithm
        self.steps = steps
        self.signature = signature
        self.request = request
        self.notes = notes
    }

    /// The value of the step named `name`.
    public func step(_ name: String) -> String? {
        steps.first(where: { $0.name == name })?.value
    }
}

/// How to sign: everything beyond the API request itself. Clock and nonce are inputs, never read here.
public struct SigningOptions: Sendable, Equatable {
    /// nil: the provider's default (`tc3`, `rpc`).
    public var algorithm: SignatureAlgorithm?
    /// nil: the algorithm's default.
    public var method: HTTPMethod?
    /// nil: the provider's default endpoint.
    public var endpoint: String?
    /// TC3 credential-scope service; nil: the endpoint's first label.
    public var service: String?
    /// nil: the provider's default version.
    public var apiVersion: String?
    /// Exact body bytes to sign and send instead of serializing the params.
    public var body: [UInt8]?
    /// The Content-Type to send and sign instead of the default.
    public var contentType: String?
    /// Headers to sign beyond the mandatory ones (TC3, ACS3), lower- or mixed-case names.
    public var extraSignedHeaders: [String]
    /// Tencent `X-TC-Language` (`zh-CN`, `en-US`), sent when given.
    public var language: String?
    /// The signing instant.
    public var timestamp: Timestamp
    /// Alibaba `SignatureNonce` / `x-acs-signature-nonce`, Tencent v1 `Nonce`.
    public var nonce: String?

    public init(timestamp: Timestamp, algorithm: SignatureAlgorithm? = nil, method: HTTPMethod? = nil, endpoint: String? = nil,
                service: String? = nil, apiVersion: String? = nil, body: [UInt8]? = nil, contentType: String? = nil,
                extraSignedHeaders: [String] = [], language: String? = nil, nonce: String? = nil) {
        self.timestamp = timestamp
        self.algorithm = algorithm
        self.method = method
        self.endpoint = endpoint
        self.service = service
        self.apiVersion = apiVersion
        self.body = body
        self.contentType = contentType
        self.extraSignedHeaders = extraSignedHeaders
        self.language = language
        self.nonce = nonce
    }
}

/// Signs an `APIRequest` with the algorithm the options (or the provider's default) name.
public enum Signer {
    /// Builds the wire request and signs it, recording every stage.
    /// - Throws: `SigScopeError` for an algorithm of the other provider or options that
    ///   cannot be combined; `.crypto` if libcrypto fails.
    public static func sign(_ request: APIRequest, options: SigningOptions, credentials: Credentials) throws(SigScopeError) -> SignedRequest {
        try sign(request, options: options, credentials: credentials, contexts: nil)
    }

    /// `sign`, through a batch worker's own libcrypto contexts (RPC keeps its HMAC key ready in them).
    package static func sign(_ request: APIRequest, options: SigningOptions, credentials: Credentials, contexts: CryptoContexts?) throws(SigScopeError) -> SignedRequest {
        let algorithm = options.algorithm ?? request.provider.defaultAlgorithm
        guard algorithm.provider == request.provider else {
            let valid = SignatureAlgorithm.allCases.filter { $0.provider == request.provider }.map(\.rawValue).joined(separator: ", ")
            throw SigScopeError(.invalidOption, "\(.algorithm) \(algorithm.rawValue) is \(algorithm.provider.displayNameWithArticle) algorithm; for \(request.provider.rawValue) use one of: \(valid)")
        }
        switch algorithm {
        case .tc3:
            try refuseCommonParameters(request, algorithm: .tc3)
            return try TC3Signer.sign(request, options: options, credentials: credentials)
        case .hmacSHA1, .hmacSHA256:
            return try V1Signer.sign(request, algorithm: algorithm, options: options, credentials: credentials)
        case .rpc:
            return try RPCSigner.sign(request, options: options, credentials: credentials, contexts: contexts)
        case .acs3:
            try refuseCommonParameters(request, algorithm: .acs3)
            return try ACS3Signer.sign(request, options: options, credentials: credentials)
        }
    }

    /// Refuses a request whose params set a common parameter, one the signer sets itself from
    /// options and credentials (Tencent `Action`, `Region`, `Timestamp`, `Nonce`, `SecretId`,
    /// `Version`, `Signature`, …; Alibaba `AccessKeyId`, `SignatureNonce`, `Timestamp`, …), naming
    /// the option to use. TC3 and ACS3 carry them as headers, and a copy in the body or query
    /// would be a second, unsigned-by-design value the server reads as a business parameter, so
    /// they are refused as Tencent v1 and Alibaba RPC refuse them (`V1Signer`, `RPCSigner`).
    /// Alibaba's `Format` stays allowed: it chooses the response format (JSON or XML).
    package static func refuseCommonParameters(_ request: APIRequest, algorithm: SignatureAlgorithm) throws(SigScopeError) {
        for member in request.params.members {
            let name = member.key
            // Most names are none of these: a switch over short literals settles that without
            // hashing (this runs for every line of a batch).
            switch name {
            case "Action", "Region", "Timestamp", "Nonce", "SecretId", "Version", "Signature", "SignatureMethod", "Token", "Language",
                 "AccessKeyId", "SignatureNonce", "SignatureVersion", "SecurityToken":
                break
            default:
                continue
            }
            let instead: SigScopeMessage?
            switch algorithm {
            case .tc3:
                switch name {
                case "Nonce": instead = "nothing: TC3 has no nonce; only signature v1 sends one, set with \(.nonce)"
                case "SignatureMethod": instead = "\(.algorithm) (tc3 signs with TC3-HMAC-SHA256)"
                default: instead = V1Signer.reservedParameterNames[name]
                }
            case .acs3:
                switch name {
                case "SignatureMethod", "SignatureVersion": instead = "\(.algorithm) acs3 (it signs with ACS3-HMAC-SHA256 and names it in the Authorization header)"
                case "Timestamp": instead = "\(.timestamp) (sent as x-acs-date)"
                case "SignatureNonce": instead = "\(.nonce) (sent as x-acs-signature-nonce)"
                default: instead = RPCSigner.reservedParameterNames[name]
                }
            default:
                instead = nil
            }
            if let instead {
                throw SigScopeError.commonParameter(name, instead: instead)
            }
        }
    }
}

extension SigScopeError {
    /// A common parameter given among the params: what to do instead (`instead` is an option,
    /// or "nothing: why" when sigscope sets it with no option).
    static func commonParameter(_ name: String, instead: SigScopeMessage) -> SigScopeError {
        var why = instead
        if case .text(let first)? = why.pieces.first, first.hasPrefix("nothing: ") {
            why.pieces[0] = .text(String(first.dropFirst("nothing: ".count)))
            return SigScopeError(.invalidOption, "the parameter \"\(name)\" is a common parameter that sigscope sets itself; remove it from the params (\(why))" as SigScopeMessage)
        }
        return SigScopeError(.invalidOption, "the parameter \"\(name)\" is a common parameter that sigscope sets itself; remove it from the params and use \(instead)" as SigScopeMessage)
    }
}
