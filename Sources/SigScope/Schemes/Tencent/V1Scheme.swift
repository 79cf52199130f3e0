/// Tencent signature v1 (HmacSHA1 / HmacSHA256): `V1Signer.compute` is the scheme's computation.
extension V1Signer: SignatureScheme {}
extension V1Signer.Variant: SchemeVariant {}
extension V1Signer.Computation: SchemeComputation {}
