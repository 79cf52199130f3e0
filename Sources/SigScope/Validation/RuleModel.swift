// The rule model shared by every provider: a parameter's documented type, whether it is
// required, and its constraints, each constraint carrying the error code the provider's
// server answers with and the document it comes from.
//
// Rules are data: a provider's rules file lists `ParameterSpec` values; the `Validator`
// engine interprets them. Nothing provider-specific lives in the engine.

// MARK: - Sources

/// The document a parameter or a rule comes from, cited in findings' documentation.
package struct RuleSource: Sendable, Hashable, CustomStringConvertible {
    /// A short stable identifier, e.g. `seed-000`.
    package let id: String
    /// What the document is, for people.
    package let title: String

    /// Creates a source.
    package init(id: String, title: String) {
        self.id = id
        self.title = title
    }

    /// The identifier.
    package var description: String { id }
}

// MARK: - Types

/// How a length is counted.
package enum LengthUnit: String, Sendable, Hashable {
    /// Unicode scalars (code points): `é` and `网` are one each.
    case characters
    /// Bytes of the UTF-8 encoding: `é` is 2, `网` is 3.
    case utf8Bytes = "bytes"
}

/// A class of characters in a `Check.pattern`.
package enum CharacterClass: Sendable, Hashable {
    /// Any Unicode letter, Chinese characters included (general category L).
    case letter
    /// The ASCII digits 0-9.
    case digit
    /// Exactly these characters.
    case characters(String)

    /// True when `scalar` belongs to the class.
    package func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .letter:
            // ASCII letters are exactly A-Z and a-z: no Unicode property lookup for them.
            if scalar.isASCII { return (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
            default: return false
            }
        case .digit:
            return scalar.value >= 0x30 && scalar.value <= 0x39
        case .characters(let set):
            // An ASCII scalar is in the set exactly when its byte is among the set's UTF-8 bytes.
            if scalar.isASCII { return set.containsByte(UInt8(scalar.value)) }
            return set.unicodeScalars.contains(scalar)
        }
    }

    /// How the class is named in messages about the first character.
    package var startPhrase: String {
        switch self {
        case .letter: return "a letter (Chinese characters included)"
        case .digit: return "a digit"
        case .characters(let set): return "one of " + set.unicodeScalars.map { "'\($0)'" }.joined(separator: ", ")
        }
    }

    /// How the class is named in messages.
    package var phrase: String {
        switch self {
        case .letter: return "letters (Chinese characters included)"
        case .digit: return "digits"
        case .characters(let set): return set.unicodeScalars.map { "'\($0)'" }.joined(separator: ", ")
        }
    }
}

/// A textual format with a fixed syntax.
package enum TextFormat: String, Sendable, Hashable {
    /// Dotted-quad IPv4, four decimal numbers 0-255 without leading zeros.
    case ipv4
    /// IPv6 text form (RFC 4291 section 2.2), `::` and an embedded IPv4 tail allowed, no zone.
    case ipv6
    /// An IPv4 prefix, `a.b.c.d/n` with n in 0-32.
    case ipv4CIDR
    /// An IPv6 prefix, `x::/n` with n in 0-128.
    case ipv6CIDR

    /// The format's description in messages.
    package var phrase: String {
        switch self {
        case .ipv4: return "an IPv4 address (four decimal numbers 0-255 separated by dots, e.g. 172.16.64.13)"
        case .ipv6: return "an IPv6 address (e.g. 2001:db8::1)"
        case .ipv4CIDR: return "an IPv4 prefix in CIDR notation (e.g. 10.0.0.16/28)"
        case .ipv6CIDR: return "an IPv6 prefix in CIDR notation (e.g. 2001:db8::/80)"
        }
    }
}

/// What a value compared for uniqueness is reduced to.
package enum UniquenessKey: Sendable, Hashable {
    /// The text as it is.
    case text
    /// An IP address in canonical form (so `2001:DB8::1` equals `2001:db8:0::1`); text when it does not parse.
    case ipAddress
}

