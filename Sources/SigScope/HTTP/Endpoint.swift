/// An endpoint as given to `--endpoint`: a host (`vpc.ap-guangzhou.tencentcloudapi.com`),
/// optionally with a port, optionally prefixed by `https://` or `http://` (the latter for
/// local mocks and proxies).
public struct Endpoint: Sendable, Equatable {
    public var scheme: String
    /// Host and optional `:port`, as sent in `Host`.
    public var host: String

    public init(scheme: String = "https", host: String) {
        self.scheme = scheme
        self.host = host
    }

    /// Parses `--endpoint`.
    /// - Throws: `SigScopeError.invalidOption` for an empty host, a path, or another scheme.
    public static func parse(_ text: String) throws(SigScopeError) -> Endpoint {
        // A plain host (letters, digits, `.`, `-`, `:port`) has no scheme, path or spaces to strip: take it as it is.
        // (Checked on the contiguous bytes: the generic UTF-8 view walk costs forty times more.)
        if !text.isEmpty, text.withUTF8Bytes({ $0.allSatisfy(isPlainHostByte) }) { return Endpoint(host: text) }
        var rest = text.trimmingASCIIWhitespace()
        var scheme = "https"
        for candidate in ["https://", "http://"] where rest.lowercased().hasPrefix(candidate) {
            scheme = String(candidate.dropLast(3))
            rest = String(rest.dropFirst(candidate.count))
        }
        if rest.hasSuffix("/") { rest = String(rest.dropLast()) }
        guard !rest.isEmpty else {
            throw SigScopeError(.invalidOption, "--endpoint is empty; give a host such as vpc.tencentcloudapi.com")
        }
        if rest.contains("://") {
            throw SigScopeError(.invalidOption, "--endpoint \"\(text)\": only https:// and http:// are supported")
        }
        if rest.contains("/") || rest.contains("?") || rest.contains(" ") {
            throw SigScopeError(.invalidOption, "--endpoint \"\(text)\" must be a host (and optional port), without a path or query: these APIs always use the path /")
        }
        return Endpoint(scheme: scheme, host: rest)
    }

    /// The host without its port.
    public var hostname: String {
        if host.utf8.first == UInt8(ascii: "["), let close = host.firstIndex(of: "]") { return String(host[host.index(after: host.startIndex)..<close]) }
        // Most hosts have no port: no split, no new string.
        guard host.containsByte(UInt8(ascii: ":")) else { return host }
        return host.split(separator: ":").first.map(String.init) ?? host
    }

    private static func isPlainHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }
}
