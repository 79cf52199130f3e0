import SigScope

/// Reading the request of `validate`, `sign` and `curl`: a file (or none) plus the options
/// that build or override it.
extension RequestOptions {
    /// The name errors and findings give the input: the file, `<stdin>`, or `options`.
    var source: String { RequestSettings(self).source }

    /// The request file's draft, or an empty one when the request comes from options alone.
    func readDraft() throws(SigScopeError) -> RequestDraft { try RequestSettings(self).readDraft() }

    /// `--provider`, `--action`, `--region` and every `--param`.
    func overrides() throws(SigScopeError) -> RequestOverrides { try RequestSettings(self).overrides() }

    /// The final request: `draft` with the options applied.
    func build(_ draft: RequestDraft, source: String) throws(SigScopeError) -> APIRequest {
        try RequestSettings(self).build(draft, source: source)
    }
}

extension RequestSettings {
    /// The name errors and findings give the input: the file, `<stdin>`, or `options`.
    var source: String {
        requestFile.map { $0 == "-" ? "<stdin>" : $0 } ?? "options"
    }

    /// The request file's draft, or an empty one when the request comes from options alone.
    func readDraft() throws(SigScopeError) -> RequestDraft {
        guard let path = requestFile else { return RequestDraft() }
        return try RequestDraft.parse(try Frontend.read(path), source: source)
    }

    /// `--provider`, `--action`, `--region` and every `--param`.
    func overrides() throws(SigScopeError) -> RequestOverrides {
        var overrides = RequestOverrides(provider: provider, action: action, region: region)
        for text in params {
            overrides.params.append(try RequestOverrides.parseParam(text))
        }
        return overrides
    }

    /// The final request: `draft` with the options applied.
    /// Tencent's region, when neither the file nor `--region` gives one, comes from tccli's
    /// `TENCENTCLOUD_REGION`.
    func build(_ draft: RequestDraft, source: String) throws(SigScopeError) -> APIRequest {
        var overrides = try overrides()
        if overrides.region == nil, draft.region == nil, (overrides.provider ?? draft.provider) == .tencent, let region = Frontend.env("TENCENTCLOUD_REGION") {
            overrides.region = region
        }
        return try RequestBuilder.build(draft, overrides: overrides, source: source)
    }
}