/// A parameter's documented type.
package indirect enum ValueType: Sendable {
    /// `String`.
    case string
    /// `Integer` (any width; ranges are separate rules).
    case integer
    /// `Boolean`.
    case boolean
    /// A scalar whose type the documents do not give: any string, number or boolean.
    case scalar
    /// `Array of …` / `Name.N`: a list whose elements follow `element`.
    case list(ParameterSpec)
    /// A structure with these members.
    case structure([ParameterSpec])

    /// The type's name in messages, as the API documents write it.
    package var phrase: String {
        switch self {
        case .string: return "a String"
        case .integer: return "an Integer"
        case .boolean: return "a Boolean"
        case .scalar: return "a single value"
        case .list(let element): return "a list (of \(element.type.bareName))"
        case .structure: return "a structure (object)"
        }
    }

    /// The type's name without an article.
    package var bareName: String {
        switch self {
        case .string: return "String"
        case .integer: return "Integer"
        case .boolean: return "Boolean"
        case .scalar: return "scalar"
        case .list(let element): return "list of \(element.type.bareName)"
        case .structure: return "structure"
        }
    }
}

// MARK: - Rules

/// How serious a finding is.
package enum Severity: String, Sendable, Hashable {
    /// The server rejects the request: `validate` exits 1 and `sign` refuses.
    case violation
    /// The server accepts it, or the documents disagree, but it is probably a mistake.
    case warning
}

/// One constraint on a single parameter's value.
package enum Check: Sendable, Hashable {
    /// Text length between `min` and `max` (inclusive), counted in `unit`.
    case length(min: Int?, max: Int?, unit: LengthUnit)
    /// Only ASCII characters (U+0000 to U+007F).
    case ascii
    /// The first character from `first`, every other one from `rest`.
    case pattern(first: [CharacterClass], rest: [CharacterClass])
    /// A fixed syntax such as an IP address.
    case format(TextFormat)
    /// A resource ID: `prefix` then lowercase ASCII letters and digits (`vpc-0akbol5v`).
    case idShape(prefix: String, example: String)
    /// Must not start with any of `prefixes` (compared ignoring ASCII case when `ignoringCase`).
    case forbiddenPrefixes([String], ignoringCase: Bool)
    /// One of these values (compared ignoring ASCII case when `ignoringCase`).
    case oneOf([String], ignoringCase: Bool)
    /// An integer between `min` and `max` (inclusive).
    case integerRange(min: Int64?, max: Int64?)
    /// One of these integers.
    case integerOneOf([Int64])
    /// An integer that is a power of two.
    case powerOfTwo
    /// A list with between `min` and `max` entries.
    case count(min: Int?, max: Int?)
    /// No two entries equal (or, for lists of structures, no two equal `field` members).
    case unique(field: String?, key: UniquenessKey)
    /// At most one entry whose Boolean `field` is true (the string "true" counts as true).
    case atMostOneTrue(field: String)
    /// Fires whenever the parameter is given, with this reason (deprecated, not available).
    case discouraged(String)

    /// True when the check can be applied to a value of `type`.
    package func applies(to type: ValueType) -> Bool {
        switch (self, type) {
        case (.discouraged, _): return true
        case (.length, .string), (.length, .scalar), (.ascii, .string), (.ascii, .scalar),
             (.pattern, .string), (.format, .string), (.idShape, .string),
             (.forbiddenPrefixes, .string), (.oneOf, .string): return true
        case (.integerRange, .integer), (.integerOneOf, .integer), (.powerOfTwo, .integer): return true
        case (.count, .list), (.unique, .list): return true
        case (.atMostOneTrue(let field), .list(let element)):
            if case .structure(let members) = element.type { return members.contains { $0.name == field } }
            return false
        default: return false
        }
    }
}

