import Foundation
import Testing
import SigScope
import SigScopeTestSupport
@testable import SigScopeCLI

/// The library's catalogues (finding meanings, decoded errors' hints) name inputs and entry
/// points structurally; `explain`, docs/debugging.md and `decode` show them with the real
/// commands and options, and the signing steps, which document the commands, name real ones.
@Suite("the CLI words the catalogues with its own commands and options")
struct CatalogueWordingTests {
    @Test("explain of a signing step prints its fix as the sigscope command line to run")
    func signingStep() throws {
        let result = try CLI.run(["explain", "signing-key"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            signing-key  — signing step of TC3-HMAC-SHA256
              Meaning  TC3: the key the signature is computed with, derived from the SecretKey in three HMAC-SHA256 steps over the scope's date, service and "tc3_request"; each intermediate key is the raw 32 bytes, not hex.
              Cause    Hex-encoding an intermediate key before the next step, swapping key and message, forgetting the "TC3" prefix, or a SecretKey with whitespace.
              Fix      Pass each raw HMAC result as the next key (key first, message second); `sigscope sign --show-secrets` prints the three derived keys in full.
              Formula  SecretDate = HMAC-SHA256("TC3" + SecretKey, Date); SecretService = HMAC-SHA256(SecretDate, service); SecretSigning = HMAC-SHA256(SecretService, "tc3_request")
              See      https://cloud.tencent.com/document/api/213/30654 (TC3-HMAC-SHA256; English: https://www.tencentcloud.com/document/api/213/33224), docs/tc3.md

            """, "\(result.stdout)")
        let rpc = try CLI.run(["explain", "string-to-sign", "--algorithm", "rpc"])
        #expect(rpc.stdout.contains("quoted in its SignatureDoesNotMatch message (`sigscope verify --server-error`)."), "\(rpc.stdout)")
    }

    @Test("explain of a finding names the verify options its meaning depends on, in code quotes")
    func finding() throws {
        let result = try CLI.run(["explain", "server-string-to-sign-differs"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            server-string-to-sign-differs  — verify finding (Tencent Cloud, Alibaba Cloud)
              Meaning  With `--server-error`: the string-to-sign Alibaba echoed in its `SignatureDoesNotMatch` error differs from the one recomputed; the diff shows where.
              Cause    The client canonicalized the request differently from the server; the first differing character points at the step.
              Fix      Read the diff: fix the step where the first difference is (usually the percent-encoding of one value), then sign again.
              See      docs/debugging.md#server-string-to-sign-differs

            """, "\(result.stdout)")
        let json = try JSONParser.parse(try CLI.run(["explain", "--list", "--format", "json"]).stdout)
        var meanings: [String: String] = [:]
        for topic in json["topics"]?.arrayValue ?? [] where topic["kind"]?.stringValue == "finding" {
            meanings[topic["topic"]?.stringValue ?? ""] = topic["meaning"]?.stringValue
        }
        #expect(meanings["secret-id-mismatch"] == "The request's SecretId / AccessKeyId is not the one given with `--secret-id`: the server checks it against another key.")
        #expect(meanings["timestamp-expired"]?.contains("around the instant it is judged against, if any (the clock, or `--now` when given; `--no-clock`: not judged); or, for a right signature, the server answered `AuthFailure.SignatureExpire` / `InvalidTimeStamp.Expired` (`--server-error`).") == true, "\(meanings["timestamp-expired"] ?? "")")
        #expect(meanings["token-mismatch"]?.hasPrefix("The session token given (`--token`) differs from the one the request carries") == true)
        #expect(meanings["token-header-missing"]?.hasSuffix("or `--token` given but not sent.") == true)
    }

    @Test("decode of Alibaba's SignatureDoesNotMatch hints at the verify command line that compares the string-to-signs, in text and JSON")
    func decodedHint() throws {
        let path = "testvectors/responses/ali-auth-SignatureDoesNotMatch/input.json"
        let hint = "Compare the server's string-to-sign (quoted in the message) with yours, e.g. `sigscope verify --server-error`: equal strings mean the AccessKeySecret is wrong (the SDK then reports InvalidAccessKeySecret); a difference shows the canonicalisation bug (space as + instead of %20, * or ~ encoded wrongly, the second encoding pass missing, GET signed but POST sent). The HMAC-SHA1 key is the secret followed by &."
        let text = try CLI.run(["decode", path])
        #expect(text.status == 1)
        #expect(text.stdout.contains("\n  hint       " + hint + "\n"), "\(text.stdout)")
        let json = try JSONParser.parse(try CLI.run(["decode", path, "--format", "json"]).stdout)
        #expect(json["error"]?["hint"]?.stringValue == hint)
        let explained = try CLI.run(["explain", "SignatureDoesNotMatch"])
        #expect(explained.stdout.contains("  Fix      " + hint + "\n"), "\(explained.stdout)")
        let tencent = try CLI.run(["decode", "testvectors/responses/tc-auth-SignatureFailure/input.json"])
        #expect(tencent.stdout.contains("Run `sigscope verify` on the captured request"), "\(tencent.stdout)")
    }

    @Test("every command line and option the explain topics name is one sigscope has")
    func realCommandsAndOptions() throws {
        let commands = Set(SigScopeCLI.configuration.subcommands.map { $0._commandName })
        for operation in SigScopeMessage.Operation.allCases {
            #expect(commands.contains(Wording.command(operation)), "\(operation)")
        }
        var named = 0
        for topic in Explain.topics {
            for text in [topic.meaning, topic.cause, topic.fix] {
                for match in text.matches(of: /sigscope ([a-z]+)/) {
                    #expect(commands.contains(String(match.1)), "\(topic.name): \(text)")
                    named += 1
                }
                for match in text.matches(of: /--[a-z][a-z0-9-]*/) {
                    #expect(LongOption(spelling: String(match.0)) != nil, "\(topic.name): \(match.0) in \(text)")
                }
            }
        }
        #expect(named >= 15)
    }
}
