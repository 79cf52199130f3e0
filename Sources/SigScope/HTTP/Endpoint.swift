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
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") { return String(host[host.index(after: host.startIndex)..<close]) }
        return host.split(separator: ":").first.map(String.init) ?? host
    }
}
