/// The mistake search: recompute the signature under known client mistakes and keep the
/// ones that reproduce the provided signature exactly.
///
/// A mistake belongs to a dimension (the scope date, the body bytes, the Content-Type, the
/// percent-encoder, …). Single mistakes are tried first; only when none reproduces the
/// signature are pairs from two different dimensions tried, because two independent
/// mistakes in one request are rarer and far more numerous to test.
struct Mistake<Trial> {
    /// Mistakes of one dimension are alternatives to each other and never combined.
    var dimension: String
    /// What the mistake is, in a few words, used when it only reproduces in combination.
    var summary: String
    /// Turns the correct computation's inputs into the mistaken ones.
    var apply: (inout Trial) -> Void
    /// The findings to report when this mistake reproduces the signature (one, or one per fault
    /// of a faulty encoder that has several).
    var findings: [VerifyFinding]

    init(dimension: String, summary: String, apply: @escaping (inout Trial) -> Void, finding: VerifyFinding) {
        self.dimension = dimension
        self.summary = summary
        self.apply = apply
        self.findings = [finding]
    }

    init(dimension: String, summary: String, apply: @escaping (inout Trial) -> Void, findings: [VerifyFinding]) {
        self.dimension = dimension
        self.summary = summary
        self.apply = apply
        self.findings = findings
    }
}

enum Forensics {
    /// The combinations (of one, else of two mistakes) whose computation gives `provided`.
    /// - Parameters:
    ///   - base: the inputs of the correct computation.
    ///   - provided: the signature the request carries; a computation that throws counts as no reproduction.
    static func search<Scheme: SignatureScheme>(base: Trial<Scheme>, mistakes: [Mistake<Trial<Scheme>>], provided: String) -> [[Mistake<Trial<Scheme>>]] {
        let target = Array(provided.utf8)
        func reproduces(_ combination: [Mistake<Trial<Scheme>>]) -> Bool {
            guard let signature = try? apply(combination, to: base).compute().signature else { return false }
            return ConstantTime.equals(Array(signature.utf8), target)
        }
        var found: [[Mistake<Trial<Scheme>>]] = []
        for mistake in mistakes where reproduces([mistake]) {
            found.append([mistake])
        }
        if !found.isEmpty { return found }
        for i in mistakes.indices {
            for j in mistakes.indices where j > i && mistakes[j].dimension != mistakes[i].dimension {
                if reproduces([mistakes[i], mistakes[j]]) { found.append([mistakes[i], mistakes[j]]) }
            }
        }
        return found
    }

    /// `base` with every mistake of `combination` applied.
    static func apply<Scheme: SignatureScheme>(_ combination: [Mistake<Trial<Scheme>>], to base: Trial<Scheme>) -> Trial<Scheme> {
        var trial = base
        for mistake in combination { mistake.apply(&trial) }
        return trial
    }

    /// Adds the findings of the reproducing combinations to `list`.
    static func report<Trial>(_ combinations: [[Mistake<Trial>]], into list: inout FindingList) {
        for combination in combinations {
            for mistake in combination {
                for original in mistake.findings {
                    var finding = original
                    finding.reproducesSignature = true
                    let others = combination.filter { $0.summary != mistake.summary }.map(\.summary)
                    if !others.isEmpty {
                        finding.message += " (This reproduces the signature only together with: " + others.joined(separator: "; ") + ".)"
                    }
                    list.add(finding)
                }
            }
        }
    }
}
