import SigScope

/// The stages of each signature algorithm, as `explain` tells them: the names `sign` prints
/// in its trace and its `steps` JSON keys, the formula, the usual mistakes at that stage, and
/// the provider's page. A fix names the `sigscope` command line that shows or checks the
/// stage (`sigscope sign --body-file`), so this table lives with the commands.
enum SigningSteps {
    /// The provider's specification page of `algorithm`, and this repository's walk-through.
    static func specification(_ algorithm: SignatureAlgorithm) -> String {
        switch algorithm {
        case .tc3: return "https://cloud.tencent.com/document/api/213/30654 (TC3-HMAC-SHA256; English: https://www.tencentcloud.com/document/api/213/33224), docs/tc3.md"
        case .hmacSHA1, .hmacSHA256: return "https://cloud.tencent.com/document/api/213/15693 (signature v1), docs/tencent-v1.md"
        case .rpc: return "https://help.aliyun.com/zh/sdk/product-overview/rpc-mechanism (RPC signature V2; also https://www.alibabacloud.com/help/doc-detail/163279.htm), docs/aliyun-rpc.md"
        case .acs3: return "https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature (ACS3-HMAC-SHA256), docs/aliyun-acs3.md"
        }
    }

    struct Step {
        var name: String
        var algorithms: [SignatureAlgorithm]
        var aliases: [String]
        var formula: String
        var meaning: String
        var cause: String
        var fix: String
    }

    static let tencentV1: [SignatureAlgorithm] = [.hmacSHA1, .hmacSHA256]

