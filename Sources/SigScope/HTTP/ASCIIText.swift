/// Byte-level text helpers for the hot paths of signing: header names, header values and
/// hosts are ASCII nearly always, and checking bytes avoids `Character` iteration and a new
/// string for every comparison. Each helper gives exactly the result of its plain-String form.
extension String {
    /// The string without leading and trailing ASCII spaces, tabs, CR and LF.
    func trimmingASCIIWhitespace() -> String {
        // These four scalars are single bytes in UTF-8, so the ends are found on the bytes.
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        // Most values have nothing to trim: two byte checks and the string itself, no copy.
        let untouched: Bool = withUTF8Bytes { bytes in
            guard let first = bytes.first, let last = bytes.last else { return true }
            return !isSpace(first) && !isSpace(last)
        }
        if untouched { return self }
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
              let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(unicodeScalars[first...last])
    }

    /// `lowercased()`, without building a new string when there is nothing to lower.
    func fastLowercased() -> String {
        let unchanged: Bool = withUTF8Bytes { bytes in
            for byte in bytes where byte >= 0x80 || (byte >= 0x41 && byte <= 0x5A) { return false }
            return true
        }
        return unchanged ? self : lowercased()
    }

    /// `lowercased() == lowercaseName`, compared byte by byte when the string is ASCII.
    func lowercasedEquals(_ lowercaseName: String) -> Bool {
        let result: Bool? = withUTF8Bytes { x in
            lowercaseName.withUTF8Bytes { y -> Bool? in
                guard x.count == y.count else { return allASCII(x) ? false : nil }
                for i in 0..<x.count {
                    var c = x[i]
                    if c >= 0x80 { return nil }
                    if c >= 0x41 && c <= 0x5A { c |= 0x20 }
                    if c != y[i] { return false }
                }
                return true
            }
        }
        return result ?? (lowercased() == lowercaseName)
    }

    /// `lowercased() == other.lowercased()` (header names compared as HTTP compares them),
    /// byte by byte with ASCII letters folded when both are ASCII: no new strings.
    func equalsIgnoringCase(_ other: String) -> Bool {
        let result: Bool? = withUTF8Bytes { x in
            other.withUTF8Bytes { y -> Bool? in
                guard x.count == y.count else { return allASCII(x) && allASCII(y) ? false : nil }
                for i in 0..<x.count {
                    var a = x[i], b = y[i]
                    if a >= 0x80 || b >= 0x80 { return nil }
                    if a >= 0x41 && a <= 0x5A { a |= 0x20 }
                    if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                    if a != b { return false }
                }
                return true
            }
        }
        return result ?? (lowercased() == other.lowercased())
    }
}

/// Builds a string from pieces in one byte buffer: each `+` or `+=` on `String` costs a few
/// hundred instructions of bookkeeping, an append of UTF-8 bytes is a copy.
package struct TextBuilder {
    package var bytes: [UInt8] = []

    package init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    package mutating func append(_ pieces: String...) {
        for piece in pieces { bytes.appendUTF8(piece) }
    }

    /// The text built so far (the pieces were strings, so the bytes are valid UTF-8).
    package var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The pieces joined with nothing in between.
    package static func join(_ pieces: String...) -> String {
        join(pieces)
    }

    /// The pieces joined with nothing in between, copied once into the new string's storage.
    package static func join(_ pieces: [String]) -> String {
        // Pieces are read in place by index: iterating the array would copy (retain) each one.
        var total = 0
        for i in pieces.indices { total += pieces[i].utf8.count }
        return String(unsafeUninitializedCapacity: total) { out in
            var at = 0
            for i in pieces.indices {
                at = pieces[i].withUTF8Bytes { copy($0, to: out, at: at) }
            }
            return at
        }
    }

    /// The pieces with `separator` between them, in one copy. The standard library's
    /// `joined(separator:)` is not specialised for `[String]` in a static build: its first call
    /// looks an associated type up at run time, a scan of every conformance in the binary.
    package static func join(_ pieces: [String], separator: String) -> String {
        guard pieces.count > 1 else { return pieces.first ?? "" }
        var total = separator.utf8.count * (pieces.count - 1)
        for i in pieces.indices { total += pieces[i].utf8.count }
        return String(unsafeUninitializedCapacity: total) { out in
            var at = 0
            for i in pieces.indices {
                if i > 0 { at = separator.withUTF8Bytes { copy($0, to: out, at: at) } }
                at = pieces[i].withUTF8Bytes { copy($0, to: out, at: at) }
            }
            return at
        }
    }

    /// `a + b + c` in one copy (paths such as `Tags[0].Key` are built per checked value).
    package static func join(_ a: String, _ b: String, _ c: String = "", _ d: String = "") -> String {
        let total = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count
        return String(unsafeUninitializedCapacity: total) { out in
            // Offsets are passed along, not captured: a captured mutable variable costs an exclusivity check per use.
            let afterA = a.withUTF8Bytes { copy($0, to: out, at: 0) }
            let afterB = b.withUTF8Bytes { copy($0, to: out, at: afterA) }
            let afterC = c.withUTF8Bytes { copy($0, to: out, at: afterB) }
            return d.withUTF8Bytes { copy($0, to: out, at: afterC) }
        }
    }

    /// Copies `bytes` into `out` at `offset`; the offset after them.
    private static func copy(_ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        guard let base = bytes.baseAddress, let target = out.baseAddress, bytes.count > 0 else { return offset }
        (target + offset).update(from: base, count: bytes.count)
        return offset + bytes.count
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `text` as one copy of its contiguous storage (appending
    /// `text.utf8` as a sequence goes element by element through the generic path).
    @inline(__always)
    mutating func appendUTF8(_ text: String) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) { return done }
        append(contentsOf: text.utf8)
    }

    /// Appends the bytes of a literal.
    @inline(__always)
    mutating func append(_ literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes, read in place when they are stored
    /// contiguously (native and small strings): `var copy = s; copy.withUTF8` costs a retain and
    /// a release per call, and a batch line reads a few hundred strings.
    @inline(__always)
    func withUTF8Bytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        let run = { (bytes: UnsafeBufferPointer<UInt8>) in Result { () throws(E) -> R in try body(bytes) } }
        if let result = utf8.withContiguousStorageIfAvailable(run) { return try result.get() }
        var copy = self
        return try copy.withUTF8(run).get()
    }

    /// `utf8.contains(byte)`, on the contiguous bytes when there are.
    func containsByte(_ byte: UInt8) -> Bool {
        withUTF8Bytes { $0.contains(byte) }
    }
}

/// True when every byte is below 0x80, tested eight bytes at a time.
func allASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    var i = 0
    while i + 8 <= bytes.count {
        if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
        i += 8
    }
    while i < bytes.count {
        if bytes[i] >= 0x80 { return false }
        i += 1
    }
    return true
}

extension String {
    /// True when the string is ASCII (on its contiguous bytes when it has them).
    var isASCIIText: Bool {
        utf8.withContiguousStorageIfAvailable { allASCII($0) } ?? utf8.allSatisfy { $0 < 0x80 }
    }
}

/// True when the two buffers hold the same bytes, compared eight at a time.
func bytesEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard let pa = a.baseAddress, let pb = b.baseAddress else { return a.count == 0 }
    var i = 0
    while i + 8 <= a.count {
        if UnsafeRawPointer(pa + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(pb + i).loadUnaligned(as: UInt64.self) { return false }
        i += 8
    }
    while i < a.count {
        if pa[i] != pb[i] { return false }
        i += 1
    }
    return true
}
