import Foundation
import Testing
import SigScopeTestSupport
import SigScope

/// The library speaks in terms of its own API: no error, note, finding or advice it writes
/// names a command-line option of sigscope's CLI, and each one that is about an input says
/// which, structurally (`SigScopeError.subject`, `SigScopeMessage.subjects`).
@Suite("the library names its inputs, not the CLI's options")
struct LibraryWordingTests {
    /// `--` followed by a letter: an option's spelling.
    static func namesAnOption(_ text: String) -> Bool {
        text.contains(/--[a-zA-Z]/)
    }

    /// `sigscope` followed by one of the executable's commands: a command line to run.
    static func namesACommand(_ text: String) -> Bool {
        text.contains(/sigscope (validate|sign|curl|verify|decode|plan|explain|translate|serve)\b/)
    }

    static let now = Timestamp(unixSeconds: 1_700_000_000)

    static func failure(_ body: () throws(SigScopeError) -> Void) -> SigScopeError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    static func sign(_ request: APIRequest, _ options: SigningOptions) throws(SigScopeError) {
        _ = try Signer.sign(request, options: options, credentials: Credentials(secretId: "AKIDexample", secretKey: SecretKey("key")))
    }

    static let tencent = APIRequest(provider: .tencent, action: "DescribeVpcs", region: "ap-guangzhou")
    static let aliyun = APIRequest(provider: .aliyun, action: "DescribeRegions", region: "cn-hangzhou")

