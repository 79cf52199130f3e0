/// Strict parsing of IP address text, as the format rules need it (no Foundation, no libc).
package enum IPAddressText {
    /// The four bytes of a dotted-quad IPv4 address, or nil.
    ///
    /// Exactly four decimal numbers 0-255 separated by dots; a leading zero (`010`) is
    /// refused because parsers disagree on whether it is octal.
    package static func ipv4(_ text: String) -> [UInt8]? {
        guard let value = ipv4Value(text) else { return nil }
        return [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
                UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    /// The same address as one big-endian number, or nil: the format check asks only whether
    /// the text is an address, and this answers without allocating the four bytes.
    package static func ipv4Value(_ text: String) -> UInt32? {
        // Read on the UTF-8 bytes in one pass: an address is ASCII digits and dots only.
        var address: UInt32 = 0
        var dots = 0
        var value: UInt32 = 0
        var digits = 0
        var leadingZero = false
        for c in text.utf8 {
            if c == UInt8(ascii: ".") {
                guard digits > 0, dots < 3 else { return nil }
                address = address << 8 | value
                dots += 1
                value = 0
                digits = 0
            } else if c >= 0x30 && c <= 0x39 {
                if digits == 0 { leadingZero = c == 0x30 } else if leadingZero { return nil }
                digits += 1
                value = value * 10 + UInt32(c - 0x30)
                guard digits <= 3, value <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, dots == 3 else { return nil }
        return address << 8 | value
    }

    /// The sixteen bytes of an IPv6 address in RFC 4291 section 2.2 text form, or nil.
    ///
    /// Accepts one `::`, one to four hex digits per group and a dotted-quad IPv4 tail in
    /// the last 32 bits; refuses zone identifiers (`%eth0`) and brackets.
    package static func ipv6(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.isASCII }) else { return nil }
        let doubleColons = text.ranges(of: "::")
        guard doubleColons.count <= 1 else { return nil }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        if let range = doubleColons.first {
            guard let h = groups(String(text[..<range.lowerBound]), allowIPv4Tail: false),
                  let t = groups(String(text[range.upperBound...]), allowIPv4Tail: true) else { return nil }
            head = h
            tail = t
            guard head.count + tail.count <= 7 else { return nil }
        } else {
            guard let all = groups(text, allowIPv4Tail: true), all.count == 8 else { return nil }
            head = all
        }
        let words = head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        var bytes: [UInt8] = []
        for word in words {
            bytes.append(UInt8(word >> 8))
            bytes.append(UInt8(word & 0xFF))
        }
        return bytes
    }

    /// Colon-separated hex groups (empty text: none); a final dotted quad counts as two groups.
    private static func groups(_ text: String, allowIPv4Tail: Bool) -> [UInt16]? {
        if text.isEmpty { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var words: [UInt16] = []
        for (i, part) in parts.enumerated() {
            if i == parts.count - 1, allowIPv4Tail, part.contains(".") {
                guard let v4 = ipv4(String(part)) else { return nil }
                words.append(UInt16(v4[0]) << 8 | UInt16(v4[1]))
                words.append(UInt16(v4[2]) << 8 | UInt16(v4[3]))
                continue
            }
            guard !part.isEmpty, part.count <= 4, let word = UInt16(part, radix: 16) else { return nil }
            words.append(word)
        }
        return words
    }

    /// A prefix `address/length`: the address and the length, or nil when either is malformed.
    package static func cidr(_ text: String, v6: Bool) -> (address: [UInt8], length: Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].count <= 3,
              parts[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              !(parts[1].count > 1 && parts[1].first == "0"),
              let length = Int(parts[1]) else { return nil }
        guard let address = v6 ? ipv6(String(parts[0])) : ipv4(String(parts[0])), length <= address.count * 8 else { return nil }
        return (address, length)
    }

    /// A canonical text for comparing addresses: IPv4 and IPv6 addresses by their bytes, other text unchanged.
    package static func canonical(_ text: String) -> String {
        if let v4 = ipv4(text) { return v4.map(String.init).joined(separator: ".") }
        if let v6 = ipv6(text) { return "v6:" + v6.map { String($0, radix: 16) }.joined(separator: ".") }
        return text
    }
}
