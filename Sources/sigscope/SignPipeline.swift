import ArgumentParser
import SigScope

/// What `sign` and `curl` share: read the request, build it, sign it, render it.
struct SignPipeline {
    enum Mode { case sign, curl }

    let requestOptions: RequestOptions
    let signing: SigningOptionGroup
    let format: OutputFormat
    let mode: Mode

    func run() throws(SigScopeError) -> Int32 {
        if signing.batch {
            return try runBatch()
        }
        let source = requestOptions.source
        let draft = try requestOptions.readDraft()
        let request = try requestOptions.build(draft, source: source)
        let body = try signing.bodyFile.map { path throws(SigScopeError) in try Frontend.read(path) }
        let report = Validator.validate(Self.asSent(request, body: body))
        if !report.valid && !signing.noValidate {
            reportRefusal(report, source: source)
            return 1
        }
        let signed = try sign(request, draft: draft, body: body, timestamp: try timestamp(), nonce: signing.nonce)
        // Reported only once signing succeeded, so a usage error is never buried under validation notes.
        if format == .text {
            reportFindings(report)
        }
        switch (mode, format) {
        case (.sign, .text):
            Frontend.writeOut(TraceText.render(signed, showSecrets: signing.showSecrets, style: Frontend.style))
        case (.curl, .text):
            Frontend.writeOut(CurlCommand.render(signed.request) + "\n")
        case (.sign, .json):
            Frontend.writeOut(JSONWriter.pretty.string(SignOutput.json(signed, showSecrets: signing.showSecrets)) + "\n")
        case (.curl, .json):
            let command = CurlCommand.render(signed.request)
            Frontend.writeOut(JSONWriter.pretty.string(SignOutput.json(signed, showSecrets: signing.showSecrets, command: command)) + "\n")
        }
        return 0
    }

    private func timestamp() throws(SigScopeError) -> Timestamp {
        try signing.timestamp.map { text throws(SigScopeError) in try Timestamp.parse(text) } ?? Frontend.now()
    }

    // MARK: - Validation

    /// The request whose parameters are actually sent: with `--body-file` a JSON object body
    /// replaces the params (that is what the server reads); any other body leaves them as they are.
    static func asSent(_ request: APIRequest, body: [UInt8]?) -> APIRequest {
        guard let body, let object = (try? JSONParser.parse(body, limits: .request))?.objectValue else { return request }
        var sent = request
        sent.params = object
        return sent
    }

    /// Violations stop signing: they go to standard error, with the warnings, and the exit code is 1.
    private func reportRefusal(_ report: ValidationReport, source: String) {
        let style = Frontend.errorStyle
        let count = report.violations.count
        Frontend.writeError("sigscope: error: \(source): the request breaks \(count) parameter rule\(count == 1 ? "" : "s") of \(report.provider.displayName) \(report.action); fix \(count == 1 ? "it" : "them") or pass --no-validate to sign it anyway.\n")
        Frontend.writeError(ValidationText.findings(report, style: style))
    }

    /// In text mode, what validation found but did not stop (warnings, or violations under
    /// --no-validate) goes to standard error, after signing succeeded and before the output.
    private func reportFindings(_ report: ValidationReport) {
        guard !report.violations.isEmpty || !report.warnings.isEmpty else { return }
        let what = report.violations.isEmpty ? "warnings (signed anyway)" : "violations ignored because of --no-validate"
        Frontend.writeError("sigscope: validation \(what):\n")
        Frontend.writeError(ValidationText.findings(report, style: Frontend.errorStyle))
    }

    // MARK: - Signing

    /// Signs `request` with the signing options (and the draft's own settings) applied.
    private func sign(_ request: APIRequest, draft: RequestDraft, body: [UInt8]?, timestamp: Timestamp, nonce: String?) throws(SigScopeError) -> SignedRequest {
        let algorithm = signing.algorithm ?? draft.algorithm ?? request.provider.defaultAlgorithm
        let credentials = try Frontend.credentials(for: request.provider, secretId: signing.secretId, secretKey: signing.secretKey, token: signing.token)
        let extra = (signing.signedHeaders ?? "").split(separator: ";").map { String($0) }
        let options = SigningOptions(
            timestamp: timestamp,
            algorithm: algorithm,
            method: signing.method ?? draft.method,
            endpoint: signing.endpoint ?? draft.endpoint,
            service: signing.service,
            apiVersion: signing.apiVersion ?? draft.apiVersion,
            body: body,
            contentType: signing.contentType,
            extraSignedHeaders: extra,
            language: signing.language,
            nonce: nonce ?? Frontend.randomNonce(for: algorithm)
        )
        return try Signer.sign(request, options: options, credentials: credentials)
    }

    /// `--batch`: one request object per input line, one JSON object per output line, in order.
    private func runBatch() throws(SigScopeError) -> Int32 {
        guard let path = requestOptions.requestFile else {
            throw SigScopeError(.missingInput, "--batch needs a JSON Lines file (or - for standard input)")
        }
        let source = path == "-" ? "<stdin>" : path
        let bytes = try Frontend.read(path)
        let body = try signing.bodyFile.map { path throws(SigScopeError) in try Frontend.read(path) }
        let now = try timestamp()
        var failures = 0
        var lineNumber = 0
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 4)
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var text = Array(line)
            if text.last == 0x0D { text.removeLast() }
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let value: JSONValue
            do {
                let lineSource = "\(source) line \(lineNumber)"
                let draft = try RequestDraft.parse(text, source: lineSource)
                let request = try requestOptions.build(draft, source: lineSource)
                let report = Validator.validate(Self.asSent(request, body: body))
                if !report.valid && !signing.noValidate {
                    failures += 1
                    value = Self.validationFailure(report, line: lineNumber)
                } else {
                    let signed = try sign(request, draft: draft, body: body, timestamp: now, nonce: signing.nonce)
                    value = SignOutput.json(signed, showSecrets: signing.showSecrets, command: mode == .curl ? CurlCommand.render(signed.request, multiline: false) : nil)
                }
            } catch {
                failures += 1
                value = .object([
                    "line": .number(String(lineNumber)),
                    "error": .object(["code": .string(error.code.rawValue), "message": .string(error.reason)]),
                ])
            }
            output.append(contentsOf: JSONWriter.compact.bytes(value))
            output.append(0x0A)
            if output.count > 1 << 20 {
                Frontend.writeOut(String(decoding: output, as: UTF8.self))
                output.removeAll(keepingCapacity: true)
            }
        }
        Frontend.writeOut(String(decoding: output, as: UTF8.self))
        return failures > 0 ? 1 : 0
    }

    /// A batch line refused by validation: `{"line": N, "error": {"code": "validation-failed",
    /// "message", "violations": [...], "warnings": [...]}}`.
    static func validationFailure(_ report: ValidationReport, line: Int) -> JSONValue {
        let count = report.violations.count
        return .object([
            "line": .number(String(line)),
            "error": .object([
                "code": .string(SigScopeError.Code.validationFailed.rawValue),
                "message": .string("the request breaks \(count) parameter rule\(count == 1 ? "" : "s") of \(report.provider.displayName) \(report.action); fix \(count == 1 ? "it" : "them") or pass --no-validate"),
                "violations": .array(report.violations.map(\.json)),
                "warnings": .array(report.warnings.map(\.json)),
            ]),
        ])
    }
}
