import Synchronization

/// Tencent Cloud API 3.0 signature, TC3-HMAC-SHA256.
///
/// Specification: https://cloud.tencent.com/document/api/213/30654 (zh) and
/// https://www.tencentcloud.com/document/api/213/33224 (en). One function per stage, named
/// as the document names it, so each can be checked on its own against the published values.
public enum TC3Signer {
    /// The algorithm's name as it appears in the string-to-sign and `Authorization`.
    public static let algorithmName = "TC3-HMAC-SHA256"
    /// SHA-256 of `UNSIGNED-PAYLOAD`, used when `X-TC-Content-SHA256: UNSIGNED-PAYLOAD` is sent.
    public static let unsignedPayloadHash = "438d4109ef0d676b8c2c7ed13cdfcb418e494d53b843d4634ce3b1085f07bb96"
    /// Headers that are always signed.
    public static let mandatorySignedHeaders = ["content-type", "host"]

    // MARK: - Building the request

    /// Builds the wire request for `request` and signs it.
    ///
    /// POST sends the params as a compact JSON body (or `options.body` verbatim) with
    /// `Content-Type: application/json`; GET sends them 0-based-flattened, sorted and RFC 3986-encoded
    /// in the query with `application/x-www-form-urlencoded`, and signs that exact query.
    /// - Throws: `SigScopeError` for a GET with a body, or a header to sign that is not sent.
    public static func sign(_ request: APIRequest, options: SigningOptions, credentials: Credentials, cache: SigningKeyCache? = nil) throws(SigScopeError) -> SignedRequest {
        let method = options.method ?? .post
        let plan = try self.plan(request, options: options, credentials: credentials, method: method, cache: cache)
        var notes: [String] = []

        var query = ""
        var body: [UInt8] = []
        switch method {
        case .post:
            if let given = options.body {
                body = given
            } else {
                body = cache.map { JSONWriter.compact.bytes(.object(request.params), using: $0.scratch) } ?? JSONWriter.compact.bytes(.object(request.params))
                notes = serializedBodyNotes
            }
        case .get:
            if let given = options.body, !given.isEmpty {
                throw SigScopeError(.invalidOption, "a TC3 GET request has no body; drop --body-file or use --method POST")
            }
            let pairs = FormCodec.sorted(Params.flatten(request.params, indexBase: 0))
            query = FormCodec.encode(pairs)
        }

        let computation = try body.withUnsafeBytes { payload in
            Result { () throws(SigScopeError) in
                try compute(plan.frame, query: query, payload: payload, date: plan.date, service: plan.service, secretKey: credentials.secretKey, cache: cache)
            }
        }.get()
        return signedRequest(plan, computation, query: query, body: body, notes: notes)
    }

    /// Everything but the params (endpoint, headers, signed names, scope): a batch worker's
    /// cache keeps it while the options and the request's action and region stay the same.
    private static func plan(_ request: APIRequest, options: SigningOptions, credentials: Credentials, method: HTTPMethod, cache: SigningKeyCache?) throws(SigScopeError) -> Plan {
        if let last = cache?.tc3Plan, last.matches(request, options: options, credentials: credentials, method: method) {
            return last
        }
        let plan = try Plan(request, options: options, credentials: credentials, method: method)
        cache?.tc3Plan = plan
        return plan
    }

    /// The signed request of `computation`: the plan's headers with `Authorization` first.
    private static func signedRequest(_ plan: Plan, _ computation: Computation, query: String, body: [UInt8], notes: [String]) -> SignedRequest {
        // Authorization goes first; building the final list once avoids shifting (and copying) the shared one.
        var sent: [HTTPHeader] = []
        sent.reserveCapacity(plan.headers.count + 1)
        sent.append(HTTPHeader("Authorization", computation.authorization))
        sent.append(contentsOf: plan.headers)
        let wire = HTTPRequest(method: plan.method.rawValue, scheme: plan.endpoint.scheme, host: plan.endpoint.host, query: query, headers: sent, body: body)
        return SignedRequest(provider: .tencent, algorithm: .tc3, steps: computation.steps, signature: computation.signature, request: wire, notes: notes)
    }

    // MARK: - Batch output

