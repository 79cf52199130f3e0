/// What `verify` needs besides the captured request. Nothing here is read from the
/// environment or the clock: the executable supplies it.
public struct VerifyOptions: Sendable, Equatable {
    /// The secret key to recompute with. Never printed.
    public var secretKey: SecretKey
    /// The key id the user expects the request to carry (``SigScopeError/Subject/secretId`` in messages); nil: not checked.
    public var expectedSecretId: String?
    /// A session token the user says is in use (``SigScopeError/Subject/token`` in messages); nil: not checked.
    public var token: String?
    /// The instant to judge the timestamp against (``SigScopeError/Subject/now`` in messages); nil: expiry not checked.
    public var now: Timestamp?
    /// True when `now` is the executable's clock rather than an instant the user gave, so a
    /// finding says "the clock" instead of naming an option the user never passed.
    public var nowIsClock: Bool = false
    /// The string-to-sign the server reported in its error (``SigScopeError/Subject/serverError`` in messages), when known.
    public var serverStringToSign: String?
    /// The error code the server answered the request with (``SigScopeError/Subject/serverError``), when known:
    /// a signature rejection (`AuthFailure.SignatureFailure`, `SignatureDoesNotMatch`,
    /// `IncompleteSignature`) of a signature that verifies means the server holds another secret.
    public var serverErrorCode: String?
    /// The TC3 credential-scope service to expect, instead of the one the endpoint implies
    /// (a local endpoint serving one product); nil: from the endpoint.
    public var service: String?

    /// Creates options.
    public init(secretKey: SecretKey, expectedSecretId: String? = nil, token: String? = nil, now: Timestamp? = nil, serverStringToSign: String? = nil,
                serverErrorCode: String? = nil, service: String? = nil) {
        self.secretKey = secretKey
        self.expectedSecretId = expectedSecretId
        self.token = token
        self.now = now
        self.serverStringToSign = serverStringToSign
        self.serverErrorCode = serverErrorCode
        self.service = service
    }
}

/// One stage of the recomputation, with the value the capture itself states for it, if any.
public struct VerifyStep: Sendable, Equatable {
    /// The stage as recomputed from the request's facts.
    public var computed: SigningStep
    /// The value the capture states for this stage (the signature, the Authorization header,
    /// the credential scope, a payload hash header, the server's string-to-sign); nil when it states none.
    public var provided: String?

    /// Creates a step.
    public init(computed: SigningStep, provided: String? = nil) {
        self.computed = computed
        self.provided = provided
    }

    /// The stage's name in the JSON contract.
    public var name: String { computed.name }

    /// Whether the provided value equals the computed one; nil when nothing is provided.
    public var agrees: Bool? {
        provided.map { $0 == computed.value }
    }
}

/// The result of verifying a captured request.
public struct VerifyReport: Sendable, Equatable {
    /// True when the server would accept the request: the signature recomputed from the
    /// request's own facts equals the provided one and no finding is an error.
    public var match: Bool
    /// The provider the request is for.
    public var provider: Provider
    /// The signature algorithm detected.
    public var algorithm: SignatureAlgorithm
    /// The signature the request carries, nil when it carries none that can be read.
    public var providedSignature: String?
    /// The signature recomputed from the request's facts with the given secret.
    public var computedSignature: String
    /// Every stage of the recomputation, with provided values where the capture states them.
    public var steps: [VerifyStep]
    /// Conclusions, most important first.
    public var findings: [VerifyFinding]
    /// The request as read from the capture.
    public var request: SentRequest
    /// Remarks about assumptions made while recomputing.
    public var notes: [SigScopeMessage]

    /// Creates a report.
    public init(match: Bool, provider: Provider, algorithm: SignatureAlgorithm, providedSignature: String?, computedSignature: String,
                steps: [VerifyStep], findings: [VerifyFinding], request: SentRequest, notes: [SigScopeMessage] = []) {
        self.match = match
        self.provider = provider
        self.algorithm = algorithm
        self.providedSignature = providedSignature
        self.computedSignature = computedSignature
        self.steps = steps
        self.findings = findings
        self.request = request
        self.notes = notes
    }

    /// The finding with `code`, if reported.
    public func finding(_ code: VerifyFinding.Code) -> VerifyFinding? {
        findings.first { $0.code == code }
    }
}
