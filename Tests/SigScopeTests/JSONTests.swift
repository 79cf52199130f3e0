import Testing
import SigScope

@Suite("JSON")
struct JSONTests {
    @Test("keeps member order and number literals")
    func orderAndLiterals() throws {
        let value = try JSONParser.parse(#"{"b": 1.0, "a": [1e0, -0, 10], "c": {"z": null, "y": true}}"#)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
        #expect(value["b"] == .number("1.0"))
        #expect(value["a"] == .array([.number("1e0"), .number("-0"), .number("10")]))
        #expect(value["c"]?.objectValue?.keys == ["z", "y"])
    }

    @Test("decodes escapes, surrogate pairs and raw UTF-8")
    func strings() throws {
        #expect(try JSONParser.parse(#""\u672a\u547d\u540d""#) == .string("未命名"))
        #expect(try JSONParser.parse(#""\ud83d\ude80 \" \\ \/ \n""#) == .string("🚀 \" \\ / \n"))
        #expect(try JSONParser.parse("\"中文🚀\"") == .string("中文🚀"))
    }

    struct Bad: Sendable, CustomStringConvertible {
        let text: String
        let line: Int
        let column: Int
        let reason: String
        var description: String { text }
    }

    static let bad: [Bad] = [
        Bad(text: "{\"a\": 1,}", line: 1, column: 9, reason: "member name"),
        Bad(text: "{\n  \"a\": tru\n}", line: 2, column: 8, reason: "invalid literal"),
        Bad(text: "[1, 2", line: 1, column: 1, reason: "unterminated array"),
        Bad(text: "\"abc", line: 1, column: 1, reason: "unterminated string"),
        Bad(text: "01", line: 1, column: 1, reason: "leading zeros"),
        Bad(text: "{} {}", line: 1, column: 4, reason: "after the JSON value"),
        Bad(text: "\"a\tb\"", line: 1, column: 3, reason: "control character"),
        Bad(text: "\"\\ud800\"", line: 1, column: 2, reason: "surrogate"),
        Bad(text: "", line: 1, column: 1, reason: "empty"),
        Bad(text: "{\"中文\": x}", line: 1, column: 8, reason: "expected a value"),
    ]

    @Test("rejects malformed input with line, column and a reason", arguments: bad)
    func malformed(_ bad: Bad) {
        do {
            _ = try JSONParser.parse(bad.text)
            Issue.record("accepted \(bad.text)")
        } catch {
            #expect(error.line == bad.line)
            #expect(error.column == bad.column)
            #expect(error.reason.contains(bad.reason), "\(error.reason)")
        }
    }

    @Test("rejects invalid UTF-8 inside strings")
    func invalidUTF8() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test("a non-ASCII or invalid byte is seen at every offset of a string, up to the closing quote")
    func highBytesAtEveryOffset() throws {
        // The parser reads strings eight bytes at a time and jumps to the closing quote: every
        // byte it passes must still count for UTF-8 validation.
        for length in 1...20 {
            for offset in 0..<length {
                var plain = Array(repeating: UInt8(ascii: "a"), count: length)
                var bad = plain
                bad[offset] = 0xFF
                #expect(throws: JSONSyntaxError.self, "0xFF at \(offset) of \(length)") { try JSONParser.parse([0x22] + bad + [0x22]) }
                plain.replaceSubrange(offset...offset, with: Array("é".utf8))
                let text = String(decoding: plain, as: UTF8.self)
                #expect(try JSONParser.parse([0x22] + plain + [0x22]) == .string(text))
                #expect(try JSONParser.parse([0x22] + plain + Array(#"\n""#.utf8)) == .string(text + "\n"))
            }
        }
    }

    @Test("bounds depth and size")
    func limits() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep, limits: JSONLimits(maxDepth: 99, maxBytes: 1000)) }
        #expect((try? JSONParser.parse(deep, limits: JSONLimits(maxDepth: 100, maxBytes: 1000))) != nil)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("[1,2,3]", limits: JSONLimits(maxDepth: 10, maxBytes: 6)) }
    }

    /// Issue 28: a request file whose object repeats a name was read silently (last one wins),
    /// though RFC 8259 leaves which one a receiver takes open. Request files refuse it.
    @Test("request-file limits refuse a repeated member name at the repeat, in any object; other limits keep the last", arguments: [
        (#"{"VpcId": "a", "VpcId": "b"}"#, 1, 16, "VpcId"),
        ("{\"params\": {\"Tags\": [{\"Key\": \"a\",\n  \"Value\": \"x\", \"Key\": \"b\"}]}}", 2, 17, "Key"),
        (#"{"provider": "tencent", "params": {}, "provider": "aliyun"}"#, 1, 39, "provider"),
        // Past the pairwise look (16 names), a set is used: same answer.
        ("{" + (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + #", "k3": 0}"#, 1, 422, "k3"),
        // Names equal only after their escapes are decoded are the same name.
        (#"{"VpcId": "a", "Vpc\u0049d": "b"}"#, 1, 16, "VpcId"),
    ])
    func repeatedNames(text: String, line: Int, column: Int, name: String) throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse(text, limits: .requestFile) }
        #expect(error.line == line && error.column == column, "\(error)")
        #expect(error.reason.contains("\"\(name)\"") && error.reason.contains("more than once"), "\(error)")
        #expect((try? JSONParser.parse(text)) != nil)
        #expect((try? JSONParser.parse(text, limits: .request)) != nil)
    }

    @Test("request-file limits accept the same name in different objects")
    func sameNameInSiblings() throws {
        let text = #"{"params": {"Tags": [{"Key": "a"}, {"Key": "b"}], "Key": "c"}}"#
        #expect((try? JSONParser.parse(text, limits: .requestFile)) != nil)
    }

    @Test("writes compact, Python-spaced, ASCII-escaped and sorted forms")
    func writer() throws {
        let value = try JSONParser.parse(#"{"b": "中/\n", "a": [1, true, null]}"#)
        #expect(JSONWriter.compact.string(value) == #"{"b":"中/\n","a":[1,true,null]}"#)
        #expect(JSONWriter(spacing: .python, escapeNonASCII: true).string(value) == #"{"b": "\u4e2d/\n", "a": [1, true, null]}"#)
        #expect(JSONWriter(sortKeys: true, escapeSlash: true).string(value) == #"{"a":[1,true,null],"b":"中\/\n"}"#)
        #expect(JSONWriter.pretty.string(.object(["a": .array([])])) == "{\n  \"a\": []\n}")
        #expect(JSONWriter.compact.string(.string("\u{1}")) == #""\u0001""#)
    }

    @Test("a located member's span is its value's text, and says whether a string in it has an escape")
    func locatedSpan() throws {
        func locate(_ text: String, _ key: String = "params") throws -> (text: String, hasEscapes: Bool)? {
            let bytes = Array(text.utf8)
            return try bytes.withUnsafeBufferPointer { buffer in
                let parsed = try JSONParser.parse(buffer, locating: key)
                #expect(parsed.value == (try JSONParser.parse(text)))
                return parsed.span.map { (String(decoding: buffer[$0.range], as: UTF8.self), $0.hasEscapes) }
            }
        }
        let plain = try #require(try locate(#"{"a": "\n", "params" :  {"x": [1, {"y": "é"}]} , "b": "\""}"#))
        #expect(plain.text == #"{"x": [1, {"y": "é"}]}"#)
        #expect(!plain.hasEscapes)  // the escapes outside the member do not count
        #expect(try locate(#"{"params": {"x": "a\"b"}}"#)?.hasEscapes == true)
        #expect(try locate(#"{"params": {"k\u00e9": 1}}"#)?.hasEscapes == true)
        #expect(try locate(#"{"params": 12.5e3}"#)?.text == "12.5e3")
        #expect(try locate(#"{"other": {"params": {}}}"#) == nil)  // only a top-level member
        #expect(try locate(#"[{"params": {}}]"#) == nil)
    }

    @Test("minified JSON text without escapes is what the compact writer writes for its value", arguments: 0..<3)
    func minifiedEqualsCompact(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let fixed = [
            #"{ "VpcId" : "vpc-1" ,"Tags":[ {"Key" :"a b","Value":" x "} ] }"#,
            "{\r\n\t\"a\" :\t[ -0.5E+2 , 1e0 , true,false ,null , [ ] , { } ]\n}",
            #"{"名字": "网卡 🚀  two", "n": 0}"#,
            #"{"a":1,"a":2}"#,
            "  [ \"x y\" ]  ",
        ]
        let generated = (0..<200).map { _ in Self.randomJSON(&random, depth: 0) }
        for text in fixed + generated {
            let bytes = Array(text.utf8)
            let value = try JSONParser.parse(bytes)
            let out = ByteBuffer(capacity: 16)
            bytes.withUnsafeBufferPointer { JSONWriter.appendMinified($0, to: out) }
            #expect(Array(out.bytes) == JSONWriter.compact.bytes(value), "\(text)")
        }
    }

    /// A random JSON text without escapes, with random whitespace between tokens.
    static func randomJSON(_ random: inout SplitMix, depth: Int) -> String {
        func pick<T>(_ choices: [T]) -> T { choices[random.next(below: choices.count)] }
        func space() -> String { (0..<random.next(below: 4)).map { _ in pick([" ", "\t", "\n", "\r"]) }.joined() }
        func string() -> String {
            "\"" + (0..<random.next(below: 5)).map { _ in pick(["a", " ", "vpc-1", "é", "中", "🚀", "{", "}", "[", ":", ",", "/", "'"]) }.joined() + "\""
        }
        switch random.next(below: depth > 3 ? 3 : 5) {
        case 0: return string()
        case 1: return pick(["0", "-1", "12.50", "1e-3", "-0.0E+2"])
        case 2: return pick(["true", "false", "null"])
        case 3:
            let items = (0..<random.next(below: 4)).map { _ in space() + randomJSON(&random, depth: depth + 1) + space() }
            return "[" + (items.isEmpty ? space() : items.joined(separator: ",")) + "]"
        default:
            let members = (0..<random.next(below: 4)).map { _ in space() + string() + space() + ":" + space() + randomJSON(&random, depth: depth + 1) + space() }
            return "{" + (members.isEmpty ? space() : members.joined(separator: ",")) + "}"
        }
    }

    /// A small seeded generator (SplitMix64), so a failing case is the same on every run.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next(below bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    @Test("Python's json.dumps form of the official TC3 payload round-trips byte for byte")
    func pythonRoundTrip() throws {
        let text = #"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#
        let value = try JSONParser.parse(text)
        #expect(JSONWriter(spacing: .python, escapeNonASCII: true).string(value) == text)
    }
}

@Suite("Request model")
struct RequestModelTests {
    @Test("reads the interface's Tencent example file")
    func tencentFile() throws {
        let text = """
        {"provider": "tencent", "action": "CreateNetworkInterface", "region": "ap-guangzhou",
         "params": {"VpcId": "vpc-0akbol5v", "SecurityGroupIds": ["sg-05bb4upy"],
                    "PrivateIpAddresses": [{"PrivateIpAddress": "172.16.64.13", "Primary": true}]}}
        """
        let draft = try RequestDraft.parse(Array(text.utf8), source: "f.json")
        let request = try RequestBuilder.build(draft, overrides: RequestOverrides(), source: "f.json")
        #expect(request.provider == .tencent && request.region == "ap-guangzhou")
        #expect(request.params["SecurityGroupIds"] == .array([.string("sg-05bb4upy")]))
    }

    @Test("a request file repeating a params name is invalid JSON at the repeat's line and column")
    func repeatedParamName() throws {
        let text = "{\"provider\": \"tencent\",\n \"params\": {\"VpcId\": \"a\", \"VpcId\": \"b\"}}"
        let error = try #require(throws: SigScopeError.self) { try RequestDraft.parse(Array(text.utf8), source: "f.json") }
        #expect(error.code == .invalidJSON)
        #expect(error.line == 2 && error.column == 27, "\(error)")
    }

    @Test("the builder says when the params are the file's as given: not when names are nested, --param merges or RegionId is filled")
    func paramsAsGiven() throws {
        func asGiven(_ draft: RequestDraft, _ overrides: RequestOverrides = RequestOverrides()) throws -> Bool {
            var given = false
            let request = try RequestBuilder.build(draft, overrides: overrides, source: "f", paramsAsGiven: &given)
            #expect(given == (request.params == draft.params))
            return given
        }
        let nested: JSONObject = ["VpcId": .string("vpc-1"), "SecurityGroupIds": .array([.string("sg-1")])]
        #expect(try asGiven(RequestDraft(provider: .tencent, region: "ap-guangzhou", params: nested)))
        #expect(try !asGiven(RequestDraft(provider: .tencent, params: ["SecurityGroupIds.0": .string("sg-1")])))
        #expect(try !asGiven(RequestDraft(provider: .tencent, params: nested), RequestOverrides(params: [("VpcId", .string("vpc-2"))])))
        #expect(try !asGiven(RequestDraft(provider: .aliyun, region: "cn-hangzhou", params: nested)))
        #expect(try asGiven(RequestDraft(provider: .aliyun, region: "cn-hangzhou", params: ["RegionId": .string("cn-hangzhou")])))
    }

    @Test("Alibaba: flat names nest 1-based, and region fills RegionId")
    func aliyunFlat() throws {
        let draft = RequestDraft(provider: .aliyun, region: "cn-hangzhou",
                                 params: ["Tag.2.Key": .string("b"), "Tag.1.Key": .string("a"), "Tag.1.Value": .string("x"),
                                          "SecurityGroupIds.1": .string("sg-1"), "ConnectionTrackingConfiguration.UdpTimeout": .string("30")])
        let request = try RequestBuilder.build(draft, overrides: RequestOverrides(), source: "f")
        #expect(request.params["Tag"] == .array([.object(["Key": .string("a"), "Value": .string("x")]), .object(["Key": .string("b")])]))
        #expect(request.params["RegionId"] == .string("cn-hangzhou"))
        let flat = Params.flatten(request.params, indexBase: 1).map { "\($0.name)=\($0.value)" }
        #expect(Set(flat) == ["Tag.1.Key=a", "Tag.1.Value=x", "Tag.2.Key=b", "SecurityGroupIds.1=sg-1", "ConnectionTrackingConfiguration.UdpTimeout=30", "RegionId=cn-hangzhou"])
    }

    @Test("Tencent: flat names nest 0-based and flatten back the same way")
    func tencentFlat() throws {
        let draft = RequestDraft(provider: .tencent, params: ["SecurityGroupIds.0": .string("sg-a"), "SecurityGroupIds.1": .string("sg-b")])
        let request = try RequestBuilder.build(draft, overrides: RequestOverrides(), source: "f")
        #expect(request.params["SecurityGroupIds"] == .array([.string("sg-a"), .string("sg-b")]))
        #expect(Params.flatten(request.params, indexBase: 0).map(\.name) == ["SecurityGroupIds.0", "SecurityGroupIds.1"])
    }

    @Test("--param overrides replace file values, also inside lists")
    func overrides() throws {
        let draft = RequestDraft(provider: .aliyun, params: ["Tag": .array([.object(["Key": .string("a"), "Value": .string("1")])]), "VSwitchId": .string("vsw-old")])
        let overrides = RequestOverrides(params: [try RequestOverrides.parseParam("Tag.1.Value=2"), try RequestOverrides.parseParam("VSwitchId=vsw-new"),
                                                  try RequestOverrides.parseParam("Tag.2.Key=b")])
        let request = try RequestBuilder.build(draft, overrides: overrides, source: "f")
        #expect(request.params["Tag"] == .array([.object(["Key": .string("a"), "Value": .number("2")]), .object(["Key": .string("b")])]))
        #expect(request.params["VSwitchId"] == .string("vsw-new"))
    }

    @Test("command-line values are JSON when they look like JSON, text otherwise")
    func commandLineValues() {
        #expect(Params.commandLineValue("1") == .number("1"))
        #expect(Params.commandLineValue("true") == .bool(true))
        #expect(Params.commandLineValue("[\"sg-1\"]") == .array([.string("sg-1")]))
        #expect(Params.commandLineValue("\"123\"") == .string("123"))
        #expect(Params.commandLineValue("demo") == .string("demo"))
        #expect(Params.commandLineValue("0123") == .string("0123"))
        #expect(Params.commandLineValue("trueish") == .string("trueish"))
        #expect(Params.commandLineValue("") == .string(""))
    }

    @Test("rejects gaps, positions below the base and the same name twice")
    func rejections() {
        #expect(throws: SigScopeError(.invalidRequest, "")) {
            try RequestBuilder.build(RequestDraft(provider: .aliyun, params: ["Tag.1.Key": .string("a"), "Tag.3.Key": .string("c")]), overrides: RequestOverrides(), source: "f")
        }
        #expect(throws: SigScopeError(.invalidRequest, "")) {
            try RequestBuilder.build(RequestDraft(provider: .aliyun, params: ["Tag.0.Key": .string("a")]), overrides: RequestOverrides(), source: "f")
        }
        #expect(throws: SigScopeError(.invalidRequest, "")) {
            try RequestBuilder.build(RequestDraft(provider: .tencent, params: ["A": .string("x"), "A.B": .string("y")]), overrides: RequestOverrides(), source: "f")
        }
        #expect(throws: SigScopeError(.missingInput, "")) {
            try RequestBuilder.build(RequestDraft(), overrides: RequestOverrides(), source: "f")
        }
    }

    @Test("did-you-mean finds near misses only")
    func suggestions() {
        #expect(Suggest.closest(to: "SubnetID", in: ["SubnetId", "VpcId"]) == "SubnetId")
        #expect(Suggest.closest(to: "parms", in: RequestDraft.knownKeys) == "params")
        #expect(Suggest.closest(to: "Completely", in: ["SubnetId", "VpcId"]) == nil)
    }
}

