/// Tencent Cloud signature v1, HmacSHA1 or HmacSHA256.
///
/// Specification: "签名方法 v1", https://cloud.tencent.com/document/api/213/15693 (zh), and the
/// "Signature" page of the English documentation on tencentcloud.com. One function per stage:
/// `stringToSign`, `signature`, and the wire form that carries every value URL-encoded once.
package enum V1Signer {
    /// The `Content-Type` of a POST form body, the only one v1 accepts.
    package static let formContentType = "application/x-www-form-urlencoded"

    /// Common parameters sigscope sets itself (from options and credentials); a request's params
    /// may not set them.
    package static let reservedParameterNames: [String: SigScopeMessage] = [
        "Action": "the request's action\(aside: .action)",
        "Region": "the request's region\(aside: .region)",
        "Timestamp": "\(.timestamp)",
        "Nonce": "\(.nonce)",
        "SecretId": "the credentials' key id\(aside: .secretId)",
        "Version": "\(.apiVersion)",
        "SignatureMethod": "\(.algorithm) hmac-sha256 or hmac-sha1",
        "Token": "the credentials' session token\(aside: .token)",
        "Language": "\(.language)",
        "Signature": "nothing: sigscope computes it",
    ]

    // MARK: - Building the request

    /// Builds the wire request for `request` and signs it with `algorithm` (`.hmacSHA1` or `.hmacSHA256`).
    ///
    /// Signed parameters: `Action`, `Region` (when the request has one), `Timestamp` (Unix seconds),
    /// `Nonce`, `SecretId`, `Version`, `SignatureMethod=HmacSHA256` for HmacSHA256 only (HmacSHA1
    /// is the default and, as in the official examples, not sent), `Token` with a token,
    /// `Language` with `options.language`, plus the params flattened 0-based (`SecurityGroupIds.0`).
    /// They are sent sorted, every name and value RFC 3986-encoded once, `Signature` last: in the
    /// query for GET, as an `application/x-www-form-urlencoded` body for POST (the default).
    /// - Throws: `SigScopeError` `.missingInput` without a nonce; `.invalidOption` for a nonce that
    ///   is not a positive integer, a param sigscope sets itself, or options v1 cannot use
    ///   (`extraSignedHeaders`, `service`, `body`, a GET Content-Type, a non-form POST one).
    package static func sign(_ request: APIRequest, algorithm: SignatureAlgorithm, options: SigningOptions, credentials: Credentials) throws(SigScopeError) -> SignedRequest {
        guard algorithm == .hmacSHA1 || algorithm == .hmacSHA256 else {
            throw SigScopeError(.invalidOption, "Tencent signature v1 is hmac-sha1 or hmac-sha256, not \(algorithm.rawValue)")
        }
        let method = options.method ?? algorithm.defaultMethod
        try refuseInapplicable(options, method: method)
        let endpoint = try Endpoint.parse(options.endpoint ?? request.provider.defaultEndpoint)
        guard let nonce = options.nonce, !nonce.isEmpty else {
            throw SigScopeError(.missingInput, "signature v1 needs a Nonce: give \(.nonce) as a positive integer")
        }
        guard nonce.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), nonce.utf8.contains(where: { $0 != UInt8(ascii: "0") }) else {
            throw SigScopeError(.invalidOption, "\(.nonce) \"\(nonce)\": the Tencent v1 Nonce is a random positive integer, e.g. 11886")
        }

        var pairs: [(name: String, value: String)] = [
            ("Action", request.action),
            ("Nonce", nonce),
        ]
        if let region = request.region, !region.isEmpty { pairs.append(("Region", region)) }
        pairs.append(("SecretId", credentials.secretId))
        pairs.append(("Timestamp", String(options.timestamp.unixSeconds)))
        pairs.append(("Version", options.apiVersion ?? request.provider.defaultAPIVersion))
        if algorithm == .hmacSHA256 { pairs.append(("SignatureMethod", "HmacSHA256")) }
        if let token = credentials.token, !token.isEmpty { pairs.append(("Token", token)) }
        if let language = options.language { pairs.append(("Language", language)) }
        for pair in Params.flatten(request.params, indexBase: 0) {
            if let instead = reservedParameterNames[pair.name] {
                throw SigScopeError.commonParameter(pair.name, instead: instead)
            }
            pairs.append(pair)
        }

        let input = Input(method: method.rawValue, host: endpoint.host, parameters: pairs, algorithm: algorithm == .hmacSHA256 ? .sha256 : .sha1)
        let computation = try compute(input, secretKey: credentials.secretKey)
        let form = wireForm(pairs, signature: computation.signature)
        var headers = [HTTPHeader("Host", endpoint.host)]
        var notes: [SigScopeMessage] = []
        let wire: SentRequest
        switch method {
        case .get:
            wire = SentRequest(method: "GET", scheme: endpoint.scheme, host: endpoint.host, query: form, headers: headers)
        case .post:
            headers.append(HTTPHeader("Content-Type", options.contentType ?? formContentType))
            wire = SentRequest(method: "POST", scheme: endpoint.scheme, host: endpoint.host, headers: headers, body: Array(form.utf8))
            notes.append("POST: every parameter, Signature included, travels URL-encoded in the form body; the string to sign starts with POST.")
        }
        if algorithm == .hmacSHA1 {
            notes.append("HmacSHA1 is v1's default, so SignatureMethod is not sent (as in the official examples).")
        }
        return SignedRequest(provider: .tencent, algorithm: algorithm, steps: computation.steps, signature: computation.signature, request: wire, notes: notes)
    }

    /// Rejects options that mean nothing for a v1 request.
    private static func refuseInapplicable(_ options: SigningOptions, method: HTTPMethod) throws(SigScopeError) {
        if !options.extraSignedHeaders.isEmpty {
            throw SigScopeError(.invalidOption, "\(.signedHeaders) apply to tc3 and acs3; signature v1 signs parameters, not headers — use \(.algorithm) tc3 to sign headers")
        }
        if options.service != nil {
            throw SigScopeError(.invalidOption, "\(.service) is the TC3 credential-scope service; signature v1 signs the host instead, so drop it (or set \(.endpoint))")
        }
        if options.body != nil {
            throw SigScopeError(.invalidOption, "signature v1 sends the Signature inside the form body (POST) or the query (GET), so a fixed body (\(.body)) cannot carry it; give the parameters as params instead")
        }
        if method == .get, options.contentType != nil {
            throw SigScopeError(.invalidOption, "a v1 GET has no body, so it sends no Content-Type; drop \(.contentType) or use \(.method) POST")
        }
        if method == .post, let contentType = options.contentType,
           !contentType.lowercased().trimmingASCIIWhitespace().hasPrefix(formContentType) {
            throw SigScopeError(.invalidOption, "a v1 POST body is an \(formContentType) form (the only type v1 accepts); \"\(contentType)\" cannot carry it")
        }
    }

    /// The query string (GET) or form body (POST): the pairs sorted by name, then `Signature`,
    /// every name and value encoded once with `encoder`.
    package static func wireForm(_ pairs: [(name: String, value: String)], signature: String, encoder: PercentEncoder = .rfc3986) -> String {
        var all = FormCodec.sorted(pairs)
        all.append(("Signature", signature))
        return FormCodec.encode(all, encoder: encoder)
    }

    // MARK: - The stages

    /// Everything the v1 signature depends on, taken from a request as sent.
    package struct Input: Sendable, Equatable {
        /// The HTTP method as sent (`GET`, `POST`), upper case.
        package var method: String
        /// The host the request is sent to (the `Host` header).
        package var host: String
        /// Every parameter sent, URL-decoded, in any order. Pairs named `Signature` are ignored.
        package var parameters: [(name: String, value: String)]
        /// HMAC's hash: `.sha256` when `SignatureMethod=HmacSHA256` is sent, else `.sha1`.
        package var algorithm: HashAlgorithm

        /// Creates an input from the facts of a request as sent.
        package init(method: String, host: String, parameters: [(name: String, value: String)], algorithm: HashAlgorithm) {
            self.method = method
            self.host = host
            self.parameters = parameters
            self.algorithm = algorithm
        }

        /// Compares every field; pairs in order.
        package static func == (lhs: Input, rhs: Input) -> Bool {
            lhs.method == rhs.method && lhs.host == rhs.host && lhs.algorithm == rhs.algorithm
                && lhs.parameters.elementsEqual(rhs.parameters, by: { $0.name == $1.name && $0.value == $1.value })
        }
    }

    /// The hash v1 uses for a `SignatureMethod` value: `.sha256` only for exactly `HmacSHA256`, as documented.
    package static func hashAlgorithm(signatureMethod: String?) -> HashAlgorithm {
        signatureMethod == "HmacSHA256" ? .sha256 : .sha1
    }

    /// How a computation may deviate from the specification, to reproduce client mistakes.
    package struct Variant: Sendable, Equatable, Hashable {
        /// The encoding used on the wire (for the query or body, and the explanation of how the
        /// Signature is sent). It enters the string to sign only with `encodeValuesInStringToSign`.
        package var encoder: PercentEncoder
        /// Build the string to sign from URL-encoded values (a documented client mistake; the
        /// specification signs raw values).
        package var encodeValuesInStringToSign: Bool

        /// A variant; the defaults are the specification.
        package init(encoder: PercentEncoder = .rfc3986, encodeValuesInStringToSign: Bool = false) {
            self.encoder = encoder
            self.encodeValuesInStringToSign = encodeValuesInStringToSign
        }

        /// The algorithm as specified.
        package static let specification = Variant()
    }

    /// Every intermediate value of one signature computation.
    package struct Computation: Sendable, Equatable {
        /// `METHOD + host + "/?" + sorted name=value pairs`.
        package var stringToSign: String
        /// Base64 of the HMAC, not URL-encoded.
        package var signature: String
        /// The hash used.
        package var algorithm: HashAlgorithm
        /// The Signature as the wire carries it (encoded once with the variant's encoder).
        package var encodedSignature: String

        /// The stages as trace steps, in order, with the names of the JSON contract.
        package var steps: [SigningStep] {
            let mac = algorithm == .sha256 ? "HMAC-SHA256" : "HMAC-SHA1"
            return [
                SigningStep(name: "stringToSign", title: "String to sign",
                            formula: "HTTPMethod + Host + \"/?\" + join(\"&\", sorted(name + \"=\" + value)) over every parameter except Signature",
                            value: stringToSign,
                            note: "Values are raw here, NOT URL-encoded (a space stays a space). Sorted by name in byte order, so InstanceIds.12 comes before InstanceIds.2. Host is the endpoint the request goes to; the path is always /."),
                SigningStep(name: "signature", title: "Signature", formula: "Base64(\(mac)(key: SecretKey, msg: StringToSign))", value: signature,
                            note: "The key is the SecretKey itself (never printed). On the wire every value is URL-encoded exactly once, this one too: Signature=\(encodedSignature). Encoding it a second time (%253D) makes the server reject it."),
            ]
        }
    }

    /// Runs every stage for `input`.
    /// - Parameters:
    ///   - input: the method, host, decoded parameters and hash of the request as sent.
    ///   - secretKey: the SecretKey.
    ///   - variant: deviations to reproduce; `.specification` by default.
    /// - Throws: `SigScopeError.crypto` if libcrypto fails.
    package static func compute(_ input: Input, secretKey: SecretKey, variant: Variant = .specification) throws(SigScopeError) -> Computation {
        let toSign = stringToSign(method: input.method, host: input.host, parameters: input.parameters,
                                  valueEncoder: variant.encodeValuesInStringToSign ? variant.encoder : nil)
        let sig = try signature(stringToSign: toSign, secretKey: secretKey, algorithm: input.algorithm)
        return Computation(stringToSign: toSign, signature: sig, algorithm: input.algorithm, encodedSignature: variant.encoder.encode(sig))
    }

    /// `StringToSign` = `method + host + "/?" + join("&", name=value)` over the pairs sorted by
    /// name (then value) in byte order, `Signature` excluded; values raw unless `valueEncoder` is given.
    package static func stringToSign(method: String, host: String, parameters: [(name: String, value: String)], valueEncoder: PercentEncoder? = nil) -> String {
        let pairs = FormCodec.sorted(parameters.filter { $0.name != "Signature" })
        var out: [UInt8] = []
        out.reserveCapacity(method.utf8.count + host.utf8.count + 2 + pairs.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 2 })
        out.append(contentsOf: method.utf8)
        out.append(contentsOf: host.utf8)
        out.append(UInt8(ascii: "/"))
        out.append(UInt8(ascii: "?"))
        for (i, pair) in pairs.enumerated() {
            if i > 0 { out.append(UInt8(ascii: "&")) }
            out.append(contentsOf: pair.name.utf8)
            out.append(UInt8(ascii: "="))
            if let valueEncoder {
                valueEncoder.append(pair.value, to: &out)
            } else {
                out.append(contentsOf: pair.value.utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `Signature` = Base64(HMAC(algorithm, key: SecretKey, msg: stringToSign)).
    /// - Throws: `SigScopeError.crypto` if libcrypto fails.
    package static func signature(stringToSign: String, secretKey: SecretKey, algorithm: HashAlgorithm) throws(SigScopeError) -> String {
        do {
            return Base64.encode(try HMAC.mac(algorithm, key: secretKey.bytes, message: Array(stringToSign.utf8)))
        } catch let error as CryptoError {
            throw error.asSigScopeError
        } catch {
            throw SigScopeError(.crypto, "\(error)")
        }
    }
}
