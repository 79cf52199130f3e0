/// The layout TC3 and ACS3 share, `ALGORITHM Credential=…,SignedHeaders=…,Signature=…` (TC3 with
/// `, ` between the parts, ACS3 with bare commas), read leniently: every deviation becomes a
/// problem sentence instead of a failure, so a malformed header can still be verified.
///
/// One scan of the header's bytes gives both what the verifier reports (`problems`, the layout
/// deviations) and whether the parts can be read at all (`unreadable(tc3:)`): the parts are split
/// at the ASCII bytes `,` and `=` (as a server splits them) and named case-insensitively in ASCII,
/// and only the values and the sentences become strings.
struct AuthorizationFields {
    var credential: String?
    var signedHeaders: String?
    var signature: String?
    /// Deviations from the documented layout, one sentence each (what `parse` reports).
    var problems: [String] = []
    /// Why the parts cannot be read, as far as the parts themselves tell (one not `Name=value`,
    /// unknown, given twice or missing); `unreadable(tc3:)` adds the checks of the values.
    var partReasons: [String] = []

    static let parts = ["Credential", "SignedHeaders", "Signature"]

    /// Reads the three parts after `algorithm` (ASCII); nil when the value does not start with it.
    static func parse(_ trimmed: String, algorithm: String) -> AuthorizationFields? {
        trimmed.withUTF8Bytes { bytes -> AuthorizationFields? in
            let length = algorithm.utf8.count
            guard bytes.count >= length, algorithm.withUTF8Bytes({ bytesEqual(UnsafeBufferPointer(rebasing: bytes[..<length]), $0) }) else { return nil }
            var fields = AuthorizationFields()
            let rest = UnsafeBufferPointer(rebasing: bytes[length...])
            if rest.first != space || (rest.count > 1 && rest[1] == space) {
                fields.problems.append("the algorithm must be followed by exactly one space")
            }
            var seen = [false, false, false]
            var start = 0
            while start <= rest.count {
                let end = rest[start...].firstIndex(of: comma) ?? rest.count
                fields.read(UnsafeBufferPointer(rebasing: rest[start..<end]), seen: &seen)
                start = end + 1
            }
            for (index, part) in parts.enumerated() where !seen[index] {
                fields.problems.append("it has no \(part)=")
                fields.partReasons.append("it has no \(part)=")
            }
            return fields
        }
    }

    private static let space = UInt8(ascii: " ")
    private static let comma = UInt8(ascii: ",")

    /// Reads one comma-separated part; `seen` marks the parts read so far, in `parts` order.
    private mutating func read(_ untrimmed: UnsafeBufferPointer<UInt8>, seen: inout [Bool]) {
        let piece = Self.trimmed(untrimmed)
        guard !piece.isEmpty else { return }
        guard let eq = piece.firstIndex(of: UInt8(ascii: "=")) else {
            let sentence = "the part \"\(String(decoding: piece, as: UTF8.self))\" is not Name=value"
            problems.append(sentence)
            partReasons.append(sentence)
            return
        }
        let key = UnsafeBufferPointer(rebasing: piece[..<eq])
        guard let index = Self.parts.firstIndex(where: { Self.equalsIgnoringASCIICase(key, $0) }) else {
            let sentence = "it has an unknown part \"\(String(decoding: key, as: UTF8.self))=\""
            problems.append(sentence)
            partReasons.append(sentence)
            return
        }
        let canonical = Self.parts[index]
        if !canonical.withUTF8Bytes({ bytesEqual(key, $0) }) {
            problems.append("\"\(String(decoding: key, as: UTF8.self))=\" must be written \"\(canonical)=\"")
        }
        if seen[index] {
            problems.append("\(canonical)= appears twice")
            partReasons.append("\(canonical)= is given twice, and which one the server reads is unknown")
        }
        seen[index] = true
        // A part given twice: the later value is the one kept.
        let value = String(decoding: UnsafeBufferPointer(rebasing: piece[(eq + 1)...]), as: UTF8.self)
        switch index {
        case 0: credential = value
        case 1: signedHeaders = value
        default: signature = value
        }
    }