/// A constraint as documented: the check, how serious breaking it is, the provider's error
/// code for it, and the document that states it. `Rule` checks one value (a `Check`);
/// `CrossRule` checks across parameters (a `CrossCheck`).
///
/// `Kind` carries no protocol requirement of its own (`Hashable` is conditional, below): a generic
/// parameter with one makes the runtime look the conformance up when it first builds the type's
/// metadata, a scan of every conformance in the binary that was a quarter of a one-shot `sign`.
package struct DocumentedRule<Kind: Sendable>: Sendable {
    fileprivate struct Fields: Sendable {
        let check: Kind
        let severity: Severity
        let code: String
        let source: RuleSource
        let note: String?
    }

    /// One box for all fields (see `Boxed`): the validator copies rules as it walks them.
    private let storage: Boxed<Fields>

    /// What is checked.
    package var check: Kind { storage.value.check }
    /// Violation or warning.
    package var severity: Severity { storage.value.severity }
    /// The error code the provider's server answers with (from its error table, the most specific that fits).
    package var code: String { storage.value.code }
    /// The document the rule comes from.
    package var source: RuleSource { storage.value.source }
    /// A sentence appended to the finding's message (why, or what the documents disagree on).
    package var note: String? { storage.value.note }

    /// Creates a rule.
    package init(_ check: Kind, _ severity: Severity = .violation, code: String, source: RuleSource, note: String? = nil) {
        storage = Boxed(Fields(check: check, severity: severity, code: code, source: source, note: note))
    }
}

extension DocumentedRule.Fields: Equatable where Kind: Equatable {}
extension DocumentedRule.Fields: Hashable where Kind: Hashable {}
extension DocumentedRule: Equatable where Kind: Equatable {}
extension DocumentedRule: Hashable where Kind: Hashable {}

/// A rule on one value.
package typealias Rule = DocumentedRule<Check>

/// A rule across parameters.
package typealias CrossRule = DocumentedRule<CrossCheck>

/// Whether a parameter must be given.
package enum Requirement: Sendable, Hashable {
    /// It may be left out.
    case optional
    /// The server answers the missing-parameter code without it; `source` says so.
    case required(RuleSource)
    /// The documents disagree: missing it is a warning; `note` explains.
    case disputed(RuleSource, note: String)
}

/// A documented parameter (or a list element, or a structure member) with its rules.
package struct ParameterSpec: Sendable {
    private struct Fields: Sendable {
        let name: String
        let type: ValueType
        let requirement: Requirement
        let rules: [Rule]
        let source: RuleSource
        let summary: String
        /// True when the requirement is `.optional`.
        let isOptional: Bool
        /// True when a rule is `.discouraged`.
        let hasDiscouragedRule: Bool
        /// The name's key for `hasName` (its length and first eight bytes).
        let nameKey: NameKey

        init(name: String, type: ValueType, requirement: Requirement, rules: [Rule], source: RuleSource, summary: String) {
            self.name = name
            self.type = type
            self.requirement = requirement
            self.rules = rules
            self.source = source
            self.summary = summary
            if case .optional = requirement { isOptional = true } else { isOptional = false }
            hasDiscouragedRule = rules.contains { if case .discouraged = $0.check { return true } else { return false } }
            nameKey = NameKey(name)
        }
    }

    /// One box for all fields (see `Boxed`): the validator copies specs at every value it checks.
    private let storage: Boxed<Fields>

    /// The parameter's name as documented (`SubnetId`, `Tag`); empty for a list element.
    package var name: String { storage.value.name }
    /// Its type.
    package var type: ValueType { storage.value.type }
    /// Whether it must be given.
    package var requirement: Requirement { storage.value.requirement }
    /// Its constraints, in the order they are checked.
    package var rules: [Rule] { storage.value.rules }
    /// The document the parameter itself comes from.
    package var source: RuleSource { storage.value.source }
    /// One line on what it is, for documentation.
    package var summary: String { storage.value.summary }

    /// True when the requirement is `.optional` (read without copying the requirement out).
    var isOptional: Bool { storage.value.isOptional }

    /// True when the parameter is named `name`, whose key is `key`. Keys are compared first: they
    /// are plain integers, where reading the name itself retains and releases a string, and the
    /// validator asks every spec of a structure for every member given.
    func hasName(_ name: String, key: NameKey) -> Bool {
        // A key holds all of a name of eight bytes or fewer: equal keys are then equal names.
        storage.value.nameKey == key && (key.length <= 8 || storage.value.name == name)
    }

    /// True when a rule is `.discouraged` (known without walking the rules).
    var hasDiscouragedRule: Bool { storage.value.hasDiscouragedRule }

    /// Creates a parameter.
    package init(_ name: String, _ type: ValueType, _ requirement: Requirement = .optional, source: RuleSource, summary: String = "", rules: [Rule] = []) {
        storage = Boxed(Fields(name: name, type: type, requirement: requirement, rules: rules, source: source, summary: summary))
    }

    /// A list element: no name, never "missing".
    package static func element(_ type: ValueType, source: RuleSource, rules: [Rule] = []) -> ParameterSpec {
        ParameterSpec("", type, .optional, source: source, rules: rules)
    }
}

