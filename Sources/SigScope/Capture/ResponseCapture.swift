// Response-side capture parsing: a bare body, an HTTP response as `curl -i` prints it, or
// a HAR 1.2 file. Self-contained: the request-side capture parsers live in other files of
// this folder and share nothing with this one but `HTTPHeader`.

/// A captured HTTP response: the body to decode, plus whatever the capture tells about
/// the exchange (status, headers, and for a HAR file the request that was sent).
package struct CapturedResponse: Sendable, Equatable {
    /// How the response was given.
    package enum Form: Sendable, Equatable {
        /// A bare body, JSON or XML.
        case body
        /// A full HTTP response: status line, headers, blank line, body.
        case http
        /// One entry of a HAR 1.2 file (0-based index into `log.entries`).
        case har(entry: Int)
    }

    /// What a HAR entry says about the request that produced the response.
    package struct RequestInfo: Sendable, Equatable {
        /// The request method.
        package var method: String
        /// The full request URL.
        package var url: String
        /// The request host, without port.
        package var host: String
        /// The provider the host (or an `X-TC-*` / `x-acs-*` header) belongs to, if any.
        package var provider: Provider?
        /// The API action: the `X-TC-Action` or `x-acs-action` header, else the `Action` query or form parameter.
        package var action: String?

        /// Creates request facts.
        package init(method: String, url: String, host: String, provider: Provider?, action: String?) {
            self.method = method
            self.url = url
            self.host = host
            self.provider = provider
            self.action = action
        }
    }

    /// How the response was given.
    package var form: Form
    /// The HTTP version of the status line (`HTTP/1.1`, `HTTP/2`), when there is one.
    package var httpVersion: String?
    /// The status code, nil when the input has no status line.
    package var status: Int?
    /// The reason phrase of the status line (may be empty).
    package var reason: String?
    /// The response headers of the final header block, in order.
    package var headers: [HTTPHeader]
    /// The body bytes, after undoing chunked transfer coding and HAR base64.
    package var body: [UInt8]
    /// The 1-based line of the input on which the body starts, when the body is a plain
    /// part of the input (so body line numbers can be turned into file line numbers).
    package var bodyLine: Int?
    /// For a HAR entry: the request that was sent.
    package var request: RequestInfo?
    /// Remarks about the capture worth telling a person (e.g. a chunked header with an
    /// already de-chunked body).
    package var notes: [String]

    /// Creates a captured response.
    package init(form: Form, httpVersion: String? = nil, status: Int? = nil, reason: String? = nil, headers: [HTTPHeader] = [], body: [UInt8], bodyLine: Int? = 1, request: RequestInfo? = nil, notes: [String] = []) {
        self.form = form
        self.httpVersion = httpVersion
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.bodyLine = bodyLine
        self.request = request
        self.notes = notes
    }

    /// The value of the first header named `name` (case-insensitive).
    package func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// The media type of `Content-Type`, lowercased, without parameters.
    package var mediaType: String? {
        header("Content-Type").map { ContentType.parse($0).mediaType }
    }

    /// The `charset` parameter of `Content-Type`, lowercased, when there is one.
    package var charset: String? {
        header("Content-Type").flatMap { ContentType.parse($0).charset }
    }

    // MARK: - Detection

    /// Parses `bytes` as whichever form it is: an HTTP response when it starts with
    /// `HTTP/`, a HAR file when it is a JSON object with `log.entries`, otherwise a bare body.
    /// - Parameters:
    ///   - entry: for a HAR file, the 0-based entry to use; by default the first entry whose
    ///     request went to a Tencent Cloud or Alibaba Cloud API host.
    ///   - limits: size and depth bounds.
    ///   - source: the file name to put in error messages.
    /// - Throws: `SigScopeError` `.limitExceeded` for input over the limit, `.invalidCapture`
    ///   for a malformed HTTP response or HAR file, `.invalidOption` for `entry` out of range
    ///   or given for input that is not a HAR file.
    package static func parse(_ bytes: [UInt8], entry: Int? = nil, limits: ResponseLimits = .standard, source: String? = nil) throws(SigScopeError) -> CapturedResponse {
        guard bytes.count <= limits.maxBytes else {
            throw SigScopeError(.limitExceeded, "the input is \(bytes.count) bytes, more than the limit of \(limits.maxBytes) bytes (\(limits.maxBytes >> 20) MiB)", source: source)
        }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count, Bytes.isSpace(bytes[start]) { start += 1 }
        if Bytes.hasPrefix(bytes, at: start, "HTTP/") {
            if entry != nil {
                throw SigScopeError(.invalidOption, "\(.harEntry) applies only to HAR files; this input is an HTTP response", source: source)
            }
            return try parseHTTP(bytes, from: start, limits: limits, source: source)
        }
        if HARDocument.mayBeHAR(bytes, objectAt: start), let har = try HARDocument.detect(bytes, limits: limits, source: source) {
            return try har.response(entry: entry, source: source)
        }
        if let transcript = transcriptResponse(bytes) {
            if entry != nil {
                throw SigScopeError(.invalidOption, "\(.harEntry) applies only to HAR files; this input is a verbose transcript", source: source)
            }
            var response = try parseHTTP(transcript.http, limits: limits, source: source)
            // The body's lines are not the file's lines.
            response.bodyLine = nil
            response.notes.insert(transcript.note, at: 0)
            return response
        }
        if entry != nil {
            throw SigScopeError(.invalidOption, "\(.harEntry) applies only to HAR files; this input is a bare response body", source: source)
        }
        return CapturedResponse(form: .body, body: bytes, bodyLine: 1)
    }

    // MARK: - HTTP responses

    /// Parses an HTTP/1.x or HTTP/2 response as `curl -i` prints it: one or more header
    /// blocks (informational `1xx` blocks and a proxy's `Connection established` are
    /// skipped), a blank line, then the body, de-chunked when `Transfer-Encoding: chunked`.
    /// - Throws: `SigScopeError.invalidCapture` with the line of the problem.
    package static func parseHTTP(_ bytes: [UInt8], from start: Int = 0, limits: ResponseLimits = .standard, source: String? = nil) throws(SigScopeError) -> CapturedResponse {
        var reader = LineReader(bytes: bytes, index: start, line: TextPosition.lineAndColumn(in: bytes, offset: start).line)
        var notes: [String] = []
        while true {
            guard let statusLine = reader.nextLine() else {
                throw SigScopeError(.invalidCapture, "the HTTP response ends before its status line", source: source, line: reader.line)
            }
            let statusLineNumber = reader.line - 1
            let status = try parseStatusLine(statusLine, source: source, line: statusLineNumber)
            var headers: [HTTPHeader] = []
            var sawBlank = false
            while let raw = reader.nextLine() {
                if raw.isEmpty { sawBlank = true; break }
                if Bytes.isSpace(raw[raw.startIndex]), !headers.isEmpty {
                    // obs-fold: a continuation of the previous header's value.
                    let more = Bytes.string(raw).trimmingASCIIWhitespace()
                    headers[headers.count - 1].value += " " + more
                    continue
                }
                guard let colon = raw.firstIndex(of: UInt8(ascii: ":")), colon > raw.startIndex else {
                    throw SigScopeError(.invalidCapture, "expected a header line `Name: value` (or a blank line before the body), found \"\(Bytes.preview(raw))\"", source: source, line: reader.line - 1)
                }
                let name = Bytes.string(raw[raw.startIndex..<colon]).trimmingASCIIWhitespace()
                let value = Bytes.string(raw[(colon + 1)...]).trimmingASCIIWhitespace()
                headers.append(HTTPHeader(name, value))
            }
            let next = reader.index
            let anotherBlockFollows = Bytes.hasPrefix(bytes, at: next, "HTTP/") && next < bytes.count
            let informational = (100..<200).contains(status.code)
            let bodyless = !headers.contains { ["content-length", "transfer-encoding"].contains($0.name.lowercased()) }
            if sawBlank, anotherBlockFollows, informational || bodyless {
                notes.append("skipped the header block \"\(status.version) \(status.code)\(status.reason.isEmpty ? "" : " " + status.reason)\" before the final response")
                continue
            }
            if !sawBlank {
                notes.append("the HTTP response has no blank line after its headers, so it has no body")
            }
            if informational {
                notes.append("the capture ends with an informational \(status.code) response; the final response is missing")
            }
            var response = CapturedResponse(form: .http, httpVersion: status.version, status: status.code, reason: status.reason, headers: headers, body: Array(bytes[min(next, bytes.count)...]), bodyLine: reader.line, notes: notes)
            try response.undoTransferCoding(limits: limits, source: source)
            return response
        }
    }

    private static func parseStatusLine(_ line: ArraySlice<UInt8>, source: String?, line lineNumber: Int) throws(SigScopeError) -> (version: String, code: Int, reason: String) {
        let text = Bytes.string(line)
        let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), parts[1].count == 3, let code = Int(parts[1]), (100...599).contains(code) else {
            throw SigScopeError(.invalidCapture, "expected an HTTP status line such as \"HTTP/1.1 200 OK\", found \"\(Bytes.preview(line))\"", source: source, line: lineNumber)
        }
        return (String(parts[0]), code, parts.count > 2 ? String(parts[2]).trimmingASCIIWhitespace() : "")
    }

    /// Undoes `Transfer-Encoding: chunked`, and refuses a compressed body.
    private mutating func undoTransferCoding(limits: ResponseLimits, source: String?) throws(SigScopeError) {
        let encoding = (header("Content-Encoding") ?? "").lowercased().trimmingASCIIWhitespace()
        let transfer = headers.filter { $0.name.lowercased() == "transfer-encoding" }.map { $0.value.lowercased() }.joined(separator: ",")
        if transfer.contains("chunked") {
            switch Chunked.decode(body, limit: limits.maxBytes) {
            case .decoded(let data, let complete):
                body = data
                bodyLine = nil
                if !complete { notes.append("the chunked body ends without its final 0-size chunk; the capture may be truncated") }
            case .notChunked:
                notes.append("Transfer-Encoding is chunked but the body is not in chunks (curl -i prints it already de-chunked); used as it is")
            case .malformed(let offset, let reason):
                throw SigScopeError(.invalidCapture, "the chunked body is malformed at byte \(offset) of the body: \(reason)", source: source)
            case .tooLarge:
                throw SigScopeError(.limitExceeded, "the de-chunked body is larger than the limit of \(limits.maxBytes) bytes", source: source)
            }
        }
        if !encoding.isEmpty, encoding != "identity" {
            let gzipMagic = body.count >= 2 && body[0] == 0x1F && body[1] == 0x8B
            let looksText = body.first.map { [UInt8(ascii: "{"), UInt8(ascii: "<"), UInt8(ascii: "["), 0x20, 0x0A, 0x0D, 0x09, 0xEF].contains($0) } ?? true
            if gzipMagic || !looksText {
                throw SigScopeError(.invalidCapture, "the body is compressed (Content-Encoding: \(encoding)); save the response decompressed, e.g. with curl --compressed -i", source: source)
            }
            notes.append("Content-Encoding is \(encoding) but the body is already decompressed (as curl --compressed saves it); used as it is")
        }
        if let lengthText = header("Content-Length"), let length = Int(lengthText.trimmingASCIIWhitespace()), encoding.isEmpty || encoding == "identity", !transfer.contains("chunked"), body.count < length {
            notes.append("the body has \(body.count) bytes but Content-Length says \(length); the capture may be truncated")
        }
    }
}