@Suite("Timestamp")
struct TimestampTests {
    @Test("parses Unix seconds and ISO-8601 (Z, offsets, fractions) to the same instant")
    func parse() throws {
        #expect(try Timestamp.parse("1551113065").unixSeconds == 1_551_113_065)
        #expect(try Timestamp.parse("2019-02-25T16:44:25Z").unixSeconds == 1_551_113_065)
        #expect(try Timestamp.parse("2019-02-26T00:44:25+08:00").unixSeconds == 1_551_113_065)
        #expect(try Timestamp.parse("2019-02-26T00:44:25.123+0800").unixSeconds == 1_551_113_065)
        #expect(try Timestamp.parse("2016-02-23T12:46:24Z").iso8601 == "2016-02-23T12:46:24Z")
    }

    @Test("renders UTC dates, including leap days and the epoch")
    func render() {
        #expect(Timestamp(unixSeconds: 0).iso8601 == "1970-01-01T00:00:00Z")
        #expect(Timestamp(unixSeconds: 951_782_400).utcDate == "2000-02-29")
        #expect(Timestamp(unixSeconds: 1_551_113_065).utcDate == "2019-02-25")
        #expect(Timestamp(unixSeconds: 1_551_113_065).date(offsetSeconds: 8 * 3600) == "2019-02-26")
        #expect(Timestamp(unixSeconds: 4_102_444_799).iso8601 == "2099-12-31T23:59:59Z")
    }

