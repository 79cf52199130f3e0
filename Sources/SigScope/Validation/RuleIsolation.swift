// Copies of a rule set that share no reference-counted storage with the original.
//
// A reference count lives in the object it counts: two threads that copy the same rule (the
// validator copies rules and specs as it walks them) both write that object's memory, and
// their cores pass the cache line back and forth on every copy. A batch worker validates
// with a copy of its own, so its counts stay in its own core's cache. The copies are equal to
// the originals in every field; only where they are stored differs.

extension ActionRules {
    /// A copy of these rules that shares no reference-counted storage with them.
    package func isolatedCopy() -> ActionRules {
        ActionRules(provider: provider, action: action.isolatedCopy(), version: version.isolatedCopy(), dialect: dialect,
                    pathStyle: pathStyle, codes: codes.isolatedCopy(), parameters: parameters.map { $0.isolatedCopy() },
                    crossRules: crossRules.map { $0.isolatedCopy() }, commonParameters: commonParameters.map { $0.isolatedCopy() },
                    regionRequirement: regionRequirement.isolatedCopy(), sources: sources.map { $0.isolatedCopy() })
    }
}

extension ParameterSpec {
    func isolatedCopy() -> ParameterSpec {
        ParameterSpec(name.isolatedCopy(), type.isolatedCopy(), requirement.isolatedCopy(), source: source.isolatedCopy(),
                      summary: summary.isolatedCopy(), rules: rules.map { $0.isolatedCopy() })
    }
}

extension ValueType {
    func isolatedCopy() -> ValueType {
        switch self {
        case .string, .integer, .boolean, .scalar: return self
        case .list(let element): return .list(element.isolatedCopy())
        case .structure(let members): return .structure(members.map { $0.isolatedCopy() })
        }
    }
}

extension Requirement {
    func isolatedCopy() -> Requirement {
        switch self {
        case .optional: return .optional
        case .required(let source): return .required(source.isolatedCopy())
        case .disputed(let source, let note): return .disputed(source.isolatedCopy(), note: note.isolatedCopy())
        }
    }
}

/// A value that can make a copy of itself sharing no reference-counted storage with it.
protocol IsolatedCopying {
    func isolatedCopy() -> Self
}

extension DocumentedRule where Kind: IsolatedCopying {
    func isolatedCopy() -> Self {
        Self(check.isolatedCopy(), severity, code: code.isolatedCopy(), source: source.isolatedCopy(), note: note?.isolatedCopy())
    }
}

extension Check: IsolatedCopying {
    func isolatedCopy() -> Check {
        switch self {
        case .length, .ascii, .format, .integerRange, .powerOfTwo, .count: return self
        case .pattern(let first, let rest): return .pattern(first: first.map { $0.isolatedCopy() }, rest: rest.map { $0.isolatedCopy() })
        case .idShape(let prefix, let example): return .idShape(prefix: prefix.isolatedCopy(), example: example.isolatedCopy())
        case .forbiddenPrefixes(let prefixes, let ignoringCase): return .forbiddenPrefixes(prefixes.map { $0.isolatedCopy() }, ignoringCase: ignoringCase)
        case .oneOf(let values, let ignoringCase): return .oneOf(values.map { $0.isolatedCopy() }, ignoringCase: ignoringCase)
        case .integerOneOf(let values): return .integerOneOf(values.map { $0 })
        case .unique(let field, let key): return .unique(field: field?.isolatedCopy(), key: key)
        case .atMostOneTrue(let field): return .atMostOneTrue(field: field.isolatedCopy())
        case .discouraged(let reason): return .discouraged(reason.isolatedCopy())
        }
    }
}

extension CharacterClass {
    func isolatedCopy() -> CharacterClass {
        if case .characters(let set) = self { return .characters(set.isolatedCopy()) }
        return self
    }
}

extension CrossCheck: IsolatedCopying {
    func isolatedCopy() -> CrossCheck {
        switch self {
        case .oneRequired(let names): return .oneRequired(names.map { $0.isolatedCopy() })
        case .exclusive(let names): return .exclusive(names.map { $0.isolatedCopy() })
        case .usedWith(let name, let partner): return .usedWith(name.isolatedCopy(), partner: partner.isolatedCopy())
        case .combinedMax(let list, let count, let max): return .combinedMax(list: list.isolatedCopy(), count: count.isolatedCopy(), max: max)
        case .equal(let a, let b): return .equal(a.isolatedCopy(), b.isolatedCopy())
        }
    }
}

extension RuleSource {
    func isolatedCopy() -> RuleSource {
        RuleSource(id: id.isolatedCopy(), title: title.isolatedCopy())
    }
}

extension BasicCodes {
    func isolatedCopy() -> BasicCodes {
        BasicCodes(missing: missing.isolatedCopy(), unknown: unknown.isolatedCopy(), type: type.isolatedCopy(), source: source.isolatedCopy())
    }
}

extension CommonParameter {
    func isolatedCopy() -> CommonParameter {
        CommonParameter(name.isolatedCopy(), advice: advice.isolatedCopy())
    }
}

extension SigScopeMessage {
    /// The same message in storage of its own.
    func isolatedCopy() -> SigScopeMessage {
        SigScopeMessage(pieces: pieces.map { piece in
            if case .text(let text) = piece { return .text(text.isolatedCopy()) }
            return piece
        })
    }
}

extension String {
    /// The same text in storage of its own (short strings are stored inline, with no storage to share).
    func isolatedCopy() -> String {
        String(decoding: Array(utf8), as: UTF8.self)
    }
}
