import FuzzSupport
@testable import SigScope

/// One debug log as `verify` reads it: a Tencent SDK debug log and a `curl -v` transcript (the
/// same bytes through both readers), then what `verify` does next with the request found.
@main
enum Harness {
    static func main() {
        FuzzMain.run { bytes in
            FuzzMain.inspect(try? DebugLogParser.parseTencentSDKLog(bytes, source: "fuzz.log"))
            FuzzMain.inspect(try? DebugLogParser.parseVerboseTranscript(bytes, source: "fuzz.log"))
        }
    }
}
