import FuzzSupport
@testable import SigScope

/// One captured response as `decode` reads it (a bare JSON body, an HTTP response as `curl -i`
/// prints it, or a HAR file), with the provider inferred, then written as `decode --format json` does.
@main
enum Harness {
    static func main() {
        FuzzMain.run { bytes in
            if let decoded = try? ResponseDecoder.decode(bytes, provider: nil, action: nil, entry: nil) {
                _ = JSONWriter.pretty.bytes(decoded.json)
            }
        }
    }
}
