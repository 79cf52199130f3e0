/// Serializes `JSONValue`s to UTF-8 text.
public struct JSONWriter: Sendable {
    /// Spacing between tokens.
    public enum Spacing: Sendable, Equatable {
        /// `{"a":1,"b":[1,2]}` — what Go's encoder and JavaScript's `JSON.stringify` produce.
        case compact
        /// `{"a": 1, "b": [1, 2]}` — Python's `json.dumps` default.
        case python
        /// Indented by this many spaces, one member per line.
        case pretty(indent: Int)
    }

    public var spacing: Spacing
    /// Escape every non-ASCII character as `\uXXXX` (Python's default `ensure_ascii=True`).
    public var escapeNonASCII: Bool
    /// Sort object members by key (byte order) instead of keeping their order.
    public var sortKeys: Bool
    /// Escape `/` as `\/` (PHP's default).
    public var escapeSlash: Bool

    public init(spacing: Spacing = .compact, escapeNonASCII: Bool = false, sortKeys: Bool = false, escapeSlash: Bool = false) {
        self.spacing = spacing
        self.escapeNonASCII = escapeNonASCII
        self.sortKeys = sortKeys
        self.escapeSlash = escapeSlash
    }

    /// The compact form sigscope sends as a TC3 request body when none is given.
    public static let compact = JSONWriter()
    /// Two-space indented output for people.
    public static let pretty = JSONWriter(spacing: .pretty(indent: 2))

    /// The UTF-8 bytes of `value`.
    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out, level: 0)
        return out
    }

    /// The text of `value`.
    public func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    private func write(_ value: JSONValue, into out: inout [UInt8], level: Int) {
        switch value {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
        case .number(let n): out.append(contentsOf: Array(n.utf8))
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { separator(into: &out) }
                newline(into: &out, level: level + 1)
                write(element, into: &out, level: level + 1)
            }
            if !elements.isEmpty { newline(into: &out, level: level) }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            var members = object.members
            if sortKeys { members.sort { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) } }
            for (i, member) in members.enumerated() {
                if i > 0 { separator(into: &out) }
                newline(into: &out, level: level + 1)
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if spacing != .compact { out.append(0x20) }
                write(member.value, into: &out, level: level + 1)
            }
            if !members.isEmpty { newline(into: &out, level: level) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private func separator(into out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        if spacing == .python { out.append(0x20) }
    }

    private func newline(into out: inout [UInt8], level: Int) {
        guard case .pretty(let indent) = spacing else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent * level))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        if escapeNonASCII && !s.utf8.allSatisfy({ $0 < 0x80 }) {
            for unit in s.utf16 {
                if unit < 0x80 {
                    appendEscaped(UInt8(unit), into: &out)
                } else {
                    appendUnicodeEscape(unit, into: &out)
                }
            }
        } else {
            // Copy runs of bytes that need no escape in one append each; most strings are a single run.
            var text = s
            text.withUTF8 { bytes in
                var runStart = 0
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    if byte < 0x20 || byte == 0x22 || byte == 0x5C || (byte == 0x2F && escapeSlash) {
                        if index > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                        appendEscaped(byte, into: &out)
                        runStart = index + 1
                    }
                }
                if bytes.count > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
            }
        }
        out.append(0x22)
    }

    private func appendEscaped(_ byte: UInt8, into out: inout [UInt8]) {
        switch byte {
        case 0x22: out.append(0x5C); out.append(0x22)
        case 0x5C: out.append(0x5C); out.append(0x5C)
        case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
        case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
        case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
        case 0x2F where escapeSlash: out.append(0x5C); out.append(0x2F)
        case 0x00..<0x20: appendUnicodeEscape(UInt16(byte), into: &out)
        default: out.append(byte)
        }
    }

    private func appendUnicodeEscape(_ unit: UInt16, into out: inout [UInt8]) {
        out.append(0x5C); out.append(UInt8(ascii: "u"))
        out.append(Self.hexDigits[Int(unit >> 12 & 0xF)])
        out.append(Self.hexDigits[Int(unit >> 8 & 0xF)])
        out.append(Self.hexDigits[Int(unit >> 4 & 0xF)])
        out.append(Self.hexDigits[Int(unit & 0xF)])
    }
}
