/// Verifies a TC3-HMAC-SHA256 request and explains a mismatch.
///
/// Every value is recomputed from the request's own facts: the scope date is the UTC date of
/// `X-TC-Timestamp`, the scope service the endpoint's first label, the payload hash that of
/// the body bytes sent, the canonical query the query as sent, the signed headers those the
/// Authorization lists (which is what the server does). On a mismatch the known client
/// mistakes are replayed (`Forensics`) and the ones that reproduce the provided signature
/// are reported.
enum TC3Verifier {
    /// The window Tencent accepts around `X-TC-Timestamp`, in seconds.
    static let window: Int64 = 300

    typealias Trial = SigScope.Trial<TC3Signer>

    /// Verifies `request`, whose first Authorization header reads as `authorization` (read here when nil).
    static func verify(_ request: SentRequest, authorization: TC3Authorization? = nil, options: VerifyOptions,
                       facts: CaptureFacts = CaptureFacts()) throws(SigScopeError) -> VerifyReport {
        var findings = FindingList()
        var notes: [SigScopeMessage] = []
        let authorizationValue = authorization?.raw ?? request.header("Authorization") ?? ""
        let auth = authorization ?? TC3Authorization.parse(authorizationValue)

        // The facts of the request as sent.
        var headers = request.headers
        let hostValue = request.header("Host") ?? request.host
        if request.header("Host") == nil {
            headers.append(HTTPHeader("Host", hostValue))
        }
        let hostname = Endpoint(host: hostValue).hostname.lowercased()
        let isTencentHost = ProviderProfile.tencent.owns(hostname: hostname)
        let isLocal = Endpoint.isAddressOrLocalhost(hostname)
        let actionProduct = isLocal ? request.header("X-TC-Action").flatMap { TencentProducts.product(forAction: $0.trimmingASCIIWhitespace()) } : nil
        // The service the server expects: given, else the endpoint's first label, else (an IP or localhost) the action's product.
        let endpointService = options.service?.lowercased() ?? (isTencentHost ? TC3Signer.defaultService(forHost: hostname) : actionProduct)
        let serviceSource = options.service != nil ? "the service given" : isTencentHost ? "the endpoint's first label" : "the product of its X-TC-Action"
        let service = endpointService ?? auth.service ?? TC3Signer.defaultService(forHost: hostname)
        if options.service != nil {
            notes.append("the scope service \"\(service)\" was given, not taken from the endpoint \(hostname)")
        } else if !isTencentHost, actionProduct != nil {
            notes.append("\(hostname) is a local address (a mock or a proxy?): the scope service \"\(service)\" is the product of X-TC-Action, not the host's first label")
        } else if !isTencentHost {
            notes.append("\(hostname) is not a *.tencentcloudapi.com endpoint (a proxy or a mock?): the scope service \"\(service)\" was taken from the Authorization header instead of the host")
        }

        let timestampText = request.header("X-TC-Timestamp")?.trimmingASCIIWhitespace()
        let timestamp = VerifierSupport.unixSeconds(timestampText, name: "X-TC-Timestamp", example: "1551113065",
                                                    milliseconds: "Tencent answers AuthFailure.SignatureExpire", into: &findings)
        for name in ["X-TC-Action", "X-TC-Version", "X-TC-Timestamp"] where request.header(name) == nil {
            findings.add(.requiredHeaderMissing, .error, "The request has no \(name) header, which every TC3 request must carry.")
        }
        let utcDate = timestamp?.utcDate ?? auth.date ?? ""

        let statedSigned = auth.signedHeaderNames
        let signedList = statedSigned ?? TC3Signer.mandatorySignedHeaders
        if statedSigned == nil {
            notes.append("the Authorization names no SignedHeaders; content-type;host was assumed")
        }
        let input = TC3Signer.Input(method: request.method, canonicalQuery: request.query, headers: headers, signedHeaders: signedList,
                                    payload: request.body, timestamp: timestampText ?? "", date: utcDate, service: service, secretId: auth.secretId ?? "")
        let computation = try TC3Signer.compute(input, secretKey: options.secretKey, keys: options.tc3Keys)

        // Checks that need no search.
        if !auth.problems.isEmpty {
            findings.add(.authorizationMalformed, .error, "The Authorization header is not in the documented TC3 layout: " + auth.problems.joined(separator: "; ") + ". The server reads exactly \"TC3-HMAC-SHA256 Credential=SecretId/Date/service/tc3_request, SignedHeaders=h1;h2, Signature=hex\".")
        }
        if let stated = auth.date, let timestamp, stated != utcDate {
            findings.add(.credentialDateNotUTC, .error, "The credential scope says \(stated), but X-TC-Timestamp \(timestampText ?? "") is \(timestamp.iso8601) in UTC, so the scope date must be \(utcDate). \(stated) is \(localDateDescription(stated, timestamp: timestamp)). Fix: format the scope date from the timestamp in UTC (Python datetime.fromtimestamp(ts, timezone.utc), Go time.Unix(ts, 0).UTC()).")
        }
        if let endpointService, let stated = auth.service, stated != endpointService {
            findings.add(.credentialServiceMismatch, .error, "The credential scope names service \"\(stated)\", but the request goes to \(hostname), whose service is \"\(endpointService)\" (\(serviceSource)); the server answers AuthFailure.InvalidAuthorization (\"Service in Credential not valid\"). Fix: sign with service \"\(endpointService)\"\(isTencentHost ? ", or send the request to \(stated).tencentcloudapi.com" : "").")
        }
        let signedNames = TC3Signer.signedHeadersList(signedList)
        let missing = TC3Signer.mandatorySignedHeaders.filter { !signedNames.contains($0) }
        if statedSigned != nil, !missing.isEmpty {
            findings.add(.signedHeaderMissing, .error, "SignedHeaders \"\(auth.signedHeaders ?? "")\" lacks \(missing.joined(separator: " and ")), which TC3 requires to be signed. Fix: sign at least content-type;host.")
        }
        VerifierSupport.checkSignedSent(signedNames, headers: headers, into: &findings)
        VerifierSupport.checkDuplicateHeaders(request.headers, signed: signedNames, prefix: ProviderProfile.tencent.headerPrefix, into: &findings)
        VerifierSupport.checkExpiry(timestamp, shown: "X-TC-Timestamp \(timestamp?.unixSeconds ?? 0)", options: options, window: window,
                                    rule: "Tencent accepts 5 minutes either way and answers AuthFailure.SignatureExpire", into: &findings)
        VerifierSupport.checkKeyId(auth.secretId, label: "SecretId", serverAnswer: "AuthFailure.SecretIdNotFound", options: options, into: &findings)
        VerifierSupport.checkToken(request.header("X-TC-Token"), name: "X-TC-Token", place: "X-TC-Token header", options: options, into: &findings)
        VerifierSupport.checkSecretLint(options, into: &findings)

        // The comparison.
        let run = Recomputation(base: Trial(input, secret: options.secretKey), computation: computation, provided: auth.signature,
                                form: .lowercaseHex(algorithm: "TC3"), providedName: "signature", recomputedFrom: "every step from the request as sent",
                                missing: "The request carries no readable signature; recomputing from the request as sent",
                                keyId: auth.secretId, keyLabel: "SecretId", consistency: " (scope date, service and signed headers agree with it)")
        let outcome = Verification.compare(run, mistakes: {
            mistakes(request: request, input: input, auth: auth, timestamp: timestamp, hostname: hostname, endpointService: endpointService, secret: options.secretKey)
                + CommonMistakes.truncatedBody(request.body, facts: facts, payload: \Trial.input.payload)
        }, options: options, into: &findings)
        var stated: [String: String] = [:]
        stated["credentialScope"] = auth.credentialScope
        stated["signature"] = auth.signature
        if !authorizationValue.isEmpty { stated["authorization"] = authorizationValue.trimmingASCIIWhitespace() }
        return Verification.report(run, outcome: outcome, algorithm: .tc3, stated: stated, findings: findings, request: request, notes: notes)
    }

