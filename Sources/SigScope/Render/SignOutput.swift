/// The JSON documents of `sign` and `curl`, with the keys of the interface contract.
public enum SignOutput {
    /// How a derived key is shown when secrets are hidden: its first 8 hex digits and `…`.
    public static func shorten(_ hex: String) -> String {
        hex.count <= 8 ? hex : String(hex.prefix(8)) + "…"
    }

    /// `{"provider", "algorithm", "steps", "signature", "request"}` (+ `"command"` for curl).
    public static func json(_ signed: SignedRequest, showSecrets: Bool, command: String? = nil) -> JSONValue {
        var steps = JSONObject()
        for step in signed.steps {
            steps[step.name] = .string(step.isDerivedKey && !showSecrets ? shorten(step.value) : step.value)
        }
        var object: JSONObject = [
            "provider": .string(signed.provider.rawValue),
            "algorithm": .string(signed.algorithm.specName),
            "steps": .object(steps),
            "signature": .string(signed.signature),
            "request": requestJSON(signed.request),
        ]
        if let command { object["command"] = .string(command) }
        return .object(object)
    }

    /// `{"method", "url", "headers": [{"name", "value"}], "body"}`.
    public static func requestJSON(_ request: HTTPRequest) -> JSONValue {
        .object([
            "method": .string(request.method),
            "url": .string(request.url),
            "headers": .array(request.headers.map { .object(["name": .string($0.name), "value": .string($0.value)]) }),
            "body": .string(request.bodyText),
        ])
    }
}
