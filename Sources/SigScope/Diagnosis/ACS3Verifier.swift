/// The parts of an ACS3 `Authorization` header, read leniently.
///
/// Documented layout (signing.md §3.4):
/// `ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2>,Signature=<64 hex>`.
package struct ACS3Authorization: Sendable, Equatable {
    /// The header value as sent.
    package var raw: String
    /// The AccessKeyId.
    package var accessKeyId: String?
    /// SignedHeaders as written.
    package var signedHeaders: String?
    /// Signature as written.
    package var signature: String?
    /// Deviations from the documented layout, one clause each.
    package var problems: [String]
    /// Why the parts cannot be read unambiguously (`AuthorizationFields.unreadable(_:)`), nil
    /// when they can; the verifier does not verify such a header.
    package var unreadable: String?

    /// The stated SignedHeaders as a list.
    package var signedHeaderNames: [String]? {
        AuthorizationFields.names(signedHeaders)
    }

    /// Reads an `Authorization` value.
    package static func parse(_ value: String) -> ACS3Authorization {
        var result = ACS3Authorization(raw: value, problems: [])
        let trimmed = value.trimmingASCIIWhitespace()
        guard let fields = AuthorizationFields.parse(trimmed, algorithm: ACS3Signer.algorithmName) else {
            result.problems.append("it does not start with \(ACS3Signer.algorithmName)")
            return result
        }
        result.problems = fields.problems
        result.unreadable = fields.unreadable(tc3: false)
        result.accessKeyId = fields.credential
        result.signedHeaders = fields.signedHeaders
        result.signature = fields.signature
        if let problem = AuthorizationFields.signedHeadersProblem(result.signedHeaders, normalize: ACS3Signer.signedHeadersList) {
            result.problems.append(problem)
        }
        if let problem = AuthorizationFields.signatureProblem(result.signature) { result.problems.append(problem) }
        if result.problems.isEmpty, let id = result.accessKeyId, let signed = result.signedHeaders, let signature = result.signature,
           ACS3Signer.authorization(accessKeyId: id, signedHeaders: signed, signature: signature) != trimmed {
            result.problems.append("its separators differ from the documented layout (bare commas, no spaces: \"ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…\")")
        }
        return result
    }
}

/// Verifies an Alibaba Cloud ACS3-HMAC-SHA256 request and explains a mismatch.
///
/// Recomputed from the request's own facts: the query as the server decodes it, the headers
/// sent (the SignedHeaders the Authorization lists), the payload hash of the body bytes sent
/// (so an `x-acs-content-sha256` that is not the body's hash is a mismatch even when the
/// signature is consistent with it).
enum ACS3Verifier {
    static let window: Int64 = 900

    typealias Trial = SigScope.Trial<ACS3Signer>

    /// Headers that must be signed whenever they are sent (DOC: every common header but Authorization).
    static let commonHeaders = ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256", "x-acs-security-token", "content-type"]

