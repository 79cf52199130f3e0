import Foundation
import Testing
import SigScopeTestSupport

/// The repository checks out on case-insensitive file systems (macOS, Windows): no two tracked
/// paths, nor any of their folders, differ only by letter case.
@Suite("repository layout")
struct RepositoryLayoutTests {
    @Test("no two tracked paths or folders differ only by letter case")
    func noCaseCollisions() throws {
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", Repo.root.path, "ls-files"]
        let pipe = Pipe()
        git.standardOutput = pipe
        git.standardError = FileHandle.nullDevice
        try git.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        git.waitUntilExit()
        try #require(git.terminationStatus == 0, "git ls-files failed: not a checkout")
        var seen: [String: String] = [:]
        var collisions: [String] = []
        for file in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = file.split(separator: "/")
            for end in 1...parts.count {
                let path = parts[0..<end].joined(separator: "/")
                let key = path.lowercased()
                if let other = seen[key], other != path { collisions.append("\(other) ~ \(path)") }
                seen[key] = seen[key] ?? path
            }
        }
        #expect(collisions.isEmpty, "\(Set(collisions).sorted().joined(separator: ", "))")
        #expect(seen.count > 100)
    }
}
