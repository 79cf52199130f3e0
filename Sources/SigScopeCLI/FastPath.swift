import ArgumentParser
import SigScope
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `sign`, `curl`, `validate`, `verify` and `decode` read without argument-parser when their
/// command line is plain.
///
/// argument-parser builds its parser by reflecting over every command's properties before it
/// reads a single argument; for a one-shot `sigscope sign` that was most of the work left after
/// linking statically (and 93 % of a one-shot `decode`). A command line made only of the known
/// long options (each once, value as the next word), the known flags and at most one request
/// (or response) file is read here into the same option values. Anything else (help, version, `--name=value`, a repeated or unknown option, a
/// value argument-parser would reject or read differently, other commands) goes to
/// argument-parser, so its messages and exit codes stay the only ones users see.
enum FastPath {
    /// The parsed command, or nil to let argument-parser handle the arguments.
    static func parse(_ arguments: [String]) -> SignPipeline? {
        guard let first = arguments.first else { return nil }
        let mode: SignPipeline.Mode
        switch first {
        case "sign": mode = .sign
        case "curl": mode = .curl
        default: return nil
        }
        guard let words = PlainWords(arguments.dropFirst(), options: SignOption.count, slot: { SignOption(spelling: $0)?.rawValue },
                                     flags: ["--show-secrets", "--no-validate", "--batch"], repeatable: "--param") else { return nil }
        func value(_ option: SignOption) -> String? { words.value(option.rawValue) }
        var request = RequestSettings(requestFile: words.operand, action: value(.action), region: value(.region), params: words.repeated)
        var signing = SigningSettings()
        var format: OutputFormat?
        guard read(value(.provider), into: &request.provider), read(value(.algorithm), into: &signing.algorithm),
              read(value(.method), into: &signing.method), read(value(.format), into: &format) else { return nil }
        signing.endpoint = value(.endpoint)
        signing.timestamp = value(.timestamp)
        signing.nonce = value(.nonce)
        signing.secretId = value(.secretId)
        signing.secretKey = value(.secretKey)
        signing.token = value(.token)
        signing.apiVersion = value(.apiVersion)
        signing.service = value(.service)
        signing.bodyFile = value(.bodyFile)
        signing.contentType = value(.contentType)
        signing.signedHeaders = value(.signedHeaders)
        signing.language = value(.language)
        signing.showSecrets = words.flag(0)
        signing.noValidate = words.flag(1)
        signing.batch = words.flag(2)
        // A refused combination (--batch with --format text) is left to argument-parser's path,
        // which reports it.
        guard let resolved = try? SignPipeline.format(format, batch: signing.batch) else { return nil }
        return SignPipeline(requestOptions: request, signing: signing, format: resolved, mode: mode)
    }

    /// The long options of `sign` and `curl` that take one value (`--param`, repeatable, aside).
    enum SignOption: Int {
        case provider, action, region, algorithm, method, endpoint, timestamp, nonce, secretId, secretKey
        case token, apiVersion, service, bodyFile, contentType, signedHeaders, language, format

        /// How many there are (`format` is the last; `allCases` would build an array's metadata).
        static let count = SignOption.format.rawValue + 1

        init?(spelling: String) {
            switch spelling {
            case "--provider": self = .provider
            case "--action": self = .action
            case "--region": self = .region
            case "--algorithm": self = .algorithm
            case "--method": self = .method
            case "--endpoint": self = .endpoint
            case "--timestamp": self = .timestamp
            case "--nonce": self = .nonce
            case "--secret-id", "--access-key-id": self = .secretId
            case "--secret-key", "--access-key-secret": self = .secretKey
            case "--token": self = .token
            case "--api-version": self = .apiVersion
            case "--service": self = .service
            case "--body-file": self = .bodyFile
            case "--content-type": self = .contentType
            case "--signed-headers": self = .signedHeaders
            case "--language": self = .language
            case "--format": self = .format
            default: return nil
            }
        }
    }

    /// A plain `validate` command line. Its options (the request's and `--format`) are a subset
    /// of sign's, so it is read as sign's; a line that uses any signing option or switch is left
    /// to argument-parser, which refuses it for validate.
    static func parseValidate(_ arguments: [String]) -> (request: RequestSettings, format: OutputFormat)? {
        guard arguments.first == "validate", let read = parse(["sign"] + arguments.dropFirst()), read.signing == SigningSettings() else { return nil }
        return (read.requestOptions, read.format)
    }

