/// What each `verify` finding code means, what usually causes it, and the fix, kept beside
/// the codes themselves (the sigscope executable's `explain` and docs/debugging.md read it).
///
/// Every code `VerifyFinding.Code` declares has an entry here (a test reads Finding.swift
/// and checks it), so a new finding code is explained as soon as it is added.
extension VerifyFinding.Code {
    /// A finding code's explanation.
    public struct Documentation: Sendable, Equatable {
        /// The code.
        public var code: VerifyFinding.Code
        /// What the finding says; it names the options of `VerifyOptions` it depends on
        /// structurally (`\(.now)`, `\(aside: .token)`), as findings do.
        public var meaning: SigScopeMessage
        /// What usually makes a client do this.
        public var cause: String
        /// What to do about it.
        public var fix: String

        /// The providers the finding can concern, read from its meaning's first words
        /// (`TC3:`, `Alibaba:`, `Tencent v1:` …); both when it names neither.
        public var providers: [Provider] {
            let meaning = meaning.description
            if meaning.hasPrefix("Alibaba"), meaning.contains("Tencent") { return Provider.allCases }
            if meaning.hasPrefix("TC3") || meaning.hasPrefix("Tencent") { return [.tencent] }
            if meaning.hasPrefix("Alibaba") || meaning.hasPrefix("ACS3") { return [.aliyun] }
            return Provider.allCases
        }

        /// The algorithms the finding can concern, from the same words; nil for every one.
        public var algorithms: [SignatureAlgorithm]? {
            let meaning = meaning.description
            if meaning.hasPrefix("Alibaba RPC (and Tencent v1)") { return [.rpc, .hmacSHA1, .hmacSHA256] }
            if meaning.hasPrefix("TC3") { return [.tc3] }
            if meaning.hasPrefix("Tencent v1") { return [.hmacSHA1, .hmacSHA256] }
            if meaning.hasPrefix("Alibaba RPC") { return [.rpc] }
            if meaning.hasPrefix("ACS3") || meaning.hasPrefix("Alibaba ACS3") { return [.acs3] }
            if meaning.hasPrefix("Alibaba") { return [.rpc, .acs3] }
            return nil
        }
    }

    /// This code's explanation, nil for a code without one.
    public var documentation: Documentation? {
        Self.documentationIndex[rawValue]
    }

    private static let documentationIndex: [String: Documentation] = {
        var index: [String: Documentation] = [:]
        for entry in documented { index[entry.code.rawValue] = entry }
        return index
    }()

    private static func doc(_ code: String, meaning: SigScopeMessage, cause: String, fix: String) -> Documentation {
        Documentation(code: VerifyFinding.Code(rawValue: code), meaning: meaning, cause: cause, fix: fix)
    }

