import ArgumentParser
import SigScope
import SigScopeBatch
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `sign` and `curl` share: read the request, build it, sign it, render it.
struct SignPipeline {
    enum Mode { case sign, curl }

    let requestOptions: RequestSettings
    let signing: SigningSettings
    let format: OutputFormat
    let mode: Mode
    /// `--context` paths: saved Describe* responses the request is also validated against.
    var contextPaths: [String] = []

    func run() throws(SigScopeError) -> Int32 {
        if let path = signing.secretKeyFile, signing.secretKeyFileBytes == nil {
            // Read once, before any worker: standard input can be read only once, and every batch worker needs the key.
            if path == "-" && requestOptions.requestFile == "-" {
                throw SigScopeError(.invalidOption, "the request and --secret-key-file cannot both be read from standard input")
            }
            var settings = signing
            settings.secretKeyFileBytes = try Frontend.read(path, limit: CredentialSources.maxKeyFileBytes)
            return try SignPipeline(requestOptions: requestOptions, signing: settings, format: format, mode: mode, contextPaths: contextPaths).run()
        }
        if signing.batch {
            return try runBatch()
        }
        let source = requestOptions.source
        try ContextInput.refuseSharedStdin(request: requestOptions.requestFile, contextPaths)
        let draft = try requestOptions.readDraft()
        let request = try Frontend.naming(source) { () throws(SigScopeError) in try requestOptions.build(draft, source: source) }
        let body = try signing.bodyFile.map { path throws(SigScopeError) in try Frontend.read(path) }
        // --no-validate signs without validating at all.
        let report: ValidationReport?
        if signing.noValidate {
            report = nil
        } else if let state = try ContextInput.load(contextPaths, provider: request.provider) {
            report = ContextRules.validate(Self.asSent(request, body: body), context: state)
        } else {
            report = Validator.validate(Self.asSent(request, body: body))
        }
        if let report, !report.valid {
            if format == .json { Frontend.writeOut(JSONWriter.pretty.string(Frontend.versioned(Wording.worded(report).json)) + "\n") }
            reportRefusal(report, source: source)
            return 1
        }
        var shared = Shared(requestOptions: requestOptions, signing: signing)
        let options = Self.signingOptions(request, draft: draft, body: body, timestamp: try timestamp(), nonce: signing.nonce, shared: &shared)
        let signed = try Signer.sign(request, options: options, credentials: try shared.credentials(for: request.provider))
        // Reported only once signing succeeded, so a usage error is never buried under validation notes.
        if format == .text {
            if let report { reportFindings(report) }
            if mode == .sign { shared.resolvedCredentials?.report() }
        }
        switch (mode, format) {
        case (.sign, .text):
            Frontend.writeReport(TraceText.render(signed, showSecrets: signing.showSecrets, style: Frontend.style, naming: Wording.flag))
        case (.curl, .text):
            Frontend.writeOut(CurlCommand.render(signed.request) + "\n")
        case (.sign, .json):
            Frontend.writeOut(JSONWriter.pretty.string(Self.withCredentials(Self.document(SignOutput.json(signed, showSecrets: signing.showSecrets), signed: signed, options: options), shared.resolvedCredentials)) + "\n")
        case (.curl, .json):
            let command = CurlCommand.render(signed.request)
            Frontend.writeOut(JSONWriter.pretty.string(Self.withCredentials(Self.document(SignOutput.json(signed, showSecrets: signing.showSecrets, command: command), signed: signed, options: options), shared.resolvedCredentials)) + "\n")
        }
        return 0
    }

    /// The sign JSON with `credentialSource` (where each part came from, never a value) and
    /// `credentialWarnings` added.
    static func withCredentials(_ output: JSONValue, _ resolved: CredentialSources.Resolved?) -> JSONValue {
        guard var object = output.objectValue, let resolved else { return output }
        object["credentialSource"] = resolved.sourceJSON
        object["credentialWarnings"] = resolved.warningsJSON
        return .object(object)
    }