    /// `bytes` without leading and trailing ASCII spaces, tabs, CR and LF (as `trimmingASCIIWhitespace`).
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return UnsafeBufferPointer(rebasing: bytes[0..<0])
        }
        return UnsafeBufferPointer(rebasing: bytes[first...last])
    }

    /// True when `bytes` spell `name` (ASCII) in any letter case.
    private static func equalsIgnoringASCIICase(_ bytes: UnsafeBufferPointer<UInt8>, _ name: String) -> Bool {
        name.withUTF8Bytes { expected in
            guard bytes.count == expected.count else { return false }
            for i in 0..<bytes.count {
                var c = bytes[i]
                if c >= 0x41 && c <= 0x5A { c |= 0x20 }
                var e = expected[i]
                if e >= 0x41 && e <= 0x5A { e |= 0x20 }
                if c != e { return false }
            }
            return true
        }
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
        guard let value = onlyAuthorization(in: request) else { return nil }
        return unreadable(value)
    }

    /// The value of the request's Authorization header when it sends exactly one, else nil.
    static func onlyAuthorization(in request: SentRequest) -> String? {
        var found: String?
        for i in request.headers.indices where request.headers[i].name.lowercasedEquals("authorization") {
            guard found == nil else { return nil }
            found = request.headers[i].value
        }
        return found
    }

    static func unreadable(_ value: String) -> String? {
        let trimmed = value.trimmingASCIIWhitespace()
        if let fields = parse(trimmed, algorithm: TC3Signer.algorithmName) { return fields.unreadable(tc3: true) }
        if let fields = parse(trimmed, algorithm: ACS3Signer.algorithmName) { return fields.unreadable(tc3: false) }
        return nil
    }

    /// Why these parts, read from a TC3 (`tc3`) or ACS3 header, cannot be read unambiguously, or nil (see `unreadable(_:)`).
    func unreadable(tc3: Bool) -> String? {
        var reasons = partReasons
        if let credential {
            let idName = tc3 ? "SecretId" : "AccessKeyId"
            let slashes = credential.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
            if tc3 && slashes != 3 {
                reasons.append("the Credential \"\(credential)\" is not SecretId/Date/service/tc3_request")
            } else {
                let id = tc3 ? String(credential[..<(credential.utf8.firstIndex(of: UInt8(ascii: "/")) ?? credential.endIndex)]) : credential
                if let bad = id.unicodeScalars.first(where: { !Self.isKeyIdCharacter($0) }) {
                    reasons.append("the \(idName) \"\(id)\" has \(Self.describe(bad)), which no \(idName) has")
                }
            }
        }
        if let signed = signedHeaders {
            let utf8 = signed.utf8
            let semicolon = UInt8(ascii: ";")
            if utf8.isEmpty || utf8.first == semicolon || utf8.last == semicolon || zip(utf8, utf8.dropFirst()).contains(where: { $0 == semicolon && $1 == semicolon }) {
                reasons.append("SignedHeaders \"\(signed)\" has an empty name (a leading, trailing or doubled ;)")
            } else if let bad = signed.unicodeScalars.first(where: { $0 != ";" && !Self.isTokenCharacter($0) }) {
                reasons.append("SignedHeaders \"\(signed)\" has \(Self.describe(bad)), which no header name has")
            }
        }
        if let signature, signature.utf8.count != 64 || !signature.utf8.allSatisfy(Self.isHexDigit) {
            reasons.append("the Signature \"\(signature)\" is not 64 hex digits")
        }
        guard !reasons.isEmpty else { return nil }
        let algorithm = tc3 ? TC3Signer.algorithmName : ACS3Signer.algorithmName
        let layout = tc3 ? "TC3-HMAC-SHA256 Credential=SecretId/Date/service/tc3_request, SignedHeaders=h1;h2, Signature=hex"
                         : "ACS3-HMAC-SHA256 Credential=AccessKeyId,SignedHeaders=h1;h2,Signature=hex"
        return "the \(algorithm) Authorization header cannot be read: " + reasons.joined(separator: "; ") + " (the layout is \"\(layout)\")"
    }

    /// A printable ASCII character other than the header's own delimiters (`,` `;` `=` `/`) and
    /// quotes: SecretIds (`AKID…`) and AccessKeyIds (`LTAI…`, `STS.…`) are letters and digits,
    /// and the documents mask them with `*`.
    static func isKeyIdCharacter(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case ",", ";", "=", "/", "\"", "'", "\\": return false
        default: return c.value > 0x20 && c.value < 0x7F
        }
    }

    /// An RFC 9110 token character (what a header name is made of).
    static func isTokenCharacter(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\"", "(", ")", ",", "/", ":", ";", "<", "=", ">", "?", "@", "[", "\\", "]", "{", "}": return false
        default: return c.value > 0x20 && c.value < 0x7F
        }
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
        let isLowerHex = signature.utf8.count == 64 && signature.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
        return isLowerHex ? nil : "the Signature must be 64 lower-case hex digits; \"\(signature)\" is not"
    }
}
