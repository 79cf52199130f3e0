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
        let source = requestOptions.requestFile.map { $0 == "-" ? "<stdin>" : $0 } ?? "options"
        var draft = RequestDraft()
        if let path = requestOptions.requestFile {
            draft = try RequestDraft.parse(try Frontend.read(path), source: source)
        }
        let body = try signing.bodyFile.map { path throws(SigScopeError) in try Frontend.read(path) }
        let signed = try sign(draft, source: source, body: body, timestamp: try timestamp(), nonce: signing.nonce)
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

    /// Signs one draft with the command-line options applied over it.
    private func sign(_ draft: RequestDraft, source: String, body: [UInt8]?, timestamp: Timestamp, nonce: String?) throws(SigScopeError) -> SignedRequest {
        var overrides = RequestOverrides(provider: requestOptions.provider, action: requestOptions.action, region: requestOptions.region)
        for text in requestOptions.params {
            overrides.params.append(try RequestOverrides.parseParam(text))
        }
        let request = try RequestBuilder.build(draft, overrides: overrides, source: source)
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
                let draft = try RequestDraft.parse(text, source: "\(source) line \(lineNumber)")
                let signed = try sign(draft, source: "\(source) line \(lineNumber)", body: body, timestamp: now, nonce: signing.nonce)
                value = SignOutput.json(signed, showSecrets: signing.showSecrets, command: mode == .curl ? CurlCommand.render(signed.request, multiline: false) : nil)
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
}
