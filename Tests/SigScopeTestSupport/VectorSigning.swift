import SigScope

/// Turns a vector's `case.json` into what a user would give sigscope: the request (params as the
/// flat wire names and string values of the file), the signing options and the credentials.
extension VectorCase {
    package struct Inputs {
        package let request: APIRequest
        package let options: SigningOptions
        package let credentials: Credentials
    }

    package enum InputError: Error { case missing(String), invalid(String) }

    package func required(_ key: String) throws -> String {
        guard let value = string(key) else { throw InputError.missing("\(folder): case.json has no \"\(key)\"") }
        return value
    }

    /// The flat params object of `case.json`, in file order.
    package var params: JSONObject { json["params"]?.objectValue ?? JSONObject() }

    /// Builds the request through the same path as the CLI (`RequestBuilder`), so flat names are
    /// nested and flattened again exactly as for a request file. TC3 cases also carry the service,
    /// the Content-Type, the extra signed headers and (for POST) the exact body of `body.txt`.
    package func inputs() throws -> Inputs {
        guard let provider = Provider(rawValue: try required("provider")) else { throw InputError.invalid("provider") }
        guard let algorithm = SignatureAlgorithm(rawValue: try required("algorithm")) else { throw InputError.invalid("algorithm") }
        guard let method = HTTPMethod(rawValue: try required("method")) else { throw InputError.invalid("method") }
        let draft = RequestDraft(provider: provider, action: try required("action"), region: string("region"), params: params)
        let request = try RequestBuilder.build(draft, overrides: RequestOverrides(), source: folder)
        var options = SigningOptions(timestamp: try Timestamp.parse(try required("timestamp")), algorithm: algorithm, method: method,
                                     endpoint: try required("endpoint"), apiVersion: try required("version"), nonce: string("nonce"))
        if algorithm == .tc3 {
            options.service = string("service")
            options.contentType = string("contentType")
            options.extraSignedHeaders = (string("signedHeaders") ?? "").split(separator: ";").map(String.init)
            if method == .post { options.body = body }
        }
        let credentials = Credentials(secretId: try required("secretId"), secretKey: SecretKey(try required("secretKey")), token: string("token"))
        return Inputs(request: request, options: options, credentials: credentials)
    }
}

/// Percent-encodes a Base64 signature the way the documents show it in URLs (`+` `/` `=` are the
/// only Base64 characters outside the unreserved set), independently of `PercentEncoder`.
package func urlEncodedBase64(_ signature: String) -> String {
    var out = ""
    for character in signature {
        switch character {
        case "+": out += "%2B"
        case "/": out += "%2F"
        case "=": out += "%3D"
        default: out.append(character)
        }
    }
    return out
}
