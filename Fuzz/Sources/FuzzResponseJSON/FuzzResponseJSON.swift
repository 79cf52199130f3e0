import FuzzSupport
import SigScope

/// libFuzzer entry point: one captured response as `decode` reads it (a bare JSON body, an HTTP
/// response as `curl -i` prints it, or a HAR file), with the provider inferred, then rendered.
/// A thrown `SigScopeError` is the expected answer to bad input.
@main
enum Harness {
    static func main() { FuzzMain.run(fuzzOne) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let decoded = try? ResponseDecoder.decode(bytes, provider: nil, action: nil, entry: nil) {
        _ = DecodeReport.render(decoded)
    }
    return 0
}
