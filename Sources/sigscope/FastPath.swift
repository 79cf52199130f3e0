import ArgumentParser
import SigScope
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `sign` and `curl` read without argument-parser when their command line is plain.
///
/// argument-parser builds its parser by reflecting over every command's properties before it
/// reads a single argument; for a one-shot `sigscope sign` that was most of the work left after
/// linking statically. A command line made only of the known long options (each once, value as
/// the next word), the known flags and at most one request file is read here into the same
/// option values. Anything else (help, version, `--name=value`, a repeated or unknown option, a
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
        var request = RequestOptions()
        var signing = SigningOptionGroup()
        var format = OutputFormat.text
        var values: [String: String] = [:]
        var params: [String] = []
        var flags: Set<String> = []
        var requestFile: String?
        var index = 1
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word.hasPrefix("-") && word != "-" {
                if flagNames.contains(word) {
                    guard flags.insert(word).inserted else { return nil }
                    continue
                }
                guard let name = optionNames[word], index < arguments.count else { return nil }
                let value = arguments[index]
                index += 1
                // A value that looks like an option is argument-parser's to judge.
                if value.hasPrefix("-") && value != "-" { return nil }
                if name == "param" {
                    params.append(value)
                } else {
                    guard values.updateValue(value, forKey: name) == nil else { return nil }
                }
            } else {
                guard requestFile == nil else { return nil }
                requestFile = word
            }
        }
        request.requestFile = requestFile
        request.params = params
        request.action = values["action"]
        request.region = values["region"]
        if let text = values["provider"] {
            guard let provider = Provider(argument: text) else { return nil }
            request.provider = provider
        } else {
            request.provider = nil
        }
        if let text = values["algorithm"] {
            guard let algorithm = SignatureAlgorithm(argument: text) else { return nil }
            signing.algorithm = algorithm
        } else {
            signing.algorithm = nil
        }
        if let text = values["method"] {
            guard let method = HTTPMethod(argument: text) else { return nil }
            signing.method = method
        } else {
            signing.method = nil
        }
        if let text = values["format"] {
            guard let parsed = OutputFormat(argument: text) else { return nil }
            format = parsed
        }
        signing.endpoint = values["endpoint"]
        signing.timestamp = values["timestamp"]
        signing.nonce = values["nonce"]
        signing.secretId = values["secret-id"]
        signing.secretKey = values["secret-key"]
        signing.token = values["token"]
        signing.apiVersion = values["api-version"]
        signing.service = values["service"]
        signing.bodyFile = values["body-file"]
        signing.contentType = values["content-type"]
        signing.signedHeaders = values["signed-headers"]
        signing.language = values["language"]
        signing.showSecrets = flags.contains("--show-secrets")
        signing.noValidate = flags.contains("--no-validate")
        signing.batch = flags.contains("--batch")
        return SignPipeline(requestOptions: request, signing: signing, format: signing.batch ? .json : format, mode: mode)
    }

    /// The long options of `sign` and `curl` that take a value, by the key they are stored under.
    static let optionNames: [String: String] = [
        "--provider": "provider", "--action": "action", "--region": "region", "--param": "param",
        "--algorithm": "algorithm", "--method": "method", "--endpoint": "endpoint", "--timestamp": "timestamp",
        "--nonce": "nonce", "--secret-id": "secret-id", "--access-key-id": "secret-id",
        "--secret-key": "secret-key", "--access-key-secret": "secret-key", "--token": "token",
        "--api-version": "api-version", "--service": "service", "--body-file": "body-file",
        "--content-type": "content-type", "--signed-headers": "signed-headers", "--language": "language",
        "--format": "format",
    ]

    /// The flags of `sign` and `curl`.
    static let flagNames: Set<String> = ["--show-secrets", "--no-validate", "--batch"]

    /// Runs the pipeline and exits with its status, as `Frontend.guarded` and argument-parser would.
    static func runAndExit(_ pipeline: SignPipeline) -> Never {
        var status: Int32
        do {
            status = try pipeline.run()
        } catch {
            fflush(stdout)
            status = Frontend.fail(error).rawValue
        }
        fflush(stdout)
        exit(status)
    }
}
