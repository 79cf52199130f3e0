import Testing
import SigScope

@Suite("raw HTTP requests")
struct RawHTTPRequestParserTests {
    func parse(_ text: String) throws(SigScopeError) -> CapturedRequest {
        try RawHTTPRequestParser.parse(Array(text.utf8), source: "req.http")
    }

    @Test("CRLF request with Content-Length: the body is exactly that many bytes")
    func crlf() throws {
        let request = try parse("POST / HTTP/1.1\r\nHost: vpc.tencentcloudapi.com\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}\r\n").request
        #expect(request.method == "POST")
        #expect(request.host == "vpc.tencentcloudapi.com")
        #expect(request.body == Array("{}".utf8))
        #expect(request.headers.map(\.name) == ["Host", "Content-Type", "Content-Length"])
    }

    @Test("LF line endings and no Content-Length: the final newline is the file's, not the body's")
    func lfNoLength() throws {
        let captured = try parse("POST /?a=1 HTTP/1.1\nHost: h.tencentcloudapi.com\n\n{\"x\": 1}\n")
        #expect(captured.request.body == Array("{\"x\": 1}".utf8))
        #expect(captured.request.query == "a=1")
        #expect(!captured.notes.isEmpty)
    }

    @Test("an absolute-form request line (SDK debug logs) gives scheme, host and query; log lines before it are skipped")
    func absoluteForm() throws {
        let captured = try parse("2024-01-01 DEBUG sending:\nGET https://cvm.tencentcloudapi.com/?Limit=10&Offset=0 HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n\n")
        #expect(captured.request.method == "GET")
        #expect(captured.request.host == "cvm.tencentcloudapi.com")
        #expect(captured.request.query == "Limit=10&Offset=0")
        #expect(captured.request.body.isEmpty)
        #expect(captured.notes.contains { $0.contains("skipped 1 line") })
    }

    @Test("folded header lines continue the previous value; HTTP/2 :authority stands in for Host")
    func foldingAndPseudo() throws {
        let request = try parse("GET / HTTP/2\n:authority: vpc.tencentcloudapi.com\nX-Long: a\n  b\n\n").request
        #expect(request.host == "vpc.tencentcloudapi.com")
        #expect(request.header("X-Long") == "a b")
        #expect(request.header(":authority") == nil)
    }

    @Test("a chunked body is de-chunked")
    func chunked() throws {
        let request = try parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").request
        #expect(request.bodyText == "abcde")
    }

    /// Issue 28: headers that ran to the end of the file were read as a complete request with
    /// an empty body, so a truncated capture could verify as a match.
    @Test("headers not ended by a blank line are refused at the line after the last header", arguments: [
        ("POST / HTTP/1.1\nHost: h\nContent-Type: application/json\n", 4),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/json", 3),
        ("GET https://h.tencentcloudapi.com/?a=1 HTTP/1.1\n", 2),
    ])
    func noBlankLine(text: String, line: Int) throws {
        let error = try #require(throws: SigScopeError.self) { try parse(text) }
        #expect(error.code == .invalidCapture)
        #expect(error.source == "req.http")
        #expect(error.line == line, "\(error)")
        #expect(error.reason.contains("blank line"), "\(error)")
    }

    @Test("errors name the line: a bad header line, a truncated body, no Host, no request line")
    func errors() {
        func line(_ text: String) -> Int? {
            do { _ = try parse(text); return nil } catch { return error.code == .invalidCapture ? error.line : -1 }
        }
        #expect(line("POST / HTTP/1.1\nHost: h\nnot a header\n\n") == 3)
        #expect(line("POST / HTTP/1.1\nHost: h\nContent-Length: 10\n\n{}") == 5)
        #expect(line("POST / HTTP/1.1\nContent-Type: x\n\n") == 1)
        #expect(line("\n\nhello world\n") == 3)
    }
}
