/// Alibaba Cloud signature V3, ACS3-HMAC-SHA256.
///
/// Specification: "V3版本请求体&签名机制",
/// https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature.
/// One function per stage, named as the document names it.
package enum ACS3Signer {
    /// The algorithm's name as it appears in the string-to-sign and `Authorization`.
    package static let algorithmName = "ACS3-HMAC-SHA256"
    /// Default `content-type` when `--body-file` is given without `--content-type` (an RPC-style
    /// API's `formData` parameters).
    package static let defaultBodyContentType = "application/x-www-form-urlencoded"

    // MARK: - Building the request

    /// Builds the wire request for `request` and signs it.
    ///
    /// POST (the default) or GET to `/`, the params flattened 1-based, RFC 3986-encoded and sorted
    /// in the query, and an empty body (or `options.body` verbatim, POST only). Headers: `host`,
    /// `x-acs-action`, `x-acs-version`, `x-acs-date` (ISO-8601 UTC), `x-acs-signature-nonce` (when a
    /// nonce is given), `x-acs-content-sha256`, `x-acs-security-token` with a token, and
    /// `content-type` when one is sent (with a body: `options.contentType` or
    /// `application/x-www-form-urlencoded`); all of them are signed, plus `extraSignedHeaders`.
    /// - Throws: `SigScopeError.invalidOption` for a GET with a body, a header to sign that is not
    ///   sent, or options that belong to other algorithms (`--service`, `--language`).
    package static func sign(_ request: APIRequest, options: SigningOptions, credentials: Credentials) throws(SigScopeError) -> SignedRequest {
        let method = options.method ?? SignatureAlgorithm.acs3.defaultMethod
        if options.service != nil {
            throw SigScopeError(.invalidOption, "\(.service) is the TC3 credential-scope service; ACS3 has no credential scope, so drop it")
        }
        if options.language != nil {
            throw SigScopeError(.invalidOption, "\(.language) sets Tencent's Language / X-TC-Language; Alibaba requests have no such parameter")
        }
        if method == .get, options.body != nil {
            throw SigScopeError(.invalidOption, "an ACS3 GET has no body; drop \(.body) or use \(.method) POST")
        }
        let endpoint = try Endpoint.parse(options.endpoint ?? request.provider.defaultEndpoint)
        var notes: [SigScopeMessage] = []

        let body = options.body ?? []
        let contentType = options.contentType ?? (options.body != nil ? defaultBodyContentType : nil)
        if options.body != nil, options.contentType == nil {
            notes.append("The body is sent with content-type \(defaultBodyContentType) (signed); give \(.contentType) for JSON or other bodies.")
        }
        let query = Params.flatten(request.params, indexBase: 1)
        let payloadHash: String
        do {
            payloadHash = Hex.encode(try Digest.sha256(body))
        } catch let error as CryptoError {
            throw error.asSigScopeError
        } catch {
            throw SigScopeError(.crypto, "\(error)")
        }

        var headers = [
            HTTPHeader("host", endpoint.host),
            HTTPHeader("x-acs-action", request.action),
            HTTPHeader("x-acs-version", options.apiVersion ?? request.provider.defaultAPIVersion),
            HTTPHeader("x-acs-date", options.timestamp.iso8601),
        ]
        if let nonce = options.nonce, !nonce.isEmpty {
            headers.append(HTTPHeader("x-acs-signature-nonce", nonce))
        } else {
            notes.append("No x-acs-signature-nonce is sent (it is optional); without it the server cannot reject a replay.")
        }
        headers.append(HTTPHeader("x-acs-content-sha256", payloadHash))
        if let token = credentials.token, !token.isEmpty { headers.append(HTTPHeader("x-acs-security-token", token)) }
        if let contentType { headers.append(HTTPHeader("content-type", contentType)) }

        var signed = headers.map { $0.name }
        for extra in options.extraSignedHeaders {
            let name = extra.lowercased().trimmingASCIIWhitespace()
            guard !name.isEmpty else { continue }
            guard headers.contains(where: { $0.name == name }) else {
                let sent = headers.map(\.name).joined(separator: ", ")
                throw SigScopeError(.invalidOption, "\(.signedHeaders) name \"\(name)\", which this request does not send; sent headers are: \(sent) (all of them are signed already)")
            }
            if !signed.contains(name) { signed.append(name) }
        }

        let input = Input(method: method.rawValue, query: query, headers: headers, signedHeaders: signed, body: body, accessKeyId: credentials.secretId)
        let computation = try compute(input, secretKey: credentials.secretKey)
        headers.insert(HTTPHeader("Authorization", computation.authorization), at: 0)
        let wire = SentRequest(method: method.rawValue, scheme: endpoint.scheme, host: endpoint.host,
                               query: computation.canonicalQueryString, headers: headers, body: body)
        return SignedRequest(provider: .aliyun, algorithm: .acs3, steps: computation.steps, signature: computation.signature, request: wire, notes: notes)
    }

    // MARK: - The stages

    /// Everything the ACS3 signature depends on, taken from a request as sent.
    package struct Input: Sendable, Equatable {
        /// The HTTP method as sent.
        package var method: String
        /// The query parameters, percent-decoded, in any order.
        package var query: [(name: String, value: String)]
        /// The headers sent (signed ones are looked up here by lower-case name; repeated names are combined).
        package var headers: [HTTPHeader]
        /// The names to sign (any case; de-duplicated and sorted by the computation).
        package var signedHeaders: [String]
        /// The exact body bytes sent.
        package var body: [UInt8]
        /// The AccessKeyId for `Credential=` in the Authorization header.
        package var accessKeyId: String

        /// Creates an input from the facts of a request as sent.
        package init(method: String, query: [(name: String, value: String)], headers: [HTTPHeader], signedHeaders: [String], body: [UInt8], accessKeyId: String) {
            self.method = method
            self.query = query
            self.headers = headers
            self.signedHeaders = signedHeaders
            self.body = body
            self.accessKeyId = accessKeyId
        }

        /// Compares every field; query pairs in order.
        package static func == (lhs: Input, rhs: Input) -> Bool {
            lhs.method == rhs.method && lhs.headers == rhs.headers && lhs.signedHeaders == rhs.signedHeaders && lhs.body == rhs.body
                && lhs.accessKeyId == rhs.accessKeyId
                && lhs.query.elementsEqual(rhs.query, by: { $0.name == $1.name && $0.value == $1.value })
        }
    }

    /// How a computation may deviate from the specification, to reproduce client mistakes.
    package struct Variant: Sendable, Equatable, Hashable {
        /// The percent-encoding of the canonical query string.
        package var encoder: PercentEncoder
        /// Appended to the secret to form the HMAC key: `""` as specified; `"&"` reproduces
        /// clients that reuse the RPC key.
        package var keySuffix: String
        /// Lowercase signed header values (TC3's rule). False, as specified, keeps their case.
        package var lowercaseHeaderValues: Bool

        /// A variant; the defaults are the specification.
        package init(encoder: PercentEncoder = .rfc3986, keySuffix: String = "", lowercaseHeaderValues: Bool = false) {
            self.encoder = encoder
            self.keySuffix = keySuffix
            self.lowercaseHeaderValues = lowercaseHeaderValues
        }

        /// The algorithm as specified.
        package static let specification = Variant()
    }

    /// Every intermediate value of one signature computation.
    package struct Computation: Sendable, Equatable {
        /// Lowercase hex SHA-256 of the body bytes.
        package var hashedRequestPayload: String
        /// The canonical query string (also what goes on the wire).
        package var canonicalQueryString: String
        /// The `CanonicalHeaders` block, each entry ending in `\n`.
        package var canonicalHeaders: String
        /// `SignedHeaders`, `;`-joined.
        package var signedHeaders: String
        /// The canonical request.
        package var canonicalRequest: String
        /// Lowercase hex SHA-256 of the canonical request.
        package var hashedCanonicalRequest: String
        /// `ACS3-HMAC-SHA256\n` + hashed canonical request.
        package var stringToSign: String
        /// Lowercase hex HMAC-SHA256.
        package var signature: String
        /// The Authorization header value.
        package var authorization: String
        /// The key suffix used (for the explanation; the key itself is never kept).
        package var keySuffix: String

        /// The stages as trace steps, in order, with the names of the JSON contract.
        package var steps: [SigningStep] {
            let key = keySuffix.isEmpty ? "AccessKeySecret" : "AccessKeySecret + \"\(keySuffix)\""
            return [
                SigningStep(name: "hashedRequestPayload", title: "Hashed request payload", formula: "Lowercase(HexEncode(SHA256(body bytes as sent)))", value: hashedRequestPayload,
                            note: "The empty body hashes to e3b0c442…b855. The same value must be sent as x-acs-content-sha256, which is itself signed."),
                SigningStep(name: "canonicalRequest", title: "Canonical request",
                            formula: "Method + \\n + \"/\" + \\n + CanonicalQueryString + \\n + CanonicalHeaders + \\n + SignedHeaders + \\n + HashedRequestPayload",
                            value: canonicalRequest,
                            note: "The query is RFC 3986-encoded (space %20, * %2A, ~ kept) and sorted by name. Headers are lowercase(name):trim(value) with values NOT lowercased (unlike Tencent TC3); each ends in \\n, hence the blank line before SignedHeaders."),
                SigningStep(name: "hashedCanonicalRequest", title: "Hashed canonical request", formula: "Lowercase(HexEncode(SHA256(CanonicalRequest)))", value: hashedCanonicalRequest),
                SigningStep(name: "stringToSign", title: "String to sign", formula: "\"ACS3-HMAC-SHA256\" + \\n + HashedCanonicalRequest", value: stringToSign,
                            note: "No date or credential scope: the x-acs-date header inside the canonical request binds the time."),
                SigningStep(name: "signature", title: "Signature", formula: "Lowercase(HexEncode(HMAC-SHA256(key: \(key), msg: StringToSign)))", value: signature,
                            note: keySuffix.isEmpty
                                ? "The key is the AccessKeySecret itself (never printed), without the \"&\" the RPC signature appends."
                                : "This variant keys the HMAC with \(key); the specification uses the AccessKeySecret alone (never printed)."),
                SigningStep(name: "authorization", title: "Authorization header",
                            formula: "\"ACS3-HMAC-SHA256 Credential=\" + AccessKeyId + \",SignedHeaders=\" + SignedHeaders + \",Signature=\" + Signature",
                            value: authorization,
                            note: "Bare commas between the parts, no spaces (Tencent TC3 uses \", \")."),
            ]
        }
    }

    /// Runs every stage for `input`.
    /// - Parameters:
    ///   - input: the facts of the request as sent.
    ///   - secretKey: the AccessKeySecret.
    ///   - variant: deviations to reproduce; `.specification` by default.
    /// - Throws: `SigScopeError.crypto` if libcrypto fails.
    package static func compute(_ input: Input, secretKey: SecretKey, variant: Variant = .specification) throws(SigScopeError) -> Computation {
        do {
            let payloadHash = Hex.encode(try Digest.sha256(input.body))
            let query = String(decoding: FormCodec.canonicalQuery(input.query, encoder: variant.encoder), as: UTF8.self)
            let names = signedHeadersList(input.signedHeaders)
            let signedHeaders = TextBuilder.join(names, separator: ";")
            let headerBlock = canonicalHeaders(input.headers, signed: names, lowercaseValues: variant.lowercaseHeaderValues)
            let request = canonicalRequest(method: input.method, canonicalQueryString: query, canonicalHeaders: headerBlock,
                                           signedHeaders: signedHeaders, hashedPayload: payloadHash)
            let hashedRequest = try Digest.sha256Hex(request)
            let toSign = stringToSign(hashedCanonicalRequest: hashedRequest)
            let sig = try signature(stringToSign: toSign, secretKey: secretKey, keySuffix: variant.keySuffix)
            let auth = authorization(accessKeyId: input.accessKeyId, signedHeaders: signedHeaders, signature: sig)
            return Computation(hashedRequestPayload: payloadHash, canonicalQueryString: query, canonicalHeaders: headerBlock, signedHeaders: signedHeaders,
                               canonicalRequest: request, hashedCanonicalRequest: hashedRequest, stringToSign: toSign, signature: sig,
                               authorization: auth, keySuffix: variant.keySuffix)
        } catch let error as CryptoError {
            throw error.asSigScopeError
        } catch {
            throw SigScopeError(.crypto, "\(error)")
        }
    }

    /// Lower-cased, de-duplicated, ASCII-sorted header names.
    package static func signedHeadersList(_ names: [String]) -> [String] {
        HTTPHeader.signedNameList(names)
    }

    /// `CanonicalHeaders`: for each signed name in order, `name:value\n`, the value trimmed (and
    /// lowercased only when `lowercaseValues`); a header sent more than once has its trimmed
    /// values sorted and joined with `,`.
    package static func canonicalHeaders(_ headers: [HTTPHeader], signed: [String], lowercaseValues: Bool = false) -> String {
        var out = ""
        for name in signed {
            var values: [String] = []
            for header in headers where header.name.lowercased() == name {
                let trimmed = header.value.trimmingASCIIWhitespace()
                values.append(lowercaseValues ? trimmed.lowercased() : trimmed)
            }
            if values.count > 1 { values.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
            out += name
            out += ":"
            out += values.joined(separator: ",")
            out += "\n"
        }
        return out
    }

    /// `CanonicalRequest` = method, `/`, query, headers block, signed headers, payload hash, joined by `\n`.
    package static func canonicalRequest(method: String, canonicalQueryString: String, canonicalHeaders: String, signedHeaders: String, hashedPayload: String) -> String {
        method + "\n/\n" + canonicalQueryString + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + hashedPayload
    }

    /// `StringToSign` = `ACS3-HMAC-SHA256\n` + hashed canonical request (no trailing newline).
    package static func stringToSign(hashedCanonicalRequest: String) -> String {
        algorithmName + "\n" + hashedCanonicalRequest
    }

    /// `Signature` = lowercase hex of HMAC-SHA256(key: secret + keySuffix, msg: stringToSign).
    /// - Throws: `CryptoError` if libcrypto fails.
    package static func signature(stringToSign: String, secretKey: SecretKey, keySuffix: String = "") throws -> String {
        Hex.encode(try HMAC.mac(.sha256, key: secretKey.appending(keySuffix).bytes, message: Array(stringToSign.utf8)))
    }

    /// The `Authorization` value, with bare commas between its three parts.
    package static func authorization(accessKeyId: String, signedHeaders: String, signature: String) -> String {
        algorithmName + " Credential=" + accessKeyId + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature
    }
}
