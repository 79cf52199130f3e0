/// TC3-HMAC-SHA256: the signer's own stages are the scheme (`TC3Signer.compute(_:secretKey:variant:)`).
extension TC3Signer: SignatureScheme {}

extension TC3Signer.Variant: SchemeVariant {}
extension TC3Signer.Computation: SchemeComputation {}
