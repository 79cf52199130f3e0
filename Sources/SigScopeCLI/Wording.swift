import SigScope

/// The CLI's words for the library's inputs: the library's errors, notes, findings and advice
/// name an input structurally (`SigScopeError.Subject`), and every one of them reaches the
/// user through this table, which names it as the option that sets it.
///
/// A name (`\(.body)` in the library's text) becomes the option (`--body-file`); an aside
/// (`\(aside: .region)`) becomes " (--region, or "region" in the request file)"; an entry
/// point (`\(operation: .verify, with: [.serverError])`) becomes the command line that runs it
/// (`` `sigscope verify --server-error` ``).
enum Wording {
    /// The option that sets `subject`.
    static func option(_ subject: SigScopeError.Subject) -> LongOption {
        switch subject {
        case .provider: .provider
        case .action: .action
        case .region: .region
        case .params: .param
        case .algorithm: .algorithm
        case .method: .method
        case .endpoint: .endpoint
        case .service: .service
        case .apiVersion: .apiVersion
        case .body: .bodyFile
        case .contentType: .contentType
        case .signedHeaders: .signedHeaders
        case .language: .language
        case .timestamp: .timestamp
        case .nonce: .nonce
        case .secretId, .accessKeyId: .secretId
        case .secretKey, .accessKeySecret: .secretKey
        case .token: .token
        case .secretKeyFile: .secretKeyFile
        case .profile: .profile
        case .targetProvider: .to
        case .targetRegion: .targetRegion
        case .setParam: .set
        case .context: .context
        case .now: .now
        case .harEntry: .entry
        case .allHAREntries: .allEntries
        case .showSecrets: .showSecrets
        case .serverError: .serverError
        }
    }

    /// The command that runs `operation`.
    static func command(_ operation: SigScopeMessage.Operation) -> String {
        switch operation {
        case .sign: "sign"
        case .verify: "verify"
        case .validate: "validate"
        case .decode: "decode"
        }
    }

    /// The command line that runs `operation` with `inputs` given, in code quotes: `` `sigscope verify --server-error` ``.
    static func commandLine(_ operation: SigScopeMessage.Operation, _ inputs: [SigScopeError.Subject]) -> String {
        "`" + (["sigscope", command(operation)] + inputs.map(flag)).joined(separator: " ") + "`"
    }

    /// The option's spelling for `subject`: Alibaba's `--access-key-id` / `--access-key-secret` for its key id and secret, the long name otherwise.
    static func flag(_ subject: SigScopeError.Subject) -> String {
        let option = option(subject)
        return "--" + (subject == .accessKeyId || subject == .accessKeySecret ? option.aliases[0] : option.rawValue)
    }

    /// What an aside says: the option, and where the value can come from besides it (each
    /// option in code quotes when `code`, as the documentation catalogues write them).
    static func aside(_ subject: SigScopeError.Subject, code: Bool) -> String {
        let flag = code ? "`" + flag(subject) + "`" : flag(subject)
        switch subject {
        case .provider, .action, .region: return "\(flag), or \"\(subject.rawValue)\" in the request file"
        case .secretId: return "\(flag) or \(Provider.tencent.profile.environment.secretId)"
        case .accessKeyId: return "\(flag) or \(Provider.aliyun.profile.environment.secretId)"
        case .now:
            // `verify` judges against the clock unless told otherwise.
            let noClock = "--" + LongOption.noClock.rawValue
            return "the clock, or \(flag) when given; \(code ? "`" + noClock + "`" : noClock): not judged"
        default: return flag
        }
    }

    static func aside(_ subject: SigScopeError.Subject) -> String {
        aside(subject, code: false)
    }

    /// `message` in the CLI's words.
    static func words(_ message: SigScopeMessage) -> String {
        message.worded(naming: flag, asides: aside, operations: commandLine)
    }

    /// `message` in the CLI's words as its documentation writes them (`explain`,
    /// docs/debugging.md): each option in code quotes (`` `--token` ``).
    static func documentation(_ message: SigScopeMessage) -> String {
        message.worded(naming: { "`" + flag($0) + "`" }, asides: { aside($0, code: true) }, operations: commandLine)
    }

    /// `message` in the CLI's words, as a message that names no input any more.
    static func worded(_ message: SigScopeMessage) -> SigScopeMessage {
        message.namesInputs ? SigScopeMessage(verbatim: words(message)) : message
    }

    /// `error`'s message in the CLI's words: `sigscope: error: MESSAGE`.
    static func description(_ error: SigScopeError) -> String {
        error.description(naming: flag, asides: aside, operations: commandLine)
    }

    /// `error`'s reason in the CLI's words (JSON's `message`).
    static func reason(_ error: SigScopeError) -> String {
        words(error.message)
    }

    /// `report` with its findings and notes in the CLI's words.
    static func worded(_ report: VerifyReport) -> VerifyReport {
        var worded = report
        worded.notes = report.notes.map(Self.worded)
        for i in worded.findings.indices {
            worded.findings[i].text = Self.worded(worded.findings[i].text)
        }
        return worded
    }

    /// `result` with its notes, reasons and validation in the CLI's words, and the parameters
    /// `--set` gave coming from `--set`.
    static func worded(_ result: ENITranslation.Result) -> ENITranslation.Result {
        var worded = result
        for i in worded.mappings.indices {
            if worded.mappings[i].from == ENITranslation.Mapping.given { worded.mappings[i].from = flag(.setParam) }
            worded.mappings[i].note = worded.mappings[i].note.map(Self.worded)
        }
        for i in worded.unmapped.indices { worded.unmapped[i].reason = Self.worded(worded.unmapped[i].reason) }
        worded.validation = Self.worded(result.validation)
        return worded
    }

    /// `decoded` with its error's catalog hint in the CLI's words.
    static func worded(_ decoded: DecodedResponse) -> DecodedResponse {
        guard let hint = decoded.error?.catalog?.entry.hint, hint.namesInputs else { return decoded }
        var worded = decoded
        worded.error?.catalog?.entry.hint = Self.worded(hint)
        return worded
    }

    /// `report` with its findings' sentences in the CLI's words.
    static func worded(_ report: ValidationReport) -> ValidationReport {
        guard report.violations.contains(where: \.text.namesInputs) || report.warnings.contains(where: \.text.namesInputs) else { return report }
        var worded = report
        for i in worded.violations.indices { worded.violations[i].text = Self.worded(worded.violations[i].text) }
        for i in worded.warnings.indices { worded.warnings[i].text = Self.worded(worded.warnings[i].text) }
        return worded
    }
}
