import Foundation
import Testing
import SigScopeTestSupport
@testable import SigScope
@testable import SigScopeCLI

/// `explain`'s topics come from the tables the other commands use, and each is complete.
@Suite("Explain")
struct ExplainTests {
    /// Every finding code Finding.swift declares, read from the source, so a code added there
    /// without an explanation fails here.
    static func declaredFindingCodes() throws -> [String] {
        let source = try String(contentsOf: Repo.url("Sources/SigScope/Diagnosis/Finding.swift"), encoding: .utf8)
        var codes: [String] = []
        var rest = source[...]
        while let range = rest.range(of: "Code(rawValue: \"") {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            codes.append(String(after[..<end]))
            rest = after[end...]
        }
        return codes
    }

    static func complete(_ topic: Explain.Topic) -> Bool {
        !topic.meaning.isEmpty && !topic.cause.isEmpty && !topic.fix.isEmpty && !topic.references.isEmpty
            && topic.references.allSatisfy { $0.hasPrefix("https://") || $0.hasPrefix("docs/") }
    }

    @Test("every finding code declared in Finding.swift has an explanation with meaning, cause, fix and reference")
    func everyFinding() throws {
        let codes = try Self.declaredFindingCodes()
        #expect(codes.count >= 35)
        for code in codes {
            guard case .found(let topics) = Explain.lookup(code) else {
                Issue.record("\(code) has no explain entry: add it to VerifyFinding.Code.documented (FindingCatalog.swift)")
                continue
            }
            #expect(topics.contains { $0.kind == .finding && Self.complete($0) }, "\(code)")
        }
    }

    @Test("every error catalog code, of both seeds' tables and the common codes, has a complete explanation for its provider")
    func everyCatalogCode() throws {
        for entry in ErrorCatalog.entries {
            guard case .found(let topics) = Explain.lookup(entry.code, provider: entry.provider) else {
                Issue.record("\(entry.provider) \(entry.code) has no explain entry")
                continue
            }
            let topic = try #require(topics.first { $0.kind == .errorCode })
            #expect(Self.complete(topic), "\(entry.code)")
            #expect(topic.meaning == entry.meaning && topic.fix == Wording.documentation(entry.hint))
        }
        // The seeds' own tables, read from the documents (not from the catalog).
        for row in try ResponseSources.tencentTable() {
            #expect(Explain.lookup(row.code, provider: .tencent) != .unknown(suggestions: []), "\(row.code)")
            if case .found(let topics) = Explain.lookup(row.code, provider: .tencent) { #expect(topics.first?.meaning == row.description) }
        }
        for row in try ResponseSources.aliyunTable() {
            guard case .found(let topics) = Explain.lookup(row.code, provider: .aliyun) else {
                Issue.record("\(row.code) missing")
                continue
            }
            #expect(topics.first?.details.contains { $0.0 == "httpStatus" && $0.1 == String(row.status) } == true, "\(row.code)")
        }
    }

    @Test("every code a validation rule can give is explained for its provider, so `validate`'s codes can be looked up")
    func everyRuleCode() {
        func specs(_ list: [ParameterSpec]) -> [ParameterSpec] {
            list.flatMap { spec -> [ParameterSpec] in
                switch spec.type {
                case .list(let element):
                    if case .structure(let members) = element.type { return [spec, element] + specs(members) }
                    return [spec, element]
                case .structure(let members): return [spec] + specs(members)
                default: return [spec]
                }
            }
        }
        for rules in RuleBook.all {
            let codes = [rules.codes.missing, rules.codes.unknown, rules.codes.type] + rules.crossRules.map(\.code)
                + specs(rules.parameters).flatMap { $0.rules.map(\.code) }
            for code in Set(codes) {
                guard case .found = Explain.lookup(code, provider: rules.provider) else {
                    Issue.record("\(rules.provider) \(code), a validation code, is not explained")
                    continue
                }
            }
        }
    }

    @Test("every steps key of the sign output, for every algorithm, is a signing-step topic of that algorithm")
    func everyStep() {
        let keys: [(SignatureAlgorithm, [String])] = [
            (.tc3, ["hashedRequestPayload", "canonicalRequest", "hashedCanonicalRequest", "credentialScope", "stringToSign", "secretDate", "secretService", "secretSigning", "signature", "authorization"]),
            (.hmacSHA1, ["stringToSign", "signature"]), (.hmacSHA256, ["stringToSign", "signature"]),
            (.rpc, ["canonicalizedQueryString", "stringToSign", "signature"]),
            (.acs3, ["hashedRequestPayload", "canonicalRequest", "hashedCanonicalRequest", "stringToSign", "signature", "authorization"]),
        ]
        for (algorithm, names) in keys {
            for name in names {
                guard case .found(let topics) = Explain.lookup(name, algorithm: algorithm) else {
                    Issue.record("\(algorithm) \(name) is not explained")
                    continue
                }
                #expect(topics.count == 1 && topics[0].kind == .signingStep && Self.complete(topics[0]), "\(algorithm) \(name)")
                #expect(topics[0].algorithms?.contains(algorithm) == true)
            }
        }
    }

    @Test("lookup ignores case and separators; a code both providers have is found for each, --provider picks one")
    func lookup() throws {
        guard case .found(let one) = Explain.lookup("authfailure.signatureexpire") else { Issue.record("not found"); return }
        #expect(one.map(\.name) == ["AuthFailure.SignatureExpire"])
        guard case .found(let both) = Explain.lookup("MissingParameter") else { Issue.record("not found"); return }
        #expect(Set(both.flatMap(\.providers)) == [.tencent, .aliyun])
        guard case .found(let ali) = Explain.lookup("missingparameter", provider: .aliyun) else { Issue.record("not found"); return }
        #expect(ali.count == 1 && ali[0].providers == [.aliyun])
        guard case .found(let steps) = Explain.lookup("Canonical Request") else { Issue.record("not found"); return }
        #expect(Set(steps.flatMap { $0.algorithms ?? [] }) == [.tc3, .acs3])
        #expect(Explain.lookup("AuthFailure.SignatureExpire", provider: .aliyun) == .otherProvider(one))
    }

    @Test("a typo gets did-you-mean suggestions by edit distance; nonsense gets none")
    func didYouMean() {
        #expect(Explain.lookup("AuthFailure.SignatureExpird") == .unknown(suggestions: Explain.suggestions(for: "AuthFailure.SignatureExpird")))
        #expect(Explain.suggestions(for: "AuthFailure.SignatureExpird").first == "AuthFailure.SignatureExpire")
        #expect(Explain.suggestions(for: "space-encoded-as-pluss").first == "space-encoded-as-plus")
        #expect(Explain.suggestions(for: "canonical-reqest").first == "canonical-request")
        #expect(Explain.suggestions(for: "zzzzzzzzzzzzzzzzzzzz").isEmpty)
    }
}
