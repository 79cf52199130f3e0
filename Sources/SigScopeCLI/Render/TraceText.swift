import SigScope
/// The text form of `sign`: every stage numbered, its formula, its exact value.
package enum TraceText {
    /// Renders `signed` for a person.
    /// - Parameters:
    ///   - showSecrets: print derived keys in full (never the secret itself).
    ///   - style: colours.
    ///   - naming: a front end's names for the inputs notes mention (nil: the library's words).
    package static func render(_ signed: SignedRequest, showSecrets: Bool, style: Style = .plain, naming: (SigScopeError.Subject) -> String? = { _ in nil }) -> String {
        var out = style.bold("\(signed.provider.displayName) · \(signed.algorithm.specName)") + "  "
            + style.dim("\(signed.request.method) \(signed.request.url)") + "\n"
        for note in signed.notes {
            out += style.dim("note: " + note.worded(naming: naming)) + "\n"
        }
        out += "\n"
        for (i, step) in signed.steps.enumerated() {
            out += style.bold("\(i + 1). \(step.title)") + style.dim("  [\(step.name)]") + "\n"
            out += "   " + style.cyan(step.formula) + "\n"
            if let note = step.note {
                out += "   " + style.dim(note) + "\n"
            }
            let value = step.isDerivedKey && !showSecrets ? SignOutput.shorten(step.value) + style.dim("  (" + SigScopeMessage("\(.showSecrets) to print in full").worded(naming: naming) + ")") : step.value
            out += block(value, style: style) + "\n"
        }
        out += style.bold("Request as sent") + "\n"
        out += "   " + signed.request.method + " " + signed.request.url + "\n"
        for header in signed.request.headers {
            out += "   " + header.name + ": " + header.value + "\n"
        }
        if !signed.request.body.isEmpty {
            out += "\n" + block(signed.request.bodyText, style: style) + "\n"
        }
        return out
    }

    /// A value shown verbatim in a box: multi-line values keep their lines, each ending
    /// marked with `⏎` so the exact newlines (and a missing final one) are visible.
    static func block(_ value: String, style: Style) -> String {
        let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count == 1 {
            return "   │ " + value
        }
        var out: [String] = []
        for (i, line) in lines.enumerated() {
            let marker = i < lines.count - 1 ? style.dim("⏎") : ""
            out.append("   │ " + line + marker)
        }
        return TextBuilder.join(out, separator: "\n")
    }
}
