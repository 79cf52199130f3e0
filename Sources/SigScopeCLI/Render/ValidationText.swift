import SigScope
/// The text form of a `ValidationReport`: a summary line, then one aligned line per
/// finding, violations first, then warnings.
package enum ValidationText {
    /// The summary line and every finding.
    ///
    /// ```
    /// Tencent Cloud CreateNetworkInterface: invalid (1 violation, 1 warning)
    ///   violation  MissingParameter  SubnetId  SubnetId is required but not given (…).
    ///   warning    InvalidParameter  PrivateIpAddresses[0].Primary  PrivateIpAddresses[0].Primary is the string "true" …
    /// ```
    package static func render(_ report: ValidationReport, style: Style = .plain) -> String {
        summary(report, style: style) + "\n" + findings(report, style: style)
    }

    /// `<provider> <action>: valid|invalid (n violations, m warnings)`.
    package static func summary(_ report: ValidationReport, style: Style = .plain) -> String {
        var counts: [String] = []
        if !report.violations.isEmpty { counts.append(plural(report.violations.count, "violation")) }
        if !report.warnings.isEmpty { counts.append(plural(report.warnings.count, "warning")) }
        let verdict = report.valid ? style.green("valid") : style.red("invalid")
        let detail = counts.isEmpty ? "no findings" : counts.joined(separator: ", ")
        return style.bold("\(report.provider.displayName) \(report.action)") + ": " + verdict + " (\(detail))"
    }

    /// One line per finding, each ending in a newline; empty when there are none.
    package static func findings(_ report: ValidationReport, style: Style = .plain) -> String {
        let all = report.violations.map { (Severity.violation, $0) } + report.warnings.map { (Severity.warning, $0) }
        let codeWidth = all.map { $0.1.code.count }.max() ?? 0
        let pathWidth = min(all.map { $0.1.path.count }.max() ?? 0, 40)
        var out = ""
        for (severity, finding) in all {
            let label = severity == .violation ? style.red("violation") : style.yellow("warning  ")
            let code = style.bold(pad(finding.code, codeWidth))
            let path = style.cyan(pad(finding.path, pathWidth))
            let evidence = finding.evidence.map { style.dim("  [context: \($0)]") } ?? ""
            out += "  \(label)  \(code)  \(path)  \(finding.message)\(evidence)\n"
        }
        return out
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func plural(_ n: Int, _ word: String) -> String {
        "\(n) \(word)\(n == 1 ? "" : "s")"
    }
}
