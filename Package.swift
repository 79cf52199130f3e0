// swift-tools-version:6.1
import PackageDescription

/// The batch machinery is no API (package access only); the fuzz harnesses under Fuzz/ read
/// through its line reader, so scripts/fuzz.sh sets SIGSCOPE_FUZZ_HARNESSES=1 to have it as a
/// product for them (with `@testable import`, debug builds only).
let fuzzingProducts: [Product] = Context.environment["SIGSCOPE_FUZZ_HARNESSES"] == "1"
    ? [.library(name: "SigScopeBatch", targets: ["SigScopeBatch"])]
    : []

let package = Package(
    name: "sigscope",
    // Synchronization's Mutex needs macOS 15 on Darwin; Linux is what CI builds and tests.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SigScope", targets: ["SigScope"]),
        .executable(name: "sigscope", targets: ["SigScopeCLI"]),
    ] + fuzzingProducts,
    dependencies: [
        // Resolved from the machine's local package mirror.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `sigscope serve` only (target SigScopeServe): the HTTP server, its event loops and TLS.
        // No traits: without FullFoundation and ConfigurationSupport Hummingbird needs only
        // FoundationEssentials, which the static release link already carries (scripts/release.sh).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        // `swift package generate-documentation` for the library's DocC catalog.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // OpenSSL's libcrypto: SHA-256, HMAC-SHA1, HMAC-SHA256. Imported only by Sources/SigScope/Crypto.
        .systemLibrary(
            name: "CSigScopeOpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // libxml2: the hardened XML reader. Imported only by Sources/SigScope/Decoding/XMLReader.swift.
        .systemLibrary(
            name: "CSigScopeLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "SigScope",
            dependencies: ["CSigScopeOpenSSL", "CSigScopeLibXML2"]
        ),
        // `sigscope serve`: the local endpoint on Hummingbird 2. The only target with server code;
        // the library stays free of it.
        .target(
            name: "SigScopeServe",
            dependencies: [
                "SigScope",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // sigscope's batch machinery: the streaming reader, the ordered parallel pipeline and each
        // worker's TC3 plans, templates and key reuse, on `package` access for the executable.
        .target(
            name: "SigScopeBatch",
            dependencies: ["SigScope"]
        ),
        // The `sigscope` executable. Release builds with the static link and symbol ordering are
        // made by scripts/release.sh; this manifest carries no unsafe flags, so a package that
        // depends on sigscope by version can build it.
        .executableTarget(
            name: "SigScopeCLI",
            dependencies: [
                "SigScope",
                "SigScopeServe",
                "SigScopeBatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Test helpers shared by the test targets: vector folders, response cases, hostile inputs.
        .target(
            name: "SigScopeTestSupport",
            dependencies: ["SigScope"],
            path: "Tests/SigScopeTestSupport"
        ),
        .testTarget(
            name: "SigScopeTests",
            dependencies: ["SigScope", "SigScopeTestSupport", "SigScopeCLI"]
        ),
        .testTarget(
            name: "SigScopeServeTests",
            dependencies: ["SigScopeServe", "SigScope", "SigScopeTestSupport"]
        ),
        .testTarget(
            name: "SigScopeBatchTests",
            dependencies: ["SigScopeBatch", "SigScope", "SigScopeTestSupport"]
        ),
        .testTarget(
            name: "SigScopeCLITests",
            dependencies: ["SigScopeCLI", "SigScope", "SigScopeTestSupport"]
        ),
    ]
)
