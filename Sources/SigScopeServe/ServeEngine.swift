import SigScope

/// The key a provider's requests are verified with.
package struct ServeCredentials: Sendable {
    /// The SecretId / AccessKeyId requests must carry; nil: any (the signature still has to match the key).
    package var secretId: String?
    /// The SecretKey / AccessKeySecret. Never printed, logged or recorded.
    package var secretKey: SecretKey
    /// A session token requests must carry; nil: none required.
    package var token: String?

    /// Creates credentials.
    package init(secretId: String?, secretKey: SecretKey, token: String? = nil) {
        self.secretId = secretId
        self.secretKey = secretKey
        self.token = token
    }
}

/// What `serve` checks requests against and how it answers them (everything but sockets).
package struct ServeSettings: Sendable {
    /// The key per provider; a provider without one has every request refused with its
    /// unknown-key error.
    package var credentials: [Provider: ServeCredentials]
    /// The TC3 credential-scope service the endpoint stands for (`vpc`).
    package var tc3Service: String
    /// The context's facts.
    package var inventory: ServeInventory
    /// Refuse an Alibaba request whose nonce was used within the window (`SignatureNonceUsed`), as the gateway does.
    package var rejectReplays: Bool

    /// Creates settings.
    package init(credentials: [Provider: ServeCredentials], tc3Service: String = "vpc", inventory: ServeInventory = ServeInventory(), rejectReplays: Bool = false) {
        self.credentials = credentials
        self.tc3Service = tc3Service
        self.inventory = inventory
        self.rejectReplays = rejectReplays
    }
}

/// How one request ended, as the log and the findings header say it.
package enum ServeVerdict: String, Sendable {
    /// Signature, timestamp and parameters are right; the action was carried out.
    case accepted
    /// Refused by the signature check (signature, timestamp window, key id, token).
    case rejected
    /// The signature is right but a parameter is not (validation).
    case invalid
    /// Signed and valid, but the action failed against the state (unknown action, unknown ENI, address in use).
    case failed
    /// Not an API request sigscope can read (no signature it knows, a body over the limit, an HTTP error).
    case malformed
}

/// One request and its answer, as the log line, the findings header and the HAR entry record it.
package struct ServeExchange: Sendable {
    package var status: Int
    package var contentType: String
    package var body: [UInt8]
    package var provider: Provider?
    package var action: String?
    package var verdict: ServeVerdict
    /// The provider's error code on a refusal, nil on success.
    package var errorCode: String?
    /// The verify finding codes (errors and warnings) and validation violation codes.
    package var findings: [String]
    /// The first finding's (or the violation's) sentence, for the standard-error line.
    package var summary: String
    package var requestId: String
}

