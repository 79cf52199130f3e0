/// POSIX shell word splitting, enough to read a curl command line as a shell would:
/// `'…'`, `"…"` (with its four backslash escapes), bash's `$'…'` ANSI-C strings,
/// backslash escapes and backslash-newline continuations, `#` comments, and the operators
/// that separate commands (`|`, `;`, `&&`, `||`, `&`, newline).
///
/// Nothing is expanded: `$NAME` and `` `…` `` are kept as literal text (and reported), because
/// a capture is data, not a script to run.
package enum ShellWords {
    /// A token of a command line.
    package enum Token: Sendable, Equatable {
        /// A word, after quote removal, as bytes (a `$'\xff'` word need not be UTF-8).
        case word([UInt8], Location)
        /// A control operator: `|`, `;`, `&&`, `||`, `&`, or `\n` for an unescaped newline.
        case op(String, Location)
    }

    /// A 1-based line and column (in characters) in the command text.
    package struct Location: Sendable, Equatable, CustomStringConvertible {
        /// 1-based line.
        package var line: Int
        /// 1-based column, counted in Unicode scalars.
        package var column: Int

        /// Creates a location.
        package init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }

        /// `line L, column C`.
        package var description: String { "line \(line), column \(column)" }
    }

    /// The result of splitting: the tokens, and remarks about text taken literally.
    package struct Result: Sendable, Equatable {
        /// Words and operators in order.
        package var tokens: [Token]
        /// Things a shell would have expanded (`$VAR`, backticks), kept literally here.
        package var literalExpansions: [String]
    }

    /// Splits `text` into words and operators.
    /// - Parameter source: the file name used in errors.
    /// - Throws: `SigScopeError.invalidCapture` with the line and column of a quote that is
    ///   never closed or a backslash at the very end.
    package static func split(_ text: [UInt8], source: String) throws(SigScopeError) -> Result {
        var splitter = Splitter(bytes: text, source: source)
        try splitter.run()
        return Result(tokens: splitter.tokens, literalExpansions: splitter.expansions)
    }

    /// The location of byte `offset` in `bytes`: its line, and its column counted in Unicode scalars.
    package static func location(of offset: Int, in bytes: [UInt8]) -> Location {
        var line = 1
        var column = 1
        var i = 0
        while i < offset && i < bytes.count {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return Location(line: line, column: column)
    }

    private struct Splitter {
        let bytes: [UInt8]
        let source: String
        var i = 0
        var tokens: [Token] = []
        var expansions: [String] = []
        var current: [UInt8] = []
        var inWord = false
        var wordStart = 0
        /// The last location computed, so locations of increasing offsets cost linear time overall.
        var cache = (offset: 0, location: Location(line: 1, column: 1))

        init(bytes: [UInt8], source: String) {
            self.bytes = bytes
            self.source = source
        }

        mutating func location(of offset: Int) -> Location {
            if offset < cache.offset { cache = (0, Location(line: 1, column: 1)) }
            var line = cache.location.line
            var column = cache.location.column
            var i = cache.offset
            while i < offset && i < bytes.count {
                if bytes[i] == 0x0A {
                    line += 1
                    column = 1
                } else if bytes[i] & 0xC0 != 0x80 {
                    column += 1
                }
                i += 1
            }
            cache = (offset, Location(line: line, column: column))
            return cache.location
        }

        mutating func error(_ reason: String, at offset: Int) -> SigScopeError {
            let loc = location(of: offset)
            return SigScopeError(.invalidCapture, reason, source: source, line: loc.line, column: loc.column)
        }

        mutating func startWord() {
            if !inWord {
                inWord = true
                wordStart = i
                current = []
            }
        }

        mutating func endWord() {
            if inWord {
                tokens.append(.word(current, location(of: wordStart)))
                inWord = false
                current = []
            }
        }

        mutating func op(_ text: String, length: Int) {
            endWord()
            tokens.append(.op(text, location(of: i)))
            i += length
        }

        func peek(_ offset: Int = 0) -> UInt8? {
            i + offset < bytes.count ? bytes[i + offset] : nil
        }

        mutating func run() throws(SigScopeError) {
            while i < bytes.count {
                let c = bytes[i]
                switch c {
                case 0x20, 0x09, 0x0D:
                    endWord()
                    i += 1
                case 0x0A:
                    op("\n", length: 1)
                case UInt8(ascii: "#") where !inWord:
                    while i < bytes.count && bytes[i] != 0x0A { i += 1 }
                case UInt8(ascii: "|"):
                    if peek(1) == UInt8(ascii: "|") { op("||", length: 2) } else { op("|", length: 1) }
                case UInt8(ascii: "&"):
                    if peek(1) == UInt8(ascii: "&") { op("&&", length: 2) } else { op("&", length: 1) }
                case UInt8(ascii: ";"):
                    op(";", length: 1)
                case UInt8(ascii: "\\"):
                    startWord()
                    guard let next = peek(1) else {
                        throw error("the command ends with a lone backslash; remove it or add the line it continues to", at: i)
                    }
                    if next == 0x0A {
                        // Line continuation: both characters vanish.
                        i += 2
                        if current.isEmpty && i - 2 == wordStart { inWord = false }
                    } else if next == 0x0D && peek(2) == 0x0A {
                        i += 3
                        if current.isEmpty && i - 3 == wordStart { inWord = false }
                    } else {
                        current.append(next)
                        i += 2
                    }
                case UInt8(ascii: "'"):
                    startWord()
                    try singleQuoted()
                case UInt8(ascii: "\""):
                    startWord()
                    try doubleQuoted()
                case UInt8(ascii: "$") where peek(1) == UInt8(ascii: "'"):
                    startWord()
                    try ansiQuoted()
                case UInt8(ascii: "$"):
                    startWord()
                    noteExpansion()
                    current.append(c)
                    i += 1
                case UInt8(ascii: "`"):
                    startWord()
                    expansions.append("`…` (command substitution)")
                    current.append(c)
                    i += 1
                default:
                    startWord()
                    current.append(c)
                    i += 1
                }
            }
            endWord()
        }

        mutating func noteExpansion() {
            var j = i + 1
            var name: [UInt8] = []
            if j < bytes.count, bytes[j] == UInt8(ascii: "{") {
                j += 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "}") { name.append(bytes[j]); j += 1 }
            } else {
                while j < bytes.count, isNameByte(bytes[j]) { name.append(bytes[j]); j += 1 }
            }
            if !name.isEmpty {
                expansions.append("$" + String(decoding: name, as: UTF8.self))
            }
        }

        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
        }

        mutating func singleQuoted() throws(SigScopeError) {
            let open = i
            i += 1
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "'") {
                    i += 1
                    return
                }
                current.append(bytes[i])
                i += 1
            }
            throw error("unbalanced quote: the single quote opened here is never closed", at: open)
        }

        mutating func doubleQuoted() throws(SigScopeError) {
            let open = i
            i += 1
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\"") {
                    i += 1
                    return
                }
                if c == UInt8(ascii: "\\"), let next = peek(1) {
                    switch next {
                    case UInt8(ascii: "$"), UInt8(ascii: "`"), UInt8(ascii: "\""), UInt8(ascii: "\\"):
                        current.append(next)
                        i += 2
                    case 0x0A:
                        i += 2
                    case 0x0D where peek(2) == 0x0A:
                        i += 3
                    default:
                        current.append(c)
                        i += 1
                    }
                    continue
                }
                if c == UInt8(ascii: "$") { noteExpansion() }
                if c == UInt8(ascii: "`") { expansions.append("`…` (command substitution)") }
                current.append(c)
                i += 1
            }
            throw error("unbalanced quote: the double quote opened here is never closed", at: open)
        }

        /// bash `$'…'`: backslash escapes as in C.
        mutating func ansiQuoted() throws(SigScopeError) {
            let open = i
            i += 2
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "'") {
                    i += 1
                    return
                }
                guard c == UInt8(ascii: "\\"), let next = peek(1) else {
                    current.append(c)
                    i += 1
                    continue
                }
                i += 2
                switch next {
                case UInt8(ascii: "n"): current.append(0x0A)
                case UInt8(ascii: "t"): current.append(0x09)
                case UInt8(ascii: "r"): current.append(0x0D)
                case UInt8(ascii: "a"): current.append(0x07)
                case UInt8(ascii: "b"): current.append(0x08)
                case UInt8(ascii: "e"), UInt8(ascii: "E"): current.append(0x1B)
                case UInt8(ascii: "f"): current.append(0x0C)
                case UInt8(ascii: "v"): current.append(0x0B)
                case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "?"): current.append(next)
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = Int(next - 0x30)
                    var count = 1
                    while count < 3, let d = peek(), d >= 0x30, d <= 0x37 {
                        value = value * 8 + Int(d - 0x30)
                        i += 1
                        count += 1
                    }
                    current.append(UInt8(truncatingIfNeeded: value))
                case UInt8(ascii: "x"):
                    let value = hexDigits(max: 2)
                    if let value { current.append(UInt8(truncatingIfNeeded: value)) } else { current.append(contentsOf: [UInt8(ascii: "\\"), next]) }
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    if let value = hexDigits(max: next == UInt8(ascii: "u") ? 4 : 8), let scalar = Unicode.Scalar(UInt32(value)) {
                        current.append(contentsOf: Array(String(Character(scalar)).utf8))
                    } else {
                        current.append(contentsOf: [UInt8(ascii: "\\"), next])
                    }
                case UInt8(ascii: "c"):
                    if let ctl = peek() {
                        current.append(ctl & 0x1F)
                        i += 1
                    }
                default:
                    current.append(contentsOf: [UInt8(ascii: "\\"), next])
                }
            }
            throw error("unbalanced quote: the $' string opened here is never closed", at: open)
        }

        mutating func hexDigits(max: Int) -> Int? {
            var value = 0
            var count = 0
            while count < max, let d = peek(), let v = Hex.value(d) {
                value = value * 16 + Int(v)
                i += 1
                count += 1
            }
            return count == 0 ? nil : value
        }
    }
}
