import ArgumentParser
import Dispatch
import SigScope
import Synchronization
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
            if format == .json { Frontend.writeOut(JSONWriter.pretty.string(Frontend.versioned(report.json)) + "\n") }
            reportRefusal(report, source: source)
            return 1
        }
        var shared = Shared(requestOptions: requestOptions, signing: signing)
        let options = Self.signingOptions(request, draft: draft, body: body, timestamp: try timestamp(), nonce: signing.nonce, shared: &shared)
        let signed = try Signer.sign(request, options: options, credentials: try shared.credentials(for: request.provider), cache: shared.keyCache)
        // Reported only once signing succeeded, so a usage error is never buried under validation notes.
        if format == .text {
            if let report { reportFindings(report) }
            if mode == .sign { shared.resolvedCredentials?.report() }
        }
        switch (mode, format) {
        case (.sign, .text):
            Frontend.writeReport(TraceText.render(signed, showSecrets: signing.showSecrets, style: Frontend.style))
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
        let algorithm = signed.algorithm
        object["timestamp"] = .number(String(options.timestamp.unixSeconds))
        object["nonce"] = algorithm == .tc3 ? .null : options.nonce.map { .string($0) } ?? .null
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
        // One slot per provider, not a dictionary: see `Outcome`.
        /// Each provider's credentials (or the error reading them), read once.
        private var credentialsRead: [Provider: Outcome<Credentials>] = [:]
        /// Where the last credentials resolved came from, and their warnings (shown by a single `sign`).
        private(set) var resolvedCredentials: CredentialSources.Resolved?
        /// The derived keys of this worker's last signature.
        let keyCache = SigningKeyCache()
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
            if let known = credentialsRead[provider] { return try known.get() }
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
            credentialsRead[provider] = result
            return try result.get()
        }
    }

    /// Signs `request` with the signing options (and the draft's own settings) applied.
    static func sign(_ request: APIRequest, draft: RequestDraft, body: [UInt8]?, timestamp: Timestamp, nonce: String?, shared: inout Shared) throws(SigScopeError) -> SignedRequest {
        let options = signingOptions(request, draft: draft, body: body, timestamp: timestamp, nonce: nonce, shared: &shared)
        return try Signer.sign(request, options: options, credentials: try shared.credentials(for: request.provider), cache: shared.keyCache)
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
    /// Lines are independent, so a large batch is spread over the machine's cores, one worker per
    /// core (own options copy, credentials and nonce pool), with no pause between parts of the
    /// input: a worker claims the next chunk of lines (finding them as it claims), signs it into
    /// one of a ring of chunk buffers, and whichever worker finishes the oldest unwritten chunk
    /// writes out every chunk that is then ready, in input order, while the others go on signing.
    /// Claiming small chunks rather than splitting the input in equal parts keeps every core busy
    /// to the end when one of them is slowed down by something else.
    private func runBatch() throws(SigScopeError) -> Int32 {
        guard let path = requestOptions.requestFile else {
            throw SigScopeError(.missingInput, "--batch needs a JSON Lines file (or - for standard input)")
        }
        let source = path == "-" ? "<stdin>" : path
        // A regular file is mapped, anything else (standard input, a pipe) read.
        let mapped = Frontend.MappedFile(path)
        let read = mapped == nil ? try Frontend.read(path) : []
        defer { withExtendedLifetime(mapped) {} }
        return try read.withUnsafeBufferPointer { readBytes throws(SigScopeError) in
            try runBatch(mapped?.bytes ?? readBytes, source: source)
        }
    }

    /// Lines of a chunk: one worker signs them in a row.
    static let chunkSize = 128
    /// Below this many lines, one worker signs them all (starting more would cost more than it saves).
    static let parallelFrom = 512

    private func runBatch(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws(SigScopeError) -> Int32 {
        let body = try signing.bodyFile.map { path throws(SigScopeError) in try Frontend.read(path) }
        let state = try contextPaths.isEmpty ? nil : ContextLoader.load(ContextInput.files(contextPaths))
        let context = BatchContext(body: body, bodyParams: Self.bodyParams(body), now: try timestamp(), state: state)
        // Only as many lines are looked for as it takes to choose between one worker and several.
        var probe = LineScanner(bytes)
        let first = probe.next()
        var probed = first == nil ? 0 : 1
        while probed < Self.parallelFrom, probe.next() != nil { probed += 1 }
        if let first, probed > 1 { try Self.refuseSingleDocument(bytes, first: first.range, source: source) }
        let workerCount = probed >= Self.parallelFrom ? Self.workerCount : 1
        var workers = (0..<workerCount).map { _ in
            BatchWorker(shared: Shared(requestOptions: requestOptions, signing: signing, isolated: workerCount > 1), mode: mode,
                        source: String(decoding: Array(source.utf8), as: UTF8.self))
        }
        // Enough buffers that a worker can sign several chunks ahead of one still being signed
        // (a core slowed for a while) before it has to wait for that one to be written.
        // A TC3 line is about 2.1 KiB of output, a curl line more: room for 4 KiB a line, so a
        // chunk's buffer never grows (growing copied it into new pages). Room not written to
        // costs no memory. A short batch reserves only what its lines need.
        var chunks = (0..<(workerCount == 1 ? 1 : 8 * workerCount)).map { _ in
            BatchChunk(capacity: min(Self.chunkSize, probed) * 4096, lines: Self.chunkSize)
        }
        let progress = Mutex(BatchProgress(scanner: LineScanner(bytes), slots: chunks.count))
        let input = bytes
        workers.withUnsafeMutableBufferPointer { pool in
            chunks.withUnsafeMutableBufferPointer { chunkSlots in
                let slots = WorkerSlots(workers: pool, chunks: chunkSlots, input: input)
                if workerCount == 1 {
                    Self.work(0, slots: slots, progress: progress, context: context)
                } else {
                    DispatchQueue.concurrentPerform(iterations: workerCount) { w in
                        Self.work(w, slots: slots, progress: progress, context: context)
                    }
                }
            }
        }
        let (lineCount, failures, firstFailure) = progress.withLock { ($0.lines, $0.failures, $0.firstFailure) }
        if let firstFailure {
            // Standard output holds every error object; a person also gets one line of summary.
            let counted = "\(failures) of \(lineCount) line\(lineCount == 1 ? "" : "s") failed"
            Frontend.writeError("sigscope: " + (failures == 1 ? "\(counted): " : "\(counted); the first is ") + TerminalText.escapingControls(firstFailure.description) + "\n")
        }
        return failures > 0 ? 1 : 0
    }

    /// Where a batch stands, shared by its workers under one lock: held only to claim a chunk (and
    /// find its lines), to mark one signed, and to start or end writing, never while signing.
    struct BatchProgress: @unchecked Sendable {  // Only ever touched under its lock; the input it scans outlives the batch.
        /// Finds the lines of the chunks not claimed yet.
        var scanner: LineScanner
        /// The number of chunk slots (buffers); chunk `c` uses slot `c % slots`.
        let slots: Int
        /// The chunk the next claim gets.
        var claimed = 0
        /// How many chunks have been written out: chunk `written` is the next to go.
        var written = 0
        /// Per slot: its chunk is signed and waits to be written.
        var signed: [Bool]
        /// A worker is writing chunks out (one at a time, so they go out in order).
        var writing = false
        /// Every line has been claimed.
        var exhausted = false
        var lines = 0
        var failures = 0
        var firstFailure: BatchChunk.Failure?

        init(scanner: LineScanner, slots: Int) {
            self.scanner = scanner
            self.slots = slots
            signed = Array(repeating: false, count: slots)
        }

        /// What a worker does next.
        enum Step { case sign(Int), write(Range<Int>), wait, stop }

        /// The next step of a worker, which has just signed chunk `done` (if any): write the
        /// chunks that are ready when no one else is writing, else claim the next chunk when
        /// its slot is free, else wait for a slot, or stop when every line is claimed.
        mutating func next(after done: Int?, chunks: UnsafeMutableBufferPointer<BatchChunk>) -> Step {
            if let done { signed[done % slots] = true }
            if !writing, written < claimed, signed[written % slots] {
                var end = written + 1
                while end < claimed, signed[end % slots] { end += 1 }
                writing = true
                return .write(written..<end)
            }
            guard !exhausted else { return .stop }
            guard claimed < written + slots else { return .wait }
            let c = claimed
            let slot = c % slots
            chunks[slot].lines.removeAll(keepingCapacity: true)
            while chunks[slot].lines.count < SignPipeline.chunkSize, let line = scanner.next() {
                chunks[slot].lines.append(line)
            }
            guard !chunks[slot].lines.isEmpty else {
                exhausted = true
                return .stop
            }
            lines += chunks[slot].lines.count
            claimed += 1
            return .sign(c)
        }

        /// Chunks `range` have been written out: their slots are free, their failures counted.
        mutating func wrote(_ range: Range<Int>, failures: Int, firstFailure: BatchChunk.Failure?) {
            for c in range { signed[c % slots] = false }
            written = range.upperBound
            writing = false
            self.failures += failures
            if self.firstFailure == nil { self.firstFailure = firstFailure }
        }
    }

    /// Worker `w`'s part of a batch: claim, sign, write, until every line is written or being
    /// signed by another worker (which then writes it).
    static func work(_ w: Int, slots: WorkerSlots, progress: borrowing Mutex<BatchProgress>, context: BatchContext) {
        var done: Int?
        while true {
            let step = progress.withLock { state in state.next(after: done, chunks: slots.chunks) }
            done = nil
            switch step {
            case .sign(let c):
                let slot = c % slots.chunks.count
                for line in slots.chunks[slot].lines {
                    slots.workers[w].process(line, input: slots.input, context: context, into: &slots.chunks[slot])
                }
                done = c
            case .write(let range):
                var failures = 0
                var firstFailure: BatchChunk.Failure?
                for c in range {
                    let slot = c % slots.chunks.count
                    // Each chunk's lines go out in order straight from its own buffer (no copy into another).
                    Frontend.writeBytes(slots.chunks[slot].output.bytes)
                    slots.chunks[slot].output.removeAll()
                    failures += slots.chunks[slot].failures
                    slots.chunks[slot].failures = 0
                    if firstFailure == nil { firstFailure = slots.chunks[slot].firstFailure }
                    slots.chunks[slot].firstFailure = nil
                }
                progress.withLock { state in state.wrote(range, failures: failures, firstFailure: firstFailure) }
            case .wait:
                // Every slot holds a chunk not yet written: the oldest is still being signed.
                usleep(50)
            case .stop:
                return
            }
        }
    }

    /// A file that is one pretty-printed JSON document (a request, or an array of them) rather
    /// than JSON Lines would fail on every line with errors that do not say why; it is refused
    /// at once, saying what to do. Only looked into when the first line (`first`, of two or more)
    /// is not JSON.
    static func refuseSingleDocument(_ bytes: UnsafeBufferPointer<UInt8>, first: Range<Int>, source: String) throws(SigScopeError) {
        guard (try? JSONParser.parse(Array(bytes[first]), limits: .request)) == nil, let whole = try? JSONParser.parse(Array(bytes)) else { return }
        var scanner = LineScanner(bytes)
        var count = 0
        while scanner.next() != nil { count += 1 }
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

    /// Finds the lines of a batch input one after another: the number and byte range of every
    /// line that is not blank (CR before LF dropped), numbering blank lines too.
    struct LineScanner {
        private let base: UnsafePointer<UInt8>?
        private let count: Int
        private var lineStart = 0
        private var lineNumber = 0

        init(_ buffer: UnsafeBufferPointer<UInt8>) {
            base = buffer.baseAddress
            count = buffer.count
        }

        mutating func next() -> (number: Int, range: Range<Int>)? {
            guard let base else { return nil }
            while lineStart <= count {
                // The next newline is found with memchr.
                let lineEnd = memchr(base + lineStart, 0x0A, count - lineStart).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? count
                let start = lineStart
                lineStart = lineEnd + 1
                lineNumber += 1
                var end = lineEnd
                if end > start, base[end - 1] == 0x0D { end -= 1 }
                for i in start..<end where base[i] != 0x20 && base[i] != 0x09 {
                    return (lineNumber, start..<end)
                }
            }
            return nil
        }
    }

    /// How many workers sign a large batch: one per online core, at most 8.
    static var workerCount: Int {
        min(max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1), 8)
    }

    /// The workers, chunks and input as the concurrent workers see them: worker `w` touches only
    /// `workers[w]` and the chunk slots it holds (a slot is handed over under the progress lock:
    /// claimed, signed, written), and the input is only read.
    struct WorkerSlots: @unchecked Sendable {
        let workers: UnsafeMutableBufferPointer<BatchWorker>
        let chunks: UnsafeMutableBufferPointer<BatchChunk>
        let input: UnsafeBufferPointer<UInt8>
    }

    /// One chunk of lines: where they are, their output, and how many of them failed.
    struct BatchChunk {
        var lines: [(number: Int, range: Range<Int>)]
        let output: ByteBuffer
        var failures = 0
        /// The chunk's first failing line, for the summary on standard error.
        var firstFailure: Failure?

        struct Failure {
            let line: Int
            var column: Int? = nil
            let code: String
            let message: String

            /// `line 3, column 17: invalid-json: …`
            var description: String {
                "line \(line)" + (column.map { ", column \($0)" } ?? "") + ": \(code): \(message)"
            }
        }

        init(capacity: Int, lines: Int) {
            output = ByteBuffer(capacity: capacity)
            self.lines = []
            self.lines.reserveCapacity(lines)
        }
    }

    /// What every worker reads and none changes.
    struct BatchContext: @unchecked Sendable {  // Read-only while the workers run.
        let body: [UInt8]?
        let bodyParams: JSONObject?
        let now: Timestamp
        /// The `--context` state every line is also validated against.
        var state: ContextState? = nil
    }

    /// One worker's state: its options copy, with its credentials, rules, keys and nonce pool.
    struct BatchWorker {
        var shared: Shared
        let mode: Mode
        /// The input's name, in storage of this worker's own. A failing line's error object
        /// carries its line number and reason, not this name, so no per-line name is built.
        let source: String

        /// Signs one line (or reports its error) into `chunk`, ending it with a newline.
        mutating func process(_ line: (number: Int, range: Range<Int>), input: UnsafeBufferPointer<UInt8>, context: BatchContext, into chunk: inout BatchChunk) {
            do {
                let text = UnsafeBufferPointer(rebasing: input[line.range])
                var paramsSpan: JSONSpan?
                var paramsAsGiven = false
                let draft = try RequestDraft.parse(text, source: source, paramsSpan: &paramsSpan)
                let request = try RequestBuilder.build(draft, overrides: try shared.overrides.get(), source: source, paramsAsGiven: &paramsAsGiven)
                // The params' own text, when the body can be made from it (see TC3Signer.writeSignedCompact).
                let paramsText = paramsSpan.flatMap { span in
                    paramsAsGiven && !span.hasEscapes ? UnsafeBufferPointer(rebasing: text[span.range]) : nil
                }
                // A batch line's report only ever refuses it (its warnings are not printed), so
                // with --no-validate there is nothing to validate for.
                var refused: ValidationReport?
                if !shared.signing.noValidate {
                    let sent = SignPipeline.asSent(request, bodyParams: context.bodyParams)
                    let report = context.state.map { ContextRules.validate(sent, context: $0) } ?? shared.validate(sent)
                    if !report.valid { refused = report }
                }
                if let report = refused {
                    chunk.failures += 1
                    if chunk.firstFailure == nil {
                        chunk.firstFailure = .init(line: line.number, code: SigScopeError.Code.validationFailed.rawValue,
                                                   message: "\(SignPipeline.rules(report.violations.count)) broken (\(report.violations.map(\.path).joined(separator: ", ")))")
                    }
                    JSONWriter.compact.write(SignPipeline.validationFailure(report, line: line.number), into: chunk.output)
                } else {
                    let options = SignPipeline.signingOptions(request, draft: draft, body: context.body, timestamp: context.now, nonce: shared.signing.nonce, shared: &shared)
                    let credentials = try shared.credentials(for: request.provider)
                    // A TC3 POST line is written from its signer's template (see TC3Signer.writeSignedCompact).
                    let written = mode == .sign ? try Signer.writeSignedCompact(request, options: options, credentials: credentials, cache: shared.keyCache,
                                                                               showSecrets: shared.signing.showSecrets, paramsText: paramsText,
                                                                               into: chunk.output) : false
                    if !written {
                        let signed = try Signer.sign(request, options: options, credentials: credentials, cache: shared.keyCache)
                        // Rendered straight into the output buffer, without a JSON tree per line.
                        SignOutput.writeCompact(signed, showSecrets: shared.signing.showSecrets,
                                                command: mode == .curl ? CurlCommand.render(signed.request, multiline: false) : nil, into: chunk.output)
                    }
                }
            } catch {
                chunk.failures += 1
                if chunk.firstFailure == nil {
                    chunk.firstFailure = .init(line: line.number, column: error.column, code: error.code.rawValue, message: error.reason)
                }
                JSONWriter.compact.write(SignPipeline.lineFailure(error, line: line.number), into: chunk.output)
            }
            chunk.output.append(0x0A)
        }
    }

    /// A batch line that could not be read or signed: `{"line": N, "error": {"code", "message"}}`,
    /// with `"column"` (1-based, in characters, within the line) when the error has a place, such as a
    /// JSON syntax error: the message alone says "opened here" and the column says where.
    static func lineFailure(_ error: SigScopeError, line: Int) -> JSONValue {
        var details: JSONObject = ["code": .string(error.code.rawValue), "message": .string(error.reason)]
        if let column = error.column { details["column"] = .number(String(column)) }
        return .object(["line": .number(String(line)), "error": .object(details)])
    }

    /// `1 parameter rule`, `3 parameter rules`.
    static func rules(_ count: Int) -> String {
        "\(count) parameter rule\(count == 1 ? "" : "s")"
    }

    /// A batch line refused by validation: `{"line": N, "error": {"code": "validation-failed",
    /// "message", "violations": [...], "warnings": [...]}}`.
    static func validationFailure(_ report: ValidationReport, line: Int) -> JSONValue {
        let count = report.violations.count
        return .object([
            "line": .number(String(line)),
            "error": .object([
                "code": .string(SigScopeError.Code.validationFailed.rawValue),
                "message": .string("the request breaks \(rules(count)) of \(report.provider.displayName) \(report.action); fix \(count == 1 ? "it" : "them") or pass --no-validate"),
                "violations": .array(report.violations.map(\.json)),
                "warnings": .array(report.warnings.map(\.json)),
            ]),
        ])
    }
}
