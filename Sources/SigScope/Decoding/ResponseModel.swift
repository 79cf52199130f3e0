/// The type a field has in a provider's response model.
indirect enum ResponseFieldType: Sendable {
    /// A string (`String` in the provider's model).
    case string
    /// An integer (`Integer`, `Long`).
    case integer
    /// A boolean.
    case boolean
    /// A nested structure.
    case object(ResponseObjectModel)
    /// A list. `wrapper` is Alibaba's singular element name: the JSON
    /// `"SecurityGroupIds": {"SecurityGroupId": [...]}` and the XML
    /// `<SecurityGroupIds><SecurityGroupId>…` both become a plain array.
    case list(ResponseFieldType, wrapper: String?)
}

/// The fields of one structure of a response model, in the model's order.
struct ResponseObjectModel: Sendable {
    let name: String
    let fields: [(name: String, type: ResponseFieldType)]
    private let types: [String: ResponseFieldType]

    init(_ name: String, _ fields: [(String, ResponseFieldType)]) {
        self.name = name
        self.fields = fields.map { (name: $0.0, type: $0.1) }
        var types: [String: ResponseFieldType] = [:]
        for field in fields { types[field.0] = field.1 }
        self.types = types
    }

    func type(of field: String) -> ResponseFieldType? { types[field] }

    /// The position of `field` in `fields`, looked for from `hint` on (then from the start): a
    /// response gives its members in the model's order, so the field after the last one found
    /// is nearly always the next one, and hashing every member's name (310,000 of them in a
    /// page of 10,000 ENIs) cost a tenth of a decode. Names are compared by length first.
    func position(of field: String, from hint: Int) -> Int? {
        let length = field.utf8.count
        var i = hint < fields.count ? hint : 0
        for _ in 0..<fields.count {
            if fields[i].name.utf8.count == length, fields[i].name == field { return i }
            i += 1
            if i == fields.count { i = 0 }
        }
        return nil
    }

    var fieldNames: [String] { fields.map(\.name) }
}

/// Applies a response model to a raw field tree: gives values the model's types (also when
/// they came from XML, where everything is text), unwraps Alibaba's wrapped lists, and
/// keeps fields the model does not know, unchanged.
///
/// A value that cannot take the model's type is kept as it came, with a note, rather than
/// dropped or turned into something it is not.
///
/// A value that already has its type is not copied: the typed tree shares every object and
/// list in which nothing changed with the tree it came from (a Tencent JSON response, already
/// typed, comes back as it went in), so typing a large response neither doubles its memory nor
/// frees a whole tree afterwards.
struct ResponseTyping {
    /// Values that did not fit the model, for the report.
    var notes: [String] = []
    /// Alibaba: also unwrap `{"Xs": {"X": [...]}}` lists the model does not know, by the
    /// providers' plural naming convention.
    let unwrapConventionalLists: Bool
    /// Where the value being typed is: the path given to `object` and the members and list
    /// positions below it. Made into text only when a note is written.
    private var base = ""
    private var trail: [PathStep] = []

    private enum PathStep {
        case member(String)
        case index(Int)
    }

    init(unwrapConventionalLists: Bool) {
        self.unwrapConventionalLists = unwrapConventionalLists
    }

    /// Types `object`'s members; members the model lacks pass through `generic`. `path` names
    /// `object` in notes (`""` for the top level).
    mutating func object(_ object: JSONObject, model: ResponseObjectModel, path: String) -> JSONObject {
        base = path
        trail.removeAll(keepingCapacity: true)
        return retyped(object, model: model) ?? object
    }

    /// The typed object, or nil when `object` already is it.
    private mutating func retyped(_ object: JSONObject, model: ResponseObjectModel) -> JSONObject? {
        // Made (a copy of `object`'s members) at the first member that changes.
        var members: [JSONMember]?
        var hint = 0
        for (i, member) in object.members.enumerated() {
            let replacement: JSONValue?
            if let position = model.position(of: member.key, from: hint) {
                hint = position + 1
                trail.append(.member(member.key))
                replacement = retyped(member.value, type: model.fields[position].type)
                trail.removeLast()
            } else {
                replacement = retypedGeneric(member.value, key: member.key)
            }
            if let replacement {
                if members == nil { members = object.members }
                members?[i].value = replacement
            }
        }
        return members.map { JSONObject($0) }
    }