// MARK: - HAR

/// A HAR 1.2 file (HTTP Archive, as browsers and proxies export it), reduced to what
/// response decoding needs.
package struct HARDocument: Sendable, Equatable {
    /// One request/response pair of `log.entries`.
    package struct Entry: Sendable, Equatable {
        /// 0-based position in `log.entries`.
        package var index: Int
        /// `request.method`.
        package var method: String
        /// `request.url`.
        package var url: String
        /// `request.headers`.
        package var requestHeaders: [HTTPHeader]
        /// `request.postData.text`, when present.
        package var requestBody: String?
        /// `request.postData.mimeType`, when present.
        package var requestBodyMimeType: String?
        /// `request.postData.params` as name/value pairs, when present.
        package var requestBodyParams: [(name: String, value: String)]
        /// `response.status` (0 when the browser got no response).
        package var status: Int
        /// `response.statusText`.
        package var statusText: String
        /// `response.headers`.
        package var responseHeaders: [HTTPHeader]
        /// `response.content.mimeType`.
        package var mimeType: String?
        /// `response.content.text`, when the body was saved.
        package var text: String?
        /// `response.content.encoding` (`base64` or absent).
        package var encoding: String?

        /// Creates an entry.
        package init(index: Int, method: String, url: String, requestHeaders: [HTTPHeader], requestBody: String?, requestBodyMimeType: String?, requestBodyParams: [(name: String, value: String)], status: Int, statusText: String, responseHeaders: [HTTPHeader], mimeType: String?, text: String?, encoding: String?) {
            self.index = index
            self.method = method
            self.url = url
            self.requestHeaders = requestHeaders
            self.requestBody = requestBody
            self.requestBodyMimeType = requestBodyMimeType
            self.requestBodyParams = requestBodyParams
            self.status = status
            self.statusText = statusText
            self.responseHeaders = responseHeaders
            self.mimeType = mimeType
            self.text = text
            self.encoding = encoding
        }

        /// Compares every field (the tuple array needs spelling out).
        package static func == (a: Entry, b: Entry) -> Bool {
            a.index == b.index && a.method == b.method && a.url == b.url && a.requestHeaders == b.requestHeaders
                && a.requestBody == b.requestBody && a.requestBodyMimeType == b.requestBodyMimeType
                && a.requestBodyParams.map { [$0.name, $0.value] } == b.requestBodyParams.map { [$0.name, $0.value] }
                && a.status == b.status && a.statusText == b.statusText && a.responseHeaders == b.responseHeaders
                && a.mimeType == b.mimeType && a.text == b.text && a.encoding == b.encoding
        }

        /// The request host without port, from `url`.
        package var host: String { CapturedResponse.URLParts(url).host }

        /// The provider whose API the request went to: by host (`*.tencentcloudapi.com`,
        /// `*.aliyuncs.com`), else by signature headers (`X-TC-*`, `x-acs-*`).
        package var provider: Provider? {
            Provider.owning(hostname: host) ?? Provider.owning(headerNames: requestHeaders.map(\.name))
        }

        /// The API action the request named: `X-TC-Action` / `x-acs-action` header, else the
        /// `Action` parameter of the query string or of a form body.
        package var action: String? {
            for header in requestHeaders where ["x-tc-action", "x-acs-action"].contains(header.name.lowercased()) {
                let value = header.value.trimmingASCIIWhitespace()
                if !value.isEmpty { return value }
            }
            if let value = FormCodec.decode(CapturedResponse.URLParts(url).query, plusAsSpace: true).first(where: { $0.name == "Action" })?.value, !value.isEmpty {
                return value
            }
            if let value = requestBodyParams.first(where: { $0.name == "Action" })?.value, !value.isEmpty {
                return value
            }
            if let body = requestBody, (requestBodyMimeType ?? "").lowercased().contains("x-www-form-urlencoded"),
               let value = FormCodec.decode(body, plusAsSpace: true).first(where: { $0.name == "Action" })?.value, !value.isEmpty {
                return value
            }
            return nil
        }
    }

    /// `log.entries`, in order.
    package var entries: [Entry]

    /// Creates a document.
    package init(entries: [Entry]) {
        self.entries = entries
    }

    /// Parses a HAR file.
    /// - Throws: `SigScopeError` `.undecodable` when it is not JSON, `.invalidCapture` when
    ///   it is JSON but not a HAR file, `.limitExceeded` past the limits.
    package static func parse(_ bytes: [UInt8], limits: ResponseLimits = .standard, source: String? = nil) throws(SigScopeError) -> HARDocument {
        guard let document = try detect(bytes, limits: limits, source: source) else {
            throw SigScopeError(.invalidCapture, "not a HAR file: expected a JSON object with log.entries", source: source)
        }
        return document
    }

    /// False when the JSON object at `start` cannot be a HAR file, told from its first member's
    /// name: HAR 1.2's root holds `log` and custom fields (names starting with `_`) only. A body
    /// (`{"Response"`, `{"RequestId"`) is told at once, without scanning a large input for `"log"`.
    static func mayBeHAR(_ bytes: [UInt8], objectAt start: Int) -> Bool {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { return false }
        var i = start + 1
        while i < bytes.count, CapturedResponse.Bytes.isSpace(bytes[i]) { i += 1 }
        if CapturedResponse.Bytes.hasPrefix(bytes, at: i, "\"log\"") { return true }
        return CapturedResponse.Bytes.hasPrefix(bytes, at: i, "\"_")
    }

    /// The HAR document when `bytes` is one; nil when `bytes` is valid JSON without a
    /// top-level `log` member (a response body, then).
    static func detect(_ bytes: [UInt8], limits: ResponseLimits, source: String?) throws(SigScopeError) -> HARDocument? {
        // Cheap pre-check, so that a large JSON body is parsed only once, by the body decoder.
        guard CapturedResponse.Bytes.contains(bytes, "\"log\""), CapturedResponse.Bytes.contains(bytes, "\"entries\"") else { return nil }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes, limits: limits.json)
        } catch {
            throw ResponseBodyParser.jsonFailure(error, what: "the input", source: source, lineOffset: 0)
        }
        // Only `{"log": {"entries": [...]}}` is a HAR file; any other JSON is a body.
        guard let root = value.objectValue, let logObject = root["log"]?.objectValue, let entries = logObject["entries"]?.arrayValue else { return nil }
        var parsed: [Entry] = []
        parsed.reserveCapacity(entries.count)
        for (index, entryValue) in entries.enumerated() {
            guard let entry = entryValue.objectValue else {
                throw SigScopeError(.invalidCapture, "HAR log.entries[\(index)] is not an object", source: source)
            }
            let request = entry["request"]?.objectValue ?? JSONObject()
            let response = entry["response"]?.objectValue ?? JSONObject()
            let content = response["content"]?.objectValue ?? JSONObject()
            let postData = request["postData"]?.objectValue
            let params: [(name: String, value: String)] = (postData?["params"]?.arrayValue ?? []).compactMap { param in
                guard let name = param["name"]?.stringValue else { return nil }
                return (name, param["value"]?.stringValue ?? "")
            }
            parsed.append(Entry(
                index: index,
                method: request["method"]?.stringValue ?? "",
                url: request["url"]?.stringValue ?? "",
                requestHeaders: headers(request["headers"]),
                requestBody: postData?["text"]?.stringValue,
                requestBodyMimeType: postData?["mimeType"]?.stringValue,
                requestBodyParams: params,
                status: response["status"].flatMap { $0.scalarText }.flatMap { Int($0) } ?? 0,
                statusText: response["statusText"]?.stringValue ?? "",
                responseHeaders: headers(response["headers"]),
                mimeType: content["mimeType"]?.stringValue,
                text: content["text"]?.stringValue,
                encoding: content["encoding"]?.stringValue
            ))
        }
        return HARDocument(entries: parsed)
    }

    private static func headers(_ value: JSONValue?) -> [HTTPHeader] {
        (value?.arrayValue ?? []).compactMap { header in
            guard let name = header["name"]?.stringValue else { return nil }
            return HTTPHeader(name, header["value"]?.stringValue ?? "")
        }
    }

    /// The entry `--entry` names, or by default the first whose request went to a Tencent
    /// Cloud or Alibaba Cloud API (the only entry, if there is just one).
    /// - Throws: `SigScopeError.invalidOption` for an index out of range,
    ///   `.invalidCapture` when no entry can be chosen.
    package func select(entry: Int?, source: String? = nil) throws(SigScopeError) -> Entry {
        if let entry {
            guard entries.indices.contains(entry) else {
                let range = entries.isEmpty ? "it has no entries" : "its entries are numbered 0 to \(entries.count - 1)"
                throw SigScopeError(.invalidOption, "\(.harEntry) \(entry) is out of range: \(range)", source: source)
            }
            return entries[entry]
        }
        if let first = entries.first(where: { $0.provider != nil }) { return first }
        if entries.count == 1 { return entries[0] }
        if entries.isEmpty {
            throw SigScopeError(.invalidCapture, "the HAR file has no entries", source: source)
        }
        let hosts = entries.prefix(5).map { "\($0.index): \($0.method) \($0.host)" }.joined(separator: ", ")
        throw SigScopeError(.invalidCapture, "no HAR entry went to a Tencent Cloud (*.tencentcloudapi.com) or Alibaba Cloud (*.aliyuncs.com) API; choose one with \(.harEntry) N (0-based; \(hosts)\(entries.count > 5 ? ", …" : ""))", source: source)
    }

    /// The chosen entry's response as a `CapturedResponse`, its body base64-decoded when
    /// `content.encoding` is `base64`.
    /// - Throws: `SigScopeError` when the entry has no response or no saved body.
    package func response(entry: Int?, source: String? = nil) throws(SigScopeError) -> CapturedResponse {
        let chosen = try select(entry: entry, source: source)
        let label = "HAR entry \(chosen.index) (\(chosen.method) \(chosen.url))"
        guard chosen.status != 0 else {
            throw SigScopeError(.invalidCapture, "\(label) has no response (status 0): the request failed or was blocked before an answer came", source: source)
        }
        guard let text = chosen.text else {
            throw SigScopeError(.invalidCapture, "\(label) has no saved response body (response.content.text is missing); export the HAR again \"with content\"", source: source)
        }
        var body: [UInt8]
        var headers = chosen.responseHeaders
        switch chosen.encoding?.lowercased() {
        case nil, "":
            // Already text: the browser decoded the charset, so the body is UTF-8 now.
            body = Array(text.utf8)
            headers.removeAll { $0.name.lowercased() == "content-type" }
            headers.append(HTTPHeader("Content-Type", (chosen.mimeType.map { CapturedResponse.ContentType.parse($0).mediaType } ?? "application/octet-stream") + "; charset=utf-8"))
        case "base64":
            guard let decoded = Base64.decode(text) else {
                throw SigScopeError(.invalidCapture, "\(label): response.content.text is not valid base64 although content.encoding is base64", source: source)
            }
            body = decoded
            if let mime = chosen.mimeType, !mime.isEmpty {
                headers.removeAll { $0.name.lowercased() == "content-type" }
                headers.append(HTTPHeader("Content-Type", mime))
            }
        case let other?:
            throw SigScopeError(.invalidCapture, "\(label): response.content.encoding \"\(other)\" is not supported (only base64)", source: source)
        }
        // The browser already undid transfer and content codings.
        headers.removeAll { ["transfer-encoding", "content-encoding", "content-length"].contains($0.name.lowercased()) }
        let request = CapturedResponse.RequestInfo(method: chosen.method, url: chosen.url, host: chosen.host, provider: chosen.provider, action: chosen.action)
        return CapturedResponse(form: .har(entry: chosen.index), status: chosen.status, reason: chosen.statusText, headers: headers, body: body, bodyLine: nil, request: request)
    }
}

