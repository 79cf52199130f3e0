/// Checks and mistake lists shared by the verifiers of every algorithm.
enum VerifierSupport {
    /// The secret with a newline or space the client's copy may carry, or trimmed when the given one has whitespace.
    static func secretWhitespaceMistakes(_ secret: SecretKey) -> [(summary: String, key: SecretKey, finding: VerifyFinding)] {
        var out: [(String, SecretKey, VerifyFinding)] = []
        if secret.hasSurroundingWhitespace {
            out.append(("the secret key trimmed", secret.trimmed, VerifyFinding(.secretHasWhitespace, .error, "The provided signature is reproduced with the secret key trimmed of whitespace: the key you gave sigscope carries whitespace that the client's does not. Fix: trim the key you pass to sigscope.")))
        }
        let base = secret.trimmed
        for (suffix, prefix, what) in [("\n", "", "followed by a newline"), ("\r\n", "", "followed by CR LF"), (" ", "", "followed by a space"), ("", " ", "preceded by a space")] {
            let key = SecretKey(bytes: Array(prefix.utf8) + base.bytes + Array(suffix.utf8))
            if key == secret { continue }
            out.append(("the secret key \(what)", key, VerifyFinding(.secretHasWhitespace, .error, "The provided signature is reproduced exactly with the secret key \(what): the client's copy of the key carries it (read from a file or an environment variable with its line ending, or pasted with a space). Fix: trim the key where the client reads it.")))
        }
        return out
    }


    /// True when a finding other than signature-mismatch is an error (the request is not self-consistent).
    static func hasOtherErrors(_ findings: FindingList) -> Bool {
        findings.findings.contains { $0.severity == .error && $0.code != .signatureMismatch }
    }

    /// secret-id-empty and secret-id-mismatch for the key id the request carries.
    static func checkKeyId(_ stated: String?, label: String, serverAnswer: String? = nil, options: VerifyOptions, into findings: inout FindingList) {
        guard let stated else { return }
        if stated.trimmingASCIIWhitespace().isEmpty {
            let answer = serverAnswer.map { " The server answers \($0)." } ?? ""
            findings.add(.secretIdEmpty, .error, "The request's \(label) is empty: the client had no key id (a misspelled configuration key?).\(answer) Fix: configure the \(label).")
        } else if let expected = options.expectedSecretId, expected != stated {
            let given: SigScopeError.Subject = label == "AccessKeyId" ? .accessKeyId : .secretId
            findings.add(.secretIdMismatch, .error, "The request is signed for \(label) \(stated), not the expected \(expected)\(aside: given): the server checks the signature with \(stated)'s secret. Fix: configure the client with the intended key pair.")
        }
    }

    /// token-header-missing and token-mismatch for the session token a request carries as `name`
    /// (`place` says where: "X-TC-Token header", "Token parameter"); `stsKeyId` is a key id that
    /// shows temporary credentials by itself (Alibaba's `STS.` prefix).
    static func checkToken(_ sent: String?, name: String, place: String, options: VerifyOptions, stsKeyId: String? = nil, into findings: inout FindingList) {
        let sentToken = sent?.trimmingASCIIWhitespace()
        if let expected = options.token, !expected.isEmpty {
            guard let sentToken else {
                findings.add(.tokenHeaderMissing, .error, "A session token was given\(aside: .token) but the request has no \(place); temporary credentials are rejected without it. Fix: send the token as \(name).")
                return
            }
            if !ConstantTime.equals(sentToken, expected) {
                findings.add(.tokenMismatch, .error, "The request's \(name) is another session token than the one given\(aside: .token); \(sentToken.utf8.count) characters are sent, \(expected.utf8.count) given (neither is printed). The server accepts a temporary key only with the token issued with it, so a token of another session (an expired one the client cached, or one of another role) is rejected (Tencent AuthFailure.TokenFailure, Alibaba InvalidSecurityToken.*). Fix: send the token that came in the same STS response as the temporary key pair.")
            }
        } else if let sentToken, sentToken.isEmpty {
            findings.add(.tokenHeaderMissing, .warning, "\(name) is sent empty; with temporary credentials it must carry the session token, and otherwise it should be omitted.")
        } else if let id = stsKeyId, id.hasPrefix("STS."), sentToken == nil {
            findings.add(.tokenHeaderMissing, .error, "AccessKeyId \(id) is a temporary (STS) key, but the request has no \(place); the server rejects temporary keys without their token. Fix: send the session token as \(name).")
        }
    }

