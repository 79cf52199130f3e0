import Foundation
import Testing
@testable import SigScopeCLI

/// The plain `sign`/`curl` command lines read without argument-parser must give exactly the
/// options argument-parser gives, and everything else must be left to argument-parser.
@Suite("fast command line")
struct FastPathTests {
    /// Every option value the pipeline reads, in one comparable list.
    static func summary(_ p: SignPipeline) -> [String] {
        let r = p.requestOptions, s = p.signing
        func show<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "nil" }
        return ["\(p.mode)", "\(p.format)", show(r.requestFile), show(r.provider), show(r.action), show(r.region), r.params.joined(separator: "|"),
                show(s.algorithm), show(s.method), show(s.endpoint), show(s.timestamp), show(s.nonce), show(s.secretId), show(s.secretKey),
                show(s.token), "\(s.showSecrets)", "\(s.noValidate)", show(s.apiVersion), show(s.service), show(s.bodyFile),
                show(s.contentType), show(s.signedHeaders), show(s.language), "\(s.batch)"]
    }

    static func viaArgumentParser(_ arguments: [String]) throws -> SignPipeline {
        let command = try SigScopeCLI.parseAsRoot(arguments)
        if let sign = command as? Sign {
            return SignPipeline(requestOptions: RequestSettings(sign.request), signing: SigningSettings(sign.signing),
                                format: try SignPipeline.format(sign.output.given, batch: sign.signing.batch), mode: .sign)
        }
        let curl = try #require(command as? Curl)
        return SignPipeline(requestOptions: RequestSettings(curl.request), signing: SigningSettings(curl.signing),
                            format: try SignPipeline.format(curl.output.given, batch: curl.signing.batch), mode: .curl)
    }

    static let plain: [[String]] = [
        ["sign", "examples/tencent-create-eni.json"],
        ["sign", "req.json", "--format", "json", "--timestamp", "1551113065", "--secret-id", "AKID", "--secret-key", "k"],
        ["curl", "-", "--batch", "--access-key-id", "id", "--access-key-secret", "s", "--provider", "aliyun", "--algorithm", "acs3"],
        ["sign", "--provider", "aliyun", "--action", "DescribeRegions", "--param", "Format=XML", "--param", "RegionId=cn-hangzhou", "--no-validate"],
        ["sign", "--method", "get", "--endpoint", "http://127.0.0.1:8080", "--service", "cvm", "--api-version", "2017-03-12", "--token", "t",
         "--body-file", "-", "--content-type", "application/json; charset=utf-8", "--signed-headers", "content-type;host;x-tc-action",
         "--language", "en-US", "--nonce", "n", "--show-secrets", "--region", "ap-guangzhou", "x.json"],
        ["curl", "--format", "text", "--provider", "tencent", "--algorithm", "hmac-sha256"],
    ]

    @Test("plain sign and curl command lines give argument-parser's option values", arguments: plain)
    func sameValues(_ arguments: [String]) throws {
        let fast = try #require(FastPath.parse(arguments))
        #expect(Self.summary(fast) == Self.summary(try Self.viaArgumentParser(arguments)))
    }

    static let leftToArgumentParser: [[String]] = [
        [], ["--version"], ["--help"], ["validate", "x.json"], ["decode", "x.json"], ["sign", "--help"], ["sign", "-h"],
        ["sign", "--format=json"], ["sign", "--format", "xml"], ["sign", "--provider", "aws"], ["sign", "--method", "PUT"],
        ["sign", "--algorithm", "v4"], ["sign", "a.json", "b.json"], ["sign", "--batch", "--batch"], ["sign", "--nonce", "1", "--nonce", "2"],
        ["sign", "--secret-id", "a", "--access-key-id", "b"], ["sign", "--timestamp"], ["sign", "--timestamp", "-5"], ["sign", "--unknown", "v"],
        ["sign", "--", "x.json"], ["curl", "-x"], ["sign", "x.jsonl", "--batch", "--format", "text"],
    ]

    @Test("anything else is left to argument-parser", arguments: leftToArgumentParser)
    func fallsBack(_ arguments: [String]) {
        #expect(FastPath.parse(arguments) == nil)
    }

    // MARK: - decode

    static func decodeSummary(_ d: DecodeSettings) -> String {
        "\(d.responseFile) \(d.provider.map { "\($0)" } ?? "nil") \(d.action ?? "nil") \(d.entry.map(String.init) ?? "nil") \(d.format)"
    }

    static let plainDecode: [[String]] = [
        ["decode", "response.json"],
        ["decode", "-", "--format", "json"],
        ["decode", "--provider", "aliyun", "--action", "CreateNetworkInterface", "body.xml"],
        ["decode", "session.har", "--entry", "3", "--format", "text", "--provider", "tencent"],
        ["decode", "x", "--entry", "+2"],
    ]

    @Test("plain decode command lines give argument-parser's option values", arguments: plainDecode)
    func sameDecodeValues(_ arguments: [String]) throws {
        let fast = try #require(FastPath.parseDecode(arguments))
        let decode = try #require(try SigScopeCLI.parseAsRoot(arguments) as? Decode)
        let parsed = DecodeSettings(responseFile: decode.responseFile, provider: decode.provider, action: decode.action, entry: decode.entry, format: decode.output.format)
        #expect(Self.decodeSummary(fast) == Self.decodeSummary(parsed))
    }

    static let decodeLeftToArgumentParser: [[String]] = [
        ["decode"], ["decode", "--help"], ["decode", "a", "b"], ["decode", "a", "--entry", "-1"], ["decode", "a", "--entry", "x"],
        ["decode", "a", "--provider", "aws"], ["decode", "a", "--format", "xml"], ["decode", "a", "--action", " "],
        ["decode", "a", "--entry", "1", "--entry", "2"], ["decode", "a", "--format=json"], ["decode", "a", "--entry"], ["decode", "a", "--verbose"],
        ["sign", "a"], ["validate", "a"],
    ]

    @Test("any other decode command line is left to argument-parser", arguments: decodeLeftToArgumentParser)
    func decodeFallsBack(_ arguments: [String]) {
        #expect(FastPath.parseDecode(arguments) == nil)
    }

    // MARK: - validate

    static let plainValidate: [[String]] = [
        ["validate", "examples/tencent-invalid.json"],
        ["validate", "-", "--format", "json"],
        ["validate", "--provider", "aliyun", "--param", "RegionId=cn-hangzhou", "--param", "VSwitchId=vsw-1", "--action", "CreateNetworkInterface"],
        ["validate", "x.json", "--region", "ap-guangzhou", "--format", "text"],
    ]

    @Test("plain validate command lines give argument-parser's option values", arguments: plainValidate)
    func sameValidateValues(_ arguments: [String]) throws {
        let fast = try #require(FastPath.parseValidate(arguments))
        let validate = try #require(try SigScopeCLI.parseAsRoot(arguments) as? Validate)
        let r = RequestSettings(validate.request)
        #expect("\(fast.request.requestFile ?? "nil") \(fast.request.provider.map { "\($0)" } ?? "nil") \(fast.request.action ?? "nil") \(fast.request.region ?? "nil") \(fast.request.params) \(fast.format)"
                == "\(r.requestFile ?? "nil") \(r.provider.map { "\($0)" } ?? "nil") \(r.action ?? "nil") \(r.region ?? "nil") \(r.params) \(validate.output.format)")
    }

    static let validateLeftToArgumentParser: [[String]] = [
        ["validate", "--help"], ["validate", "x.json", "--secret-id", "a"], ["validate", "x.json", "--batch"], ["validate", "x.json", "--no-validate"],
        ["validate", "x.json", "--timestamp", "1"], ["validate", "a", "b"], ["validate", "x.json", "--format", "yaml"], ["validate", "x.json", "--verbose"],
        ["sign", "x.json"], ["decode", "x.json"],
    ]

    @Test("a validate command line with anything but request options and --format is left to argument-parser", arguments: validateLeftToArgumentParser)
    func validateFallsBack(_ arguments: [String]) {
        #expect(FastPath.parseValidate(arguments) == nil)
    }

    // MARK: - verify

    static func verifySummary(_ v: VerifySettings) -> String {
        [v.capture, v.secretKey ?? "nil", v.secretId ?? "nil", v.token ?? "nil", v.now ?? "nil", v.serverError ?? "nil",
         v.entry.map(String.init) ?? "nil", "\(v.showSecrets)", "\(v.format)"].joined(separator: " ")
    }

    static let plainVerify: [[String]] = [
        ["verify", "request.http", "--secret-key", "k"],
        ["verify", "-", "--access-key-secret", "s", "--access-key-id", "id", "--format", "json", "--show-secrets"],
        ["verify", "--secret-id", "AKID", "--token", "t", "--now", "1551113065", "--server-error", "err.json", "cap.curl"],
        ["verify", "session.har", "--entry", "2", "--format", "text"],
    ]

    @Test("plain verify command lines give argument-parser's option values", arguments: plainVerify)
    func sameVerifyValues(_ arguments: [String]) throws {
        let fast = try #require(FastPath.parseVerify(arguments))
        let verify = try #require(try SigScopeCLI.parseAsRoot(arguments) as? Verify)
        let parsed = VerifySettings(capture: verify.capture, secretKey: verify.secretKey, secretId: verify.secretId, token: verify.token, now: verify.now,
                                    serverError: verify.serverError, entry: verify.entry, showSecrets: verify.showSecrets, format: verify.output.format)
        #expect(Self.verifySummary(fast) == Self.verifySummary(parsed))
    }

    static let verifyLeftToArgumentParser: [[String]] = [
        ["verify"], ["verify", "--help"], ["verify", "a", "b"], ["verify", "a", "--secret-key", "k", "--access-key-secret", "s"],
        ["verify", "a", "--show-secrets", "--show-secrets"], ["verify", "a", "--entry", "-1"], ["verify", "a", "--format", "xml"],
        ["verify", "a", "--secret-key=k"], ["verify", "a", "--no-validate"], ["verify", "a", "--now"], ["decode", "a"],
    ]

    @Test("any other verify command line is left to argument-parser", arguments: verifyLeftToArgumentParser)
    func verifyFallsBack(_ arguments: [String]) {
        #expect(FastPath.parseVerify(arguments) == nil)
    }

    // MARK: - one declaration of each option

    /// Every spelling argument-parser accepts for the options of `command`, by kind, from its own
    /// dump of the command (`--experimental-dump-help`), as `--name`.
    static func argumentParserSpellings(_ command: String) throws -> (options: Set<String>, flags: Set<String>, repeating: Set<String>) {
        let result = try CLI.run([command, "--experimental-dump-help"])
        let dump = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let arguments = try #require((dump["command"] as? [String: Any])?["arguments"] as? [[String: Any]])
        var options = Set<String>(), flags = Set<String>(), repeating = Set<String>()
        for argument in arguments {
            let names = (argument["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }.compactMap { $0["name"] as? String }
            for name in names {
                switch argument["kind"] as? String {
                case "option": options.insert("--" + name); if argument["isRepeating"] as? Bool == true { repeating.insert("--" + name) }
                case "flag": flags.insert("--" + name)
                default: break
                }
            }
        }
        return (options, flags, repeating)
    }

    static func spellings(_ options: [LongOption]) -> Set<String> {
        Set(options.flatMap { ["--" + $0.rawValue] + $0.aliases.map { "--" + $0 } })
    }

    @Test("FastPath's tables name options exactly as argument-parser declares them, kind for kind",
          arguments: [("sign", FastPath.Table.sign), ("curl", FastPath.Table.sign), ("validate", FastPath.Table.sign),
                      ("decode", FastPath.Table.decode), ("verify", FastPath.Table.verify)])
    func tablesMatchArgumentParser(_ command: String, _ table: FastPath.Table) throws {
        let declared = try Self.argumentParserSpellings(command)
        if command == "validate" {
            // validate is read as sign's table and refused when any signing option is used; its
            // own options must all be in that table. Repeatable ones (--param, FastPath's one
            // repeatable, and --context, which only argument-parser reads) aside.
            #expect(declared.options.subtracting(declared.repeating).isSubset(of: Self.spellings(table.values)))
            return
        }
        #expect(Self.spellings(table.values).isSubset(of: declared.options.subtracting(declared.repeating)))
        #expect(Self.spellings(table.flags).isSubset(of: declared.flags))
        if let repeatable = table.repeatable { #expect(declared.repeating.contains("--" + repeatable.rawValue)) }
    }

    @Test("every spelling of a LongOption is read back as that option, and nothing else is")
    func spellingsRoundTrip() {
        var all: [LongOption] = FastPath.Table.sign.values
        all += FastPath.Table.sign.flags
        all += FastPath.Table.decode.values
        all += FastPath.Table.verify.values
        all.append(.param)
        for option in Set(all + LongOption.allCases) {
            for spelling in Self.spellings([option]) { #expect(LongOption(spelling: spelling) == option) }
        }
        #expect(LongOption(spelling: "--access-key-id") == .secretId)
        #expect(LongOption(spelling: "--access-key-secret") == .secretKey)
        #expect(LongOption(spelling: "--") == nil)
        #expect(LongOption(spelling: "--secret") == nil)
        #expect(LongOption(spelling: "--secret-ids") == nil)
        #expect(LongOption(spelling: "provider") == nil)
        #expect(LongOption(spelling: "--Provider") == nil)
        #expect(LongOption(spelling: "--provider=tencent") == nil)
    }
}
