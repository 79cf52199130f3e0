import Foundation
import Testing
import SigScopeTestSupport
import SigScope

/// The offline error catalog against the documents it is built from.
@Suite("Error catalog")
struct ErrorCatalogTests {
    @Test("holds every code of the Tencent document's table with the document's description")
    func tencentTable() throws {
        for row in try ResponseSources.tencentTable() {
            let entry = try #require(ErrorCatalog.entry(provider: .tencent, code: row.code), "\(row.code) is missing")
            #expect(entry.meaning == row.description, "\(row.code)")
        }
    }

    @Test("holds every code of the Alibaba document's table with its message and HTTP status")
    func aliyunTable() throws {
        for row in try ResponseSources.aliyunTable() {
            let entry = try #require(ErrorCatalog.entry(provider: .aliyun, code: row.code), "\(row.code) is missing")
            #expect(entry.documentedMessage == row.message, "\(row.code)")
            #expect(entry.httpStatus == row.status, "\(row.code)")
        }
    }

    @Test("holds the common authentication and request codes of signing.md §4.1, with the table's meanings")
    func tencentCommonCodes() throws {
        let section = try ResponseSources.section("### 4.1 Tencent", "### 4.2 Alibaba")
        let tableCodes = ResponseSources.tableCodes(section)
        #expect(tableCodes.count == 9)
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let code = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let entry = try #require(ErrorCatalog.entry(provider: .tencent, code: code), "\(code) is missing")
            if code.hasPrefix("AuthFailure.") {
                #expect(entry.meaning == cells[2], "\(code): meaning is the table's")
            }
        }
        let others = try #require(section.split(separator: "\n").first { $0.hasPrefix("Other common codes:") })
        var count = 0
        for piece in others.split(separator: "`").enumerated() where piece.offset % 2 == 1 {
            #expect(ErrorCatalog.entry(provider: .tencent, code: String(piece.element)) != nil, "\(piece.element) is missing")
            count += 1
        }
        #expect(count == 11)
    }

    @Test("holds the Alibaba codes of signing.md §4.2, with their documented messages")
    func aliyunCommonCodes() throws {
        let section = try ResponseSources.section("### 4.2 Alibaba", nil)
        var codes = ResponseSources.tableCodes(section)
        codes += ["SignatureDoesNotMatch", "UnsupportedOperation"]
        #expect(codes.count == 10)
        for code in codes {
            let entry = try #require(ErrorCatalog.entry(provider: .aliyun, code: code), "\(code) is missing")
            if let message = entry.documentedMessage {
                #expect(section.contains(message), "\(code): the documented message appears in the reference")
            }
        }
    }

    @Test("every entry has a meaning, a hint and a category, and every category is used")
    func entriesAreComplete() {
        var categories: Set<ErrorCatalog.Category> = []
        for entry in ErrorCatalog.entries {
            #expect(!entry.meaning.isEmpty && !entry.hint.description.isEmpty && !entry.source.isEmpty, "\(entry.code)")
            categories.insert(entry.category)
        }
        #expect(categories == Set(ErrorCatalog.Category.allCases))
        #expect(ErrorCatalog.entries.filter { $0.provider == .tencent }.count >= 60)
        #expect(ErrorCatalog.entries.filter { $0.provider == .aliyun }.count >= 22)
    }

    @Test("AuthFailure.SignatureExpire: signature, no retry, sign with the current time")
    func signatureExpire() throws {
        let entry = try #require(ErrorCatalog.entry(provider: .tencent, code: "AuthFailure.SignatureExpire"))
        #expect(entry.category == .signature)
        #expect(!entry.retryable)
        #expect(entry.hint.contains("5 minutes") && entry.hint.contains("current time"))
    }

    @Test("throttling and internal codes are retryable; quota codes are not")
    func retryability() {
        for entry in ErrorCatalog.entries {
            switch entry.category {
            case .throttling, .internal: #expect(entry.retryable, "\(entry.code)")
            case .quota where entry.code != "InvalidParameterValue.TagTimestampExceeded": #expect(!entry.retryable, "\(entry.code)")
            default: break
            }
        }
    }

    @Test("looks a code up by its family when the exact code is unknown, never across providers")
    func familyLookup() throws {
        let match = try #require(ErrorCatalog.lookup(provider: .aliyun, code: "MissingParameter.CommandId"))
        #expect(match.entry.code == "MissingParameter" && !match.exact)
        let exact = try #require(ErrorCatalog.lookup(provider: .tencent, code: "InvalidParameterValue.TooLong"))
        #expect(exact.exact && exact.entry.code == "InvalidParameterValue.TooLong")
        #expect(ErrorCatalog.lookup(provider: .tencent, code: "AuthFailure.Unheard") == nil)
        #expect(ErrorCatalog.entry(provider: .aliyun, code: "AuthFailure.SignatureFailure") == nil)
        #expect(ErrorCatalog.entry(provider: .tencent, code: "SignatureDoesNotMatch") == nil)
    }
}
