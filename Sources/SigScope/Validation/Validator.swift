/// Checks a request against its action's documented parameter rules, offline, and reports
/// every problem at once with the error code the provider's server would answer.
public enum Validator {
    /// The code of the warning given for an action sigscope has no rules for. It is
    /// sigscope's own code, not a server's: such requests are still signed as given.
    public static let noRulesCode = "NoParameterRules"

    /// Validates `request`.
    ///
    /// For an action in `RuleBook` every parameter is checked against its rules (type,
    /// requiredness, length, format, range, list size, uniqueness, rules across parameters);
    /// any other action is valid with one warning that no parameter rules are known for it.
    public static func validate(_ request: APIRequest) -> ValidationReport {
        guard let rules = RuleBook.rules(for: request.provider, action: request.action) else {
            return noRules(request)
        }
        return walk(request, rules: rules)
    }

    /// Validates `request` with `rules` when they are its action's (a batch worker passes its
    /// own copy of them, see `ActionRules.isolatedCopy()`), else as `validate(_:)` does.
    package static func validate(_ request: APIRequest, rules: ActionRules?) -> ValidationReport {
        guard let rules, rules.provider == request.provider, rules.action == request.action else {
            return validate(request)
        }
        return walk(request, rules: rules)
    }

    private static func walk(_ request: APIRequest, rules: ActionRules) -> ValidationReport {
        var walker = Walker(rules: rules)
        walker.run(request)
        return walker.report(for: request)
    }

    private static func noRules(_ request: APIRequest) -> ValidationReport {
        let known = RuleBook.all.filter { $0.provider == request.provider }.map(\.action)
        var message = "sigscope has no parameter rules for the \(request.provider.displayName) action \"\(request.action)\", so its parameters are not checked; it is still signed as given."
        if let close = known.first(where: { $0.lowercased() == request.action.lowercased() }) {
            message += " Did you mean \(close)? Action names are case-sensitive."
        } else if !known.isEmpty {
            message += " Rules are known for: \(known.joined(separator: ", "))."
        }
        return ValidationReport(provider: request.provider, action: request.action,
                                warnings: [Finding(code: noRulesCode, path: "Action", message: message)])
    }
}

// MARK: - The engine

/// Walks a request's parameters along an action's `ParameterSpec`s, collecting findings.
struct Walker {
    let rules: ActionRules
    /// A finding and what kind of check made it, so a warning that merely repeats a violation
    /// of the same kind (60 bytes after 60 characters, `Acs:` after `acs:`) can be left out.
    struct Emitted {
        let finding: Finding
        let topic: String
    }
    private(set) var violations: [Emitted] = []
    private(set) var warnings: [Emitted] = []

    init(rules: ActionRules) {
        self.rules = rules
        // Room for a path as deep as the rules go, so descending allocates once, not at each level.
        trail.reserveCapacity(8)
    }

    var style: PathStyle { rules.pathStyle }

    mutating func run(_ request: APIRequest) {
        if (request.region ?? "").isEmpty {
            switch rules.regionRequirement {
            case .optional: break
            case .required:
                emit(.violation, rules.codes.missing, "Region", "Region is required: give the request a region\(aside: .region); it is sent as the X-TC-Region header.")
            case .disputed(_, let note):
                emit(.warning, rules.codes.missing, "Region", "Region is not given. " + note)
            }
        }
        checkStructure(request.params, members: rules.parameters, topLevel: true)
        // By index: a copy of each rule would retain its strings and lists.
        let crossRules = rules.crossRules
        for i in crossRules.indices {
            checkCross(crossRules[i], in: request.params)
        }
    }

    /// The report, with repeated findings and warnings that repeat a violation of the same
    /// kind on the same path with the same code left out.
    func report(for request: APIRequest) -> ValidationReport {
        func key(_ e: Emitted) -> String { [e.finding.path, e.finding.code, e.topic].joined(separator: "\u{0}") }
        var seen: Set<Finding> = []
        let violations = self.violations.filter { seen.insert($0.finding).inserted }
        let violated = Set(violations.map(key))
        let warnings = self.warnings.filter { !violated.contains(key($0)) && seen.insert($0.finding).inserted }
        return ValidationReport(provider: request.provider, action: request.action,
                                violations: violations.map(\.finding), warnings: warnings.map(\.finding))
    }

