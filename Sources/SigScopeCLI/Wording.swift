import SigScope

/// The CLI's words for the library's inputs: the library's errors, notes, findings and advice
/// name an input structurally (`SigScopeError.Subject`), and every one of them reaches the
/// user through this table, which names it as the option that sets it.
///
/// A name (`\(.body)` in the library's text) becomes the option (`--body-file`); an aside
/// (`\(aside: .region)`) becomes " (--region, or "region" in the request file)".
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
        }
    }

    /// The option's spelling for `subject`: Alibaba's `--access-key-id` / `--access-key-secret` for its key id and secret, the long name otherwise.
    static func flag(_ subject: SigScopeError.Subject) -> String {
        let option = option(subject)
        return "--" + (subject == .accessKeyId || subject == .accessKeySecret ? option.aliases[0] : option.rawValue)
    }

    /// What an aside says: the option, and where the value can come from besides it.
    static func aside(_ subject: SigScopeError.Subject) -> String {
        let flag = flag(subject)
        switch subject {
        case .provider, .action, .region: return "\(flag), or \"\(subject.rawValue)\" in the request file"
        case .secretId: return "\(flag) or \(Provider.tencent.profile.environment.secretId)"
        case .accessKeyId: return "\(flag) or \(Provider.aliyun.profile.environment.secretId)"
        default: return flag
        }
    }

    /// `message` in the CLI's words.
    static func words(_ message: SigScopeMessage) -> String {
        message.worded(naming: flag, asides: aside)
    }

    /// `message` in the CLI's words, as a message that names no input any more.
    static func worded(_ message: SigScopeMessage) -> SigScopeMessage {
        message.namesInputs ? SigScopeMessage(verbatim: words(message)) : message
    }

    /// `error`'s message in the CLI's words: `sigscope: error: MESSAGE`.
    static func description(_ error: SigScopeError) -> String {
        error.description(naming: flag, asides: aside)
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

    /// `report` with its findings' sentences in the CLI's words.
    static func worded(_ report: ValidationReport) -> ValidationReport {
        guard report.violations.contains(where: \.text.namesInputs) || report.warnings.contains(where: \.text.namesInputs) else { return report }
        var worded = report
        for i in worded.violations.indices { worded.violations[i].text = Self.worded(worded.violations[i].text) }
        for i in worded.warnings.indices { worded.warnings[i].text = Self.worded(worded.warnings[i].text) }
        return worded
    }
}
