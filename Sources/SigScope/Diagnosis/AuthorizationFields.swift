/// The layout TC3 and ACS3 share, `ALGORITHM Credential=…,SignedHeaders=…,Signature=…` (TC3 with
/// `, ` between the parts, ACS3 with bare commas), read leniently: every deviation becomes a
/// problem sentence instead of a failure, so a malformed header can still be verified.
struct AuthorizationFields {
    var credential: String?
    var signedHeaders: String?
    var signature: String?
    var problems: [String] = []

    static let parts = ["Credential", "SignedHeaders", "Signature"]

    /// Reads the three parts after `algorithm`; nil when the value does not start with it.
    static func parse(_ trimmed: String, algorithm: String) -> AuthorizationFields? {
        guard trimmed.hasPrefix(algorithm) else { return nil }
        var fields = AuthorizationFields()
        let rest = String(trimmed.dropFirst(algorithm.count))
        if !rest.hasPrefix(" ") || rest.hasPrefix("  ") {
            fields.problems.append("the algorithm must be followed by exactly one space")
        }
        var seen: Set<String> = []
        for part in rest.split(separator: ",", omittingEmptySubsequences: false) {
            let piece = String(part).trimmingASCIIWhitespace()
            guard let eq = piece.firstIndex(of: "=") else {
                if !piece.isEmpty { fields.problems.append("the part \"\(piece)\" is not Name=value") }
                continue
            }
            let key = String(piece[..<eq])
            let value = String(piece[piece.index(after: eq)...])
            guard let canonical = parts.first(where: { $0.lowercased() == key.lowercased() }) else {
                fields.problems.append("it has an unknown part \"\(key)=\"")
                continue
            }
            if canonical != key { fields.problems.append("\"\(key)=\" must be written \"\(canonical)=\"") }
            if !seen.insert(canonical).inserted { fields.problems.append("\(canonical)= appears twice") }
            switch canonical {
            case "Credential": fields.credential = value
            case "SignedHeaders": fields.signedHeaders = value
            default: fields.signature = value
            }
        }
        for part in parts where !seen.contains(part) {
            fields.problems.append("it has no \(part)=")
        }
        return fields
    }

    /// Why the parts of a `TC3-HMAC-SHA256` or `ACS3-HMAC-SHA256` header `value` cannot be read
    /// unambiguously (a part missing, repeated, unknown or not `Name=value`; a Credential that is
    /// not `SecretId/Date/service/tc3_request` or `AccessKeyId`, or has characters no key id has;
    /// SignedHeaders with an empty or non-token name; a Signature that is not 64 hex digits), or
    /// nil. Such a header is not verified: what the server would read from it is unknown, and the
    /// parts that were read could reproduce the signature. Layout deviations the parts survive
    /// (separators, part-name case, upper-case hex) are left to `parse`'s problems.
    /// `unreadable` for the request's Authorization header, when it sends exactly one (two are
    /// the `duplicate-header` finding's business).
    static func unreadable(in request: SentRequest) -> String? {
        let values = request.headers.filter { $0.name.lowercased() == "authorization" }
        guard values.count == 1, let value = values.first?.value else { return nil }
        return unreadable(value)
    }