// MARK: - Helpers

extension CapturedResponse {
    /// `Content-Type` split into its media type and charset.
    struct ContentType {
        var mediaType: String
        var charset: String?

        static func parse(_ value: String) -> ContentType {
            let parts = value.split(separator: ";", omittingEmptySubsequences: false)
            let media = (parts.first.map(String.init) ?? "").trimmingASCIIWhitespace().lowercased()
            var charset: String?
            for part in parts.dropFirst() {
                let pair = part.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, String(pair[0]).trimmingASCIIWhitespace().lowercased() == "charset" else { continue }
                var value = String(pair[1]).trimmingASCIIWhitespace()
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
                charset = value.lowercased()
            }
            return ContentType(mediaType: media, charset: charset)
        }
    }

    /// The pieces of a URL that HAR inference needs.
    struct URLParts {
        var host: String
        var query: String

        init(_ url: String) {
            var rest = Substring(url)
            if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            var authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
                host = String(authority[authority.index(after: authority.startIndex)..<close])
            } else {
                host = String(authority.split(separator: ":", maxSplits: 1).first ?? "")
            }
            let afterAuthority = rest[authorityEnd...]
            if let q = afterAuthority.firstIndex(of: "?") {
                let tail = afterAuthority[afterAuthority.index(after: q)...]
                query = String(tail.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            } else {
                query = ""
            }
        }
    }

