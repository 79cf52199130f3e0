import Testing
import SigScope

@Suite("curl command lines")
struct CurlCommandParserTests {
    func parse(_ text: String) throws(SigScopeError) -> CapturedRequest {
        try CurlCommandParser.parse(Array(text.utf8), source: "cmd")
    }

    @Test("the multi-line form sigscope curl prints, with '\\'' quoting and Expect: cleared")
    func sigscopeForm() throws {
        let text = """
        curl --silent --show-error --globoff --request POST https://vpc.tencentcloudapi.com/ \\
          --header 'Authorization: TC3-HMAC-SHA256 Credential=AKID/2019-02-25/vpc/tc3_request, SignedHeaders=content-type;host, Signature=ab' \\
          --header 'Host: vpc.tencentcloudapi.com' \\
          --header 'Content-Type: application/json' \\
          --header Expect: \\
          --data-binary '{"Name":"it'\\''s 中文"}'
        """
        let request = try parse(text).request
        #expect(request.method == "POST")
        #expect(request.scheme == "https")
        #expect(request.host == "vpc.tencentcloudapi.com")
        #expect(request.path == "/")
        #expect(request.query == "")
        #expect(request.body == Array(#"{"Name":"it's 中文"}"#.utf8))
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("Expect") == nil)
        #expect(request.header("Authorization")?.hasSuffix("Signature=ab") == true)
    }

    @Test("printf 'octal' | curl --data-binary @- feeds printf's bytes as the body")
    func printfPipe() throws {
        let request = try parse(#"printf '{\000\377'"'"'%%\n}' | curl --request POST https://vpc.tencentcloudapi.com/ --header 'Content-Type: application/octet-stream' --data-binary @-"#).request
        #expect(request.body == [0x7B, 0x00, 0xFF, 0x27, 0x25, 0x0A, 0x7D])
    }

    @Test("Chrome's Copy as cURL (bash): URL first, lower-case headers, $'…' body, --compressed")
    func chromeForm() throws {
        let text = """
        curl 'https://ecs.aliyuncs.com/?Action=DescribeRegions&Format=JSON' \\
          -H 'accept: application/json' \\
          -H 'content-type: application/x-www-form-urlencoded' \\
          -b 'session=abc; other=1' \\
          --data-raw $'RegionId=cn-hangzhou&Name=it\\'s+\\u4e2d' \\
          --compressed
        """
        let request = try parse(text).request
        #expect(request.method == "POST")
        #expect(request.query == "Action=DescribeRegions&Format=JSON")
        #expect(request.header("content-type") == "application/x-www-form-urlencoded")
        #expect(request.header("Cookie") == "session=abc; other=1")
        #expect(request.header("Accept-Encoding") != nil)
        #expect(request.bodyText == "RegionId=cn-hangzhou&Name=it's+中")
    }

    @Test("Firefox's form: -X POST before the headers, --data-raw")
    func firefoxForm() throws {
        let request = try parse("curl 'https://vpc.tencentcloudapi.com/' -X POST -H 'Content-Type: application/json' --data-raw '{}'").request
        #expect(request.method == "POST")
        #expect(request.bodyText == "{}")
    }

    @Test("-d without a Content-Type gets curl's application/x-www-form-urlencoded, and several -d join with &")
    func dataDefaults() throws {
        let request = try parse("curl -d a=1 --data b=2 http://h.example/x").request
        #expect(request.method == "POST")
        #expect(request.scheme == "http")
        #expect(request.path == "/x")
        #expect(request.bodyText == "a=1&b=2")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
    }

    @Test("-G moves the data into the query and sends GET without a body")
    func getFlag() throws {
        let request = try parse("curl -G 'https://h.example/?x=1' -d 'y=2' --data-urlencode 'z=a b*~'").request
        #expect(request.method == "GET")
        #expect(request.query == "x=1&y=2&z=a+b%2A~")
        #expect(request.body.isEmpty)
        #expect(request.header("Content-Type") == nil)
    }

    @Test("short option clusters and attached arguments: -sSL -XPUT -H'k: v'")
    func clusters() throws {
        let request = try parse("curl -sSL -XPUT -H'k: v' https://h.example/").request
        #expect(request.method == "PUT")
        #expect(request.header("k") == "v")
    }

    @Test("-H 'Name;' sends an empty header and -H 'Name:' removes one curl would add")
    func emptyAndRemoved() throws {
        let request = try parse("curl -H 'X-Empty;' -H 'Accept:' https://h.example/").request
        #expect(request.header("X-Empty") == "")
        #expect(request.header("Accept") == nil)
    }

    @Test("--json sets the body and JSON Content-Type and Accept")
    func json() throws {
        let request = try parse(#"curl --json '{"a":1}' https://h.example/"#).request
        #expect(request.method == "POST")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("Accept") == "application/json")
    }

    @Test("a leading $ prompt and environment assignments before curl are skipped")
    func promptAndAssignments() throws {
        let request = try parse("$ LANG=C curl https://h.example/?a=1").request
        #expect(request.query == "a=1")
    }

    @Test("unknown options, a missing URL, a body from a file and multipart forms are errors")
    func errors() {
        for text in ["curl --frobnicate https://h/", "curl -H 'a: b'", "curl -d @body.json https://h/", "curl -F a=b https://h/", "curl -X"] {
            #expect(throws: SigScopeError(.invalidCapture, ""), "\(text)") { try parse(text) }
        }
    }

    @Test("the error for an unknown option points at the option's line and column")
    func errorLocation() {
        do {
            _ = try parse("curl https://h/ \\\n   --frobnicate")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 4)
        }
    }
}