    // MARK: - Findings

    mutating func emit(_ severity: Severity, _ code: String, _ path: String, _ message: String, note: String? = nil, topic: String = "") {
        let text = note.map { message + " " + $0 } ?? message
        emit(severity, Finding(code: code, path: path, message: text), topic: topic)
    }

    mutating func emit(_ severity: Severity, _ code: String, _ path: String, _ message: SigScopeMessage) {
        emit(severity, Finding(code: code, path: path, text: message), topic: "")
    }

    mutating func emit(_ severity: Severity, _ finding: Finding, topic: String) {
        let emitted = Emitted(finding: finding, topic: topic)
        switch severity {
        case .violation: violations.append(emitted)
        case .warning: warnings.append(emitted)
        }
    }

    mutating func emit(_ rule: Rule, _ path: String, _ message: String) {
        emit(rule.severity, rule.code, path, message, note: rule.note, topic: rule.check.topic)
    }

    // MARK: - Paths

    /// One step from a value to a member or list entry inside it.
    enum PathStep {
        case member(String)
        case index(Int)
    }

    /// The steps from the params to the value being checked. Its text (`Tags[0].Key`) is made
    /// only when a finding needs it: most values have none, and a path per value was about a
    /// twentieth of a batch line's time.
    var trail: [PathStep] = []

    /// The path of the value being checked.
    var path: String { render(trail[...]) }

    /// The path of the value that contains the one being checked.
    var parentPath: String { render(trail.dropLast()) }

    /// The current path followed by `steps`.
    func path(_ steps: PathStep...) -> String {
        render(trail[...] + steps)
    }

    func render<Steps: Collection<PathStep>>(_ steps: Steps) -> String {
        var text = ""
        for step in steps {
            switch step {
            case .member(let name): text = member(text, name)
            case .index(let position): text = index(text, position)
            }
        }
        return text
    }

    func member(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : TextBuilder.join(path, ".", name)
    }

    func index(_ path: String, _ position: Int) -> String {
        switch style {
        case .brackets: return TextBuilder.join(path, "[", String(position), "]")
        case .flat: return TextBuilder.join(path, ".", String(position + 1))
        }
    }

    /// Checks with `step` added to the path, and takes it off again.
    mutating func within(_ step: PathStep, _ check: (inout Walker) -> Void) {
        trail.append(step)
        check(&self)
        trail.removeLast()
    }

    /// How a parameter is named in prose: lists as `Tag.N` for Alibaba.
    func prose(_ name: String, spec: ParameterSpec?) -> String {
        if let spec, case .list = spec.type { return style.listName(name) }
        return name
    }

    // MARK: - Structures

