import Foundation
import Testing
import SigScopeTestSupport
import SigScope

/// Every case of `testvectors/responses/` through the library.
@Suite("Response corpus")
struct ResponseCorpusTests {
    static let contractKeys = ["provider", "action", "outcome", "httpStatus", "requestId", "error", "result"]
    static let errorContractKeys = ["code", "message", "description", "hostId", "recommend", "serverStringToSign"]

    @Test("the corpus is there")
    func corpusIsPresent() {
        #expect(ResponseCase.all.count >= 90)
    }

    @Test("decodes each case to the contract JSON written in expected.json", arguments: ResponseCase.all)
    func decodesCase(_ testCase: ResponseCase) throws {
        let provider = testCase.option("--provider").flatMap(Provider.init(rawValue:))
        let entry = testCase.option("--entry").flatMap { Int($0) }
        let decoded = try ResponseDecoder.decode(testCase.input, provider: provider, action: testCase.option("--action"), entry: entry,
                                                 limits: .standard, source: testCase.inputFile)
        #expect((decoded.outcome == .success ? 0 : 1) == testCase.exit)
        let actual = try #require(decoded.json.objectValue)
        #expect(actual.keys == Self.contractKeys, "the JSON has exactly the contract's keys, in its order")
        var contract = actual
        if case .object(var error)? = actual["error"] {
            Self.checkCatalogExtras(error, decoded: decoded)
            for key in ["category", "retryable", "hint"] { error[key] = nil }
            #expect(error.keys == Self.errorContractKeys)
            contract["error"] = .object(error)
        }
        let same = JSONCompare.equal(.object(contract), testCase.expected)
        #expect(same, "\(testCase.name): expected\n\(JSONCompare.text(testCase.expected))\ngot\n\(JSONCompare.text(.object(contract)))")
    }

    /// `category`, `retryable` and `hint` are the catalog's for the code (null without an entry).
    static func checkCatalogExtras(_ error: JSONObject, decoded: DecodedResponse) {
        let code = error["code"]?.stringValue
        let match = code.flatMap { ErrorCatalog.lookup(provider: decoded.provider, code: $0) }
        if let match {
            #expect(error["category"] == .string(match.entry.category.rawValue))
            #expect(error["retryable"] == .bool(match.entry.retryable))
            #expect(error["hint"] == .string(match.entry.hint.description))
            #expect(error["description"] == .string(match.entry.meaning))
        } else {
            #expect(error["category"] == .null)
            #expect(error["retryable"] == .null)
            #expect(error["hint"] == .null)
        }
    }

    @Test("the README names every case")
    func readmeListsEveryCase() throws {
        let readme = try Repo.text("testvectors/responses/README.md")
        for testCase in ResponseCase.all {
            #expect(readme.contains("| `\(testCase.name)` |"), "\(testCase.name) is missing from the README")
        }
    }

    @Test("every code of both documents' error tables has a case that decodes to it")
    func everyDocumentedCodeIsCovered() throws {
        var covered: Set<String> = []
        for testCase in ResponseCase.all {
            if let provider = testCase.expected["provider"]?.stringValue, let code = testCase.expected["error"]?["code"]?.stringValue {
                covered.insert(provider + " " + code)
            }
        }
        for row in try ResponseSources.tencentTable() {
            #expect(covered.contains("tencent " + row.code), "no corpus case for Tencent \(row.code)")
        }
        for row in try ResponseSources.aliyunTable() {
            #expect(covered.contains("aliyun " + row.code), "no corpus case for Alibaba \(row.code)")
        }
        #expect(try ResponseSources.tencentTable().count == 43)
        #expect(try ResponseSources.aliyunTable().count == 13)
    }

    @Test("the corpus covers each provider in each form and body format")
    func coversFormsAndFormats() {
        func has(_ provider: String, _ input: String, outcome: String? = nil) -> Bool {
            ResponseCase.all.contains { c in
                c.expected["provider"]?.stringValue == provider && c.inputFile == input
                    && (outcome == nil || c.expected["outcome"]?.stringValue == outcome)
            }
        }
        for provider in ["tencent", "aliyun"] {
            for input in ["input.json", "input.http", "input.har"] {
                #expect(has(provider, input), "\(provider) has no \(input) case")
            }
            #expect(has(provider, "input.json", outcome: "success") || has(provider, "input.xml", outcome: "success"))
            #expect(has(provider, "input.json", outcome: "error") || has(provider, "input.xml", outcome: "error"))
        }
        #expect(has("aliyun", "input.xml", outcome: "success"))
        #expect(has("aliyun", "input.xml", outcome: "error"))
        let chunked = ResponseCase.all.filter { $0.inputFile == "input.http" && String(decoding: $0.input, as: UTF8.self).lowercased().contains("transfer-encoding: chunked") }
        #expect(chunked.count >= 2)
    }
}
