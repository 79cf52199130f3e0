import CFuzzDriver

/// One harness's entry: hands the process's arguments and `testOneInput` to libFuzzer's driver.
///
/// SwiftPM links an executable target's `main` to the module's own entry point, so libFuzzer's
/// `main` is never used; the `@main` type of each harness calls this instead.
public enum FuzzMain {
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    public static func run(_ testOneInput: TestOneInput) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = withUnsafeMutablePointer(to: &argv) { argvPointer in
            LLVMFuzzerRunDriver(&argc, argvPointer, testOneInput)
        }
        exit(status)
    }
}

@_silgen_name("exit")
private func exit(_ status: CInt) -> Never
