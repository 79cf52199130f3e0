import ArgumentParser
import SigScope

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain an error code, a verify finding or a signing step, offline.",
        discussion: """
        TOPIC is an error code a server answers with (AuthFailure.SignatureExpire, \
        InvalidOperation.VpcMismatch), a finding code of `sigscope verify` \
        (space-encoded-as-plus) or a step of a signature (canonical-request, string-to-sign, \
        credential-scope, signing-key, hashed-payload, authorization, \
        canonicalized-query-string, percent-encoding, …). Each answer gives what it means, \
        its usual cause, the fix and the provider's page. Case and the separators - _ and \
        spaces do not matter (canonicalRequest is canonical-request); a near miss gets a \
        "did you mean". A topic both providers have (MissingParameter, string-to-sign) is \
        shown for each unless --provider or --algorithm picks one.

        Exit codes: 0 explained · 1 no such topic (or none for that provider) · 64 wrong usage.

        Examples:
          sigscope explain AuthFailure.SignatureExpire
          sigscope explain missingparameter --provider aliyun
          sigscope explain space-encoded-as-plus --format json
          sigscope explain string-to-sign --algorithm rpc
          sigscope explain --list
        """
    )

    @Argument(help: ArgumentHelp("The error code, finding code or signing step.", valueName: "TOPIC"))
    var topic: String?

    @Option(name: .long(.provider), help: "Only this provider's topic, when both have one of that name.")
    var provider: Provider?

    @Option(name: .long(.algorithm), help: "Only this algorithm's step (tc3, hmac-sha256, hmac-sha1, rpc, acs3).")
    var algorithm: SignatureAlgorithm?

    @Flag(name: .long(.list), help: "List every topic instead.")
    var list = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if list && topic != nil { throw ValidationError("give a TOPIC or --list, not both") }
        if !list && topic == nil { throw ValidationError("missing TOPIC: an error code, a finding code or a signing step (see `sigscope explain --list`)") }
        if let provider, let algorithm, algorithm.provider != provider {
            throw ValidationError("--algorithm \(algorithm.rawValue) is \(algorithm.provider.displayName)'s, not \(provider.displayName)'s")
        }
    }

    func run() throws {
        try Frontend.guarded { () throws(SigScopeError) -> Int32 in
            list ? listTopics() : explain(topic ?? "")
        }
    }

    private func listTopics() -> Int32 {
        let topics = Explain.topics.filter { topic in
            (provider.map { topic.providers.contains($0) } ?? true) && (algorithm.map { topic.algorithms?.contains($0) ?? true } ?? true)
        }
        switch output.format {
        case .json:
            // Every topic in full (docs/debugging.md is generated from the findings here).
            Frontend.writeOut(JSONWriter.pretty.string(Frontend.versioned(.object(["topics": .array(topics.map(\.json))]))) + "\n")
        case .text:
            var text = ""
            for kind in Explain.Kind.allCases {
                let ofKind = topics.filter { $0.kind == kind }
                guard !ofKind.isEmpty else { continue }
                text += ExplainText.heading(kind) + "\n"
                var seen: [String] = []
                for topic in ofKind {
                    let label = kind == .signingStep ? topic.algorithms.map { " (" + $0.map(\.rawValue).joined(separator: ", ") + ")" } ?? "" : " (" + topic.providers.map(\.rawValue).joined(separator: ", ") + ")"
                    let line = "  " + topic.name + label
                    if !seen.contains(line) { seen.append(line); text += line + "\n" }
                }
                text += "\n"
            }
            Frontend.writeOut(text)
        }
        return 0
    }

    private func explain(_ name: String) -> Int32 {
        switch Explain.lookup(name, provider: provider, algorithm: algorithm) {
        case .found(let topics):
            switch output.format {
            case .json:
                Frontend.writeOut(JSONWriter.pretty.string(Frontend.versioned(.object(["query": .string(name), "found": .bool(true), "topics": .array(topics.map(\.json))]))) + "\n")
            case .text:
                Frontend.writeOut(topics.map { ExplainText.render($0, style: Frontend.style) }.joined(separator: "\n"))
            }
            return 0
        case .unknown(let suggestions):
            let hint = suggestions.isEmpty ? "" : "; did you mean " + suggestions.map { "`\($0)`" }.joined(separator: ", ") + "?"
            if output.format == .json {
                Frontend.writeOut(JSONWriter.pretty.string(Frontend.versioned(.object(["query": .string(name), "found": .bool(false), "suggestions": .array(suggestions.map(JSONValue.string))]))) + "\n")
            }
            Frontend.writeError("sigscope: no topic \"\(name)\"\(hint) `sigscope explain --list` lists every topic.\n")
            return 1
        case .otherProvider(let topics):
            let owners = Set(topics.flatMap(\.providers)).sorted { $0.rawValue < $1.rawValue }.map(\.displayName).joined(separator: " and ")
            let names = Set(topics.flatMap { $0.algorithms ?? [] }).map(\.rawValue).sorted()
            let algorithms = names.count == 1 ? "the \(names[0]) algorithm" : "the algorithms " + names.joined(separator: ", ")
            if output.format == .json {
                Frontend.writeOut(JSONWriter.pretty.string(Frontend.versioned(.object(["query": .string(name), "found": .bool(false), "suggestions": .array([])]))) + "\n")
            }
            let which = algorithm != nil && !names.isEmpty ? " for \(algorithms)" : " for \(owners)"
            Frontend.writeError("sigscope: \"\(name)\" is explained only\(which); drop --provider / --algorithm to see it.\n")
            return 1
        }
    }
}

/// The text form of a topic.
enum ExplainText {
    static func heading(_ kind: Explain.Kind) -> String {
        switch kind {
        case .errorCode: return "Error codes"
        case .finding: return "verify findings"
        case .signingStep: return "Signing steps"
        }
    }

    static func render(_ topic: Explain.Topic, style: Style) -> String {
        var what: String
        switch topic.kind {
        case .errorCode: what = "\(topic.providers.map(\.displayName).joined(separator: ", ")) error code"
        case .finding: what = "verify finding (\(topic.providers.map(\.displayName).joined(separator: ", ")))"
        case .signingStep: what = "signing step of " + (topic.algorithms ?? []).map(\.specName).joined(separator: ", ")
        }
        var text = style.bold(topic.name) + "  — " + what + "\n"
        func field(_ label: String, _ value: String) {
            text += "  " + label + String(repeating: " ", count: max(1, 9 - label.count)) + value + "\n"
        }
        field("Meaning", topic.meaning)
        field("Cause", topic.cause)
        field("Fix", topic.fix)
        for (key, value) in topic.details where key != "algorithms" {
            field(detailLabel(key), value)
        }
        for (index, reference) in topic.references.enumerated() {
            field(index == 0 ? "See" : "", reference)
        }
        return text
    }

    private static func detailLabel(_ key: String) -> String {
        switch key {
        case "httpStatus": return "HTTP"
        case "documentedMessage": return "Message"
        case "category": return "Kind"
        case "retryable": return "Retry"
        case "source": return "Source"
        case "formula": return "Formula"
        default: return key
        }
    }
}