    /// Reads lines ending in LF or CRLF, counting them.
    struct LineReader {
        let bytes: [UInt8]
        var index: Int
        /// The 1-based number of the line `nextLine` returns next.
        var line: Int

        /// The next line without its terminator; nil at the end of input.
        mutating func nextLine() -> ArraySlice<UInt8>? {
            guard index < bytes.count else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            var end = index
            if index < bytes.count { index += 1 }
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            line += 1
            return bytes[start..<end]
        }
    }

    /// The chunked transfer coding (RFC 9112 section 7.1), decoded leniently: LF alone ends a
    /// line too, chunk extensions and trailers are ignored.
    enum Chunked {
        enum Outcome: Equatable {
            case decoded([UInt8], complete: Bool)
            case notChunked
            case malformed(offset: Int, reason: String)
            case tooLarge
        }

        static func decode(_ body: [UInt8], limit: Int) -> Outcome {
            var out: [UInt8] = []
            out.reserveCapacity(body.count)
            var i = 0
            var first = true
            while true {
                let lineStart = i
                while i < body.count, body[i] != 0x0A { i += 1 }
                guard i < body.count || (i > lineStart && !first) else {
                    if first { return .notChunked }
                    return .decoded(out, complete: false)
                }
                var lineEnd = i
                if lineEnd > lineStart, body[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if i < body.count { i += 1 }
                var sizeEnd = lineStart
                while sizeEnd < lineEnd, Hex.value(body[sizeEnd]) != nil { sizeEnd += 1 }
                let rest = body[sizeEnd..<lineEnd]
                let restOK = rest.isEmpty || rest.first == UInt8(ascii: ";") || rest.allSatisfy { $0 == 0x20 || $0 == 0x09 } || rest.first == 0x20 || rest.first == 0x09
                guard sizeEnd > lineStart, sizeEnd - lineStart <= 16, restOK else {
                    if first { return .notChunked }
                    return .malformed(offset: lineStart, reason: "expected a chunk size in hex")
                }
                var size = 0
                for b in body[lineStart..<sizeEnd] {
                    size = size << 4 | Int(Hex.value(b) ?? 0)
                    if size > limit { return .tooLarge }
                }
                first = false
                if size == 0 { return .decoded(out, complete: true) }
                guard i + size <= body.count else {
                    return .malformed(offset: lineStart, reason: "a chunk of \(size) bytes runs past the end of the body")
                }
                guard out.count + size <= limit else { return .tooLarge }
                out.append(contentsOf: body[i..<(i + size)])
                i += size
                if i < body.count, body[i] == 0x0D { i += 1 }
                if i < body.count, body[i] == 0x0A {
                    i += 1
                } else if i < body.count {
                    return .malformed(offset: i, reason: "a chunk's data must be followed by a line break")
                }
                if i >= body.count { return .decoded(out, complete: false) }
            }
        }
    }