    /// The sign / curl document with what a script needs to reproduce it: `schemaVersion`, the
    /// signing `timestamp` (Unix seconds), the `nonce` sent (null for TC3, which has none), and
    /// `request.bodyBase64` when the body is not UTF-8 (`body` then holds it repaired, which is
    /// not what is sent).
    static func document(_ json: JSONValue, signed: SignedRequest, options: SigningOptions) -> JSONValue {
        guard case .object(var object) = Frontend.versioned(json) else { return json }
        if String(validating: signed.request.body, as: UTF8.self) == nil, case .object(var request)? = object["request"] {
            request["bodyBase64"] = .string(Base64.encode(signed.request.body))
            object["request"] = .object(request)
        }
        // The same members, in the same order, as a --batch line's (`SignOutput.Stamp`).
        let stamp = SignOutput.Stamp(schemaVersion: Frontend.schemaVersion, signed, options: options)
        object["timestamp"] = .number(String(stamp.timestamp))
        object["nonce"] = stamp.nonce.map { .string($0) } ?? .null
        return .object(object)
    }

    private func timestamp() throws(SigScopeError) -> Timestamp {
        try signing.timestamp.map { text throws(SigScopeError) in try Timestamp.parse(text) } ?? Frontend.now()
    }

    // MARK: - Validation

    /// The request whose parameters are actually sent: with `--body-file` a JSON object body
    /// replaces the params (that is what the server reads); any other body leaves them as they are.
    static func asSent(_ request: APIRequest, body: [UInt8]?) -> APIRequest {
        asSent(request, bodyParams: bodyParams(body))
    }

    /// The params a `--body-file` body carries, when it is a JSON object.
    static func bodyParams(_ body: [UInt8]?) -> JSONObject? {
        body.flatMap { (try? JSONParser.parse($0, limits: .request))?.objectValue }
    }

    /// `request` with the params of the body that is actually sent, when there is one.
    static func asSent(_ request: APIRequest, bodyParams: JSONObject?) -> APIRequest {
        guard let bodyParams else { return request }
        var sent = request
        sent.params = bodyParams
        return sent
    }

    /// Violations stop signing: they go to standard error, with the warnings, and the exit code is 1.
    private func reportRefusal(_ report: ValidationReport, source: String) {
        let style = Frontend.errorStyle
        let count = report.violations.count
        let fromContext = report.violations.filter { $0.source == ContextRules.source }.count
        let what = fromContext == 0 ? Self.rules(count) : "\(count) rule\(count == 1 ? "" : "s") (\(fromContext) decided from the account's state in --context)"
        Frontend.writeError("sigscope: error: \(TerminalText.escapingControls(source)): the request breaks \(what) of \(report.provider.displayName) \(report.action); fix \(count == 1 ? "it" : "them") or pass --no-validate to sign it anyway.\n")
        Frontend.writeError(ValidationText.findings(Frontend.safe(report), style: style))
    }

    /// In text mode, the warnings validation found (which do not stop signing) go to standard
    /// error, after signing succeeded and before the output.
    private func reportFindings(_ report: ValidationReport) {
        guard !report.warnings.isEmpty else { return }
        Frontend.writeError("sigscope: validation warnings (signed anyway):\n")
        Frontend.writeError(ValidationText.findings(Frontend.safe(report), style: Frontend.errorStyle))
    }

    // MARK: - Signing

    /// A value or the error that came instead, kept to be thrown later.
    ///
    /// `Result<Value, SigScopeError>` would do, but this small enum keeps the one-shot start from
    /// building generic type metadata at run time.
    enum Outcome<Value> {
        case value(Value)
        case failure(SigScopeError)

        init(_ body: () throws(SigScopeError) -> Value) {
            do throws(SigScopeError) { self = .value(try body()) } catch { self = .failure(error) }
        }

        func get() throws(SigScopeError) -> Value {
            switch self {
            case .value(let value): return value
            case .failure(let error): throw error
            }
        }
    }