    /// secret-has-whitespace as lint on the key given to sigscope.
    static func checkSecretLint(_ options: VerifyOptions, into findings: inout FindingList) {
        if options.secretKey.hasSurroundingWhitespace {
            findings.add(.secretHasWhitespace, .warning, "The secret key given to sigscope has leading or trailing whitespace, which keys never have; it was used as given (and the trimmed key was tried too). Fix: trim the key.")
        }
    }

    /// The Unix-seconds timestamp `text` (nil: not sent), with timestamp-invalid when it is not
    /// a decimal integer or is in milliseconds (`milliseconds` says what the server answers then).
    static func unixSeconds(_ text: String?, name: String, example: String, milliseconds: String? = nil, into findings: inout FindingList) -> Timestamp? {
        guard let text else { return nil }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seconds = Int64(text) else {
            findings.add(.timestampInvalid, .error, "\(name) \"\(text)\" is not Unix seconds (a decimal integer such as \(example)). Fix: send the current Unix time in seconds.")
            return nil
        }
        if seconds > 100_000_000_000 {
            // No date, window or scope is judged from it: every one would be computed from the milliseconds.
            let answer = milliseconds.map { ", and \($0)" } ?? ""
            findings.add(.timestampInvalid, .error, "\(name) \(text) is in milliseconds; the server expects Unix seconds (\(seconds / 1000))\(answer). Fix: send int(time.time()), not milliseconds.")
            return nil
        }
        return Timestamp(unixSeconds: seconds)
    }

    /// signed-header-not-sent for names in SignedHeaders that the request does not send.
    static func checkSignedSent(_ signedNames: [String], headers: [HTTPHeader], into findings: inout FindingList) {
        // The signed names are lower case (SignedHeaders as normalized).
        let notSent = signedNames.filter { name in !headers.indices.contains { headers[$0].name.lowercasedEquals(name) } }
        if !notSent.isEmpty {
            findings.add(.signedHeaderNotSent, .error, "SignedHeaders names \(notSent.joined(separator: ", ")), but the request does not send \(notSent.count == 1 ? "it" : "them"): the server signs what it receives. Fix: send every signed header, or drop it from SignedHeaders.")
        }
    }

    /// duplicate-header for a header sent more than once that the signature or the server depends on:
    /// Authorization, Host, Content-Type, Content-Length, the provider's own (`prefix`) and the signed ones.
    static func checkDuplicateHeaders(_ headers: [HTTPHeader], signed: [String], prefix: String, into findings: inout FindingList) {
        // Nearly always no name repeats: found by comparing the dozen names pairwise, making no strings.
        let repeats = headers.indices.contains { i in headers.indices[..<i].contains { headers[$0].name.equalsIgnoringCase(headers[i].name) } }
        guard repeats else { return }
        var order: [String] = []
        var values: [String: (name: String, values: [String])] = [:]
        for header in headers {
            let lower = header.name.lowercased()
            if values[lower] == nil { order.append(lower); values[lower] = (header.name, []) }
            values[lower]?.values.append(header.value.trimmingASCIIWhitespace())
        }
        for lower in order {
            guard let entry = values[lower], entry.values.count > 1 else { continue }
            let why: String
            switch lower {
            case "authorization":
                why = "the server reads one of them, and which one is not defined, so it may check a signature other than the one you meant"
            case "host":
                why = "an HTTP/1.1 server answers 400 Bad Request to a request with two Host headers"
            case "content-length":
                why = "two lengths make the end of the body ambiguous; servers and proxies reject such a request (400)"
            default:
                guard lower == "content-type" || lower.hasPrefix(prefix) || signed.contains(lower) else { continue }
                why = "the client signs the values as it combines them, but the server (or a proxy on the way) may keep only one, so it checks the signature against other bytes"
            }
            let shown = entry.values.map { "\"\(String($0.prefix(60)))\"" }.joined(separator: ", ")
            findings.add(.duplicateHeader, .error, "The request sends \(entry.name) \(entry.values.count) times (\(shown)): \(why). Fix: set \(entry.name) once (an HTTP library that adds its own \(entry.name) next to yours is the usual cause).")
        }
    }

