/// A percent-encoding function, configurable so that the common client mistakes can be
/// reproduced exactly by the same code that does it right.
///
/// The default is RFC 3986 as both providers specify it: unreserved `A-Z a-z 0-9 - _ . ~`
/// kept, everything else `%XY` in uppercase hex, byte by byte over UTF-8.
package struct PercentEncoder: Sendable, Equatable, Hashable {
    /// Encode space as `+` (HTML forms, Java `URLEncoder`, Go `url.QueryEscape`) instead of `%20`.
    package var spaceAsPlus: Bool = false
    /// Encode `*` as `%2A` (RFC 3986). False reproduces Java `URLEncoder` and JavaScript.
    package var encodeStar: Bool = true
    /// Encode `~` as `%7E`. RFC 3986 keeps it; Java `URLEncoder` and old Python encode it.
    package var encodeTilde: Bool = false
    /// Encode `!`, `'`, `(` and `)`. RFC 3986 does; JavaScript `encodeURIComponent` does not.
    package var encodeSubDelims: Bool = true
    /// Uppercase hex digits (`%2F`) as specified; false gives `%2f`.
    package var uppercaseHex: Bool = true

    package init(spaceAsPlus: Bool = false, encodeStar: Bool = true, encodeTilde: Bool = false, encodeSubDelims: Bool = true, uppercaseHex: Bool = true) {
        self.spaceAsPlus = spaceAsPlus
        self.encodeStar = encodeStar
        self.encodeTilde = encodeTilde
        self.encodeSubDelims = encodeSubDelims
        self.uppercaseHex = uppercaseHex
    }

    /// RFC 3986, as Alibaba's `percentEncode` and Tencent's v1/TC3 documents specify.
    package static let rfc3986 = PercentEncoder()

    private static let upper: [UInt8] = Array("0123456789ABCDEF".utf8)
    private static let lower: [UInt8] = Array("0123456789abcdef".utf8)

    /// Encodes `text`'s UTF-8 bytes.
    package func encode(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the encoding of `text` to `out` (no intermediate String).
    package func append(_ text: String, to out: inout [UInt8]) {
        append(bytes: text.utf8, to: &out)
    }

    /// Appends the encoding of raw `bytes` (already UTF-8) to `out`; used for a second
    /// encoding pass over an already-encoded buffer without building a String in between.
    package func append<Bytes: Sequence>(bytes: Bytes, to out: inout [UInt8]) where Bytes.Element == UInt8 {
        // Contiguous bytes (a native string, an array) go through the run-copying loop below.
        if bytes.withContiguousStorageIfAvailable({ appendContiguous($0, to: &out) }) != nil { return }
        appendEach(bytes, to: &out)
    }

    /// Copies each run of bytes that are kept in one append, escaping the bytes between runs.
    private func appendContiguous(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let digits = uppercaseHex ? Self.upper : Self.lower
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if keeps(byte) { continue }
            if index > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            runStart = index + 1
            if byte == 0x20 && spaceAsPlus {
                out.append(UInt8(ascii: "+"))
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            }
        }
        if bytes.count > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
    }

    private func appendEach<Bytes: Sequence>(_ bytes: Bytes, to out: inout [UInt8]) where Bytes.Element == UInt8 {
        let digits = uppercaseHex ? Self.upper : Self.lower
        for byte in bytes {
            if keeps(byte) {
                out.append(byte)
            } else if byte == 0x20 && spaceAsPlus {
                out.append(UInt8(ascii: "+"))
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            }
        }
    }

    @inline(__always)
    private func keeps(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        case UInt8(ascii: "~"): return !encodeTilde
        case UInt8(ascii: "*"): return !encodeStar
        case UInt8(ascii: "!"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"): return !encodeSubDelims
        default: return false
        }
    }
}