    /// Byte-level text helpers for capture parsing.
    enum Bytes {
        static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

        static func hasPrefix(_ bytes: [UInt8], at index: Int, _ prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard index >= 0, index + count <= bytes.count else { return false }
            let p = prefix.utf8Start
            for k in 0..<count where bytes[index + k] != p[k] { return false }
            return true
        }

        static func contains(_ bytes: [UInt8], _ needle: StaticString) -> Bool {
            let count = needle.utf8CodeUnitCount
            guard count > 1, bytes.count >= count else { return count == 1 && bytes.contains(needle.utf8Start[0]) }
            let p = needle.utf8Start
            // Candidates are where the needle's first two bytes stand side by side (a quote then a
            // letter is far rarer than a quote), found eight positions at a time on the raw
            // buffer; the whole needle is compared only there.
            let first = UInt64(p[0]) &* 0x0101_0101_0101_0101
            let second = UInt64(p[1]) &* 0x0101_0101_0101_0101
            return bytes.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress else { return false }
                func matches(at i: Int) -> Bool {
                    guard i + count <= b.count else { return false }
                    for k in 0..<count where b[i + k] != p[k] { return false }
                    return true
                }
                func zeroBytes(_ v: UInt64) -> UInt64 { (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080 }
                var i = 0
                while i + 9 <= b.count {
                    let here = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) ^ first
                    let next = UnsafeRawPointer(base + i + 1).loadUnaligned(as: UInt64.self) ^ second
                    if zeroBytes(here) & zeroBytes(next) != 0 {
                        for j in i..<(i + 8) where matches(at: j) { return true }
                    }
                    i += 8
                }
                while i < b.count {
                    if matches(at: i) { return true }
                    i += 1
                }
                return false
            }
        }

        static func string(_ slice: ArraySlice<UInt8>) -> String {
            String(decoding: slice, as: UTF8.self)
        }

        /// At most 60 characters of `slice`, for messages.
        static func preview(_ slice: ArraySlice<UInt8>) -> String {
            let text = string(slice)
            return text.count > 60 ? String(text.prefix(60)) + "…" : text
        }
    }
}
