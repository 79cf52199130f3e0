/// Compares the string-to-sign Alibaba echoes in a `SignatureDoesNotMatch` /
/// `IncompleteSignature` error with the one recomputed from the request (and with the one
/// the client signed, when the mistake search reproduced it).
///
/// signing.md §2.7/§4.2: equal strings mean the canonicalization is right and the secret is
/// wrong; different strings locate the canonicalization bug. An RPC string-to-sign is
/// `METHOD&%2F&percentEncode(CanonicalizedQueryString)`, so it is compared parameter by
/// parameter after undoing the outer encoding.
package enum ServerStringToSign {
    /// One parameter that differs between two RPC strings-to-sign (values as in the canonicalized
    /// query string, encoded once); nil on a side means the parameter is absent there.
    package struct ParameterDifference: Sendable, Equatable {
        /// The parameter name (as canonicalized).
        package var name: String
        /// The value in the server's string-to-sign.
        package var server: String?
        /// The value in the other string-to-sign.
        package var other: String?
    }

    /// The index (in characters) of the first difference, nil when equal.
    package static func firstDifference(_ a: String, _ b: String) -> Int? {
        let x = Array(a), y = Array(b)
        for i in 0..<min(x.count, y.count) where x[i] != y[i] { return i }
        return x.count == y.count ? nil : min(x.count, y.count)
    }

    /// The method and canonicalized-query pairs of an RPC string-to-sign, nil when it is not one.
    package static func rpcParts(_ stringToSign: String) -> (method: String, pairs: [(name: String, value: String)])? {
        let pieces = stringToSign.split(separator: "&", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard pieces.count == 3, let canonical = FormCodec.percentDecode(pieces[2]) else { return nil }
        let pairs = canonical.split(separator: "&", omittingEmptySubsequences: true).map { part -> (name: String, value: String) in
            guard let eq = part.firstIndex(of: "=") else { return (String(part), "") }
            return (String(part[..<eq]), String(part[part.index(after: eq)...]))
        }
        return (pieces[0], pairs)
    }

    /// The parameters whose encoded values differ between two RPC strings-to-sign, in the server's order.
    package static func parameterDifferences(server: String, other: String) -> [ParameterDifference] {
        guard let s = rpcParts(server), let o = rpcParts(other) else { return [] }
        var out: [ParameterDifference] = []
        for pair in s.pairs {
            let mine = o.pairs.first { $0.name == pair.name }?.value
            if mine != pair.value { out.append(ParameterDifference(name: pair.name, server: pair.value, other: mine)) }
        }
        for pair in o.pairs where !s.pairs.contains(where: { $0.name == pair.name }) {
            out.append(ParameterDifference(name: pair.name, server: nil, other: pair.value))
        }
        return out
    }

    /// The findings for a server string-to-sign.
    /// - Parameters:
    ///   - server: the string-to-sign the server reported.
    ///   - computed: the one recomputed from the request as captured.
    ///   - client: the one the client signed, when a reproduced mistake tells it.
    ///   - signatureRight: whether the provided signature equals the recomputed one.
    ///   - keyId: the request's AccessKeyId, for the message.
    static func findings(server: String, computed: String, client: String?, signatureRight: Bool, keyId: String?) -> [VerifyFinding] {
        var out: [VerifyFinding] = []
        if server == computed {
            if let client, client != server {
                out.append(VerifyFinding(.serverStringToSignDiffers, .error, "The server's string-to-sign equals the one recomputed from the request, but the client signed another: " + describe(server: server, other: client, otherName: "you signed"), reproducesSignature: true))
            } else if signatureRight {
                out.append(Verification.serverHoldsAnotherSecret(code: "with an error quoting exactly this string-to-sign", keyId: keyId, label: "AccessKeyId"))
            } else {
                out.append(VerifyFinding(.wrongSecretLikely, .error, "The server's string-to-sign is exactly the one recomputed from this request, so the canonicalization is right and only the key can differ: the AccessKeySecret is wrong (this is the check the SDKs turn into InvalidAccessKeySecret). Fix: use the current secret of AccessKeyId \(keyId ?? "?")."))
            }
            return out
        }
        var message = "The server's string-to-sign differs from the one recomputed from the request as captured: " + describe(server: server, other: computed, otherName: "the capture gives")
        message += " The server canonicalized other bytes than the capture shows: something between the client and the server (a proxy, the HTTP library) changed the request after it was captured, or the capture was edited."
        if let client, client != server {
            message += " Against what the client signed: " + describe(server: server, other: client, otherName: "you signed")
        }
        out.append(VerifyFinding(.serverStringToSignDiffers, .error, message))
        return out
    }

    /// "first difference at character N (…); `Tag.1.Value`: server saw `a%20b`, you signed `a%2Bb`; …".
    static func describe(server: String, other: String, otherName: String) -> String {
        var parts: [String] = []
        if let index = firstDifference(server, other) {
            let s = Array(server), o = Array(other)
            let start = max(0, index - 20)
            let serverContext = String(s[start..<min(s.count, index + 20)])
            let otherContext = String(o[min(start, o.count)..<min(o.count, index + 20)])
            parts.append("the first difference is at character \(index + 1) (server …\(serverContext)…, \(otherName) …\(otherContext)…)")
        }
        if let s = rpcParts(server), let o = rpcParts(other), s.method != o.method {
            parts.append("method: server saw \(s.method), \(otherName) \(o.method)")
        }
        for difference in parameterDifferences(server: server, other: other).prefix(10) {
            let serverValue = difference.server.map { "`\($0)`" } ?? "nothing"
            let otherValue = difference.other.map { "`\($0)`" } ?? "nothing"
            parts.append("`\(difference.name)`: server saw \(serverValue), \(otherName) \(otherValue)")
        }
        return parts.joined(separator: "; ") + "."
    }
}