    /// timestamp-expired when `--now` is given and the request's time is outside `window` seconds.
    static func checkExpiry(_ timestamp: Timestamp?, shown: String, options: VerifyOptions, window: Int64, rule: String, into findings: inout FindingList) {
        guard let now = options.now, let timestamp else { return }
        let skew = now.unixSeconds - timestamp.unixSeconds
        if abs(skew) > window {
            findings.add(.timestampExpired, .error, "\(shown) (\(timestamp.iso8601)) is \(TC3Verifier.describeSkew(skew)) \(options.nowIsClock ? "the clock's" : "\(.now)") \(now.iso8601); \(rule). Fix: sign with the current time and keep the clock in sync (NTP).")
        }
    }

    /// The raw (still percent-encoded) value of the first `name=` pair of a query or form.
    static func rawValue(named name: String, in text: String) -> String? {
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            if let eq = part.firstIndex(of: "="), part[..<eq] == name { return String(part[part.index(after: eq)...]) }
        }
        return nil
    }

    /// signature-not-url-encoded and signature-double-encoded for a Base64 signature sent in a
    /// query or form. Returns true when one of them explains the mismatch exactly.
    static func checkSignatureEncoding(raw: String?, received: String?, computed: String, rule: String, into findings: inout FindingList) -> Bool {
        guard let raw, let received else { return false }
        if raw.contains("+") {
            let restored = received.replacingOccurrences(of: " ", with: "+")
            let exact = ConstantTime.equals(restored, computed)
            findings.add(.signatureNotURLEncoded, .error, "The Signature is sent with a literal \"+\" (Signature=\(raw)), which the server decodes as a space, so it compares \"\(received)\"\(exact ? "; with the + restored it is exactly the right signature" : ""). \(rule) Fix: percent-encode the Signature (+ as %2B, / as %2F, = as %3D).", reproduces: exact)
            return exact
        }
        if raw.contains("/") || raw.contains("=") {
            findings.add(.signatureNotURLEncoded, .warning, "The Signature is sent without percent-encoding (Signature=\(raw)); it survives only because it contains no \"+\", which the server would read as a space. Fix: percent-encode the Signature (+ as %2B, / as %2F, = as %3D).")
        }
        if received.contains("%"), let once = FormCodec.percentDecode(received), ConstantTime.equals(once, computed) {
            findings.add(.signatureDoubleEncoded, .error, "The Signature is percent-encoded twice (Signature=\(raw)): the server decodes it once and compares \"\(received)\"; decoded once more it is exactly the right signature. An HTTP library encoded the already-encoded value again. Fix: put the raw Base64 signature in the parameters and let the library encode it once, or encode it yourself and stop the library from encoding.", reproduces: true)
            return true
        }
        return false
    }

    /// The parameters of a query plus a form body, decoded with `+` as space (how the servers read them).
    static func parameters(_ request: SentRequest) -> (all: [(name: String, value: String)], body: [(name: String, value: String)]) {
        let query = request.queryItems(plusAsSpace: true)
        let body = SignatureDetector.isFormBody(request) ? FormCodec.decode(request.bodyText, plusAsSpace: true) : []
        return (query + body, body)
    }
}

/// What a capture tells beyond the request itself, for the checks that need it.
struct CaptureFacts: Sendable {
    /// Bytes a raw HTTP capture has after the `Content-Length` body (not part of the request the server reads).
    var bytesAfterBody: [UInt8] = []
}