    /// The typed value, or nil when `value` already is it.
    private mutating func retyped(_ value: JSONValue, type: ResponseFieldType) -> JSONValue? {
        if case .null = value { return nil }
        switch type {
        case .string:
            switch value {
            case .string: return nil
            case .number(let literal): return .string(literal)
            case .bool(let flag):
                note("a boolean where the model has a string; shown as text")
                return .string(flag ? "true" : "false")
            default:
                note("\(value.typeName) where the model has a string; kept as it is")
                return retypedGeneric(value, key: nil)
            }
        case .integer:
            switch value {
            case .number(let literal):
                if Self.integerLiteral(literal) != nil { return nil }
                note("the number \(literal) is not an integer as the model says; kept as it is")
                return nil
            case .string(let text):
                let trimmed = text.trimmingASCIIWhitespace()
                if trimmed.isEmpty { return .null }
                if let literal = Self.integerLiteral(trimmed) { return .number(literal) }
                note("\"\(text)\" is not an integer as the model says; kept as text")
                return nil
            default:
                note("\(value.typeName) where the model has an integer; kept as it is")
                return retypedGeneric(value, key: nil)
            }
        case .boolean:
            switch value {
            case .bool: return nil
            case .string(let text):
                let trimmed = text.trimmingASCIIWhitespace().lowercased()
                if trimmed == "true" { return .bool(true) }
                if trimmed == "false" { return .bool(false) }
                if trimmed.isEmpty { return .null }
                note("\"\(text)\" is not a boolean as the model says; kept as text")
                return nil
            default:
                note("\(value.typeName) where the model has a boolean; kept as it is")
                return retypedGeneric(value, key: nil)
            }
        case .object(let model):
            switch value {
            case .object(let object): return retyped(object, model: model).map { .object($0) }
            case .string(let text) where text.trimmingASCIIWhitespace().isEmpty:
                // An empty XML element: no structure.
                return .null
            default:
                note("\(value.typeName) where the model has a \(model.name) structure; kept as it is")
                return retypedGeneric(value, key: nil)
            }
        case .list(let element, let wrapper):
            let items: [JSONValue]
            // Whether `value` is already the plain array `items`.
            var isArray = false
            switch value {
            case .array(let array):
                items = array
                isArray = true
            case .object(let object) where object.isEmpty:
                items = []
            case .object(let object) where wrapper != nil && object.count == 1 && object.members[0].key == wrapper:
                let inner = object.members[0].value
                if case .array(let array) = inner {
                    items = array
                } else if case .null = inner {
                    items = []
                } else {
                    items = [inner]
                }
            case .string(let text) where text.trimmingASCIIWhitespace().isEmpty:
                // An empty XML element such as <Ipv6Sets/>: an empty list.
                items = []
            default:
                note("\(value.typeName) where the model has a list\(wrapper.map { " of <\($0)>" } ?? ""); kept as it is")
                return retypedGeneric(value, key: nil)
            }
            // Made (a copy of `items`) at the first element that changes.
            var typed: [JSONValue]?
            for (i, item) in items.enumerated() {
                trail.append(.index(i))
                let replacement = retyped(item, type: element)
                trail.removeLast()
                if let replacement {
                    if typed == nil { typed = items }
                    typed?[i] = replacement
                }
            }
            if let typed { return .array(typed) }
            return isArray ? nil : .array(items)
        }
    }

    /// A value outside the model: unchanged, except that Alibaba's conventionally wrapped
    /// lists (`Regions` holding only `Region` elements) become plain arrays.
    func generic(_ value: JSONValue, key: String?) -> JSONValue {
        retypedGeneric(value, key: key) ?? value
    }

    /// What `generic` makes of `value`, or nil when that is `value` itself.
    private func retypedGeneric(_ value: JSONValue, key: String?) -> JSONValue? {
        guard unwrapConventionalLists else { return nil }
        switch value {
        case .object(let object):
            if let key, object.count == 1, Self.isPlural(key, of: object.members[0].key) {
                let inner = object.members[0].value
                let items: [JSONValue]
                if case .array(let array) = inner { items = array } else { items = [inner] }
                return .array(items.map { generic($0, key: nil) })
            }
            var members: [JSONMember]?
            for (i, member) in object.members.enumerated() {
                if let replacement = retypedGeneric(member.value, key: member.key) {
                    if members == nil { members = object.members }
                    members?[i].value = replacement
                }
            }
            return members.map { .object(JSONObject($0)) }
        case .array(let array):
            var items: [JSONValue]?
            for (i, item) in array.enumerated() {
                if let replacement = retypedGeneric(item, key: nil) {
                    if items == nil { items = array }
                    items?[i] = replacement
                }
            }
            return items.map { .array($0) }
        default:
            return nil
        }
    }

