import SigScope

/// The compact JSON output of a TC3 POST signature with one plan and one signer, cut where the
/// per-request values go.
///
/// A batch line's output is mostly the same from line to line: only the body and three hex
/// values (payload hash, canonical-request hash, signature) change while the plan and the
/// derived keys stay. So the output is rendered once, by `SignOutput.writeCompact` itself with
/// markers where those values go, and each line copies its pieces and fills the holes.
final class CompactTemplate {
    let showSecrets: Bool
    let stamp: SignOutput.Stamp?
    private let signer: TC3Signer
    /// The rendered output, without the body's string and what follows it.
    private let text: [UInt8]
    /// Where each hole is: the end of the text before it (in order) and which value goes there.
    private let holes: [(end: Int, value: Hole)]
    /// What follows the body's string.
    private let tail: [UInt8]
    /// `TC3Signer.canonicalRequest` with an empty payload hash (a POST has no query), and
    /// `TC3Signer.stringToSign` with an empty canonical-request hash: each stage's value is this
    /// head followed by the hash, which the specification puts last in both.
    private let canonicalHead: [UInt8]
    private let stringToSignHead: [UInt8]
    private let unsignedPayload: Bool

    enum Hole: Int, CaseIterable {
        case payloadHash, canonicalHash, signature

        /// What stands for the value while the template is rendered: DEL is written as it is in
        /// JSON (no escape), and no value sigscope renders holds one.
        var marker: String { "\u{7F}sigscope-hole-\(rawValue)\u{7F}" }

        /// How many times the value appears in the output: the payload hash as its own step and
        /// ending the canonical request, the canonical-request hash as its step and ending the
        /// string to sign, the signature as its step, in the `authorization` step, as
        /// `signature` and in the `Authorization` header.
        var occurrences: Int { self == .signature ? 4 : 2 }
    }

    /// nil when the rendering is not as expected (a marker appears other than as planned,
    /// say in a header value given on purpose), so the caller renders each request instead.
    /// - Parameter stamp: the members written after the request (`SignOutput.Stamp`): the same
    ///   on every line of the plan, whose timestamp is fixed, and TC3 has no nonce.
    init?(_ prepared: TC3Signer.Prepared, signer: TC3Signer, showSecrets: Bool, stamp: SignOutput.Stamp?) {
        self.showSecrets = showSecrets
        self.stamp = stamp
        self.signer = signer
        let method = prepared.method.rawValue
        func canonical(_ hash: String) -> String {
            TC3Signer.canonicalRequest(method: method, canonicalQuery: "", canonicalHeaders: prepared.canonicalHeaders,
                                       signedHeaders: prepared.signedHeaders, hashedPayload: hash)
        }
        func toSign(_ hash: String) -> String {
            TC3Signer.stringToSign(timestamp: prepared.timestamp, credentialScope: signer.credentialScope, hashedCanonicalRequest: hash)
        }
        let signature = Hole.signature.marker
        let computation = TC3Signer.Computation(
            hashedRequestPayload: Hole.payloadHash.marker, canonicalRequest: canonical(Hole.payloadHash.marker),
            hashedCanonicalRequest: Hole.canonicalHash.marker, stringToSign: toSign(Hole.canonicalHash.marker), signature: signature,
            authorization: TC3Signer.authorization(secretId: signer.credentials.secretId, credentialScope: signer.credentialScope,
                                                   signedHeaders: prepared.signedHeaders, signature: signature),
            signedHeaders: prepared.signedHeaders, signer: signer)
        let signed = prepared.signedRequest(computation, query: "", body: [], notes: [])
        let buffer = ByteBuffer(capacity: 4096)
        SignOutput.writeCompact(signed, showSecrets: showSecrets, stamp: stamp, into: buffer)
        let rendered = Array(buffer.bytes)
        // The empty body is written `""`, then the request closes, the stamp follows and the output closes.
        let stamped = ByteBuffer(capacity: 128)
        stamp?.write(into: stamped)
        let end = Array("\"body\":\"\"}".utf8) + Array(stamped.bytes) + [UInt8(ascii: "}")]
        guard rendered.count >= end.count, Array(rendered.suffix(end.count)) == end else { return nil }
        let bodyAt = rendered.count - end.count + "\"body\":".utf8.count
        var holes: [(end: Int, value: Hole)] = []
        var text: [UInt8] = []
        var counts = [Int](repeating: 0, count: Hole.allCases.count)
        let markers = Hole.allCases.map { Array($0.marker.utf8) }
        var i = 0
        while i < bodyAt {
            if rendered[i] == 0x7F, let hole = Hole.allCases.first(where: { rendered[i...].starts(with: markers[$0.rawValue]) }) {
                holes.append((text.count, hole))
                counts[hole.rawValue] += 1
                i += markers[hole.rawValue].count
            } else {
                text.append(rendered[i])
                i += 1
            }
        }
        guard Hole.allCases.allSatisfy({ counts[$0.rawValue] == $0.occurrences }) else { return nil }
        self.text = text
        self.holes = holes
        tail = Array(rendered[(bodyAt + 2)...])
        canonicalHead = Array(canonical("").utf8)
        stringToSignHead = Array(toSign("").utf8)
        unsignedPayload = prepared.unsignedPayload
    }