/// The pipeline every request goes through: detect the provider, verify with the library's
/// `Verifier` (the same code as `sigscope verify`), validate with the library's `Validator`,
/// then carry out the action on the state. Pure but for the state's lock: the clock and the
/// id source are parameters.
package final class ServeEngine: Sendable {
    package let settings: ServeSettings
    let state: ServeState
    /// The nonces seen, when replays are refused.
    let nonces = NonceLedger()

    /// Creates an engine with an empty state plus the inventory's ENIs.
    package init(settings: ServeSettings) {
        self.settings = settings
        self.state = ServeState(inventory: settings.inventory)
    }

    /// Answers `request`, received at `now`.
    package func handle(_ request: SentRequest, now: Timestamp, ids: inout IDSource) -> ServeExchange {
        let signature: DetectedSignature
        do {
            signature = try SignatureDetector.detect(request)
        } catch {
            return unsigned(request, reason: error.reason, ids: &ids)
        }
        let wire = WireRequest.read(request, signature: signature)
        let provider = signature.provider
        var reply = Reply(provider: provider, action: wire.action, xml: wire.wantsXML, requestId: ids.requestId(for: provider))

        // 1. The signature, exactly as `verify` checks it, against the real clock.
        guard let credentials = settings.credentials[provider] else {
            let answer = provider.dialect.unknownKey
            return reply.error(answer.code, answer.message, verdict: .rejected, findings: ["no-key-configured"], status: answer.status,
                               summary: "serve has no \(provider.displayName) key: start it with --secret-key, or the provider's environment variable")
        }
        let options = VerifyOptions(secretKey: credentials.secretKey, expectedSecretId: credentials.secretId, token: credentials.token, now: now,
                                    service: settings.tc3Service)
        let report: VerifyReport
        do {
            report = try Verifier.verify(request, options: options)
        } catch {
            return reply.error("InternalError", "An internal error occurred.", verdict: .malformed, findings: [], summary: error.reason)
        }
        reply.findings = report.findings.map(\.code.rawValue)
        if !report.match {
            let refusal = Refusal.of(report, now: now)
            let summary = report.findings.first { $0.code != .signatureMismatch && $0.severity == .error }?.message
                ?? report.findings.first?.message ?? "the signature does not match"
            return reply.error(refusal.code, refusal.message, verdict: .rejected, findings: reply.findings, summary: summary)
        }

        // The gateway's replay check, with the signature found right (a wrong one is refused as such first).
        if settings.rejectReplays, provider == .aliyun, let nonce = Self.aliyunNonce(request, algorithm: signature.algorithm),
           !nonces.use(nonce, keyId: credentials.secretId ?? "", now: now) {
            reply.findings.append(VerifyFinding.Code.nonceReused.rawValue)
            return reply.error("SignatureNonceUsed", "Specified signature nonce was used already.", verdict: .rejected, findings: reply.findings, status: 400,
                               summary: "SignatureNonce \(nonce) was used already within \(NonceLedger.window / 60) minutes (--reject-replays)")
        }

        // 2. The request's parameters.
        if wire.action.isEmpty {
            return reply.error("MissingParameter", provider.dialect.missingParameter("Action"),
                               verdict: .invalid, findings: reply.findings, summary: "the request names no action")
        }
        if let version = wire.version, version != provider.defaultAPIVersion {
            let answer = provider.dialect.wrongVersion(version)
            return reply.error(answer.code, answer.message, verdict: .invalid, findings: reply.findings, status: answer.status,
                               summary: "version \(version) is not \(provider.defaultAPIVersion)")
        }
        if let problem = wire.paramsProblem {
            return reply.error("InvalidParameter", "The parameters cannot be read: \(problem).", verdict: .invalid, findings: reply.findings, summary: problem)
        }
        guard let action = Action.named(wire.action, provider: provider, inventory: settings.inventory) else {
            let answer = provider.dialect.unknownAction(wire.action)
            return reply.error(answer.code, answer.message, verdict: .failed, findings: reply.findings, status: answer.status,
                               summary: "\(wire.action) is not an action serve emulates")
        }
        // With context, the request is also checked against the account's state (the session's ENIs included).
        let context = state.withState { $0.contexts[provider] }
        let validation = context.map { ContextRules.validate(wire.apiRequest, context: $0) } ?? Validator.validate(wire.apiRequest)
        if let violation = validation.violations.first {
            reply.findings += validation.violations.map(\.code)
            return reply.error(violation.code, violation.message, verdict: .invalid, findings: reply.findings, summary: "\(violation.path): \(violation.message)")
        }

        // 3. The action, on the state.
        switch action.run(wire, self, now, &ids) {
        case .success(let fields, let summary):
            return reply.success(fields, summary: summary)
        case .failure(let code, let message, let status, let summary):
            return reply.error(code, message, verdict: .failed, findings: reply.findings, status: status, summary: summary)
        }
    }

    /// The nonce an Alibaba request carries: `SignatureNonce` (RPC, query or form body) or `x-acs-signature-nonce` (ACS3).
    static func aliyunNonce(_ request: SentRequest, algorithm: SignatureAlgorithm) -> String? {
        if algorithm == .acs3 { return request.header("x-acs-signature-nonce") }
        return SignatureDetector.parameters(of: request).first { $0.name == "SignatureNonce" }?.value
    }

    /// A request without a signature sigscope knows: the provider's own refusal when the
    /// request says which provider it is for, else a plain 400.
    private func unsigned(_ request: SentRequest, reason: String, ids: inout IDSource) -> ServeExchange {
        let params = Set(SignatureDetector.parameters(of: request).map(\.name))
        let provider = Provider.owning(headerNames: request.headers.map(\.name))
            ?? (params.contains("SecretId") ? .tencent : params.contains("AccessKeyId") ? .aliyun : nil)
        guard let provider else {
            return ServeExchange.plain(status: 400, message: "sigscope serve: not a Tencent Cloud or Alibaba Cloud API request: \(reason)", verdict: .malformed, summary: reason)
        }
        let action = request.header(provider.profile.headerPrefix + "action") ?? SignatureDetector.parameters(of: request).first { $0.name == "Action" }?.value
        let format = SignatureDetector.parameters(of: request).first { $0.name == "Format" }?.value.uppercased()
        let reply = Reply(provider: provider, action: action ?? "", xml: format == "XML", requestId: ids.requestId(for: provider))
        if provider == .tencent {
            let hasAuthorization = request.header("Authorization") != nil
            return reply.error(hasAuthorization ? "AuthFailure.InvalidAuthorization" : "MissingParameter",
                               hasAuthorization ? "The request `Authorization` header does not conform to tencentcloud standards." : "The request is missing a required parameter `Signature`.",
                               verdict: .rejected, findings: ["no-signature"], summary: reason)
        }
        return reply.error("MissingParameter", provider.dialect.missingParameter("Signature"),
                           verdict: .rejected, findings: ["no-signature"], summary: reason)
    }

    // MARK: - Answers

    struct Reply {
        var provider: Provider
        var action: String
        var xml: Bool
        var requestId: String
        var findings: [String] = []

        init(provider: Provider, action: String, xml: Bool, requestId: String) {
            self.provider = provider
            self.action = action
            self.xml = xml
            self.requestId = requestId
        }

        func error(_ code: String, _ message: String, verdict: ServeVerdict, findings: [String], status documented: Int? = nil, summary: String) -> ServeExchange {
            let status = provider == .tencent ? 200 : documented ?? ProviderBodies.aliyunStatus(code)
            let body = ProviderBodies.error(provider, code: code, message: message, status: status, requestId: requestId, hostId: "ecs.aliyuncs.com", xml: xml)
            return ServeExchange(status: body.status, contentType: body.contentType, body: body.bytes, provider: provider, action: action.isEmpty ? nil : action,
                                 verdict: verdict, errorCode: code, findings: findings, summary: summary, requestId: requestId)
        }

        func success(_ fields: JSONObject, summary: String) -> ServeExchange {
            let body = ProviderBodies.success(provider, action: action, fields: fields, requestId: requestId, xml: xml)
            return ServeExchange(status: body.status, contentType: body.contentType, body: body.bytes, provider: provider, action: action,
                                 verdict: .accepted, errorCode: nil, findings: findings, summary: summary, requestId: requestId)
        }
    }
}

