/// Alibaba Cloud RPC signature: HMAC-SHA1 with `SignatureVersion=1.0` (the "V2" request syntax).
///
/// Specification: ECS "Request signatures"
/// (https://www.alibabacloud.com/help/doc-detail/163279.htm, AlibabaCloudDocs/ecs
/// `intl.en-US/API Reference/Getting started/Request signatures.md`) and the RPC mechanism page
/// https://help.aliyun.com/zh/sdk/product-overview/rpc-mechanism. One function per stage, named
/// as the documents name them: `canonicalizedQueryString`, `stringToSign`, `signature`.
package enum RPCSigner {
    /// The `SignatureMethod` value this algorithm sends.
    package static let signatureMethod = "HMAC-SHA1"
    /// The `SignatureVersion` value this algorithm sends.
    package static let signatureVersion = "1.0"
    /// The `Format` sent when the params give none.
    package static let defaultFormat = "JSON"
    /// The key suffix of the specification: the key is `AccessKeySecret + "&"`.
    package static let specificationKeySuffix = "&"
    /// The `Content-Type` of a POST form body.
    package static let formContentType = "application/x-www-form-urlencoded"

    /// Common parameters sigscope sets itself (from options and credentials); a request's
    /// params may not set them. `Format` is also common but may be given in params.
    package static let reservedParameterNames: [String: SigScopeMessage] = [
        "AccessKeyId": "the credentials' key id\(aside: .accessKeyId)",
        "Action": "the request's action\(aside: .action)",
        "SignatureMethod": "\(.algorithm) rpc (it signs with HMAC-SHA1)",
        "SignatureNonce": "\(.nonce)",
        "SignatureVersion": "\(.algorithm) rpc (it sends 1.0)",
        "Timestamp": "\(.timestamp)",
        "Version": "\(.apiVersion)",
        "SecurityToken": "the credentials' session token\(aside: .token)",
        "Signature": "nothing: sigscope computes it",
    ]

    // MARK: - Building the request

    /// Builds the wire request for `request` and signs it.
    ///
    /// The signed parameters are the common ones (`AccessKeyId`, `Action`, `Format` — `JSON`
    /// unless the params give one —, `SignatureMethod`, `SignatureNonce`, `SignatureVersion`,
    /// `Timestamp` in ISO-8601 UTC, `Version`, and `SecurityToken` with a token) plus the params
    /// flattened 1-based (`Tag.1.Key`). GET (the default) sends them all in the query, in
    /// canonical order, with the percent-encoded `Signature` appended. POST sends the business
    /// params as an RFC 3986-encoded `application/x-www-form-urlencoded` body and the common
    /// params plus `Signature` in the query; the signature covers the union, with method `POST`.
    /// With `options.body` (POST only) those exact bytes are sent and their form fields signed,
    /// and the request's params go in the query.
    /// - Throws: `SigScopeError` `.missingInput` without a nonce; `.invalidOption` for options
    ///   this algorithm cannot use (`extraSignedHeaders`, `service`, `language`, a GET body or
    ///   Content-Type, a body that is not form-encoded) or a param that sigscope sets itself.
    package static func sign(_ request: APIRequest, options: SigningOptions, credentials: Credentials) throws(SigScopeError) -> SignedRequest {
        try sign(request, options: options, credentials: credentials, contexts: nil)
    }

    /// `sign`, with a batch worker's own `contexts` (one per thread), which keep the HMAC key
    /// ready between signatures.
    package static func sign(_ request: APIRequest, options: SigningOptions, credentials: Credentials, contexts: CryptoContexts?) throws(SigScopeError) -> SignedRequest {
        let method = options.method ?? SignatureAlgorithm.rpc.defaultMethod
        try refuseInapplicable(options, method: method)
        let endpoint = try Endpoint.parse(options.endpoint ?? request.provider.defaultEndpoint)
        guard let nonce = options.nonce, !nonce.isEmpty else {
            throw SigScopeError(.missingInput, "the RPC signature needs a SignatureNonce: give \(.nonce)")
        }
        var notes: [SigScopeMessage] = []

        var format = defaultFormat
        var business: [(name: String, value: String)] = []
        for pair in Params.flatten(request.params, indexBase: 1) {
            if pair.name == "Format" {
                format = pair.value
            } else if let instead = reservedParameterNames[pair.name] {
                throw SigScopeError.commonParameter(pair.name, instead: instead)
            } else {
                business.append(pair)
            }
        }
        if request.params["Format"] == nil {
            notes.append("Format defaults to JSON; \(.params) Format=XML asks for XML responses.")
        }
        var common: [(name: String, value: String)] = [
            ("AccessKeyId", credentials.secretId),
            ("Action", request.action),
            ("Format", format),
            ("SignatureMethod", signatureMethod),
            ("SignatureNonce", nonce),
            ("SignatureVersion", signatureVersion),
            ("Timestamp", options.timestamp.iso8601),
            ("Version", options.apiVersion ?? request.provider.defaultAPIVersion),
        ]
        if let token = credentials.token, !token.isEmpty { common.append(("SecurityToken", token)) }

        var headers = [HTTPHeader("Host", endpoint.host)]
        let signedPairs: [(name: String, value: String)]
        let queryPairs: [(name: String, value: String)]
        var body: [UInt8] = []
        switch method {
        case .get:
            signedPairs = common + business
            queryPairs = signedPairs
        case .post:
            let contentType = options.contentType ?? formContentType
            headers.append(HTTPHeader("Content-Type", contentType))
            if let given = options.body {
                let fields = try formFields(of: given)
                body = given
                queryPairs = common + business
                signedPairs = queryPairs + fields
                notes.append("The body is the given bytes\(aside: .body) as they are; its \(fields.count) form field(s) are signed together with the query parameters (the request's params go in the query).")
                if given.last == 0x0A {
                    notes.append("The given body\(aside: .body) ends with a newline: it is part of the last form value (signed as %0A). Write the file without it (printf, not echo) if that is not intended.")
                }
            } else {
                body = FormCodec.canonicalQuery(business, encoder: .rfc3986)
                queryPairs = common
                signedPairs = common + business
                notes.append("POST: the business parameters travel in the form body, the common parameters and Signature in the query; the signature covers both, with method POST.")
            }
        }

        let input = Input(method: method.rawValue, parameters: signedPairs)
        let computation = try compute(input, secretKey: credentials.secretKey, contexts: contexts)
        var query = method == .get
            ? computation.canonicalizedQueryStringBytes
            : FormCodec.canonicalQuery(queryPairs, encoder: .rfc3986)
        query.append(contentsOf: "&Signature=".utf8)
        PercentEncoder.rfc3986.append(computation.signature, to: &query)
        let wire = SentRequest(method: method.rawValue, scheme: endpoint.scheme, host: endpoint.host,
                               query: String(decoding: query, as: UTF8.self), headers: headers, body: body)
        return SignedRequest(provider: .aliyun, algorithm: .rpc, steps: computation.steps, signature: computation.signature, request: wire, notes: notes)
    }

    /// Rejects options that mean nothing for an RPC request.
    private static func refuseInapplicable(_ options: SigningOptions, method: HTTPMethod) throws(SigScopeError) {
        if !options.extraSignedHeaders.isEmpty {
            throw SigScopeError(.invalidOption, "\(.signedHeaders) apply to tc3 and acs3; the RPC signature (HMAC-SHA1) signs parameters, not headers — use \(.algorithm) acs3 to sign headers")
        }
        if options.service != nil {
            throw SigScopeError(.invalidOption, "\(.service) is the TC3 credential-scope service; Alibaba signatures have no credential scope, so drop it")
        }
        if options.language != nil {
            throw SigScopeError(.invalidOption, "\(.language) sets Tencent's Language / X-TC-Language; Alibaba requests have no such parameter")
        }
        if method == .get {
            if options.body != nil {
                throw SigScopeError(.invalidOption, "an RPC GET sends every parameter in the query and has no body; drop \(.body) or use \(.method) POST")
            }
            if options.contentType != nil {
                throw SigScopeError(.invalidOption, "an RPC GET has no body, so it sends no Content-Type; drop \(.contentType) or use \(.method) POST")
            }
        } else if let contentType = options.contentType,
                  !contentType.lowercased().trimmingASCIIWhitespace().hasPrefix(formContentType) {
            throw SigScopeError(.invalidOption, "an RPC POST body must be \(formContentType): the signature covers form fields only, so a \"\(contentType)\" body would travel unsigned")
        }
    }

    /// The decoded fields of a form body given as `options.body`.
    private static func formFields(of body: [UInt8]) throws(SigScopeError) -> [(name: String, value: String)] {
        guard let text = String(validating: body, as: UTF8.self) else {
            throw SigScopeError(.invalidOption, "\(.body) is not UTF-8 text; an RPC POST body is an \(formContentType) form (name=value&...)")
        }
        guard let fields = FormCodec.strictDecode(text, plusAsSpace: true) else {
            throw SigScopeError(.invalidOption, "\(.body) is not a valid \(formContentType) form: a %-escape is malformed or does not decode to UTF-8")
        }
        return fields
    }

    // MARK: - The stages

    /// Everything the RPC signature depends on, taken from a request as sent.
    package struct Input: Sendable, Equatable {
        /// The HTTP method as sent (`GET`, `POST`).
        package var method: String
        /// Every signed parameter, percent-decoded, in any order: the query parameters plus, for a
        /// POST form, the body fields. Pairs named `Signature` are ignored.
        package var parameters: [(name: String, value: String)]

        /// Creates an input from the method and the decoded (name, value) pairs.
        package init(method: String, parameters: [(name: String, value: String)]) {
            self.method = method
            self.parameters = parameters
        }

        /// Compares method and pairs (in order).
        package static func == (lhs: Input, rhs: Input) -> Bool {
            lhs.method == rhs.method && lhs.parameters.elementsEqual(rhs.parameters, by: { $0.name == $1.name && $0.value == $1.value })
        }
    }

    /// How a computation may deviate from the specification, to reproduce client mistakes with
    /// the same code that does it right.
    package struct Variant: Sendable, Equatable, Hashable {
        /// The one percent-encoding function, used for both passes and for the encoded `/`
        /// (a client with a faulty encoder gets all three wrong the same way).
        package var encoder: PercentEncoder
        /// Appended to the secret to form the HMAC key: `"&"` as specified; `""` reproduces
        /// clients that forget it.
        package var keySuffix: String
        /// Sign with this method instead of the one sent (reproduces "signed GET, sent POST").
        package var method: String?

        /// A variant; the defaults are the specification.
        package init(encoder: PercentEncoder = .rfc3986, keySuffix: String = RPCSigner.specificationKeySuffix, method: String? = nil) {
            self.encoder = encoder
            self.keySuffix = keySuffix
            self.method = method
        }

        /// The algorithm as specified.
        package static let specification = Variant()
    }

    /// Every intermediate value of one signature computation.
    package struct Computation: Sendable, Equatable {
        /// The method that was signed (the input's, or the variant's override).
        package var signedMethod: String
        /// Step 1: encoded, sorted `name=value` pairs joined with `&`, as bytes.
        package var canonicalizedQueryStringBytes: [UInt8]
        /// Step 2: `Method & %2F & percentEncode(CanonicalizedQueryString)`.
        package var stringToSign: String
        /// Step 3: Base64 of HMAC-SHA1 with key `secret + keySuffix`, not URL-encoded.
        package var signature: String
        /// The key suffix used (for the explanation; the key itself is never kept).
        package var keySuffix: String

        /// Step 1 as text.
        package var canonicalizedQueryString: String {
            String(decoding: canonicalizedQueryStringBytes, as: UTF8.self)
        }

        /// The stages as trace steps, in order, with the names of the JSON contract.
        package var steps: [SigningStep] {
            // The specification's texts are constants; only a variant's are put together (interpolation is costly per request).
            let specified = keySuffix == RPCSigner.specificationKeySuffix
            let key = specified ? "AccessKeySecret + \"&\"" : keySuffix.isEmpty ? "AccessKeySecret" : "AccessKeySecret + \"\(keySuffix)\""
            return [
                SigningStep(name: "canonicalizedQueryString", title: "Canonicalized query string",
                            formula: "join(\"&\", sorted(percentEncode(name) + \"=\" + percentEncode(value))) over every parameter except Signature",
                            value: canonicalizedQueryString,
                            note: "percentEncode is RFC 3986 over UTF-8: A-Z a-z 0-9 - _ . ~ kept, everything else %XY in uppercase hex (space %20, * %2A, ~ kept). Sorted by name in byte order. This is exactly how each value travels in the URL."),
                SigningStep(name: "stringToSign", title: "String to sign",
                            formula: "HTTPMethod + \"&\" + percentEncode(\"/\") + \"&\" + percentEncode(CanonicalizedQueryString)",
                            value: stringToSign,
                            note: "The canonicalized query string is percent-encoded a second time, so every % of step 1 shows up as %25 and = & become %3D %26: the Timestamp's \":\" is %3A in the URL but %253A here. That double encoding belongs only in the string to sign; the URL carries each value encoded once."),
                SigningStep(name: "signature", title: "Signature",
                            formula: specified ? "Base64(HMAC-SHA1(key: AccessKeySecret + \"&\", msg: StringToSign))" : "Base64(HMAC-SHA1(key: \(key), msg: StringToSign))",
                            value: signature,
                            note: TextBuilder.join([
                                specified ? "The key is the secret followed by \"&\" (never printed). "
                                    : "This variant keys the HMAC with \(key), not the specified AccessKeySecret + \"&\" (never printed). ",
                                "In the URL the signature is sent percent-encoded, Signature=", PercentEncoder.rfc3986.encode(signature),
                                ", so a \"+\" is not read as a space.",
                            ])),
            ]
        }
    }

    /// Runs every stage for `input`.
    /// - Parameters:
    ///   - input: the method and the decoded signed pairs of the request as sent.
    ///   - secretKey: the AccessKeySecret.
    ///   - variant: deviations to reproduce; `.specification` by default.
    /// - Throws: `SigScopeError.crypto` if libcrypto fails.
    package static func compute(_ input: Input, secretKey: SecretKey, variant: Variant = .specification) throws(SigScopeError) -> Computation {
        try compute(input, secretKey: secretKey, variant: variant, contexts: nil)
    }

    /// `compute`, through a batch worker's own `contexts` when given.
    package static func compute(_ input: Input, secretKey: SecretKey, variant: Variant = .specification, contexts: CryptoContexts?) throws(SigScopeError) -> Computation {
        let method = variant.method ?? input.method
        let pairs = input.parameters.filter { $0.name != "Signature" }
        let canonical = canonicalizedQueryString(pairs, encoder: variant.encoder)
        let toSign = stringToSign(method: method, canonicalizedQueryString: canonical, encoder: variant.encoder)
        let sig = try signature(stringToSign: toSign, secretKey: secretKey, keySuffix: variant.keySuffix, contexts: contexts)
        return Computation(signedMethod: method, canonicalizedQueryStringBytes: canonical, stringToSign: toSign, signature: sig, keySuffix: variant.keySuffix)
    }

    /// `CanonicalizedQueryString`: each name and value percent-encoded, sorted by encoded name
    /// in byte order, joined as `name=value` with `&`.
    package static func canonicalizedQueryString(_ pairs: [(name: String, value: String)], encoder: PercentEncoder = .rfc3986) -> [UInt8] {
        FormCodec.canonicalQuery(pairs, encoder: encoder)
    }

    /// `StringToSign` = `method + "&" + percentEncode("/") + "&" + percentEncode(canonicalizedQueryString)`.
    package static func stringToSign(method: String, canonicalizedQueryString: [UInt8], encoder: PercentEncoder = .rfc3986) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(method.utf8.count + 6 + canonicalizedQueryString.count * 3 / 2)
        out.append(contentsOf: method.utf8)
        out.append(UInt8(ascii: "&"))
        encoder.append("/", to: &out)
        out.append(UInt8(ascii: "&"))
        encoder.append(bytes: canonicalizedQueryString, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `Signature` = Base64(HMAC-SHA1(key: secret + keySuffix, msg: stringToSign)).
    /// - Throws: `SigScopeError.crypto` if libcrypto fails.
    /// With a batch worker's `contexts`, the keyed HMAC and its context are reused (see `CryptoContexts`).
    package static func signature(stringToSign: String, secretKey: SecretKey, keySuffix: String = RPCSigner.specificationKeySuffix) throws(SigScopeError) -> String {
        try signature(stringToSign: stringToSign, secretKey: secretKey, keySuffix: keySuffix, contexts: nil)
    }

    package static func signature(stringToSign: String, secretKey: SecretKey, keySuffix: String, contexts cache: CryptoContexts?) throws(SigScopeError) -> String {
        do {
            let key = secretKey.appending(keySuffix).bytes
            guard let cache else { return Base64.encode(try HMAC.mac(.sha1, key: key, message: Array(stringToSign.utf8))) }
            let keyed = try cache.keyed(.sha1, key: key)
            return try stringToSign.withUTF8Bytes { message in
                try withUnsafeTemporaryAllocation(byteCount: 20, alignment: 1) { out in
                    try cache.hmac(keyed, UnsafeRawBufferPointer(message), into: out)
                    return Base64.encode(Array(UnsafeRawBufferPointer(out)))
                }
            }
        } catch let error as CryptoError {
            throw error.asSigScopeError
        } catch {
            throw SigScopeError(.crypto, "\(error)")
        }
    }
}