    /// Signs `body` and appends its output. The stages are `TC3Signer`'s, on bytes: the hashes
    /// are hex in a stack buffer and the canonical request and string to sign are the fixed
    /// heads plus a hash, so a line makes no String (each was an allocation).
    func write(body: UnsafeBufferPointer<UInt8>, contexts: CryptoContexts, into out: ByteBuffer) throws(SigScopeError) {
        // Three 64-digit hex values, then the longer head followed by a hash.
        let messageAt = 3 * 64
        let room = messageAt + max(canonicalHead.count, stringToSignHead.count) + 64
        let keys = signer.keys
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: room) { space throws(SigScopeError) in
            let payloadHex = UnsafeMutableBufferPointer(rebasing: space[0..<64])
            let canonicalHex = UnsafeMutableBufferPointer(rebasing: space[64..<128])
            let signatureHex = UnsafeMutableBufferPointer(rebasing: space[128..<192])
            if unsignedPayload {
                _ = payloadHex.initialize(from: TC3Signer.unsignedPayloadHash.utf8)
            } else {
                try TC3Signer.hashedRequestPayload(UnsafeRawBufferPointer(body), into: payloadHex, contexts: contexts)
            }
            let canonical = message(canonicalHead, payloadHex, in: space, at: messageAt)
            try TC3Signer.hashedCanonicalRequest(UnsafeRawBufferPointer(canonical), into: canonicalHex, contexts: contexts)
            let toSign = message(stringToSignHead, canonicalHex, in: space, at: messageAt)
            try TC3Signer.signature(UnsafeRawBufferPointer(toSign), keys: keys, into: signatureHex, contexts: contexts)
            write(payloadHash: UnsafeBufferPointer(payloadHex), canonicalHash: UnsafeBufferPointer(canonicalHex),
                  signature: UnsafeBufferPointer(signatureHex), body: body, into: out)
        }
    }

    /// `head` followed by `hash`, copied into `space` from `at`.
    private func message(_ head: [UInt8], _ hash: UnsafeMutableBufferPointer<UInt8>, in space: UnsafeMutableBufferPointer<UInt8>, at: Int) -> UnsafeBufferPointer<UInt8> {
        let end = at + head.count + hash.count
        let target = UnsafeMutableBufferPointer(rebasing: space[at..<end])
        _ = UnsafeMutableBufferPointer(rebasing: target[0..<head.count]).initialize(from: head)
        _ = UnsafeMutableBufferPointer(rebasing: target[head.count...]).initialize(from: hash)
        return UnsafeBufferPointer(target)
    }

    /// Appends the output of one request: the pieces, the values (hex: nothing to escape) and the body.
    private func write(payloadHash: UnsafeBufferPointer<UInt8>, canonicalHash: UnsafeBufferPointer<UInt8>, signature: UnsafeBufferPointer<UInt8>,
                       body: UnsafeBufferPointer<UInt8>, into out: ByteBuffer) {
        text.withUnsafeBufferPointer { text in
            var start = 0
            for hole in holes {
                out.append(UnsafeBufferPointer(rebasing: text[start..<hole.end]))
                switch hole.value {
                case .payloadHash: out.append(payloadHash)
                case .canonicalHash: out.append(canonicalHash)
                case .signature: out.append(signature)
                }
                start = hole.end
            }
            out.append(UnsafeBufferPointer(rebasing: text[start...]))
        }
        SignOutput.writeBody(body, into: out)
        out.append(tail)
    }
}
