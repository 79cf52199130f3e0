// swift-tools-version:6.0
// A package that uses SigScope the way any other package would: by URL and version.
//
// By default it depends on the sigscope repository this example sits in (`../..`), which must
// have a tag of 0.2.0 or later. scripts/check-consumer.sh makes a temporary clone of the
// current commit, tags it and points SIGSCOPE_PACKAGE_URL at it, so the check needs no network.
import PackageDescription

let sigscopeURL = Context.environment["SIGSCOPE_PACKAGE_URL"] ?? "file://\(Context.packageDirectory)/../.."

let package = Package(
    name: "library-consumer",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: sigscopeURL, from: "0.2.0"),
    ],
    targets: [
        .executableTarget(
            name: "LibraryConsumer",
            dependencies: [.product(name: "SigScope", package: "sigscope")]
        ),
    ]
)