/// Percent-decoding and `application/x-www-form-urlencoded` / query-string codecs.
package enum FormCodec {
    /// Decodes `%XY` sequences (and `+` as space when `plusAsSpace`); nil when an escape is
    /// malformed or the result is not UTF-8.
    package static func percentDecode(_ text: String, plusAsSpace: Bool = false) -> String? {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let high = Hex.value(bytes[i + 1]), let low = Hex.value(bytes[i + 2]) else { return nil }
                out.append(high << 4 | low)
                i += 3
            } else if c == UInt8(ascii: "+") && plusAsSpace {
                out.append(0x20)
                i += 1
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    /// `name=value&...` from pairs, each side encoded with `encoder`, in the given order.
    package static func encode(_ pairs: [(name: String, value: String)], encoder: PercentEncoder = .rfc3986) -> String {
        var out: [UInt8] = []
        for (i, pair) in pairs.enumerated() {
            if i > 0 { out.append(UInt8(ascii: "&")) }
            encoder.append(pair.name, to: &out)
            out.append(UInt8(ascii: "="))
            encoder.append(pair.value, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Splits `a=1&b=2` into decoded pairs; a pair without `=` has an empty value; a pair
    /// whose escapes are malformed keeps its raw text.
    package static func decode(_ text: String, plusAsSpace: Bool = false) -> [(name: String, value: String)] {
        guard !text.isEmpty else { return [] }
        return text.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let piece = String(part)
            if let eq = piece.firstIndex(of: "=") {
                let rawName = String(piece[..<eq])
                let rawValue = String(piece[piece.index(after: eq)...])
                return (percentDecode(rawName, plusAsSpace: plusAsSpace) ?? rawName, percentDecode(rawValue, plusAsSpace: plusAsSpace) ?? rawValue)
            }
            return (percentDecode(piece, plusAsSpace: plusAsSpace) ?? piece, "")
        }
    }

    /// Splits `a=1&b=2` into decoded pairs like `decode`, but returns nil instead of keeping raw
    /// text when an escape is malformed or a decoded name or value is not UTF-8.
    package static func strictDecode(_ text: String, plusAsSpace: Bool = false) -> [(name: String, value: String)]? {
        guard !text.isEmpty else { return [] }
        var pairs: [(name: String, value: String)] = []
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let piece = String(part)
            let rawName: String
            let rawValue: String
            if let eq = piece.firstIndex(of: "=") {
                rawName = String(piece[..<eq])
                rawValue = String(piece[piece.index(after: eq)...])
            } else {
                rawName = piece
                rawValue = ""
            }
            guard let name = percentDecode(rawName, plusAsSpace: plusAsSpace),
                  let value = percentDecode(rawValue, plusAsSpace: plusAsSpace) else { return nil }
            pairs.append((name, value))
        }
        return pairs
    }

    /// The canonical query form shared by Alibaba RPC and ACS3: each name and value encoded with
    /// `encoder`, the pairs sorted by encoded name (then encoded value) in byte order, joined as
    /// `name=value` with `&`. Works on bytes throughout: every pair is encoded once into one
    /// scratch buffer, the pairs are sorted as ranges of it, and the result is one more buffer.
    package static func canonicalQuery(_ pairs: [(name: String, value: String)], encoder: PercentEncoder) -> [UInt8] {
        var scratch: [UInt8] = []
        scratch.reserveCapacity(pairs.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count } * 2)
        var ranges: [(name: Range<Int>, value: Range<Int>)] = []
        ranges.reserveCapacity(pairs.count)
        for pair in pairs {
            let nameStart = scratch.count
            encoder.append(pair.name, to: &scratch)
            let valueStart = scratch.count
            encoder.append(pair.value, to: &scratch)
            ranges.append((nameStart..<valueStart, valueStart..<scratch.count))
        }
        ranges.sort { a, b in
            let nameA = scratch[a.name], nameB = scratch[b.name]
            if !nameA.elementsEqual(nameB) { return nameA.lexicographicallyPrecedes(nameB) }
            return scratch[a.value].lexicographicallyPrecedes(scratch[b.value])
        }
        var out: [UInt8] = []
        out.reserveCapacity(scratch.count + ranges.count * 2)
        for (i, range) in ranges.enumerated() {
            if i > 0 { out.append(UInt8(ascii: "&")) }
            out.append(contentsOf: scratch[range.name])
            out.append(UInt8(ascii: "="))
            out.append(contentsOf: scratch[range.value])
        }
        return out
    }

    /// Sorts pairs by name in byte order (then by value), as the canonical forms require.
    package static func sorted(_ pairs: [(name: String, value: String)]) -> [(name: String, value: String)] {
        pairs.sorted { a, b in
            if a.name != b.name { return a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
            return a.value.utf8.lexicographicallyPrecedes(b.value.utf8)
        }
    }
}
