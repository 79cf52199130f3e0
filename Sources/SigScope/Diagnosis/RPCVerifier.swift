/// Verifies an Alibaba Cloud RPC (HMAC-SHA1, `SignatureVersion=1.0`) request and explains a mismatch.
///
/// The signed parameters are those the server receives: the query's and, for a form POST,
/// the body's, each percent-decoded (`+` as space), `Signature` excluded; the method is the
/// one sent. On a mismatch the search replays faulty percent-encoders (every combination of
/// the faults that matter for this request, used for both passes and the encoded `/`), the
/// key without its `&`, the other method and whitespace around the secret.
enum RPCVerifier {
    /// Alibaba's window around `Timestamp`, in seconds (the error centre's 15 minutes).
    static let window: Int64 = 900

    struct Trial {
        var input: RPCSigner.Input
        var variant: RPCSigner.Variant
        var secret: SecretKey
    }

    static let requiredParameters = ["AccessKeyId", "Action", "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp", "Version"]

    static func verify(_ request: HTTPRequest, options: VerifyOptions) throws(SigScopeError) -> VerifyReport {
        var findings = FindingList()
        var notes: [String] = []
        let (all, bodyPairs) = VerifierSupport.parameters(request)
        if request.method == "POST", !request.body.isEmpty, bodyPairs.isEmpty {
            notes.append("the body is not an application/x-www-form-urlencoded form, so the RPC signature does not cover it")
        }
        let provided = all.first { $0.name == "Signature" }?.value
        let params = mergedParameters(all.filter { $0.name != "Signature" }, bodyCount: bodyPairs.count)
        let input = RPCSigner.Input(method: request.method, parameters: params)
        let computation = try RPCSigner.compute(input, secretKey: options.secretKey)
        func value(_ name: String) -> String? { params.first { $0.name == name }?.value }

        // Checks that need no search.
        for name in requiredParameters where value(name) == nil {
            findings.add(.requiredHeaderMissing, .error, "The request has no \(name) parameter, which every RPC request must carry.")
        }
        if let method = value("SignatureMethod"), method != RPCSigner.signatureMethod {
            notes.append("SignatureMethod is \(method); sigscope recomputed HMAC-SHA1, the RPC signature it verifies")
        }
        var timestamp: Timestamp?
        if let text = value("Timestamp") {
            timestamp = Timestamp.parseISO8601(text)
            if !Timestamp.isCanonicalUTC(text) {
                findings.add(.timestampNotUTC, .error, "Timestamp \"\(text)\" is not ISO-8601 UTC in the form yyyy-MM-ddTHH:mm:ssZ\(describeTimestampProblem(text)). Alibaba answers IllegalTimestamp or InvalidTimeStamp.Expired. Fix: send the UTC time formatted as 2016-02-23T12:46:24Z.")
            }
        }
        VerifierSupport.checkExpiry(timestamp, shown: "Timestamp \(value("Timestamp") ?? "")", options: options, window: window,
                                    rule: "Alibaba accepts 15 minutes either way and answers InvalidTimeStamp.Expired", into: &findings)
        VerifierSupport.checkKeyId(value("AccessKeyId"), label: "AccessKeyId", options: options, into: &findings)
        checkToken(accessKeyId: value("AccessKeyId"), token: value("SecurityToken"), options: options, into: &findings)
        VerifierSupport.checkSecretLint(options, into: &findings)

        // The comparison.
        let signaturesEqual = provided.map { ConstantTime.equals($0, computation.signature) } ?? false
        var clientStringToSign: String?
        var explained = false
        var tried = 0
        if !signaturesEqual {
            if let provided {
                findings.add(.signatureMismatch, .error, "The request carries Signature \(provided); recomputing from the parameters as the server receives them with the given secret gives \(computation.signature).")
                let raw = VerifierSupport.rawValue(named: "Signature", in: request.query) ?? VerifierSupport.rawValue(named: "Signature", in: request.bodyText)
                let explainedByEncoding = VerifierSupport.checkSignatureEncoding(raw: raw, received: provided, computed: computation.signature,
                                                                                 rule: "Alibaba's RPC signature is Base64, whose + / = must be percent-encoded in the URL.", into: &findings)
                if !explainedByEncoding {
                    let base = Trial(input: input, variant: .specification, secret: options.secretKey)
                    let mistakes = self.mistakes(params: params, method: request.method, secret: options.secretKey)
                    let found = Forensics.search(base: base, mistakes: mistakes, provided: provided) { (trial: Trial) throws(SigScopeError) -> String in
                        try RPCSigner.compute(trial.input, secretKey: trial.secret, variant: trial.variant).signature
                    }
                    Forensics.report(found, into: &findings)
                    if let first = found.first {
                        var trial = base
                        for mistake in first { mistake.apply(&trial) }
                        clientStringToSign = try? RPCSigner.compute(trial.input, secretKey: trial.secret, variant: trial.variant).stringToSign
                    }
                    explained = !found.isEmpty
                    tried = mistakes.count
                } else {
                    explained = true
                }
            } else {
                findings.add(.signatureMismatch, .error, "The request has no Signature parameter; recomputing from its parameters gives \(computation.signature).")
                explained = true
            }
        }
        if let server = options.serverStringToSign {
            for finding in ServerStringToSign.findings(server: server, computed: computation.stringToSign, client: clientStringToSign,
                                                       signatureRight: signaturesEqual, keyId: value("AccessKeyId")) {
                findings.add(finding)
            }
        }
        if !signaturesEqual, !explained, !findings.contains(.serverStringToSignDiffers) {
            VerifierSupport.concludeUnexplained(&findings, tried: tried, keyId: value("AccessKeyId"), label: "AccessKeyId")
        }

        let steps = computation.steps.map { step -> VerifyStep in
            switch step.name {
            case "signature": return VerifyStep(computed: step, provided: provided)
            case "stringToSign": return VerifyStep(computed: step, provided: options.serverStringToSign)
            default: return VerifyStep(computed: step)
            }
        }
        return VerifyReport(match: signaturesEqual && !findings.hasErrors, provider: .aliyun, algorithm: .rpc, providedSignature: provided,
                            computedSignature: computation.signature, steps: steps, findings: findings.ordered, request: request, notes: notes)
    }

