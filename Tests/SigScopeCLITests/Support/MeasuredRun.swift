import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run of the built binary (absolute paths only: it runs in the test's directory) under
/// an address-space limit, timed, and killed after a timeout.
///
/// Memory is bounded by enforcement rather than measured: `posix_spawn` shares the test
/// process's memory until `exec`, so the child's `ru_maxrss` would report the test
/// process's own peak. Under `ulimit -v` an allocation past the limit fails and the run
/// aborts (exit 134), which a test expecting exit 2 catches.
struct MeasuredResult {
    let status: Int32
    let stdout: String
    let stderr: String
    let elapsed: Duration
    let timedOut: Bool
}

enum MeasuredRun {
    static func run(_ arguments: [String], addressSpaceKiB: Int, timeout: Duration = .seconds(10)) throws -> MeasuredResult {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outPath = directory.appendingPathComponent("out").path
        let errPath = directory.appendingPathComponent("err").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let binary = CLI.binary.path
        let shell = "/bin/sh"
        let argumentStrings: [String] = ["sh", "-c", "ulimit -v \(addressSpaceKiB) && exec \"$0\" \"$@\"", binary] + arguments
        let environmentStrings: [String] = ["PATH=/usr/bin:/bin", "NO_COLOR=1"]
        let argv: [UnsafeMutablePointer<CChar>?] = argumentStrings.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environmentStrings.map { strdup($0) } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let spawned = posix_spawn(&pid, shell, &actions, nil, argv, envp)
        guard spawned == 0 else { throw CocoaError(.executableNotLoadable) }

        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        while true {
            let waited = wait4(pid, &status, WNOHANG, &usage)
            if waited == pid { break }
            if ContinuousClock.now - start > timeout {
                timedOut = true
                kill(pid, SIGKILL)
                _ = wait4(pid, &status, 0, &usage)
                break
            }
            usleep(5_000)
        }
        let elapsed = ContinuousClock.now - start
        let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return MeasuredResult(status: exitStatus, stdout: out, stderr: err, elapsed: elapsed, timedOut: timedOut)
    }
}
