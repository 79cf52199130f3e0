/// Reads a raw HTTP/1.1 request: request line, header lines, blank line, body.
///
/// Accepts what tools save: CRLF or bare LF line endings (mitmproxy, Burp "Copy to file",
/// `curl -v` transcripts pasted into a file, SDK debug logs); an origin-form target
/// (`POST / HTTP/1.1`) with a `Host` header, or an absolute-form one
/// (`POST https://vpc.tencentcloudapi.com/ HTTP/1.1`), the HTTP version optional; HTTP/2
/// pseudo-headers (`:authority`, `:scheme`); folded header lines; chunked bodies. Lines
/// before the request line (a log prefix) are skipped.
package enum RawHTTPRequestParser {
    /// Methods recognised at the start of a request line.
    static let methods: Set<String> = ["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "CONNECT"]

    /// Parses a raw HTTP request.
    ///
    /// The body is exactly `Content-Length` bytes when that header is present; with
    /// `Transfer-Encoding: chunked` it is de-chunked; otherwise it is the rest of the file,
    /// less one final line ending (which editors and loggers add; noted when removed).
    /// - Throws: `SigScopeError.invalidCapture` with the line (and column) that cannot be read.
    package static func parse(_ bytes: [UInt8], source: String) throws(SigScopeError) -> CapturedRequest {
        var input = bytes
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { input.removeFirst(3) }
        var notes: [SigScopeMessage] = []
        var offset = 0
        var lineNumber = 0

        /// The next line without its terminator, and whether one was found.
        func nextLine() -> (line: [UInt8], start: Int)? {
            guard offset < input.count else { return nil }
            let start = offset
            var end = start
            while end < input.count, input[end] != 0x0A { end += 1 }
            offset = end < input.count ? end + 1 : end
            lineNumber += 1
            var line = Array(input[start..<end])
            if line.last == 0x0D { line.removeLast() }
            return (line, start)
        }

        // Request line, after any prefix.
        var requestLine: (method: String, target: String, version: String?)?
        var skipped = 0
        var firstContentLine: Int?
        while requestLine == nil, let (line, _) = nextLine() {
            let text = String(decoding: line, as: UTF8.self)
            if text.trimmingASCIIWhitespace().isEmpty { continue }
            if firstContentLine == nil { firstContentLine = lineNumber }
            if let parsed = parseRequestLine(text) {
                requestLine = parsed
            } else {
                skipped += 1
            }
        }
        guard let requestLine else {
            throw SigScopeError(.invalidCapture,
                                "not a raw HTTP request, a curl command or a HAR file: no request line such as \"POST / HTTP/1.1\" was found",
                                source: source, line: firstContentLine ?? 1, column: 1)
        }
        if skipped > 0 {
            notes.append("skipped \(skipped) line\(skipped == 1 ? "" : "s") before the request line (a log prefix)")
        }
        let requestLineNumber = lineNumber

        // Header lines.
        var headers: [HTTPHeader] = []
        var pseudo: [String: String] = [:]
        var sawBlank = false
        while let (line, _) = nextLine() {
            if line.isEmpty {
                sawBlank = true
                break
            }
            if line.first == 0x20 || line.first == 0x09 {
                // obs-fold: a continuation of the previous header's value.
                guard !headers.isEmpty else {
                    throw SigScopeError(.invalidCapture, "a header line cannot start with whitespace here; the first header must start at column 1", source: source, line: lineNumber, column: 1)
                }
                let more = String(decoding: line, as: UTF8.self).trimmingASCIIWhitespace()
                headers[headers.count - 1].value += " " + more
                continue
            }
            let text = String(decoding: line, as: UTF8.self)
            var searchStart = text.startIndex
            if text.hasPrefix(":") { searchStart = text.index(after: searchStart) }
            guard let colon = text[searchStart...].firstIndex(of: ":") else {
                throw SigScopeError(.invalidCapture, "expected a header line \"Name: value\" or the blank line that ends the headers, found \"\(preview(text))\"",
                                    source: source, line: lineNumber, column: 1)
            }
            let name = String(text[..<colon])
            if let bad = name.firstIndex(where: { !isTokenCharacter($0) && !($0 == ":" && name.hasPrefix(":")) }) {
                let column = name.distance(from: name.startIndex, to: bad) + 1
                throw SigScopeError(.invalidCapture, "the header name \"\(preview(name))\" contains a character a header name cannot have",
                                    source: source, line: lineNumber, column: column)
            }
            guard !name.isEmpty else {
                throw SigScopeError(.invalidCapture, "a header line has an empty name", source: source, line: lineNumber, column: 1)
            }
            let value = String(text[text.index(after: colon)...]).trimmingASCIIWhitespace()
            if name.hasPrefix(":") {
                pseudo[name.lowercased()] = value
            } else {
                headers.append(HTTPHeader(name, value))
            }
        }

        // A request's headers end with an empty line; without one the capture was cut short (or
        // the blank line before the body was lost), and what it held cannot be known.
        guard sawBlank else {
            let end = TextPosition.lineAndColumn(in: input, offset: input.count)
            throw SigScopeError(.invalidCapture, "the headers are not followed by the blank line that ends them (and comes before any body): the capture looks cut short; save the whole request, or add the empty line",
                                source: source, line: end.line, column: end.column)
        }

        // Target and host.
        var scheme = pseudo[":scheme"] ?? "https"
        var path = "/"
        var query = ""
        var host: String? = headers.first(where: { $0.name.lowercased() == "host" })?.value ?? pseudo[":authority"]
        let target = requestLine.target
        if target.hasPrefix("/") || target == "*" {
            if let q = target.firstIndex(of: "?") {
                path = String(target[..<q])
                query = String(target[target.index(after: q)...])
            } else {
                path = target
            }
            if let hash = query.firstIndex(of: "#") { query = String(query[..<hash]) }
        } else {
            guard let url = URLParts.parse(target) else {
                throw SigScopeError(.invalidCapture, "cannot read the request target \"\(preview(target))\"; expected /path?query or an absolute URL",
                                    source: source, line: requestLineNumber, column: requestLine.method.count + 2)
            }
            scheme = url.scheme
            path = url.path
            query = url.query
            if let stated = host, stated.lowercased() != url.authority.lowercased() {
                notes.append("the Host header (\(stated)) differs from the URL's host (\(url.authority)); the Host header is what is signed and was used")
            }
            host = host ?? url.authority
        }
        guard let host, !host.isEmpty else {
            throw SigScopeError(.invalidCapture, "the request has no Host header and its target \"\(preview(target))\" names no host; add \"Host: …\"",
                                source: source, line: requestLineNumber, column: 1)
        }

        // Body.
        var body = Array(input[offset...])
        var afterBody: [UInt8] = []
        let lengthHeader = headers.first(where: { $0.name.lowercased() == "content-length" })?.value
        let chunked = headers.contains { $0.name.lowercased() == "transfer-encoding" && $0.value.lowercased().contains("chunked") }
        if chunked {
            body = try dechunk(body, source: source, firstLine: lineNumber + 1)
        } else if let lengthHeader {
            guard let length = Int(lengthHeader), length >= 0 else {
                throw SigScopeError(.invalidCapture, "Content-Length \"\(lengthHeader)\" is not a number", source: source)
            }
            if body.count < length {
                throw SigScopeError(.invalidCapture, "the body has \(body.count) bytes but Content-Length says \(length): the capture is truncated (or fix Content-Length if you edited the body)",
                                    source: source, line: lineNumber + 1, column: 1)
            }
            if body.count > length {
                let extra = body[length...]
                // A file's own final line ending is no part of the request; anything else is what verify weighs.
                if !extra.allSatisfy({ $0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0x09 }) {
                    afterBody = Array(extra)
                }
                body = Array(body[..<length])
            }
        } else if !body.isEmpty {
            if body.allSatisfy({ $0 == 0x0A || $0 == 0x0D }) {
                body = []
            } else if body.last == 0x0A {
                body.removeLast()
                if body.last == 0x0D { body.removeLast() }
                notes.append("without a Content-Length header, the body's final line ending was taken as the file's, not the request's; add Content-Length to make the body exact")
            }
        }

        let request = SentRequest(method: requestLine.method, scheme: scheme, host: host, path: path, query: query, headers: headers, body: body)
        return CapturedRequest(request: request, format: .http, notes: notes, bytesAfterBody: afterBody)
    }

    /// `METHOD SP target [SP HTTP/x.y]`, nil when the line is not one.
    static func parseRequestLine(_ line: String) -> (method: String, target: String, version: String?)? {
        let parts = line.trimmingASCIIWhitespace().split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 2 || parts.count == 3, methods.contains(parts[0]) else { return nil }
        let target = parts[1]
        guard target.hasPrefix("/") || target == "*" || target.lowercased().hasPrefix("http://") || target.lowercased().hasPrefix("https://") else { return nil }
        if parts.count == 3 {
            guard parts[2].hasPrefix("HTTP/") else { return nil }
            return (parts[0], target, parts[2])
        }
        return (parts[0], target, nil)
    }

    /// Decodes a chunked body (`size[;ext] CRLF data CRLF … 0 CRLF CRLF`).
    static func dechunk(_ bytes: [UInt8], source: String, firstLine: Int) throws(SigScopeError) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        var line = firstLine
        while i < bytes.count {
            var end = i
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var sizeLine = Array(bytes[i..<end])
            if sizeLine.last == 0x0D { sizeLine.removeLast() }
            let sizeText = String(decoding: sizeLine, as: UTF8.self).split(separator: ";").first.map { String($0).trimmingASCIIWhitespace() } ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else {
                throw SigScopeError(.invalidCapture, "expected a chunk size (hex) in the chunked body, found \"\(preview(sizeText))\"", source: source, line: line, column: 1)
            }
            i = min(end + 1, bytes.count)
            line += 1
            if size == 0 { return out }
            guard i + size <= bytes.count else {
                throw SigScopeError(.invalidCapture, "a chunk of \(size) bytes runs past the end of the capture", source: source, line: line, column: 1)
            }
            let chunk = bytes[i..<(i + size)]
            line += chunk.filter { $0 == 0x0A }.count
            out.append(contentsOf: chunk)
            i += size
            if i < bytes.count, bytes[i] == 0x0D { i += 1 }
            if i < bytes.count, bytes[i] == 0x0A { i += 1; line += 1 }
        }
        return out
    }

    static func isTokenCharacter(_ c: Character) -> Bool {
        guard let ascii = c.asciiValue, ascii > 0x20, ascii < 0x7F else { return false }
        return !"\"(),/:;<=>?@[\\]{}".contains(c)
    }

    static func preview(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "…" : text
    }
}
