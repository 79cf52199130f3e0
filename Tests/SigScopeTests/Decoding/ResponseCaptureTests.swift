import Foundation
import Testing
import SigScope

/// HTTP responses and HAR files into `CapturedResponse`.
@Suite("Response capture")
struct ResponseCaptureTests {
    private func capture(_ text: String, entry: Int? = nil) throws(SigScopeError) -> CapturedResponse {
        try CapturedResponse.parse(Array(text.utf8), entry: entry, source: "capture.txt")
    }

    private func failure(_ text: String, entry: Int? = nil) -> SigScopeError? {
        do {
            _ = try capture(text, entry: entry)
            return nil
        } catch {
            return error
        }
    }

    @Test("a bare body stays a bare body")
    func bareBody() throws {
        let c = try capture("\u{FEFF}  {\"RequestId\": \"x\"}")
        #expect(c.form == .body && c.status == nil && c.headers.isEmpty)
    }

    @Test("reads status line, headers (folded ones joined) and body; LF-only lines work too")
    func httpResponse() throws {
        let c = try capture("HTTP/1.1 403 Forbidden\nContent-Type: application/json; charset=\"UTF-8\"\nX-Long: a\n  b\n\n{\"Code\":\"X\"}")
        #expect(c.form == .http && c.status == 403 && c.reason == "Forbidden" && c.httpVersion == "HTTP/1.1")
        #expect(c.header("content-type") == "application/json; charset=\"UTF-8\"")
        #expect(c.mediaType == "application/json" && c.charset == "utf-8")
        #expect(c.header("X-Long") == "a b")
        #expect(String(decoding: c.body, as: UTF8.self) == "{\"Code\":\"X\"}")
        #expect(c.bodyLine == 6)
    }

    @Test("skips 100 Continue and a proxy's Connection established block")
    func skipsInterimBlocks() throws {
        let c = try capture("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 Connection established\r\n\r\nHTTP/2 200 \r\ncontent-type: application/json\r\n\r\n{}")
        #expect(c.status == 200 && c.httpVersion == "HTTP/2" && c.reason == "")
        #expect(c.notes.count == 2)
        #expect(String(decoding: c.body, as: UTF8.self) == "{}")
    }

    @Test("undoes chunked transfer coding, with extensions and trailers")
    func chunked() throws {
        let c = try capture("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\n{\"a\"\r\nA\r\n:1234567}\n\r\n0\r\nTrailer: v\r\n\r\n")
        #expect(String(decoding: c.body, as: UTF8.self) == "{\"a\":1234567}\n")
        #expect(c.notes.isEmpty)
    }

    @Test("takes a chunked header with an unchunked body as curl -i prints it, with a note")
    func dechunkedByCurl() throws {
        let c = try capture("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n{\"Response\":{}}")
        #expect(String(decoding: c.body, as: UTF8.self) == "{\"Response\":{}}")
        #expect(c.notes.contains { $0.contains("curl") })
    }

    @Test("refuses a chunk that runs past the end, and a compressed body")
    func badBodies() {
        #expect(failure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{}\r\n5\r\nab")?.code == .invalidCapture)
        let gzip = failure("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n\u{1F}\u{8B}\u{08}")
        #expect(gzip?.code == .invalidCapture)
        #expect(gzip?.reason.contains("--compressed") == true)
    }

    @Test("notes a body shorter than Content-Length")
    func truncated() throws {
        let c = try capture("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{}")
        #expect(c.notes.contains { $0.contains("Content-Length") })
    }

    @Test("locates a malformed status line or header line")
    func malformedHTTP() {
        let status = failure("HTTP/1.1 OK\r\n\r\n{}")
        #expect(status?.code == .invalidCapture && status?.line == 1)
        let header = failure("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nnot a header\r\n\r\n{}")
        #expect(header?.code == .invalidCapture && header?.line == 3)
    }

    // MARK: - HAR

    private func har(_ entries: [String]) -> String {
        "{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"t\", \"version\": \"1\"}, \"entries\": [" + entries.joined(separator: ",") + "]}}"
    }

    private func entry(url: String, headers: String = "[]", postData: String? = nil, status: Int = 200, content: String) -> String {
        "{\"request\": {\"method\": \"POST\", \"url\": \"\(url)\", \"headers\": \(headers)" + (postData.map { ", \"postData\": \($0)" } ?? "")
            + "}, \"response\": {\"status\": \(status), \"statusText\": \"OK\", \"headers\": [], \"content\": \(content)}}"
    }

