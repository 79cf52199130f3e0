/// Text from an input made safe to show on a terminal.
///
/// A capture or request file can hold bytes a terminal obeys rather than shows: ESC starts
/// a control sequence (clear the screen, set the window title, rewrite what came before), BEL
/// rings, CR returns to the start of the line and lets later text overwrite earlier text.
/// Messages quote such input, so every message goes through `escapingControls` first.
package enum TerminalText {
    /// `text` with every control character except newline and tab written as an escape:
    /// C0 controls and DEL as `\x1B`, C1 controls (U+0080 to U+009F) as `\u0085`. A backslash
    /// itself is left alone: the escapes only have to be unmistakable, not reversible.
    package static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                out.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let escape = scalar.value < 0x80
                ? "\\x" + (hex.count < 2 ? "0" : "") + hex
                : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }

    /// `escapingControls` for a text report that `Style` may have coloured: its own colour
    /// sequences (`ESC [ digits;… m`) stay, every other control character is escaped. A
    /// sequence copied from the input that only sets a colour stays too; one that moves the
    /// cursor, clears the screen or sets the window title does not.
    package static func escapingControls(keepingColors text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\u{1B}", i + 1 < scalars.count, scalars[i + 1] == "[" {
                var j = i + 2
                while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" { j += 1 }
                if j < scalars.count, scalars[j] == "m" {
                    out.append(contentsOf: scalars[i...j])
                    i = j + 1
                    continue
                }
            }
            out.append(contentsOf: escapingControls(String(scalars[i])).unicodeScalars)
            i += 1
        }
        return String(out)
    }

    /// C0 except newline and tab, DEL, and C1.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A && v != 0x09) || v == 0x7F || (v >= 0x80 && v <= 0x9F)
    }
}
