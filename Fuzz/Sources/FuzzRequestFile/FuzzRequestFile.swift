import FuzzSupport
@testable import SigScope

/// One request file as `sign`, `curl` and `validate` read it: the JSON parser, the request
/// object, flat-name nesting, the provider's rules, and the compact JSON body a TC3 request sends.
@main
enum Harness {
    static func main() {
        FuzzMain.run { bytes in
            guard let draft = try? RequestDraft.parse(bytes, source: "fuzz.json") else { return }
            for provider in draft.provider.map({ [$0] }) ?? Provider.allCases {
                guard let request = try? RequestBuilder.build(draft, overrides: RequestOverrides(provider: provider), source: "fuzz.json") else { continue }
                _ = Validator.validate(request)
                _ = JSONWriter.compact.bytes(.object(request.params))
            }
        }
    }
}
