import SigScope
/// The text form of `decode`: a short report a person reads top to bottom.
///
/// First the outcome, request ID and HTTP status; then, for an error, the code with its
/// catalog meaning, category, whether a retry can help and the hint (and for Alibaba the
/// server's string-to-sign, parameter by parameter); for a success, every field of the
/// result as `path  value` lines.
package enum DecodeReport {
    /// Renders `decoded` for a person.
    package static func render(_ decoded: DecodedResponse, style: Style = .plain) -> String {
        var out = ""
        let outcome = decoded.outcome == .success ? style.green("success") : style.red("API error")
        out += style.bold("\(decoded.provider.displayName) · \(decoded.action ?? "unknown action")") + " · " + outcome + "\n"

        var facts: [(String, String)] = []
        if let status = decoded.httpStatus {
            let reason = (decoded.httpReason ?? "").isEmpty ? "" : " " + (decoded.httpReason ?? "")
            facts.append(("HTTP status", "\(status)\(reason)"))
        } else {
            facts.append(("HTTP status", style.dim("none (bare body)")))
        }
        facts.append(("request id", decoded.requestId ?? style.dim("none")))
        if let hostId = decoded.error?.hostId { facts.append(("host id", hostId)) }
        if let action = decoded.action, let source = decoded.actionSource, source != .option {
            let from: String
            switch source {
            case .option: from = ""
            case .request: from = "from the HAR entry's request"
            case .body: from = "inferred from the body"
            case .serverStringToSign: from = "from the server's string-to-sign"
            }
            facts.append(("action", "\(action) " + style.dim("(\(from))")))
        }
        facts.append(("input", inputDescription(decoded)))
        out += table(facts, indent: 2, style: style)

        if let error = decoded.error {
            out += "\n" + style.bold("Error " + (error.code ?? "(no code in the body)")) + "\n"
            var rows: [(String, String)] = []
            rows.append(("message", error.message ?? style.dim("none")))
            if let match = error.catalog {
                rows.append(("meaning", match.entry.meaning + (match.exact ? "" : style.dim("  (catalog entry for the family \(match.entry.code))"))))
                rows.append(("category", match.entry.category.rawValue))
                rows.append(("retryable", match.entry.retryable ? "yes: sending it again (re-signed) can succeed" : "no: it fails again until the cause is fixed"))
                rows.append(("hint", Wording.words(match.entry.hint)))
            } else if error.code != nil {
                rows.append(("meaning", style.dim("not in sigscope's offline catalog")))
            }
            if let recommend = error.recommend { rows.append(("recommend", recommend)) }
            out += table(rows, indent: 2, style: style)
            if let sts = error.serverStringToSign {
                out += "\n" + style.bold("Server string-to-sign") + "\n"
                out += "  " + sts + "\n"
                if let query = error.serverCanonicalizedQuery {
                    out += style.dim("  signed as \(query.method), with these parameters (values decoded):") + "\n"
                    out += table(query.parameters.map { ($0.name, $0.value) }, indent: 4, style: style, dimLabels: false)
                }
            }
        }

        if let result = decoded.result {
            let title: String
            switch result {
            case .tencentCreateNetworkInterface: title = "NetworkInterface"
            case .aliyunCreateNetworkInterface: title = "Result"
            case .describe: title = "Result"
            case .generic: title = "Result"
            }
            let kind = result.isTyped ? "typed model: \(decoded.action ?? "")" : "generic: no typed model for this action"
            out += "\n" + style.bold(title) + style.dim("  (\(kind))") + "\n"
            var rows: [(String, String)] = []
            flatten(result.json, path: "", into: &rows)
            if case .tencentCreateNetworkInterface = result {
                rows = rows.map { ($0.0, annotate(path: $0.0, value: $0.1)) }
            }
            if rows.isEmpty {
                out += "  " + style.dim("no fields") + "\n"
            } else {
                out += table(rows, indent: 2, style: style, dimLabels: false)
            }
        }

        if !decoded.notes.isEmpty {
            out += "\n" + style.yellow("Notes") + "\n"
            for note in decoded.notes { out += "  - " + note + "\n" }
        }
        return out
    }

    private static func inputDescription(_ decoded: DecodedResponse) -> String {
        let format = decoded.bodyFormat.uppercased()
        switch decoded.form {
        case .body: return "bare \(format) body"
        case .http: return "HTTP response, \(format) body"
        case .har(let index):
            if let request = decoded.request { return "HAR entry \(index): \(request.method) \(request.url), \(format) body" }
            return "HAR entry \(index), \(format) body"
        }
    }

    /// Tencent's documented integer codes, spelled out.
    private static func annotate(path: String, value: String) -> String {
        switch (path, value) {
        case ("EniType", "0"): return "0 (secondary ENI)"
        case ("EniType", "1"): return "1 (primary ENI)"
        case ("EniType", "2"): return "2 (trunk ENI)"
        case ("AttachType", "0"): return "0 (standard)"
        case ("AttachType", "1"): return "1 (extended)"
        default: return value
        }
    }

    /// `path  value` rows for every leaf of `value`; empty containers are leaves too.
    static func flatten(_ value: JSONValue, path: String, into rows: inout [(String, String)]) {
        switch value {
        case .object(let object) where !object.isEmpty:
            for member in object.members {
                flatten(member.value, path: path.isEmpty ? member.key : path + "." + member.key, into: &rows)
            }
        case .array(let items) where !items.isEmpty:
            for (i, item) in items.enumerated() {
                flatten(item, path: path + "[\(i)]", into: &rows)
            }
        case .object: rows.append((path, "{}"))
        case .array: rows.append((path, "[]"))
        case .null: rows.append((path, "null"))
        case .bool(let flag): rows.append((path, flag ? "true" : "false"))
        case .number(let literal): rows.append((path, literal))
        case .string(let text):
            let plain = !text.isEmpty && text.first?.isWhitespace == false && text.last?.isWhitespace == false
                && !text.contains("\n") && text != "null" && text != "true" && text != "false"
            rows.append((path, plain ? text : JSONWriter.compact.string(.string(text))))
        }
    }

    private static func table(_ rows: [(String, String)], indent: Int, style: Style, dimLabels: Bool = true) -> String {
        let width = min(44, rows.map { $0.0.count }.max() ?? 0)
        let pad = String(repeating: " ", count: indent)
        var out = ""
        for (label, value) in rows {
            let padded = label.count < width ? label + String(repeating: " ", count: width - label.count) : label
            out += pad + (dimLabels ? style.dim(padded) : padded) + "  " + value + "\n"
        }
        return out
    }
}

extension DecodedResponse {
    /// The text report of `sigscope decode` (see `DecodeReport`).
    package func report(style: Style = .plain) -> String {
        DecodeReport.render(self, style: style)
    }
}

extension DecodedResponse {
    /// The command's exit status: 0 for a success response, 1 for an API error (a clear negative answer).
    var exitStatus: Int32 { outcome == .success ? 0 : 1 }
}
