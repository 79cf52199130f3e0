/// Serializes `JSONValue`s to UTF-8 text.
package struct JSONWriter: Sendable {
    /// Spacing between tokens.
    package enum Spacing: Sendable, Equatable {
        /// `{"a":1,"b":[1,2]}` — what Go's encoder and JavaScript's `JSON.stringify` produce.
        case compact
        /// `{"a": 1, "b": [1, 2]}` — Python's `json.dumps` default.
        case python
        /// Indented by this many spaces, one member per line.
        case pretty(indent: Int)
    }

    package var spacing: Spacing
    /// Escape every non-ASCII character as `\uXXXX` (Python's default `ensure_ascii=True`).
    package var escapeNonASCII: Bool
    /// Sort object members by key (byte order) instead of keeping their order.
    package var sortKeys: Bool
    /// Escape `/` as `\/` (PHP's default).
    package var escapeSlash: Bool

    package init(spacing: Spacing = .compact, escapeNonASCII: Bool = false, sortKeys: Bool = false, escapeSlash: Bool = false) {
        self.spacing = spacing
        self.escapeNonASCII = escapeNonASCII
        self.sortKeys = sortKeys
        self.escapeSlash = escapeSlash
    }

    /// The compact form sigscope sends as a TC3 request body when none is given.
    package static let compact = JSONWriter()
    /// Two-space indented output for people.
    package static let pretty = JSONWriter(spacing: .pretty(indent: 2))

    /// The UTF-8 bytes of `value`.
    package func bytes(_ value: JSONValue) -> [UInt8] {
        let out = ByteBuffer(capacity: 256)
        write(value, into: out)
        return Array(out.bytes)
    }

    /// The UTF-8 bytes of `value`, written through `scratch` (emptied first), so a caller that
    /// serializes often (a batch worker, once a line) allocates only the result.
    package func bytes(_ value: JSONValue, using scratch: ByteBuffer) -> [UInt8] {
        scratch.removeAll()
        write(value, into: scratch)
        return Array(scratch.bytes)
    }

    /// Appends the UTF-8 bytes of `value` to `out`.
    package func write(_ value: JSONValue, into out: inout [UInt8]) {
        let buffer = ByteBuffer(capacity: 256)
        write(value, into: buffer)
        out.append(contentsOf: buffer.bytes)
    }

    /// Appends the UTF-8 bytes of `value` to `out`.
    package func write(_ value: JSONValue, into out: ByteBuffer) {
        // Compact output in member order (a TC3 body, once a batch line) skips the checks for
        // spacing, indentation and streaming at every member and entry.
        if case .compact = spacing, !sortKeys {
            writeCompact(value, into: out)
            return
        }
        var none: Stream? = nil
        write(value, into: out, level: 0, stream: &none)
    }

    /// `write(_:into:level:stream:)` for compact spacing in member order, not streamed.
    private func writeCompact(_ value: JSONValue, into out: ByteBuffer) {
        switch value {
        case .null: out.append("null" as StaticString)
        case .bool(let b): out.append(b ? "true" as StaticString : "false")
        case .number(let n): out.append(n)
        case .string(let s): appendString(s, to: out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            // Entries and members are read in place by index (see writeMembers).
            for i in elements.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeCompact(elements[i], into: out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            let members = object.members
            for i in members.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendString(members[i].key, to: out)
                out.append(UInt8(ascii: ":"))
                writeCompact(members[i].value, into: out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends JSON `text` without its whitespace between tokens: for text the parser accepted
    /// that has no escape sequence (`JSONSpan.hasEscapes` false), exactly what `compact.write`
    /// writes for the parsed value, since compact output keeps member order, number literals and
    /// non-ASCII characters as they are and escapes only what such text cannot hold unescaped
    /// (`"`, `\\`, control characters). A batch line's body is made this way, not re-serialized.
    package static func appendMinified(_ text: UnsafeBufferPointer<UInt8>, to out: ByteBuffer) {
        guard let base = text.baseAddress else { return }
        let count = text.count
        let target = out.reserve(count)
        // Without escapes, every `"` opens or closes a string; outside strings, a byte below `!`
        // is whitespace (raw control characters are not JSON): a quote is kept, whitespace dropped.
        var inString = false
        var (at, written) = WordBytes.copyWords(base, count: count, to: target, flags: { word in
            let quotes = WordBytes.equal(word, 0x22)
            return inString ? quotes : quotes | WordBytes.below(word, 0x21)
        }, special: { byte, at in
            guard byte == 0x22 else { return 0 }
            inString.toggle()
            at.pointee = 0x22
            return 1
        })
        while at < count {
            let byte = base[at]
            if byte == 0x22 { inString.toggle() }
            if inString || byte > 0x20 {
                target[written] = byte
                written += 1
            }
            at += 1
        }
        out.commit(written)
    }

    /// Writes `value` in pieces of about `chunkSize` bytes, handing each to `sink` as soon as it
    /// is full, so a large document never sits whole in memory. The pieces joined are `bytes(value)`.
    package func write(_ value: JSONValue, chunkSize: Int, to sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        let out = ByteBuffer(capacity: chunkSize + 4096)
        withoutActuallyEscaping(sink) { sink in
            var stream: Stream? = Stream(limit: chunkSize, sink: sink)
            write(value, into: out, level: 0, stream: &stream)
            stream?.drain(out, force: true)
        }
    }

    /// Where full chunks go while writing a large value.
    private struct Stream {
        let limit: Int
        let sink: (UnsafeBufferPointer<UInt8>) -> Void

        func drain(_ out: ByteBuffer, force: Bool = false) {
            guard force ? out.count > 0 : out.count >= limit else { return }
            sink(out.bytes)
            out.removeAll()
        }
    }

    /// Appends `text` as a JSON string literal, quotes included, to `out`.
    package func appendString(_ text: String, to out: ByteBuffer) {
        out.append(0x22)
        appendStringContent(text, to: out)
        out.append(0x22)
    }

    /// Appends `text` escaped as the inside of a JSON string literal, without quotes, so one
    /// literal can be written from several pieces (escaping is per character, so the pieces
    /// escaped in turn are the whole escaped).
    package func appendStringContent(_ text: String, to out: ByteBuffer) {
        if escapeNonASCII && !text.isASCIIText {
            for unit in text.utf16 {
                if unit < 0x80 {
                    appendEscaped(UInt8(unit), into: out)
                } else {
                    appendUnicodeEscape(unit, into: out)
                }
            }
        } else {
            // Runs of bytes that need no escape are copied whole; most strings are a single run.
            // The closure reaches the buffer through an unretained reference (the caller holds
            // it): capturing `out` itself costs a retain and a release per string written.
            let target = Unmanaged.passUnretained(out)
            text.withUTF8Bytes { bytes in target._withUnsafeGuaranteedRef { writeContent(utf8: bytes, into: $0) } }
        }
    }

    /// The text of `value`.
    package func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    private func write(_ value: JSONValue, into out: ByteBuffer, level: Int, stream: inout Stream?) {
        switch value {
        case .null: out.append("null" as StaticString)
        case .bool(let b): out.append(b ? "true" as StaticString : "false")
        case .number(let n): out.append(n)
        case .string(let s): appendString(s, to: out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for i in elements.indices {
                if i > 0 { separator(into: out) }
                newline(into: out, level: level + 1)
                write(elements[i], into: out, level: level + 1, stream: &stream)
                stream?.drain(out)
            }
            if !elements.isEmpty { newline(into: out, level: level) }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            if sortKeys {
                writeMembers(object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }, into: out, level: level, stream: &stream)
            } else {
                writeMembers(object.members, into: out, level: level, stream: &stream)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// An object's members, read in place by index: a copy of each would retain its key and value.
    private func writeMembers(_ members: [JSONMember], into out: ByteBuffer, level: Int, stream: inout Stream?) {
        for i in members.indices {
            if i > 0 { separator(into: out) }
            newline(into: out, level: level + 1)
            appendString(members[i].key, to: out)
            out.append(UInt8(ascii: ":"))
            if spacing != .compact { out.append(0x20) }
            write(members[i].value, into: out, level: level + 1, stream: &stream)
            stream?.drain(out)
        }
        if !members.isEmpty { newline(into: out, level: level) }
    }

    private func separator(into out: ByteBuffer) {
        out.append(UInt8(ascii: ","))
        if spacing == .python { out.append(0x20) }
    }

    private func newline(into out: ByteBuffer, level: Int) {
        guard case .pretty(let indent) = spacing else { return }
        out.append(0x0A)
        // Indentation is copied from a run of spaces (a repeated element would be appended one by one).
        var width = indent * level
        while width > 0 {
            let step = min(width, Self.spaces.count)
            Self.spaces.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[0..<step])) }
            width -= step
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 128)

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends valid UTF-8 `bytes` escaped as the inside of a JSON string literal (non-ASCII kept),
    /// written in place: the worst case (six bytes a byte) is reserved before escaping, a window at a time.
    func writeContent(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: ByteBuffer) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        let first = nextEscape(in: base, from: 0, count: count)
        if first == count {
            out.append(bytes)
            return
        }
        out.append(UnsafeBufferPointer(start: base, count: first))
        // A long text is escaped a window at a time, so the room reserved for the worst case
        // stays a few hundred KiB however long the text is.
        var start = first
        while start < count {
            let end = min(start + Self.escapeWindow, count)
            out.commit(escape(base + start, count: end - start, to: out.reserve((end - start) * 6)))
            start = end
        }
    }

    /// The most input bytes escaped into one reservation (six output bytes each at worst).
    private static let escapeWindow = 64 << 10

    /// Writes `count` bytes from `base` escaped to `target` (room for six bytes a byte); returns
    /// how many were written. Every input byte gives at least one output byte, so the word stores
    /// never pass the output's final length.
    @inline(__always)
    private func escape(_ base: UnsafePointer<UInt8>, count: Int, to target: UnsafeMutablePointer<UInt8>) -> Int {
        var (at, written) = WordBytes.copyWords(base, count: count, to: target, flags: { Self.escapeFlags($0, slash: escapeSlash) }) { byte, at in
            // A quote is nearly every escape in a JSON body: written without the general switch.
            guard byte == 0x22 else { return writeEscape(byte, to: at) }
            UnsafeMutableRawPointer(at).storeBytes(of: UInt16(0x225C).littleEndian, as: UInt16.self)
            return 2
        }
        while at < count {
            let byte = base[at]
            if needsEscape(byte) {
                written += writeEscape(byte, to: target + written)
            } else {
                target[written] = byte
                written += 1
            }
            at += 1
        }
        return written
    }

    /// The index of the first byte at or after `start` that needs an escape, or `count`.
    @inline(__always)
    private func nextEscape(in base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var index = start
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let flags = Self.escapeFlags(word, slash: escapeSlash)
            // The lowest flagged byte is exact (a false flag only ever sits above a true one).
            if flags != 0 { return index + flags.trailingZeroBitCount >> 3 }
            index += 8
        }
        guard index < count else { return count }
        if count >= 8 {
            // The last eight bytes as one word; the ones already looked at are shifted out (they
            // are clean, so no false flag sits on the rest).
            let word = UInt64(littleEndian: UnsafeRawPointer(base + count - 8).loadUnaligned(as: UInt64.self))
            let flags = Self.escapeFlags(word, slash: escapeSlash) >> UInt64((8 - (count - index)) * 8)
            return flags == 0 ? count : index + flags.trailingZeroBitCount >> 3
        }
        while index < count, !needsEscape(base[index]) { index += 1 }
        return index
    }

    /// Writes the escape of `byte` (one that needs one) at `target`; returns its length.
    @inline(__always)
    private func writeEscape(_ byte: UInt8, to target: UnsafeMutablePointer<UInt8>) -> Int {
        target[0] = 0x5C
        switch byte {
        case 0x22, 0x5C, 0x2F: target[1] = byte
        case 0x0A: target[1] = UInt8(ascii: "n")
        case 0x0D: target[1] = UInt8(ascii: "r")
        case 0x09: target[1] = UInt8(ascii: "t")
        case 0x08: target[1] = UInt8(ascii: "b")
        case 0x0C: target[1] = UInt8(ascii: "f")
        default:
            target[1] = UInt8(ascii: "u")
            target[2] = 0x30
            target[3] = 0x30
            target[4] = Self.hexDigits[Int(byte >> 4)]
            target[5] = Self.hexDigits[Int(byte & 0xF)]
            return 6
        }
        return 2
    }

    @inline(__always)
    private func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || (byte == 0x2F && escapeSlash)
    }

    /// The high bit of each byte of `word` (byte 0 lowest) that may be a control character, `"`,
    /// `\\` (or `/` when slashes are escaped); zero guarantees none is (the classic "has zero
    /// byte" tests), and the lowest bit set marks the first such byte exactly.
    @inline(__always)
    private static func escapeFlags(_ word: UInt64, slash: Bool) -> UInt64 {
        var flags = WordBytes.below(word, 0x20) | WordBytes.equal(word, 0x22) | WordBytes.equal(word, 0x5C)
        if slash { flags |= WordBytes.equal(word, 0x2F) }
        return flags
    }

    /// Appends `byte`, escaped when JSON needs it (the same escapes `writeContent` writes).
    private func appendEscaped(_ byte: UInt8, into out: ByteBuffer) {
        guard needsEscape(byte) else {
            out.append(byte)
            return
        }
        out.commit(writeEscape(byte, to: out.reserve(6)))
    }

    private func appendUnicodeEscape(_ unit: UInt16, into out: ByteBuffer) {
        let target = out.reserve(6)
        target[0] = 0x5C
        target[1] = UInt8(ascii: "u")
        target[2] = Self.hexDigits[Int(unit >> 12 & 0xF)]
        target[3] = Self.hexDigits[Int(unit >> 8 & 0xF)]
        target[4] = Self.hexDigits[Int(unit >> 4 & 0xF)]
        target[5] = Self.hexDigits[Int(unit & 0xF)]
        out.commit(6)
    }
}
