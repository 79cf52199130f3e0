/// Reads the project's Swift sources as text, for tests about what the code says.
package enum SourceText {
    /// The string literals of a source line (between unescaped double quotes), comments aside.
    package static func literals(_ line: Substring) -> [String] {
        let code = line.drop { $0 == " " || $0 == "\t" }
        if code.hasPrefix("//") { return [] }
        var result: [String] = []
        var current: String?
        var escaped = false
        for c in code {
            if var text = current {
                if escaped { text.append(c); escaped = false; current = text; continue }
                if c == "\\" { escaped = true; text.append(c); current = text; continue }
                if c == "\"" { result.append(text); current = nil; continue }
                text.append(c)
                current = text
            } else if c == "\"" {
                current = ""
            }
        }
        return result
    }
}
