/// Alibaba RPC (HMAC-SHA1, SignatureVersion 1.0): the signer's own stages are the scheme
/// (`RPCSigner.compute(_:secretKey:variant:)`, without a batch worker's contexts).
extension RPCSigner: SignatureScheme {}

extension RPCSigner.Variant: SchemeVariant {}
extension RPCSigner.Computation: SchemeComputation {}
