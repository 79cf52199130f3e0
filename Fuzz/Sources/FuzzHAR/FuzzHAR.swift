import FuzzSupport
@testable import SigScope

/// One HAR 1.2 capture (its first API entry), then what `verify` does next with it.
@main
enum Harness {
    static func main() {
        FuzzMain.run { bytes in FuzzMain.inspect(try? HARRequestParser.parse(bytes, source: "fuzz.har")) }
    }
}