    /// Representative bad inputs of the library's API, and the input each error is about.
    static let badInputs: [(String, SigScopeError.Subject, @Sendable () throws(SigScopeError) -> Void)] = [
        ("a Tencent algorithm for an Alibaba request", .algorithm, { () throws(SigScopeError) in try sign(aliyun, SigningOptions(timestamp: now, algorithm: .hmacSHA1)) }),
        ("a TC3 GET with a body", .body, { () throws(SigScopeError) in try sign(tencent, SigningOptions(timestamp: now, method: .get, body: Array("{}".utf8))) }),
        ("an ACS3 GET with a body", .body, { () throws(SigScopeError) in try sign(aliyun, SigningOptions(timestamp: now, algorithm: .acs3, method: .get, body: Array("{}".utf8), nonce: "n")) }),
        ("an RPC GET with a Content-Type", .contentType, { () throws(SigScopeError) in try sign(aliyun, SigningOptions(timestamp: now, method: .get, contentType: "text/plain", nonce: "n")) }),
        ("v1 with extra signed headers", .signedHeaders, { () throws(SigScopeError) in try sign(tencent, SigningOptions(timestamp: now, algorithm: .hmacSHA256, extraSignedHeaders: ["x-a"], nonce: "1")) }),
        ("v1 with a TC3 service", .service, { () throws(SigScopeError) in try sign(tencent, SigningOptions(timestamp: now, algorithm: .hmacSHA256, service: "cvm", nonce: "1")) }),
        ("a v1 nonce that is no integer", .nonce, { () throws(SigScopeError) in try sign(tencent, SigningOptions(timestamp: now, algorithm: .hmacSHA1, nonce: "abc")) }),
        ("an RPC request without a nonce", .nonce, { () throws(SigScopeError) in try sign(aliyun, SigningOptions(timestamp: now)) }),
        ("a language for Alibaba", .language, { () throws(SigScopeError) in try sign(aliyun, SigningOptions(timestamp: now, language: "en-US", nonce: "n")) }),
        ("an empty endpoint", .endpoint, { () throws(SigScopeError) in _ = try Endpoint.parse("https://") }),
        ("an endpoint with a path", .endpoint, { () throws(SigScopeError) in _ = try Endpoint.parse("vpc.tencentcloudapi.com/x") }),
        ("a param override without =", .params, { () throws(SigScopeError) in _ = try RequestOverrides.parseParam("VpcId") }),
        ("param overrides numbering a list from 2", .params, { () throws(SigScopeError) in
            _ = try RequestBuilder.build(RequestDraft(provider: .tencent), overrides: RequestOverrides(params: [("Tag.2", .string("x"))]), source: "r.json")
        }),
        ("a request without a provider", .provider, { () throws(SigScopeError) in _ = try RequestBuilder.build(RequestDraft(), overrides: RequestOverrides(), source: "r.json") }),
        ("a common parameter among TC3 params", .apiVersion, { () throws(SigScopeError) in
            try sign(APIRequest(provider: .tencent, action: "DescribeVpcs", params: ["Version": .string("1")]), SigningOptions(timestamp: now))
        }),
        ("a common parameter among RPC params", .accessKeyId, { () throws(SigScopeError) in
            try sign(APIRequest(provider: .aliyun, action: "DescribeRegions", params: ["AccessKeyId": .string("x")]), SigningOptions(timestamp: now, nonce: "n"))
        }),
        ("a HAR entry asked of a raw request", .harEntry, { () throws(SigScopeError) in
            _ = try CaptureParser.parse(Array("GET / HTTP/1.1\r\nHost: vpc.tencentcloudapi.com\r\n\r\n".utf8), source: "c.http", entry: 0)
        }),
        ("a HAR file without an API entry", .harEntry, { () throws(SigScopeError) in
            _ = try CaptureParser.parse(Array(#"{"log": {"entries": [{"request": {"method": "GET", "url": "https://example.com/", "headers": []}}]}}"#.utf8), source: "c.har")
        }),
        ("a response of neither provider", .provider, { () throws(SigScopeError) in _ = try ResponseDecoder.decode(Array(#"{"status": "ok"}"#.utf8), provider: nil, action: nil, entry: nil) }),
    ]

    @Test("an error about a bad input names the input structurally and in the library's words, never as a CLI option",
          arguments: badInputs.indices)
    func badInput(index: Int) {
        let (what, subject, body) = Self.badInputs[index]
        let error = Self.failure(body)
        #expect(error != nil, "\(what): expected an error")
        guard let error else { return }
        #expect(error.subject == subject, "\(what): \(error.reason)")
        #expect(!Self.namesAnOption(error.description), "\(what): \(error.description)")
        #expect(error.message.subjects.contains(subject) || error.locatingSubject == subject, "\(what): the message itself names the input")
        // A front end's names replace the library's words wherever the input is named.
        let worded = error.description(naming: { "<\($0.rawValue)>" })
        #expect(worded.contains("<\(subject.rawValue)>"), "\(what): \(worded)")
    }

    @Test("verify's findings about the token, the expected key id and the judging instant name them structurally, not as options")
    func findings() throws {
        let path = "testvectors/captures/sdk/tencent-vpcclient-tc3-token.http"
        let options = VerifyOptions(secretKey: SecretKey("sigscopeCaptureExampleSecretKey1"), expectedSecretId: "AKIDanotherkey", token: "token-of-another-session",
                                    now: Timestamp(unixSeconds: 4_000_000_000))
        let report = try Verifier.verify(capture: try Repo.bytes(path), source: path, options: options).report
        for (code, subject) in [(VerifyFinding.Code.tokenMismatch, SigScopeError.Subject.token), (.secretIdMismatch, .secretId), (.timestampExpired, .now)] {
            let finding = try #require(report.finding(code), "\(code)")
            #expect(finding.subjects.contains(subject), "\(code): \(finding.message)")
            #expect(!Self.namesAnOption(finding.message), "\(code): \(finding.message)")
        }
        let missing = try Verifier.verify(capture: try Repo.bytes("testvectors/captures/sdk/tencent-vpcclient-tc3-post.http"), source: "c.http",
                                          options: VerifyOptions(secretKey: SecretKey("k"), token: "a-token")).report
        let finding = try #require(missing.finding(.tokenHeaderMissing))
        #expect(finding.subjects == [.token] && !Self.namesAnOption(finding.message), "\(finding.message)")
    }

    @Test("validation's advice and signing's notes name inputs structurally, not as options")
    func adviceAndNotes() throws {
        let report = Validator.validate(APIRequest(provider: .tencent, action: "CreateNetworkInterface", params: ["Version": .string("2017-03-12")]))
        let region = try #require(report.violations.first { $0.path == "Region" })
        #expect(region.text.subjects == [.region] && !Self.namesAnOption(region.message), "\(region.message)")
        let version = try #require(report.warnings.first { $0.path == "Version" })
        #expect(version.text.subjects == [.apiVersion] && !Self.namesAnOption(version.message), "\(version.message)")
        for rules in [RuleBook.rules(for: .tencent, action: "CreateNetworkInterface"), RuleBook.rules(for: .aliyun, action: "CreateNetworkInterface")] {
            for common in try #require(rules).commonParameters {
                #expect(!Self.namesAnOption(common.advice.description), "\(common.name): \(common.advice)")
            }
        }
        let tc3 = try Signer.sign(Self.tencent, options: SigningOptions(timestamp: Self.now), credentials: Credentials(secretId: "id", secretKey: SecretKey("k")))
        #expect(tc3.notes.contains { $0.subjects == [.body] }, "the serialized-body note names the body")
        let rpc = try Signer.sign(Self.aliyun, options: SigningOptions(timestamp: Self.now, nonce: "n"), credentials: Credentials(secretId: "id", secretKey: SecretKey("k")))
        #expect(rpc.notes.contains { $0.subjects == [.params] }, "the Format note names the params")
        for note in tc3.notes + rpc.notes {
            #expect(!Self.namesAnOption(note.description), "\(note)")
        }
    }

    /// curl's own options, which the curl parser and renderer (and a hint to save a response with curl) spell.
    static let curlFiles: Set<String> = ["Capture/CurlCommandParser.swift", "Render/CurlCommand.swift"]
    static let curlOptions = ["--compressed"]

    @Test("no string literal in Sources/SigScope spells an option (curl's own aside) or a sigscope command line")
    func noOptionInLiterals() throws {
        let root = Repo.url("Sources/SigScope")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(files.count > 50)
        var offenders: [String] = []
        for file in files {
            let relative = String(file.path.dropFirst(root.path.count + 1))
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() {
                for literal in SourceText.literals(line) {
                    var text = literal
                    for option in Self.curlOptions { text = text.replacingOccurrences(of: "curl " + option, with: "curl") }
                    if (!Self.curlFiles.contains(relative) && Self.namesAnOption(text)) || Self.namesACommand(text) {
                        offenders.append("\(relative):\(number + 1): \(literal)")
                    }
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }

    @Test("the finding catalogue names the verify inputs a meaning depends on structurally, never as options")
    func findingCatalogue() throws {
        let expected: [(VerifyFinding.Code, [SigScopeError.Subject])] = [
            (.timestampExpired, [.now, .serverError]), (.secretIdMismatch, [.secretId]), (.serverStringToSignDiffers, [.serverError]),
            (.serverHoldsAnotherSecret, [.serverError]), (.tokenMismatch, [.token]), (.tokenHeaderMissing, [.token]),
            (.keyIdUnknownToServer, [.serverError]), (.nonceReused, [.serverError]),
        ]
        for (code, subjects) in expected {
            let entry = try #require(code.documentation, "\(code)")
            #expect(entry.meaning.subjects == subjects, "\(code): \(entry.meaning)")
        }
        #expect(VerifyFinding.Code.serverStringToSignDiffers.documentation?.meaning.description.hasPrefix("With the server's error response: the string-to-sign Alibaba echoed") == true)
        for entry in VerifyFinding.Code.documented {
            for text in [entry.meaning.description, entry.cause, entry.fix] {
                #expect(!Self.namesAnOption(text) && !Self.namesACommand(text), "\(entry.code): \(text)")
            }
        }
    }

    @Test("a decoded error's hint sends the reader to the library's entry point, which a front end names its own way")
    func decodedHint() throws {
        let decoded = try ResponseDecoder.decode(try Repo.bytes("testvectors/responses/ali-auth-SignatureDoesNotMatch/input.json"), provider: nil, action: nil, entry: nil)
        let hint = try #require(decoded.error?.catalog?.entry.hint)
        #expect(hint.operations == [.verify] && hint.subjects == [.serverError], "\(hint)")
        #expect(hint.description.contains("with yours, e.g. `Verifier.verify` with the server's error response: equal strings mean the AccessKeySecret is wrong"), "\(hint)")
        #expect(decoded.error?.json["hint"]?.stringValue == hint.description)
        let worded = hint.worded(naming: { "<\($0.rawValue)>" }, operations: { "[\($0.rawValue) \($1.map(\.rawValue).joined(separator: " "))]" })
        #expect(worded.contains("e.g. [verify serverError]: equal strings"), "\(worded)")
        for entry in ErrorCatalog.entries {
            #expect(!Self.namesAnOption(entry.hint.description) && !Self.namesACommand(entry.hint.description), "\(entry.code): \(entry.hint)")
        }
        let validate = try #require(ErrorCatalog.entry(provider: .tencent, code: "InvalidParameter"))
        #expect(validate.hint.operations == [.validate], "\(validate.hint)")
    }
}