/// A name's length and first eight bytes: two names with different keys differ.
struct NameKey: Equatable {
    let length: Int
    let head: UInt64

    init(_ name: String) {
        (length, head) = name.withUTF8Bytes { bytes in
            var head: UInt64 = 0
            for i in 0..<min(8, bytes.count) { head |= UInt64(bytes[i]) << (8 * UInt64(i)) }
            return (bytes.count, head)
        }
    }
}

// MARK: - Rules across parameters

/// A constraint between parameters of the same structure (named by their documented names;
/// a dotted name such as `NetworkInterfaceTrafficConfig.RxQueueSize` reaches into a structure).
package enum CrossCheck: Sendable, Hashable {
    /// At least one of these must be given.
    case oneRequired([String])
    /// At most one of these may be given.
    case exclusive([String])
    /// When the first is given, the second should be too.
    case usedWith(String, partner: String)
    /// The entries of `list` plus the integer `count` must not exceed `max`.
    case combinedMax(list: String, count: String, max: Int)
    /// When both are given they must be equal.
    case equal(String, String)
}

/// An immutable value behind one reference: copying the holder is one retain however many
/// reference-counted fields the value has (the validator copies rules and rule sets as it walks).
final class Boxed<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}

extension Boxed: Equatable where Value: Equatable {
    /// The same box, or equal values.
    static func == (lhs: Boxed, rhs: Boxed) -> Bool {
        lhs === rhs || lhs.value == rhs.value
    }
}

extension Boxed: Hashable where Value: Hashable {
    func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }
}

// MARK: - An action's rules

/// How a provider's request carries values, which decides what a type check means.
package enum ValueDialect: Sendable, Hashable {
    /// A JSON body (Tencent TC3): the JSON type is what the server sees.
    case json
    /// A query string or form (Alibaba RPC): every value is text, so types are checked on the text.
    case text
}

/// How findings name a parameter inside lists.
package enum PathStyle: Sendable, Hashable {
    /// `PrivateIpAddresses[3].PrivateIpAddress`: JSON positions, 0-based.
    case brackets
    /// `Tag.2.Key`: the wire's flat names, 1-based.
    case flat

    /// How a list parameter is named in prose (`Tags`, `Tag.N`).
    package func listName(_ name: String) -> String {
        self == .flat ? name + ".N" : name
    }
}

/// The error codes an action's server answers for problems common to every parameter.
package struct BasicCodes: Sendable, Hashable {
    /// A required parameter is missing.
    package var missing: String
    /// A parameter the API does not have.
    package var unknown: String
    /// A value of the wrong type.
    package var type: String
    /// Where these codes come from.
    package var source: RuleSource

    /// Creates the set.
    package init(missing: String, unknown: String, type: String, source: RuleSource) {
        self.missing = missing
        self.unknown = unknown
        self.type = type
        self.source = source
    }
}