    static let steps: [Step] = [
        // TC3-HMAC-SHA256.
        Step(name: "hashed-payload", algorithms: [.tc3], aliases: ["hashedRequestPayload", "HashedRequestPayload", "payload-hash"],
             formula: "HashedRequestPayload = lowercase(hex(SHA256(body bytes)))",
             meaning: "TC3: the SHA-256 of the exact body bytes sent, in lowercase hex; for GET, the hash of the empty string (e3b0c442…b855).",
             cause: "The body is serialised once for the hash and again for sending (spaces, key order, \\u escapes), or the hash is taken over a string with another encoding than the bytes sent.",
             fix: "Serialise the body once and hash, sign and send those very bytes; `sigscope sign --body-file` signs a given body byte for byte."),
        Step(name: "canonical-request", algorithms: [.tc3], aliases: ["canonicalRequest", "CanonicalRequest"],
             formula: "Method + \\n + CanonicalURI (/) + \\n + CanonicalQueryString + \\n + CanonicalHeaders + \\n + SignedHeaders + \\n + HashedRequestPayload",
             meaning: "TC3: the request reduced to six lines the server rebuilds from what it receives: method, URI `/`, the query string (empty for POST), the signed headers as `name:value` lines, their names, and the payload hash.",
             cause: "A header value not lowercased and trimmed, a Content-Type that differs from the one sent, a missing blank line after the headers, the query string re-encoded after signing.",
             fix: "Compare your canonical request with the one `sigscope sign` prints (newlines shown as ⏎), or run `sigscope verify` on the captured request."),
        Step(name: "canonical-headers", algorithms: [.tc3], aliases: ["CanonicalHeaders"],
             formula: "for each signed header, sorted: lowercase(name) + ':' + lowercase(trim(value)) + '\\n'",
             meaning: "TC3: the signed headers, lower-case names sorted in ASCII order, each value trimmed and lowercased, each line ending in \\n.",
             cause: "Values kept in their case (x-tc-action:CreateNetworkInterface), a header signed but not sent, or a library that changes a signed header (Content-Type charset) after signing.",
             fix: "Lowercase and trim each value; sign content-type and host at least, and send exactly what you sign."),
        Step(name: "signed-headers", algorithms: [.tc3, .acs3], aliases: ["SignedHeaders"],
             formula: "lowercase header names, sorted, joined with ';'",
             meaning: "The list of header names covered by the signature, as it appears in the canonical request and the Authorization header (TC3: at least content-type;host; ACS3: host, content-type when sent, and every x-acs-* header).",
             cause: "A mandatory header left out, a header named that the request does not carry, or names not sorted.",
             fix: "Sign the mandatory headers, send every header you sign, sort the names; `sigscope sign --signed-headers` adds more."),
        Step(name: "canonical-query-string", algorithms: [.tc3, .acs3], aliases: ["CanonicalQueryString"],
             formula: "TC3: the query string exactly as sent (empty for POST). ACS3: sorted name=value pairs, RFC 3986-encoded, joined with &",
             meaning: "The query part of the canonical request. TC3 signs it as it is sent; ACS3 sorts and percent-encodes the parameters (space %20, * %2A, ~ kept).",
             cause: "TC3: an HTTP library that re-encodes or re-orders the query after signing. ACS3: form encoding (space as +) or unsorted parameters.",
             fix: "TC3: sign the query string you put in the URL. ACS3: percent-encode with RFC 3986 and sort by name."),
        Step(name: "hashed-canonical-request", algorithms: [.tc3, .acs3], aliases: ["hashedCanonicalRequest", "HashedCanonicalRequest"],
             formula: "lowercase(hex(SHA256(CanonicalRequest)))",
             meaning: "The SHA-256 of the canonical request, in lowercase hex: the last line of the string to sign.",
             cause: "Any difference in the canonical request changes it; hashing with a trailing newline or in uppercase hex does too.",
             fix: "Hash the canonical request's UTF-8 bytes exactly, without a trailing newline, and print it in lowercase hex."),
        Step(name: "credential-scope", algorithms: [.tc3], aliases: ["credentialScope", "CredentialScope"],
             formula: "Date + '/' + service + '/tc3_request', Date = yyyy-MM-dd of X-TC-Timestamp in UTC",
             meaning: "TC3: the UTC date of the timestamp, the product's short name (vpc) and the terminator tc3_request; it is in the string to sign and the Authorization header.",
             cause: "The date formatted in local time (fails every day from 00:00 to 08:00 in Beijing), or the full host or an IP address as the service.",
             fix: "Format the date in UTC from X-TC-Timestamp; use the endpoint's first label as the service (vpc for vpc.tencentcloudapi.com)."),
        Step(name: "string-to-sign", algorithms: [.tc3], aliases: ["stringToSign", "StringToSign"],
             formula: "\"TC3-HMAC-SHA256\" + \\n + X-TC-Timestamp + \\n + CredentialScope + \\n + HashedCanonicalRequest",
             meaning: "TC3: the four lines that are HMAC-signed: the algorithm, the timestamp in Unix seconds, the credential scope and the hashed canonical request.",
             cause: "A timestamp in milliseconds, a scope date in local time, a trailing newline, or a hashed canonical request of other bytes.",
             fix: "Build it from the same timestamp you send in X-TC-Timestamp; compare with `sigscope sign`'s step 5."),
        Step(name: "signing-key", algorithms: [.tc3], aliases: ["derived-keys", "secretDate", "secretService", "secretSigning", "SecretDate", "SecretService", "SecretSigning", "secret-date", "secret-service", "secret-signing"],
             formula: "SecretDate = HMAC-SHA256(\"TC3\" + SecretKey, Date); SecretService = HMAC-SHA256(SecretDate, service); SecretSigning = HMAC-SHA256(SecretService, \"tc3_request\")",
             meaning: "TC3: the key the signature is computed with, derived from the SecretKey in three HMAC-SHA256 steps over the scope's date, service and \"tc3_request\"; each intermediate key is the raw 32 bytes, not hex.",
             cause: "Hex-encoding an intermediate key before the next step, swapping key and message, forgetting the \"TC3\" prefix, or a SecretKey with whitespace.",
             fix: "Pass each raw HMAC result as the next key (key first, message second); `sigscope sign --show-secrets` prints the three derived keys in full."),
        Step(name: "signature", algorithms: [.tc3], aliases: ["Signature"],
             formula: "lowercase(hex(HMAC-SHA256(SecretSigning, StringToSign)))",
             meaning: "TC3: the HMAC-SHA256 of the string to sign under the derived signing key, in lowercase hex.",
             cause: "A different string to sign or signing key; uppercase hex.",
             fix: "Compare each earlier step with `sigscope sign`; `sigscope verify` finds the mistake that reproduces a wrong signature."),
        Step(name: "authorization", algorithms: [.tc3], aliases: ["Authorization"],
             formula: "TC3-HMAC-SHA256 Credential=SecretId/CredentialScope, SignedHeaders=…, Signature=…",
             meaning: "TC3: the Authorization header: the algorithm, one space, then Credential, SignedHeaders and Signature separated by a comma and a space.",
             cause: "A bare comma between the parts (ACS3's layout), a missing part, or the SecretId of another key.",
             fix: "Write the documented layout exactly; the server answers AuthFailure.InvalidAuthorization otherwise."),

        // Tencent signature v1.
        Step(name: "string-to-sign", algorithms: tencentV1, aliases: ["stringToSign", "StringToSign"],
             formula: "Method + Host + \"/?\" + sorted name=value pairs (raw values) joined with &",
             meaning: "Tencent v1: every parameter but Signature, sorted by name, joined as name=value with raw (not URL-encoded) values, after the method, the host and \"/?\".",
             cause: "Values URL-encoded before joining, a host other than the one sent, parameters sorted otherwise, or SignatureMethod missing while signing with HMAC-SHA256.",
             fix: "Join the raw values; URL-encode only when sending. Send SignatureMethod=HmacSHA256 exactly when signing with SHA-256."),
        Step(name: "signature", algorithms: tencentV1, aliases: ["Signature"],
             formula: "Base64(HMAC-SHA1 or HMAC-SHA256(SecretKey, StringToSign)), URL-encoded when sent",
             meaning: "Tencent v1: the Base64 HMAC of the string to sign under the plain SecretKey, percent-encoded in the URL or form body (+ → %2B, / → %2F, = → %3D).",
             cause: "The Signature not encoded (its + arrives as a space) or encoded twice by the HTTP library; lowercase hex in the escapes.",
             fix: "Percent-encode the Signature exactly once with uppercase hex."),

        // Alibaba RPC, signature V2.
        Step(name: "canonicalized-query-string", algorithms: [.rpc], aliases: ["canonicalizedQueryString", "CanonicalizedQueryString", "canonical-query"],
             formula: "sorted percentEncode(name) + '=' + percentEncode(value), joined with &",
             meaning: "Alibaba RPC: every parameter but Signature (query and form body together), sorted by name, each name and value percent-encoded with RFC 3986 (space %20, * %2A, ~ kept, uppercase hex).",
             cause: "Form encoding (space as +), * left as is, ~ encoded as %7E, ! ' ( ) left by JavaScript's encodeURIComponent, or the form-body parameters left out.",
             fix: "Percent-encode with RFC 3986 (Java: URLEncoder.encode(v, \"UTF-8\").replace(\"+\", \"%20\").replace(\"*\", \"%2A\").replace(\"%7E\", \"~\")); include the body's parameters."),
        Step(name: "percent-encoding", algorithms: [.rpc, .acs3], aliases: ["percentEncode", "percent-encode", "url-encoding"],
             formula: "A-Z a-z 0-9 - _ . ~ kept; every other UTF-8 byte as %XY, uppercase hex",
             meaning: "Alibaba's percentEncode, the RFC 3986 rule both its algorithms use: a space is %20, * is %2A, ~ stays, and hex digits are uppercase.",
             cause: "Language URL encoders differ: Java URLEncoder and Go url.QueryEscape write + for a space, JavaScript encodeURIComponent leaves ! ' ( ) *, old encoders turn ~ into %7E.",
             fix: "Use one RFC 3986 encoder everywhere the algorithm encodes; `sigscope verify` names the encoder mistake that reproduces a signature."),
        Step(name: "string-to-sign", algorithms: [.rpc], aliases: ["stringToSign", "StringToSign"],
             formula: "Method + '&' + percentEncode('/') + '&' + percentEncode(CanonicalizedQueryString)",
             meaning: "Alibaba RPC: the method, %2F and the canonicalized query string encoded a second time (so : appears as %253A and a space as %2520).",
             cause: "The second encoding pass forgotten, or applied to the URL as well; GET signed but POST sent.",
             fix: "Encode the canonicalized query string once more for the string to sign only; compare it with the server's, quoted in its SignatureDoesNotMatch message (`sigscope verify --server-error`)."),
        Step(name: "signature", algorithms: [.rpc], aliases: ["Signature"],
             formula: "Base64(HMAC-SHA1(AccessKeySecret + \"&\", StringToSign)), percent-encoded in the URL",
             meaning: "Alibaba RPC: the Base64 HMAC-SHA1 of the string to sign under the key secret + \"&\", put in the query string percent-encoded.",
             cause: "The key without its trailing &, the Signature not percent-encoded (its + arrives as a space), or encoded twice.",
             fix: "Key the HMAC with secret + \"&\" and percent-encode the Signature once."),

        // Alibaba ACS3-HMAC-SHA256.
        Step(name: "hashed-payload", algorithms: [.acs3], aliases: ["hashedRequestPayload", "HashedRequestPayload", "x-acs-content-sha256", "payload-hash"],
             formula: "lowercase(hex(SHA256(body))), also sent as x-acs-content-sha256",
             meaning: "ACS3: the SHA-256 of the body sent (of the empty string when there is none), sent in x-acs-content-sha256 and the last line of the canonical request.",
             cause: "The header computed over another body than the one sent, or over formData parameters that went into the query instead.",
             fix: "Hash the exact body bytes and send the same value in x-acs-content-sha256."),
        Step(name: "canonical-request", algorithms: [.acs3], aliases: ["canonicalRequest", "CanonicalRequest"],
             formula: "Method + \\n + CanonicalURI + \\n + CanonicalQueryString + \\n + CanonicalHeaders + \\n + SignedHeaders + \\n + HashedRequestPayload",
             meaning: "ACS3: method, URI (/ for RPC-style APIs), the sorted percent-encoded query, the signed headers as name:value lines (values trimmed, case kept), their names and the payload hash.",
             cause: "Header values lowercased (TC3's rule), a sent x-acs-* or content-type header not signed, the query encoded with + for spaces.",
             fix: "Keep header values' case, sign every x-acs-* header, host and content-type you send; compare with `sigscope sign --algorithm acs3`."),
        Step(name: "canonical-headers", algorithms: [.acs3], aliases: ["CanonicalHeaders"],
             formula: "for host, content-type and every x-acs-* header, sorted: lowercase(name) + ':' + trim(value) + '\\n'",
             meaning: "ACS3: the signed headers with lower-case names, sorted, values trimmed but not lowercased.",
             cause: "Values lowercased, or a sent x-acs-* header left out.",
             fix: "Trim the values without changing their case."),
        Step(name: "string-to-sign", algorithms: [.acs3], aliases: ["stringToSign", "StringToSign"],
             formula: "\"ACS3-HMAC-SHA256\" + \\n + HashedCanonicalRequest",
             meaning: "ACS3: the algorithm name and the hashed canonical request; there is no date, scope or derived key.",
             cause: "A different canonical request, or a trailing newline.",
             fix: "Build it from the canonical request's hash alone."),
        Step(name: "signature", algorithms: [.acs3], aliases: ["Signature"],
             formula: "lowercase(hex(HMAC-SHA256(AccessKeySecret, StringToSign)))",
             meaning: "ACS3: the HMAC-SHA256 of the string to sign under the raw AccessKeySecret (no & suffix), in lowercase hex.",
             cause: "The RPC key (secret + \"&\") reused, or a different string to sign.",
             fix: "Key with the secret alone."),
        Step(name: "authorization", algorithms: [.acs3], aliases: ["Authorization"],
             formula: "ACS3-HMAC-SHA256 Credential=AccessKeyId,SignedHeaders=…,Signature=…",
             meaning: "ACS3: the Authorization header: the algorithm, one space, then Credential, SignedHeaders and Signature separated by bare commas.",
             cause: "Tencent's comma-and-space separators, or a missing part.",
             fix: "Write the documented layout exactly."),
    ]

    static var topics: [Explain.Topic] {
        steps.flatMap { step in
            // One topic per algorithm group that shares a text, each naming its specification.
            let providers = Provider.allCases.filter { provider in step.algorithms.contains { $0.provider == provider } }
            var refs: [String] = []
            for algorithm in step.algorithms where !refs.contains(specification(algorithm)) { refs.append(specification(algorithm)) }
            return [Explain.Topic(name: step.name, kind: .signingStep, providers: providers, algorithms: step.algorithms,
                                  meaning: step.meaning, cause: step.cause, fix: step.fix, references: refs, aliases: step.aliases,
                                  details: [("formula", step.formula), ("algorithms", step.algorithms.map(\.specName).joined(separator: ", "))])]
        }
    }
}