    static func unreadable(_ value: String) -> String? {
        let trimmed = value.trimmingASCIIWhitespace()
        let tc3 = trimmed.hasPrefix(TC3Signer.algorithmName)
        let algorithm = tc3 ? TC3Signer.algorithmName : ACS3Signer.algorithmName
        guard tc3 || trimmed.hasPrefix(algorithm) else { return nil }
        var reasons: [String] = []
        var given: [String: String] = [:]
        for part in trimmed.dropFirst(algorithm.count).split(separator: ",") {
            let piece = String(part).trimmingASCIIWhitespace()
            guard !piece.isEmpty else { continue }
            guard let eq = piece.firstIndex(of: "=") else {
                reasons.append("the part \"\(piece)\" is not Name=value")
                continue
            }
            let key = String(piece[..<eq])
            guard let name = parts.first(where: { $0.lowercased() == key.lowercased() }) else {
                reasons.append("it has an unknown part \"\(key)=\"")
                continue
            }
            if given[name] != nil { reasons.append("\(name)= is given twice, and which one the server reads is unknown") }
            given[name] = String(piece[piece.index(after: eq)...])
        }
        for name in parts where given[name] == nil { reasons.append("it has no \(name)=") }
        if let credential = given["Credential"] {
            let idName = tc3 ? "SecretId" : "AccessKeyId"
            let fields = credential.split(separator: "/", omittingEmptySubsequences: false)
            if tc3 && fields.count != 4 {
                reasons.append("the Credential \"\(credential)\" is not SecretId/Date/service/tc3_request")
            } else if let id = tc3 ? fields.first.map(String.init) : credential,
                      let bad = id.unicodeScalars.first(where: { !isKeyIdCharacter($0) }) {
                reasons.append("the \(idName) \"\(id)\" has \(describe(bad)), which no \(idName) has")
            }
        }
        if let signed = given["SignedHeaders"] {
            let names = signed.split(separator: ";", omittingEmptySubsequences: false)
            if names.contains(where: { $0.isEmpty }) {
                reasons.append("SignedHeaders \"\(signed)\" has an empty name (a leading, trailing or doubled ;)")
            } else if let bad = signed.unicodeScalars.first(where: { $0 != ";" && !isTokenCharacter($0) }) {
                reasons.append("SignedHeaders \"\(signed)\" has \(describe(bad)), which no header name has")
            }
        }
        if let signature = given["Signature"], signature.utf8.count != 64 || !signature.utf8.allSatisfy(isHexDigit) {
            reasons.append("the Signature \"\(signature)\" is not 64 hex digits")
        }
        guard !reasons.isEmpty else { return nil }
        let layout = tc3 ? "TC3-HMAC-SHA256 Credential=SecretId/Date/service/tc3_request, SignedHeaders=h1;h2, Signature=hex"
                         : "ACS3-HMAC-SHA256 Credential=AccessKeyId,SignedHeaders=h1;h2,Signature=hex"
        return "the \(algorithm) Authorization header cannot be read: " + reasons.joined(separator: "; ") + " (the layout is \"\(layout)\")"
    }

    /// A printable ASCII character other than the header's own delimiters (`,` `;` `=` `/`) and
    /// quotes: SecretIds (`AKID…`) and AccessKeyIds (`LTAI…`, `STS.…`) are letters and digits,
    /// and the documents mask them with `*`.
    static func isKeyIdCharacter(_ c: Unicode.Scalar) -> Bool {
        c.value > 0x20 && c.value < 0x7F && !",;=/\"'\\".unicodeScalars.contains(c)
    }

    /// An RFC 9110 token character (what a header name is made of).
    static func isTokenCharacter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && c.value > 0x20 && c.value < 0x7F && !"\"(),/:;<=>?@[\\]{}".unicodeScalars.contains(c)
    }

    static func isHexDigit(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    /// `a space`, `the character "="`, `the character U+00E9`.
    static func describe(_ c: Unicode.Scalar) -> String {
        if c == " " { return "a space" }
        if c.value < 0x20 || c.value == 0x7F || !c.isASCII { return "the character " + Walker.codePoint(c) }
        return "the character \"\(c)\""
    }

    /// The stated SignedHeaders as a list.
    static func names(_ signedHeaders: String?) -> [String]? {
        signedHeaders.map { $0.split(separator: ";", omittingEmptySubsequences: true).map { String($0).trimmingASCIIWhitespace() } }
    }

    /// A problem sentence when `names` are not lower-case, sorted and unique as `normalized` is.
    static func signedHeadersProblem(_ signedHeaders: String?, normalize: ([String]) -> [String]) -> String? {
        guard let names = names(signedHeaders) else { return nil }
        let normalized = normalize(names)
        guard names != normalized else { return nil }
        return "SignedHeaders \"\(signedHeaders ?? "")\" must be lower-case header names, sorted in ASCII order, each once (\(normalized.joined(separator: ";")))"
    }

    /// A problem sentence when the signature is not 64 lower-case hex digits.
    static func signatureProblem(_ signature: String?) -> String? {
        guard let signature else { return nil }
        let isLowerHex = signature.count == 64 && signature.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
        return isLowerHex ? nil : "the Signature must be 64 lower-case hex digits; \"\(signature)\" is not"
    }
}