/// A name the provider reserves for its common parameters: given among the API's
/// parameters it is most likely a mistake.
package struct CommonParameter: Sendable, Hashable {
    /// The name, e.g. `Region`.
    package var name: String
    /// What to do instead, naming the input that sets it structurally (the CLI words `.apiVersion` as `--api-version`).
    package var advice: SigScopeMessage

    /// Creates an entry.
    package init(_ name: String, advice: SigScopeMessage) {
        self.name = name
        self.advice = advice
    }
}

/// Everything known about one action of one provider.
package struct ActionRules: Sendable {
    private struct Fields: Sendable {
        let provider: Provider
        let action: String
        let version: String
        let dialect: ValueDialect
        let pathStyle: PathStyle
        let codes: BasicCodes
        let parameters: [ParameterSpec]
        let crossRules: [CrossRule]
        let commonParameters: [CommonParameter]
        let regionRequirement: Requirement
        let sources: [RuleSource]
    }

    /// One box for all fields (see `Boxed`): the validator keeps the rules for every request it checks.
    private let storage: Boxed<Fields>

    /// The provider.
    package var provider: Provider { storage.value.provider }
    /// The action, e.g. `CreateNetworkInterface`.
    package var action: String { storage.value.action }
    /// The API version the rules describe.
    package var version: String { storage.value.version }
    /// How values travel.
    package var dialect: ValueDialect { storage.value.dialect }
    /// How paths are written.
    package var pathStyle: PathStyle { storage.value.pathStyle }
    /// Codes for missing, unknown and mistyped parameters.
    package var codes: BasicCodes { storage.value.codes }
    /// The API's parameters.
    package var parameters: [ParameterSpec] { storage.value.parameters }
    /// Rules across parameters.
    package var crossRules: [CrossRule] { storage.value.crossRules }
    /// Common-parameter names that do not belong among the API's parameters.
    package var commonParameters: [CommonParameter] { storage.value.commonParameters }
    /// Whether the request's own `region` is required (Tencent's `Region` common parameter).
    package var regionRequirement: Requirement { storage.value.regionRequirement }
    /// The documents these rules cite.
    package var sources: [RuleSource] { storage.value.sources }

    package init(provider: Provider, action: String, version: String, dialect: ValueDialect, pathStyle: PathStyle, codes: BasicCodes,
                parameters: [ParameterSpec], crossRules: [CrossRule], commonParameters: [CommonParameter] = [],
                regionRequirement: Requirement = .optional, sources: [RuleSource]) {
        storage = Boxed(Fields(provider: provider, action: action, version: version, dialect: dialect, pathStyle: pathStyle, codes: codes, parameters: parameters,
                               crossRules: crossRules, commonParameters: commonParameters, regionRequirement: regionRequirement, sources: sources))
    }
}

/// The actions sigscope has parameter rules for.
package enum RuleBook {
    /// Tencent's actions' rules.
    static let tencent: [ActionRules] = [TencentCreateNetworkInterface.rules]
    /// Alibaba's actions' rules.
    static let aliyun: [ActionRules] = [AliyunCreateNetworkInterface.rules]

    /// Every action's rules.
    package static let all: [ActionRules] = tencent + aliyun

    /// The rules for `action` of `provider` (exact, case-sensitive name), or nil.
    package static func rules(for provider: Provider, action: String) -> ActionRules? {
        // Only the asked provider's tables are built: a one-shot sign pays for one rule set, not every one.
        let tables: [ActionRules]
        switch provider {
        case .tencent: tables = tencent
        case .aliyun: tables = aliyun
        }
        return tables.first { $0.provider == provider && $0.action == action }
    }
}