    @Test("picks the first entry sent to a provider's API, and reads provider and action from its request")
    func harDefaultEntry() throws {
        let text = har([
            entry(url: "https://example.com/", content: "{\"mimeType\": \"text/html\", \"text\": \"<html/>\"}"),
            entry(url: "https://ecs.cn-hangzhou.aliyuncs.com/", postData: "{\"mimeType\": \"application/x-www-form-urlencoded\", \"text\": \"Action=DescribeRegions&Format=XML\"}",
                  content: "{\"mimeType\": \"text/xml\", \"text\": \"PFIvPg==\", \"encoding\": \"base64\"}"),
        ])
        let c = try capture(text)
        #expect(c.form == .har(entry: 1))
        #expect(c.request?.provider == .aliyun && c.request?.action == "DescribeRegions" && c.request?.host == "ecs.cn-hangzhou.aliyuncs.com")
        #expect(String(decoding: c.body, as: UTF8.self) == "<R/>")
    }

    @Test("reads the action from X-TC-Action, and the provider from X-TC- headers on an unknown host")
    func harTencentHeaders() throws {
        let text = har([entry(url: "http://127.0.0.1:8080/", headers: "[{\"name\": \"X-TC-Action\", \"value\": \"CreateNetworkInterface\"}]",
                              content: "{\"mimeType\": \"application/json\", \"text\": \"{}\"}")])
        let c = try capture(text)
        #expect(c.request?.provider == .tencent && c.request?.action == "CreateNetworkInterface")
    }

    @Test("--entry picks by 0-based index; out of range, or for input that is no HAR, is a usage error")
    func harEntryOption() throws {
        let text = har([entry(url: "https://a.example/", content: "{\"text\": \"1\"}"), entry(url: "https://b.example/", content: "{\"text\": \"2\"}")])
        #expect(String(decoding: try capture(text, entry: 1).body, as: UTF8.self) == "2")
        #expect(failure(text, entry: 2)?.code == .invalidOption)
        #expect(failure("{\"Response\": {}}", entry: 0)?.code == .invalidOption)
        #expect(failure("HTTP/1.1 200 OK\r\n\r\n{}", entry: 0)?.code == .invalidOption)
        let none = failure(text)
        #expect(none?.code == .invalidCapture && none?.subject == .harEntry && none?.reason.contains("the entry index") == true, "two entries, neither to an API: ask for an entry index")
    }

    @Test("refuses an entry without a response, without a saved body, or with bad base64")
    func harMissingBody() {
        #expect(failure(har([entry(url: "https://vpc.tencentcloudapi.com/", status: 0, content: "{}")]))?.reason.contains("no response") == true)
        #expect(failure(har([entry(url: "https://vpc.tencentcloudapi.com/", content: "{\"size\": 10}")]))?.reason.contains("content.text") == true)
        #expect(failure(har([entry(url: "https://vpc.tencentcloudapi.com/", content: "{\"text\": \"@@@\", \"encoding\": \"base64\"}")]))?.reason.contains("base64") == true)
    }

    @Test("a JSON body that merely mentions log and entries is no HAR file")
    func notHAR() throws {
        let c = try capture("{\"RequestId\": \"x\", \"Message\": \"\\\"log\\\" and \\\"entries\\\"\"}")
        #expect(c.form == .body)
        let logged = try capture("{\"RequestId\": \"x\", \"log\": \"text\", \"entries\": []}")
        #expect(logged.form == .body, "a top-level log member that is not {entries: [...]} is part of a body")
        let later = try capture("{\"Response\": {\"RequestId\": \"x\"}, \"log\": {\"entries\": []}}")
        #expect(later.form == .body, "a HAR root holds log and _custom fields only: a Response member first makes it a body")
    }

    @Test("a HAR file is recognised with log first, after custom _fields, or with space before it")
    func harRootForms() throws {
        let inner = entry(url: "https://vpc.tencentcloudapi.com/", content: "{\"text\": \"{}\"}")
        let plain = "{\"log\": {\"entries\": [\(inner)]}}"
        let custom = "{\"_exporter\": {\"log\": 1}, \"log\": {\"entries\": [\(inner)]}}"
        let spaced = "\u{FEFF}\n  { \n\t\"log\" : {\"entries\": [\(inner)]}}"
        for text in [plain, custom, spaced] {
            #expect(try capture(text).form == .har(entry: 0), "\(text)")
        }
    }

    @Test("refuses input over the size limit at once")
    func sizeLimit() {
        let big = [UInt8](repeating: UInt8(ascii: " "), count: 2048)
        do {
            _ = try CapturedResponse.parse(big, limits: ResponseLimits(maxBytes: 1024, maxDepth: 8))
            Issue.record("accepted")
        } catch {
            #expect(error.code == .limitExceeded)
        }
    }
}
