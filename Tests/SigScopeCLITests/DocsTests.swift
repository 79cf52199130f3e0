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
}
