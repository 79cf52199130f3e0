/// Verifies a Tencent Cloud signature v1 (HmacSHA1 / HmacSHA256) request and explains a mismatch.
///
/// The signed parameters are those the server receives (the query's, and a form body's),
/// percent-decoded, `Signature` excluded; the host is the `Host` sent; the hash is the one
/// `SignatureMethod` names. On a mismatch the search replays the other method, URL-encoded
/// values in the string to sign, the other hash, another host and whitespace around the secret.
enum V1Verifier {
    static let window: Int64 = 300

    struct Trial {
        var input: V1Signer.Input
        var variant: V1Signer.Variant
        var secret: SecretKey
    }

    static let requiredParameters = ["Action", "Nonce", "SecretId", "Timestamp", "Version"]

    static func verify(_ request: HTTPRequest, algorithm: SignatureAlgorithm, options: VerifyOptions) throws(SigScopeError) -> VerifyReport {
        var findings = FindingList()
        var notes: [String] = []
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
        var timestamp: Timestamp?
        if let text = value("Timestamp") {
            if let seconds = Int64(text), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                timestamp = Timestamp(unixSeconds: seconds)
                if seconds > 100_000_000_000 {
                    findings.add(.timestampInvalid, .error, "Timestamp \(text) is in milliseconds; Tencent expects Unix seconds (\(seconds / 1000)). Fix: send int(time.time()).")
                }
            } else {
                findings.add(.timestampInvalid, .error, "Timestamp \"\(text)\" is not Unix seconds (a decimal integer such as 1465185768). Fix: send the current Unix time in seconds.")
            }
        }
        VerifierSupport.checkExpiry(timestamp, shown: "Timestamp \(value("Timestamp") ?? "")", options: options, window: window,
                                    rule: "Tencent accepts 5 minutes either way and answers AuthFailure.SignatureExpire", into: &findings)
        VerifierSupport.checkKeyId(value("SecretId"), label: "SecretId", options: options, into: &findings)
        if let token = options.token, !token.isEmpty, value("Token") == nil {
            findings.add(.tokenHeaderMissing, .error, "A session token was given (--token) but the request has no Token parameter; temporary credentials are rejected without it. Fix: send the token as Token.")
        }
        VerifierSupport.checkSecretLint(options, into: &findings)
        let wire = request.query + "&" + (SignatureDetector.isFormBody(request) ? request.bodyText : "")
        if containsLowercaseEscape(wire) {
            findings.add(.lowercasePercentHex, .warning, "The request's URL-encoding uses lowercase hex digits (such as %2f); Tencent's v1 documentation requires uppercase and warns that lowercase causes errors. Fix: encode with uppercase hex.")
        }

        let signaturesEqual = provided.map { ConstantTime.equals($0, computation.signature) } ?? false
        if !signaturesEqual {
            if let provided {
                findings.add(.signatureMismatch, .error, "The request carries Signature \(provided); recomputing from the parameters as the server receives them with the given secret gives \(computation.signature).")
                let raw = VerifierSupport.rawValue(named: "Signature", in: request.query) ?? VerifierSupport.rawValue(named: "Signature", in: request.bodyText)
                let explainedByEncoding = VerifierSupport.checkSignatureEncoding(raw: raw, received: provided, computed: computation.signature,
                                                                                 rule: "Tencent's v1 signature is Base64, sent URL-encoded exactly once.", into: &findings)
                if !explainedByEncoding {
                    let base = Trial(input: input, variant: .specification, secret: options.secretKey)
                    let mistakes = self.mistakes(input: input, region: value("Region"), secret: options.secretKey)
                    let found = Forensics.search(base: base, mistakes: mistakes, provided: provided) { (trial: Trial) throws(SigScopeError) -> String in
                        try V1Signer.compute(trial.input, secretKey: trial.secret, variant: trial.variant).signature
                    }
                    Forensics.report(found, into: &findings)
                    if found.isEmpty {
                        VerifierSupport.concludeUnexplained(&findings, tried: mistakes.count, keyId: value("SecretId"), label: "SecretId")
                    }
                }
            } else {
                findings.add(.signatureMismatch, .error, "The request has no Signature parameter; recomputing from its parameters gives \(computation.signature).")
            }
        }

        let steps = computation.steps.map { step in
            VerifyStep(computed: step, provided: step.name == "signature" ? provided : nil)
        }
        return VerifyReport(match: signaturesEqual && !findings.hasErrors, provider: .tencent, algorithm: algorithm, providedSignature: provided,
                            computedSignature: computation.signature, steps: steps, findings: findings.ordered, request: request, notes: notes)
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
        if let sent = HTTPMethod(rawValue: input.method) {
            let other = sent.other.rawValue
            list.append(Mistake(dimension: "method", summary: "method \(other)", apply: { $0.input.method = other },
                                finding: VerifyFinding(.methodMismatch, .error, "The provided signature is reproduced exactly with \(other) at the start of the string to sign, but the request was sent with \(input.method). Fix: sign the method you send.")))
        }
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
        var hosts = [service + ".tencentcloudapi.com", service + ".intl.tencentcloudapi.com"]
        if let region, !region.isEmpty { hosts.append(service + "." + region + ".tencentcloudapi.com") }
        let hostname = Endpoint(host: input.host).hostname
        if hostname != input.host { hosts.append(hostname) }
        for host in hosts where host.lowercased() != input.host.lowercased() {
            list.append(Mistake(dimension: "host", summary: "host \(host)", apply: { $0.input.host = host },
                                finding: VerifyFinding(.hostChanged, .error, "The provided signature is reproduced exactly with host \(host) in the string to sign, but the request was sent to \(input.host). Fix: sign the host you send to.")))
        }
        list.append(contentsOf: VerifierSupport.secretWhitespaceMistakes(secret).map { variant in
            Mistake(dimension: "secret", summary: variant.summary, apply: { $0.secret = variant.key }, finding: variant.finding)
        })
        return list
    }
}
