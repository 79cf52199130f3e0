/// Limits that bound what a JSON parse may consume.
package struct JSONLimits: Sendable, Equatable {
    /// Deepest nesting of arrays and objects accepted.
    package var maxDepth: Int
    /// Largest input accepted, in bytes.
    package var maxBytes: Int
    /// Refuse an object that gives a member name more than once. RFC 8259 leaves which of the
    /// values a receiver takes open, so in a file whose meaning must be unambiguous (a request)
    /// a repeat is an error; elsewhere the last one wins.
    package var rejectsRepeatedNames: Bool

    package init(maxDepth: Int = 256, maxBytes: Int = 64 << 20, rejectsRepeatedNames: Bool = false) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
        self.rejectsRepeatedNames = rejectsRepeatedNames
    }

    /// Limits for request bodies and options: small inputs only.
    package static let request = JSONLimits(maxDepth: 64, maxBytes: 8 << 20)
    /// Limits for request files (and batch lines): those of `request`, and no repeated member names.
    package static let requestFile = JSONLimits(maxDepth: 64, maxBytes: 8 << 20, rejectsRepeatedNames: true)
    /// Limits for saved responses and captures.
    package static let response = JSONLimits(maxDepth: 256, maxBytes: 64 << 20)
}

/// A JSON syntax error, with the 1-based line and column (in characters) where it was found.
package struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    package var reason: String
    package var line: Int
    package var column: Int
    /// Byte offset of the error in the input.
    package var offset: Int

    package var description: String { "line \(line), column \(column): \(reason)" }
}

/// Where a value is in the text it was parsed from.
package struct JSONSpan: Sendable, Equatable {
    /// The value's bytes, from its first to its last character.
    package var range: Range<Int>
    /// Whether a string in it (a member name or a value) has an escape sequence (`\n`, `\u00e9`, …).
    package var hasEscapes: Bool
}

