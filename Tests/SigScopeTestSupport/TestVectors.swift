import Foundation
import SigScope

/// Locates files of the repository from the tests (vectors, examples), via this file's path.
package enum Repo {
    package static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        // Tests/SigScopeTestSupport/TestVectors.swift -> repository root
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    package static func url(_ relative: String) -> URL {
        root.appendingPathComponent(relative)
    }

    package static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relative)))
    }

    package static func text(_ relative: String) throws -> String {
        String(decoding: try bytes(relative), as: UTF8.self)
    }
}

/// One folder of `testvectors/<provider>/<algorithm>/<case>/`: `case.json` plus one file per stage.
package struct VectorCase: CustomStringConvertible, Sendable {
    package let folder: String
    package let json: JSONObject

    package var description: String { folder }

    package func string(_ key: String) -> String? { json[key]?.stringValue }

    /// The exact bytes of a stage file such as `string-to-sign.txt`, nil when absent.
    package func stage(_ name: String) -> String? {
        let url = Repo.url(folder).appendingPathComponent(name)
        guard let data = try? Data(contentsOf: url) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Stage files present, keyed by the camelCase step name they hold (`canonical-request.txt` -> `canonicalRequest`).
    package var stages: [(step: String, file: String, value: String)] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Repo.url(folder).path)) ?? []
        return files.sorted().compactMap { file in
            guard file.hasSuffix(".txt"), file != "body.txt", let value = stage(file) else { return nil }
            let base = file.dropLast(4).split(separator: "-")
            guard let first = base.first else { return nil }
            let camel = String(first) + base.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            return (camel, file, value)
        }
    }

    package var body: [UInt8]? {
        (try? Data(contentsOf: Repo.url(folder).appendingPathComponent("body.txt"))).map { [UInt8]($0) }
    }

    /// Every case under `testvectors/<relative>` (e.g. `tencent/tc3`), sorted by folder name.
    package static func all(_ relative: String) -> [VectorCase] {
        let base = "testvectors/" + relative
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Repo.url(base).path)) ?? []
        return names.sorted().compactMap { name in
            let folder = base + "/" + name
            guard let data = try? Data(contentsOf: Repo.url(folder).appendingPathComponent("case.json")),
                  let value = try? JSONParser.parse([UInt8](data)), let object = value.objectValue else { return nil }
            return VectorCase(folder: folder, json: object)
        }
    }
}
