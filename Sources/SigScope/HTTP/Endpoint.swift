/// An endpoint as given to `--endpoint`: a host (`vpc.ap-guangzhou.tencentcloudapi.com`),
/// optionally with a port, optionally prefixed by `https://` or `http://` (the latter for
/// local mocks and proxies).
package struct Endpoint: Sendable, Equatable {
    package var scheme: String
    /// Host and optional `:port`, as sent in `Host`.
    package var host: String

    package init(scheme: String = "https", host: String) {
        self.scheme = scheme
        self.host = host
    }

    /// Parses `--endpoint`.
    /// - Throws: `SigScopeError.invalidOption` for an empty host, a path, or another scheme.
    package static func parse(_ text: String) throws(SigScopeError) -> Endpoint {
        // A plain host (letters, digits, `.`, `-`, `:port`) has no scheme, path or spaces to strip: take it as it is.
        // (Checked on the contiguous bytes: the generic UTF-8 view walk costs forty times more.)
        if !text.isEmpty, text.withUTF8Bytes({ $0.allSatisfy(isPlainHostByte) }) {
            try checkHost(text, given: text)
            return Endpoint(host: text)
        }
        var rest = text.trimmingASCIIWhitespace()
        var scheme = "https"
        for candidate in ["https://", "http://"] where rest.lowercased().hasPrefix(candidate) {
            scheme = String(candidate.dropLast(3))
            rest = String(rest.dropFirst(candidate.count))
        }
        if rest.hasSuffix("/") { rest = String(rest.dropLast()) }
        if rest.contains("@") {
            // The text is not echoed: what precedes the @ is a user name and a password.
            throw SigScopeError(.invalidOption, "\(.endpoint) has user information before the host (user:password@): an API endpoint takes none, and sigscope never sends it (it would travel in the Host header). Give the host alone, such as 127.0.0.1:8080")
        }
        guard !rest.isEmpty else {
            throw SigScopeError(.invalidOption, "\(.endpoint) is empty; give a host such as vpc.tencentcloudapi.com")
        }
        if rest.contains("://") {
            throw SigScopeError(.invalidOption, "\(.endpoint) \"\(text)\": only https:// and http:// are supported")
        }
        if rest.contains("/") || rest.contains("?") || rest.contains(" ") {
            throw SigScopeError(.invalidOption, "\(.endpoint) \"\(text)\" must be a host (and optional port), without a path or query: these APIs always use the path /")
        }
        try checkHost(rest, given: text)
        return Endpoint(scheme: scheme, host: rest)
    }

    /// Refuses a host that is not a name, an IPv4 address or a bracketed IPv6 address, with an optional port 1-65535.
    private static func checkHost(_ host: String, given text: String) throws(SigScopeError) {
        // Checked on the contiguous bytes, without copying them: signing parses the endpoint for every request.
        if let problem = host.withUTF8Bytes({ hostProblem($0) }) {
            throw SigScopeError(.invalidOption, "\(.endpoint) \"\(text)\"\(problem)")
        }
    }

    /// What is wrong with `bytes` as a host, as a clause after the endpoint; nil when nothing is.
    private static func hostProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let colon = UInt8(ascii: ":")
        var port: Slice<UnsafeBufferPointer<UInt8>>?
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else {
                return ": the IPv6 address has no closing \"]\" (write it as [::1]:8080)"
            }
            let inside = bytes[1..<close]
            guard !inside.isEmpty, inside.contains(colon), inside.allSatisfy({ Hex.value($0) != nil || $0 == colon || $0 == UInt8(ascii: ".") }) else {
                return ": [\(String(decoding: inside, as: UTF8.self))] is not an IPv6 address"
            }
            let after = bytes[(close + 1)...]
            if !after.isEmpty {
                guard after.first == colon else { return ": only \":port\" may follow the IPv6 address" }
                port = after.dropFirst()
            }
        } else {
            var colonIndex: Int?
            for index in bytes.indices where bytes[index] == colon {
                guard colonIndex == nil else { return ": a host has at most one \":port\"; write an IPv6 address in brackets, such as [::1]:8080" }
                colonIndex = index
            }
            let name = bytes[..<(colonIndex ?? bytes.endIndex)]
            if let colonIndex { port = bytes[(colonIndex + 1)...] }
            guard !name.isEmpty else { return " has a port but no host; give a host such as 127.0.0.1:8080" }
            guard name.allSatisfy({ isPlainHostByte($0) || $0 == UInt8(ascii: "_") }), name.first != UInt8(ascii: "."), name.first != UInt8(ascii: "-") else {
                return ": a host name has only letters, digits, \".\" and \"-\", such as vpc.tencentcloudapi.com"
            }
        }
        if let port {
            var number = 0
            guard !port.isEmpty, port.count <= 5, port.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                return ": the port must be a number from 1 to 65535"
            }
            for digit in port { number = number * 10 + Int(digit - UInt8(ascii: "0")) }
            guard (1...65535).contains(number) else { return ": the port must be a number from 1 to 65535" }
        }
        return nil
    }

    /// True for an IPv4 or IPv6 address and for `localhost` (or a name under `.localhost`): a
    /// local mock or proxy, whose host says nothing about the API product.
    package static func isAddressOrLocalhost(_ hostname: String) -> Bool {
        let lower = hostname.fastLowercased()
        if lower == "localhost" || lower.hasSuffix(".localhost") { return true }
        if lower.contains(":") { return true }
        // IPv4: four runs of one to three ASCII digits between dots, checked on the bytes.
        var dots = 0, digits = 0
        for byte in lower.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0 else { return false }
                dots += 1
                digits = 0
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") && digits < 3 {
                digits += 1
            } else {
                return false
            }
        }
        return dots == 3 && digits > 0
    }

    /// The host without its port.
    package var hostname: String {
        if host.utf8.first == UInt8(ascii: "["), let close = host.firstIndex(of: "]") { return String(host[host.index(after: host.startIndex)..<close]) }
        // Most hosts have no port: no split, no new string.
        guard host.containsByte(UInt8(ascii: ":")) else { return host }
        return host.split(separator: ":").first.map(String.init) ?? host
    }

    fileprivate static func isPlainHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