    /// Every documented finding code: the interface table's order, then the codes sigscope adds.
    public static let documented: [Documentation] = [
        doc("signature-mismatch",
            meaning: "The signature in the request is not the one recomputed from the request as sent. Always present on a mismatch; the other findings say why.",
            cause: "Something the client signed differs from what it sent, or the key differs: the other findings narrow it down.",
            fix: "Read the findings that follow it. If one says it reproduces the provided signature, that is the cause."),
        doc("credential-date-not-utc",
            meaning: "TC3: the credential-scope date is not the UTC date of `X-TC-Timestamp` — the client formatted it in local time. Such requests fail every day between local midnight and the UTC offset (00:00–08:00 in Beijing).",
            cause: "The client formatted the scope date with the local clock's calendar instead of UTC (e.g. `date +%F` or `datetime.fromtimestamp` on a UTC+8 machine).",
            fix: "Format the date from the timestamp in UTC: Python `datetime.fromtimestamp(ts, timezone.utc).strftime('%Y-%m-%d')`, Go `time.Unix(ts, 0).UTC().Format(\"2006-01-02\")`."),
        doc("credential-service-mismatch",
            meaning: "TC3: the credential-scope service is not the endpoint's first label (`vpc` for `vpc.tencentcloudapi.com`). The server answers `AuthFailure.InvalidAuthorization` (\"`Service` in Credential not valid\").",
            cause: "The client put the full host, an IP address or another product's name into the credential scope.",
            fix: "Sign with the product's short name, the first label of the host — never the full host or an IP."),
        doc("signed-header-missing",
            meaning: "A header that must be signed is not in SignedHeaders (TC3: `content-type` and `host`; ACS3: every common header sent — `host`, `x-acs-*`, `content-type`).",
            cause: "A hand-written signer listed fewer headers in SignedHeaders than the algorithm requires.",
            fix: "Sign the mandatory headers."),
        doc("signed-header-not-sent",
            meaning: "SignedHeaders names a header the request does not carry, so the server cannot rebuild the canonical request.",
            cause: "The client signed a header and then a library or proxy dropped it, or it was never added to the request.",
            fix: "Send every signed header, or stop signing it."),
        doc("header-value-not-lowercased",
            meaning: "TC3: the signature matches only with the signed header values kept in their case; TC3's CanonicalHeaders lowercases values.",
            cause: "The signer used the header value as sent (`CreateNetworkInterface`) where TC3 canonicalizes it to lower case (`createnetworkinterface`).",
            fix: "Use `lowercase(trim(value))` for every signed header."),
        doc("content-type-changed",
            meaning: "The signature matches another Content-Type than the one sent: a library added or dropped `; charset=utf-8` after signing.",
            cause: "The HTTP library rewrote the Content-Type after signing (added or dropped `; charset=utf-8`), or the signer used a different one.",
            fix: "Sign exactly the Content-Type you send; set it explicitly so the library does not rewrite it."),
        doc("payload-hash-mismatch",
            meaning: "ACS3: `x-acs-content-sha256` is not the SHA-256 of the body sent. The server hashes what it receives, so the request fails even when the signature is consistent with the header.",
            cause: "The body was changed after hashing, or the hash was computed over another serialization or an empty body.",
            fix: "Hash, sign and send the same bytes."),
        doc("body-reserialized",
            meaning: "The signature matches the same JSON body serialized differently (spacing, key order, `\\u` escapes): the body was serialized once for signing and again for sending.",
            cause: "The body was serialized once for signing and again, differently, by the HTTP library for sending.",
            fix: "Serialize the body once; sign and send those bytes."),
        doc("space-encoded-as-plus",
            meaning: "Alibaba: the signature matches a percent-encoder that writes a space as `+` (Java `URLEncoder`, Go `url.QueryEscape`, Python `quote_plus`).",
            cause: "The client used form encoding (Java `URLEncoder`, Go `url.QueryEscape`, Python `quote_plus`) instead of RFC 3986 percent-encoding.",
            fix: "Use RFC 3986: a space is `%20`."),
        doc("star-not-encoded",
            meaning: "Alibaba: the signature matches an encoder that leaves `*` unencoded.",
            cause: "The percent-encoder treats `*` as safe (Java `URLEncoder`, some URL libraries) and the `%2A` replacement was forgotten.",
            fix: "Encode `*` as `%2A`."),
        doc("tilde-encoded",
            meaning: "Alibaba: the signature matches an encoder that encodes `~` as `%7E`.",
            cause: "An older percent-encoder (Java `URLEncoder`, PHP `urlencode`) encodes `~`, and the `%7E` → `~` replacement was forgotten.",
            fix: "Keep `~` as it is."),
        doc("reserved-not-encoded",
            meaning: "Alibaba: the signature matches an encoder that leaves `! ' ( )` unencoded (JavaScript `encodeURIComponent`).",
            cause: "JavaScript `encodeURIComponent` was used as is; it leaves `! ' ( ) *` unencoded.",
            fix: "Encode them as `%21 %27 %28 %29` (after `encodeURIComponent`, replace those characters and `*`)."),
        doc("lowercase-percent-hex",
            meaning: "The signature matches percent-escapes written with lowercase hex (`%3a`).",
            cause: "A hand-written encoder formatted bytes with `%02x` instead of `%02X`.",
            fix: "Write escapes in uppercase hex (`%3A`)."),
        doc("secret-missing-ampersand",
            meaning: "Alibaba RPC: the HMAC key was the AccessKeySecret alone; it must be the secret followed by `&`.",
            cause: "The client keyed HMAC-SHA1 with the AccessKeySecret alone, forgetting the `&` that signature V2 appends.",
            fix: "Key HMAC-SHA1 with `secret + \"&\"`."),
        doc("secret-with-ampersand",
            meaning: "Alibaba ACS3: the HMAC key was `secret + \"&\"` (the RPC key); ACS3 uses the secret alone.",
            cause: "Code written for the RPC signature (key `secret&`) was reused for ACS3, which keys with the secret alone.",
            fix: "Drop the `&`."),
        doc("method-mismatch",
            meaning: "The signature matches the other HTTP method: signed as GET, sent as POST, or the reverse.",
            cause: "The string to sign or canonical request was built with one method and the request sent with the other.",
            fix: "Sign the method you send."),
        doc("signature-not-url-encoded",
            meaning: "Alibaba RPC (and Tencent v1): the Base64 Signature is in the URL without percent-encoding, so its `+` arrives as a space.",
            cause: "The Base64 signature was appended to the URL without percent-encoding; the server decodes its `+` as a space.",
            fix: "Percent-encode the Signature (`+` → `%2B`, `/` → `%2F`, `=` → `%3D`)."),
        doc("timestamp-expired",
            meaning: "The request's time is outside the provider's window (Tencent 5 minutes, Alibaba 15) around the instant it is judged against, if any\(aside: .now); or, for a right signature, the server answered `AuthFailure.SignatureExpire` / `InvalidTimeStamp.Expired`\(aside: .serverError).",
            cause: "The client's clock is off, the request was replayed later, or the timestamp is in milliseconds or local time.",
            fix: "Sign with the current time; keep the clock in sync (NTP)."),
        doc("timestamp-not-utc",
            meaning: "Alibaba: `Timestamp` / `x-acs-date` is not ISO-8601 UTC with `Z` (an offset, a missing `Z`, milliseconds).",
            cause: "The client formatted the time with a UTC offset, without `Z`, or with milliseconds.",
            fix: "Send the UTC time as `2016-02-23T12:46:24Z`."),
        doc("secret-id-mismatch",
            meaning: "The request's SecretId / AccessKeyId is not the one given with \(.secretId): the server checks it against another key.",
            cause: "The client is configured with another key pair than the one you expect (another profile, a stale environment variable).",
            fix: "Configure the client with the intended key pair."),
        doc("server-string-to-sign-differs",
            meaning: "With \(.serverError): the string-to-sign Alibaba echoed in its `SignatureDoesNotMatch` error differs from the one recomputed; the diff shows where.",
            cause: "The client canonicalized the request differently from the server; the first differing character points at the step.",
            fix: "Read the diff: fix the step where the first difference is (usually the percent-encoding of one value), then sign again."),
        doc("server-holds-another-secret",
            meaning: "With \(.serverError): the signature is exactly the one the given secret makes, yet the server rejected it as a wrong signature (`AuthFailure.SignatureFailure`, `SignatureDoesNotMatch`, `IncompleteSignature`): the server holds another secret for the key id — rotated or reset, another account's pair — or the request changed in transit.",
            cause: "The key pair was rotated or reset, the secret belongs to another account's key id, or a proxy changed the request after it was signed.",
            fix: "Get the current secret of the key id from the console and sign with it; if it is the one you used, capture the request after the last proxy."),
        doc("key-id-unknown-to-server",
            meaning: "With \(.serverError): the signature is exactly the one the given secret makes, yet the server answered that it does not know the key id (`AuthFailure.SecretIdNotFound`, `InvalidAccessKeyId.NotFound`, `InvalidAccessKeyId`).",
            cause: "The key pair was deleted or disabled in the console, the id was copied wrong or from another pair, or it belongs to an account of another site.",
            fix: "Look the key id up in the console's API keys (Tencent CAM, Alibaba RAM AccessKeys); sign with an enabled pair's id and secret."),
        doc("nonce-reused",
            meaning: "Alibaba, with \(.serverError): the signature is right, yet the server answered `SignatureNonceUsed`: it had received a request with the same `SignatureNonce` within its 15-minute window.",
            cause: "The same signed request was sent twice (a retry that resends instead of signing again, a replayed capture or curl command), or the client's nonces repeat (a timestamp or a few random digits under concurrency).",
            fix: "Sign every attempt anew, retries included, with a fresh random nonce such as a UUID v4."),
        doc("wrong-secret-likely",
            meaning: "The request is self-consistent and no known mistake reproduces the signature: the secret key is most likely not the one it was signed with (or the request was altered after signing).",
            cause: "The client signed with another secret (a rotated key, another account's key, a key with an invisible character) or the request was altered after signing.",
            fix: "Check the key pair: the current secret of that key id, copied whole."),
        doc("authorization-malformed",
            meaning: "The Authorization header is not in the documented layout, though its parts can be read (separators, part-name case, the terminator, upper-case hex). A header whose parts cannot be read (a part missing, repeated or unknown, a garbled Credential or SignedHeaders, a Signature that is not 64 hex digits) is unreadable input instead: exit 2.",
            cause: "A hand-written Authorization header with the wrong separators (`,` vs `, `), part names or hex case.",
            fix: "Write exactly `TC3-HMAC-SHA256 Credential=…/…/…/tc3_request, SignedHeaders=…, Signature=…` (TC3) or `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…` (ACS3)."),
        doc("required-header-missing",
            meaning: "A header or parameter every request of the algorithm needs is absent (`X-TC-Version`, `x-acs-date`, `SignatureNonce`, …).",
            cause: "The client left out a common header or parameter the algorithm needs, often because it is set by an SDK that was not used.",
            fix: "Send it."),
        doc("timestamp-invalid",
            meaning: "Tencent: the timestamp is not Unix seconds (milliseconds, or not a number). Reported first; nothing (scope date, age) is judged from a timestamp in milliseconds.",
            cause: "The client sent the time in milliseconds (JavaScript `Date.now()`) or as a formatted date.",
            fix: "Send `int(time.time())`."),
        doc("timestamp-changed-after-signing",
            meaning: "The signature matches a timestamp a few seconds (up to 5) from the one sent (`X-TC-Timestamp`, `x-acs-date`): the client read the clock twice, or a proxy rewrote the header.",
            cause: "The client read the clock once for the signature and again for the header, or a proxy rewrote the timestamp header.",
            fix: "Read the clock once; use that value in the header and in the signature."),
        doc("body-truncated",
            meaning: "A raw capture's `Content-Length` is shorter than the body after it: the server reads only `Content-Length` bytes. An error when the whole body reproduces the signature, else a warning.",
            cause: "A hand-set Content-Length computed from characters instead of bytes, or from the body before a last change.",
            fix: "Let the HTTP library set `Content-Length` from the exact bytes sent."),
        doc("duplicate-header",
            meaning: "A header the signature or the server depends on is sent twice (`Authorization`, `Host`, `Content-Type`, `Content-Length`, `X-TC-*` / `x-acs-*`, a signed header): the server keeps one value, or rejects the request.",
            cause: "The code set a header the HTTP library also sets (Content-Type, Host, Authorization), so it is sent twice.",
            fix: "Set the header once (usually an HTTP library adds its own next to yours)."),
        doc("token-mismatch",
            meaning: "The session token given\(aside: .token) differs from the one the request carries (`X-TC-Token`, `Token`, `SecurityToken`, `x-acs-security-token`); neither is printed.",
            cause: "The token of another STS response (an earlier session, another role) is sent with this key pair.",
            fix: "Send the token issued with the temporary key pair (the same STS response)."),
        doc("host-changed",
            meaning: "The signature matches another host than the one the request went to (regional vs global endpoint, a proxy).",
            cause: "The client signed the global host and sent to a regional one (or the reverse), or a proxy rewrote the Host header.",
            fix: "Sign the host you send to."),
        doc("query-reencoded",
            meaning: "TC3: the signature matches the query string encoded or ordered differently from the one sent (TC3 signs the query exactly as sent).",
            cause: "The HTTP library re-encoded or re-ordered the query string after it was signed.",
            fix: "Sign the same query string you put in the URL."),
        doc("secret-has-whitespace",
            meaning: "The secret key carries surrounding whitespace — the client's copy (the signature matches the key plus a newline) or the one given to sigscope.",
            cause: "The key was read from a file or variable with its line ending, or pasted with a space.",
            fix: "Trim the key where it is read."),
        doc("secret-id-empty",
            meaning: "The request's key id is empty.",
            cause: "A misspelled configuration key or an unset variable left the key id empty.",
            fix: "Configure the key id (check the configuration key's spelling)."),
        doc("token-header-missing",
            meaning: "Temporary (STS) credentials without their token: an `STS.` AccessKeyId without `SecurityToken` / `x-acs-security-token`, or \(.token) given but not sent.",
            cause: "Temporary credentials were used like permanent ones: the token was not set where the algorithm sends it.",
            fix: "Send the session token where the algorithm expects it (`X-TC-Token`, `Token`, `SecurityToken`, `x-acs-security-token`)."),
        doc("signature-double-encoded",
            meaning: "The Signature was percent-encoded twice (`%252B`).",
            cause: "The client percent-encoded the Signature and the HTTP library encoded the URL again.",
            fix: "Encode it exactly once."),
        doc("values-encoded-in-string-to-sign",
            meaning: "Tencent v1: the string to sign was built from URL-encoded values; v1 signs raw values.",
            cause: "The v1 string to sign was built from the URL's encoded query instead of the raw parameter values.",
            fix: "Build the string to sign from raw values."),
        doc("signature-method-mismatch",
            meaning: "Tencent v1: the HMAC used is not the one `SignatureMethod` names (`HmacSHA256` exactly, case-sensitive; anything else means HmacSHA1).",
            cause: "The client signed with HMAC-SHA256 but sent `SignatureMethod` missing or spelled otherwise (so the server uses HmacSHA1), or the reverse.",
            fix: "Send `SignatureMethod=HmacSHA256` exactly when signing with HMAC-SHA256."),
        doc("header-value-lowercased",
            meaning: "ACS3: the signature matches only with the signed header values lowercased (TC3's rule); ACS3 keeps their case.",
            cause: "TC3's canonicalization (lower-cased header values) was reused for ACS3, which keeps the values' case.",
            fix: "Use `trim(value)` without lowercasing."),
    ]
}
