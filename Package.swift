// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sigscope",
    // Synchronization's Mutex (guarding the TC3 signing-key cache) needs macOS 15 on Darwin.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SigScope", targets: ["SigScope"]),
        .executable(name: "sigscope", targets: ["sigscope"]),
    ],
    dependencies: [
        // Resolved from the machine's local package mirror.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // OpenSSL's libcrypto: SHA-256, HMAC-SHA1, HMAC-SHA256. Imported only by Sources/SigScope/Crypto.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // libxml2: the hardened XML reader. Imported only by Sources/SigScope/Decoding/XMLReader.swift.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "SigScope",
            dependencies: ["COpenSSL", "CLibXML2"]
        ),
        .executableTarget(
            name: "sigscope",
            dependencies: [
                "SigScope",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release builds on Linux are one static executable (Swift runtime, libcrypto, libxml2
            // and its ICU, zlib and lzma linked in): no dynamic loader work at start, which was most
            // of a one-shot `sigscope sign`. Debug builds and `swift test` stay dynamic.
            linkerSettings: [
                // lld places the functions a one-shot `sign` runs next to each other
                // (scripts/startup-order/symbols.txt, made by generate.sh beside it), so start-up
                // faults in fewer pages of the executable: about 13 % of a one-shot sign's time.
                .unsafeFlags(["-use-ld=lld",
                              "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/scripts/startup-order/symbols.txt",
                              "-Xlinker", "--no-warn-symbol-ordering"],
                             .when(platforms: [.linux], configuration: .release)),
                .unsafeFlags(["-static-executable",
                              "-Xlinker", "-lxml2", "-Xlinker", "-licui18n", "-Xlinker", "-licuuc", "-Xlinker", "-licudata",
                              "-Xlinker", "-lz", "-Xlinker", "-llzma", "-Xlinker", "-lcrypto", "-Xlinker", "-lFoundationEssentials", "-Xlinker", "-l_FoundationCollections", "-Xlinker", "-l_FoundationCShims",
                              "-Xlinker", "-lstdc++", "-Xlinker", "-lm"],
                             .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        .testTarget(
            name: "SigScopeTests",
            dependencies: ["SigScope"]
        ),
        .testTarget(
            name: "sigscopeTests",
            dependencies: ["sigscope", "SigScope"]
        ),
    ]
)
