/// Alibaba RPC (HMAC-SHA1, SignatureVersion 1.0): the signer's own stages are the scheme, without a key cache.
extension RPCSigner: SignatureScheme {
    static func compute(_ input: Input, secretKey: SecretKey, variant: Variant) throws(SigScopeError) -> Computation {
        try compute(input, secretKey: secretKey, variant: variant, cache: nil)
    }
}

extension RPCSigner.Variant: SchemeVariant {}
extension RPCSigner.Computation: SchemeComputation {}
