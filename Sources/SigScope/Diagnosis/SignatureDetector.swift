/// Which provider and signature algorithm a captured request uses.
package struct DetectedSignature: Sendable, Equatable {
    /// The provider.
    package var provider: Provider
    /// The algorithm.
    package var algorithm: SignatureAlgorithm
    /// What in the request gave it away, for people.
    package var evidence: String

    /// Creates a detection result.
    package init(provider: Provider, algorithm: SignatureAlgorithm, evidence: String) {
        self.provider = provider
        self.algorithm = algorithm
        self.evidence = evidence
    }
}

/// Tells the provider and algorithm from a request: the `Authorization` prefix
/// (`TC3-HMAC-SHA256`, `ACS3-HMAC-SHA256`), else the `Signature` parameter and its
/// companions (`SignatureVersion`/`AccessKeyId` for Alibaba RPC, `SecretId`/`Nonce` for
/// Tencent v1, whose `SignatureMethod` picks HmacSHA1 or HmacSHA256).
package enum SignatureDetector {
    /// Detects the signature scheme of `request`.
    /// - Throws: `SigScopeError.invalidCapture` when the request carries no signature sigscope knows.
    package static func detect(_ request: SentRequest) throws(SigScopeError) -> DetectedSignature {
        let authorization = request.header("Authorization")?.trimmingASCIIWhitespace() ?? ""
        if authorization.hasPrefix(TC3Signer.algorithmName) {
            return DetectedSignature(provider: .tencent, algorithm: .tc3, evidence: "Authorization starts with TC3-HMAC-SHA256")
        }
        if authorization.hasPrefix("ACS3-HMAC-SHA256") {
            return DetectedSignature(provider: .aliyun, algorithm: .acs3, evidence: "Authorization starts with ACS3-HMAC-SHA256")
        }
        let params = parameters(of: request)
        let names = Set(params.map(\.name))
        if names.contains("Signature") {
            let method = params.first(where: { $0.name == "SignatureMethod" })?.value
            if names.contains("SignatureVersion") || names.contains("AccessKeyId") || method == "HMAC-SHA1" {
                return DetectedSignature(provider: .aliyun, algorithm: .rpc, evidence: "Signature parameter with AccessKeyId/SignatureVersion (Alibaba RPC)")
            }
            if names.contains("SecretId") || names.contains("Nonce") || method == "HmacSHA1" || method == "HmacSHA256" {
                let algorithm: SignatureAlgorithm = method == "HmacSHA256" ? .hmacSHA256 : .hmacSHA1
                return DetectedSignature(provider: .tencent, algorithm: algorithm, evidence: "Signature parameter with SecretId/Nonce (Tencent signature v1, \(algorithm.specName))")
            }
        }
        let hostname = Endpoint(host: request.header("Host") ?? request.host).hostname.lowercased()
        let provider = Provider.owning(hostname: hostname)?.profile.displayNameWithArticle ?? "a"
        if !authorization.isEmpty {
            let scheme = authorization.split(separator: " ").first.map(String.init) ?? authorization
            throw SigScopeError(.invalidCapture, "the request to \(hostname) is \(provider) request whose Authorization scheme \"\(scheme)\" is none of TC3-HMAC-SHA256 and ACS3-HMAC-SHA256, and it has no Signature parameter; sigscope verifies TC3, Tencent v1, Alibaba RPC and ACS3 signatures")
        }
        throw SigScopeError(.invalidCapture, "the request to \(hostname) carries no signature: no Authorization header (TC3-HMAC-SHA256, ACS3-HMAC-SHA256) and no Signature parameter (Tencent v1, Alibaba RPC) in the query or a form body")
    }

    /// The query's parameters followed by a form body's, decoded (`+` as space in the body).
    package static func parameters(of request: SentRequest) -> [(name: String, value: String)] {
        var params = request.queryItems()
        if isFormBody(request) {
            params += FormCodec.decode(request.bodyText, plusAsSpace: true)
        }
        return params
    }

    /// True when the body is `application/x-www-form-urlencoded` (by Content-Type).
    package static func isFormBody(_ request: SentRequest) -> Bool {
        guard !request.body.isEmpty else { return false }
        let type = request.header("Content-Type")?.lowercased() ?? ""
        return type.hasPrefix("application/x-www-form-urlencoded")
    }
}