    /// Signs `request` as `sign` does and appends to `out` exactly the bytes
    /// `SignOutput.writeCompact(sign(…), showSecrets:)` would, without building the signed request.
    ///
    /// A batch line's output is mostly the same from line to line: only the body and three hex
    /// values (payload hash, canonical-request hash, signature) change while the plan and the
    /// derived keys stay. So the output is rendered once, by `SignOutput.writeCompact` itself with
    /// markers where those values go (`CompactTemplate`), and each line copies its pieces and
    /// fills the holes. Returns false, with nothing written, where this does not apply (GET,
    /// whose query changes from line to line): then sign and render.
    /// - Parameter paramsText: the JSON text `request.params` was parsed from, when it has no escape
    ///   sequence and the params are exactly what it says; the body is then that text without its
    ///   whitespace (`JSONWriter.appendMinified`), the same bytes as serializing the params.
    public static func writeSignedCompact(_ request: APIRequest, options: SigningOptions, credentials: Credentials, cache: SigningKeyCache,
                                          showSecrets: Bool, paramsText: UnsafeBufferPointer<UInt8>? = nil, into out: ByteBuffer) throws(SigScopeError) -> Bool {
        let method = options.method ?? .post
        guard method == .post else { return false }
        let plan = try self.plan(request, options: options, credentials: credentials, method: method, cache: cache)
        let derived: Derivation
        do {
            derived = try derivation(secretKey: credentials.secretKey, date: plan.date, service: plan.service, cache: cache)
        } catch {
            throw Self.signingError(error)
        }
        let template: CompactTemplate
        if let last = cache.tc3Template, last.plan === plan, last.derivation === derived, last.showSecrets == showSecrets {
            template = last
        } else {
            guard let made = CompactTemplate(plan, derived, showSecrets: showSecrets) else { return false }
            cache.tc3Template = made
            template = made
        }
        // The body is serialized into the worker's scratch buffer and hashed and written from there.
        let scratch = cache.scratch
        if options.body == nil {
            scratch.removeAll()
            // Minifying the line's own text is a quarter of the work of re-serializing the params.
            if let paramsText {
                JSONWriter.appendMinified(paramsText, to: scratch)
            } else {
                JSONWriter.compact.write(.object(request.params), into: scratch)
            }
        }
        do {
            if let given = options.body {
                try given.withUnsafeBufferPointer { body in try template.write(body: body, signer: derived.signer, cache: cache, into: out) }
            } else {
                try template.write(body: scratch.bytes, signer: derived.signer, cache: cache, into: out)
            }
        } catch {
            throw Self.signingError(error)
        }
        return true
    }

    /// The compact JSON output of a TC3 POST signature with one plan and one derivation, cut
    /// where the per-request values go.
    final class CompactTemplate: Sendable {
        let plan: Plan
        let derivation: Derivation
        let showSecrets: Bool
        /// The rendered output, without the body's string and what follows it.
        private let text: [UInt8]
        /// Where each hole is: the end of the text before it (in order) and which value goes there.
        private let holes: [(end: Int, value: Hole)]
        /// What follows the body's string.
        private let tail: [UInt8]
        /// The canonical request up to the payload hash (a POST has no query), and the string to
        /// sign up to the canonical request's hash: each line adds its hash to them as bytes.
        private let canonicalHead: [UInt8]
        private let stringToSignHead: [UInt8]
        private let unsignedPayload: Bool

        enum Hole: Int, CaseIterable {
            case payloadHash, canonicalHash, signature

            /// What stands for the value while the template is rendered: DEL is written as it is in
            /// JSON (no escape), and no value sigscope renders holds one.
            var marker: String { "\u{7F}sigscope-hole-\(rawValue)\u{7F}" }

            /// How many times the value appears in the output: the payload hash as its own step and
            /// ending the canonical request, the canonical-request hash as its step and ending the
            /// string to sign, the signature as its step, in the `authorization` step, as
            /// `signature` and in the `Authorization` header.
            var occurrences: Int { self == .signature ? 4 : 2 }
        }