    @Test("refuses impossible dates and unknown forms")
    func refuse() {
        for text in ["2019-02-30T00:00:00Z", "2019-13-01T00:00:00Z", "2019-02-25 16:44", "yesterday", "2019-02-25T16:44:25", "-5"] {
            #expect(throws: SigScopeError(.invalidOption, "")) { try Timestamp.parse(text) }
        }
        #expect(Timestamp.isCanonicalUTC("2016-02-23T12:46:24Z"))
        #expect(!Timestamp.isCanonicalUTC("2016-02-23T20:46:24+08:00"))
    }
}

@Suite("Encoding and quoting")
struct EncodingTests {
    @Test("RFC 3986 percent-encoding as signing.md §2.2's table")
    func rfc3986() {
        let table = ["a b": "a%20b", "a*b": "a%2Ab", "a~b": "a~b", "a/b": "a%2Fb", "a+b": "a%2Bb", "中文": "%E4%B8%AD%E6%96%87",
                     "x=y&z": "x%3Dy%26z", "!'()": "%21%27%28%29", "2016-02-23T12:46:24Z": "2016-02-23T12%3A46%3A24Z"]
        for (input, expected) in table {
            #expect(PercentEncoder.rfc3986.encode(input) == expected, "\(input)")
        }
    }

    @Test("each knob reproduces one client's encoding")
    func knobs() {
        #expect(PercentEncoder(spaceAsPlus: true).encode("a b") == "a+b")
        #expect(PercentEncoder(encodeStar: false).encode("a*b") == "a*b")
        #expect(PercentEncoder(encodeTilde: true).encode("a~b") == "a%7Eb")
        #expect(PercentEncoder(encodeSubDelims: false).encode("!'()") == "!'()")
        #expect(PercentEncoder(uppercaseHex: false).encode("/") == "%2f")
    }

