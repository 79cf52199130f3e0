/// A JSON value that keeps what signing depends on: object member order and the exact
/// literal text of numbers (`1`, `1.0` and `1e0` stay distinct).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number, as the literal text that appeared in the input (already validated).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The value as a string, if it is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The object, if this is one.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The array, if this is one.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// True for null or the empty string: the values a required parameter may not be.
    var isNullOrEmptyString: Bool {
        switch self {
        case .null: return true
        case .string(let s): return s.isEmpty
        default: return false
        }
    }

    /// The JSON type name used in messages: `string`, `number`, `boolean`, `array`, `object`, `null`.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Member lookup for objects; nil for other values or a missing key.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The text a scalar stands for on a query string or form: strings as they are, numbers
    /// as their literal, booleans as `true`/`false`, null as the empty string; nil for containers.
    public var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        case .array, .object: return nil
        }
    }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A JSON object whose members keep their input order.
public struct JSONObject: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public var members: [JSONMember]

    public init(_ members: [JSONMember] = []) {
        self.members = members
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.members = elements.map { JSONMember($0.0, $0.1) }
    }

    public var isEmpty: Bool { members.isEmpty }
    public var count: Int { members.count }
    public var keys: [String] { members.map(\.key) }

    /// The value of the last member named `key` (JSON's usual "last one wins"); setting
    /// replaces that member in place, or appends a new one; setting nil removes every member named `key`.
    public subscript(key: String) -> JSONValue? {
        get {
            // Lengths first (a string keeps its UTF-8 count): only a same-length name is compared.
            let length = key.utf8.count
            for i in members.indices.reversed() where members[i].key.utf8.count == length && members[i].key == key {
                return members[i].value
            }
            return nil
        }
        set {
            if let newValue {
                if let index = members.lastIndex(where: { $0.key == key }) {
                    members[index].value = newValue
                } else {
                    members.append(JSONMember(key, newValue))
                }
            } else {
                members.removeAll { $0.key == key }
            }
        }
    }

    public func makeIterator() -> IndexingIterator<[JSONMember]> {
        members.makeIterator()
    }
}