    /// What every request of a run shares, worked out once: a batch signs many lines with the
    /// same options, so the overrides, extra signed headers and credentials are not redone per line.
    /// Errors are kept and thrown where each line would have met them.
    struct Shared {
        let overrides: Outcome<RequestOverrides>
        let extraSignedHeaders: [String]
        /// This worker's own random bytes for nonces.
        var random = Frontend.RandomPool()
        /// The signing options, already plain values (`SigningSettings`), read directly per line.
        let signing: SigningSettings
        /// Each provider's credentials (or the error reading them), read once. One slot per
        /// provider, not a dictionary: a dictionary's generic metadata is built at run time, a
        /// tenth of a one-shot start (see `Outcome`).
        private var tencentCredentials: Outcome<Credentials>?
        private var aliyunCredentials: Outcome<Credentials>?
        /// Where the last credentials resolved came from, and their warnings (shown by a single `sign`).
        private(set) var resolvedCredentials: CredentialSources.Resolved?
        /// Whether the credentials and rules are copied into storage of this worker's own (batch
        /// workers): a reference count lives in the object it counts, and two cores that count
        /// the same object keep passing its memory between them.
        let isolated: Bool
        /// This worker's copies of the rules it has validated with.
        private var rules: [ActionRules] = []

        init(requestOptions: RequestSettings, signing: SigningSettings, isolated: Bool = false) {
            overrides = Outcome { () throws(SigScopeError) in try requestOptions.overrides() }
            extraSignedHeaders = (signing.signedHeaders ?? "").split(separator: ";").map { String($0) }
            self.signing = signing
            self.isolated = isolated
        }

        /// Validates `request`, with this worker's own copy of its action's rules when isolated.
        mutating func validate(_ request: APIRequest) -> ValidationReport {
            guard isolated else { return Validator.validate(request) }
            if let own = rules.first(where: { $0.provider == request.provider && $0.action == request.action }) {
                return Validator.validate(request, rules: own)
            }
            guard let known = RuleBook.rules(for: request.provider, action: request.action) else { return Validator.validate(request) }
            let own = known.isolatedCopy()
            rules.append(own)
            return Validator.validate(request, rules: own)
        }

        /// The credentials for `provider`, read from options and environment the first time.
        mutating func credentials(for provider: Provider) throws(SigScopeError) -> Credentials {
            if let known = credentialsSlot(provider) { return try known.get() }
            let signing = self.signing
            let isolated = self.isolated
            var resolved: CredentialSources.Resolved?
            let result = Outcome { () throws(SigScopeError) in
                let found = try CredentialSources(provider: provider, given: signing.givenCredentials).resolve()
                resolved = found
                let credentials = try found.credentials(provider: provider)
                return isolated ? credentials.isolatedCopy() : credentials
            }
            resolvedCredentials = resolved
            switch provider {
            case .tencent: tencentCredentials = result
            case .aliyun: aliyunCredentials = result
            }
            return try result.get()
        }

        private func credentialsSlot(_ provider: Provider) -> Outcome<Credentials>? {
            switch provider {
            case .tencent: return tencentCredentials
            case .aliyun: return aliyunCredentials
            }
        }
    }

    /// Signs `request` with the signing options (and the draft's own settings) applied.
    static func sign(_ request: APIRequest, draft: RequestDraft, body: [UInt8]?, timestamp: Timestamp, nonce: String?, shared: inout Shared) throws(SigScopeError) -> SignedRequest {
        let options = signingOptions(request, draft: draft, body: body, timestamp: timestamp, nonce: nonce, shared: &shared)
        return try Signer.sign(request, options: options, credentials: try shared.credentials(for: request.provider))
    }

    /// The signing options of `request`: the command line's, else the draft's own settings.
    static func signingOptions(_ request: APIRequest, draft: RequestDraft, body: [UInt8]?, timestamp: Timestamp, nonce: String?, shared: inout Shared) -> SigningOptions {
        let algorithm = shared.signing.algorithm ?? draft.algorithm ?? request.provider.defaultAlgorithm
        let extra = shared.extraSignedHeaders
        return SigningOptions(
            timestamp: timestamp,
            algorithm: algorithm,
            method: shared.signing.method ?? draft.method,
            endpoint: shared.signing.endpoint ?? draft.endpoint,
            service: shared.signing.service,
            apiVersion: shared.signing.apiVersion ?? draft.apiVersion,
            body: body,
            contentType: shared.signing.contentType,
            extraSignedHeaders: extra,
            language: shared.signing.language,
            // TC3 has no nonce: none is drawn for it.
            nonce: nonce ?? (algorithm == .tc3 ? nil : Frontend.randomNonce(for: algorithm, from: &shared.random))
        )
    }

