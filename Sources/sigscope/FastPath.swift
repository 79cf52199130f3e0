import ArgumentParser
import SigScope
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `sign`, `curl`, `validate` and `decode` read without argument-parser when their command line is plain.
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
    /// `--format`, each at most once with its value as the next word; nil for anything else,
    /// including values `Decode.validate()` refuses (argument-parser then says why).
    static func parseDecode(_ arguments: [String]) -> DecodeSettings? {
        guard arguments.first == "decode" else { return nil }
        var provider, action, entry, format, responseFile: String?
        var index = 1
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            guard word.hasPrefix("-") && word != "-" else {
                guard responseFile == nil else { return nil }
                responseFile = word
                continue
            }
            guard index < arguments.count else { return nil }
            let value = arguments[index]
            index += 1
            if value.hasPrefix("-") && value != "-" { return nil }
            func store(_ slot: inout String?) -> Bool {
                guard slot == nil else { return false }
                slot = value
                return true
            }
            let stored: Bool
            switch word {
            case "--provider": stored = store(&provider)
            case "--action": stored = store(&action)
            case "--entry": stored = store(&entry)
            case "--format": stored = store(&format)
            default: return nil
            }
            guard stored else { return nil }
        }
        guard let responseFile else { return nil }
        var settings = DecodeSettings(responseFile: responseFile, format: .text)
        if let provider {
            guard let parsed = Provider(argument: provider) else { return nil }
            settings.provider = parsed
        }
        if let action {
            guard !action.allSatisfy({ $0 == " " }) else { return nil }
            settings.action = action
        }
        if let entry {
            guard let parsed = Int(argument: entry), parsed >= 0 else { return nil }
            settings.entry = parsed
        }
        if let format {
            guard let parsed = OutputFormat(argument: format) else { return nil }
            settings.format = parsed
        }
        return settings
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
