import Foundation
import SigScope

/// One folder of `testvectors/responses/`: `input.*`, `expected.json`, `case.json`.
package struct ResponseCase: CustomStringConvertible, Sendable {
    package let name: String
    package let inputFile: String
    package let expected: JSONValue
    package let args: [String]
    package let exit: Int32

    package var description: String { name }
    package var folder: String { "testvectors/responses/" + name }

    package var input: [UInt8] { (try? Repo.bytes(folder + "/" + inputFile)) ?? [] }

    /// The value after `option` in `args`.
    package func option(_ option: String) -> String? {
        guard let i = args.firstIndex(of: option), i + 1 < args.count else { return nil }
        return args[i + 1]
    }

    /// Every case, sorted by name.
    package static let all: [ResponseCase] = {
        let base = Repo.url("testvectors/responses")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        return names.sorted().compactMap { name in
            let folder = base.appendingPathComponent(name)
            guard let caseData = try? Data(contentsOf: folder.appendingPathComponent("case.json")),
                  let caseJSON = try? JSONParser.parse([UInt8](caseData)).objectValue,
                  let expectedData = try? Data(contentsOf: folder.appendingPathComponent("expected.json")),
                  let expected = try? JSONParser.parse([UInt8](expectedData)),
                  let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path),
                  let input = files.sorted().first(where: { $0.hasPrefix("input.") }) else { return nil }
            let args = (caseJSON["args"]?.arrayValue ?? []).compactMap(\.stringValue)
            let exit = Int32(caseJSON["exit"]?.scalarText ?? "") ?? -1
            return ResponseCase(name: name, inputFile: input, expected: expected, args: args, exit: exit)
        }
    }()
}

/// Order-insensitive comparison of JSON values (object members sorted by key, recursively).
package enum JSONCompare {
    package static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            let members = object.members
                .map { JSONMember($0.key, canonical($0.value)) }
                .sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            return .object(JSONObject(members))
        case .array(let items):
            return .array(items.map(canonical))
        default:
            return value
        }
    }

    package static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        canonical(a) == canonical(b)
    }

    package static func text(_ value: JSONValue) -> String {
        JSONWriter(spacing: .pretty(indent: 2), sortKeys: true).string(value)
    }
}

/// The document excerpts under `testvectors/responses/sources/`.
package enum ResponseSources {
    /// (code, description) rows of the Tencent CreateNetworkInterface error table.
    package static func tencentTable() throws -> [(code: String, description: String)] {
        try Repo.text("testvectors/responses/sources/tencent-vpc-CreateNetworkInterface-error-codes.txt")
            .split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { line in
                let parts = line.split(separator: " ", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }
    }

    /// (code, message, status) rows of the Alibaba CreateNetworkInterface error table.
    package static func aliyunTable() throws -> [(code: String, message: String, status: Int)] {
        try Repo.text("testvectors/responses/sources/aliyun-ecs-CreateNetworkInterface-error-codes.md")
            .split(separator: "\n")
            .compactMap { line -> (String, String, Int)? in
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                guard cells.count >= 6, let status = Int(cells[3]) else { return nil }
                return (cells[1], cells[2], status)
            }
    }

    /// The text of `signing-md-responses.md` between two headings.
    package static func section(_ start: String, _ end: String?) throws -> String {
        let text = try Repo.text("testvectors/responses/sources/signing-md-responses.md")
        guard let from = text.range(of: start) else { return "" }
        let rest = text[from.upperBound...]
        if let end, let to = rest.range(of: end) { return String(rest[..<to.lowerBound]) }
        return String(rest)
    }

    /// The backquoted codes in the first column of the markdown table rows of `text`.
    package static func tableCodes(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("| `") else { return nil }
            let cell = line.dropFirst(3)
            guard let close = cell.firstIndex(of: "`") else { return nil }
            return String(cell[..<close])
        }
    }
}
