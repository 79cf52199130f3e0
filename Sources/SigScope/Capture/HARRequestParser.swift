/// Reads the request of one entry of a HAR 1.2 file (`log.entries[].request`).
///
/// The entry is the first whose host is a Tencent Cloud (`*.tencentcloudapi.com`) or
/// Alibaba Cloud (`*.aliyuncs.com`) API endpoint, or the one `--entry N` names (0-based,
/// `log.entries[N]`, as `sigscope decode --entry` counts). The URL is taken as recorded, query included;
/// `postData.text` is the body (base64-decoded when `postData.encoding` says so); HTTP/2
/// pseudo-headers are dropped, `:authority` standing in for a missing `Host`.
package enum HARRequestParser {
    /// Host suffixes of the API endpoints sigscope verifies.
    package static let apiHostSuffixes = Provider.allCases.flatMap { $0.profile.hostSuffixes.map { "." + $0 } }

    /// Parses a HAR document and returns the chosen entry's request.
    /// - Throws: `SigScopeError.invalidCapture` for malformed JSON (with line and column), a
    ///   document that is not HAR, no API entry, or an `--entry` out of range.
    package static func parse(_ bytes: [UInt8], source: String, entry: Int? = nil) throws(SigScopeError) -> CapturedRequest {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes, limits: .response)
        } catch {
            throw SigScopeError(.invalidCapture, "not valid JSON (a HAR file is JSON): " + error.reason, source: source, line: error.line, column: error.column)
        }
        guard let entries = root["log"]?["entries"]?.arrayValue else {
            throw SigScopeError(.invalidCapture, "a JSON capture must be a HAR file with log.entries; this document has none", source: source)
        }
        guard !entries.isEmpty else {
            throw SigScopeError(.invalidCapture, "the HAR file has no entries", source: source)
        }
        let chosen: Int
        var notes: [SigScopeMessage] = []
        let apiEntries = self.apiEntries(entries)
        if let entry {
            guard entry >= 0, entry < entries.count else {
                throw SigScopeError(.invalidOption, "\(.harEntry) \(entry) is out of range: \(source) has \(entries.count) entr\(entries.count == 1 ? "y" : "ies"), numbered from 0 to \(entries.count - 1)")
            }
            chosen = entry
        } else {
            guard let first = apiEntries.first else {
                let urls = entries.prefix(5).compactMap { $0["request"]?["url"]?.stringValue }.joined(separator: ", ")
                throw SigScopeError(.invalidCapture, "no entry of the HAR file is a Tencent Cloud (*.tencentcloudapi.com) or Alibaba Cloud (*.aliyuncs.com) API request (entries: \(urls)); choose one with \(.harEntry) N", source: source)
            }
            chosen = first
            if entries.count > 1 {
                notes.append("used HAR entry \(first) (0-based) of \(entries.count) (the first API request\(apiEntries.count > 1 ? "; \(apiEntries.count) API requests in all, choose another with \(.harEntry) N" as SigScopeMessage : ""))")
            }
        }
        let request = try parseRequest(entries[chosen]["request"], source: source, entry: chosen, notes: &notes)
        return CapturedRequest(request: request, format: .har, notes: notes)
    }

    /// The indices (0-based) of the entries of a HAR document whose request goes to a Tencent
    /// Cloud or Alibaba Cloud API host, in order (what `verify --all-entries` verifies).
    /// - Throws: `SigScopeError.invalidCapture` when the document is not HAR JSON, and when no entry is an API request.
    package static func apiEntries(_ bytes: [UInt8], source: String) throws(SigScopeError) -> [Int] {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes, limits: .response)
        } catch {
            throw SigScopeError(.invalidOption, "\(.allHAREntries) needs a HAR file, and \(source) is not one (not JSON: \(error.reason))")
        }
        guard let entries = root["log"]?["entries"]?.arrayValue else {
            throw SigScopeError(.invalidOption, "\(.allHAREntries) needs a HAR file, and \(source) has no log.entries")
        }
        let found = apiEntries(entries)
        guard !found.isEmpty else {
            throw SigScopeError(.invalidCapture, "no entry of the HAR file is a Tencent Cloud (*.tencentcloudapi.com) or Alibaba Cloud (*.aliyuncs.com) API request", source: source)
        }
        return found
    }

    static func apiEntries(_ entries: [JSONValue]) -> [Int] {
        entries.indices.filter { index in
            guard let url = entries[index]["request"]?["url"]?.stringValue, let parts = URLParts.parse(url) else { return false }
            return isAPIHost(Endpoint(host: parts.authority).hostname)
        }
    }

    /// True for `*.tencentcloudapi.com` and `*.aliyuncs.com`.
    package static func isAPIHost(_ hostname: String) -> Bool {
        let lower = hostname.lowercased()
        return apiHostSuffixes.contains { lower.hasSuffix($0) }
    }

    static func parseRequest(_ value: JSONValue?, source: String, entry: Int, notes: inout [SigScopeMessage]) throws(SigScopeError) -> SentRequest {
        let label = "entry \(entry)"
        guard let request = value?.objectValue else {
            throw SigScopeError(.invalidCapture, "HAR \(label) has no request object", source: source)
        }
        guard let method = request["method"]?.stringValue, !method.isEmpty else {
            throw SigScopeError(.invalidCapture, "HAR \(label): request.method is missing", source: source)
        }
        guard let urlText = request["url"]?.stringValue, let url = URLParts.parse(urlText) else {
            throw SigScopeError(.invalidCapture, "HAR \(label): request.url is missing or not an absolute URL", source: source)
        }
        var headers: [HTTPHeader] = []
        var authority: String?
        for item in request["headers"]?.arrayValue ?? [] {
            guard let name = item["name"]?.stringValue, let value = item["value"]?.stringValue else {
                throw SigScopeError(.invalidCapture, "HAR \(label): a header lacks a string name or value", source: source)
            }
            if name.hasPrefix(":") {
                if name.lowercased() == ":authority" { authority = value }
                continue
            }
            headers.append(HTTPHeader(name, value))
        }
        var query = url.query
        if query.isEmpty, let items = request["queryString"]?.arrayValue, !items.isEmpty {
            // Some exporters record the URL without its query; rebuild it from queryString.
            let pairs = items.compactMap { item -> (name: String, value: String)? in
                guard let name = item["name"]?.stringValue else { return nil }
                return (name, item["value"]?.stringValue ?? "")
            }
            query = FormCodec.encode(pairs)
            notes.append("the entry's URL has no query string; it was rebuilt from queryString with RFC 3986 encoding, which may differ from the bytes sent")
        }
        var body: [UInt8] = []
        if let post = request["postData"]?.objectValue {
            if let text = post["text"]?.stringValue {
                if post["encoding"]?.stringValue?.lowercased() == "base64" {
                    guard let decoded = Base64.decode(text) else {
                        throw SigScopeError(.invalidCapture, "HAR \(label): postData.text is marked base64 but is not Base64", source: source)
                    }
                    body = decoded
                } else {
                    body = Array(text.utf8)
                }
            } else if let params = post["params"]?.arrayValue, !params.isEmpty {
                let pairs = params.compactMap { item -> (name: String, value: String)? in
                    guard let name = item["name"]?.stringValue else { return nil }
                    return (name, item["value"]?.stringValue ?? "")
                }
                body = Array(FormCodec.encode(pairs).utf8)
                notes.append("the entry has postData.params but no postData.text; the body was rebuilt with RFC 3986 encoding, which may differ from the bytes sent")
            }
            if let mime = post["mimeType"]?.stringValue, !mime.isEmpty, !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                headers.append(HTTPHeader("Content-Type", mime))
                notes.append("Content-Type was taken from postData.mimeType (the entry's headers have none)")
            }
        }
        let host = headers.first(where: { $0.name.lowercased() == "host" })?.value ?? authority ?? url.authority
        return SentRequest(method: method.uppercased(), scheme: url.scheme, host: host, path: url.path, query: query, headers: headers, body: body)
    }
}