    /// The format to write: the one given, text by default, and JSON Lines for `--batch`, which
    /// refuses an explicit `--format text` rather than ignoring it.
    static func format(_ given: OutputFormat?, batch: Bool) throws(SigScopeError) -> OutputFormat {
        guard batch else { return given ?? .text }
        if given == .text {
            throw SigScopeError(.invalidOption, "--batch writes JSON Lines (one JSON object per request); --format text does not apply, drop it")
        }
        return .json
    }

    /// `--batch`: one request object per input line, one JSON object per output line, in order.
    ///
    /// The input is streamed (`BatchReader`): a file of any size or a pipe, read a block at a
    /// time, with memory bounded by the chunks in flight. A large batch is spread over the
    /// machine's cores, one worker per core (own options copy, credentials, plans and nonce
    /// pool), through `OrderedPipeline`, which writes the lines out in input order.
    private func runBatch() throws(SigScopeError) -> Int32 {
        guard let path = requestOptions.requestFile else {
            throw SigScopeError(.missingInput, "--batch needs a JSON Lines file (or - for standard input)")
        }
        let source = path == "-" ? "<stdin>" : path
        // An empty --secret-key is refused before any line is read (exit 64), as for one
        // request, rather than failing every line.
        if let given = signing.secretKey, given.isEmpty {
            try Frontend.refuseEmptySecret(given, option: "--secret-key",
                                           variable: "TENCENTCLOUD_SECRET_KEY or ALIBABA_CLOUD_ACCESS_KEY_SECRET")
        }
        let fd = try Frontend.openDescriptor(path)
        defer { if path != "-" { close(fd) } }
        return try runBatch(BatchReader(source: Frontend.readSource(fd)), source: source)
    }

    /// Below this many lines, one worker signs them all (starting more would cost more than it saves).
    static let parallelFrom = 512
    /// How much is read ahead to choose between one worker and several.
    static let probeBytes = 4 << 20

    func runBatch(_ reader: BatchReader, source: String) throws(SigScopeError) -> Int32 {
        let body = try signing.bodyFile.map { path throws(SigScopeError) in try Frontend.read(path) }
        let state = try contextPaths.isEmpty ? nil : ContextLoader.load(ContextInput.files(contextPaths))
        let context = BatchContext(body: body, bodyParams: Self.bodyParams(body), now: try timestamp(), maxLineBytes: reader.maxLineBytes, state: state)
        // Only as many lines are read ahead as it takes to choose between one worker and several.
        reader.prefetch(lines: Self.parallelFrom + 1, maxBytes: Self.probeBytes)
        var first: Range<Int>?
        var probed = 0
        _ = BatchReader.scan(reader.pendingBytes, firstNumber: 1, maxLineBytes: reader.maxLineBytes) { line in
            if probed == 0, !line.tooLong { first = line.range }
            probed += 1
            return probed < Self.parallelFrom
        }
        if let first, probed > 1 { try Self.refuseSingleDocument(reader, first: first, source: source) }
        let workerCount = probed >= Self.parallelFrom || !reader.sourceEnded ? Self.workerCount : 1
        var workers = (0..<workerCount).map { _ in
            BatchWorker(shared: Shared(requestOptions: requestOptions, signing: signing, isolated: workerCount > 1), mode: mode,
                        source: String(decoding: Array(source.utf8), as: UTF8.self), context: context)
        }
        // A TC3 line is about 2.1 KiB of output for some 400 bytes of input, a curl line more: room
        // for eight times a chunk's input, so a chunk's buffer rarely grows (growing copies it
        // into new pages). Room not written to costs no memory. A short batch reserves only what
        // its lines need.
        let inputBytes = reader.sourceEnded ? reader.pendingBytes.count : reader.blockSize
        let summary = OrderedPipeline.run(reader, workers: &workers, outputCapacity: 8 * min(inputBytes, reader.blockSize) + 4096) { bytes in
            Frontend.writeBytes(bytes)
        }
        if let error = summary.readError {
            fflush(stdout)
            throw SigScopeError(.invalidRequest, "read error after line \(summary.lines): \(String(cString: strerror(error)))", source: source)
        }
        if let firstFailure = summary.firstFailure {
            // Standard output holds every error object; a person also gets one line of summary.
            let lineCount = summary.lines
            let counted = "\(summary.failures) of \(lineCount) line\(lineCount == 1 ? "" : "s") failed"
            Frontend.writeError("sigscope: " + (summary.failures == 1 ? "\(counted): " : "\(counted); the first is ") + TerminalText.escapingControls(firstFailure.description) + "\n")
        }
        return summary.failures > 0 ? 1 : 0
    }

