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
