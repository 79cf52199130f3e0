import FuzzSupport
@testable import SigScope

/// One raw HTTP request capture, then what `verify` does next with it.
@main
enum Harness {
    static func main() {
        FuzzMain.run { bytes in FuzzMain.inspect(try? RawHTTPRequestParser.parse(bytes, source: "fuzz.http")) }
    }
}