    /// A file that is one pretty-printed JSON document (a request, or an array of them) rather
    /// than JSON Lines would fail on every line with errors that do not say why; it is refused
    /// at once, saying what to do. Only looked into when the first line (`first`, of two or more,
    /// in what `reader` has read ahead) is not JSON; then the input is read ahead up to the
    /// single-document limit, and looked at as a whole when it ends within it.
    static func refuseSingleDocument(_ reader: BatchReader, first: Range<Int>, source: String) throws(SigScopeError) {
        guard (try? JSONParser.parse(Array(reader.pendingBytes[first]), limits: .request)) == nil else { return }
        reader.prefetch(lines: .max, maxBytes: Frontend.maxInputBytes + 1)
        let bytes = reader.pendingBytes
        guard reader.sourceEnded, reader.readError == nil, bytes.count <= Frontend.maxInputBytes, let whole = try? JSONParser.parse(Array(bytes)) else { return }
        var count = 0
        _ = BatchReader.scan(bytes, firstNumber: 1, maxLineBytes: .max) { _ in
            count += 1
            return true
        }
        let what: String
        let fix: String
        let file = source == "<stdin>" ? "" : " " + ShellQuote.quote(source)
        switch whole {
        case .object: (what, fix) = ("one JSON object", "sign it without --batch, or make it one line with `jq -c .\(file)`")
        case .array: (what, fix) = ("one JSON array", "make it one request per line with `jq -c '.[]'\(file)`")
        default: return
        }
        throw SigScopeError(.invalidJSON, "--batch reads JSON Lines (one request object per line), but the input is \(what) spread over \(count) lines; \(fix)",
                            source: source)
    }

