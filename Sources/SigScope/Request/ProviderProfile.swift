/// The facts about one cloud provider that the rest of sigscope reads instead of asking
/// "which provider is this": its name, endpoint, API domains, list indexing, defaults and
/// the environment variables its SDKs read credentials from.
///
/// Each `Provider` case has exactly one profile (`Provider.profile`, an exhaustive switch),
/// so a new provider is one case and one profile; nothing else chooses between providers
/// with a two-way condition.
package struct ProviderProfile: Sendable, Equatable {
    /// The provider's display name ("Tencent Cloud").
    package var displayName: String
    /// The display name with its indefinite article ("a Tencent Cloud", "an Alibaba Cloud").
    package var displayNameWithArticle: String
    /// The endpoint used when none is given.
    package var defaultEndpoint: String
    /// The API version used when none is given.
    package var defaultAPIVersion: String
    /// The algorithm used when none is given.
    package var defaultAlgorithm: SignatureAlgorithm
    /// The registrable domains of the provider's API endpoints, without a leading dot ("tencentcloudapi.com").
    package var hostSuffixes: [String]
    /// The prefix of the provider's own request headers, lower case ("x-tc-").
    package var headerPrefix: String
    /// The base of list indices on the wire: Tencent flattens 0-based (`Ids.0`), Alibaba 1-based (`Ids.1`).
    package var listIndexBase: Int
    /// The parameter a region is also sent as among the params (Alibaba's `RegionId`), nil when the signer sends it itself.
    package var regionParameter: String?
    /// The environment variables the provider's SDKs read: key id, secret key and session token.
    package var environment: CredentialVariables
    /// The forms of a product's endpoint below the API domain, `{product}` and `{region}` to fill in
    /// (`{product}.{region}` for `vpc.ap-guangzhou.tencentcloudapi.com`).
    package var endpointForms: [String]

    /// The names of the environment variables that hold a provider's credentials.
    package struct CredentialVariables: Sendable, Equatable {
        /// The key id's variable (`TENCENTCLOUD_SECRET_ID`).
        package var secretId: String
        /// The secret key's variable (`TENCENTCLOUD_SECRET_KEY`).
        package var secretKey: String
        /// The session token's variable (`TENCENTCLOUD_SESSION_TOKEN`).
        package var token: String
    }

    /// The endpoints of `product` a client may be configured with (global, regional, international),
    /// the regional ones only with a `region`.
    package func endpoints(product: String, region: String?) -> [String] {
        endpointForms.compactMap { form -> String? in
            if form.contains("{region}") && (region ?? "").isEmpty { return nil }
            let host = form.replacingOccurrences(of: "{product}", with: product).replacingOccurrences(of: "{region}", with: region ?? "")
            return host + "." + (hostSuffixes.first ?? "")
        }
    }

    /// True when `hostname` (lower case, no port) is one of the provider's API domains or below one.
    package func owns(hostname: String) -> Bool {
        hostSuffixes.contains { hostname == $0 || hostname.hasSuffix("." + $0) }
    }

    /// Tencent Cloud: API 3.0 endpoints under tencentcloudapi.com, VPC 2017-03-12, TC3 by default.
    package static let tencent = ProviderProfile(
        displayName: "Tencent Cloud", displayNameWithArticle: "a Tencent Cloud", defaultEndpoint: "vpc.tencentcloudapi.com",
        defaultAPIVersion: "2017-03-12", defaultAlgorithm: .tc3, hostSuffixes: ["tencentcloudapi.com"], headerPrefix: "x-tc-",
        listIndexBase: 0, regionParameter: nil,
        environment: CredentialVariables(secretId: "TENCENTCLOUD_SECRET_ID", secretKey: "TENCENTCLOUD_SECRET_KEY", token: "TENCENTCLOUD_SESSION_TOKEN"),
        endpointForms: ["{product}", "{product}.{region}", "{product}.intl"])

    /// Alibaba Cloud: endpoints under aliyuncs.com, ECS 2014-05-26, the RPC signature by default.
    package static let aliyun = ProviderProfile(
        displayName: "Alibaba Cloud", displayNameWithArticle: "an Alibaba Cloud", defaultEndpoint: "ecs.aliyuncs.com",
        defaultAPIVersion: "2014-05-26", defaultAlgorithm: .rpc, hostSuffixes: ["aliyuncs.com"], headerPrefix: "x-acs-",
        listIndexBase: 1, regionParameter: "RegionId",
        environment: CredentialVariables(secretId: "ALIBABA_CLOUD_ACCESS_KEY_ID", secretKey: "ALIBABA_CLOUD_ACCESS_KEY_SECRET", token: "ALIBABA_CLOUD_SECURITY_TOKEN"),
        endpointForms: ["{product}", "{product}.{region}", "{product}-{region}"])
}

extension Provider {
    /// This provider's facts.
    package var profile: ProviderProfile {
        switch self {
        case .tencent: return .tencent
        case .aliyun: return .aliyun
        }
    }

    /// The provider whose API domain `hostname` is under, if any.
    public static func owning(hostname: String) -> Provider? {
        let lower = hostname.lowercased()
        return allCases.first { $0.profile.owns(hostname: lower) }
    }

    /// The provider whose own headers (`X-TC-*`, `x-acs-*`) are among `headerNames`, if any.
    public static func owning(headerNames: [String]) -> Provider? {
        allCases.first { provider in headerNames.contains { $0.lowercased().hasPrefix(provider.profile.headerPrefix) } }
    }
}
