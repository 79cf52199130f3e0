import FuzzSupport
@testable import SigScope

/// One XML document through the hardened libxml2 reader, then through the response decoder as
/// an Alibaba Cloud CreateNetworkInterface response (typed model, error catalog), then written as JSON.
@main
enum Harness {
    static func main() {
        FuzzMain.run { bytes in
            _ = try? XMLReader.parse(bytes)
            if let decoded = try? ResponseDecoder.decode(bytes, provider: .aliyun, action: "CreateNetworkInterface", entry: nil) {
                _ = JSONWriter.pretty.bytes(decoded.json)
            }
        }
    }
}