extension ServeExchange {
    /// A plain-text answer outside any provider's envelope (an unreadable request, a body over the limit).
    package static func plain(status: Int, message: String, verdict: ServeVerdict, summary: String) -> ServeExchange {
        ServeExchange(status: status, contentType: "text/plain; charset=utf-8", body: Array((message + "\n").utf8), provider: nil, action: nil,
                      verdict: verdict, errorCode: nil, findings: [], summary: summary, requestId: "")
    }
}

/// The provider's refusal for a request `verify` did not accept: the code its server answers
/// for the most telling finding, and the message it writes.
enum Refusal {
    static func of(_ report: VerifyReport, now: Timestamp) -> (code: String, message: String) {
        let codes = Set(report.findings.filter { $0.severity == .error }.map(\.code))
        switch report.provider {
        case .tencent:
            if codes.contains(.timestampExpired) || codes.contains(.timestampInvalid) {
                return ("AuthFailure.SignatureExpire", "Signature expired. Please use local time and enable NTP service for time synchronization to avoid a deviation between `Timestamp` and the server time \(now.unixSeconds).")
            }
            if codes.contains(.secretIdMismatch) || codes.contains(.secretIdEmpty) {
                return ("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct.")
            }
            if codes.contains(.tokenHeaderMissing) {
                return ("AuthFailure.TokenFailure", "The provided token is invalid or missing.")
            }
            if codes.contains(.credentialServiceMismatch) {
                return ("AuthFailure.InvalidAuthorization", "The request `Authorization` header does not conform to tencentcloud standards: `Service` in Credential not valid.")
            }
            if codes.contains(.authorizationMalformed) || codes.contains(.signedHeaderMissing) {
                return ("AuthFailure.InvalidAuthorization", "The request `Authorization` header does not conform to tencentcloud standards.")
            }
            if codes.contains(.requiredHeaderMissing) {
                return ("MissingParameter", "The request is missing a required parameter.")
            }
            return ("AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct.")
        case .aliyun:
            // The format is judged before the value: a Timestamp the gateway cannot read is not "expired".
            if codes.contains(.timestampNotUTC) {
                // The gateway's answer to a Timestamp it cannot read (help.aliyun.com/zh/dns/illegal-timestamp).
                return ("IllegalTimestamp", "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied.")
            }
            if codes.contains(.timestampExpired) {
                return ("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
            }
            if codes.contains(.secretIdMismatch) || codes.contains(.secretIdEmpty) {
                return ("InvalidAccessKeyId.NotFound", "Specified access key is not found.")
            }
            if codes.contains(.tokenHeaderMissing) {
                // What ECS answers an STS key without its token (reported by SDK users, e.g. alibaba/alibaba.alicloud#322).
                return ("MissingParameter", "The input parameter \"SecurityToken\" that is mandatory for processing this request is not supplied.")
            }
            if codes.contains(.requiredHeaderMissing) {
                return ("MissingParameter", "The input parameter that is mandatory for processing this request is not supplied.")
            }
            if codes.contains(.authorizationMalformed) || codes.contains(.signedHeaderMissing) || codes.contains(.signedHeaderNotSent) {
                return ("IncompleteSignature", "The request signature does not conform to Aliyun standards. server string to sign is:" + stringToSign(report))
            }
            return ("SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign(report))
        }
    }

    /// The string-to-sign the server computed from the request as received, as the real
    /// gateway quotes it (the SDKs compare it with their own).
    static func stringToSign(_ report: VerifyReport) -> String {
        report.steps.first { $0.name == "stringToSign" }?.computed.value ?? ""
    }
}

/// Fresh request ids, ENI ids and MAC addresses, each in its provider's shape, drawn from a
/// random source the caller supplies (the server uses the system's; tests a seeded one).
package struct IDSource {
    private var next: () -> UInt64

    /// Creates a source drawing 64 random bits at a time from `next`.
    package init(_ next: @escaping () -> UInt64) {
        self.next = next
    }

    /// The system's generator.
    package static func system() -> IDSource {
        var generator = SystemRandomNumberGenerator()
        return IDSource { generator.next() }
    }

    /// A UUID v4: lower case for Tencent, upper case for Alibaba (as each answers).
    mutating func requestId(for provider: Provider) -> String {
        let a = next(), b = next()
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: a >> ($0 * 8)) } + (0..<8).map { UInt8(truncatingIfNeeded: b >> ($0 * 8)) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = Hex.encode(bytes[...])
        let chars = Array(hex)
        let text = String(chars[0..<8]) + "-" + String(chars[8..<12]) + "-" + String(chars[12..<16]) + "-" + String(chars[16..<20]) + "-" + String(chars[20..<32])
        return provider.dialect.upperCaseRequestId ? text.uppercased() : text
    }

    /// `count` characters of `[a-z0-9]`.
    mutating func alphanumeric(_ count: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".unicodeScalars)
        var out = String.UnicodeScalarView()
        while out.count < count {
            var bits = next()
            for _ in 0..<8 where out.count < count {
                let index = Int(bits & 0xFF)
                bits >>= 8
                // 252 = 7 × 36: no bias.
                if index < 252 { out.append(alphabet[index % 36]) }
            }
        }
        return String(out)
    }

    /// A Tencent ENI id, `eni-` and 8 characters (`eni-ndaunxuo`).
    mutating func tencentInterfaceId() -> String { "eni-" + alphanumeric(8) }

    /// An Alibaba ENI id, `eni-` and 20 characters, the first two the region's prefix where it is known (`eni-bp1…` in cn-hangzhou).
    mutating func aliyunInterfaceId(region: String?) -> String {
        let prefixes = ["cn-hangzhou": "bp", "cn-shanghai": "uf", "cn-beijing": "2z", "cn-shenzhen": "wz", "cn-qingdao": "m5", "cn-zhangjiakou": "8v",
                        "cn-hongkong": "j6", "ap-southeast-1": "t4", "us-west-1": "rj", "eu-central-1": "gw"]
        if let region, let prefix = prefixes[region] { return "eni-" + prefix + alphanumeric(18) }
        return "eni-" + alphanumeric(20)
    }

    /// A MAC address under the provider's prefix: Tencent `20:90:6F` (upper case, as its example), Alibaba `00:16:3e`.
    mutating func macAddress(for provider: Provider) -> String {
        let bits = next()
        let tail = (0..<3).map { i -> String in
            let byte = UInt8(truncatingIfNeeded: bits >> (i * 8))
            return Hex.encode([byte][...])
        }
        switch provider {
        case .tencent: return (["20", "90", "6F"] + tail.map { $0.uppercased() }).joined(separator: ":")
        case .aliyun: return (["00", "16", "3e"] + tail).joined(separator: ":")
        }
    }
}