    @Test("percent-decoding and form codecs")
    func decoding() {
        #expect(FormCodec.percentDecode("a%20b+c") == "a b+c")
        #expect(FormCodec.percentDecode("a%20b+c", plusAsSpace: true) == "a b c")
        #expect(FormCodec.percentDecode("%zz") == nil)
        #expect(FormCodec.decode("a=1&b=&c").map { "\($0.name)|\($0.value)" } == ["a|1", "b|", "c|"])
    }

    @Test("shell quoting survives quotes, dollars, backticks, backslashes and newlines")
    func quoting() {
        #expect(ShellQuote.quote("plain-word") == "plain-word")
        #expect(ShellQuote.quote("it's") == "'it'\\''s'")
        #expect(ShellQuote.quote("$HOME `id` \\ \n") == "'$HOME `id` \\ \n'")
        #expect(ShellQuote.quote("") == "''")
        #expect(ShellQuote.printfOctal([0, 0x41, 0x25, 0xFF]) == "'\\000A\\045\\377'")
    }

    @Test("endpoints accept a host, a port and http:// for local mocks, and refuse paths")
    func endpoints() throws {
        #expect(try Endpoint.parse("vpc.tencentcloudapi.com") == Endpoint(host: "vpc.tencentcloudapi.com"))
        #expect(try Endpoint.parse("http://127.0.0.1:8080/") == Endpoint(scheme: "http", host: "127.0.0.1:8080"))
        #expect(try Endpoint.parse("127.0.0.1:8080").hostname == "127.0.0.1")
        #expect(throws: SigScopeError(.invalidOption, "")) { try Endpoint.parse("https://vpc.tencentcloudapi.com/path") }
        #expect(throws: SigScopeError(.invalidOption, "")) { try Endpoint.parse("ftp://x") }
    }