    mutating func checkStructure(_ object: JSONObject, members: [ParameterSpec], topLevel: Bool) {
        // Names are counted (hashed) only when some name is repeated, which a pairwise look finds cheaply.
        var counts: [String: Int] = [:]
        if Self.hasRepeatedKey(object) {
            for key in object.keys { counts[key, default: 0] += 1 }
        }
        // Which member last gave each spec (last one wins, as `object[name]` reads it), kept on the
        // stack: the pass over required specs below then looks no name up again.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: members.count) { lastGiven in
            lastGiven.initialize(repeating: -1)
            checkMembers(object, members: members, topLevel: topLevel, counts: counts, lastGiven: lastGiven)
            checkRequired(object, members: members, lastGiven: lastGiven)
        }
    }

    /// The members given: each checked against its spec, or reported unknown or repeated.
    /// Records in `lastGiven` the index of the last member that names each spec.
    private mutating func checkMembers(_ object: JSONObject, members: [ParameterSpec], topLevel: Bool, counts: [String: Int],
                                       lastGiven: UnsafeMutableBufferPointer<Int>) {
        var reported: Set<String> = []
        // Members are read in place by index: a copy of each would retain its key and value.
        let given = object.members
        for m in given.indices {
            let name = given[m].key
            if let times = counts[name], times > 1, reported.insert(name).inserted {
                let memberPath = path(.member(name))
                emit(.warning, rules.codes.type, memberPath, "\(memberPath) is given \(times) times; give it once (only one of the values is used).")
            }
            // The spec is used in place (by index): copying a ParameterSpec retains a dozen fields.
            // Name keys first (integers): comparing strings costs far more.
            let key = NameKey(name)
            if let specIndex = Self.index(of: name, key: key, in: members) {
                lastGiven[specIndex] = m
                if case .null = given[m].value { continue }
                within(.member(name)) { $0.checkValue(given[m].value, spec: members[specIndex]) }
            } else if topLevel, let common = rules.commonParameters.first(where: { $0.name == name }) {
                emit(.warning, rules.codes.unknown, path(.member(name)), "\(name) is a common parameter, not a parameter of \(rules.action): \(common.advice)" as SigScopeMessage)
            } else if reported.insert("\u{0}" + name).inserted {
                within(.member(name)) { $0.unknown(name, members: members) }
            }
        }
    }

    /// The required (and disputed) specs that no member gives, or gives as null or empty.
    private mutating func checkRequired(_ object: JSONObject, members: [ParameterSpec], lastGiven: UnsafeMutableBufferPointer<Int>) {
        for specIndex in members.indices {
            // Optional parameters have nothing to check here: skip them before any lookup or path.
            if members[specIndex].isOptional { continue }
            let at = lastGiven[specIndex]
            // A value given (not null, not empty) has nothing to report: decided in place, since
            // copying the spec and its requirement retains their fields and most are given.
            if at >= 0, !object.members[at].value.isNullOrEmptyString { continue }
            let spec = members[specIndex]
            let value = at < 0 ? nil : object.members[at].value
            var memberPath: String { path(.member(spec.name)) }
            let absent: Bool
            if let value, value != .null { absent = false } else { absent = true }
            switch spec.requirement {
            case .optional:
                continue
            case .required:
                if absent {
                    let what = value == .null ? "given as null" : "not given"
                    let about = spec.summary.isEmpty ? "" : " (\(spec.summary))"
                    emit(.violation, rules.codes.missing, memberPath, "\(prose(memberPath, spec: spec)) is required but \(what)\(about).")
                } else if case .string = spec.type, let text = value?.scalarText, text.isEmpty, !spec.rules.contains(where: \.setsMinimumLength) {
                    emit(.warning, rules.codes.missing, memberPath, "\(memberPath) is required and given as an empty string; servers usually treat an empty required parameter as missing (the API documentation does not say).")
                }
            case .disputed(_, let note):
                if absent {
                    emit(.warning, rules.codes.missing, memberPath, "\(memberPath) is not given. " + note)
                }
            }
        }
    }

    /// The index of the spec named `name` (whose key is `key`) in `members`. The specs are read
    /// through the buffer, not handed to a closure one by one: each hand-over retained and
    /// released a spec, for every spec looked at, for every member given.
    static func index(of name: String, key: NameKey, in members: [ParameterSpec]) -> Int? {
        members.withUnsafeBufferPointer { specs in
            for i in specs.indices where specs[i].hasName(name, key: key) { return i }
            return nil
        }
    }

    /// True when two members of `object` share a name.
    static func hasRepeatedKey(_ object: JSONObject) -> Bool {
        let members = object.members
        guard members.count > 1 else { return false }
        if members.count > 16 { return Set(members.map(\.key)).count != members.count }
        // Byte counts first: two names of different lengths cannot be equal, and counting is free.
        for i in 1..<members.count {
            let length = members[i].key.utf8.count
            for j in 0..<i where members[j].key.utf8.count == length && members[i].key == members[j].key { return true }
        }
        return false
    }

    mutating func unknown(_ name: String, members: [ParameterSpec]) {
        let path = self.path
        let parent = parentPath
        let names = members.map(\.name)
        var message = parent.isEmpty
            ? "\(name) is not a parameter of \(rules.provider.displayName) \(rules.action)"
            : "\(path) is not a field of \(parent)"
        if let suggestion = Suggest.closest(to: name, in: names) {
            let caseOnly = suggestion.lowercased() == name.lowercased()
            message += "; did you mean \(suggestion)?" + (caseOnly ? " Parameter names are case-sensitive." : "")
        } else if !parent.isEmpty || names.count <= 12 {
            message += "; the \(parent.isEmpty ? "parameters" : "fields") are \(names.joined(separator: ", "))."
        } else {
            message += "; it is none of the \(names.count) documented parameters."
        }
        emit(.violation, rules.codes.unknown, path, message)
    }

    // MARK: - Values

    mutating func checkValue(_ value: JSONValue, spec: ParameterSpec) {
        // Few parameters are discouraged: the rules are only walked for those that are.
        if spec.hasDiscouragedRule {
            for rule in spec.rules {
                if case .discouraged(let reason) = rule.check {
                    emit(rule, path, "\(path) \(reason)")
                }
            }
        }
        switch spec.type {
        case .string:
            guard let text = stringValue(value, spec: spec) else { return }
            checkText(text, spec: spec)
        case .scalar:
            guard let text = value.scalarText, value.arrayValue == nil, value.objectValue == nil else {
                typeMismatch(value, spec: spec)
                return
            }
            checkText(text, spec: spec)
        case .integer:
            guard let integer = integerValue(value, spec: spec) else { return }
            checkInteger(integer, spec: spec)
        case .boolean:
            _ = booleanValue(value, spec: spec, report: true)
        case .list(let element):
            guard let elements = value.arrayValue else {
                typeMismatch(value, spec: spec)
                return
            }
            checkList(elements, spec: spec, phase: .size)
            // Entries are read in place by index: a copy of each would retain what it holds.
            for i in elements.indices {
                if case .null = elements[i] {
                    let itemPath = path(.index(i))
                    emit(.violation, rules.codes.type, itemPath, "\(itemPath) is null; a list entry must be \(element.type.phrase).")
                    continue
                }
                within(.index(i)) { $0.checkValue(elements[i], spec: element) }
            }
            checkList(elements, spec: spec, phase: .entries)
        case .structure(let members):
            guard let object = value.objectValue else {
                typeMismatch(value, spec: spec)
                return
            }
            checkStructure(object, members: members, topLevel: false)
        }
    }

    /// `U+00F6`.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let s):
            let shown = s.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(s.unicodeScalars.prefix(40))) + "…" : s
            return "the string \"\(shown)\""
        case .number(let n): return "the number \(n)"
        case .bool(let b): return "the boolean \(b)"
        case .array: return "a list"
        case .object: return "an object"
        case .null: return "null"
        }
    }

    mutating func typeMismatch(_ value: JSONValue, spec: ParameterSpec) {
        let path = self.path
        var message = "\(path) must be \(spec.type.phrase); found \(Self.describe(value))."
        switch (spec.type, value) {
        case (.list, .string), (.list, .number), (.list, .bool):
            message += rules.dialect == .json
                ? " Write it as a list: [\(JSONWriter.compact.string(value))]."
                : " Give it as a list ([…] or \(path).1=…)."
        case (.string, .array), (.scalar, .array), (.integer, .array), (.boolean, .array):
            message += rules.dialect == .text
                ? " On the wire it would be sent as \(path).1, \(path).2, …, which the API does not have."
                : " Give a single value."
        default:
            break
        }
        emit(.violation, rules.codes.type, path, message)
    }

    /// The text of a String parameter, or nil after reporting a type mismatch.
    mutating func stringValue(_ value: JSONValue, spec: ParameterSpec) -> String? {
        switch (rules.dialect, value) {
        case (_, .string(let s)):
            return s
        case (.text, .number), (.text, .bool):
            return value.scalarText
        default:
            typeMismatch(value, spec: spec)
            return nil
        }
    }

    /// An integer's text and value (clamped to the Int64 range), or nil after reporting.
    struct IntegerValue {
        let text: String
        let value: Int64
        /// Whether the digits fit the 64-bit Integer the servers decode (`value` is then exact).
        let fits: Bool
    }

    static func integerText(_ text: String) -> IntegerValue? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let exact = Int64(text)
        return IntegerValue(text: text, value: exact ?? (negative ? Int64.min : Int64.max), fits: exact != nil)
    }

    /// An Integer parameter's value, or nil after reporting: digits beyond the 64-bit range are
    /// not the number the user wrote once the server has decoded them, so they are a violation.
    mutating func integerValue(_ value: JSONValue, spec: ParameterSpec) -> IntegerValue? {
        guard let integer = integerDigits(value, spec: spec) else { return nil }
        guard integer.fits else {
            emit(.violation, rules.codes.type, path, "\(path) is \(integer.text), which does not fit the 64-bit Integer the server reads (\(Int64.min) to \(Int64.max)).")
            return nil
        }
        return integer
    }

    private mutating func integerDigits(_ value: JSONValue, spec: ParameterSpec) -> IntegerValue? {
        switch (rules.dialect, value) {
        case (.json, .number(let literal)):
            if let integer = Self.integerText(literal) { return integer }
            emit(.violation, rules.codes.type, path, "\(path) must be an Integer; found the number \(literal), which is not a whole number written without a fraction or exponent.")
            return nil
        case (.json, .string(let s)):
            if let integer = Self.integerText(s) {
                emit(.warning, rules.codes.type, path, "\(path) is the string \"\(s)\" but its type is Integer; the server accepts it (the official example sends a count this way), but send the number \(s).")
                return integer
            }
            typeMismatch(value, spec: spec)
            return nil
        case (.text, .string), (.text, .number), (.text, .bool):
            let text = value.scalarText ?? ""
            if let integer = Self.integerText(text) { return integer }
            emit(.violation, rules.codes.type, path, "\(path) must be an Integer (decimal digits on the wire); found \(Self.describe(value)).")
            return nil
        default:
            typeMismatch(value, spec: spec)
            return nil
        }
    }

    /// A Boolean's value; reports mismatches when `report` is true.
    mutating func booleanValue(_ value: JSONValue, spec: ParameterSpec?, report: Bool) -> Bool? {
        switch (rules.dialect, value) {
        case (_, .bool(let b)):
            return b
        case (.json, .string(let s)) where s == "true" || s == "false":
            if report {
                emit(.warning, rules.codes.type, path, "\(path) is the string \"\(s)\" but its type is Boolean; the server accepts it (the official example sends \"Primary\": \"true\"), but send \(s) without quotes.")
            }
            return s == "true"
        case (.text, .string(let s)) where s == "true" || s == "false":
            return s == "true"
        case (.text, .string(let s)) where s.lowercased() == "true" || s.lowercased() == "false":
            if report {
                emit(.warning, rules.codes.type, path, "\(path) is \"\(s)\"; the documented Boolean values are true and false, and whether the server accepts other capitalizations (the Python SDK sends True/False) is not confirmed. Send \(s.lowercased()).")
            }
            return s.lowercased() == "true"
        default:
            if report, let spec {
                if rules.dialect == .text, value.arrayValue == nil, value.objectValue == nil {
                    emit(.violation, rules.codes.type, path, "\(path) must be a Boolean (true or false); found \(Self.describe(value)).")
                } else {
                    typeMismatch(value, spec: spec)
                }
            }
            return nil
        }
    }

    // MARK: - Constraints

    mutating func checkText(_ text: String, spec: ParameterSpec) {
        // A text refused for a forbidden prefix (`http://`) is not also reported for the
        // characters of that prefix.
        var prefixRefused = false
        let rules = spec.rules
        for r in rules.indices {
            let rule = rules[r]
            switch rule.check {
            case .length(let min, let max, let unit):
                // An ASCII text has one scalar per byte: no decoding to count them.
                let scalars = text.isASCIIText ? text.utf8.count : text.unicodeScalars.count
                let count = unit == .characters ? scalars : text.utf8.count
                let unitName = unit == .characters ? (count == 1 ? "character" : "characters") : (count == 1 ? "byte" : "bytes")
                let detail = unit == .utf8Bytes && scalars != count ? " in UTF-8 (\(scalars) characters)" : ""
                if let min, let max, count < min || count > max {
                    emit(rule, path, "\(path) is \(count) \(unitName) long\(detail); it must be \(min) to \(max) \(unit.rawValue) long.")
                } else if let max, count > max {
                    emit(rule, path, "\(path) is \(count) \(unitName) long\(detail); at most \(max) \(unit.rawValue) are allowed.")
                } else if let min, count < min {
                    emit(rule, path, "\(path) is \(count) \(unitName) long\(detail); at least \(min) \(min == 1 ? String(unit.rawValue.dropLast()) : unit.rawValue) \(min == 1 ? "is" : "are") required.")
                }
            case .ascii:
                if let (offset, scalar) = text.unicodeScalars.enumerated().first(where: { !$0.element.isASCII }) {
                    emit(rule, path, "\(path) may contain only ASCII characters; found '\(scalar)' (\(Self.codePoint(scalar))) at character \(offset + 1).")
                }
            case .pattern(let first, let rest):
                guard !prefixRefused, let head = text.unicodeScalars.first else { break }
                if !first.contains(where: { $0.contains(head) }) {
                    emit(rule, path, "\(path) must start with \(first.map(\.startPhrase).joined(separator: " or ")); it starts with '\(head)'.")
                } else {
                    // The classes are tested in place; the joined list is built only for a message.
                    let isAllowed = { (scalar: Unicode.Scalar) in first.contains { $0.contains(scalar) } || rest.contains { $0.contains(scalar) } }
                    if let (offset, scalar) = text.unicodeScalars.enumerated().dropFirst().first(where: { !isAllowed($0.element) }) {
                        let allowed = first + rest
                        emit(rule, path, "\(path) may contain only \(allowed.map(\.phrase).joined(separator: ", ")); found '\(scalar)' at character \(offset + 1).")
                    }
                }
            case .format(let format):
                let ok: Bool
                switch format {
                case .ipv4: ok = IPAddressText.ipv4Value(text) != nil
                case .ipv6: ok = IPAddressText.ipv6(text) != nil
                case .ipv4CIDR: ok = IPAddressText.cidr(text, v6: false) != nil
                case .ipv6CIDR: ok = IPAddressText.cidr(text, v6: true) != nil
                }
                if !ok {
                    emit(rule, path, "\(path) is \"\(text)\", which is not \(format.phrase).")
                }
            case .idShape(let prefix, let example):
                let shaped: Bool
                if prefix.utf8.allSatisfy({ $0 < 0x80 }) {
                    // An ASCII prefix and an ASCII body are compared on the bytes (no Character counting);
                    // anything else after the prefix is not a lowercase letter or digit either way.
                    shaped = text.withUTF8Bytes { bytes in
                        prefix.withUTF8Bytes { head in
                            bytes.count > head.count && bytesEqual(UnsafeBufferPointer(rebasing: bytes[..<head.count]), head)
                                && bytes[head.count...].allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
                        }
                    }
                } else {
                    let body = text.hasPrefix(prefix) ? text.dropFirst(prefix.count) : ""
                    shaped = !body.isEmpty && body.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
                }
                if !shaped {
                    emit(rule, path, "\(path) is \"\(text)\", which does not look like an ID of this kind: \"\(prefix)\" then lowercase letters and digits, e.g. \(example).")
                }
            case .forbiddenPrefixes(let prefixes, let ignoringCase):
                let subject = ignoringCase ? text.lowercased() : text
                if let prefix = prefixes.first(where: { subject.hasPrefix(ignoringCase ? $0.lowercased() : $0) }) {
                    if ignoringCase {
                        let actual = String(text.prefix(prefix.count))
                        emit(rule, path, "\(path) starts with \"\(actual)\", which differs from the reserved prefix \"\(prefix)\" only in letter case.")
                    } else {
                        prefixRefused = prefixRefused || rule.severity == .violation
                        emit(rule, path, "\(path) must not start with \"\(prefix)\"; it is \"\(text)\".")
                    }
                }
            case .oneOf(let values, let ignoringCase):
                let matches = ignoringCase ? values.contains { $0.lowercased() == text.lowercased() } : values.contains(text)
                if !matches {
                    var message = "\(path) is \"\(text)\"; allowed values: \(values.joined(separator: ", "))."
                    if !ignoringCase, let close = values.first(where: { $0.lowercased() == text.lowercased() }) {
                        message += " Did you mean \(close)? Values are case-sensitive."
                    }
                    emit(rule, path, message)
                }
            default:
                break
            }
        }
    }

    mutating func checkInteger(_ integer: IntegerValue, spec: ParameterSpec) {
        for rule in spec.rules {
            switch rule.check {
            case .integerRange(let min, let max):
                let low = min.map { integer.value < $0 } ?? false
                let high = max.map { integer.value > $0 } ?? false
                guard low || high else { break }
                switch (min, max) {
                case (let min?, let max?): emit(rule, path, "\(path) is \(integer.text); allowed: \(min) to \(max).")
                case (let min?, nil): emit(rule, path, "\(path) is \(integer.text); it must be at least \(min).")
                case (nil, let max?): emit(rule, path, "\(path) is \(integer.text); it must be at most \(max).")
                default: break
                }
            case .integerOneOf(let values):
                if !values.contains(integer.value) {
                    emit(rule, path, "\(path) is \(integer.text); allowed values: \(values.map(String.init).joined(separator: ", ")).")
                }
            case .powerOfTwo:
                if integer.value <= 0 || integer.value & (integer.value - 1) != 0 {
                    emit(rule, path, "\(path) is \(integer.text), which is not a power of 2.")
                }
            default:
                break
            }
        }
    }

    /// List rules run in two phases so findings come in reading order: the list's size before
    /// its entries' own findings, rules across entries (uniqueness, one primary) after them.
    enum ListPhase { case size, entries }

    mutating func checkList(_ elements: [JSONValue], spec: ParameterSpec, phase: ListPhase) {
        var name: String { prose(path, spec: spec) }
        for rule in spec.rules {
            switch rule.check {
            case .count(let min, let max) where phase == .size:
                let n = elements.count
                if let max, n > max {
                    emit(rule, path, "\(name) has \(n) entries; at most \(max) are allowed.")
                } else if let min, n < min {
                    emit(rule, path, "\(name) has \(n) entries; at least \(min) are required.")
                }
            case .unique(let field, let key) where phase == .entries:
                // Fewer than two entries cannot repeat one another.
                guard elements.count > 1 else { break }
                func itemPath(_ i: Int) -> String { field.map { path(.index(i), .member($0)) } ?? path(.index(i)) }
                // The lists the APIs allow are short: earlier entries are searched in place, with
                // no hashing. A long one (over its limit, from bad input) goes through a dictionary,
                // so validation stays linear in the input's size.
                let hashed = elements.count > 32
                var seen: [(text: String, index: Int)] = []
                var seenIndex: [String: Int] = [:]
                // Room for every entry at once: appending one by one regrew the array twice a list.
                if !hashed { seen.reserveCapacity(elements.count) }
                for (i, item) in elements.enumerated() {
                    let value = field.map { item[$0] } ?? item
                    guard let value, value.arrayValue == nil, value.objectValue == nil, value != .null,
                          let text = value.scalarText else { continue }
                    let normalized = key == .ipAddress ? IPAddressText.canonical(text) : text
                    if let earlier = hashed ? seenIndex[normalized] : seen.first(where: { $0.text == normalized })?.index {
                        let repeated = itemPath(i)
                        emit(rule, repeated, "\(repeated) repeats \"\(text)\", already given at \(itemPath(earlier)); each entry must be different.")
                    } else if hashed {
                        seenIndex[normalized] = i
                    } else {
                        seen.append((normalized, i))
                    }
                }
            case .atMostOneTrue(let field) where phase == .entries:
                // Paths are rendered only for a second true entry: the first is usually the only one.
                var first: Int?
                for (i, item) in elements.enumerated() {
                    guard let flag = item[field], booleanValue(flag, spec: nil, report: false) == true else { continue }
                    if let first {
                        let itemPath = path(.index(i), .member(field))
                        emit(rule, itemPath, "\(itemPath) is true, but \(path(.index(first), .member(field))) is true already; at most one entry of \(name) may have \(field) true.")
                    } else {
                        first = i
                    }
                }
            default:
                break
            }
        }
    }

    // MARK: - Rules across parameters

    /// The value at a dotted name inside `params` (null counts as absent).
    func lookup(_ name: String, in params: JSONObject) -> JSONValue? {
        // Most names are one segment: a direct member lookup, no split and no walk.
        if !name.containsByte(UInt8(ascii: ".")) {
            guard let value = params[name] else { return nil }
            if case .null = value { return nil }
            return value
        }
        var value: JSONValue = .object(params)
        for segment in name.split(separator: ".").map(String.init) {
            guard let next = value[segment], next != .null else { return nil }
            value = next
        }
        return value
    }

    func specNamed(_ name: String) -> ParameterSpec? {
        var specs = rules.parameters
        var found: ParameterSpec?
        for segment in name.split(separator: ".").map(String.init) {
            found = specs.first { $0.name == segment }
            if let found, case .structure(let members) = found.type { specs = members } else { specs = [] }
        }
        return found
    }

    func integer(_ value: JSONValue) -> Int64? {
        value.scalarText.flatMap { Self.integerText($0)?.value }
    }

    mutating func checkCross(_ rule: CrossRule, in params: JSONObject) {
        func emitCross(_ path: String, _ message: String) {
            emit(rule.severity, rule.code, path, message, note: rule.note)
        }
        func named(_ name: String) -> String { prose(name, spec: specNamed(name)) }
        switch rule.check {
        case .oneRequired(let names):
            if names.allSatisfy({ lookup($0, in: params) == nil }) {
                let list = names.map(named)
                emitCross(names[0], "One of \(list.joined(separator: " or ")) is required; none is given.")
            }
        case .exclusive(let names):
            let given = names.filter { lookup($0, in: params) != nil }
            if given.count > 1 {
                let list = given.map(named)
                emitCross(given[1], "\(list.joined(separator: " and ")) cannot be used together; give only one of them.")
            }
        case .usedWith(let name, let partner):
            if lookup(name, in: params) != nil, lookup(partner, in: params) == nil {
                emitCross(name, "\(named(name)) is used together with \(named(partner)), which is not given.")
            }
        case .combinedMax(let list, let count, let max):
            guard let items = lookup(list, in: params)?.arrayValue,
                  let requested = lookup(count, in: params).flatMap({ integer($0) }) else { break }
            let (total, overflow) = Int64(items.count).addingReportingOverflow(requested)
            if overflow || total > Int64(max) {
                let sum = overflow ? "more than \(Int64.max)" : String(total)
                emitCross(count, "\(named(list)) lists \(items.count) and \(count) asks for \(requested) more: \(sum) in all; at most \(max) are allowed together.")
            }
        case .equal(let a, let b):
            guard let x = lookup(a, in: params).flatMap({ integer($0) }),
                  let y = lookup(b, in: params).flatMap({ integer($0) }), x != y else { break }
            emitCross(b, "\(a) is \(x) and \(b) is \(y); they must be equal.")
        }
    }
}

extension Rule {
    /// True for a length rule with a minimum, which already reports an empty text.
    var setsMinimumLength: Bool {
        if case .length(let min?, _, _) = check, min > 0 { return true }
        return false
    }
}

extension Check {
    /// The kind of check, without its values: findings of the same kind on the same path
    /// with the same code say the same thing.
    var topic: String {
        switch self {
        case .length: return "length"
        case .ascii: return "ascii"
        case .pattern: return "pattern"
        case .format: return "format"
        case .idShape: return "idShape"
        case .forbiddenPrefixes: return "forbiddenPrefixes"
        case .oneOf: return "oneOf"
        case .integerRange: return "integerRange"
        case .integerOneOf: return "integerOneOf"
        case .powerOfTwo: return "powerOfTwo"
        case .count: return "count"
        case .unique: return "unique"
        case .atMostOneTrue: return "atMostOneTrue"
        case .discouraged: return "discouraged"
        }
    }
}
