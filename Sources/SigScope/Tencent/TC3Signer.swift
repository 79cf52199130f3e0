/// Tencent Cloud API 3.0 signature, TC3-HMAC-SHA256.
///
/// Specification: https://cloud.tencent.com/document/api/213/30654 (zh) and
/// https://www.tencentcloud.com/document/api/213/33224 (en), "Signature v3".
///
/// A signer is a small value for one set of credentials and one credential scope (date and
/// service), shaped like soto-core's `AWSSigner`: it derives SecretDate, SecretService and
/// SecretSigning when it is made, keeps them as its own, and signs any number of requests of
/// that scope. Each stage of the specification is one function below (`canonicalHeaders`,
/// `signedHeadersList`, `hashedRequestPayload`, `canonicalRequest`, `hashedCanonicalRequest`,
/// `credentialScope`, `stringToSign`, `secretDate`, `secretService`, `secretSigning`,
/// `signature`, `authorization`); `sign`, the verifier and sigscope's batch signer
/// (`SigScopeBatch`) all run these same functions.
package struct TC3Signer: Sendable {
    /// The algorithm's name as it appears in the string-to-sign and `Authorization`.
    package static let algorithmName = "TC3-HMAC-SHA256"
    /// SHA-256 of `UNSIGNED-PAYLOAD`, used when `X-TC-Content-SHA256: UNSIGNED-PAYLOAD` is sent.
    package static let unsignedPayloadHash = "438d4109ef0d676b8c2c7ed13cdfcb418e494d53b843d4634ce3b1085f07bb96"
    /// Headers that are always signed.
    package static let mandatorySignedHeaders = ["content-type", "host"]

    /// The SecretId and SecretKey signed with (a token travels as a header, unsigned by the scope).
    package let credentials: Credentials
    /// The scope's date, `yyyy-MM-dd` (the UTC date of `X-TC-Timestamp`).
    package let date: String
    /// The scope's service (`vpc`).
    package let service: String
    /// `CredentialScope` = `Date/service/tc3_request`.
    package let credentialScope: String
    /// The keys derived for this scope, made ready for HMAC.
    package let keys: DerivedKeys

    /// A signer for `credentials` in the scope of `date` and `service`: derives its keys, or
    /// takes them from `cache` when it holds them (and keeps them there when it does not).
    /// - Throws: `SigScopeError.crypto` if libcrypto fails.
    package init(credentials: Credentials, date: String, service: String, cache: TC3KeyCache? = nil) throws(SigScopeError) {
        self.credentials = credentials
        self.date = date
        self.service = service
        credentialScope = Self.credentialScope(date: date, service: service)
        do {
            if let cache {
                keys = try cache.keys(secretKey: credentials.secretKey, date: date, service: service)
            } else {
                keys = try DerivedKeys(secretKey: credentials.secretKey, date: date, service: service)
            }
        } catch {
            throw Self.signingError(error)
        }
    }

    /// True when this signer's keys are those of `secretKey`, `date` and `service`.
    package func derives(_ secretKey: SecretKey, date: String, service: String) -> Bool {
        self.date == date && self.service == service && ConstantTime.equals(credentials.secretKey.bytes, secretKey.bytes)
    }

    /// SecretDate, SecretService and SecretSigning of one scope, in bytes and hex, with the
    /// signing key made ready for HMAC. A class, so copies of a signer share one.
    package final class DerivedKeys: Sendable {
        let date: [UInt8]
        let service: [UInt8]
        let signing: [UInt8]
        let dateHex: String
        let serviceHex: String
        let signingHex: String
        /// SecretSigning, keyed for HMAC once.
        package let signer: KeyedHMAC

        init(secretKey: SecretKey, date day: String, service name: String) throws {
            let hmac = try FetchedHMAC()
            date = try TC3Signer.secretDate(secretKey: secretKey, date: day, using: hmac)
            service = try TC3Signer.secretService(secretDate: date, service: name, using: hmac)
            signing = try TC3Signer.secretSigning(secretService: service, using: hmac)
            dateHex = Hex.encode(date)
            serviceHex = Hex.encode(service)
            signingHex = Hex.encode(signing)
            signer = try signing.withUnsafeBytes { try KeyedHMAC(.sha256, key: $0, using: hmac) }
        }
    }

    // MARK: - Building the request

    /// Builds the wire request for `request` and signs it.
    ///
    /// POST sends the params as a compact JSON body (or `options.body` verbatim) with
    /// `Content-Type: application/json`; GET sends them 0-based-flattened, sorted and RFC 3986-encoded
    /// in the query with `application/x-www-form-urlencoded`, and signs that exact query.
    /// - Throws: `SigScopeError` for a GET with a body, or a header to sign that is not sent.
    package static func sign(_ request: APIRequest, options: SigningOptions, credentials: Credentials) throws(SigScopeError) -> SignedRequest {
        let method = options.method ?? .post
        let prepared = try Prepared(request, options: options, credentials: credentials, method: method)
        var notes: [SigScopeMessage] = []
        var query = ""
        var body: [UInt8] = []
        switch method {
        case .post:
            if let given = options.body {
                body = given
            } else {
                body = JSONWriter.compact.bytes(.object(request.params))
                notes = serializedBodyNotes
            }
        case .get:
            if let given = options.body, !given.isEmpty {
                throw SigScopeError(.invalidOption, "a TC3 GET request has no body; drop \(.body) or use \(.method) POST")
            }
            query = FormCodec.encode(FormCodec.sorted(Params.flatten(request.params, indexBase: 0)))
        }
        let signer = try TC3Signer(credentials: credentials, date: prepared.date, service: prepared.service)
        let computation = try signer.compute(prepared, query: query, payload: body)
        return prepared.signedRequest(computation, query: query, body: body, notes: notes)
    }

    /// The note of a body made from the params.
    package static let serializedBodyNotes: [SigScopeMessage] = ["The body is the params serialized as compact JSON (no spaces, UTF-8 kept); give exact bytes as \(.body) to sign others."]

    /// What a signature takes from the options, the credentials and the request's action and
    /// region, but not from its params: the endpoint, the headers sent (but `Authorization`),
    /// and the canonical headers and signed names made from them.
    package struct Prepared: Sendable {
        package let method: HTTPMethod
        package let endpoint: Endpoint
        package let service: String
        package let date: String
        /// `X-TC-Timestamp` as sent.
        package let timestamp: String
        /// The headers sent, but `Authorization`, in order.
        package let headers: [HTTPHeader]
        /// `SignedHeaders`, joined with `;`.
        package let signedHeaders: String
        /// `CanonicalHeaders` (each line ending in `\n`).
        package let canonicalHeaders: String
        /// `X-TC-Content-SHA256: UNSIGNED-PAYLOAD` is sent: the payload hash is that of the literal.
        package let unsignedPayload: Bool

        package init(_ request: APIRequest, options: SigningOptions, credentials: Credentials, method: HTTPMethod) throws(SigScopeError) {
            self.method = method
            endpoint = try Endpoint.parse(options.endpoint ?? request.provider.defaultEndpoint)
            service = options.service ?? TencentProducts.service(forHost: endpoint.hostname, action: request.action)
            date = options.timestamp.utcDate
            let contentType = options.contentType ?? (method == .post ? "application/json" : "application/x-www-form-urlencoded")
            timestamp = String(options.timestamp.unixSeconds)
            var headers: [HTTPHeader] = []
            headers.reserveCapacity(8)
            headers.append(HTTPHeader("Host", endpoint.host))
            headers.append(HTTPHeader("Content-Type", contentType))
            headers.append(HTTPHeader("X-TC-Action", request.action))
            headers.append(HTTPHeader("X-TC-Version", options.apiVersion ?? request.provider.defaultAPIVersion))
            headers.append(HTTPHeader("X-TC-Timestamp", timestamp))
            if let region = request.region, !region.isEmpty { headers.append(HTTPHeader("X-TC-Region", region)) }
            if let token = credentials.token, !token.isEmpty { headers.append(HTTPHeader("X-TC-Token", token)) }
            if let language = options.language { headers.append(HTTPHeader("X-TC-Language", language)) }

            var signed = mandatorySignedHeaders
            for extra in options.extraSignedHeaders {
                let name = extra.fastLowercased().trimmingASCIIWhitespace()
                guard !name.isEmpty else { continue }
                guard headers.contains(where: { $0.name.lowercasedEquals(name) }) else {
                    let sent = headers.map { $0.name.lowercased() }.joined(separator: ", ")
                    throw SigScopeError(.invalidOption, "\(.signedHeaders) name \"\(name)\", which this request does not send; sent headers are: \(sent)")
                }
                if !signed.contains(name) { signed.append(name) }
            }
            self.headers = headers
            let names = signedHeadersList(signed)
            signedHeaders = TextBuilder.join(names, separator: ";")
            canonicalHeaders = TC3Signer.canonicalHeaders(headers, signed: names)
            unsignedPayload = TC3Signer.sendsUnsignedPayload(headers)
        }

        /// The signed request of `computation`: these headers with `Authorization` first.
        package func signedRequest(_ computation: Computation, query: String, body: [UInt8], notes: [SigScopeMessage]) -> SignedRequest {
            // Authorization goes first; building the final list once avoids shifting (and copying) the shared one.
            var sent: [HTTPHeader] = []
            sent.reserveCapacity(headers.count + 1)
            sent.append(HTTPHeader("Authorization", computation.authorization))
            sent.append(contentsOf: headers)
            let wire = SentRequest(method: method.rawValue, scheme: endpoint.scheme, host: endpoint.host, query: query, headers: sent, body: body)
            return SignedRequest(provider: .tencent, algorithm: .tc3, steps: computation.steps, signature: computation.signature, request: wire, notes: notes)
        }
    }

    /// The credential-scope service for a host: its first label (`vpc` for `vpc.ap-guangzhou.tencentcloudapi.com`).
    package static func defaultService(forHost host: String) -> String {
        let name = Endpoint(host: host).hostname
        // The first label, found on the bytes (a `.` is one byte) rather than by splitting the whole name.
        guard let dot = name.utf8.firstIndex(of: UInt8(ascii: ".")) else { return name }
        if dot == name.utf8.startIndex {
            return name.split(separator: ".").first.map(String.init) ?? name
        }
        return String(name[..<dot])
    }

    // MARK: - The stages, run

    /// Runs every stage for `input`.
    /// - Throws: `SigScopeError.crypto` if libcrypto fails.
    package static func compute(_ input: Input, secretKey: SecretKey, variant: Variant = .specification) throws(SigScopeError) -> Computation {
        try compute(input, secretKey: secretKey, variant: variant, keys: nil)
    }

    /// Runs every stage for `input`, with the derived keys `keys` keeps (when given).
    /// - Throws: `SigScopeError.crypto` if libcrypto fails.
    package static func compute(_ input: Input, secretKey: SecretKey, variant: Variant = .specification, keys: TC3KeyCache?) throws(SigScopeError) -> Computation {
        let signer = try TC3Signer(credentials: Credentials(secretId: input.secretId, secretKey: secretKey), date: input.date, service: input.service, cache: keys)
        let names = signedHeadersList(input.signedHeaders)
        return try input.payload.withUnsafeBytes { payload in
            Result { () throws(SigScopeError) in
                try signer.compute(method: input.method, query: input.canonicalQuery,
                                   canonicalHeaders: canonicalHeaders(input.headers, signed: names, lowercaseValues: variant.lowercaseHeaderValues),
                                   signedHeaders: TextBuilder.join(names, separator: ";"), unsignedPayload: sendsUnsignedPayload(input.headers),
                                   payload: payload, timestamp: input.timestamp)
            }
        }.get()
    }

    /// Runs every stage for a request prepared by `Prepared`, with its query and payload.
    package func compute(_ prepared: Prepared, query: String, payload: [UInt8]) throws(SigScopeError) -> Computation {
        try payload.withUnsafeBytes { bytes in
            Result { () throws(SigScopeError) in
                try compute(method: prepared.method.rawValue, query: query, canonicalHeaders: prepared.canonicalHeaders, signedHeaders: prepared.signedHeaders,
                            unsignedPayload: prepared.unsignedPayload, payload: bytes, timestamp: prepared.timestamp)
            }
        }.get()
    }

    /// The stages in the specification's order, from the payload hash to `Authorization`.
    func compute(method: String, query: String, canonicalHeaders: String, signedHeaders: String, unsignedPayload: Bool,
                 payload: UnsafeRawBufferPointer, timestamp: String) throws(SigScopeError) -> Computation {
        let payloadHash = unsignedPayload ? Self.unsignedPayloadHash : try Self.hex { out throws(SigScopeError) in try Self.hashedRequestPayload(payload, into: out) }
        let request = Self.canonicalRequest(method: method, canonicalQuery: query, canonicalHeaders: canonicalHeaders, signedHeaders: signedHeaders, hashedPayload: payloadHash)
        let hashedRequest = try Self.hex(of: request) { bytes, out throws(SigScopeError) in try Self.hashedCanonicalRequest(bytes, into: out) }
        let toSign = Self.stringToSign(timestamp: timestamp, credentialScope: credentialScope, hashedCanonicalRequest: hashedRequest)
        let keys = keys
        let sig = try Self.hex(of: toSign) { bytes, out throws(SigScopeError) in try Self.signature(bytes, keys: keys, into: out) }
        return Computation(hashedRequestPayload: payloadHash, canonicalRequest: request, hashedCanonicalRequest: hashedRequest, stringToSign: toSign,
                           signature: sig, authorization: Self.authorization(secretId: credentials.secretId, credentialScope: credentialScope, signedHeaders: signedHeaders, signature: sig),
                           signedHeaders: signedHeaders, signer: self)
    }

    /// The 64 hex digits `write` makes of `text`'s UTF-8 bytes, as a string.
    private static func hex(of text: String, _ write: (UnsafeRawBufferPointer, UnsafeMutableBufferPointer<UInt8>) throws(SigScopeError) -> Void) throws(SigScopeError) -> String {
        do {
            return try text.withUTF8Bytes { bytes in try hex { out throws(SigScopeError) in try write(UnsafeRawBufferPointer(bytes), out) } }
        } catch {
            throw signingError(error)
        }
    }

    /// The 64 hex digits `write` puts into a buffer, as a string.
    private static func hex(_ write: (UnsafeMutableBufferPointer<UInt8>) throws(SigScopeError) -> Void) throws(SigScopeError) -> String {
        var failure: SigScopeError?
        let text = String(unsafeUninitializedCapacity: 64) { out in
            do throws(SigScopeError) { try write(out) } catch { failure = error }
            return 64
        }
        if let failure { throw failure }
        return text
    }

    // MARK: - Inputs and results

    /// Everything the signature depends on, taken from a request as sent.
    package struct Input: Sendable, Equatable {
        package var method: String
        /// The query string exactly as sent (empty for POST).
        package var canonicalQuery: String
        /// The headers sent (signed ones are looked up here).
        package var headers: [HTTPHeader]
        /// Lower-case names to sign.
        package var signedHeaders: [String]
        package var payload: [UInt8]
        /// `X-TC-Timestamp` as sent.
        package var timestamp: String
        /// Credential-scope date, `yyyy-MM-dd` (UTC of the timestamp when correct).
        package var date: String
        package var service: String
        package var secretId: String

        package init(method: String, canonicalQuery: String, headers: [HTTPHeader], signedHeaders: [String], payload: [UInt8], timestamp: String, date: String, service: String, secretId: String) {
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
    package struct Computation: Sendable, Equatable {
        package var hashedRequestPayload: String
        package var canonicalRequest: String
        package var hashedCanonicalRequest: String
        package var credentialScope: String
        package var stringToSign: String
        package var secretDate: [UInt8]
        package var secretService: [UInt8]
        package var secretSigning: [UInt8]
        package var signature: String
        package var authorization: String
        package var signedHeaders: String

        /// The stages as trace steps, in order, with the names of the JSON contract.
        package var steps: [SigningStep] {
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

        /// The derived keys in hex, encoded once per signer (a batch reuses them).
        var secretDateHex: String
        var secretServiceHex: String
        var secretSigningHex: String

        /// The values of the stages of one signature by `signer`, whose derived keys it shows.
        package init(hashedRequestPayload: String, canonicalRequest: String, hashedCanonicalRequest: String, stringToSign: String,
                     signature: String, authorization: String, signedHeaders: String, signer: TC3Signer) {
            self.hashedRequestPayload = hashedRequestPayload
            self.canonicalRequest = canonicalRequest
            self.hashedCanonicalRequest = hashedCanonicalRequest
            credentialScope = signer.credentialScope
            self.stringToSign = stringToSign
            secretDate = signer.keys.date
            secretService = signer.keys.service
            secretSigning = signer.keys.signing
            self.signature = signature
            self.authorization = authorization
            self.signedHeaders = signedHeaders
            secretDateHex = signer.keys.dateHex
            secretServiceHex = signer.keys.serviceHex
            secretSigningHex = signer.keys.signingHex
        }
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
    package struct Variant: Sendable, Equatable {
        /// Lowercase signed header values (the specification). False reproduces clients that keep their case.
        package var lowercaseHeaderValues: Bool = true

        package init(lowercaseHeaderValues: Bool = true) {
            self.lowercaseHeaderValues = lowercaseHeaderValues
        }

        package static let specification = Variant()
    }


    // MARK: - The stages, one function each

    /// `X-TC-Content-SHA256: UNSIGNED-PAYLOAD` is among `headers`: the payload is not hashed
    /// and `HashedRequestPayload` is `unsignedPayloadHash` (the specification's "unsigned payload" option).
    static func sendsUnsignedPayload(_ headers: [HTTPHeader]) -> Bool {
        headers.contains { $0.name.lowercasedEquals("x-tc-content-sha256") && $0.value.trimmingASCIIWhitespace() == "UNSIGNED-PAYLOAD" }
    }

    /// Step 1, `SignedHeaders`: the signed header names lower-cased, de-duplicated, ASCII-sorted.
    /// https://www.tencentcloud.com/document/api/213/33224 ("1. Concatenating the CanonicalRequest String").
    static func signedHeadersList(_ names: [String]) -> [String] {
        HTTPHeader.signedNameList(names)
    }

    /// Step 1, `CanonicalHeaders`: for each signed name in order, `name:lowercase(trim(value))\n`
    /// (values keep their case with `lowercaseValues: false`, a client mistake the verifier replays).
    /// https://www.tencentcloud.com/document/api/213/33224 ("1. Concatenating the CanonicalRequest String").
    static func canonicalHeaders(_ headers: [HTTPHeader], signed: [String], lowercaseValues: Bool = true) -> String {
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

    /// Step 1, `HashedRequestPayload` = Lowercase(HexEncode(SHA256(RequestPayload))), 64 hex
    /// digits into `hex`; through a batch worker's `contexts` when given.
    /// https://www.tencentcloud.com/document/api/213/33224 ("1. Concatenating the CanonicalRequest String").
    package static func hashedRequestPayload(_ payload: UnsafeRawBufferPointer, into hex: UnsafeMutableBufferPointer<UInt8>,
                                             contexts: CryptoContexts? = nil) throws(SigScopeError) {
        try sha256Hex(payload, into: hex, contexts: contexts)
    }

    /// Step 1, `CanonicalRequest` = HTTPRequestMethod + `\n` + CanonicalURI (`/`) + `\n` +
    /// CanonicalQueryString + `\n` + CanonicalHeaders + `\n` + SignedHeaders + `\n` + HashedRequestPayload.
    /// The payload hash comes last, so with an empty one this is the part every request of a
    /// batch with one method, query (none: POST) and headers shares.
    /// https://www.tencentcloud.com/document/api/213/33224 ("1. Concatenating the CanonicalRequest String").
    package static func canonicalRequest(method: String, canonicalQuery: String, canonicalHeaders: String, signedHeaders: String, hashedPayload: String) -> String {
        TextBuilder.join(method, "\n/\n", canonicalQuery, "\n", canonicalHeaders, "\n", signedHeaders, "\n", hashedPayload)
    }

    /// Step 2, `HashedCanonicalRequest` = Lowercase(HexEncode(SHA256(CanonicalRequest))), 64 hex
    /// digits into `hex`; through a batch worker's `contexts` when given.
    /// https://www.tencentcloud.com/document/api/213/33224 ("2. Concatenating the String to Be Signed").
    package static func hashedCanonicalRequest(_ canonicalRequest: UnsafeRawBufferPointer, into hex: UnsafeMutableBufferPointer<UInt8>,
                                               contexts: CryptoContexts? = nil) throws(SigScopeError) {
        try sha256Hex(canonicalRequest, into: hex, contexts: contexts)
    }

    /// Step 2, `CredentialScope` = `Date/service/tc3_request`.
    /// https://www.tencentcloud.com/document/api/213/33224 ("2. Concatenating the String to Be Signed").
    static func credentialScope(date: String, service: String) -> String {
        TextBuilder.join(date, "/", service, "/tc3_request")
    }

    /// Step 2, `StringToSign` = Algorithm + `\n` + RequestTimestamp + `\n` + CredentialScope + `\n`
    /// + HashedCanonicalRequest (no trailing newline). The hash comes last, so with an empty one
    /// this is the part every request of one timestamp and scope shares.
    /// https://www.tencentcloud.com/document/api/213/33224 ("2. Concatenating the String to Be Signed").
    package static func stringToSign(timestamp: String, credentialScope: String, hashedCanonicalRequest: String) -> String {
        TextBuilder.join(algorithmName, "\n", timestamp, "\n", credentialScope, "\n", hashedCanonicalRequest)
    }

    /// Step 3, `SecretDate` = HMAC_SHA256("TC3" + SecretKey, Date).
    /// https://www.tencentcloud.com/document/api/213/33224 ("3. Calculating the Signature").
    static func secretDate(secretKey: SecretKey, date: String, using hmac: FetchedHMAC) throws -> [UInt8] {
        try HMAC.mac(.sha256, key: Array("TC3".utf8) + secretKey.bytes, message: Array(date.utf8), using: hmac)
    }

    /// Step 3, `SecretService` = HMAC_SHA256(SecretDate, Service).
    /// https://www.tencentcloud.com/document/api/213/33224 ("3. Calculating the Signature").
    static func secretService(secretDate: [UInt8], service: String, using hmac: FetchedHMAC) throws -> [UInt8] {
        try HMAC.mac(.sha256, key: secretDate, message: Array(service.utf8), using: hmac)
    }

    /// Step 3, `SecretSigning` = HMAC_SHA256(SecretService, "tc3_request").
    /// https://www.tencentcloud.com/document/api/213/33224 ("3. Calculating the Signature").
    static func secretSigning(secretService: [UInt8], using hmac: FetchedHMAC) throws -> [UInt8] {
        try HMAC.mac(.sha256, key: secretService, message: Array("tc3_request".utf8), using: hmac)
    }

    /// Step 3, `Signature` = HexEncode(HMAC_SHA256(SecretSigning, StringToSign)), 64 hex digits
    /// into `hex`; through a batch worker's `contexts` when given.
    /// https://www.tencentcloud.com/document/api/213/33224 ("3. Calculating the Signature").
    package static func signature(_ stringToSign: UnsafeRawBufferPointer, keys: DerivedKeys, into hex: UnsafeMutableBufferPointer<UInt8>,
                                  contexts: CryptoContexts? = nil) throws(SigScopeError) {
        do {
            try withUnsafeTemporaryAllocation(byteCount: 32, alignment: 1) { raw in
                if let contexts {
                    try contexts.hmac(keys.signer, stringToSign, into: raw)
                } else {
                    try keys.signer.mac(stringToSign, into: raw)
                }
                Hex.encode(UnsafeRawBufferPointer(raw), into: hex)
            }
        } catch {
            throw signingError(error)
        }
    }

    /// Step 4, `Authorization` = Algorithm + ` Credential=` + SecretId + `/` + CredentialScope +
    /// `, SignedHeaders=` + SignedHeaders + `, Signature=` + Signature. With an empty signature,
    /// the part every request of one plan shares.
    /// https://www.tencentcloud.com/document/api/213/33224 ("4. Concatenating the Authorization").
    package static func authorization(secretId: String, credentialScope: String, signedHeaders: String, signature: String) -> String {
        TextBuilder.join(algorithmName, " Credential=", secretId, "/", credentialScope, ", SignedHeaders=", signedHeaders, ", Signature=", signature)
    }

    /// Lowercase hex of the SHA-256 of `bytes` into `hex` (64 digits).
    private static func sha256Hex(_ bytes: UnsafeRawBufferPointer, into hex: UnsafeMutableBufferPointer<UInt8>, contexts: CryptoContexts?) throws(SigScopeError) {
        do {
            try withUnsafeTemporaryAllocation(byteCount: 32, alignment: 1) { raw in
                if let contexts {
                    try contexts.sha256(bytes, into: raw)
                } else {
                    try Digest.hash(.sha256, bytes, into: raw)
                }
                Hex.encode(UnsafeRawBufferPointer(raw), into: hex)
            }
        } catch {
            throw signingError(error)
        }
    }

    /// A libcrypto failure as the error sigscope reports.
    package static func signingError(_ error: any Error) -> SigScopeError {
        if let error = error as? SigScopeError { return error }
        if let crypto = error as? CryptoError { return crypto.asSigScopeError }
        return SigScopeError(.crypto, "\(error)")
    }
}
