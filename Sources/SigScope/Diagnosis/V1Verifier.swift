/// Verifies a Tencent Cloud signature v1 (HmacSHA1 / HmacSHA256) request and explains a mismatch.
///
/// The signed parameters are those the server receives (the query's, and a form body's),
/// percent-decoded, `Signature` excluded; the host is the `Host` sent; the hash is the one
/// `SignatureMethod` names. On a mismatch the search replays the other method, URL-encoded
/// values in the string to sign, the other hash, another host and whitespace around the secret.
enum V1Verifier {
    static let window: Int64 = 300

    typealias Trial = SigScope.Trial<V1Signer>

    static let requiredParameters = ["Action", "Nonce", "SecretId", "Timestamp", "Version"]

    static func verify(_ request: SentRequest, algorithm: SignatureAlgorithm, options: VerifyOptions) throws(SigScopeError) -> VerifyReport {
        var findings = FindingList()
        var notes: [SigScopeMessage] = []
        let (all, _) = VerifierSupport.parameters(request)
        let provided = all.first { $0.name == "Signature" }?.value
        let params = all.filter { $0.name != "Signature" }
        func value(_ name: String) -> String? { params.first { $0.name == name }?.value }
        let host = (request.header("Host") ?? request.host).trimmingASCIIWhitespace()
        let hash = V1Signer.hashAlgorithm(signatureMethod: value("SignatureMethod"))
        let input = V1Signer.Input(method: request.method, host: host, parameters: params, algorithm: hash)
        let computation = try V1Signer.compute(input, secretKey: options.secretKey)

        for name in requiredParameters where value(name) == nil {
            findings.add(.requiredHeaderMissing, .error, "The request has no \(name) parameter, which every v1 request must carry.")
        }
        if let method = value("SignatureMethod"), method != "HmacSHA256", method != "HmacSHA1" {
            notes.append("SignatureMethod \"\(method)\" is neither HmacSHA256 nor HmacSHA1: Tencent then signs with HmacSHA1, as recomputed here")
        }
        let timestamp = VerifierSupport.unixSeconds(value("Timestamp"), name: "Timestamp", example: "1465185768", into: &findings)
        VerifierSupport.checkExpiry(timestamp, shown: "Timestamp \(value("Timestamp") ?? "")", options: options, window: window,
                                    rule: "Tencent accepts 5 minutes either way and answers AuthFailure.SignatureExpire", into: &findings)
        VerifierSupport.checkKeyId(value("SecretId"), label: "SecretId", options: options, into: &findings)
        VerifierSupport.checkToken(value("Token"), name: "Token", place: "Token parameter", options: options, into: &findings)
        VerifierSupport.checkSecretLint(options, into: &findings)
        VerifierSupport.checkDuplicateHeaders(request.headers, signed: [], prefix: ProviderProfile.tencent.headerPrefix, into: &findings)
        let wire = request.query + "&" + (SignatureDetector.isFormBody(request) ? request.bodyText : "")
        if containsLowercaseEscape(wire) {
            findings.add(.lowercasePercentHex, .warning, "The request's URL-encoding uses lowercase hex digits (such as %2f); Tencent's v1 documentation requires uppercase and warns that lowercase causes errors. Fix: encode with uppercase hex.")
        }

        let run = Recomputation.signatureParameter(base: Trial(input, secret: options.secretKey), computation: computation, provided: provided, request: request,
                                                   rule: "Tencent's v1 signature is Base64, sent URL-encoded exactly once.", keyId: value("SecretId"), keyLabel: "SecretId")
        let outcome = Verification.compare(run, mistakes: { mistakes(input: input, region: value("Region"), secret: options.secretKey) },
                                           options: options, into: &findings)
        return Verification.report(run, outcome: outcome, algorithm: algorithm, stated: provided.map { ["signature": $0] } ?? [:],
                                   findings: findings, request: request, notes: notes)
    }

    /// True when `text` has a percent-escape with a lowercase hex letter.
    static func containsLowercaseEscape(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var i = 0
        while i + 2 < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), Hex.value(bytes[i + 1]) != nil, Hex.value(bytes[i + 2]) != nil {
                if (bytes[i + 1] >= 0x61 && bytes[i + 1] <= 0x66) || (bytes[i + 2] >= 0x61 && bytes[i + 2] <= 0x66) { return true }
                i += 3
            } else {
                i += 1
            }
        }
        return false
    }

    static func mistakes(input: V1Signer.Input, region: String?, secret: SecretKey) -> [Mistake<Trial>] {
        var list: [Mistake<Trial>] = []
        list += CommonMistakes.otherMethod(sent: input.method, place: "at the start of the string to sign") { $0.input.method = $1 }
        let encoders: [(PercentEncoder, String)] = [
            (.rfc3986, "RFC 3986"),
            (PercentEncoder(spaceAsPlus: true), "form encoding (space as +)"),
            (PercentEncoder(uppercaseHex: false), "RFC 3986 with lowercase hex"),
        ]
        for (encoder, name) in encoders {
            var findings = [VerifyFinding(.valuesEncodedInStringToSign, .error, "The provided signature is reproduced exactly when the string to sign is built from URL-encoded values (\(name)); v1 signs the raw values (a space stays a space) and URL-encodes them only on the wire. Fix: build the string to sign from the raw parameter values.")]
            if !encoder.uppercaseHex {
                findings.append(VerifyFinding(.lowercasePercentHex, .error, "The values in the string to sign were percent-encoded with lowercase hex digits (such as %2f). Fix: sign raw values; on the wire use uppercase hex."))
            }
            list.append(Mistake(dimension: "values", summary: "values encoded (\(name)) in the string to sign", apply: { $0.variant = V1Signer.Variant(encoder: encoder, encodeValuesInStringToSign: true) }, findings: findings))
        }
        let otherHash: HashAlgorithm = input.algorithm == .sha1 ? .sha256 : .sha1
        let named = input.algorithm == .sha1 ? "HmacSHA1 (SignatureMethod absent or not exactly HmacSHA256)" : "HmacSHA256"
        list.append(Mistake(dimension: "hash", summary: "HMAC-\(otherHash.rawValue)", apply: { $0.input.algorithm = otherHash },
                            finding: VerifyFinding(.signatureMethodMismatch, .error, "The provided signature is reproduced exactly with HMAC-\(otherHash.rawValue), but the request's SignatureMethod makes the server use \(named). Fix: send SignatureMethod=HmacSHA256 exactly when signing with HMAC-SHA256 (it is case-sensitive).")))
        let service = input.host.split(separator: ".").first.map(String.init) ?? "vpc"
        var hosts = ProviderProfile.tencent.endpoints(product: service, region: region)
        let hostname = Endpoint(host: input.host).hostname
        if hostname != input.host { hosts.append(hostname) }
        list += CommonMistakes.otherHosts(hosts, sent: input.host, place: " in the string to sign") { $0.input.host = $1 }
        list += CommonMistakes.secretWhitespace(secret)
        return list
    }
}