    /// The query's and the form body's parameters as the gateway reads them, into one map: a
    /// name in both counts once, with the body's value (aliyunsdkcore signs `dict(query)`
    /// updated with the body params, and sends a `RegionId` in both when the caller adds it to
    /// the body). A name repeated within the query alone is kept as sent.
    static func mergedParameters(_ pairs: [(name: String, value: String)], bodyCount: Int) -> [(name: String, value: String)] {
        guard bodyCount > 0 else { return pairs }
        let queryPart = pairs.dropLast(bodyCount)
        let bodyPart = pairs.suffix(bodyCount)
        let bodyNames = Set(bodyPart.map(\.name))
        return queryPart.filter { !bodyNames.contains($0.name) } + bodyPart
    }

    /// What is wrong with a Timestamp that is not canonical UTC, as a clause (", which …").
    static func describeTimestampProblem(_ text: String) -> String {
        guard let parsed = Timestamp.parseISO8601(text) else {
            if text.count == 19 { return ": it has no \"Z\", so the server cannot tell it is UTC (a local time, formatted without its zone?)" }
            if text.allSatisfy(\.isNumber) { return ": it is Unix seconds, which the RPC signature does not accept" }
            return ""
        }
        if text.hasSuffix("Z") || text.hasSuffix("z") {
            return " (\(parsed.iso8601)): it carries fractional seconds or a lower-case z"
        }
        return ": it carries a UTC offset (it is \(parsed.iso8601) in UTC), the local time of the client"
    }

    /// token-header-missing for RPC: an STS key id without SecurityToken, or --token given but not sent.
    static func checkToken(accessKeyId: String?, token: String?, options: VerifyOptions, into findings: inout FindingList) {
        if let expected = options.token, !expected.isEmpty {
            if token == nil {
                findings.add(.tokenHeaderMissing, .error, "A session token was given (--token) but the request has no SecurityToken parameter; temporary credentials are rejected without it. Fix: send the token as SecurityToken.")
            } else if token != expected {
                findings.add(.tokenHeaderMissing, .warning, "SecurityToken differs from the token given with --token.")
            }
        } else if let id = accessKeyId, id.hasPrefix("STS."), token == nil {
            findings.add(.tokenHeaderMissing, .error, "AccessKeyId \(id) is a temporary (STS) key, but the request has no SecurityToken parameter; the server rejects temporary keys without their token. Fix: send the session token as SecurityToken.")
        }
    }

    static func mistakes(params: [(name: String, value: String)], method: String, secret: SecretKey) -> [Mistake<Trial>] {
        var list: [Mistake<Trial>] = []
        let texts = params.flatMap { [$0.name, $0.value] } + ["/", "%=&"]
        for (encoder, faults) in EncoderFaults.combinations(of: EncoderFaults.relevant(to: texts)) {
            list.append(Mistake(dimension: "encoder", summary: faults.map(\.summary).joined(separator: " and "), apply: { $0.variant.encoder = encoder },
                                findings: EncoderFaults.findings(for: faults, pairs: params, algorithm: "the RPC signature (both encoding passes and the encoded \"/\")")))
        }
        list.append(Mistake(dimension: "key", summary: "the key without its trailing &", apply: { $0.variant.keySuffix = "" },
                            finding: VerifyFinding(.secretMissingAmpersand, .error, "The provided signature is reproduced exactly with the HMAC key set to the AccessKeySecret alone; the RPC signature keys HMAC-SHA1 with the secret followed by \"&\". Fix: use AccessKeySecret + \"&\" as the key.")))
        if let sent = HTTPMethod(rawValue: method) {
            let other = sent.other.rawValue
            list.append(Mistake(dimension: "method", summary: "method \(other)", apply: { $0.variant.method = other },
                                finding: VerifyFinding(.methodMismatch, .error, "The provided signature is reproduced exactly with \(other) at the start of the string to sign, but the request was sent with \(method). Fix: sign the method you send (the same parameters give different signatures for GET and POST).")))
        }
        list.append(contentsOf: VerifierSupport.secretWhitespaceMistakes(secret).map { variant in
            Mistake(dimension: "secret", summary: variant.summary, apply: { $0.secret = variant.key }, finding: variant.finding)
        })
        return list
    }
}
