/// TC3-HMAC-SHA256: the signer's own stages are the scheme (the batch's key cache is not used here).
extension TC3Signer: SignatureScheme {
    static func compute(_ input: Input, secretKey: SecretKey, variant: Variant) throws(SigScopeError) -> Computation {
        try compute(input, secretKey: secretKey, variant: variant, cache: nil)
    }
}

extension TC3Signer.Variant: SchemeVariant {}
extension TC3Signer.Computation: SchemeComputation {}
