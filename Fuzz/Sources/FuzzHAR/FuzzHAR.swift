import FuzzSupport
import SigScope

/// libFuzzer entry point: one HAR file capture, then what `verify` does next with it (find the
/// signature and read its Authorization header or query parameters). A thrown `SigScopeError`
/// is the expected answer to bad input; a crash, sanitizer report, leak or timeout is a defect.
@main
enum Harness {
    static func main() { FuzzMain.run(fuzzOne) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let captured = try? HARRequestParser.parse(bytes, source: "fuzz.har") else { return 0 }
    _ = SignatureDetector.parameters(of: captured.request)
    _ = try? SignatureDetector.detect(captured.request)
    return 0
}
