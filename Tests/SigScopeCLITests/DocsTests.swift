import Foundation
import Testing

/// The algorithm pages in docs/ show real commands with their real output: each `sh` block that
/// runs sigscope is run, and the `text` block that follows it must be exactly what it prints.
@Suite("docs show real output")
struct DocsTests {
    struct Example: Sendable, CustomStringConvertible {
        let page: String
        let command: String
        let output: String?
        var description: String { page + ": " + (command.split(separator: "\n").first.map(String.init) ?? "") }
    }

    static let pages = ["docs/aliyun-rpc.md", "docs/aliyun-acs3.md", "docs/tencent-v1.md"]

    /// Fenced blocks of a markdown page as (info string, content).
    static func blocks(_ text: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var current: (String, [Substring])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if let open = current {
                    result.append((open.0, open.1.joined(separator: "\n")))
                    current = nil
                } else {
                    current = (String(line.dropFirst(3)), [])
                }
            } else if current != nil {
                current?.1.append(line)
            }
        }
        return result
    }

    static let examples: [Example] = pages.flatMap { page -> [Example] in
        guard let data = FileManager.default.contents(atPath: CLI.repoRoot.appendingPathComponent(page).path) else { return [] }
        let fenced = blocks(String(decoding: data, as: UTF8.self))
        var examples: [Example] = []
        for (i, block) in fenced.enumerated() where block.0 == "sh" && block.1.hasPrefix("sigscope ") {
            let next = i + 1 < fenced.count && fenced[i + 1].0 == "text" ? fenced[i + 1].1 : nil
            examples.append(Example(page: page, command: block.1, output: next))
        }
        return examples
    }

    @Test("every page has at least one command with its output")
    func pagesHaveExamples() {
        for page in Self.pages {
            #expect(Self.examples.contains { $0.page == page && $0.output != nil }, "\(page)")
        }
    }

    @Test("each documented command prints exactly the documented output", arguments: examples)
    func commandOutput(_ example: Example) throws {
        // The documented commands use no quoting: words separated by spaces, lines continued with a backslash.
        let words = example.command.replacingOccurrences(of: "\\\n", with: " ").split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        let result = try CLI.run(Array(words.dropFirst()))
        #expect(result.status == 0, "\(result.stderr)")
        if let output = example.output {
            #expect(result.stdout == output + "\n")
        }
    }

    // MARK: - README.md

    /// A command of README.md as a user types it, with the exit status its comment promises.
    struct ReadmeCommand: Sendable, CustomStringConvertible {
        /// The line as written (continuations joined), comment included.
        let line: String
        /// 0 unless a comment says `exit N`.
        let expectedStatus: Int32
        var description: String { line.count > 100 ? String(line.prefix(100)) + "…" : line }

        /// The part `/bin/sh` runs for the test: the line up to its first pipe outside quotes
        /// (`| sh`, `| jq` are the user's next step, not sigscope's, and `| sh` would send the request).
        var sigscopePart: String {
            var quote: Character?
            var out = ""
            for c in line {
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "'" || c == "\"" {
                    quote = c
                } else if c == "|" || c == "#" {
                    break
                }
                out.append(c)
            }
            return out.trimmingCharacters(in: .whitespaces)
        }
    }

    /// Commands that need something the test cannot give them: a server that keeps running.
    static let readmeSkipped = ["sigscope serve"]

    /// The logical lines (continuations joined) of every `sh` block of README.md.
    static let readmeLines: [String] = {
        guard let data = FileManager.default.contents(atPath: CLI.repoRoot.appendingPathComponent("README.md").path) else { return [] }
        var lines: [String] = []
        for block in blocks(String(decoding: data, as: UTF8.self)) where block.0 == "sh" {
            var current = ""
            for raw in block.1.split(separator: "\n", omittingEmptySubsequences: false) {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.hasSuffix("\\") {
                    current += line.dropLast() + " "
                } else {
                    lines.append(current + line)
                    current = ""
                }
            }
        }
        return lines
    }()

    static let readmeCommands: [ReadmeCommand] = readmeLines.compactMap { line in
        guard line.hasPrefix("sigscope "), !readmeSkipped.contains(where: { line.hasPrefix($0) }) else { return nil }
        var status: Int32 = 0
        if let hash = line.firstIndex(of: "#"), let match = line[hash...].firstMatch(of: /exit (\d+)/), let n = Int32(match.1) { status = n }
        return ReadmeCommand(line: line, expectedStatus: status)
    }

    /// The variables README.md exports (`export NAME=VALUE`), PATH aside: the test puts the built binary on PATH itself.
    static let readmeEnvironment: [String: String] = {
        var env: [String: String] = [:]
        for line in readmeLines where line.hasPrefix("export ") {
            let assignment = line.dropFirst("export ".count).split(separator: "#").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard let eq = assignment.firstIndex(of: "=") else { continue }
            let name = String(assignment[..<eq])
            if name != "PATH" { env[name] = String(assignment[assignment.index(after: eq)...]) }
        }
        return env
    }()

    @Test("README.md shows commands for every command it documents, the credentials as exports, and how to get sigscope on PATH")
    func readmeHasExamples() {
        for command in ["validate", "sign", "curl", "verify", "decode"] {
            #expect(Self.readmeCommands.contains { $0.line.hasPrefix("sigscope \(command) ") }, "\(command)")
        }
        #expect(Self.readmeEnvironment["TENCENTCLOUD_SECRET_KEY"] != nil)
        #expect(Self.readmeEnvironment["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] != nil)
        #expect(Self.readmeLines.contains { $0.hasPrefix("export PATH=") && $0.contains(".build/release") })
    }

    @Test("every sigscope command of README.md runs as written and exits as its comment says", arguments: readmeCommands)
    func readmeCommand(_ command: ReadmeCommand) throws {
        var environment = Self.readmeEnvironment
        environment["PATH"] = CLI.binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        environment["NO_COLOR"] = "1"
        environment["HOME"] = FileManager.default.temporaryDirectory.path
        let result = try CLI.run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", command.sigscopePart], environment: environment)
        let stderr = result.stderr
        #expect(result.status == command.expectedStatus, "\(command.line)\n\(stderr)")
        #expect(!result.stdout.isEmpty, "\(command.line) printed nothing")
        if command.expectedStatus == 0 {
            #expect(!stderr.contains("error:"), "\(stderr)")
        }
    }
}
