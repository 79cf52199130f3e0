import FuzzSupport
@testable import SigScope

/// One curl command line capture, then what `verify` does next with it.
@main
enum Harness {
    static func main() {
        FuzzMain.run { bytes in FuzzMain.inspect(try? CurlCommandParser.parse(bytes, source: "fuzz.curl")) }
    }
}
