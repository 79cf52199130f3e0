/// The cloud providers sigscope knows.
public enum Provider: String, Sendable, CaseIterable, Equatable {
    case tencent
    case aliyun

    /// The endpoint used when none is given.
    public var defaultEndpoint: String { profile.defaultEndpoint }

    /// The API version used when none is given: VPC 2017-03-12 and ECS 2014-05-26.
    public var defaultAPIVersion: String { profile.defaultAPIVersion }

    /// The base of list indices on the wire: Tencent flattens 0-based, Alibaba 1-based.
    public var listIndexBase: Int { profile.listIndexBase }

    /// The algorithm used when none is given.
    public var defaultAlgorithm: SignatureAlgorithm { profile.defaultAlgorithm }

    /// The provider's display name.
    public var displayName: String { profile.displayName }

    /// The name with its indefinite article: "a Tencent Cloud", "an Alibaba Cloud".
    public var displayNameWithArticle: String {
        self == .tencent ? "a Tencent Cloud" : "an Alibaba Cloud"
    }
}

/// A signature algorithm, by its `--algorithm` name.
public enum SignatureAlgorithm: String, Sendable, CaseIterable, Equatable {
    /// Tencent TC3-HMAC-SHA256 (API 3.0).
    case tc3
    /// Tencent signature v1 with HmacSHA256.
    case hmacSHA256 = "hmac-sha256"
    /// Tencent signature v1 with HmacSHA1.
    case hmacSHA1 = "hmac-sha1"
    /// Alibaba RPC signature, HMAC-SHA1, SignatureVersion 1.0.
    case rpc
    /// Alibaba ACS3-HMAC-SHA256 (signature V3).
    case acs3

    /// The provider this algorithm belongs to.
    public var provider: Provider {
        switch self {
        case .tc3, .hmacSHA256, .hmacSHA1: return .tencent
        case .rpc, .acs3: return .aliyun
        }
    }

    /// The name the provider uses for it, as printed in `"algorithm"` of the JSON output.
    public var specName: String {
        switch self {
        case .tc3: return "TC3-HMAC-SHA256"
        case .hmacSHA256: return "HmacSHA256"
        case .hmacSHA1: return "HmacSHA1"
        case .rpc: return "HMAC-SHA1"
        case .acs3: return "ACS3-HMAC-SHA256"
        }
    }

    /// The HTTP method used when none is given (interface.md: Tencent POST, Alibaba rpc GET, acs3 POST).
    public var defaultMethod: HTTPMethod {
        switch self {
        case .tc3, .hmacSHA1, .hmacSHA256, .acs3: return .post
        case .rpc: return .get
        }
    }

    /// The algorithm whose `specName` is `name`, if any.
    public init?(specName name: String) {
        guard let match = Self.allCases.first(where: { $0.specName == name }) else { return nil }
        self = match
    }
}

/// The HTTP methods the providers' APIs accept.
public enum HTTPMethod: String, Sendable, CaseIterable, Equatable {
    case get = "GET"
    case post = "POST"

    /// The other method, for checks such as "the signature matches the other method".
    public var other: HTTPMethod {
        switch self {
        case .get: return .post
        case .post: return .get
        }
    }
}
