/// Client mistakes that several schemes share, built once over `SignatureScheme`. Each takes
/// where the scheme keeps the varied value (a key path into its trial) and the words that
/// differ (what the scheme calls the place the value enters).
enum CommonMistakes {
    /// The secret with a newline or space the client's copy may carry, or trimmed when the given one has whitespace.
    static func secretWhitespace<Scheme: SignatureScheme>(_ secret: SecretKey) -> [Mistake<Trial<Scheme>>] {
        VerifierSupport.secretWhitespaceMistakes(secret).map { variant in
            Mistake(dimension: "secret", summary: variant.summary, apply: { $0.secret = variant.key }, finding: variant.finding)
        }
    }

    /// The other HTTP method, signed where `place` says ("in the canonical request", "at the start of the string to sign").
    static func otherMethod<Scheme: SignatureScheme>(sent: String, place: String, remark: String = "",
                                                     set: @escaping (inout Trial<Scheme>, String) -> Void) -> [Mistake<Trial<Scheme>>] {
        guard let method = HTTPMethod(rawValue: sent) else { return [] }
        let other = method.other.rawValue
        return [Mistake(dimension: "method", summary: "method \(other)", apply: { set(&$0, other) },
                        finding: VerifyFinding(.methodMismatch, .error, "The provided signature is reproduced exactly with \(other) \(place), but the request was sent with \(sent). Fix: sign the method you send\(remark)."))]
    }

    /// Another Content-Type than the one sent (a library adding or dropping a charset after signing).
    static func contentTypes<Scheme: SignatureScheme>(headers: WritableKeyPath<Trial<Scheme>, [HTTPHeader]>, sentHeaders: [HTTPHeader], name: String,
                                                      includeEmpty: Bool, why: String, fix: String) -> [Mistake<Trial<Scheme>>] {
        let sent = sentHeaders.first(where: { $0.name.lowercased() == "content-type" })?.value.trimmingASCIIWhitespace() ?? ""
        return contentTypeAlternatives(sent).filter { includeEmpty || !$0.isEmpty }.map { alternative in
            Mistake(dimension: "content-type", summary: "\(name) \"\(alternative)\"", apply: { replaceHeader(&$0[keyPath: headers], name: name, value: alternative) },
                    finding: VerifyFinding(.contentTypeChanged, .error, "The provided signature is reproduced exactly with \(name) \"\(alternative)\", but the request sent \"\(sent)\": the HTTP library changed the header after signing\(why). Fix: \(fix)"))
        }
    }

    /// The same JSON body serialized another way, or with or without a final newline.
    static func reserializedBodies<Scheme: SignatureScheme>(_ body: [UInt8], payload: WritableKeyPath<Trial<Scheme>, [UInt8]>, fix: String) -> [Mistake<Trial<Scheme>>] {
        BodyVariants.alternatives(for: body).map { alternative in
            Mistake(dimension: "body", summary: "body serialized as \(alternative.description)", apply: { $0[keyPath: payload] = alternative.bytes },
                    finding: VerifyFinding(.bodyReserialized, .error, "The provided signature is reproduced exactly with the same JSON serialized as \(alternative.description) (\(alternative.bytes.count) bytes), but the body sent is \(BodyVariants.describe(body)) (\(body.count) bytes): the body was re-serialized between signing and sending, which changes its hash. Fix: \(fix)"))
        }
    }

    /// Other hosts than the one sent (the global, regional or international domain the client was configured with).
    static func otherHosts<Scheme: SignatureScheme>(_ hosts: [String], sent: String, place: String,
                                                    set: @escaping (inout Trial<Scheme>, String) -> Void) -> [Mistake<Trial<Scheme>>] {
        var seen: Set<String> = [sent.lowercased()]
        return hosts.filter { seen.insert($0.lowercased()).inserted }.map { host in
            Mistake(dimension: "host", summary: "host \(host)", apply: { set(&$0, host) },
                    finding: VerifyFinding(.hostChanged, .error, "The provided signature is reproduced exactly with host \"\(host)\"\(place), but the request was sent to \"\(sent)\". Fix: sign the host you send to (the endpoint the client is configured with)."))
        }
    }

    /// The timestamp a few seconds either way of the one sent (`shown` writes it as the header does):
    /// a client that reads the clock twice, once to sign and once for the header, or a proxy that rewrites it.
    static func shiftedTimestamps<Scheme: SignatureScheme>(_ sent: Timestamp, name: String, shown: @escaping (Timestamp) -> String, seconds: Int64 = 5,
                                                           set: @escaping (inout Trial<Scheme>, Timestamp) -> Void) -> [Mistake<Trial<Scheme>>] {
        var list: [Mistake<Trial<Scheme>>] = []
        for magnitude in 1...seconds {
            for offset in [-magnitude, magnitude] {
                let signed = Timestamp(unixSeconds: sent.unixSeconds + offset)
                let relation = offset < 0 ? "before" : "after"
                list.append(Mistake(dimension: "timestamp", summary: "\(name) \(shown(signed))", apply: { set(&$0, signed) },
                                    finding: VerifyFinding(.timestampChangedAfterSigning, .error, "The provided signature is reproduced exactly with \(name) \(shown(signed)), \(magnitude) s \(relation) the \(shown(sent)) the request sends: the timestamp was changed after signing (the client read the clock twice, once for the string to sign and once for the header, or a proxy rewrote it). Fix: read the clock once and use that one value in the header and in the signature.")))
            }
        }
        return list
    }

    /// The body with the bytes after `Content-Length` (the raw capture had more than it declares).
    static func truncatedBody<Scheme: SignatureScheme>(_ body: [UInt8], facts: CaptureFacts, payload: WritableKeyPath<Trial<Scheme>, [UInt8]>) -> [Mistake<Trial<Scheme>>] {
        guard !facts.bytesAfterBody.isEmpty else { return [] }
        let whole = body + facts.bytesAfterBody
        return [Mistake(dimension: "body-length", summary: "the whole \(whole.count)-byte body", apply: { $0[keyPath: payload] = whole },
                        finding: VerifyFinding(.bodyTruncated, .error, "The provided signature is reproduced exactly with the whole \(whole.count)-byte body, but Content-Length says \(body.count), so the server reads only the first \(body.count) bytes and hashes those: Content-Length was computed before the body changed, or counted characters instead of UTF-8 bytes. Fix: let the HTTP library set Content-Length from the exact bytes you send."))]
    }

    /// The signed header values in the other case than the scheme's rule.
    static func cased(_ headers: [HTTPHeader], signed: [String]) -> [String] {
        signed.compactMap { name -> String? in
            guard let value = headers.first(where: { $0.name.lowercased() == name })?.value.trimmingASCIIWhitespace(), value != value.lowercased() else { return nil }
            return name + ":" + value
        }
    }

    /// `headers` with every header called `name` (any case) replaced by one with `value`.
    static func replaceHeader(_ headers: inout [HTTPHeader], name: String, value: String) {
        let lower = name.lowercased()
        headers.removeAll { $0.name.lowercased() == lower }
        headers.append(HTTPHeader(name, value))
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
}
