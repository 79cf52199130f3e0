/// Alibaba ACS3-HMAC-SHA256 (signature V3): `ACS3Signer.compute` is the scheme's computation.
extension ACS3Signer: SignatureScheme {}
extension ACS3Signer.Variant: SchemeVariant {}
extension ACS3Signer.Computation: SchemeComputation {}