    // MARK: - Checks shared with other algorithms

    /// "the local date at UTC+1 to UTC+14, such as China Standard Time (UTC+8)".
    static func localDateDescription(_ date: String, timestamp: Timestamp) -> String {
        let offsets = (-12...14).filter { timestamp.date(offsetSeconds: $0 * 3600) == date }
        guard let low = offsets.first, let high = offsets.last else {
            return "not the local date of this timestamp in any time zone"
        }
        func utc(_ hours: Int) -> String { hours >= 0 ? "UTC+\(hours)" : "UTC\(hours)" }
        var text = low == high ? "the local date at \(utc(low))" : "the local date in time zones \(utc(low)) to \(utc(high))"
        if offsets.contains(8) {
            text += ", such as China Standard Time (UTC+8): the client used local time"
        } else {
            text += ": the client used local time"
        }
        return text
    }

    static func describeSkew(_ skew: Int64) -> String {
        let magnitude = abs(skew)
        let text: String
        if magnitude >= 86_400 { text = "\(magnitude / 86_400) d \(magnitude % 86_400 / 3600) h" }
        else if magnitude >= 3600 { text = "\(magnitude / 3600) h \(magnitude % 3600 / 60) min" }
        else { text = "\(magnitude / 60) min \(magnitude % 60) s" }
        return skew > 0 ? "\(text) before" : "\(text) after"
    }

