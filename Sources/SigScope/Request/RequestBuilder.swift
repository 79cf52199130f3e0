/// Combines a request file (or none) with command-line overrides into an `APIRequest`.
package struct RequestOverrides: Sendable, Equatable {
    package var provider: Provider?
    package var action: String?
    package var region: String?
    /// `--param NAME=VALUE` in the order given (NAME may be a flat wire name).
    package var params: [(name: String, value: JSONValue)]

    package init(provider: Provider? = nil, action: String? = nil, region: String? = nil, params: [(name: String, value: JSONValue)] = []) {
        self.provider = provider
        self.action = action
        self.region = region
        self.params = params
    }

    package static func == (lhs: RequestOverrides, rhs: RequestOverrides) -> Bool {
        lhs.provider == rhs.provider && lhs.action == rhs.action && lhs.region == rhs.region
            && lhs.params.map(\.name) == rhs.params.map(\.name) && lhs.params.map(\.value) == rhs.params.map(\.value)
    }

    /// Parses one `--param NAME=VALUE`.
    /// - Throws: `SigScopeError.invalidOption` when there is no `=`, the name is empty, or the
    ///   value is a JSON list or object that gives a member name twice.
    package static func parseParam(_ text: String) throws(SigScopeError) -> (name: String, value: JSONValue) {
        guard let eq = text.firstIndex(of: "=") else {
            throw SigScopeError(.invalidOption, "\(.params) \"\(text)\" needs the form NAME=VALUE, e.g. \(.params) VpcId=vpc-0akbol5v")
        }
        let name = String(text[..<eq]).trimmingASCIIWhitespace()
        guard !name.isEmpty else {
            throw SigScopeError(.invalidOption, "\(.params) \"\(text)\" has an empty NAME")
        }
        let valueText = String(text[text.index(after: eq)...])
        let value = Params.commandLineValue(valueText)
        // A list or object that repeats a member name is refused, as in a request file: which
        // value counts is not defined.
        switch value {
        case .array, .object:
            do {
                _ = try JSONParser.parse(valueText, limits: .requestFile)
            } catch {
                throw SigScopeError(.invalidOption, "\(.params) \(name)=…: column \(error.column) of the value: \(error.reason)")
            }
        default:
            break
        }
        return (name, value)
    }
}

/// Builds the final `APIRequest`.
package enum RequestBuilder {
    /// Applies `overrides` to `draft`: the provider must come from one of them; the action defaults
    /// to `CreateNetworkInterface`; flat names are nested (lists 0-based for Tencent, 1-based for
    /// Alibaba); for Alibaba, `region` fills `RegionId` when the params have none.
    /// - Throws: `SigScopeError` `.missingInput` without a provider, `.invalidRequest` for bad names.
    package static func build(_ draft: RequestDraft, overrides: RequestOverrides, source: String) throws(SigScopeError) -> APIRequest {
        var asGiven = false
        return try build(draft, overrides: overrides, source: source, paramsAsGiven: &asGiven)
    }

    /// `build`, also saying whether the request's params are the draft's exactly as given: no
    /// flat name nested, no `--param` merged, no `RegionId` filled in.
    package static func build(_ draft: RequestDraft, overrides: RequestOverrides, source: String, paramsAsGiven: inout Bool) throws(SigScopeError) -> APIRequest {
        guard let provider = overrides.provider ?? draft.provider else {
            throw SigScopeError(.missingInput, "no provider: give the request's provider\(aside: .provider): tencent or aliyun")
        }
        let action = overrides.action ?? draft.action ?? APIRequest.defaultAction
        guard !action.isEmpty else {
            throw SigScopeError(.invalidRequest, "the action is empty", source: source)
        }
        let base = provider.listIndexBase
        var changed = Params.hasFlatNames(draft.params)
        var params = changed ? try Params.unflatten(draft.params, indexBase: base, source: source) : draft.params
        if !overrides.params.isEmpty {
            changed = true
            params = try Params.merge(overrides.params.map { ($0.name, $0.value) }, into: params, replace: true, indexBase: base, about: .params)
        }
        let region = overrides.region ?? draft.region
        if let name = provider.profile.regionParameter, let region, params[name] == nil {
            params[name] = .string(region)
            changed = true
        }
        paramsAsGiven = !changed
        return APIRequest(provider: provider, action: action, region: region, params: params)
    }
}
