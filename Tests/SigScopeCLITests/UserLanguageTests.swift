import Foundation
import Testing
import SigScope
import SigScopeTestSupport

/// Messages speak the user's language: no internal source ids (the rule tables' `seed-001`,
/// `tc-zh-spec`, …) or paths of the project's own research notes, and every `docs/…` page a
/// message points at exists.
@Suite("messages speak the user's language", .serialized)
struct UserLanguageTests {
    /// The rule tables' source ids, and the research notes' names, which mean nothing to a user.
    static let internalWords = ["seed-000", "seed-001", "tc-zh-spec", "tc-common-errors", "ali-sdk", "ali-common", "ecs-error-catalog",
                                "shared/seeds", "signing.md", "§", "the seed", "zh spec", "international spec"]

    static func swiftFiles(under folder: String) -> [URL] {
        let root = CLI.repoRoot.appendingPathComponent(folder)
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "swift" }
    }

    @Test("no string literal in Sources holds an internal source id (the ids themselves aside)")
    func sourcesLiterals() throws {
        var found: [String] = []
        for file in Self.swiftFiles(under: "Sources") {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.contains("RuleSource(id:") {
                for literal in SourceText.literals(line) where Self.internalWords.contains(where: { literal.lowercased().contains($0.lowercased()) }) {
                    found.append("\(file.lastPathComponent):\(n + 1): \(literal)")
                }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test("every docs/… page named in Sources exists in the repository")
    func docLinks() throws {
        var named: Set<String> = []
        let pattern = try Regex(#"docs/[A-Za-z0-9_./-]*[A-Za-z0-9_-]\.md"#)
        for file in Self.swiftFiles(under: "Sources") {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: pattern) { named.insert(String(text[match.range])) }
        }
        #expect(!named.isEmpty)
        for path in named.sorted() {
            #expect(FileManager.default.fileExists(atPath: CLI.repoRoot.appendingPathComponent(path).path), "\(path) is named in Sources but does not exist")
        }
    }

    /// Every output (standard output and error) of a run, checked for internal words.
    static func check(_ arguments: [String], _ problems: inout [String]) throws {
        let result = try CLI.run(arguments)
        let all = result.stdout + result.stderr
        for word in internalWords where all.lowercased().contains(word.lowercased()) {
            problems.append("sigscope \(arguments.joined(separator: " ")): says \"\(word)\"")
        }
    }

    @Test("validate, sign and curl say no internal id, for every example and a request that hits every kind of rule note")
    func requestCommands() throws {
        var problems: [String] = []
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-language-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Rules with notes: an empty required value, a disputed requirement, a long name, a
        // QosLevel without a count, both IPv6 forms, a tag key outside the allowed characters.
        let tencent = directory.appendingPathComponent("tencent.json")
        try Data(#"{"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-0akbol5v", "SubnetId": "", "NetworkInterfaceName": "名前名前名前名前名前名前名前名前名前名前名前名前", "QosLevel": "AG", "Ipv6Addresses": [{"Address": "::1"}], "Ipv6AddressCount": 1, "PrivateIpAddresses": [{"Primary": true}]}}"#.utf8).write(to: tencent)
        let aliyun = directory.appendingPathComponent("aliyun.json")
        try Data(#"{"provider": "aliyun", "params": {"RegionId": "cn-hangzhou", "VSwitchId": "vsw-1", "Tag": [{"Key": "a.b", "Value": "x"}], "NetworkInterfaceName": "n"}}"#.utf8).write(to: aliyun)
        let files = try FileManager.default.contentsOfDirectory(atPath: CLI.repoRoot.appendingPathComponent("examples").path)
            .filter { $0.hasSuffix(".json") }.map { "examples/" + $0 } + [tencent.path, aliyun.path]
        for file in files {
            for command in ["validate", "sign", "curl"] {
                for format in ["text", "json"] {
                    try Self.check([command, file, "--format", format, "--secret-id", "a", "--secret-key", "b"].filter { command != "validate" || !["--secret-id", "--secret-key", "a", "b"].contains($0) }, &problems)
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("verify says no internal id for any bundled capture, decode for any bundled response")
    func captureCommands() throws {
        var problems: [String] = []
        let captures = try FileManager.default.contentsOfDirectory(atPath: CLI.repoRoot.appendingPathComponent("examples/captures").path)
            .filter { $0.hasSuffix(".http") || $0.hasSuffix(".curl") || $0.hasSuffix(".har") }
        for capture in captures {
            try Self.check(["verify", "examples/captures/" + capture, "--secret-key", "testsecret", "--format", "json"], &problems)
            try Self.check(["verify", "examples/captures/" + capture, "--secret-key", "testsecret"], &problems)
        }
        let responses = CLI.repoRoot.appendingPathComponent("testvectors/responses")
        for folder in try FileManager.default.contentsOfDirectory(atPath: responses.path).sorted() {
            let inputs = (try? FileManager.default.contentsOfDirectory(atPath: responses.appendingPathComponent(folder).path)) ?? []
            for input in inputs where input.hasPrefix("input") {
                try Self.check(["decode", "testvectors/responses/\(folder)/\(input)"], &problems)
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
