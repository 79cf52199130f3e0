/// The parts of a TC3 `Authorization` header, read leniently so that a malformed header
/// can still be verified and its deviations reported.
///
/// Documented layout (signing.md §1.3.6):
/// `TC3-HMAC-SHA256 Credential=<SecretId>/<Date>/<service>/tc3_request, SignedHeaders=<h1;h2>, Signature=<64 hex>`.
package struct TC3Authorization: Sendable, Equatable {
    /// The header value as sent.
    package var raw: String
    /// The SecretId of the Credential.
    package var secretId: String?
    /// The credential-scope date.
    package var date: String?
    /// The credential-scope service.
    package var service: String?
    /// The scope terminator (`tc3_request`).
    package var terminator: String?
    /// SignedHeaders as written.
    package var signedHeaders: String?
    /// Signature as written.
    package var signature: String?
    /// Deviations from the documented layout, one sentence each.
    package var problems: [String]
    /// Why the parts cannot be read unambiguously (`AuthorizationFields.unreadable(_:)`), nil
    /// when they can; the verifier does not verify such a header.
    package var unreadable: String?

    /// Creates a value from its parts (mainly for tests).
    package init(raw: String, secretId: String? = nil, date: String? = nil, service: String? = nil, terminator: String? = nil,
                signedHeaders: String? = nil, signature: String? = nil, problems: [String] = [], unreadable: String? = nil) {
        self.raw = raw
        self.secretId = secretId
        self.date = date
        self.service = service
        self.terminator = terminator
        self.signedHeaders = signedHeaders
        self.signature = signature
        self.problems = problems
        self.unreadable = unreadable
    }

    /// `Date/service/terminator` as stated, nil when the Credential cannot be read.
    package var credentialScope: String? {
        guard let date, let service, let terminator else { return nil }
        return date + "/" + service + "/" + terminator
    }

    /// The stated SignedHeaders as a list.
    package var signedHeaderNames: [String]? {
        AuthorizationFields.names(signedHeaders)
    }

    /// Reads an `Authorization` value.
    package static func parse(_ value: String) -> TC3Authorization {
        var result = TC3Authorization(raw: value)
        let trimmed = value.trimmingASCIIWhitespace()
        guard let fields = AuthorizationFields.parse(trimmed, algorithm: TC3Signer.algorithmName) else {
            result.problems.append("it does not start with TC3-HMAC-SHA256")
            return result
        }
        result.problems = fields.problems
        result.unreadable = fields.unreadable(tc3: true)
        if let credential = fields.credential { result.readCredential(credential) }
        result.signedHeaders = fields.signedHeaders
        result.signature = fields.signature
        if let problem = AuthorizationFields.signedHeadersProblem(result.signedHeaders, normalize: TC3Signer.signedHeadersList) {
            result.problems.append(problem)
        }
        if let problem = AuthorizationFields.signatureProblem(result.signature) { result.problems.append(problem) }
        if result.problems.isEmpty, let id = result.secretId, let scope = result.credentialScope, let signed = result.signedHeaders, let signature = result.signature {
            let documented = TC3Signer.authorization(secretId: id, credentialScope: scope, signedHeaders: signed, signature: signature)
            if documented != trimmed {
                result.problems.append("its separators differ from the documented layout \"TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…\" (one space after the algorithm, a comma and a space between parts)")
            }
        }
        return result
    }

    private mutating func readCredential(_ value: String) {
        // The parts end at the `/` bytes; the SecretId is all before the last three (a `/` in it is a problem, not a new part).
        let slashes = value.utf8.indices.filter { value.utf8[$0] == UInt8(ascii: "/") }
        let count = slashes.count + 1
        guard count >= 4 else {
            problems.append("the Credential \"\(value)\" must be SecretId/Date/service/tc3_request")
            secretId = String(value[..<(slashes.first ?? value.endIndex)])
            return
        }
        if count > 4 {
            problems.append("the Credential \"\(value)\" has \(count) parts separated by /, not 4 (SecretId/Date/service/tc3_request)")
        }
        let dateSlash = slashes[count - 4], serviceSlash = slashes[count - 3], terminatorSlash = slashes[count - 2]
        secretId = String(value[..<dateSlash])
        date = String(value[value.utf8.index(after: dateSlash)..<serviceSlash])
        service = String(value[value.utf8.index(after: serviceSlash)..<terminatorSlash])
        terminator = String(value[value.utf8.index(after: terminatorSlash)...])
        if terminator != "tc3_request" {
            problems.append("the Credential must end with /tc3_request, not /\(terminator ?? "")")
        }
    }
}