    /// How many workers sign a large batch: one per online core, at most 8.
    static var workerCount: Int {
        min(max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1), 8)
    }

    /// What every worker reads and none changes.
    struct BatchContext: @unchecked Sendable {  // Read-only while the workers run.
        let body: [UInt8]?
        let bodyParams: JSONObject?
        let now: Timestamp
        let maxLineBytes: Int
        /// The `--context` state every line is also validated against.
        var state: ContextState? = nil
    }

    /// One worker's state: its options copy, with its credentials, rules, plans and nonce pool.
    struct BatchWorker: BatchLineProcessor {
        var shared: Shared
        let mode: Mode
        /// The input's name, in storage of this worker's own. A failing line's error object
        /// carries its line number and reason, not this name, so no per-line name is built.
        let source: String
        let context: BatchContext
        /// This worker's TC3 plans, signers and templates, and its libcrypto contexts.
        let batchSigner = TC3BatchSigner()

        /// Signs one line (or reports its error) into `output`, ending it with a newline.
        mutating func process(_ line: BatchLine, text: UnsafeBufferPointer<UInt8>, into output: ByteBuffer) -> BatchFailure? {
            defer { output.append(0x0A) }
            do throws(SigScopeError) {
                if line.tooLong {
                    throw SigScopeError(.limitExceeded, "the line is longer than the limit of \(context.maxLineBytes) bytes for one request")
                }
                var paramsSpan: JSONSpan?
                var paramsAsGiven = false
                let draft = try RequestDraft.parse(text, source: source, paramsSpan: &paramsSpan)
                let request = try RequestBuilder.build(draft, overrides: try shared.overrides.get(), source: source, paramsAsGiven: &paramsAsGiven)
                // The params' own text, when the body can be made from it (see TC3BatchSigner.writeSignedCompact).
                let paramsText = paramsSpan.flatMap { span in
                    paramsAsGiven && !span.hasEscapes ? UnsafeBufferPointer(rebasing: text[span.range]) : nil
                }
                // A batch line's report only ever refuses it (its warnings are not printed), so
                // with --no-validate there is nothing to validate for.
                if !shared.signing.noValidate {
                    let sent = SignPipeline.asSent(request, bodyParams: context.bodyParams)
                    let report = context.state.map { ContextRules.validate(sent, context: $0) } ?? shared.validate(sent)
                    if !report.valid {
                        JSONWriter.compact.write(SignPipeline.validationFailure(report, line: line.number), into: output)
                        return BatchFailure(line: line.number, code: SigScopeError.Code.validationFailed.rawValue,
                                            message: "\(SignPipeline.rules(report.violations.count)) broken (\(report.violations.map(\.path).joined(separator: ", ")))")
                    }
                }
                let options = SignPipeline.signingOptions(request, draft: draft, body: context.body, timestamp: context.now, nonce: shared.signing.nonce, shared: &shared)
                let credentials = try shared.credentials(for: request.provider)
                // A TC3 POST line is written from its plan's template (see TC3BatchSigner.writeSignedCompact).
                // Every line carries the single document's `schemaVersion`, `timestamp` and `nonce`.
                let written = mode == .sign ? try batchSigner.writeSignedCompact(request, options: options, credentials: credentials,
                                                                                showSecrets: shared.signing.showSecrets, schemaVersion: Frontend.schemaVersion,
                                                                                paramsText: paramsText, into: output) : false
                if !written {
                    let signed = try Signer.sign(request, options: options, credentials: credentials, contexts: batchSigner.contexts)
                    // Rendered straight into the output buffer, without a JSON tree per line.
                    SignOutput.writeCompact(signed, showSecrets: shared.signing.showSecrets,
                                            command: mode == .curl ? CurlCommand.render(signed.request, multiline: false) : nil,
                                            stamp: SignOutput.Stamp(schemaVersion: Frontend.schemaVersion, signed, options: options), into: output)
                }
                return nil
            } catch {
                JSONWriter.compact.write(SignPipeline.lineFailure(error, line: line.number), into: output)
                return BatchFailure(line: line.number, column: error.column, code: error.code.rawValue, message: Wording.reason(error))
            }
        }
    }

    /// A batch line that could not be read or signed: `{"line": N, "error": {"code", "message"}, "schemaVersion"}`
    /// (`schemaVersion` last, after what the line says, as on a signed line),
    /// with `"column"` (1-based, in characters, within the line) when the error has a place, such as a
    /// JSON syntax error: the message alone says "opened here" and the column says where.
    static func lineFailure(_ error: SigScopeError, line: Int) -> JSONValue {
        var details: JSONObject = ["code": .string(error.code.rawValue), "message": .string(Wording.reason(error))]
        if let column = error.column { details["column"] = .number(String(column)) }
        return .object(["line": .number(String(line)), "error": .object(details), "schemaVersion": .number(String(Frontend.schemaVersion))])
    }

    /// `1 parameter rule`, `3 parameter rules`.
    static func rules(_ count: Int) -> String {
        "\(count) parameter rule\(count == 1 ? "" : "s")"
    }

    /// A batch line refused by validation: `{"line": N, "error": {"code": "validation-failed",
    /// "message", "violations": [...], "warnings": [...]}, "schemaVersion"}`.
    static func validationFailure(_ report: ValidationReport, line: Int) -> JSONValue {
        let count = report.violations.count
        let worded = Wording.worded(report)
        return .object([
            "line": .number(String(line)),
            "error": .object([
                "code": .string(SigScopeError.Code.validationFailed.rawValue),
                "message": .string("the request breaks \(rules(count)) of \(report.provider.displayName) \(report.action); fix \(count == 1 ? "it" : "them") or pass --no-validate"),
                "violations": .array(worded.violations.map(\.json)),
                "warnings": .array(worded.warnings.map(\.json)),
            ]),
            "schemaVersion": .number(String(Frontend.schemaVersion)),
        ])
    }
}
