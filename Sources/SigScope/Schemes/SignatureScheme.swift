/// One signature algorithm as verification and the mistake search see it.
///
/// A scheme names three values: `Input`, every fact of a request the signature depends on
/// (taken from the request as sent); `Variant`, the ways a client may deviate from the
/// specification (`specification` is none); and `Computation`, every intermediate value of
/// one run. `compute` calls the provider's signer, so the code that reproduces a client's
/// mistake is the same code that signs correctly.
///
/// `Verification` (the comparison, the encoding checks, the conclusion) and `Forensics`
/// (the mistake search) are written once over this protocol. A new algorithm conforms here,
/// in its own file beside the four in `Tencent/` and `Aliyun/`: the signer itself conforms.
protocol SignatureScheme {
    /// The facts of a request the signature depends on.
    associatedtype Input
    /// The deviations from the specification the mistake search can apply.
    associatedtype Variant: SchemeVariant
    /// Every intermediate value of one computation.
    associatedtype Computation: SchemeComputation

    /// Runs every stage of the algorithm.
    /// - Throws: `SigScopeError.crypto` if libcrypto fails.
    static func compute(_ input: Input, secretKey: SecretKey, variant: Variant) throws(SigScopeError) -> Computation
}

/// A scheme's deviations from its specification.
protocol SchemeVariant {
    /// No deviation: the algorithm as specified.
    static var specification: Self { get }
}

/// What verification reads from any scheme's computation.
protocol SchemeComputation {
    /// The signature, as the request carries it when signed correctly.
    var signature: String { get }
    /// The string the HMAC signs (what a server quotes in its error).
    var stringToSign: String { get }
    /// The stages as trace steps, with the names of the JSON contract.
    var steps: [SigningStep] { get }
}

/// The inputs of one computation, as the mistake search varies them.
struct Trial<Scheme: SignatureScheme> {
    var input: Scheme.Input
    var variant: Scheme.Variant
    var secret: SecretKey

    /// The computation as specified, with `secret`.
    init(_ input: Scheme.Input, secret: SecretKey) {
        self.input = input
        self.variant = Scheme.Variant.specification
        self.secret = secret
    }

    /// Runs the scheme on these inputs.
    func compute() throws(SigScopeError) -> Scheme.Computation {
        try Scheme.compute(input, secretKey: secret, variant: variant)
    }
}
