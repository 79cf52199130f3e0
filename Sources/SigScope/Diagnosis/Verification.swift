/// How a scheme's signature travels in the request, for the checks on its form that need no search.
enum SignatureForm {
    /// Lower-case hex inside an Authorization header (TC3, ACS3); `algorithm` names it in the message.
    case lowercaseHex(algorithm: String)
    /// Base64 in a query or form parameter, percent-encoded once (Tencent v1, Alibaba RPC);
    /// `raw` is the value as sent, still encoded; `rule` says how the provider wants it sent.
    case base64Parameter(raw: String?, rule: String)
}

/// One scheme's recomputation of a captured request, as the shared comparison reads it.
struct Recomputation<Scheme: SignatureScheme> {
    /// The inputs of the correct computation (what the mistake search varies).
    var base: Trial<Scheme>
    /// Their computation.
    var computation: Scheme.Computation
    /// The signature the request carries, nil when it carries none that can be read.
    var provided: String?
    /// How the signature is written in the request.
    var form: SignatureForm
    /// "signature" or "Signature": how the messages name it.
    var providedName: String
    /// What was recomputed: "every step from the request as sent".
    var recomputedFrom: String
    /// The clause for a request without a signature: "The request has no Signature parameter; recomputing from its parameters".
    var missing: String
    /// The key id the request carries, and what the provider calls it.
    var keyId: String?
    var keyLabel: String
    /// What agrees in a self-consistent request, as a parenthesis (" (scope date, … agree with it)"), or "".
    var consistency: String = ""
}

extension Recomputation {
    /// A scheme whose Base64 signature is the `Signature` parameter of the query or the form
    /// body (Tencent v1, Alibaba RPC); `rule` says how the provider wants it sent.
    static func signatureParameter(base: Trial<Scheme>, computation: Scheme.Computation, provided: String?, request: SentRequest, rule: String,
                                   keyId: String?, keyLabel: String) -> Recomputation {
        let raw = VerifierSupport.rawValue(named: "Signature", in: request.query) ?? VerifierSupport.rawValue(named: "Signature", in: request.bodyText)
        return Recomputation(base: base, computation: computation, provided: provided, form: .base64Parameter(raw: raw, rule: rule),
                             providedName: "Signature", recomputedFrom: "from the parameters as the server receives them",
                             missing: "The request has no Signature parameter; recomputing from its parameters", keyId: keyId, keyLabel: keyLabel)
    }
}

/// The comparison, the mistake search and the conclusion every verifier ends with, written
/// once over `SignatureScheme`; each verifier contributes its own checks and mistakes.
enum Verification {
    /// What the comparison found.
    struct Outcome {
        /// The provided signature equals the recomputed one.
        var signaturesEqual: Bool
        /// The string-to-sign of the first mistake that reproduces the signature, if any.
        var clientStringToSign: String?
    }

    /// Compares the provided signature with the recomputed one and, on a mismatch, checks the
    /// signature's form, replays `mistakes` and concludes; compares the server's
    /// string-to-sign when the options carry one.
    static func compare<Scheme: SignatureScheme>(_ run: Recomputation<Scheme>, mistakes: () -> [Mistake<Trial<Scheme>>],
                                                 options: VerifyOptions, into findings: inout FindingList) -> Outcome {
        let computed = run.computation.signature
        let equal = run.provided.map { ConstantTime.equals($0, computed) } ?? false
        var explained = equal
        var tried = 0
        var client: String?
        if !equal {
            if let provided = run.provided {
                findings.add(.signatureMismatch, .error, "The request carries \(run.providedName) \(provided); recomputing \(run.recomputedFrom) with the given secret gives \(computed).")
                explained = explainedByForm(provided, computed: computed, form: run.form, into: &findings)
                if !explained {
                    let list = mistakes()
                    tried = list.count
                    let found = Forensics.search(base: run.base, mistakes: list, provided: provided)
                    Forensics.report(found, into: &findings)
                    if let first = found.first {
                        client = try? Forensics.apply(first, to: run.base).compute().stringToSign
                    }
                    explained = !found.isEmpty
                }
            } else {
                findings.add(.signatureMismatch, .error, "\(run.missing) gives \(computed).")
                explained = true
            }
        }
        if let server = options.serverStringToSign {
            for finding in ServerStringToSign.findings(server: server, computed: run.computation.stringToSign, client: client,
                                                       signatureRight: equal, keyId: run.keyId) {
                findings.add(finding)
            }
        }
        if !explained, !findings.contains(.serverStringToSignDiffers) {
            concludeUnexplained(&findings, tried: tried, keyId: run.keyId, label: run.keyLabel, consistency: run.consistency)
        }
        if equal, let code = options.serverErrorCode {
            addServerRefusal(code, keyId: run.keyId, label: run.keyLabel, into: &findings)
        }
        return Outcome(signaturesEqual: equal, clientStringToSign: client)
    }

