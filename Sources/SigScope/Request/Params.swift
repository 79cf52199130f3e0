/// Moving parameters between the nested form of request files and the flat `Name.N.Sub`
/// form of query strings.
package enum Params {
    // MARK: - Flattening (nested -> wire)

    /// Flattens nested params into `name=value` pairs, lists numbered from `indexBase`
    /// (Tencent 0, Alibaba 1), objects joined with `.`; order follows the input.
    ///
    /// `{"Tag": [{"Key": "a"}]}` with base 1 gives `Tag.1.Key=a`. Nulls are dropped, as the SDKs drop unset fields.
    package static func flatten(_ params: JSONObject, indexBase: Int) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        for member in params {
            flatten(member.value, prefix: member.key, indexBase: indexBase, into: &out)
        }
        return out
    }

    private static func flatten(_ value: JSONValue, prefix: String, indexBase: Int, into out: inout [(name: String, value: String)]) {
        switch value {
        case .null:
            return
        case .array(let elements):
            for (i, element) in elements.enumerated() {
                flatten(element, prefix: prefix + "." + String(i + indexBase), indexBase: indexBase, into: &out)
            }
        case .object(let object):
            for member in object {
                flatten(member.value, prefix: prefix + "." + member.key, indexBase: indexBase, into: &out)
            }
        case .string, .number, .bool:
            out.append((prefix, value.scalarText ?? ""))
        }
    }

    // MARK: - Unflattening (wire -> nested)

    /// Turns top-level flat names (`Tag.1.Key`, `SecurityGroupIds.0`,
    /// `ConnectionTrackingConfiguration.UdpTimeout`) into nested lists and objects, merging
    /// with what is already nested. Numeric segments are list positions counted from `indexBase`.
    /// - Throws: `SigScopeError.invalidRequest` when an index is below the base, skips a
    ///   position, or a name is used both as a value and as a container.
    package static func unflatten(_ params: JSONObject, indexBase: Int, source: String) throws(SigScopeError) -> JSONObject {
        guard hasFlatNames(params) else { return params }
        return try merge(params.members.map { ($0.key, $0.value) }, into: JSONObject(), replace: false, indexBase: indexBase, source: source)
    }

    /// Whether a top-level name of `params` is flat (has a `.`), so `unflatten` changes them.
    package static func hasFlatNames(_ params: JSONObject) -> Bool {
        // A `.` is one UTF-8 byte: look for it on the bytes, not through Character search.
        params.members.contains(where: { $0.key.containsByte(UInt8(ascii: ".")) })
    }

    /// Assigns each `(name, value)` (flat or plain names) into `base`.
    /// - Parameter replace: true for command-line overrides (a later value replaces an
    ///   earlier one); false for a file, where the same name twice is an error.
    package static func merge(_ assignments: [(String, JSONValue)], into base: JSONObject, replace: Bool, indexBase: Int, source: String) throws(SigScopeError) -> JSONObject {
        var root = fromJSON(.object(base))
        for (name, value) in assignments {
            let segments = name.contains(".") ? name.split(separator: ".", omittingEmptySubsequences: false).map(String.init) : [name]
            if segments.contains(where: \.isEmpty) {
                throw SigScopeError(.invalidRequest, "parameter name \"\(name)\" has an empty segment", source: source)
            }
            try insert(value, at: segments[...], into: &root, fullName: name, replace: replace, indexBase: indexBase, source: source)
        }
        let value = try root.toJSON(path: "", indexBase: indexBase, source: source)
        return value.objectValue ?? base
    }

    /// `merge` of assignments that no file holds: an error is located by `subject`, the input
    /// that gave them (a param override, a translation's assignments), not by a file.
    package static func merge(_ assignments: [(String, JSONValue)], into base: JSONObject, replace: Bool, indexBase: Int, about subject: SigScopeError.Subject) throws(SigScopeError) -> JSONObject {
        do {
            return try merge(assignments, into: base, replace: replace, indexBase: indexBase, source: "")
        } catch {
            var located = error
            located.source = nil
            located.subject = subject
            throw located
        }
    }

    /// A node while building the nested form; lists are keyed by position until complete.
    private indirect enum Node {
        case leaf(JSONValue)
        case object([(String, Node)])
        case list([Int: Node])

        func toJSON(path: String, indexBase: Int, source: String) throws(SigScopeError) -> JSONValue {
            switch self {
            case .leaf(let value):
                return value
            case .object(let members):
                var object = JSONObject()
                for (key, node) in members {
                    object.members.append(JSONMember(key, try node.toJSON(path: path.isEmpty ? key : path + "." + key, indexBase: indexBase, source: source)))
                }
                return .object(object)
            case .list(let items):
                var elements: [JSONValue] = []
                for position in 0..<items.count {
                    guard let node = items[position] else {
                        let missing = position + indexBase
                        let given = items.keys.sorted().map { String($0 + indexBase) }.joined(separator: ", ")
                        throw SigScopeError(.invalidRequest, "\(path) lists positions \(given) but not \(missing); number list entries consecutively from \(indexBase)", source: source)
                    }
                    elements.append(try node.toJSON(path: path + "." + String(position + indexBase), indexBase: indexBase, source: source))
                }
                return .array(elements)
            }
        }
    }

    private static func fromJSON(_ value: JSONValue) -> Node {
        switch value {
        case .array(let elements):
            var items: [Int: Node] = [:]
            for (i, element) in elements.enumerated() { items[i] = fromJSON(element) }
            return .list(items)
        case .object(let object):
            return .object(object.members.map { ($0.key, fromJSON($0.value)) })
        default:
            return .leaf(value)
        }
    }

    private static func insert(_ value: JSONValue, at segments: ArraySlice<String>, into node: inout Node, fullName: String, replace: Bool, indexBase: Int, source: String) throws(SigScopeError) {
        guard let head = segments.first else {
            switch (node, value) {
            case (.object(let existing), .object(let incoming)) where !replace:
                var merged = Node.object(existing)
                for member in incoming {
                    try insert(member.value, at: [member.key][...], into: &merged, fullName: fullName + "." + member.key, replace: replace, indexBase: indexBase, source: source)
                }
                node = merged
            default:
                node = fromJSON(value)
            }
            return
        }
        let rest = segments.dropFirst()
        if let position = Int(head), head.allSatisfy(\.isASCII) {
            guard position >= indexBase else {
                throw SigScopeError(.invalidRequest, "\"\(fullName)\": list positions start at \(indexBase) for this provider", source: source)
            }
            var items: [Int: Node]
            switch node {
            case .list(let existing): items = existing
            case .object(let members) where members.isEmpty: items = [:]
            case .leaf where replace: items = [:]
            default:
                throw SigScopeError(.invalidRequest, "\"\(fullName)\" numbers a list entry, but that name is already given as a value", source: source)
            }
            var child = items[position - indexBase] ?? .object([])
            try insert(value, at: rest, into: &child, fullName: fullName, replace: replace, indexBase: indexBase, source: source)
            items[position - indexBase] = child
            node = .list(items)
        } else {
            if replace, case .leaf = node { node = .object([]) }
            if replace, case .list = node { node = .object([]) }
            guard case .object(var members) = node else {
                throw SigScopeError(.invalidRequest, "\"\(fullName)\" goes inside a name that is already given as a value or a list", source: source)
            }
            if let index = members.firstIndex(where: { $0.0 == head }) {
                var child = members[index].1
                if rest.isEmpty, !replace, case .leaf = child {
                    throw SigScopeError(.invalidRequest, "\"\(fullName)\" is given twice", source: source)
                }
                try insert(value, at: rest, into: &child, fullName: fullName, replace: replace, indexBase: indexBase, source: source)
                members[index].1 = child
            } else {
                var child = Node.object([])
                try insert(value, at: rest, into: &child, fullName: fullName, replace: replace, indexBase: indexBase, source: source)
                members.append((head, child))
            }
            node = .object(members)
        }
    }

    // MARK: - Command-line values

    /// Interprets the VALUE of `--param NAME=VALUE`: JSON when it is a JSON number, boolean,
    /// null, array, object or quoted string; otherwise the text itself as a string.
    ///
    /// `Count=1` gives the number 1, `Primary=true` a boolean, `Ids=["sg-1"]` a list,
    /// `Name=demo` the string `demo`, and `Name='"123"'` the string `123`.
    package static func commandLineValue(_ text: String) -> JSONValue {
        guard let first = text.unicodeScalars.first else { return .string("") }
        let jsonStarts: Set<Unicode.Scalar> = ["{", "[", "\"", "-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "t", "f", "n"]
        guard jsonStarts.contains(first), let value = try? JSONParser.parse(text, limits: .request) else {
            return .string(text)
        }
        return value
    }
}
