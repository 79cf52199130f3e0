import Foundation
import SigScope

/// The cases of `testvectors/responses/` as the CLI tests need them.
struct CorpusCase: CustomStringConvertible, Sendable {
    let name: String
    let inputPath: String
    let expected: JSONValue
    let args: [String]
    let exit: Int32

    var description: String { name }

    static let all: [CorpusCase] = {
        let base = CLI.repoRoot.appendingPathComponent("testvectors/responses")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        return names.sorted().compactMap { name in
            let folder = base.appendingPathComponent(name)
            guard let caseData = try? Data(contentsOf: folder.appendingPathComponent("case.json")),
                  let caseJSON = try? JSONParser.parse([UInt8](caseData)).objectValue,
                  let expectedData = try? Data(contentsOf: folder.appendingPathComponent("expected.json")),
                  let expected = try? JSONParser.parse([UInt8](expectedData)),
                  let input = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted().first(where: { $0.hasPrefix("input.") }) else { return nil }
            return CorpusCase(name: name, inputPath: "testvectors/responses/\(name)/\(input)", expected: expected,
                              args: (caseJSON["args"]?.arrayValue ?? []).compactMap(\.stringValue),
                              exit: Int32(caseJSON["exit"]?.scalarText ?? "") ?? -1)
        }
    }()

    /// Object members sorted by key, recursively, for order-insensitive comparison.
    static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            return .object(JSONObject(object.members.map { JSONMember($0.key, canonical($0.value)) }.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }))
        case .array(let items):
            return .array(items.map(canonical))
        default:
            return value
        }
    }
}
