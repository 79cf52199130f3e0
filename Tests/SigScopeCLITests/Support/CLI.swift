import Foundation

/// Runs the built `sigscope` binary, as a user would.
struct CLIResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

enum CLI {
    /// The built executable next to the test bundle (`.build/<config>/sigscope`).
    static let binary: URL = {
        if let override = ProcessInfo.processInfo.environment["SIGSCOPE_BIN"] {
            return URL(fileURLWithPath: override)
        }
        var candidates: [URL] = []
        let arg0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = arg0.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("sigscope"))
            dir.deleteLastPathComponent()
        }
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("sigscope"))
        }
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        candidates.append(root.appendingPathComponent(".build/debug/sigscope"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[candidates.count - 1]
    }()

    static let repoRoot: URL = {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        return root
    }()

    /// Writing to a child that has exited fails with EPIPE instead of stopping the tests.
    static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Runs `sigscope ARGS` with `stdin` as standard input, in the repository root, with a
    /// clean environment (no credentials, no colour) plus `env`.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, env: [String: String] = [:]) throws -> CLIResult {
        try run(arguments, stdinData: stdin.map { Data($0.utf8) }, env: env)
    }

    /// `run` with standard input given as bytes.
    @discardableResult
    static func run(_ arguments: [String], stdinData: Data?, env: [String: String] = [:]) throws -> CLIResult {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "NO_COLOR": "1"]
        for (k, v) in env { environment[k] = v }
        return try run(executable: binary, arguments, stdinData: stdinData, environment: environment)
    }

    /// Runs `executable ARGS` in the repository root with exactly `environment`.
    static func run(executable: URL, _ arguments: [String], stdin: String? = nil, environment: [String: String]) throws -> CLIResult {
        try run(executable: executable, arguments, stdinData: stdin.map { Data($0.utf8) }, environment: environment)
    }

    /// `run(executable:…)` with standard input given as bytes. They are written while the output
    /// is read, so a command that streams (`--batch`) can take more than a pipe holds.
    static func run(executable: URL, _ arguments: [String], stdinData: Data?, environment: [String: String]) throws -> CLIResult {
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repoRoot
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Write standard input and read both pipes concurrently so no pipe can fill and deadlock the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        let writer = input.fileHandleForWriting
        DispatchQueue.global().async {
            // A child that exits before reading all of it closes the pipe: that is not the test's failure.
            if let stdinData { try? writer.write(contentsOf: stdinData) }
            try? writer.close()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errBox.data, as: UTF8.self))
    }
}
