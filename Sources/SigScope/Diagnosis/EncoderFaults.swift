/// The percent-encoding mistakes clients make, each a knob of `PercentEncoder`. A client's
/// encoder may have several at once (Java's `URLEncoder` without the documented fix-ups writes
/// a space as `+`, keeps `*` and encodes `~`), so the search tries every combination of the
/// faults that make a difference for the request at hand, as one faulty encoder used wherever
/// the algorithm percent-encodes.
enum EncoderFaults {
    struct Fault: Sendable {
        var code: VerifyFinding.Code
        var summary: String
        /// What the faulty encoder does and what it should do, e.g. "writes a space as + instead of %20".
        var behaviour: String
        var origin: String
        var apply: @Sendable (inout PercentEncoder) -> Void
    }

    static let all: [Fault] = [
        Fault(code: .spaceEncodedAsPlus, summary: "space encoded as +", behaviour: "writes a space as \"+\" instead of \"%20\"",
              origin: "Java URLEncoder, Go url.QueryEscape, Python quote_plus/urlencode", apply: { $0.spaceAsPlus = true }),
        Fault(code: .starNotEncoded, summary: "* not encoded", behaviour: "leaves \"*\" as it is instead of \"%2A\"",
              origin: "Java URLEncoder, JavaScript encodeURIComponent", apply: { $0.encodeStar = false }),
        Fault(code: .tildeEncoded, summary: "~ encoded", behaviour: "encodes \"~\" as \"%7E\" instead of keeping it",
              origin: "Java URLEncoder, old Python quote", apply: { $0.encodeTilde = true }),
        Fault(code: .reservedNotEncoded, summary: "!'() not encoded", behaviour: "leaves \"!\", \"'\", \"(\" and \")\" unencoded instead of \"%21\", \"%27\", \"%28\", \"%29\"",
              origin: "JavaScript encodeURIComponent", apply: { $0.encodeSubDelims = false }),
        Fault(code: .lowercasePercentHex, summary: "lowercase percent hex", behaviour: "writes percent-escapes with lowercase hex digits (\"%3a\") instead of uppercase (\"%3A\")",
              origin: "hand-written encoders using %x", apply: { $0.uppercaseHex = false }),
    ]

    /// The faults that change the encoding of at least one of `texts`.
    static func relevant(to texts: [String]) -> [Fault] {
        all.filter { fault in
            var encoder = PercentEncoder.rfc3986
            fault.apply(&encoder)
            return texts.contains { encoder.encode($0) != PercentEncoder.rfc3986.encode($0) }
        }
    }

    /// Every non-empty combination of `faults`, as the encoder it makes and its faults.
    static func combinations(of faults: [Fault]) -> [(encoder: PercentEncoder, faults: [Fault])] {
        var out: [(PercentEncoder, [Fault])] = []
        let count = faults.count
        guard count > 0 else { return [] }
        for mask in 1..<(1 << count) {
            var encoder = PercentEncoder.rfc3986
            var chosen: [Fault] = []
            for (i, fault) in faults.enumerated() where mask & (1 << i) != 0 {
                fault.apply(&encoder)
                chosen.append(fault)
            }
            out.append((encoder, chosen))
        }
        return out
    }

    /// The first parameter whose encoding the fault changes: "`Tag.1.Value`: the faulty encoder gives `prod+stage`, RFC 3986 `prod%20stage`".
    static func example(_ fault: Fault, pairs: [(name: String, value: String)]) -> String? {
        var encoder = PercentEncoder.rfc3986
        fault.apply(&encoder)
        for pair in pairs {
            let right = PercentEncoder.rfc3986.encode(pair.name) + "=" + PercentEncoder.rfc3986.encode(pair.value)
            let wrong = encoder.encode(pair.name) + "=" + encoder.encode(pair.value)
            if right != wrong {
                return "`\(pair.name)`: the faulty encoder gives `\(wrong)`, RFC 3986 gives `\(right)`"
            }
        }
        return nil
    }

    /// The findings for a faulty encoder that reproduces the signature.
    static func findings(for faults: [Fault], pairs: [(name: String, value: String)], algorithm: String) -> [VerifyFinding] {
        let together = faults.count > 1 ? " The client's encoder has all of these faults at once: " + faults.map(\.summary).joined(separator: ", ") + "." : ""
        return faults.map { fault in
            let example = self.example(fault, pairs: pairs).map { " For example \($0)." } ?? ""
            return VerifyFinding(fault.code, .error, "The provided signature is reproduced exactly by a percent-encoder that \(fault.behaviour) (as \(fault.origin) do), used wherever \(algorithm) percent-encodes.\(example)\(together) Fix: percent-encode with RFC 3986 — A-Z a-z 0-9 - _ . ~ kept, every other byte %XY in uppercase hex (Java: URLEncoder.encode(v, \"UTF-8\").replace(\"+\", \"%20\").replace(\"*\", \"%2A\").replace(\"%7E\", \"~\")).")
        }
    }
}