/// A strict RFC 8259 JSON parser over UTF-8 bytes, with depth and size bounds.
///
/// Hand-written rather than Foundation's `JSONSerialization` because sigscope needs member
/// order, exact number literals and line/column errors, none of which that API gives.
package struct JSONParser {
    /// Parses `bytes` as exactly one JSON value (surrounding whitespace allowed; a UTF-8 BOM is skipped).
    /// - Throws: `JSONSyntaxError` for malformed input or input beyond `limits`.
    package static func parse(_ bytes: [UInt8], limits: JSONLimits = JSONLimits()) throws(JSONSyntaxError) -> JSONValue {
        // Scan through one unsafe buffer: no bounds checks or array retains per byte.
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try parse(buffer, limits: limits) }
    }

    /// Parses JSON text in memory the caller owns (read in place, not copied).
    package static func parse(_ bytes: UnsafeBufferPointer<UInt8>, limits: JSONLimits = JSONLimits()) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, limits: limits)
        return try parser.parseDocument()
    }

    /// Parses `bytes` as `parse` does and also says where the value of the top-level object's
    /// member `key` is in them, so a caller can reuse that text as it was written.
    package static func parse(_ bytes: UnsafeBufferPointer<UInt8>, limits: JSONLimits = JSONLimits(),
                             locating key: String) throws(JSONSyntaxError) -> (value: JSONValue, span: JSONSpan?) {
        var parser = JSONParser(bytes: bytes, limits: limits)
        parser.locate = key
        let value = try parser.parseDocument()
        return (value, parser.located)
    }

    /// Parses UTF-8 text.
    package static func parse(_ text: String, limits: JSONLimits = JSONLimits()) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8), limits: limits)
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let limits: JSONLimits
    private var index = 0
    private var depth = 0
    /// Elements and members of the containers being parsed; each container's are moved out once,
    /// into an exactly sized array, when it closes, instead of it growing its own step by step.
    private let elementStack: OpenEntries<JSONValue>
    private let memberStack: OpenEntries<JSONMember>
    /// Recently made strings of 16 to 64 bytes (too long to be stored inline), by a hash of their
    /// bytes: a large response repeats its member names and many values thousands of times, and
    /// sharing one string each saves an allocation and its memory every time. Used for inputs
    /// of 64 KiB or more (a small document would pay for the table without gaining from it).
    private var recent: [String?] = []
    /// The top-level member whose value's place is wanted, and that place once parsed.
    private var locate: String?
    private var located: JSONSpan?
    /// How many strings so far had an escape sequence (read in the slow path only).
    private var escapedStrings = 0

    private init(bytes: UnsafeBufferPointer<UInt8>, limits: JSONLimits) {
        self.bytes = bytes
        self.limits = limits
        // Room for a typical request's members and entries at once: grown from empty, the
        // stacks would be reallocated four or five times for every document.
        let room = min(32, bytes.count / 16)
        memberStack = OpenEntries(capacity: room)
        elementStack = OpenEntries(capacity: room)
    }

    private mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        guard bytes.count <= limits.maxBytes else {
            throw error("input is \(bytes.count) bytes, more than the limit of \(limits.maxBytes) bytes", at: 0)
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        skipWhitespace()
        guard index < bytes.count else { throw error("the input is empty; expected a JSON value", at: index) }
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else {
            throw error("unexpected \(describe(index)) after the JSON value", at: index)
        }
        return value
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0D, 0x09: index += 1
            case 0x0A:
                index += 1
                // A line break is followed by indentation: skip its spaces eight at a time.
                if let base = bytes.baseAddress {
                    while index + 8 <= bytes.count, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020 {
                        index += 8
                    }
                }
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of input; expected a value", at: index) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default:
            throw error("unexpected \(describe(index)); expected a value (object, array, string, number, true, false or null)", at: index)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let start = index
        let text = literal.utf8Start
        for offset in 0..<literal.utf8CodeUnitCount {
            guard index < bytes.count, bytes[index] == text[offset] else {
                throw error("invalid literal; expected `\(literal)`", at: start)
            }
            index += 1
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > limits.maxDepth {
            throw error("nesting is deeper than the limit of \(limits.maxDepth) levels", at: index)
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        let open = index
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(JSONObject())
        }
        let base = memberStack.count
        // With `rejectsRepeatedNames`: past 16 members, the names seen so far by hash.
        var seen: Set<String>?
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated object (opened here)", at: open) }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describe(index)); expected a member name in double quotes", at: index)
            }
            let keyStart = index
            let key = try parseString()
            if limits.rejectsRepeatedNames, isRepeated(key, base: base, seen: &seen) {
                throw error("the member name \"\(key)\" is given more than once in this object; JSON does not say which value counts, so give it once", at: keyStart)
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error(index < bytes.count ? "unexpected \(describe(index)); expected `:` after the member name" : "unterminated object (opened here)", at: index < bytes.count ? index : open)
            }
            index += 1
            skipWhitespace()
            let valueStart = index, escapesBefore = escapedStrings
            let value = try parseValue()
            if depth == 1, let locate, key == locate {
                located = JSONSpan(range: valueStart..<index, hasEscapes: escapedStrings != escapesBefore)
            }
            memberStack.push(JSONMember(key, value))
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated object (opened here)", at: open) }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object(JSONObject(memberStack.take(from: base)))
            }
            throw error("unexpected \(describe(index)); expected `,` or `}`", at: index)
        }
    }

    /// Whether `key` names a member already given in the object whose members start at `base`:
    /// compared pairwise (same UTF-8 length first) for the first 16 names, by a set after that.
    private func isRepeated(_ key: String, base: Int, seen: inout Set<String>?) -> Bool {
        let given = memberStack.count - base
        if seen == nil, given < 16 {
            let length = key.utf8.count
            for i in base..<memberStack.count {
                let other = memberStack[i].key
                if other.utf8.count == length, other == key { return true }
            }
            return false
        }
        if seen == nil {
            var names = Set<String>(minimumCapacity: 32)
            for i in base..<memberStack.count { names.insert(memberStack[i].key) }
            seen = names
        }
        return seen?.insert(key).inserted == false
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        let open = index
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array([])
        }
        let base = elementStack.count
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated array (opened here)", at: open) }
            elementStack.push(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated array (opened here)", at: open) }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return .array(elementStack.take(from: base))
            }
            throw error("unexpected \(describe(index)); expected `,` or `]`", at: index)
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number", at: start) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("invalid number: leading zeros are not allowed", at: start) }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: a digit must follow the decimal point", at: start) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: the exponent has no digits", at: start) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    @inline(__always)
    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let open = index
        index += 1
        let start = index
        // Fast path: no escapes; ASCII needs no UTF-8 validation beyond the scan itself.
        var highBits: UInt8 = 0
        // Eight bytes at a time while none is a quote, a backslash or a control character.
        if let base = bytes.baseAddress {
            var wideHigh: UInt64 = 0
            while index + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let special = WordBytes.equal(word, 0x22) | WordBytes.equal(word, 0x5C) | WordBytes.below(word, 0x20)
                if special != 0 {
                    // Straight to the first special byte (the lowest flag is exact), keeping the
                    // high bits of the bytes before it; the loop below takes it from there.
                    let clean = special.trailingZeroBitCount >> 3
                    wideHigh |= word & ((1 << UInt64(clean * 8)) &- 1)
                    index += clean
                    break
                }
                wideHigh |= word
                index += 8
            }
            if wideHigh & 0x8080_8080_8080_8080 != 0 { highBits = 0x80 }
        }
        while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if slice.count >= 16 && slice.count <= 64 && bytes.count >= 1 << 16 { return try shared(slice, ascii: highBits & 0x80 == 0, open: open) }
                if highBits & 0x80 == 0 { return String(decoding: slice, as: UTF8.self) }
                if let s = String(validating: slice, as: UTF8.self) { return s }
                throw error("the string is not valid UTF-8", at: open)
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("a raw control character (U+\(hex4(UInt16(c)))) inside a string must be escaped", at: index) }
            highBits |= c
            index += 1
        }
        guard index < bytes.count else { throw error("unterminated string (opened here)", at: open) }
        escapedStrings += 1
        var out: [UInt8] = Array(bytes[start..<index])
        while index < bytes.count {
            let c = bytes[index]
            switch c {
            case UInt8(ascii: "\""):
                index += 1
                if let s = String(validating: out, as: UTF8.self) { return s }
                throw error("the string is not valid UTF-8", at: open)
            case UInt8(ascii: "\\"):
                let escapeStart = index
                index += 1
                guard index < bytes.count else { throw error("unterminated string (opened here)", at: open) }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = UInt32(try readHex4(escapeStart))
                    if scalar >= 0xD800 && scalar <= 0xDBFF {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error("a high surrogate escape must be followed by a low surrogate escape", at: escapeStart)
                        }
                        index += 2
                        let low = UInt32(try readHex4(escapeStart))
                        guard low >= 0xDC00 && low <= 0xDFFF else {
                            throw error("a high surrogate escape must be followed by a low surrogate escape", at: escapeStart)
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                        throw error("a lone low surrogate escape is not a character", at: escapeStart)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape", at: escapeStart) }
                    // Encode the scalar straight into the buffer, without a Character or String in between.
                    UTF8.encode(unicode) { out.append($0) }
                default:
                    throw error("invalid escape `\\\(String(decoding: [e], as: UTF8.self))`", at: escapeStart)
                }
            default:
                if c < 0x20 { throw error("a raw control character (U+\(hex4(UInt16(c)))) inside a string must be escaped", at: index) }
                out.append(c)
                index += 1
            }
        }
        throw error("unterminated string (opened here)", at: open)
    }

    /// The string of `slice` (unescaped, 16 to 64 bytes), reusing the recent one with the same bytes.
    private mutating func shared(_ slice: UnsafeBufferPointer<UInt8>, ascii: Bool, open: Int) throws(JSONSyntaxError) -> String {
        if recent.isEmpty { recent = Array(repeating: nil, count: 1024) }
        var hash: UInt32 = 2_166_136_261
        for byte in slice { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let slot = Int(hash & 1023)
        if let known = recent[slot], known.utf8.count == slice.count,
           known.utf8.withContiguousStorageIfAvailable({ bytesEqual($0, slice) }) ?? known.utf8.elementsEqual(slice) {
            return known
        }
        let made: String
        if ascii {
            made = String(decoding: slice, as: UTF8.self)
        } else if let valid = String(validating: slice, as: UTF8.self) {
            made = valid
        } else {
            throw error("the string is not valid UTF-8", at: open)
        }
        recent[slot] = made
        return made
    }

    private mutating func readHex4(_ escapeStart: Int) throws(JSONSyntaxError) -> UInt16 {
        guard index + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits", at: escapeStart) }
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let digit = Hex.value(bytes[index]) else { throw error("a \\u escape needs four hex digits", at: escapeStart) }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    private func hex4(_ v: UInt16) -> String {
        let h = Hex.encode([UInt8(v >> 8), UInt8(v & 0xFF)]).uppercased()
        return h
    }

    private func describe(_ at: Int) -> String {
        guard at < bytes.count else { return "end of input" }
        let c = bytes[at]
        if c >= 0x21 && c < 0x7F { return "character `\(String(decoding: [c], as: UTF8.self))`" }
        return "byte 0x\(Hex.encode([c]).uppercased())"
    }

    private func error(_ reason: String, at offset: Int) -> JSONSyntaxError {
        let (line, column) = TextPosition.lineAndColumn(in: Array(bytes), offset: offset)
        return JSONSyntaxError(reason: reason, line: line, column: column, offset: offset)
    }
}

/// The entries and members of the containers a parse has open, in storage of its own: a closing
/// container moves its own out in one pass, with no placeholder left behind and no removal call
/// (an `Array` stack cost about a thousand instructions per container for those).
private final class OpenEntries<Entry> {
    private var base: UnsafeMutablePointer<Entry>
    private var capacity: Int
    /// How many entries are open; the containers' own are at the end.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 8)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        // What a failed parse left open.
        base.deinitialize(count: count)
        base.deallocate()
    }

    func push(_ entry: consuming Entry) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<Entry>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        (base + count).initialize(to: entry)
        count += 1
    }

    /// The open entry at `position` (below `count`).
    subscript(position: Int) -> Entry {
        precondition(position >= 0 && position < count)
        return base[position]
    }

    /// The entries from `start` on, moved (not copied) into an array of exactly their count.
    func take(from start: Int) -> [Entry] {
        var taken: [Entry] = []
        taken.reserveCapacity(count - start)
        for i in start..<count { taken.append((base + i).move()) }
        count = start
        return taken
    }
}

/// Converts byte offsets into the 1-based line and column a person sees in an editor.
package enum TextPosition {
    /// Line and column (counted in Unicode scalars) of `offset` in `bytes`.
    package static func lineAndColumn(in bytes: [UInt8], offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        let end = min(offset, bytes.count)
        var i = 0
        while i < end {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }
        var column = 1
        var j = lineStart
        while j < end {
            // Count UTF-8 lead bytes only, so a multi-byte character is one column.
            if bytes[j] & 0xC0 != 0x80 { column += 1 }
            j += 1
        }
        return (line, column)
    }
}
