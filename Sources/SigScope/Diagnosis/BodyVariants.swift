/// Other serializations of the same JSON body, as the common libraries produce them:
/// compact (Go, JavaScript), Python's `json.dumps` default (`", "` and `": "`, `\u` escapes),
/// indented, sorted keys, escaped slashes (PHP); plus the body with or without a final newline.
enum BodyVariants {
    struct Alternative {
        var bytes: [UInt8]
        var description: String
    }

    /// Every distinct re-serialization of `body` other than `body` itself; empty when the body is not JSON.
    /// Bodies larger than this are not re-serialized (each variant is hashed many times in the search).
    static let maxBodyBytes = 1 << 20

    static func alternatives(for body: [UInt8]) -> [Alternative] {
        guard !body.isEmpty, body.count <= maxBodyBytes else { return [] }
        var out: [Alternative] = []
        var seen: Set<[UInt8]> = [body]
        if let value = try? JSONParser.parse(body, limits: .request) {
            let traits = Traits(value)
            for writer in writers {
                let bytes = writer.bytes(value)
                if seen.insert(bytes).inserted {
                    out.append(Alternative(bytes: bytes, description: describe(writer, traits)))
                }
            }
        }
        if body.last == 0x0A {
            var trimmed = body
            trimmed.removeLast()
            if trimmed.last == 0x0D { trimmed.removeLast() }
            if seen.insert(trimmed).inserted { out.append(Alternative(bytes: trimmed, description: "the same bytes without the final newline")) }
        } else {
            let extended = body + [0x0A]
            if seen.insert(extended).inserted { out.append(Alternative(bytes: extended, description: "the same bytes plus a final newline")) }
        }
        return out
    }

    /// The writer that produces `body` exactly, described, else "as sent".
    static func describe(_ body: [UInt8]) -> String {
        if body.count <= maxBodyBytes, let value = try? JSONParser.parse(body, limits: .request), let writer = writers.first(where: { $0.bytes(value) == body }) {
            return describe(writer, Traits(value))
        }
        return "formatted as sent"
    }

    static let writers: [JSONWriter] = {
        var list: [JSONWriter] = []
        for spacing in [JSONWriter.Spacing.compact, .python, .pretty(indent: 2), .pretty(indent: 4)] {
            for escapeNonASCII in [false, true] {
                for sortKeys in [false, true] {
                    for escapeSlash in [false, true] {
                        list.append(JSONWriter(spacing: spacing, escapeNonASCII: escapeNonASCII, sortKeys: sortKeys, escapeSlash: escapeSlash))
                    }
                }
            }
        }
        return list
    }()

    /// What in a value a serialization choice can show: non-ASCII text, slashes, objects with several keys.
    struct Traits {
        var nonASCII: Bool
        var slash: Bool
        var multiKey: Bool

        init(_ value: JSONValue) {
            let compact = JSONWriter.compact
            nonASCII = compact.bytes(value) != JSONWriter(escapeNonASCII: true).bytes(value)
            slash = compact.bytes(value) != JSONWriter(escapeSlash: true).bytes(value)
            multiKey = compact.bytes(value) != JSONWriter(sortKeys: true).bytes(value)
        }
    }

    static func describe(_ writer: JSONWriter, _ traits: Traits) -> String {
        var parts: [String] = []
        switch writer.spacing {
        case .compact: parts.append("compact JSON (no spaces)")
        case .python: parts.append("Python json.dumps-style JSON (\", \" and \": \" separators)")
        case .pretty(let indent): parts.append("JSON indented by \(indent) spaces")
        }
        if traits.nonASCII { parts.append(writer.escapeNonASCII ? "non-ASCII as \\u escapes" : "non-ASCII as UTF-8") }
        if traits.multiKey && writer.sortKeys { parts.append("keys sorted") }
        if traits.slash && writer.escapeSlash { parts.append("\"/\" escaped as \"\\/\"") }
        return parts.joined(separator: ", ")
    }
}