    /// Verifies `request`, whose first Authorization header reads as `authorization` (read here when nil).
    static func verify(_ request: SentRequest, authorization: ACS3Authorization? = nil, options: VerifyOptions,
                       facts: CaptureFacts = CaptureFacts()) throws(SigScopeError) -> VerifyReport {
        var findings = FindingList()
        var notes: [SigScopeMessage] = []
        let authorizationValue = authorization?.raw ?? request.header("Authorization") ?? ""
        let auth = authorization ?? ACS3Authorization.parse(authorizationValue)
        var headers = request.headers.filter { $0.name.lowercased() != "authorization" }
        if request.header("Host") == nil { headers.append(HTTPHeader("host", request.host)) }
        let query = request.queryItems(plusAsSpace: true)
        let signedList = auth.signedHeaderNames ?? ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"]
        if auth.signedHeaderNames == nil { notes.append("the Authorization names no SignedHeaders; the documented set was assumed") }
        let input = ACS3Signer.Input(method: request.method, query: query, headers: headers, signedHeaders: signedList, body: request.body, accessKeyId: auth.accessKeyId ?? "")
        let computation = try ACS3Signer.compute(input, secretKey: options.secretKey)
        func header(_ name: String) -> String? { request.header(name)?.trimmingASCIIWhitespace() }

        if !auth.problems.isEmpty {
            findings.add(.authorizationMalformed, .error, "The Authorization header is not in the documented ACS3 layout: " + auth.problems.joined(separator: "; ") + ".")
        }
        for name in ["x-acs-action", "x-acs-version", "x-acs-date", "x-acs-content-sha256"] where header(name) == nil {
            findings.add(.requiredHeaderMissing, .error, "The request has no \(name) header, which every ACS3 request must carry.")
        }
        let declaredHash = header("x-acs-content-sha256")
        if let declaredHash, declaredHash != computation.hashedRequestPayload {
            findings.add(.payloadHashMismatch, .error, "x-acs-content-sha256 is \(declaredHash), but the SHA-256 of the \(request.body.count) body bytes sent is \(computation.hashedRequestPayload): the header was computed over other bytes (a body re-serialized or changed after hashing). The server hashes what it receives. Fix: hash the exact body bytes you send.")
        }
        let signedNames = ACS3Signer.signedHeadersList(signedList)
        let sentNames = Set(headers.map { $0.name.lowercased() })
        if auth.signedHeaderNames != nil {
            let unsignedCommon = commonHeaders.filter { sentNames.contains($0) && !signedNames.contains($0) }
            if !unsignedCommon.isEmpty {
                findings.add(.signedHeaderMissing, .error, "The request sends \(unsignedCommon.joined(separator: ", ")) but SignedHeaders \"\(auth.signedHeaders ?? "")\" leaves \(unsignedCommon.count == 1 ? "it" : "them") out; ACS3 requires every common header (host, x-acs-*, content-type) that is sent to be signed. Fix: sign \(unsignedCommon.joined(separator: ";")) too.")
            }
            let otherACS = sentNames.filter { $0.hasPrefix("x-acs-") && !commonHeaders.contains($0) && !signedNames.contains($0) }.sorted()
            if !otherACS.isEmpty {
                findings.add(.signedHeaderMissing, .warning, "The request sends \(otherACS.joined(separator: ", ")) without signing \(otherACS.count == 1 ? "it" : "them"); the documentation asks for every x-acs-* header to be signed.")
            }
        }
        VerifierSupport.checkSignedSent(signedNames, headers: headers, into: &findings)
        VerifierSupport.checkDuplicateHeaders(request.headers, signed: signedNames, prefix: ProviderProfile.aliyun.headerPrefix, into: &findings)
        var timestamp: Timestamp?
        if let date = header("x-acs-date") {
            timestamp = Timestamp.parseISO8601(date)
            if !Timestamp.isCanonicalUTC(date) {
                findings.add(.timestampNotUTC, .error, "x-acs-date \"\(date)\" is not ISO-8601 UTC in the form yyyy-MM-ddTHH:mm:ssZ\(RPCVerifier.describeTimestampProblem(date)). Fix: send the UTC time formatted as 2023-10-26T10:22:32Z, without milliseconds.")
            }
        }
        VerifierSupport.checkExpiry(timestamp, shown: "x-acs-date \(header("x-acs-date") ?? "")", options: options, window: window,
                                    rule: "ACS3 accepts 15 minutes", into: &findings)
        VerifierSupport.checkKeyId(auth.accessKeyId, label: "AccessKeyId", options: options, into: &findings)
        VerifierSupport.checkToken(header("x-acs-security-token"), name: "x-acs-security-token", place: "x-acs-security-token header", options: options,
                                   stsKeyId: auth.accessKeyId, into: &findings)
        VerifierSupport.checkSecretLint(options, into: &findings)

        let run = Recomputation(base: Trial(input, secret: options.secretKey), computation: computation, provided: auth.signature,
                                form: .lowercaseHex(algorithm: "ACS3"), providedName: "signature", recomputedFrom: "every step from the request as sent",
                                missing: "The Authorization carries no readable signature; recomputing from the request as sent",
                                keyId: auth.accessKeyId, keyLabel: "AccessKeyId")
        let outcome = Verification.compare(run, mistakes: {
            mistakes(request: request, input: input, query: query, signedNames: signedNames, secret: options.secretKey)
                + CommonMistakes.truncatedBody(request.body, facts: facts, payload: \Trial.input.body)
                + (timestamp.map { sent in
                    CommonMistakes.shiftedTimestamps(sent, name: "x-acs-date", shown: \.iso8601) { trial, shifted in
                        CommonMistakes.replaceHeader(&trial.input.headers, name: "x-acs-date", value: shifted.iso8601)
                    }
                } ?? [])
        }, options: options, into: &findings)
        var stated: [String: String] = [:]
        stated["stringToSign"] = options.serverStringToSign
        stated["hashedRequestPayload"] = declaredHash
        stated["signature"] = auth.signature
        if !authorizationValue.isEmpty { stated["authorization"] = authorizationValue.trimmingASCIIWhitespace() }
        return Verification.report(run, outcome: outcome, algorithm: .acs3, stated: stated, findings: findings, request: request, notes: notes)
    }

