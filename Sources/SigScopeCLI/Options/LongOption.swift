import ArgumentParser

/// Every long option of every command, declared once.
///
/// argument-parser's declarations name their option with `name: .long(.secretId)`, and
/// FastPath's tables list these cases, so a spelling cannot differ between the two readings of
/// a command line. `FastPathTests` compares FastPath's tables with argument-parser's own dump
/// of each command (`--experimental-dump-help`).
enum LongOption: String, CaseIterable {
    case provider, action, region, param, algorithm, method, endpoint, timestamp, nonce
    case secretId = "secret-id", secretKey = "secret-key", token
    case showSecrets = "show-secrets", noValidate = "no-validate", batch
    case apiVersion = "api-version", service, bodyFile = "body-file", contentType = "content-type"
    case signedHeaders = "signed-headers", language, format
    case now, serverError = "server-error", entry
    case noClock = "no-clock", allEntries = "all-entries"
    case secretKeyFile = "secret-key-file", profile
    case to, targetRegion = "target-region", set, list
    case context

    /// Other spellings of the same option (Alibaba's names for the key id and secret).
    var aliases: [String] {
        switch self {
        case .secretId: ["access-key-id"]
        case .secretKey: ["access-key-secret"]
        default: []
        }
    }

    /// The option a command-line word spells (`--secret-id`, `--access-key-id`, …), if any.
    ///
    /// Found by comparing with each case's name and aliases rather than with `init(rawValue:)`:
    /// a `switch` over this many strings builds the standard library's string-switch table (a
    /// dictionary) the first time it runs, about 0.39 M instructions, a sixth of a one-shot `sign`.
    init?(spelling word: String) {
        guard word.hasPrefix("--") else { return nil }
        let name = String(word.dropFirst(2))
        for option in LongOption.allCases where option.rawValue == name || option.aliases.contains(name) {
            self = option
            return
        }
        return nil
    }
}

extension NameSpecification {
    /// The long name of `option` and its aliases, for an `@Option` or `@Flag` declaration.
    static func long(_ option: LongOption) -> NameSpecification {
        NameSpecification([.customLong(option.rawValue)] + option.aliases.map { .customLong($0) })
    }
}
