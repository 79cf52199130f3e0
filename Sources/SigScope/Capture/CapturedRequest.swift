/// The forms a captured request can come in.
public enum CaptureFormat: String, Sendable, Equatable, CaseIterable {
    /// A raw HTTP/1.1 request: request line, headers, blank line, body.
    case http
    /// A curl command line.
    case curl
    /// A HAR 1.2 file (browser devtools, mitmproxy, Charles, Fiddler exports).
    case har
    /// The Tencent Cloud Python SDK's debug log (`SendRequest: Host: …`).
    case sdkLog = "sdk-log"
    /// A verbose transcript: `curl -v`, or the Alibaba Cloud Python core SDK's `DEBUG=sdk` log.
    case verbose

    /// A name for people.
    public var displayName: String {
        switch self {
        case .http: return "raw HTTP request"
        case .curl: return "curl command"
        case .har: return "HAR file"
        case .sdkLog: return "Tencent Cloud SDK debug log"
        case .verbose: return "verbose transcript"
        }
    }
}

/// A request read from a capture: the request as it went on the wire, and what was
/// assumed while reading it.
public struct CapturedRequest: Sendable, Equatable {
    /// The request as sent.
    public var request: SentRequest
    /// The form the capture was in.
    public var format: CaptureFormat
    /// Remarks about how the capture was read (defaults curl applies, lines skipped, the HAR entry chosen).
    public var notes: [SigScopeMessage]
    /// Bytes a raw HTTP capture has after the `Content-Length` body: not part of the request the
    /// server reads, but what `verify` tries when the signature covers them.
    public var bytesAfterBody: [UInt8]

    /// Creates a captured request.
    public init(request: SentRequest, format: CaptureFormat, notes: [SigScopeMessage] = [], bytesAfterBody: [UInt8] = []) {
        self.request = request
        self.format = format
        self.notes = notes
        self.bytesAfterBody = bytesAfterBody
    }
}

/// Reads a capture in any supported form, telling the form from the content.
package enum CaptureParser {
    /// Parses a raw HTTP request, a curl command line or a HAR file.
    ///
    /// A document whose first non-blank character is `{` is read as HAR; one whose first
    /// word is `curl` (optionally after a `$ ` prompt, or piped from `printf`/`echo`) as a curl
    /// command; one whose first line is a request line as a raw HTTP request; otherwise one
    /// with a `SendRequest: Host: …` record as the Tencent Cloud SDK's debug log, one with a
    /// `> POST / HTTP/1.1` line as a verbose transcript (`curl -v`, the Alibaba core SDK's
    /// `DEBUG=sdk` log); anything else as a raw HTTP request (after a log prefix).
    /// - Parameters:
    ///   - bytes: the capture file's bytes.
    ///   - source: the file name used in errors.
    ///   - entry: HAR only: the 0-based entry (`log.entries[N]`) to use instead of the first Tencent/Alibaba API entry.
    /// - Throws: `SigScopeError.invalidCapture` (with line and column where known) when the
    ///   capture cannot be read (a TC3/ACS3 Authorization header whose parts cannot be read
    ///   included), or an `entry` is given for a form that has no entries.
    package static func parse(_ bytes: [UInt8], source: String, entry: Int? = nil) throws(SigScopeError) -> CapturedRequest {
        let format = detectFormat(bytes)
        if entry != nil && format != .har {
            throw SigScopeError(.invalidOption, "\(.harEntry) selects an entry of a HAR file, but \(source) is a \(format.displayName)")
        }
        let captured: CapturedRequest
        switch format {
        case .har: captured = try HARRequestParser.parse(bytes, source: source, entry: entry)
        case .curl: captured = try CurlCommandParser.parse(bytes, source: source)
        case .http: captured = try RawHTTPRequestParser.parse(bytes, source: source)
        case .sdkLog: captured = try DebugLogParser.parseTencentSDKLog(bytes, source: source)
        case .verbose: captured = try DebugLogParser.parseVerboseTranscript(bytes, source: source)
        }
        // A TC3 or ACS3 Authorization header whose parts cannot be read makes the capture unreadable.
        if let reason = AuthorizationFields.unreadable(in: captured.request) {
            throw SigScopeError(.invalidCapture, reason, source: source)
        }
        return captured
    }

    /// Which form `bytes` is in (see `parse`).
    package static func detectFormat(_ bytes: [UInt8]) -> CaptureFormat {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count else { return .http }
        if bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[") { return .har }
        var lineEnd = start
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        var line = String(decoding: bytes[start..<lineEnd], as: UTF8.self)
        if line.hasPrefix("$ ") { line = String(line.dropFirst(2)) }
        let firstWord = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        let commandWords: Set<String> = ["curl", "curl.exe", "printf", "echo"]
        if commandWords.contains(firstWord) || firstWord.hasSuffix("/curl") { return .curl }
        if RawHTTPRequestParser.parseRequestLine(line) != nil { return .http }
        if DebugLogParser.isTencentSDKLog(bytes) { return .sdkLog }
        if DebugLogParser.isVerboseTranscript(bytes) { return .verbose }
        return .http
    }
}

/// The parts of an absolute URL, kept exactly as written (nothing is decoded or re-encoded).
struct URLParts: Equatable {
    var scheme: String
    /// Host and optional port.
    var authority: String
    var path: String
    /// Without the `?`; the fragment is dropped.
    var query: String

    /// Splits `scheme://authority/path?query#fragment`; a URL without a scheme gets `defaultScheme`.
    /// Nil when there is no host.
    static func parse(_ text: String, defaultScheme: String = "https") -> URLParts? {
        var rest = Substring(text)
        var scheme = defaultScheme
        if let range = rest.range(of: "://") {
            let candidate = rest[..<range.lowerBound]
            guard !candidate.isEmpty, candidate.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) else { return nil }
            scheme = candidate.lowercased()
            rest = rest[range.upperBound...]
        }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@") { authority = String(authority[authority.index(after: at)...]) }
        guard !authority.isEmpty else { return nil }
        rest = rest[authorityEnd...]
        var path = "/"
        var query = ""
        if let q = rest.firstIndex(of: "?") {
            if q > rest.startIndex { path = String(rest[..<q]) }
            query = String(rest[rest.index(after: q)...])
        } else if !rest.isEmpty {
            path = String(rest)
        }
        return URLParts(scheme: scheme, authority: authority, path: path, query: query)
    }
}
