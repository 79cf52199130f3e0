/// Lowercase hexadecimal, as every signature stage that prints bytes uses.
package enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lowercase hex of `bytes`.
    package static func encode<B: Sequence>(_ bytes: B) -> String where B.Element == UInt8 {
        if let text = bytes.withContiguousStorageIfAvailable({ encode(UnsafeRawBufferPointer($0)) }) { return text }
        return Array(bytes).withUnsafeBytes { encode($0) }
    }

    /// Lowercase hex of raw bytes, written straight into the new string's storage.
    static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            encode(bytes, into: out)
            return bytes.count * 2
        }
    }

    /// Lowercase hex of raw bytes into the first `2 * bytes.count` bytes of `out` (as many bytes
    /// as it has room for).
    static func encode(_ bytes: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) {
        let count = min(bytes.count, out.count / 2)
        digits.withUnsafeBufferPointer { digits in
            for i in 0..<count {
                out[2 * i] = digits[Int(bytes[i] >> 4)]
                out[2 * i + 1] = digits[Int(bytes[i] & 0x0F)]
            }
        }
    }

    /// Bytes of a hex string (either case); nil if it is not hex of even length.
    package static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var index = 0
        while index < chars.count {
            guard let high = value(chars[index]), let low = value(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// Standard Base64 with padding (RFC 4648 section 4), as both providers' v1/v2 signatures use.
///
/// Written here rather than taken from Foundation: the codec is a few lines, and not linking
/// Foundation keeps it out of every command's start-up.
package enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Base64 text of `bytes`.
    package static func encode(_ bytes: [UInt8]) -> String {
        let length = (bytes.count + 2) / 3 * 4
        return String(unsafeUninitializedCapacity: length) { out in
            alphabet.withUnsafeBufferPointer { alphabet in
                var o = 0
                var i = 0
                while i + 3 <= bytes.count {
                    let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                    out[o] = alphabet[Int(n >> 18 & 63)]
                    out[o + 1] = alphabet[Int(n >> 12 & 63)]
                    out[o + 2] = alphabet[Int(n >> 6 & 63)]
                    out[o + 3] = alphabet[Int(n & 63)]
                    i += 3
                    o += 4
                }
                let rest = bytes.count - i
                if rest > 0 {
                    let n = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
                    out[o] = alphabet[Int(n >> 18 & 63)]
                    out[o + 1] = alphabet[Int(n >> 12 & 63)]
                    out[o + 2] = rest == 2 ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "=")
                    out[o + 3] = UInt8(ascii: "=")
                }
            }
            return length
        }
    }

    /// Bytes of Base64 text (standard alphabet, padded; whitespace such as line breaks
    /// ignored); nil if it is not Base64.
    package static func decode(_ text: String) -> [UInt8]? {
        let compact = text.filter { !$0.isWhitespace }.utf8
        guard compact.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(compact.count / 4 * 3)
        var quad: UInt32 = 0
        var filled = 0
        var padding = 0
        for c in compact {
            let v: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): v = 62
            case UInt8(ascii: "/"): v = 63
            case UInt8(ascii: "="):
                padding += 1
                v = 0
            default: return nil
            }
            // Padding may only end the text, at most two characters of it.
            if c != UInt8(ascii: "="), padding > 0 { return nil }
            quad = quad << 6 | v
            filled += 1
            if filled == 4 {
                out.append(UInt8(quad >> 16 & 0xFF))
                out.append(UInt8(quad >> 8 & 0xFF))
                out.append(UInt8(quad & 0xFF))
                quad = 0
                filled = 0
            }
        }
        guard padding <= 2 else { return nil }
        out.removeLast(padding)
        return out
    }
}