    @Test("a SecretKey never prints itself")
    func redaction() {
        let key = SecretKey("hunter2")
        #expect("\(key)" == "<redacted>")
        #expect(String(reflecting: key) == "<redacted>")
        #expect(!"\(Credentials(secretId: "id", secretKey: key))".contains("hunter2"))
    }

    @Test("written in chunks, the pieces joined are exactly the whole document, pretty and compact")
    func chunkedWriter() throws {
        var text = "["
        for i in 0..<300 {
            text += (i > 0 ? "," : "") + #"{"NetworkInterfaceId": "eni-\#(i)", "Description": "a \"quoted\" description of some length", "n": \#(i), "ok": true, "x": null}"#
        }
        text += "]"
        let value = try JSONParser.parse(text)
        for writer in [JSONWriter.pretty, JSONWriter.compact, JSONWriter(spacing: .python, escapeNonASCII: true)] {
            var pieces: [[UInt8]] = []
            writer.write(value, chunkSize: 512) { pieces.append(Array($0)) }
            #expect(pieces.count > 1)
            #expect(pieces.dropLast().allSatisfy { $0.count >= 512 })
            #expect(Array(pieces.joined()) == writer.bytes(value))
        }
    }

    @Test("repeated long names and values parse to equal strings, also around escapes and non-ASCII")
    func repeatedLongStrings() throws {
        let member = #"{"NetworkInterfaceDescription": "2026-11-22 10:00:00 UTC", "PrivateIpAddressSet": "中文中文中文中文", "EscapedLongValueHere": "a\nb and more text"}"#
        let value = try JSONParser.parse("[" + Array(repeating: member, count: 50).joined(separator: ",") + "]")
        let elements = try #require(value.arrayValue)
        #expect(elements.count == 50)
        for element in elements {
            #expect(element["NetworkInterfaceDescription"] == .string("2026-11-22 10:00:00 UTC"))
            #expect(element["PrivateIpAddressSet"] == .string("中文中文中文中文"))
            #expect(element["EscapedLongValueHere"] == .string("a\nb and more text"))
        }
        // Invalid UTF-8 in a long string is still refused.
        var bad = Array(#""0123456789abcdef"#.utf8)
        bad.append(0xFF)
        bad.append(0x22)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bad) }
    }

    @Test("every escape is written as RFC 8259 spells it, before, between and after plain runs of any length")
    func escapes() {
        let text = "a\u{1}b\u{1f}\t\n\r\u{8}\u{c}\"\\/ and a longer plain run after them, 中文 too"
        #expect(JSONWriter.compact.string(.string(text)) == #""a\u0001b\u001f\t\n\r\b\f\"\\/ and a longer plain run after them, 中文 too""#)
        #expect(JSONWriter(escapeSlash: true).string(.string("/x/")) == #""\/x\/""#)
        // The same escapes on the \uXXXX path that non-ASCII text takes with escapeNonASCII.
        #expect(JSONWriter(escapeNonASCII: true, escapeSlash: true).string(.string(text)) ==
                #""a\u0001b\u001f\t\n\r\b\f\"\\\/ and a longer plain run after them, \u4e2d\u6587 too""#)
        #expect(JSONWriter.compact.string(.string("0123456789abcdef\"")) == #""0123456789abcdef\"""#)
        #expect(JSONWriter.compact.string(.string(String(repeating: "\n", count: 700))) == "\"" + String(repeating: "\\n", count: 700) + "\"")
    }

    @Test("a character that needs an escape is found at every offset of a word, next to bytes that could hide it")
    func escapesAtEveryOffset() {
        // The reference escapes byte by byte as RFC 8259 says; the writer scans eight bytes at a time.
        func reference(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{8}": out += "\\b"
                case "\u{c}": out += "\\f"
                case _ where scalar.value < 0x20: out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let specials: [Unicode.Scalar] = ["\"", "\\", "\n", "\u{0}", "\u{1f}", "\u{7f}", " ", "/", "é"]
        // Neighbours that trip a borrow in the word tests: 0x20, 0x21, 0x5B/0x5D next to the specials.
        let fillers: [Unicode.Scalar] = ["a", " ", "!", "[", "]", "#", "\u{20}", "~"]
        for length in 1...19 {
            for offset in 0..<length {
                for special in specials {
                    for filler in fillers {
                        var scalars = String.UnicodeScalarView(repeatElement(filler, count: length))
                        scalars.replaceSubrange(scalars.index(scalars.startIndex, offsetBy: offset)...scalars.index(scalars.startIndex, offsetBy: offset), with: [special])
                        let text = String(scalars)
                        #expect(JSONWriter.compact.string(.string(text)) == reference(text), "\(Array(text.utf8))")
                    }
                }
            }
        }
        // Two escapes in one word, at every pair of offsets: the writer resumes mid-word after each.
        for length in 2...17 {
            for first in 0..<length {
                for second in (first + 1)..<length {
                    for (a, b) in [("\"", "\n"), ("\u{1}", "\\"), ("\n", "\n")] as [(Unicode.Scalar, Unicode.Scalar)] {
                        var scalars = Array(repeatElement(Unicode.Scalar("a"), count: length))
                        scalars[first] = a
                        scalars[second] = b
                        let text = String(String.UnicodeScalarView(scalars))
                        #expect(JSONWriter.compact.string(.string(text)) == reference(text), "\(Array(text.utf8))")
                    }
                }
            }
        }
    }

    @Test("a byte buffer holds exactly what was appended, across its growth, and empties for reuse")
    func byteBuffer() {
        let buffer = ByteBuffer(capacity: 1)
        var expected: [UInt8] = []
        for i in 0..<500 {
            let piece = Array(repeating: UInt8(truncatingIfNeeded: i), count: i % 37)
            buffer.append(piece)
            expected += piece
            buffer.append(UInt8(ascii: ","))
            expected.append(UInt8(ascii: ","))
            buffer.append("é\(i)")
            expected += Array("é\(i)".utf8)
            buffer.append("\"lit\"" as StaticString)
            expected += Array("\"lit\"".utf8)
            JSONWriter.compact.appendString("a\"b\n\(i)", to: buffer)
            expected += Array(#""a\"b\n"#.utf8) + Array("\(i)\"".utf8)
        }
        #expect(Array(buffer.bytes) == expected)
        buffer.removeAll()
        #expect(buffer.count == 0 && buffer.bytes.isEmpty)
        buffer.append("again")
        #expect(Array(buffer.bytes) == Array("again".utf8))
    }

    @Test("a text longer than the escaping window (64 KiB) is escaped whole, across the windows' edges")
    func longEscapedText() {
        // 200,000 characters with a quote, a newline or a two-byte character every 997: escapes
        // and multi-byte characters land on and around the window boundaries.
        var text = ""
        var expected = "\""
        for i in 0..<200_000 {
            switch i % 997 {
            case 0: text += "\""; expected += "\\\""
            case 1: text += "\n"; expected += "\\n"
            case 2: text += "é"; expected += "é"
            default: text += "x"; expected += "x"
            }
        }
        expected += "\""
        #expect(JSONWriter.compact.string(.string(text)) == expected)
    }
}
