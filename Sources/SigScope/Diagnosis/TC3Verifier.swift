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

    /// Inputs of one TC3 computation, as the mistake search varies them.
    struct Trial {
        var input: TC3Signer.Input
        var variant: TC3Signer.Variant
        var secret: SecretKey
    }

    static func verify(_ request: HTTPRequest, options: VerifyOptions) throws(SigScopeError) -> VerifyReport {
        var findings = FindingList()
        var notes: [String] = []
        let authorizationValue = request.header("Authorization") ?? ""
        let auth = TC3Authorization.parse(authorizationValue)

        // The facts of the request as sent.
        var headers = request.headers
        let hostValue = request.header("Host") ?? request.host
        if request.header("Host") == nil {
            headers.append(HTTPHeader("Host", hostValue))
        }
        let hostname = Endpoint(host: hostValue).hostname.lowercased()
        let isTencentHost = hostname.hasSuffix(".tencentcloudapi.com")
        // The receiver's own service (options.tc3Service, for a local endpoint) is what the real server holds its host to.
        let endpointService = options.tc3Service ?? (isTencentHost ? TC3Signer.defaultService(forHost: hostname) : nil)
        let service = endpointService ?? auth.service ?? TC3Signer.defaultService(forHost: hostname)
        if !isTencentHost && options.tc3Service == nil {
            notes.append("\(hostname) is not a *.tencentcloudapi.com endpoint (a proxy or a mock?): the scope service \"\(service)\" was taken from the Authorization header instead of the host")
        }

        let timestampText = request.header("X-TC-Timestamp")?.trimmingASCIIWhitespace()
        var timestamp: Timestamp?
        if let timestampText {
            if !timestampText.isEmpty, timestampText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seconds = Int64(timestampText) {
                timestamp = Timestamp(unixSeconds: seconds)
                if seconds > 100_000_000_000 {
                    findings.add(.timestampInvalid, .error, "X-TC-Timestamp \(timestampText) is in milliseconds; Tencent expects Unix seconds (\(seconds / 1000)), and answers AuthFailure.SignatureExpire. Fix: send int(time.time()), not milliseconds.")
                }
            } else {
                findings.add(.timestampInvalid, .error, "X-TC-Timestamp \"\(timestampText)\" is not Unix seconds (a decimal integer such as 1551113065). Fix: send the current Unix time in seconds.")
            }
        }
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
        let computation = try TC3Signer.compute(input, secretKey: options.secretKey)

        // Checks that need no search.
        if !auth.problems.isEmpty {
            findings.add(.authorizationMalformed, .error, "The Authorization header is not in the documented TC3 layout: " + auth.problems.joined(separator: "; ") + ". The server reads exactly \"TC3-HMAC-SHA256 Credential=SecretId/Date/service/tc3_request, SignedHeaders=h1;h2, Signature=hex\".")
        }
        if let stated = auth.date, let timestamp, stated != utcDate {
            findings.add(.credentialDateNotUTC, .error, "The credential scope says \(stated), but X-TC-Timestamp \(timestampText ?? "") is \(timestamp.iso8601) in UTC, so the scope date must be \(utcDate). \(stated) is \(localDateDescription(stated, timestamp: timestamp)). Fix: format the scope date from the timestamp in UTC (Python datetime.utcfromtimestamp(ts), Go time.Unix(ts, 0).UTC()).")
        }
        if let endpointService, let stated = auth.service, stated != endpointService {
            let whose = options.tc3Service != nil && !isTencentHost ? "which stands for service \"\(endpointService)\"" : "whose service is \"\(endpointService)\" (the endpoint's first label)"
            findings.add(.credentialServiceMismatch, .error, "The credential scope names service \"\(stated)\", but the request goes to \(hostname), \(whose); the server answers AuthFailure.InvalidAuthorization (\"Service in Credential not valid\"). Fix: sign with service \"\(endpointService)\", or send the request to \(stated).tencentcloudapi.com.")
        }
        let signedNames = TC3Signer.signedHeadersList(signedList)
        let missing = TC3Signer.mandatorySignedHeaders.filter { !signedNames.contains($0) }
        if statedSigned != nil, !missing.isEmpty {
            findings.add(.signedHeaderMissing, .error, "SignedHeaders \"\(auth.signedHeaders ?? "")\" lacks \(missing.joined(separator: " and ")), which TC3 requires to be signed. Fix: sign at least content-type;host.")
        }
        let sentNames = Set(headers.map { $0.name.lowercased() })
        let notSent = signedNames.filter { !sentNames.contains($0) }
        if !notSent.isEmpty {
            findings.add(.signedHeaderNotSent, .error, "SignedHeaders names \(notSent.joined(separator: ", ")), but the request does not send \(notSent.count == 1 ? "it" : "them"): the server signs what it receives. Fix: send every signed header, or drop it from SignedHeaders.")
        }
        if let now = options.now, let timestamp {
            let skew = now.unixSeconds - timestamp.unixSeconds
            if abs(skew) > window {
                findings.add(.timestampExpired, .error, "X-TC-Timestamp \(timestamp.unixSeconds) (\(timestamp.iso8601)) is \(describeSkew(skew)) --now \(now.iso8601); Tencent accepts 5 minutes either way and answers AuthFailure.SignatureExpire. Fix: sign with the current time and keep the clock in sync (NTP).")
            }
        }
        checkCredentials(stated: auth.secretId, request: request, options: options, into: &findings)

        // The comparison.
        let provided = auth.signature
        let signaturesEqual = provided.map { ConstantTime.equals($0, computation.signature) } ?? false
        var tried = 0
        if !signaturesEqual {
            if let provided {
                findings.add(.signatureMismatch, .error, "The request carries signature \(provided); recomputing every step from the request as sent with the given secret gives \(computation.signature).")
                if provided.lowercased() == computation.signature {
                    findings.add(.authorizationMalformed, .error, "The signature is right but written in upper-case hex; TC3 signatures are lower-case hex. Fix: hex-encode in lower case.", reproduces: true)
                } else {
                    let base = Trial(input: input, variant: .specification, secret: options.secretKey)
                    let mistakes = self.mistakes(request: request, input: input, auth: auth, timestamp: timestamp, hostname: hostname,
                                                 endpointService: endpointService, secret: options.secretKey)
                    tried = mistakes.count
                    let found = Forensics.search(base: base, mistakes: mistakes, provided: provided) { (trial: Trial) throws(SigScopeError) -> String in
                        try TC3Signer.compute(trial.input, secretKey: trial.secret, variant: trial.variant).signature
                    }
                    Forensics.report(found, into: &findings)
                    let explained = !found.isEmpty
                    if !explained && !VerifierSupport.hasOtherErrors(findings) {
                        findings.add(.wrongSecretLikely, .error, "The request is self-consistent (scope date, service and signed headers agree with it), and none of the \(tried) known client mistakes sigscope replayed reproduces the provided signature. The secret key given is most likely not the one the request was signed with: check that it is the current key of SecretId \(auth.secretId ?? "?") (not a rotated, deleted or other account's key) and that it was copied whole. If the key is right, the request was altered after signing (by a proxy, or an edited capture).")
                    }
                }
            } else {
                findings.add(.signatureMismatch, .error, "The request carries no readable signature; recomputing from the request as sent gives \(computation.signature).")
            }
        }

        let steps = computation.steps.map { step -> VerifyStep in
            switch step.name {
            case "credentialScope": return VerifyStep(computed: step, provided: auth.credentialScope)
            case "signature": return VerifyStep(computed: step, provided: provided)
            case "authorization": return VerifyStep(computed: step, provided: authorizationValue.isEmpty ? nil : authorizationValue.trimmingASCIIWhitespace())
            default: return VerifyStep(computed: step)
            }
        }
        return VerifyReport(match: signaturesEqual && !findings.hasErrors, provider: .tencent, algorithm: .tc3, providedSignature: provided,
                            computedSignature: computation.signature, steps: steps, findings: findings.ordered, request: request, notes: notes)
    }

    // MARK: - Checks shared with other algorithms

    /// secret-id-mismatch, secret-id-empty, token-header-missing and secret-key lint.
    static func checkCredentials(stated: String?, request: HTTPRequest, options: VerifyOptions, into findings: inout FindingList) {
        if let stated {
            if stated.trimmingASCIIWhitespace().isEmpty {
                findings.add(.secretIdEmpty, .error, "The Credential's SecretId is empty: the client had no key id (a misspelled configuration key?). The server answers AuthFailure.SecretIdNotFound. Fix: set the SecretId.")
            }
            if let expected = options.expectedSecretId, expected != stated {
                findings.add(.secretIdMismatch, .error, "The request is signed for SecretId \(stated), not \(expected) given with --secret-id: the server checks it against \(stated)'s secret. Fix: configure the client with the intended key pair.")
            }
        }
        let tokenHeader = request.header("X-TC-Token")
        if let token = options.token, !token.isEmpty {
            if tokenHeader == nil {
                findings.add(.tokenHeaderMissing, .error, "A session token was given (--token) but the request has no X-TC-Token header; temporary credentials are rejected without it. Fix: send the token in X-TC-Token.")
            } else if tokenHeader?.trimmingASCIIWhitespace() != token {
                findings.add(.tokenHeaderMissing, .warning, "X-TC-Token differs from the token given with --token.")
            }
        } else if let tokenHeader, tokenHeader.trimmingASCIIWhitespace().isEmpty {
            findings.add(.tokenHeaderMissing, .warning, "X-TC-Token is sent empty; with temporary credentials it must carry the session token, and otherwise it should be omitted.")
        }
        if options.secretKey.hasSurroundingWhitespace {
            findings.add(.secretHasWhitespace, .warning, "The secret key given to sigscope has leading or trailing whitespace, which keys never have; it was used as given (and the trimmed key was tried too). Fix: trim the key.")
        }
    }

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

    static func mistakes(request: HTTPRequest, input: TC3Signer.Input, auth: TC3Authorization, timestamp: Timestamp?, hostname: String,
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
                                    finding: VerifyFinding(.credentialDateNotUTC, .error, "The provided signature is reproduced exactly with the scope date \(date), \(localDateDescription(date, timestamp: timestamp)), instead of \(input.date), the UTC date of X-TC-Timestamp \(input.timestamp). Fix: format the scope date from the timestamp in UTC (Python datetime.utcfromtimestamp(ts), Go time.Unix(ts, 0).UTC()); local dates fail every day between local midnight and the UTC offset.")))
            }
        } else if let stated = auth.date, stated != input.date {
            list.append(Mistake(dimension: "date", summary: "scope date \(stated)", apply: { $0.input.date = stated },
                                finding: VerifyFinding(.credentialDateNotUTC, .error, "The provided signature is reproduced with the stated scope date \(stated).")))
        }

        // Scope service other than the endpoint's.
        var services: [String] = []
        if let stated = auth.service, stated != input.service { services.append(stated) }
        if hostname != input.service && !services.contains(hostname) { services.append(hostname) }
        for service in services {
            list.append(Mistake(dimension: "service", summary: "scope service \(service)", apply: { $0.input.service = service },
                                finding: VerifyFinding(.credentialServiceMismatch, .error, "The provided signature is reproduced exactly with the scope service \"\(service)\" instead of \"\(input.service)\", the first label of the endpoint \(hostname). Fix: sign with service \"\(input.service)\" (the product's short name, never the full host or an IP).")))
        }

        // Header values kept in their case.
        let cased = signed.compactMap { name -> String? in
            guard let value = input.headers.first(where: { $0.name.lowercased() == name })?.value.trimmingASCIIWhitespace(), value != value.lowercased() else { return nil }
            return name + ":" + value
        }
        if !cased.isEmpty {
            list.append(Mistake(dimension: "case", summary: "signed header values not lowercased", apply: { $0.variant.lowercaseHeaderValues = false },
                                finding: VerifyFinding(.headerValueNotLowercased, .error, "The provided signature is reproduced exactly when the signed header values keep their case (\(cased.joined(separator: ", "))); TC3's CanonicalHeaders lowercases every value (\(cased.map { $0.lowercased() }.joined(separator: ", "))). Fix: use lowercase(trim(value)) for each signed header.")))
        }

        // Content-Type changed after signing.
        if signed.contains("content-type") {
            let sent = input.headers.first(where: { $0.name.lowercased() == "content-type" })?.value.trimmingASCIIWhitespace() ?? ""
            for alternative in contentTypeAlternatives(sent) {
                list.append(Mistake(dimension: "content-type", summary: "Content-Type \"\(alternative)\"", apply: { trial in
                    trial.input.headers.removeAll { $0.name.lowercased() == "content-type" }
                    trial.input.headers.append(HTTPHeader("Content-Type", alternative))
                }, finding: VerifyFinding(.contentTypeChanged, .error, "The provided signature is reproduced exactly with Content-Type \"\(alternative)\", but the request sent \"\(sent)\": the HTTP library changed the header after signing (typically adding or dropping \"; charset=utf-8\"). Fix: sign the Content-Type exactly as sent, or set it explicitly so the library leaves it alone.")))
            }
        }

        // The body re-serialized after signing.
        for alternative in BodyVariants.alternatives(for: request.body) {
            list.append(Mistake(dimension: "body", summary: "body serialized as \(alternative.description)", apply: { $0.input.payload = alternative.bytes },
                                finding: VerifyFinding(.bodyReserialized, .error, "The provided signature is reproduced exactly with the same JSON serialized as \(alternative.description) (\(alternative.bytes.count) bytes), but the body sent is \(BodyVariants.describe(request.body)) (\(request.body.count) bytes): the body was re-serialized between signing and sending, which changes its hash. Fix: serialize the body once and sign and send those same bytes.")))
        }

        // The other method.
        if let method = HTTPMethod(rawValue: input.method) {
            let other = method.other.rawValue
            list.append(Mistake(dimension: "method", summary: "method \(other)", apply: { $0.input.method = other },
                                finding: VerifyFinding(.methodMismatch, .error, "The provided signature is reproduced exactly with method \(other) in the canonical request, but the request was sent with \(input.method). Fix: sign the method you send.")))
        }

        // Another host.
        if signed.contains("host") {
            let sentHost = input.headers.first(where: { $0.name.lowercased() == "host" })?.value.trimmingASCIIWhitespace() ?? ""
            var hosts: [String] = []
            let service = endpointService ?? input.service
            hosts.append(service + ".tencentcloudapi.com")
            if let region = request.header("X-TC-Region")?.trimmingASCIIWhitespace(), !region.isEmpty {
                hosts.append(service + "." + region + ".tencentcloudapi.com")
            }
            hosts.append(service + ".intl.tencentcloudapi.com")
            if sentHost.lowercased() != hostname { hosts.append(hostname) }
            for host in hosts where host.lowercased() != sentHost.lowercased() {
                list.append(Mistake(dimension: "host", summary: "Host \(host)", apply: { trial in
                    trial.input.headers.removeAll { $0.name.lowercased() == "host" }
                    trial.input.headers.append(HTTPHeader("Host", host))
                }, finding: VerifyFinding(.hostChanged, .error, "The provided signature is reproduced exactly with Host \"\(host)\", but the request was sent to \"\(sentHost)\". Fix: sign the host you send to (the endpoint the client is configured with).")))
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
        list.append(contentsOf: VerifierSupport.secretWhitespaceMistakes(secret).map { variant in
            Mistake(dimension: "secret", summary: variant.summary, apply: { $0.secret = variant.key }, finding: variant.finding)
        })
        return list
    }

    static func contentTypeAlternatives(_ sent: String) -> [String] {
        let base = sent.split(separator: ";").first.map { String($0).trimmingASCIIWhitespace() } ?? sent
        var candidates = [base]
        for mime in [base, "application/json", "application/x-www-form-urlencoded", "text/plain"] {
            candidates += [mime + "; charset=utf-8", mime + "; charset=UTF-8", mime + ";charset=utf-8", mime + ";charset=UTF-8", mime]
        }
        candidates += ["multipart/form-data", "application/octet-stream", ""]
        var out: [String] = []
        for candidate in candidates where candidate.lowercased() != sent.lowercased() && !out.contains(candidate) {
            out.append(candidate)
        }
        return out
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
