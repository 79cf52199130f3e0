/// One HTTP header line.
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// The `SignedHeaders` list both TC3 and ACS3 specify: names lower-cased, sorted in ASCII
    /// order, each once.
    public static func signedNameList(_ names: [String]) -> [String] {
        // Usually already so (the mandatory `content-type`, `host`): nothing to make.
        var ordered = true
        for i in names.indices where names[i].fastLowercased() != names[i] || (i > 0 && !names[i - 1].utf8.lexicographicallyPrecedes(names[i].utf8)) {
            ordered = false
            break
        }
        if ordered { return names }
        // Sort, then drop neighbours that are equal: no Set, and no byte arrays to compare.
        var sorted = names.map { $0.fastLowercased() }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var i = 1
        while i < sorted.count {
            if sorted[i] == sorted[i - 1] { sorted.remove(at: i) } else { i += 1 }
        }
        return sorted
    }
}

/// An HTTP request exactly as it goes on the wire: what is signed, what curl sends and
/// what a capture is parsed into.
public struct SentRequest: Sendable, Equatable {
    public var method: String
    public var scheme: String
    /// The host, as sent in `Host` (may include a port).
    public var host: String
    /// The path, `/` for these APIs.
    public var path: String
    /// The query string as sent, already percent-encoded, without the `?`.
    public var query: String
    /// Headers in the order they are sent.
    public var headers: [HTTPHeader]
    /// The body bytes.
    public var body: [UInt8]

    public init(method: String, scheme: String = "https", host: String, path: String = "/", query: String = "", headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.method = method
        self.scheme = scheme
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// `scheme://host/path?query`.
    public var url: String {
        scheme + "://" + host + path + (query.isEmpty ? "" : "?" + query)
    }

    /// The body as text (invalid UTF-8 replaced), `""` when there is none.
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }

    /// The value of the first header named `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        // Read in place by index (a copy of each header would retain its name and value).
        for i in headers.indices where headers[i].name.equalsIgnoringCase(name) {
            return headers[i].value
        }
        return nil
    }

    /// Every value of headers named `name`, case-insensitively, in order.
    public func headerValues(_ name: String) -> [String] {
        headers.indices.filter { headers[$0].name.equalsIgnoringCase(name) }.map { headers[$0].value }
    }

    /// Sets the header named `name` (case-insensitive), replacing the first one, else appending.
    public mutating func setHeader(_ name: String, _ value: String) {
        if let index = headers.indices.first(where: { headers[$0].name.equalsIgnoringCase(name) }) {
            headers[index].value = value
        } else {
            headers.append(HTTPHeader(name, value))
        }
    }

    /// The query's `name=value` pairs, percent-decoded (`+` kept as `+` unless `plusAsSpace`).
    /// Pairs whose encoding is broken keep their raw text.
    public func queryItems(plusAsSpace: Bool = false) -> [(name: String, value: String)] {
        FormCodec.decode(query, plusAsSpace: plusAsSpace)
    }
}
