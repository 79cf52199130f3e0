import Testing
import SigScope

@Suite("HAR files")
struct HARRequestParserTests {
    static let har = """
    {"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": [
      {"request": {"method": "GET", "url": "https://example.com/", "headers": []}},
      {"request": {"method": "POST", "url": "https://vpc.tencentcloudapi.com/?a=1",
        "headers": [{"name": ":authority", "value": "vpc.tencentcloudapi.com"}, {"name": "content-type", "value": "application/json"}],
        "postData": {"mimeType": "application/json", "text": "{\\"k\\": \\"中\\"}"}}},
      {"request": {"method": "post", "url": "https://ecs.aliyuncs.com/", "headers": [{"name": "Host", "value": "ecs.aliyuncs.com"}],
        "postData": {"mimeType": "application/octet-stream", "text": "AAH/", "encoding": "base64"}}}
    ]}}
    """

    func parse(entry: Int? = nil) throws(SigScopeError) -> CapturedRequest {
        try HARRequestParser.parse(Array(Self.har.utf8), source: "s.har", entry: entry)
    }

    @Test("the first Tencent or Alibaba API entry is chosen; pseudo-headers are dropped")
    func firstAPIEntry() throws {
        let request = try parse().request
        #expect(request.method == "POST")
        #expect(request.host == "vpc.tencentcloudapi.com")
        #expect(request.query == "a=1")
        #expect(request.bodyText == "{\"k\": \"中\"}")
        #expect(request.headers.map(\.name) == ["content-type"])
    }

    @Test("--entry N picks log.entries[N] (0-based); a base64 body is decoded; the method is upper-cased")
    func explicitEntry() throws {
        let request = try parse(entry: 2).request
        #expect(request.method == "POST")
        #expect(request.body == [0x00, 0x01, 0xFF])
        #expect(request.header("Content-Type") == "application/octet-stream")
    }

    @Test("an entry out of range is a usage error; broken JSON is reported with line and column")
    func errors() {
        #expect(throws: SigScopeError(.invalidOption, "")) { try parse(entry: 3) }
        do {
            _ = try HARRequestParser.parse(Array("{\"log\":\n {\"entries\": [}".utf8), source: "s.har")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidCapture)
            #expect(error.line == 2)
        }
    }

    @Test("a HAR without any API entry is refused, asking for an entry index")
    func noAPIEntry() {
        let text = #"{"log": {"entries": [{"request": {"method": "GET", "url": "https://example.com/", "headers": []}}]}}"#
        do {
            _ = try HARRequestParser.parse(Array(text.utf8), source: "s.har")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidCapture)
            #expect(error.subject == .harEntry && error.reason.contains("choose one with the entry index N"))
        }
    }

    @Test("CaptureParser tells the three forms apart by their content")
    func detection() {
        #expect(CaptureParser.detectFormat(Array(Self.har.utf8)) == .har)
        #expect(CaptureParser.detectFormat(Array("\n  curl https://x/".utf8)) == .curl)
        #expect(CaptureParser.detectFormat(Array("$ curl https://x/".utf8)) == .curl)
        #expect(CaptureParser.detectFormat(Array("printf 'x' | curl https://x/ --data-binary @-".utf8)) == .curl)
        #expect(CaptureParser.detectFormat(Array("POST / HTTP/1.1\r\n".utf8)) == .http)
    }
}