    static func mistakes(request: SentRequest, input: ACS3Signer.Input, query: [(name: String, value: String)], signedNames: [String], secret: SecretKey) -> [Mistake<Trial>] {
        var list: [Mistake<Trial>] = []
        let texts = query.flatMap { [$0.name, $0.value] }
        for (encoder, faults) in EncoderFaults.combinations(of: EncoderFaults.relevant(to: texts)) {
            list.append(Mistake(dimension: "encoder", summary: faults.map(\.summary).joined(separator: " and "), apply: { $0.variant.encoder = encoder },
                                findings: EncoderFaults.findings(for: faults, pairs: query, algorithm: "the canonical query string")))
        }
        list.append(Mistake(dimension: "key", summary: "the key with a trailing &", apply: { $0.variant.keySuffix = "&" },
                            finding: VerifyFinding(.secretWithAmpersand, .error, "The provided signature is reproduced exactly with the HMAC key set to the AccessKeySecret followed by \"&\" — the RPC signature's key; ACS3 keys HMAC-SHA256 with the secret alone. Fix: drop the \"&\".")))
        let cased = CommonMistakes.cased(input.headers, signed: signedNames)
        if !cased.isEmpty {
            list.append(Mistake(dimension: "case", summary: "signed header values lowercased", apply: { $0.variant.lowercaseHeaderValues = true },
                                finding: VerifyFinding(.headerValueLowercased, .error, "The provided signature is reproduced exactly when the signed header values are lowercased (\(cased.map { $0.lowercased() }.joined(separator: ", "))); ACS3 keeps their case (\(cased.joined(separator: ", "))), unlike Tencent's TC3. Fix: use trim(value) without lowercasing.")))
        }
        list += CommonMistakes.otherMethod(sent: input.method, place: "in the canonical request") { $0.input.method = $1 }
        if signedNames.contains("content-type") {
            list += CommonMistakes.contentTypes(headers: \Trial.input.headers, sentHeaders: input.headers, name: "content-type", includeEmpty: false,
                                                why: "", fix: "sign the content-type exactly as sent.")
        }
        list += CommonMistakes.reserializedBodies(request.body, payload: \Trial.input.body, fix: "serialize the body once and hash, sign and send those same bytes.")
        if signedNames.contains("host") {
            let sentHost = input.headers.first(where: { $0.name.lowercased() == "host" })?.value.trimmingASCIIWhitespace() ?? ""
            let firstLabel = sentHost.split(separator: ".").first.map(String.init) ?? "ecs"
            let product = firstLabel.split(separator: "-").first.map(String.init) ?? firstLabel
            let hosts = ProviderProfile.aliyun.endpoints(product: product, region: query.first(where: { $0.name == "RegionId" })?.value)
            list += CommonMistakes.otherHosts(hosts, sent: sentHost, place: "") { trial, host in
                CommonMistakes.replaceHeader(&trial.input.headers, name: "host", value: host)
            }
        }
        list += CommonMistakes.secretWhitespace(secret)
        return list
    }
}
