extension APIRequest {
    /// Reads a request file: a JSON object with `provider`, `action` (default
    /// `CreateNetworkInterface`), `region` and `params` holding the API's own parameter names,
    /// nested or (for Alibaba) already flat.
    ///
    /// This is the format the `sigscope` command reads; see the repository's
    /// `docs/cli.md` ("The request file").
    /// - Parameters:
    ///   - bytes: the file's bytes (UTF-8 JSON).
    ///   - source: a name for the input, used in error messages (a file name, say).
    /// - Returns: the request, with its params as the provider will receive them.
    /// - Throws: ``SigScopeError`` with code `invalid-json` (with line and column) or
    ///   `invalid-request` when the file is not a request.
    public static func parse(requestFile bytes: [UInt8], source: String) throws(SigScopeError) -> APIRequest {
        let draft = try RequestDraft.parse(bytes, source: source)
        return try RequestBuilder.build(draft, overrides: RequestOverrides(), source: source)
    }
}