    /// Records `text` about the value being typed, named by its path.
    private mutating func note(_ text: String) {
        var path = base
        for step in trail {
            switch step {
            case .member(let key): path = path.isEmpty ? key : path + "." + key
            case .index(let i): path += "[\(i)]"
            }
        }
        notes.append("\(path): \(text)")
    }

    /// `Tags`/`Tag`, `Addresses`/`Address`, `Policies`/`Policy`.
    static func isPlural(_ parent: String, of child: String) -> Bool {
        guard !child.isEmpty else { return false }
        if parent == child + "s" || parent == child + "es" { return true }
        if child.hasSuffix("y"), parent == child.dropLast() + "ies" { return true }
        return false
    }

    /// The canonical JSON literal of an integer written as `text` (sign, digits, leading
    /// zeros dropped); nil when `text` is not an integer.
    static func integerLiteral(_ text: String) -> String? {
        // Most literals are canonical already (every JSON integer but -0): said so from the bytes,
        // without making a new string (this was a tenth of typing a large response).
        let canonical = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            var i = 0
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") { return nil }
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            let first = i
            guard i < bytes.count else { return false }
            while i < bytes.count {
                guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else { return false }
                i += 1
            }
            // A leading zero (`007`, `-0`) is dropped in the general way below.
            if bytes[first] == 0x30 && (bytes.count - first > 1 || first == 1) { return nil }
            return true
        }
        switch canonical {
        case true?: return text
        case false?: return nil
        default: break
        }
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" { negative = true; digits = digits.dropFirst() } else if digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let stripped = digits.drop { $0 == "0" }
        let body = stripped.isEmpty ? "0" : String(stripped)
        return (negative && body != "0" ? "-" : "") + body
    }
}

// MARK: - XML as a raw field tree

extension XMLTreeElement {
    /// The element as an untyped field tree, the shape a JSON body of the same response has:
    /// an element with children becomes an object (children repeated under one name become
    /// an array), an element with only text becomes that string, attributes become
    /// `@name` members and text beside child elements `#text`.
    var rawFieldTree: JSONValue {
        if children.isEmpty && attributes.isEmpty { return .string(text) }
        var members: [JSONMember] = []
        members.reserveCapacity(attributes.count + children.count)
        for attribute in attributes {
            members.append(JSONMember("@" + attribute.name, .string(attribute.value)))
        }
        // Group children by name in order of first appearance (linear: a list of 10,000
        // elements must not be copied 10,000 times). A few distinct names are found by looking
        // through them, lengths first; hashing every child's name cost more. Past 16 names a
        // dictionary takes over, so many distinct names stay linear too.
        var groups: [[JSONValue]] = []
        var names: [String] = []
        var positions: [String: Int]?
        for child in children {
            let value = child.rawFieldTree
            let position: Int?
            if let positions {
                position = positions[child.name]
            } else {
                let length = child.name.utf8.count
                position = names.indices.first { names[$0].utf8.count == length && names[$0] == child.name }
            }
            if let position {
                groups[position].append(value)
            } else {
                positions?[child.name] = groups.count
                names.append(child.name)
                groups.append([value])
                if positions == nil, names.count > 16 {
                    positions = Dictionary(uniqueKeysWithValues: zip(names, names.indices))
                }
            }
        }
        for (name, values) in zip(names, groups) {
            members.append(JSONMember(name, values.count == 1 ? values[0] : .array(values)))
        }
        if !text.isEmpty, !text.allSatisfy({ $0.isWhitespace }) {
            members.append(JSONMember("#text", .string(text)))
        }
        return .object(JSONObject(members))
    }
}

// MARK: - Reading typed values back

extension JSONObject {
    /// The string member `key`, nil when absent, null or not a string.
    func typedString(_ key: String) -> String? { self[key]?.stringValue }

    /// The integer member `key`, nil when absent, null or not an integer.
    func typedInteger(_ key: String) -> Int64? {
        if case .number(let literal)? = self[key] { return Int64(literal) }
        return nil
    }

    /// The boolean member `key`, nil when absent, null or not a boolean.
    func typedBool(_ key: String) -> Bool? {
        if case .bool(let flag)? = self[key] { return flag }
        return nil
    }

    /// The list member `key` of strings (other elements skipped); empty when absent.
    func typedStrings(_ key: String) -> [String] {
        (self[key]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The list member `key` of structures (other elements skipped); empty when absent.
    func typedObjects(_ key: String) -> [JSONObject] {
        (self[key]?.arrayValue ?? []).compactMap(\.objectValue)
    }

    /// The members whose names `model` does not know, in order.
    func unknownMembers(_ model: ResponseObjectModel) -> JSONObject {
        JSONObject(members.filter { model.type(of: $0.key) == nil })
    }
}
