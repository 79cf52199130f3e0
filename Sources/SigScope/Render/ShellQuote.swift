/// Quoting for POSIX `sh` (dash, bash, zsh in sh mode).
package enum ShellQuote {
    /// `text` as one shell word: left bare when it contains only characters no shell treats
    /// specially, otherwise single-quoted with each `'` written as `'\''`. Single quotes keep
    /// `$`, backticks, backslashes, `"`, newlines and non-ASCII literally in every POSIX shell.
    package static func quote(_ text: String) -> String {
        if !text.isEmpty, text.utf8.allSatisfy(isSafe) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "@"),
             UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: ","):
            return true
        default:
            return false
        }
    }

    /// A `printf` format that reproduces `bytes` exactly (every byte outside printable ASCII as
    /// a three-digit octal escape), for bodies a shell argument cannot carry (NUL, invalid UTF-8).
    package static func printfOctal(_ bytes: [UInt8]) -> String {
        var out = ""
        for byte in bytes {
            switch byte {
            case 0x20...0x7E where byte != UInt8(ascii: "%") && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "'"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let octal = String(byte, radix: 8)
                out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return "'" + out + "'"
    }
}

extension String {
    /// Replaces every occurrence of `target` (a plain, non-empty substring) with `replacement`.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}

extension Substring {
    /// The first range of `target` (plain substring search by characters).
    func range(of target: String) -> Range<Substring.Index>? {
        let needle = Array(target)
        guard let first = needle.first else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index] == first {
                var i = index
                var j = 0
                while j < needle.count, i < endIndex, self[i] == needle[j] {
                    i = self.index(after: i)
                    j += 1
                }
                if j == needle.count { return index..<i }
            }
            index = self.index(after: index)
        }
        return nil
    }
}
