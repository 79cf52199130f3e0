import SigScope
/// The outputs of `verify`: the JSON document of the interface contract and the text for people.
package enum VerifyOutput {
    /// `{"match", "provider", "algorithm", "providedSignature", "computedSignature", "steps",
    /// "providedSteps", "findings", "request", "captureFormat", "notes"}`.
    /// - Parameter showSecrets: print derived keys in full (the secret itself never appears).
    package static func json(_ report: VerifyReport, format: CaptureFormat? = nil, showSecrets: Bool = false) -> JSONValue {
        var steps = JSONObject()
        var provided = JSONObject()
        for step in report.steps {
            steps[step.name] = .string(display(step.computed, showSecrets: showSecrets))
            if let value = step.provided { provided[step.name] = .string(value) }
        }
        let findings: [JSONValue] = report.findings.map { finding in
            .object([
                "code": .string(finding.code.rawValue),
                "severity": .string(finding.severity.rawValue),
                "message": .string(finding.message),
                "reproducesSignature": .bool(finding.reproducesSignature),
            ])
        }
        var object: JSONObject = [
            "match": .bool(report.match),
            "provider": .string(report.provider.rawValue),
            "algorithm": .string(report.algorithm.specName),
            "providedSignature": report.providedSignature.map(JSONValue.string) ?? .null,
            "computedSignature": .string(report.computedSignature),
            "steps": .object(steps),
            "providedSteps": .object(provided),
            "findings": .array(findings),
            "request": requestJSON(report.request),
        ]
        if let format { object["captureFormat"] = .string(format.rawValue) }
        object["notes"] = .array(report.notes.map { .string($0.description) })
        return .object(object)
    }

    /// The request as captured; `bodyBase64` holds the exact bytes when the body is not UTF-8
    /// (`body` then shows it repaired), as in `sign`'s document.
    static func requestJSON(_ request: SentRequest) -> JSONValue {
        let json = SignOutput.requestJSON(request)
        guard String(validating: request.body, as: UTF8.self) == nil, case .object(var object) = json else { return json }
        object["bodyBase64"] = .string(Base64.encode(request.body))
        return .object(object)
    }

    /// One line for a report among several (`verify --all-entries`): the HAR entry, the verdict,
    /// the request, and the findings' codes (errors first) on a mismatch.
    package static func verdictLine(_ report: VerifyReport, entry: Int, style: Style = .plain) -> String {
        let verdict = report.match ? style.green("match") : style.red("mismatch")
        var line = "entry \(entry): " + verdict + " — \(report.provider.displayName) \(report.algorithm.specName) \(report.request.method) \(report.request.url)"
        let codes = report.findings.filter { $0.severity == .error }.map(\.code.rawValue)
        if !codes.isEmpty { line += ": " + codes.joined(separator: ", ") }
        return line
    }

    /// The text form: the verdict on the first line, then every step (provided next to
    /// computed where the capture states a value), then the findings, then notes.
    package static func text(_ report: VerifyReport, format: CaptureFormat? = nil, showSecrets: Bool = false, style: Style = .plain) -> String {
        var out = ""
        let what = "\(report.provider.displayName) \(report.algorithm.specName)"
        if report.match {
            out += style.green(style.bold("match")) + " — the \(what) signature verifies: the server would accept this request\n"
        } else if let provided = report.providedSignature, ConstantTime.equals(provided, report.computedSignature) {
            out += style.red(style.bold("mismatch")) + " — the \(what) signature is right, but the server would reject the request (see the findings)\n"
        } else {
            out += style.red(style.bold("mismatch")) + " — the \(what) signature does not verify\n"
        }
        out += style.dim("   \(report.request.method) \(report.request.url)" + (format.map { "  (\($0.displayName))" } ?? "")) + "\n"
        out += "   provided  " + (report.providedSignature ?? style.dim("(none)")) + "\n"
        out += "   computed  " + report.computedSignature + "\n\n"

        out += style.bold("Steps") + style.dim("  provided = stated in the capture · computed = recomputed from the request as sent") + "\n"
        for (i, step) in report.steps.enumerated() {
            out += style.bold("\(i + 1). \(step.computed.title)") + style.dim("  [\(step.name)]") + "\n"
            let computed = display(step.computed, showSecrets: showSecrets)
            if let provided = step.provided {
                let same = provided == step.computed.value
                out += labelled("provided", provided, style: style) + "  " + (same ? style.green("✓ same") : style.red("✗ differs")) + "\n"
                out += labelled("computed", computed, style: style) + "\n"
                if !same, !provided.contains("\n"), !step.computed.value.contains("\n"), let column = firstDifference(provided, step.computed.value) {
                    out += String(repeating: " ", count: 14 + column) + style.red("^ first difference at character \(column + 1)") + "\n"
                }
            } else {
                out += labelled("computed", computed, style: style) + "\n"
            }
        }

        out += "\n" + style.bold("Findings") + "\n"
        if report.findings.isEmpty {
            out += "   none: every step agrees with the request as sent\n"
        }
        for finding in report.findings {
            let severity: String
            switch finding.severity {
            case .error: severity = style.red("error  ")
            case .warning: severity = style.yellow("warning")
            case .info: severity = style.cyan("info   ")
            }
            out += "   " + severity + " " + style.bold(finding.code.rawValue) + (finding.reproducesSignature ? style.dim("  (reproduces the provided signature)") : "") + "\n"
            for line in wrap(finding.message, width: 88) {
                out += "           " + line + "\n"
            }
        }
        if !report.notes.isEmpty {
            out += "\n" + style.bold("Notes") + "\n"
            for note in report.notes {
                let lines = wrap(note.description, width: 90)
                for (i, line) in lines.enumerated() {
                    out += (i == 0 ? "   - " : "     ") + line + "\n"
                }
            }
        }
        return out
    }

    static func display(_ step: SigningStep, showSecrets: Bool) -> String {
        step.isDerivedKey && !showSecrets ? SignOutput.shorten(step.value) : step.value
    }

    /// `   provided │ value`, multi-line values continued under the bar with `⏎` line ends.
    static func labelled(_ label: String, _ value: String, style: Style) -> String {
        let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for (i, line) in lines.enumerated() {
            let prefix = i == 0 ? "   " + label + " │ " : "            │ "
            out.append(prefix + line + (i < lines.count - 1 ? style.dim("⏎") : ""))
        }
        return out.joined(separator: "\n")
    }

    /// The index of the first character where `a` and `b` differ, nil when equal.
    static func firstDifference(_ a: String, _ b: String) -> Int? {
        let x = Array(a), y = Array(b)
        for i in 0..<min(x.count, y.count) where x[i] != y[i] { return i }
        return x.count == y.count ? nil : min(x.count, y.count)
    }

    /// Greedy word wrap at spaces.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
