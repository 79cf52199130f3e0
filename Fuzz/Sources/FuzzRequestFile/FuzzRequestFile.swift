import FuzzSupport
import SigScope

/// libFuzzer entry point: one request file as `sign`, `curl` and `validate` read it: the JSON
/// parser, the request object, flat-name nesting, the provider's rules, and the compact JSON
/// body a TC3 request would send. A thrown `SigScopeError` is the expected answer to bad input.
@main
enum Harness {
    static func main() { FuzzMain.run(fuzzOne) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let draft = try? RequestDraft.parse(bytes, source: "fuzz.json") else { return 0 }
    for provider in draft.provider.map({ [$0] }) ?? Provider.allCases {
        let overrides = RequestOverrides(provider: provider)
        guard let request = try? RequestBuilder.build(draft, overrides: overrides, source: "fuzz.json") else { continue }
        _ = Validator.validate(request)
        _ = JSONWriter.compact.bytes(.object(request.params))
    }
    return 0
}
