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

    typealias Trial = SigScope.Trial<RPCSigner>

    static let requiredParameters = ["AccessKeyId", "Action", "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp", "Version"]

    static func verify(_ request: SentRequest, options: VerifyOptions) throws(SigScopeError) -> VerifyReport {
        var findings = FindingList()
        var notes: [SigScopeMessage] = []
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
        VerifierSupport.checkToken(value("SecurityToken"), name: "SecurityToken", place: "SecurityToken parameter", options: options, stsKeyId: value("AccessKeyId"), into: &findings)
        VerifierSupport.checkSecretLint(options, into: &findings)
        VerifierSupport.checkDuplicateHeaders(request.headers, signed: [], prefix: ProviderProfile.aliyun.headerPrefix, into: &findings)

        // The comparison.
        let run = Recomputation.signatureParameter(base: Trial(input, secret: options.secretKey), computation: computation, provided: provided, request: request,
                                                   rule: "Alibaba's RPC signature is Base64, whose + / = must be percent-encoded in the URL.", keyId: value("AccessKeyId"), keyLabel: "AccessKeyId")
        let outcome = Verification.compare(run, mistakes: { mistakes(params: params, method: request.method, secret: options.secretKey) },
                                           options: options, into: &findings)
        var stated: [String: String] = [:]
        stated["signature"] = provided
        stated["stringToSign"] = options.serverStringToSign
        return Verification.report(run, outcome: outcome, algorithm: .rpc, stated: stated, findings: findings, request: request, notes: notes)
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
            if !text.isEmpty, text.allSatisfy(\.isNumber) {
                return text.count >= 13 ? ": it is Unix time in milliseconds, which the RPC signature does not accept (nor Unix seconds)"
                                        : ": it is Unix seconds, which the RPC signature does not accept"
            }
            return ""
        }
        if text.hasSuffix("Z") || text.hasSuffix("z") {
            return " (\(parsed.iso8601)): it carries fractional seconds or a lower-case z"
        }
        return ": it carries a UTC offset (it is \(parsed.iso8601) in UTC), the local time of the client"
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
        list += CommonMistakes.otherMethod(sent: method, place: "at the start of the string to sign",
                                           remark: " (the same parameters give different signatures for GET and POST)") { $0.variant.method = $1 }
        list += CommonMistakes.secretWhitespace(secret)
        return list
    }
}
