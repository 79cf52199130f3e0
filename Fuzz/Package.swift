// swift-tools-version:6.0
// libFuzzer harnesses for sigscope's parsers of untrusted input. A separate package, so the
// main package carries no sanitizer flags; it depends on the main package by path.
// Build and run with scripts/fuzz.sh (see docs/fuzzing.md).
import PackageDescription

let harnesses = [
    "FuzzRequestFile",   // request JSON file -> RequestDraft -> RequestBuilder -> Validator
    "FuzzRawHTTP",       // raw HTTP/1.1 request capture
    "FuzzCurl",          // curl command line capture
    "FuzzHAR",           // HAR 1.2 request capture
    "FuzzDebugLog",      // Tencent SDK debug logs and curl -v transcripts
    "FuzzResponseJSON",  // response decoder: bare JSON body, HTTP response, HAR
    "FuzzResponseXML",   // response decoder through libxml2 (Alibaba XML bodies)
    "FuzzBatchLines",    // batch JSON Lines: the batch line reader (against its rule), per-line parsing, the params-text shortcut
]

let package = Package(
    name: "sigscope-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "sigscope", path: "..")],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver for Swift.
        .target(name: "CFuzzDriver"),
        // The `main` every harness shares: hands the arguments to libFuzzer's driver.
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver", .product(name: "SigScope", package: "sigscope")]),
    ] + harnesses.map { name in
        .executableTarget(
            name: name,
            // The batch harness reads through the batch's own line reader (SigScopeBatch, a
            // product of the main package only when SIGSCOPE_FUZZ_HARNESSES=1, as fuzz.sh sets).
            dependencies: ["FuzzSupport", .product(name: "SigScope", package: "sigscope")]
                + (name == "FuzzBatchLines" ? [.product(name: "SigScopeBatch", package: "sigscope")] : []),
            path: "Sources/\(name)"
        )
    }
)
