import SigScope

/// The request options of `sign` and `curl` as plain values, filled by argument-parser
/// (`RequestOptions`) or by `FastPath`: building argument-parser's property wrappers costs
/// a one-shot start more than reading the arguments does.
struct RequestSettings {
    var requestFile: String?
    var provider: Provider?
    var action: String?
    var region: String?
    var params: [String] = []

    init(requestFile: String? = nil, provider: Provider? = nil, action: String? = nil, region: String? = nil, params: [String] = []) {
        self.requestFile = requestFile
        self.provider = provider
        self.action = action
        self.region = region
        self.params = params
    }

    init(_ options: RequestOptions) {
        self.init(requestFile: options.requestFile, provider: options.provider, action: options.action, region: options.region, params: options.params)
    }
}

/// The signing options of `sign` and `curl` as plain values (see `RequestSettings`).
struct SigningSettings: Equatable {
    var algorithm: SignatureAlgorithm?
    var method: HTTPMethod?
    var endpoint: String?
    var timestamp: String?
    var nonce: String?
    var secretId: String?
    var secretKey: String?
    var token: String?
    var secretKeyFile: String?
    /// The bytes of `secretKeyFile`, once read (see `SignPipeline.run`).
    var secretKeyFileBytes: [UInt8]?
    var profile: String?
    var showSecrets = false
    var noValidate = false
    var apiVersion: String?
    var service: String?
    var bodyFile: String?
    var contentType: String?
    var signedHeaders: String?
    var language: String?
    var batch = false

    init() {}

    init(_ group: SigningOptionGroup) {
        algorithm = group.algorithm
        method = group.method
        endpoint = group.endpoint
        timestamp = group.timestamp
        nonce = group.nonce
        secretId = group.secretId
        secretKey = group.secretKey
        token = group.token
        secretKeyFile = group.secretKeyFile
        profile = group.profile
        showSecrets = group.showSecrets
        noValidate = group.noValidate
        apiVersion = group.apiVersion
        service = group.service
        bodyFile = group.bodyFile
        contentType = group.contentType
        signedHeaders = group.signedHeaders
        language = group.language
        batch = group.batch
    }
}

extension SigningSettings {
    /// The credential options, for `CredentialSources`.
    var givenCredentials: CredentialSources.Given {
        CredentialSources.Given(secretId: secretId, secretKey: secretKey, secretKeyFile: secretKeyFile, secretKeyFileBytes: secretKeyFileBytes,
                                token: token, profile: profile)
    }
}