    /// A plain `decode` command line: one response file and `--provider`, `--action`, `--entry`,
    /// `--format`; nil for anything else, including values `Decode.validate()` refuses
    /// (argument-parser then says why).
    static func parseDecode(_ arguments: [String]) -> DecodeSettings? {
        guard arguments.first == "decode",
              let words = PlainWords(arguments.dropFirst(), options: 4, slot: { word in
                  switch word {
                  case "--provider": 0
                  case "--action": 1
                  case "--entry": 2
                  case "--format": 3
                  default: nil
                  }
              }),
              let responseFile = words.operand else { return nil }
        var settings = DecodeSettings(responseFile: responseFile, action: words.value(1), format: .text)
        guard read(words.value(0), into: &settings.provider), read(words.value(2), into: &settings.entry),
              read(words.value(3), into: &settings.format), settings.problem == nil else { return nil }
        return settings
    }

    /// A plain `verify` command line: one capture file, the value options of `verify` and
    /// `--show-secrets`; nil for anything else.
    static func parseVerify(_ arguments: [String]) -> VerifySettings? {
        guard arguments.first == "verify",
              let words = PlainWords(arguments.dropFirst(), options: 7, slot: { word in
                  switch word {
                  case "--secret-key", "--access-key-secret": 0
                  case "--secret-id", "--access-key-id": 1
                  case "--token": 2
                  case "--now": 3
                  case "--server-error": 4
                  case "--entry": 5
                  case "--format": 6
                  default: nil
                  }
              }, flags: ["--show-secrets"]),
              let capture = words.operand else { return nil }
        var settings = VerifySettings(capture: capture, secretKey: words.value(0), secretId: words.value(1), token: words.value(2),
                                      now: words.value(3), serverError: words.value(4), showSecrets: words.flag(0))
        guard read(words.value(5), into: &settings.entry), read(words.value(6), into: &settings.format) else { return nil }
        return settings
    }

    /// Reads an option's value, when given, as argument-parser does (its `init(argument:)`);
    /// false for one it refuses.
    private static func read<Value: ExpressibleByArgument>(_ text: String?, into value: inout Value?) -> Bool {
        guard let text else { return true }
        guard let parsed = Value(argument: text) else { return false }
        value = parsed
        return true
    }

    /// The same for an option with a default.
    private static func read<Value: ExpressibleByArgument>(_ text: String?, into value: inout Value) -> Bool {
        var parsed: Value?
        guard read(text, into: &parsed) else { return false }
        if let parsed { value = parsed }
        return true
    }

    /// The words after a command's name when they are plain: each value option (`slot` gives its
    /// position, the same for all its spellings, nil for an unknown word) at most once with its
    /// value as the next word, one that does not look like an option; each flag at most once; at
    /// most one operand. Plain arrays rather than dictionaries and sets: a generic collection
    /// type's metadata is built at run time the first time it is used, a cost on every start.
    struct PlainWords {
        /// Each option's value, by slot ("" until given; `given` says which were).
        private var values: [String]
        private var given: UInt64 = 0
        private var flagsSet: UInt64 = 0
        var operand: String?
        /// The values of the one option that may be repeated, in order.
        var repeated: [String] = []

        /// The value of the option in `slot`, when it was given.
        func value(_ slot: Int) -> String? { given & (1 << slot) != 0 ? values[slot] : nil }

        /// True when the flag at `index` of the `flags` list was given.
        func flag(_ index: Int) -> Bool { flagsSet & (1 << index) != 0 }

        init?(_ arguments: ArraySlice<String>, options: Int, slot: (String) -> Int?, flags names: [String] = [], repeatable: String? = nil) {
            // Only [String] and bit masks: an array of optionals or of booleans would have its
            // type metadata built at run time on every one-shot start.
            values = Array(repeating: "", count: options)
            var index = arguments.startIndex
            while index < arguments.endIndex {
                let word = arguments[index]
                index += 1
                guard word.hasPrefix("-") && word != "-" else {
                    guard operand == nil else { return nil }
                    operand = word
                    continue
                }
                if let flag = names.firstIndex(of: word) {
                    guard flagsSet & (1 << flag) == 0 else { return nil }
                    flagsSet |= 1 << flag
                    continue
                }
                guard index < arguments.endIndex else { return nil }
                let value = arguments[index]
                index += 1
                // A value that looks like an option is argument-parser's to judge.
                if value.hasPrefix("-") && value != "-" { return nil }
                if word == repeatable {
                    repeated.append(value)
                    continue
                }
                guard let option = slot(word), given & (1 << option) == 0 else { return nil }
                given |= 1 << option
                values[option] = value
            }
        }
    }

    /// Runs a command and exits with its status, as `Frontend.guarded` and argument-parser would.
    static func runAndExit(_ command: () throws(SigScopeError) -> Int32) -> Never {
        var status: Int32
        do {
            status = try command()
        } catch {
            fflush(stdout)
            status = Frontend.fail(error).rawValue
        }
        Frontend.exitNow(status)
    }
}