        /// nil when the rendering is not as expected (a marker appears other than as planned,
        /// say in a header value given on purpose), so the caller renders each request instead.
        init?(_ plan: Plan, _ derivation: Derivation, showSecrets: Bool) {
            self.plan = plan
            self.derivation = derivation
            self.showSecrets = showSecrets
            let computation = TC3Signer.computation(plan.frame, query: "", payloadHash: Hole.payloadHash.marker, hashedRequest: Hole.canonicalHash.marker,
                                                    signature: Hole.signature.marker, derived: derivation)
            let signed = TC3Signer.signedRequest(plan, computation, query: "", body: [], notes: [])
            let buffer = ByteBuffer(capacity: 4096)
            SignOutput.writeCompact(signed, showSecrets: showSecrets, into: buffer)
            let rendered = Array(buffer.bytes)
            // The empty body is written `""`, then the request and the output close.
            let end = Array("\"body\":\"\"}}".utf8)
            guard rendered.count >= end.count, Array(rendered.suffix(end.count)) == end else { return nil }
            let bodyAt = rendered.count - 4
            var holes: [(end: Int, value: Hole)] = []
            var text: [UInt8] = []
            var counts = [Int](repeating: 0, count: Hole.allCases.count)
            let markers = Hole.allCases.map { Array($0.marker.utf8) }
            var i = 0
            while i < bodyAt {
                if rendered[i] == 0x7F, let hole = Hole.allCases.first(where: { rendered[i...].starts(with: markers[$0.rawValue]) }) {
                    holes.append((text.count, hole))
                    counts[hole.rawValue] += 1
                    i += markers[hole.rawValue].count
                } else {
                    text.append(rendered[i])
                    i += 1
                }
            }
            guard Hole.allCases.allSatisfy({ counts[$0.rawValue] == $0.occurrences }) else { return nil }
            self.text = text
            self.holes = holes
            tail = Array(rendered[(bodyAt + 2)...])
            canonicalHead = Array(plan.frame.head.utf8) + Array(plan.frame.afterQuery.utf8)
            stringToSignHead = Array(plan.frame.stringToSignHead.utf8)
            unsignedPayload = plan.frame.unsignedPayload
        }