    /// What the server's error `code` says about a request whose signature is right: the
    /// signature is not what the server objects to, so the code names what it does object to
    /// (another secret, the key id, the nonce, or the time when the request arrived; a verdict of
    /// "would accept" would contradict the server's own answer). The code sets are disjoint.
    static func addServerRefusal(_ code: String, keyId: String?, label: String, into findings: inout FindingList) {
        if signatureRejections.contains(code) {
            guard !findings.contains(.serverStringToSignDiffers), !findings.contains(.serverHoldsAnotherSecret) else { return }
            findings.add(serverHoldsAnotherSecret(code: code, keyId: keyId, label: label))
        } else if keyIdRejections.contains(code) {
            guard !findings.contains(.keyIdUnknownToServer) else { return }
            findings.add(.keyIdUnknownToServer, .error, "The signature is exactly the one the given secret key makes for this request, yet the server answered \(code): it does not know \(label) \(keyId ?? "?"). The key was deleted or disabled in the console (a secret kept in a configuration file outlives its key), the id was copied wrong or from another key pair, or the key belongs to an account of another site. Fix: look up \(label) \(keyId ?? "?") in the console's API keys (Tencent CAM, Alibaba RAM AccessKeys), check that it exists and is enabled, and sign with an id and secret of the same pair.")
        } else if nonceRejections.contains(code) {
            guard !findings.contains(.nonceReused) else { return }
            findings.add(.nonceReused, .error, "The signature is right, yet the server answered \(code): it had already received a request with this SignatureNonce within its window (15 minutes). The same signed request was sent twice — a retry that resends the request instead of signing it again, a replayed capture or curl command — or the client's nonces repeat (a timestamp or a few random digits, under concurrency). Fix: sign every attempt anew, retries included, with a fresh random nonce such as a UUID v4.")
        } else if expiryRejections.contains(code) {
            guard !findings.contains(.timestampExpired) else { return }
            findings.add(.timestampExpired, .error, "The signature is right, but the server answered \(code): when the request reached it, its timestamp was outside the server's window (Tencent Cloud 5 minutes, Alibaba Cloud 15), whatever the clock says now. The client's clock is off, or the request was signed once and sent (or retried) later. Fix: sign each request, retries included, with the current time, and keep the clock in sync (NTP).")
        }
    }

    /// The checks on the signature's own form; true when one of them explains the mismatch exactly.
    static func explainedByForm(_ provided: String, computed: String, form: SignatureForm, into findings: inout FindingList) -> Bool {
        switch form {
        case .lowercaseHex(let algorithm):
            guard provided.lowercased() == computed else { return false }
            findings.add(.authorizationMalformed, .error, "The signature is right but written in upper-case hex; \(algorithm) signatures are lower-case hex. Fix: hex-encode in lower case.", reproduces: true)
            return true
        case .base64Parameter(let raw, let rule):
            return VerifierSupport.checkSignatureEncoding(raw: raw, received: provided, computed: computed, rule: rule, into: &findings)
        }
    }

    /// The error codes with which the providers reject a request whose timestamp is outside their window.
    static let expiryRejections: Set<String> = ["AuthFailure.SignatureExpire", "InvalidTimeStamp.Expired"]

    /// The error codes with which the providers answer a key id they do not know.
    static let keyIdRejections: Set<String> = ["AuthFailure.SecretIdNotFound", "InvalidAccessKeyId.NotFound", "InvalidAccessKeyId"]

    /// The error code with which Alibaba answers a SignatureNonce it has seen within its window.
    static let nonceRejections: Set<String> = ["SignatureNonceUsed"]

    /// The error codes with which the providers reject a signature they compute differently.
    static let signatureRejections: Set<String> = ["AuthFailure.SignatureFailure", "SignatureDoesNotMatch", "IncompleteSignature", "InvalidSignature"]

    /// server-holds-another-secret: the signature is right for the given secret, and the server rejected it.
    static func serverHoldsAnotherSecret(code: String, keyId: String?, label: String) -> VerifyFinding {
        let id = keyId ?? "?"
        return VerifyFinding(.serverHoldsAnotherSecret, .error, "The provided signature is exactly the one the given secret key makes for this request, yet the server answered \(code): the server checked it with another secret for \(label) \(id). Either the key is not the current one (rotated or reset in the console, and the client and sigscope both still have the old one), the key pair belongs to another account or sub-user than you think, or the request was changed in transit after it was captured (a proxy or gateway rewriting a header or the body). Fix: get the current secret of \(label) \(id) from the console and sign with it; if it is the one you used, capture the request where it leaves the last proxy and verify that.")
    }

    /// wrong-secret-likely when nothing explains a mismatch and the request is self-consistent.
    static func concludeUnexplained(_ findings: inout FindingList, tried: Int, keyId: String?, label: String, consistency: String = "") {
        guard !VerifierSupport.hasOtherErrors(findings) else { return }
        findings.add(.wrongSecretLikely, .error, "The request is self-consistent\(consistency), and none of the \(tried) known client mistakes sigscope replayed reproduces the provided signature. The secret key given is most likely not the one the request was signed with: check that it is the current secret of \(label) \(keyId ?? "?") (not a rotated, deleted or other account's key) and that it was copied whole. If the key is right, the request was altered after signing (by a proxy, or an edited capture).")
    }

    /// The report: every computed stage paired with the value the capture states for it (by stage name).
    static func report<Scheme: SignatureScheme>(_ run: Recomputation<Scheme>, outcome: Outcome, algorithm: SignatureAlgorithm, stated: [String: String],
                                                findings: FindingList, request: SentRequest, notes: [SigScopeMessage]) -> VerifyReport {
        let steps = run.computation.steps.map { VerifyStep(computed: $0, provided: stated[$0.name]) }
        return VerifyReport(match: outcome.signaturesEqual && !findings.hasErrors, provider: algorithm.provider, algorithm: algorithm,
                            providedSignature: run.provided, computedSignature: run.computation.signature, steps: steps,
                            findings: findings.ordered, request: request, notes: notes)
    }
}
