import SigScope

extension VectorCase {
    /// The request, options and credentials a vector describes, built the way the CLI builds them.
    func signingInputs() throws -> (request: APIRequest, options: SigningOptions, credentials: Credentials) {
        let provider = try Provider(rawValue: string("provider") ?? "").unwrap("provider")
        let algorithm = try SignatureAlgorithm(rawValue: string("algorithm") ?? "").unwrap("algorithm")
        let params = json["params"]?.objectValue ?? JSONObject()
        let draft = RequestDraft(provider: provider, action: string("action"), region: string("region"), params: params)
        let request = try RequestBuilder.build(draft, overrides: RequestOverrides(), source: folder)
        let extra = (string("signedHeaders") ?? "").split(separator: ";").map(String.init)
        let options = SigningOptions(
            timestamp: try Timestamp.parse(try string("timestamp").unwrap("timestamp")),
            algorithm: algorithm,
            method: HTTPMethod(rawValue: string("method") ?? ""),
            endpoint: string("endpoint"),
            service: string("service"),
            apiVersion: string("version"),
            body: string("method") == "POST" && algorithm == .tc3 ? body : nil,
            contentType: string("contentType"),
            extraSignedHeaders: extra,
            nonce: string("nonce")
        )
        let credentials = Credentials(secretId: try string("secretId").unwrap("secretId"), secretKey: SecretKey(try string("secretKey").unwrap("secretKey")), token: string("token"))
        return (request, options, credentials)
    }
}

struct MissingField: Error, CustomStringConvertible {
    let name: String
    var description: String { "vector is missing \(name)" }
}

extension Optional {
    func unwrap(_ name: String) throws -> Wrapped {
        guard let value = self else { throw MissingField(name: name) }
        return value
    }
}
