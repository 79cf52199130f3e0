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
        // Plain values and switches rather than dictionaries and sets: a generic collection type's
        // metadata is built at run time the first time it is used, a cost on every one-shot start.
        var values = Values()
        var params: [String] = []
        var showSecrets = false, noValidate = false, batch = false
        var requestFile: String?
        var index = 1
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word.hasPrefix("-") && word != "-" {
                switch word {
                case "--show-secrets":
                    guard !showSecrets else { return nil }
                    showSecrets = true
                    continue
                case "--no-validate":
                    guard !noValidate else { return nil }
                    noValidate = true
                    continue
                case "--batch":
                    guard !batch else { return nil }
                    batch = true
                    continue
                default:
                    break
                }
                guard index < arguments.count else { return nil }
                let value = arguments[index]
                index += 1
                // A value that looks like an option is argument-parser's to judge.
                if value.hasPrefix("-") && value != "-" { return nil }
                if word == "--param" {
                    params.append(value)
                } else {
                    guard values.set(word, value) else { return nil }
                }
            } else {
                guard requestFile == nil else { return nil }
                requestFile = word
            }
        }
        var request = RequestSettings()
        var signing = SigningSettings()
        var format: OutputFormat?
        request.requestFile = requestFile
        request.params = params
        request.action = values.action
        request.region = values.region
        if let text = values.provider {
            guard let provider = Provider(argument: text) else { return nil }
            request.provider = provider
        } else {
            request.provider = nil
        }
        if let text = values.algorithm {
            guard let algorithm = SignatureAlgorithm(argument: text) else { return nil }
            signing.algorithm = algorithm
        } else {
            signing.algorithm = nil
        }
        if let text = values.method {
            guard let method = HTTPMethod(argument: text) else { return nil }
            signing.method = method
        } else {
            signing.method = nil
        }
        if let text = values.format {
            guard let parsed = OutputFormat(argument: text) else { return nil }
            format = parsed
        }
        signing.endpoint = values.endpoint
        signing.timestamp = values.timestamp
        signing.nonce = values.nonce
        signing.secretId = values.secretId
        signing.secretKey = values.secretKey
        signing.token = values.token
        signing.apiVersion = values.apiVersion
        signing.service = values.service
        signing.bodyFile = values.bodyFile
        signing.contentType = values.contentType
        signing.signedHeaders = values.signedHeaders
        signing.language = values.language
        signing.showSecrets = showSecrets
        signing.noValidate = noValidate
        signing.batch = batch
        // A refused combination (--batch with --format text) is left to argument-parser's path,
        // which reports it.
        guard let resolved = try? SignPipeline.format(format, batch: signing.batch) else { return nil }
        return SignPipeline(requestOptions: request, signing: signing, format: resolved, mode: mode)
    }

    /// The long options of `sign` and `curl` that take one value (`--param`, repeatable, aside).
    struct Values {
        var provider, action, region, algorithm, method, endpoint, timestamp, nonce: String?
        var secretId, secretKey, token, apiVersion, service, bodyFile, contentType, signedHeaders, language, format: String?

        /// Stores the value of `option`; false for an unknown option or one given twice.
        mutating func set(_ option: String, _ value: String) -> Bool {
            func store(_ slot: inout String?) -> Bool {
                guard slot == nil else { return false }
                slot = value
                return true
            }
            switch option {
            case "--provider": return store(&provider)
            case "--action": return store(&action)
            case "--region": return store(&region)
            case "--algorithm": return store(&algorithm)
            case "--method": return store(&method)
            case "--endpoint": return store(&endpoint)
            case "--timestamp": return store(&timestamp)
            case "--nonce": return store(&nonce)
            case "--secret-id", "--access-key-id": return store(&secretId)
            case "--secret-key", "--access-key-secret": return store(&secretKey)
            case "--token": return store(&token)
            case "--api-version": return store(&apiVersion)
            case "--service": return store(&service)
            case "--body-file": return store(&bodyFile)
            case "--content-type": return store(&contentType)
            case "--signed-headers": return store(&signedHeaders)
            case "--language": return store(&language)
            case "--format": return store(&format)
            default: return false
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
              let words = PlainWords(arguments.dropFirst(), options: [["--provider"], ["--action"], ["--entry"], ["--format"]]),
              let responseFile = words.operand else { return nil }
        var settings = DecodeSettings(responseFile: responseFile, format: .text)
        if let provider = words.values[0] {
            guard let parsed = Provider(argument: provider) else { return nil }
            settings.provider = parsed
        }
        if let action = words.values[1] {
            guard !action.allSatisfy({ $0 == " " }) else { return nil }
            settings.action = action
        }
        guard read(entry: words.values[2], into: &settings.entry), read(format: words.values[3], into: &settings.format) else { return nil }
        return settings
    }

    /// A plain `verify` command line: one capture file, the value options of `verify` and
    /// `--show-secrets`; nil for anything else.
    static func parseVerify(_ arguments: [String]) -> VerifySettings? {
        let options = [["--secret-key", "--access-key-secret"], ["--secret-id", "--access-key-id"], ["--token"], ["--now"],
                       ["--server-error"], ["--entry"], ["--format"]]
        guard arguments.first == "verify",
              let words = PlainWords(arguments.dropFirst(), options: options, flags: ["--show-secrets"]),
              let capture = words.operand else { return nil }
        var settings = VerifySettings(capture: capture, secretKey: words.values[0], secretId: words.values[1], token: words.values[2],
                                      now: words.values[3], serverError: words.values[4], showSecrets: words.flags[0])
        guard read(entry: words.values[5], into: &settings.entry), read(format: words.values[6], into: &settings.format) else { return nil }
        return settings
    }

    /// Reads `--entry`'s value, when given, as argument-parser does (an integer, 0 or more);
    /// false for one it refuses.
    private static func read(entry text: String?, into entry: inout Int?) -> Bool {
        guard let text else { return true }
        guard let parsed = Int(argument: text), parsed >= 0 else { return false }
        entry = parsed
        return true
    }

    /// Reads `--format`'s value, when given; false for one argument-parser refuses.
    private static func read(format text: String?, into format: inout OutputFormat) -> Bool {
        guard let text else { return true }
        guard let parsed = OutputFormat(argument: text) else { return false }
        format = parsed
        return true
    }

    /// The words after a command's name when they are plain: each value option (given by all its
    /// spellings) at most once with its value as the next word, one that does not look like an
    /// option; each flag at most once; at most one operand. Arrays, not a dictionary: see `parse`.
    struct PlainWords {
        var values: [String?]
        var flags: [Bool]
        var operand: String?

        init?(_ arguments: ArraySlice<String>, options: [[String]], flags names: [String] = []) {
            values = Array(repeating: nil, count: options.count)
            flags = Array(repeating: false, count: names.count)
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
                    guard !flags[flag] else { return nil }
                    flags[flag] = true
                    continue
                }
                guard let option = options.firstIndex(where: { $0.contains(word) }), values[option] == nil, index < arguments.endIndex else { return nil }
                let value = arguments[index]
                index += 1
                // A value that looks like an option is argument-parser's to judge.
                if value.hasPrefix("-") && value != "-" { return nil }
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
