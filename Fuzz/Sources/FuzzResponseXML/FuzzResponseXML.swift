import FuzzSupport
import SigScope

/// libFuzzer entry point: one XML document through the hardened libxml2 reader, then through
/// the response decoder as an Alibaba Cloud CreateNetworkInterface response (typed model and
/// error catalog), then rendered. A thrown error is the expected answer to bad input.
@main
enum Harness {
    static func main() { FuzzMain.run(fuzzOne) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? XMLReader.parse(bytes)
    if let decoded = try? ResponseDecoder.decode(bytes, provider: .aliyun, action: "CreateNetworkInterface", entry: nil) {
        _ = DecodeReport.render(decoded)
    }
    return 0
}
