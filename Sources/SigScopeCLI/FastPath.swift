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
        guard let words = PlainWords(arguments.dropFirst(), table: .sign) else { return nil }
        func value(_ option: LongOption) -> String? { words.value(option) }
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
        signing.showSecrets = words.flag(.showSecrets)
        signing.noValidate = words.flag(.noValidate)
        signing.batch = words.flag(.batch)
        // A refused combination (--batch with --format text) is left to argument-parser's path,
        // which reports it.
        guard let resolved = try? SignPipeline.format(format, batch: signing.batch) else { return nil }
        return SignPipeline(requestOptions: request, signing: signing, format: resolved, mode: mode)
    }

    /// The options FastPath reads for one command: those that take one value, the flags, and
    /// the one that may be repeated. Everything else is left to argument-parser.
    struct Table {
        let values: [LongOption]
        let flags: [LongOption]
        var repeatable: LongOption? = nil

        /// `sign` and `curl`.
        static let sign = Table(values: [.provider, .action, .region, .algorithm, .method, .endpoint, .timestamp, .nonce, .secretId,
                                         .secretKey, .token, .apiVersion, .service, .bodyFile, .contentType, .signedHeaders, .language,
                                         .format],
                                flags: [.showSecrets, .noValidate, .batch], repeatable: .param)
        /// `decode`.
        static let decode = Table(values: [.provider, .action, .entry, .format], flags: [])
        /// `verify`.
        static let verify = Table(values: [.secretKey, .secretId, .token, .now, .serverError, .entry, .format], flags: [.showSecrets])
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
              let words = PlainWords(arguments.dropFirst(), table: .decode),
              let responseFile = words.operand else { return nil }
        var settings = DecodeSettings(responseFile: responseFile, action: words.value(.action), format: .text)
        guard read(words.value(.provider), into: &settings.provider), read(words.value(.entry), into: &settings.entry),
              read(words.value(.format), into: &settings.format), settings.problem == nil else { return nil }
        return settings
    }

    /// A plain `verify` command line: one capture file, the value options of `verify` and
    /// `--show-secrets`; nil for anything else.
    static func parseVerify(_ arguments: [String]) -> VerifySettings? {
        guard arguments.first == "verify",
              let words = PlainWords(arguments.dropFirst(), table: .verify),
              let capture = words.operand else { return nil }
        var settings = VerifySettings(capture: capture, secretKey: words.value(.secretKey), secretId: words.value(.secretId),
                                      token: words.value(.token), now: words.value(.now), serverError: words.value(.serverError),
                                      showSecrets: words.flag(.showSecrets))
        guard read(words.value(.entry), into: &settings.entry), read(words.value(.format), into: &settings.format) else { return nil }
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

    /// The words after a command's name when they are plain: each value option of `table` at
    /// most once with its value as the next word, one that does not look like an option; each
    /// flag at most once; the repeatable option any number of times; at most one operand. Any
    /// other word that starts with `-` makes the line argument-parser's. Plain arrays and bit
    /// masks rather than dictionaries and sets: a generic collection type's metadata is built at
    /// run time the first time it is used, a cost on every start.
    struct PlainWords {
        private let table: Table
        /// Each option's value, by its position in `table.values` ("" until given; `given` says which were).
        private var values: [String]
        private var given: UInt64 = 0
        private var flagsSet: UInt64 = 0
        var operand: String?
        /// The values of the one option that may be repeated, in order.
        var repeated: [String] = []

        /// The value of `option`, when it was given.
        func value(_ option: LongOption) -> String? {
            guard let slot = table.values.firstIndex(of: option), given & (1 << slot) != 0 else { return nil }
            return values[slot]
        }

        /// True when the flag `option` was given.
        func flag(_ option: LongOption) -> Bool {
            guard let index = table.flags.firstIndex(of: option) else { return false }
            return flagsSet & (1 << index) != 0
        }

        init?(_ arguments: ArraySlice<String>, table: Table) {
            self.table = table
            values = Array(repeating: "", count: table.values.count)
            var index = arguments.startIndex
            while index < arguments.endIndex {
                let word = arguments[index]
                index += 1
                guard word.hasPrefix("-") && word != "-" else {
                    guard operand == nil else { return nil }
                    operand = word
                    continue
                }
                guard let option = LongOption(spelling: word) else { return nil }
                if let flag = table.flags.firstIndex(of: option) {
                    guard flagsSet & (1 << flag) == 0 else { return nil }
                    flagsSet |= 1 << flag
                    continue
                }
                guard index < arguments.endIndex else { return nil }
                let value = arguments[index]
                index += 1
                // A value that looks like an option is argument-parser's to judge.
                if value.hasPrefix("-") && value != "-" { return nil }
                if option == table.repeatable {
                    repeated.append(value)
                    continue
                }
                guard let slot = table.values.firstIndex(of: option), given & (1 << slot) == 0 else { return nil }
                given |= 1 << slot
                values[slot] = value
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