        /// Signs `body` and appends its output. The stages are the ones `compute` runs, on bytes:
        /// the hashes are hex in a stack buffer and the canonical request and string to sign are
        /// the fixed heads plus a hash, so a line makes no String (each was an allocation).
        func write(body: UnsafeBufferPointer<UInt8>, signer: KeyedHMAC, cache: SigningKeyCache, into out: ByteBuffer) throws {
            // Three 64-digit hex values, 32 raw bytes, then the longer head followed by a hash.
            let messageAt = 3 * 64 + 32
            let room = messageAt + max(canonicalHead.count, stringToSignHead.count) + 64
            try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: room) { space in
                let payloadHex = UnsafeMutableBufferPointer(rebasing: space[0..<64])
                let canonicalHex = UnsafeMutableBufferPointer(rebasing: space[64..<128])
                let signatureHex = UnsafeMutableBufferPointer(rebasing: space[128..<192])
                let raw = UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: space[192..<messageAt]))
                if unsignedPayload {
                    _ = payloadHex.initialize(from: TC3Signer.unsignedPayloadHash.utf8)
                } else {
                    try cache.sha256(UnsafeRawBufferPointer(body), into: raw)
                    Hex.encode(UnsafeRawBufferPointer(raw), into: payloadHex)
                }
                // CanonicalRequest = head + payload hash; its hash ends the string to sign.
                let canonical = message(canonicalHead, payloadHex, in: space, at: messageAt)
                try cache.sha256(UnsafeRawBufferPointer(canonical), into: raw)
                Hex.encode(UnsafeRawBufferPointer(raw), into: canonicalHex)
                let toSign = message(stringToSignHead, canonicalHex, in: space, at: messageAt)
                try cache.hmac(signer, UnsafeRawBufferPointer(toSign), into: raw)
                Hex.encode(UnsafeRawBufferPointer(raw), into: signatureHex)
                write(payloadHash: UnsafeBufferPointer(payloadHex), canonicalHash: UnsafeBufferPointer(canonicalHex),
                      signature: UnsafeBufferPointer(signatureHex), body: body, into: out)
            }
        }

        /// `head` followed by `hash`, copied into `space` from `at`.
        private func message(_ head: [UInt8], _ hash: UnsafeMutableBufferPointer<UInt8>, in space: UnsafeMutableBufferPointer<UInt8>, at: Int) -> UnsafeBufferPointer<UInt8> {
            let end = at + head.count + hash.count
            let target = UnsafeMutableBufferPointer(rebasing: space[at..<end])
            _ = UnsafeMutableBufferPointer(rebasing: target[0..<head.count]).initialize(from: head)
            _ = UnsafeMutableBufferPointer(rebasing: target[head.count...]).initialize(from: hash)
            return UnsafeBufferPointer(target)
        }

        /// Appends the output of one request: the pieces, the values (hex: nothing to escape) and the body.
        private func write(payloadHash: UnsafeBufferPointer<UInt8>, canonicalHash: UnsafeBufferPointer<UInt8>, signature: UnsafeBufferPointer<UInt8>,
                           body: UnsafeBufferPointer<UInt8>, into out: ByteBuffer) {
            text.withUnsafeBufferPointer { text in
                var start = 0
                for hole in holes {
                    out.append(UnsafeBufferPointer(rebasing: text[start..<hole.end]))
                    switch hole.value {
                    case .payloadHash: out.append(payloadHash)
                    case .canonicalHash: out.append(canonicalHash)
                    case .signature: out.append(signature)
                    }
                    start = hole.end
                }
                out.append(UnsafeBufferPointer(rebasing: text[start...]))
            }
            SignOutput.writeBody(body, into: out)
            out.append(tail)
        }
    }

    /// The note of a body made from the params.
    static let serializedBodyNotes = ["The body is the params serialized as compact JSON (no spaces, UTF-8 kept); use --body-file to sign other exact bytes."]

    /// What a signature takes from the options, the credentials and the request's action and
    /// region, but not from its params: the endpoint, the headers sent (but `Authorization`), and
    /// the stages that depend on those alone (`Frame`). Made once for a batch of alike requests.
    final class Plan: Sendable {
        // What the plan was made from.
        let method: HTTPMethod
        let endpointText: String?
        let serviceOption: String?
        let contentTypeOption: String?
        let action: String
        let region: String?
        let apiVersionOption: String?
        let timestamp: Timestamp
        let token: String?
        let language: String?
        let extraSignedHeaders: [String]
        let secretId: String
        // What it made.
        let endpoint: Endpoint
        let service: String
        let date: String
        /// The headers sent, but `Authorization`, in order.
        let headers: [HTTPHeader]
        let frame: Frame

        init(_ request: APIRequest, options: SigningOptions, credentials: Credentials, method: HTTPMethod) throws(SigScopeError) {
            self.method = method
            endpointText = options.endpoint
            serviceOption = options.service
            contentTypeOption = options.contentType
            action = request.action
            region = request.region
            apiVersionOption = options.apiVersion
            timestamp = options.timestamp
            token = credentials.token
            language = options.language
            extraSignedHeaders = options.extraSignedHeaders
            secretId = credentials.secretId

            endpoint = try Endpoint.parse(options.endpoint ?? request.provider.defaultEndpoint)
            service = options.service ?? TencentProducts.service(forHost: endpoint.hostname, action: request.action)
            date = options.timestamp.utcDate
            let contentType = options.contentType ?? (method == .post ? "application/json" : "application/x-www-form-urlencoded")
            let timestampText = String(options.timestamp.unixSeconds)
            var headers: [HTTPHeader] = []
            headers.reserveCapacity(8)
            headers.append(HTTPHeader("Host", endpoint.host))
            headers.append(HTTPHeader("Content-Type", contentType))
            headers.append(HTTPHeader("X-TC-Action", request.action))
            headers.append(HTTPHeader("X-TC-Version", options.apiVersion ?? request.provider.defaultAPIVersion))
            headers.append(HTTPHeader("X-TC-Timestamp", timestampText))
            if let region = request.region, !region.isEmpty { headers.append(HTTPHeader("X-TC-Region", region)) }
            if let token = credentials.token, !token.isEmpty { headers.append(HTTPHeader("X-TC-Token", token)) }
            if let language = options.language { headers.append(HTTPHeader("X-TC-Language", language)) }

            var signed = mandatorySignedHeaders
            for extra in options.extraSignedHeaders {
                let name = extra.fastLowercased().trimmingASCIIWhitespace()
                guard !name.isEmpty else { continue }
                guard headers.contains(where: { $0.name.lowercasedEquals(name) }) else {
                    let sent = headers.map { $0.name.lowercased() }.joined(separator: ", ")
                    throw SigScopeError(.invalidOption, "--signed-headers names \"\(name)\", which this request does not send; sent headers are: \(sent)")
                }
                if !signed.contains(name) { signed.append(name) }
            }
            self.headers = headers
            frame = Frame(method: method.rawValue, headers: headers, signedHeaders: signed, timestamp: timestampText,
                          date: date, service: service, secretId: credentials.secretId, variant: .specification)
        }

        /// True when signing `request` with these options and credentials makes this same plan.
        func matches(_ request: APIRequest, options: SigningOptions, credentials: Credentials, method: HTTPMethod) -> Bool {
            self.method == method && action == request.action && region == request.region && timestamp == options.timestamp
                && endpointText == options.endpoint && serviceOption == options.service && contentTypeOption == options.contentType
                && apiVersionOption == options.apiVersion && token == credentials.token && language == options.language
                && extraSignedHeaders == options.extraSignedHeaders && secretId == credentials.secretId
        }
    }

    /// The credential-scope service for a host: its first label (`vpc` for `vpc.ap-guangzhou.tencentcloudapi.com`).
    public static func defaultService(forHost host: String) -> String {
        let name = Endpoint(host: host).hostname
        // The first label, found on the bytes (a `.` is one byte) rather than by splitting the whole name.
        guard let dot = name.utf8.firstIndex(of: UInt8(ascii: ".")) else { return name }
        if dot == name.utf8.startIndex {
            return name.split(separator: ".").first.map(String.init) ?? name
        }
        return String(name[..<dot])
    }

    // MARK: - The stages

    /// Everything the signature depends on, taken from a request as sent.
    public struct Input: Sendable, Equatable {
        public var method: String
        /// The query string exactly as sent (empty for POST).
        public var canonicalQuery: String
        /// The headers sent (signed ones are looked up here).
        public var headers: [HTTPHeader]
        /// Lower-case names to sign.
        public var signedHeaders: [String]
        public var payload: [UInt8]
        /// `X-TC-Timestamp` as sent.
        public var timestamp: String
        /// Credential-scope date, `yyyy-MM-dd` (UTC of the timestamp when correct).
        public var date: String
        public var service: String
        public var secretId: String

        public init(method: String, canonicalQuery: String, headers: [HTTPHeader], signedHeaders: [String], payload: [UInt8], timestamp: String, date: String, service: String, secretId: String) {
            self.method = method
            self.canonicalQuery = canonicalQuery
            self.headers = headers
            self.signedHeaders = signedHeaders
            self.payload = payload
            self.timestamp = timestamp
            self.date = date
            self.service = service
            self.secretId = secretId
        }
    }

    /// Every intermediate value of one signature computation.
    public struct Computation: Sendable, Equatable {
        public var hashedRequestPayload: String
        public var canonicalRequest: String
        public var hashedCanonicalRequest: String
        public var credentialScope: String
        public var stringToSign: String
        public var secretDate: [UInt8]
        public var secretService: [UInt8]
        public var secretSigning: [UInt8]
        public var signature: String
        public var authorization: String
        public var signedHeaders: String

        /// The stages as trace steps, in order, with the names of the JSON contract.
        public var steps: [SigningStep] {
            [
                SigningStep(shared: StepKinds.hashedRequestPayload, value: hashedRequestPayload),
                SigningStep(shared: StepKinds.canonicalRequest, value: canonicalRequest),
                SigningStep(shared: StepKinds.hashedCanonicalRequest, value: hashedCanonicalRequest),
                SigningStep(shared: StepKinds.credentialScope, value: credentialScope),
                SigningStep(shared: StepKinds.stringToSign, value: stringToSign),
                SigningStep(shared: StepKinds.secretDate, value: secretDateHex),
                SigningStep(shared: StepKinds.secretService, value: secretServiceHex),
                SigningStep(shared: StepKinds.secretSigning, value: secretSigningHex),
                SigningStep(shared: StepKinds.signature, value: signature),
                SigningStep(shared: StepKinds.authorization, value: authorization),
            ]
        }

        /// The derived keys in hex, encoded once per derivation (a batch reuses them).
        var secretDateHex: String
        var secretServiceHex: String
        var secretSigningHex: String
    }

    /// What each TC3 stage is, made once and shared by every signature.
    enum StepKinds {
        static let hashedRequestPayload = SigningStep.Kind(name: "hashedRequestPayload", title: "Hashed request payload", formula: "Lowercase(HexEncode(SHA256(body bytes as sent)))",
                                                    note: "Hashes the exact body bytes; re-serializing the JSON (spaces, key order, \\u escapes) changes it.")
        static let canonicalRequest = SigningStep.Kind(name: "canonicalRequest", title: "Canonical request", formula: "Method + \\n + CanonicalURI + \\n + CanonicalQueryString + \\n + CanonicalHeaders + \\n + SignedHeaders + \\n + HashedRequestPayload",
                                                note: "CanonicalHeaders are lowercase(name):lowercase(trim(value)), each ending in \\n, hence the blank line before SignedHeaders.")
        static let hashedCanonicalRequest = SigningStep.Kind(name: "hashedCanonicalRequest", title: "Hashed canonical request", formula: "Lowercase(HexEncode(SHA256(CanonicalRequest)))")
        static let credentialScope = SigningStep.Kind(name: "credentialScope", title: "Credential scope", formula: "Date (UTC, of X-TC-Timestamp) + \"/\" + service + \"/tc3_request\"",
                                               note: "The date is the UTC date of the timestamp; a local-time date fails every day between midnight and the UTC offset.")
        static let stringToSign = SigningStep.Kind(name: "stringToSign", title: "String to sign", formula: "\"TC3-HMAC-SHA256\" + \\n + X-TC-Timestamp + \\n + CredentialScope + \\n + HashedCanonicalRequest")
        static let secretDate = SigningStep.Kind(name: "secretDate", title: "SecretDate", formula: "HMAC-SHA256(key: \"TC3\" + SecretKey, msg: Date)", isDerivedKey: true)
        static let secretService = SigningStep.Kind(name: "secretService", title: "SecretService", formula: "HMAC-SHA256(key: SecretDate, msg: service)", isDerivedKey: true)
        static let secretSigning = SigningStep.Kind(name: "secretSigning", title: "SecretSigning", formula: "HMAC-SHA256(key: SecretService, msg: \"tc3_request\")", isDerivedKey: true)
        static let signature = SigningStep.Kind(name: "signature", title: "Signature", formula: "Lowercase(HexEncode(HMAC-SHA256(key: SecretSigning, msg: StringToSign)))")
        static let authorization = SigningStep.Kind(name: "authorization", title: "Authorization header", formula: "\"TC3-HMAC-SHA256 Credential=\" + SecretId/CredentialScope + \", SignedHeaders=\" + SignedHeaders + \", Signature=\" + Signature")
    }

    /// How a computation may deviate from the specification, to reproduce client mistakes.
    public struct Variant: Sendable, Equatable {
        /// Lowercase signed header values (the specification). False reproduces clients that keep their case.
        public var lowercaseHeaderValues: Bool = true

        public init(lowercaseHeaderValues: Bool = true) {
            self.lowercaseHeaderValues = lowercaseHeaderValues
        }

        public static let specification = Variant()
    }

    /// The stages that depend on the headers, the signed names, the timestamp, the scope and the
    /// SecretId, but not on the query or the payload: what a batch of alike requests shares.
    struct Frame: Sendable {
        /// `Method + "\n/\n"`: what comes before the query in the canonical request.
        let head: String
        /// `"\n" + CanonicalHeaders + "\n" + SignedHeaders + "\n"`: what comes between the query and the payload hash.
        let afterQuery: String
        let signedHeaders: String
        let credentialScope: String
        /// `"TC3-HMAC-SHA256\n" + timestamp + "\n" + CredentialScope + "\n"`.
        let stringToSignHead: String
        /// The `Authorization` value up to the signature.
        let authorizationHead: String
        /// `X-TC-Content-SHA256: UNSIGNED-PAYLOAD` is sent: the payload hash is that of the literal.
        let unsignedPayload: Bool

        init(method: String, headers: [HTTPHeader], signedHeaders names: [String], timestamp: String, date: String, service: String, secretId: String, variant: Variant) {
            unsignedPayload = headers.contains { $0.name.lowercasedEquals("x-tc-content-sha256") && $0.value.trimmingASCIIWhitespace() == "UNSIGNED-PAYLOAD" }
            let signedNames = signedHeadersList(names)
            signedHeaders = TextBuilder.join(signedNames, separator: ";")
            let headerBlock = canonicalHeaders(headers, signed: signedNames, lowercaseValues: variant.lowercaseHeaderValues)
            head = TextBuilder.join(method, "\n/\n")
            afterQuery = TextBuilder.join("\n", headerBlock, "\n", TextBuilder.join(signedHeaders, "\n"))
            credentialScope = TC3Signer.credentialScope(date: date, service: service)
            stringToSignHead = TextBuilder.join(algorithmName + "\n", timestamp, "\n", TextBuilder.join(credentialScope, "\n"))
            authorizationHead = TextBuilder.join(algorithmName + " Credential=", secretId, "/", TextBuilder.join(credentialScope, ", SignedHeaders=", signedHeaders, ", Signature="))
        }

        init(_ input: Input, variant: Variant) {
            self.init(method: input.method, headers: input.headers, signedHeaders: input.signedHeaders, timestamp: input.timestamp,
                      date: input.date, service: input.service, secretId: input.secretId, variant: variant)
        }
    }

    /// Runs every stage for `input`.
    /// - Throws: `SigScopeError.crypto` if libcrypto fails.
    public static func compute(_ input: Input, secretKey: SecretKey, variant: Variant = .specification, cache: SigningKeyCache? = nil) throws(SigScopeError) -> Computation {
        try input.payload.withUnsafeBytes { payload in
            Result { () throws(SigScopeError) in
                try compute(Frame(input, variant: variant), query: input.canonicalQuery, payload: payload, date: input.date, service: input.service,
                            secretKey: secretKey, cache: cache)
            }
        }.get()
    }

    /// Runs the stages that depend on the query and the payload, on top of `frame`.
    static func compute(_ frame: Frame, query: String, payload: UnsafeRawBufferPointer, date: String, service: String, secretKey: SecretKey, cache: SigningKeyCache?) throws(SigScopeError) -> Computation {
        do {
            // With a caller's cache, its own contexts are reused (see SigningKeyCache).
            func sha256Hex(_ bytes: UnsafeRawBufferPointer) throws -> String {
                try cache?.sha256Hex(bytes) ?? Digest.hex(.sha256, bytes)
            }
            let payloadHash = frame.unsignedPayload ? unsignedPayloadHash : try sha256Hex(payload)
            let request = canonicalRequest(frame, query: query, payloadHash: payloadHash)
            let hashedRequest = try request.withUTF8Bytes { try sha256Hex(UnsafeRawBufferPointer($0)) }
            let toSign = stringToSign(frame, hashedRequest: hashedRequest)
            let derived = try derivation(secretKey: secretKey, date: date, service: service, cache: cache)
            let sig = try toSign.withUTF8Bytes { bytes in
                try cache?.hmacHex(derived.signer, UnsafeRawBufferPointer(bytes)) ?? derived.signer.hex(UnsafeRawBufferPointer(bytes))
            }
            return Computation(hashedRequestPayload: payloadHash, canonicalRequest: request, hashedCanonicalRequest: hashedRequest,
                               credentialScope: frame.credentialScope, stringToSign: toSign, secretDate: derived.keys.date, secretService: derived.keys.service,
                               secretSigning: derived.keys.signing, signature: sig, authorization: authorization(frame, signature: sig), signedHeaders: frame.signedHeaders,
                               secretDateHex: derived.hex.date, secretServiceHex: derived.hex.service, secretSigningHex: derived.hex.signing)
        } catch {
            throw signingError(error)
        }
    }

    /// The stages of a computation whose hashes are given rather than computed (a template's markers).
    static func computation(_ frame: Frame, query: String, payloadHash: String, hashedRequest: String, signature: String, derived: Derivation) -> Computation {
        Computation(hashedRequestPayload: payloadHash, canonicalRequest: canonicalRequest(frame, query: query, payloadHash: payloadHash),
                    hashedCanonicalRequest: hashedRequest, credentialScope: frame.credentialScope, stringToSign: stringToSign(frame, hashedRequest: hashedRequest),
                    secretDate: derived.keys.date, secretService: derived.keys.service, secretSigning: derived.keys.signing, signature: signature,
                    authorization: authorization(frame, signature: signature), signedHeaders: frame.signedHeaders,
                    secretDateHex: derived.hex.date, secretServiceHex: derived.hex.service, secretSigningHex: derived.hex.signing)
    }

    /// CanonicalRequest: method, `/`, query, headers block, signed headers, payload hash, joined by `\n`.
    private static func canonicalRequest(_ frame: Frame, query: String, payloadHash: String) -> String {
        TextBuilder.join(frame.head, query, frame.afterQuery, payloadHash)
    }

    private static func stringToSign(_ frame: Frame, hashedRequest: String) -> String {
        TextBuilder.join(frame.stringToSignHead, hashedRequest)
    }

    private static func authorization(_ frame: Frame, signature: String) -> String {
        TextBuilder.join(frame.authorizationHead, signature)
    }

    /// A libcrypto failure as the error sigscope reports.
    private static func signingError(_ error: any Error) -> SigScopeError {
        if let crypto = error as? CryptoError { return crypto.asSigScopeError }
        return SigScopeError(.crypto, "\(error)")
    }

    /// Lower-cased, de-duplicated, ASCII-sorted header names.
    public static func signedHeadersList(_ names: [String]) -> [String] {
        HTTPHeader.signedNameList(names)
    }

    /// `CanonicalHeaders`: for each signed name in order, `name:lowercase(trim(value))\n`.
    public static func canonicalHeaders(_ headers: [HTTPHeader], signed: [String], lowercaseValues: Bool = true) -> String {
        var out = TextBuilder(capacity: 128)
        for name in signed {
            // Headers are read in place by index: a copy of each would retain its name and value.
            let value = headers.indices.first(where: { headers[$0].name.lowercasedEquals(name) }).map { headers[$0].value } ?? ""
            let trimmed = value.trimmingASCIIWhitespace()
            out.bytes.appendUTF8(name)
            out.bytes.append(UInt8(ascii: ":"))
            out.bytes.appendUTF8(lowercaseValues ? trimmed.fastLowercased() : trimmed)
            out.bytes.append(0x0A)
        }
        return out.string
    }

    /// `CanonicalRequest` = method, `/`, query, headers block, signed headers, payload hash, joined by `\n`.
    public static func canonicalRequest(method: String, canonicalQuery: String, canonicalHeaders: String, signedHeaders: String, hashedPayload: String) -> String {
        TextBuilder.join(method, "\n/\n", canonicalQuery, "\n", canonicalHeaders, "\n", signedHeaders, "\n", hashedPayload)
    }

    /// `CredentialScope` = `Date/service/tc3_request`.
    public static func credentialScope(date: String, service: String) -> String {
        TextBuilder.join(date, "/", service, "/tc3_request")
    }

    /// `StringToSign` = algorithm, timestamp, scope and hashed canonical request, joined by `\n` (no trailing newline).
    public static func stringToSign(timestamp: String, credentialScope: String, hashedCanonicalRequest: String) -> String {
        TextBuilder.join(algorithmName, "\n", timestamp, "\n", credentialScope, "\n", hashedCanonicalRequest)
    }

    /// The derived keys: SecretDate, SecretService and SecretSigning (raw bytes, not hex).
    public static func signingKeys(secretKey: SecretKey, date: String, service: String) throws -> (date: [UInt8], service: [UInt8], signing: [UInt8]) {
        try derivation(secretKey: secretKey, date: date, service: service).keys
    }

    typealias DerivedKeys = (date: [UInt8], service: [UInt8], signing: [UInt8])

    /// The keys derived for one secret, date and service, in bytes and in hex, with the signing
    /// key made ready for HMAC.
    final class Derivation: Sendable {
        let secret: [UInt8]
        let date: String
        let service: String
        let keys: DerivedKeys
        let hex: (date: String, service: String, signing: String)
        let signer: KeyedHMAC

        init(secretKey: SecretKey, date: String, service: String) throws {
            secret = secretKey.bytes
            self.date = date
            self.service = service
            keys = try deriveKeys(secretKey: secretKey, date: date, service: service)
            hex = (Hex.encode(keys.date), Hex.encode(keys.service), Hex.encode(keys.signing))
            signer = try keys.signing.withUnsafeBytes { try KeyedHMAC(.sha256, key: $0) }
        }

        func matches(_ secretKey: SecretKey, date: String, service: String) -> Bool {
            self.date == date && self.service == service && ConstantTime.equals(secret, secretKey.bytes)
        }
    }

    /// The derivation for `secretKey`, `date` and `service`.
    ///
    /// A batch signs with one secret, date and service: the keys are derived, encoded and made
    /// ready for HMAC once, and reused while the three stay the same. A caller's own `cache`
    /// is used when given (one per thread: nothing in it is shared), else one kept for the process.
    static func derivation(secretKey: SecretKey, date: String, service: String, cache: SigningKeyCache? = nil) throws -> Derivation {
        if let cache {
            if let last = cache.tc3, last.matches(secretKey, date: date, service: service) { return last }
            let derived = try Derivation(secretKey: secretKey, date: date, service: service)
            cache.tc3 = derived
            return derived
        }
        if let last = lastDerivation.withLock({ $0 }), last.matches(secretKey, date: date, service: service) { return last }
        let derived = try Derivation(secretKey: secretKey, date: date, service: service)
        lastDerivation.withLock { $0 = derived }
        return derived
    }

    /// The last key derivation.
    private static let lastDerivation = Mutex<Derivation?>(nil)

    private static func deriveKeys(secretKey: SecretKey, date: String, service: String) throws -> DerivedKeys {
        let secretDate = try HMAC.mac(.sha256, key: Array("TC3".utf8) + secretKey.bytes, message: Array(date.utf8))
        let secretService = try HMAC.mac(.sha256, key: secretDate, message: Array(service.utf8))
        let secretSigning = try HMAC.mac(.sha256, key: secretService, message: Array("tc3_request".utf8))
        return (secretDate, secretService, secretSigning)
    }

    /// `Signature` = lowercase hex of HMAC-SHA256(SecretSigning, StringToSign).
    public static func signature(signingKey: [UInt8], stringToSign: String) throws -> String {
        return try stringToSign.withUTF8Bytes { try HMAC.hex(.sha256, key: signingKey, message: UnsafeRawBufferPointer($0)) }
    }

    /// The `Authorization` value, with `, ` between its three parts.
    public static func authorization(secretId: String, credentialScope: String, signedHeaders: String, signature: String) -> String {
        TextBuilder.join(algorithmName, " Credential=", secretId, "/", credentialScope, ", SignedHeaders=", signedHeaders, ", Signature=", signature)
    }
}
