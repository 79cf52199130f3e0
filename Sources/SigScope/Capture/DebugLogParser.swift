/// Reads the request an SDK's own debug log, or a verbose client transcript, shows.
///
/// Two forms, both as the tools write them (real samples in `testvectors/captures/logs/`):
///
/// - The Tencent Cloud Python SDK's log (`client.set_stream_logger()` / `set_file_logger()`,
///   logger `tencentcloud_sdk_common`): one record per request,
///   `… SendRequest: Host: H` then `Method: M`, `Uri: /`, `Header: Name: value` and one more
///   `Name: value` line per header, then `Data: …`, the body of a POST or the query of a GET,
///   on one line (the SDK's JSON and form bodies never hold a raw line break).
/// - A verbose transcript: the request block of `curl -v` (`> POST / HTTP/1.1`, `> Name: value`,
///   `>` alone to end it) and of the Alibaba Cloud Python core SDK's `DEBUG=sdk` log
///   (`> GET /?…&Signature=… HTTP/1.1`, `> Name : value`). Such a transcript shows no request
///   body, so it can be verified only when the request has none (an RPC GET carries everything
///   in its URL); with a body it is refused, saying so.
package enum DebugLogParser {
    /// Where a Tencent SDK record starts.
    static let sendRequest = "SendRequest: Host: "

    /// True when `bytes` hold a Tencent SDK `SendRequest` record.
    static func isTencentSDKLog(_ bytes: [UInt8]) -> Bool {
        CapturedResponse.Bytes.contains(bytes, "SendRequest: Host: ")
    }

    /// True when some line is `> ` followed by a request line (`> POST / HTTP/1.1`).
    static func isVerboseTranscript(_ bytes: [UInt8]) -> Bool {
        CapturedResponse.Bytes.contains(bytes, "> ") && lines(bytes).contains { verboseRequestLine($0.text) != nil }
    }

    // MARK: - Tencent SDK log

    /// Parses the first `SendRequest` record of a Tencent Cloud Python SDK debug log.
    /// - Throws: `SigScopeError.invalidCapture` naming the line that breaks the record's layout.
    package static func parseTencentSDKLog(_ bytes: [UInt8], source: String) throws(SigScopeError) -> CapturedRequest {
        let all = lines(bytes)
        let records = all.indices.filter { text(after: sendRequest, in: all[$0].text) != nil }
        guard let first = records.first else {
            throw SigScopeError(.invalidCapture, "no \"SendRequest: Host: …\" record of the Tencent Cloud SDK's debug log was found", source: source, line: 1, column: 1)
        }
        let startLine = all[first]
        let logged = String(text(after: sendRequest, in: startLine.text) ?? "").trimmingASCIIWhitespace()
        var index = first + 1

        /// The value of the field line `name: value` expected at `index`.
        func field(_ name: String) throws(SigScopeError) -> String {
            guard index < all.count, all[index].text.hasPrefix(name + ": ") || all[index].text == name + ":" else {
                let line = index < all.count ? all[index].number : all[all.count - 1].number
                throw SigScopeError(.invalidCapture, "the SDK's SendRequest record (line \(startLine.number)) has no \"\(name): …\" line where it should be; the log is cut or edited",
                                    source: source, line: line, column: 1)
            }
            defer { index += 1 }
            return String(all[index].text.dropFirst(name.count + 1)).trimmingASCIIWhitespace()
        }

        let method = try field("Method").uppercased()
        let uri = try field("Uri")
        guard method == "GET" || method == "POST" else {
            throw SigScopeError(.invalidCapture, "the logged method \"\(method)\" is not GET or POST, the only methods the SDK sends", source: source, line: all[index - 2].number, column: 9)
        }
        // "Header: " starts the first header; every line up to "Data: " is one more.
        var headers: [HTTPHeader] = []
        var headerLines = [try field("Header")]
        var headerNumbers = [all[index - 1].number]
        while index < all.count, !all[index].text.hasPrefix("Data:") {
            headerLines.append(all[index].text)
            headerNumbers.append(all[index].number)
            index += 1
        }
        for (text, number) in zip(headerLines, headerNumbers) where !text.isEmpty {
            guard let colon = text.firstIndex(of: ":") else {
                throw SigScopeError(.invalidCapture, "expected a header line \"Name: value\" of the SendRequest record, found \"\(RawHTTPRequestParser.preview(text))\"", source: source, line: number, column: 1)
            }
            headers.append(HTTPHeader(String(text[..<colon]).trimmingASCIIWhitespace(), String(text[text.index(after: colon)...]).trimmingASCIIWhitespace()))
        }
        guard index < all.count else {
            throw SigScopeError(.invalidCapture, "the SDK's SendRequest record (line \(startLine.number)) ends before its \"Data: …\" line; the log is cut", source: source, line: all[all.count - 1].number, column: 1)
        }
        var dataText = Substring(all[index].text.dropFirst("Data:".count))
        if dataText.first == " " { dataText = dataText.dropFirst() }
        let data = pythonBytesLiteral(dataText) ?? Array(dataText.utf8)

        var notes = ["read from the Tencent Cloud SDK's debug log: the SendRequest record on line \(startLine.number); the log does not show the scheme, so https was assumed"]
        if records.count > 1 {
            notes.append("the log holds \(records.count) SendRequest records; the first was read (keep only the one to verify in the file to choose another)")
        }
        let host = headers.first(where: { $0.name.lowercased() == "host" })?.value ?? logged
        if !headers.contains(where: { $0.name.lowercased() == "host" }) {
            // The SDK's HTTP layer sends its endpoint as Host when no header names one.
            headers.insert(HTTPHeader("Host", logged), at: 0)
        }
        var path = uri.isEmpty ? "/" : uri
        var query = ""
        if let q = path.firstIndex(of: "?") {
            query = String(path[path.index(after: q)...])
            path = String(path[..<q])
        }
        var body: [UInt8] = []
        if method == "GET" {
            // The SDK sends a GET to url + "?" + Data.
            query = String(decoding: data, as: UTF8.self)
        } else {
            body = data
        }
        let request = SentRequest(method: method, scheme: "https", host: host, path: path, query: query, headers: headers, body: body)
        return CapturedRequest(request: request, format: .sdkLog, notes: notes.map(SigScopeMessage.init(verbatim:)))
    }

    /// The bytes of a Python bytes literal (`b'…'`, as the SDK logs a bytes body), nil for other text.
    static func pythonBytesLiteral(_ text: Substring) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 3, utf8[0] == UInt8(ascii: "b"), utf8[1] == UInt8(ascii: "'") || utf8[1] == UInt8(ascii: "\""), utf8.last == utf8[1] else { return nil }
        return CurlCommandParser.backslashEscapes(utf8[2..<(utf8.count - 1)], hex: true)
    }

    // MARK: - Verbose transcripts

    /// Parses the request block of a `curl -v` transcript or an Alibaba core SDK `DEBUG=sdk` log.
    /// - Throws: `SigScopeError.invalidCapture` for a header line that cannot be read, a request
    ///   without a host, or one with a body (which such transcripts do not show).
    package static func parseVerboseTranscript(_ bytes: [UInt8], source: String) throws(SigScopeError) -> CapturedRequest {
        let all = lines(bytes)
        guard let start = all.firstIndex(where: { verboseRequestLine($0.text) != nil }), let requestLine = verboseRequestLine(all[start].text) else {
            throw SigScopeError(.invalidCapture, "no request line such as \"> POST / HTTP/1.1\" was found in the transcript", source: source, line: 1, column: 1)
        }
        var headers: [HTTPHeader] = []
        var index = start + 1
        while index < all.count, all[index].text.hasPrefix(">") {
            let text = String(all[index].text.dropFirst()).trimmingASCIIWhitespace()
            index += 1
            if text.isEmpty { break }
            guard let colon = text.firstIndex(of: ":") else {
                throw SigScopeError(.invalidCapture, "expected a header line \"> Name: value\", found \"\(RawHTTPRequestParser.preview(String(text)))\"", source: source, line: all[index - 1].number, column: 1)
            }
            headers.append(HTTPHeader(String(text[..<colon]).trimmingASCIIWhitespace(), String(text[text.index(after: colon)...]).trimmingASCIIWhitespace()))
        }
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name }?.value }
        var scheme = "https"
        var host = header("host")
        var path = "/"
        var query = ""
        let target = requestLine.target
        if target.hasPrefix("/") {
            if let q = target.firstIndex(of: "?") {
                path = String(target[..<q])
                query = String(target[target.index(after: q)...])
            } else {
                path = target
            }
        } else if let url = URLParts.parse(target) {
            scheme = url.scheme
            path = url.path
            query = url.query
            host = host ?? url.authority
        }
        guard let host, !host.isEmpty else {
            throw SigScopeError(.invalidCapture, "the transcript's request has no Host line and its target names no host", source: source, line: all[start].number, column: 1)
        }
        let length = header("content-length").flatMap { Int($0) } ?? 0
        if length > 0 || header("transfer-encoding") != nil {
            throw SigScopeError(.invalidCapture, "the transcript shows the request's headers but not its body (\(length > 0 ? "\(length) bytes" : "chunked")), and the signature covers the body; verify the request from the curl command itself, a raw HTTP capture or a HAR file instead",
                                source: source, line: all[start].number, column: 1)
        }
        let notes = ["read from a verbose transcript (curl -v or an SDK debug log): the request on line \(all[start].number); it shows no scheme, so \(scheme) was assumed unless the target names one"]
        let request = SentRequest(method: requestLine.method, scheme: scheme, host: host, path: path, query: query, headers: headers, body: [])
        return CapturedRequest(request: request, format: .verbose, notes: notes.map(SigScopeMessage.init(verbatim:)))
    }

    /// The request line of `> METHOD target HTTP/x` (curl -v, the Alibaba core SDK's log), nil for any other line.
    static func verboseRequestLine(_ line: String) -> (method: String, target: String, version: String?)? {
        guard line.hasPrefix("> ") else { return nil }
        guard let parsed = RawHTTPRequestParser.parseRequestLine(String(line.dropFirst(2))), parsed.version != nil else { return nil }
        return parsed
    }

    // MARK: - Lines

    /// What follows the first `needle` in `line`, nil when it does not occur.
    static func text(after needle: String, in line: String) -> Substring? {
        let target = Array(needle.utf8)
        let utf8 = line.utf8
        guard utf8.count >= target.count, let first = target.first else { return nil }
        var i = utf8.startIndex
        while let start = utf8[i...].firstIndex(of: first) {
            if utf8[start...].starts(with: target) {
                let end = utf8.index(start, offsetBy: target.count)
                return Substring(line.utf8[end...])
            }
            i = utf8.index(after: start)
        }
        return nil
    }

    /// The input's lines (LF or CRLF), each with its 1-based number.
    static func lines(_ bytes: [UInt8]) -> [(number: Int, text: String)] {
        var result: [(number: Int, text: String)] = []
        var start = 0
        var number = 1
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var stop = end
            if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
            result.append((number, String(decoding: bytes[start..<stop], as: UTF8.self)))
            number += 1
            start = end + 1
        }
        return result
    }
}