    // MARK: - The mistakes replayed

    static func mistakes(request: SentRequest, input: TC3Signer.Input, auth: TC3Authorization, timestamp: Timestamp?, hostname: String,
                         endpointService: String?, secret: SecretKey) -> [Mistake<Trial>] {
        var list: [Mistake<Trial>] = []
        let signed = TC3Signer.signedHeadersList(input.signedHeaders)

        // Scope date in local time (any offset), or as the Authorization states it.
        if let timestamp {
            var dates: [String] = []
            for hours in -12...14 {
                let date = timestamp.date(offsetSeconds: hours * 3600)
                if date != input.date && !dates.contains(date) { dates.append(date) }
            }
            if let stated = auth.date, stated != input.date, !dates.contains(stated) { dates.append(stated) }
            for date in dates {
                list.append(Mistake(dimension: "date", summary: "scope date \(date)", apply: { $0.input.date = date },
                                    finding: VerifyFinding(.credentialDateNotUTC, .error, "The provided signature is reproduced exactly with the scope date \(date), \(localDateDescription(date, timestamp: timestamp)), instead of \(input.date), the UTC date of X-TC-Timestamp \(input.timestamp). Fix: format the scope date from the timestamp in UTC (Python datetime.fromtimestamp(ts, timezone.utc), Go time.Unix(ts, 0).UTC()); local dates fail every day between local midnight and the UTC offset.")))
            }
        } else if let stated = auth.date, stated != input.date {
            list.append(Mistake(dimension: "date", summary: "scope date \(stated)", apply: { $0.input.date = stated },
                                finding: VerifyFinding(.credentialDateNotUTC, .error, "The provided signature is reproduced with the stated scope date \(stated).")))
        }

        // The timestamp taken twice, or rewritten after signing.
        if let timestamp {
            list += CommonMistakes.shiftedTimestamps(timestamp, name: "X-TC-Timestamp", shown: { String($0.unixSeconds) }) { trial, shifted in
                trial.input.timestamp = String(shifted.unixSeconds)
                trial.input.date = shifted.utcDate
            }
        }

        // Scope service other than the endpoint's.
        var services: [String] = []
        if let stated = auth.service, stated != input.service { services.append(stated) }
        for candidate in [hostname, TC3Signer.defaultService(forHost: hostname)] where candidate != input.service && !services.contains(candidate) {
            services.append(candidate)
        }
        for service in services {
            list.append(Mistake(dimension: "service", summary: "scope service \(service)", apply: { $0.input.service = service },
                                finding: VerifyFinding(.credentialServiceMismatch, .error, "The provided signature is reproduced exactly with the scope service \"\(service)\" instead of \"\(input.service)\", the service of a request to \(hostname). Fix: sign with service \"\(input.service)\" (the product's short name, never the full host or an IP).")))
        }

        // Header values kept in their case.
        let cased = CommonMistakes.cased(input.headers, signed: signed)
        if !cased.isEmpty {
            list.append(Mistake(dimension: "case", summary: "signed header values not lowercased", apply: { $0.variant.lowercaseHeaderValues = false },
                                finding: VerifyFinding(.headerValueNotLowercased, .error, "The provided signature is reproduced exactly when the signed header values keep their case (\(cased.joined(separator: ", "))); TC3's CanonicalHeaders lowercases every value (\(cased.map { $0.lowercased() }.joined(separator: ", "))). Fix: use lowercase(trim(value)) for each signed header.")))
        }

        // Content-Type changed after signing.
        if signed.contains("content-type") {
            list += CommonMistakes.contentTypes(headers: \Trial.input.headers, sentHeaders: input.headers, name: "Content-Type", includeEmpty: true,
                                                why: " (typically adding or dropping \"; charset=utf-8\")",
                                                fix: "sign the Content-Type exactly as sent, or set it explicitly so the library leaves it alone.")
        }

        // The body re-serialized after signing, and the other method.
        list += CommonMistakes.reserializedBodies(request.body, payload: \Trial.input.payload, fix: "serialize the body once and sign and send those same bytes.")
        list += CommonMistakes.otherMethod(sent: input.method, place: "in the canonical request") { $0.input.method = $1 }

        // Another host.
        if signed.contains("host") {
            let sentHost = input.headers.first(where: { $0.name.lowercased() == "host" })?.value.trimmingASCIIWhitespace() ?? ""
            var hosts = ProviderProfile.tencent.endpoints(product: endpointService ?? input.service, region: request.header("X-TC-Region")?.trimmingASCIIWhitespace())
            if sentHost.lowercased() != hostname { hosts.append(hostname) }
            list += CommonMistakes.otherHosts(hosts, sent: sentHost, place: " in the Host header signed") { trial, host in
                CommonMistakes.replaceHeader(&trial.input.headers, name: "Host", value: host)
            }
        }

        // The query string re-encoded or reordered.
        if !input.canonicalQuery.isEmpty {
            for alternative in queryAlternatives(input.canonicalQuery) {
                list.append(Mistake(dimension: "query", summary: "query \(alternative)", apply: { $0.input.canonicalQuery = alternative },
                                    finding: VerifyFinding(.queryReencoded, .error, "The provided signature is reproduced exactly with the query string \"\(alternative)\", but the request sent \"\(input.canonicalQuery)\": the query was re-encoded or reordered after signing. TC3 signs the query exactly as sent. Fix: sign the same string you put in the URL.")))
            }
        }

        // Whitespace around the secret key.
        list += CommonMistakes.secretWhitespace(secret)
        return list
    }

    static func queryAlternatives(_ query: String) -> [String] {
        let pairs = FormCodec.decode(query, plusAsSpace: true)
        let encoders = [PercentEncoder.rfc3986, PercentEncoder(spaceAsPlus: true), PercentEncoder(spaceAsPlus: true, encodeStar: false, encodeTilde: false)]
        var out: [String] = []
        for ordered in [FormCodec.sorted(pairs), pairs] {
            for encoder in encoders {
                let candidate = FormCodec.encode(ordered, encoder: encoder)
                if candidate != query && !out.contains(candidate) { out.append(candidate) }
            }
        }
        return out
    }
}
