import CFuzzDriver
@testable import SigScope

/// What each harness shares: the entry point libFuzzer calls, the driver that runs it, and the
/// steps after a capture parser.
///
/// SwiftPM links an executable target's `main` to the module's own entry point, so libFuzzer's
/// `main` is never used: each harness's `@main` type calls `FuzzMain.run` with its test, which
/// hands the process's arguments to libFuzzer's driver (`LLVMFuzzerRunDriver`). The driver calls
/// `LLVMFuzzerTestOneInput` below, which runs that test on the input.
public enum FuzzMain {
    /// One input as bytes. A thrown `SigScopeError` is the expected answer to bad input (the
    /// tests ignore it with `try?`); a crash, sanitizer report, leak or timeout is a defect.
    public typealias Test = ([UInt8]) -> Void

    nonisolated(unsafe) static var test: Test = { _ in }

    /// Runs libFuzzer with `test`; does not return.
    public static func run(_ test: @escaping Test) -> Never {
        self.test = test
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = withUnsafeMutablePointer(to: &argv) { argvPointer in
            LLVMFuzzerRunDriver(&argc, argvPointer, LLVMFuzzerTestOneInput)
        }
        exit(status)
    }

    /// What `verify` does with a capture once it is read: the signature found and its
    /// Authorization header or query parameters read.
    public static func inspect(_ captured: CapturedRequest?) {
        guard let captured else { return }
        _ = SignatureDetector.parameters(of: captured.request)
        _ = try? SignatureDetector.detect(captured.request)
    }
}

/// The entry libFuzzer calls for every input (also the symbol its archive's own `main` needs).
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzMain.test(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@_silgen_name("exit")
private func exit(_ status: CInt) -> Never
