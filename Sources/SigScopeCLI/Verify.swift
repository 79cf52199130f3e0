import ArgumentParser
import SigScope

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute the signature of a captured request and explain any mismatch.",
        discussion: """
        CAPTURE is a raw HTTP/1.1 request (as mitmproxy or Burp saves it), a curl command line \
        (as `sigscope curl` or a browser's "Copy as cURL" prints it), a HAR 1.2 file (the first \
        Tencent or Alibaba API entry, or --entry N), the Tencent Cloud Python SDK's debug log \
        (client.set_stream_logger(): its "SendRequest: Host: … Method: … Header: … Data: …" \
        record), or a verbose transcript: the Alibaba Cloud Python core SDK's DEBUG=sdk log \
        ("> GET /?…&Signature=… HTTP/1.1") or curl -v, whose request lines show no body (so \
        only a request without one can be verified from them). The form is told from the \
        content. The provider and \
        the algorithm are detected from the request. Every step is recomputed from the \
        request's own facts (the TC3 scope date from X-TC-Timestamp in UTC, the service from \
        the endpoint, the payload hash from the body bytes sent) and compared in constant time. \
        On a mismatch, known client mistakes are replayed and the ones that reproduce the \
        provided signature are reported as findings.

        The timestamp is judged against this machine's clock (Tencent allows 5 minutes, \
        Alibaba 15); --now judges it against another instant, --no-clock not at all. With \
        --server-error, a signature that verifies but that the server rejected as wrong \
        (AuthFailure.SignatureFailure, SignatureDoesNotMatch, IncompleteSignature) is \
        server-holds-another-secret: the server has another secret for the key id.

        Exit codes: 0 the signature matches · 1 mismatch · 2 the capture cannot be read · \
        64 wrong usage.

        Examples:
          sigscope verify request.txt --secret-key "$TENCENTCLOUD_SECRET_KEY"
          sigscope verify sdk-debug.log --now 1700000000   # the Tencent SDK's own log
          sigscope curl req.json > cmd.sh && sigscope verify cmd.sh --format json
          sigscope verify session.har --entry 3 --now 2024-05-01T08:00:00Z
          sigscope verify session.har --all-entries
          sigscope verify old-capture.http --no-clock
          # Alibaba: compare with the string-to-sign the server quoted in its error
          sigscope verify request.http --server-error response.json
          # the key from tccli's profile, or from a file
          sigscope verify request.txt --profile default
          sigscope verify request.txt --secret-key-file ~/.secrets/tencent.key
        """
    )

    @Argument(help: ArgumentHelp("The captured request: raw HTTP, a curl command line or a HAR file; - reads standard input.", valueName: "CAPTURE"))
    var capture: String

    @Option(name: .long(.secretKey), help: "SecretKey / AccessKeySecret to recompute with (default: TENCENTCLOUD_SECRET_KEY / ALIBABA_CLOUD_ACCESS_KEY_SECRET for the detected provider). Never printed.")
    var secretKey: String?

    @Option(name: .long(.secretId), help: "The SecretId / AccessKeyId the request should carry; a different one is reported.")
    var secretId: String?

    @Option(name: .long(.token), help: "The session token in use; a request that does not carry it is reported.")
    var token: String?

    @Option(name: .long(.secretKeyFile), help: ArgumentHelp("Read the secret key from FILE (- for standard input), less one trailing newline.", valueName: "FILE"))
    var secretKeyFile: String?

    @Option(name: .long(.profile), help: ArgumentHelp("The profile of ~/.tccli/NAME.credential or ~/.aliyun/config.json / ~/.alibabacloud/credentials to take the secret key from when no option or variable gives it.", valueName: "NAME"))
    var profile: String?

    @Option(name: .long(.now), help: "Judge the timestamp against this instant (Unix seconds or ISO-8601 UTC) instead of the clock: Tencent allows 5 minutes, Alibaba 15.")
    var now: String?

    @Flag(name: .long(.noClock), help: "Do not judge the timestamp's age at all (for old captures); the output says it was not checked.")
    var noClock = false

    @Flag(name: .long(.allEntries), help: "HAR only: verify every Tencent/Alibaba API request in it, one verdict line each (JSON: an array); exit 1 if any mismatches.")
    var allEntries = false

    @Option(name: .long(.serverError), help: ArgumentHelp("The error the server answered (an Alibaba SignatureDoesNotMatch / IncompleteSignature body, bare, as curl -i prints it, or in a HAR file): its string-to-sign is compared with the recomputed one.", valueName: "FILE"))
    var serverError: String?

    @Option(name: .long(.entry), help: ArgumentHelp("HAR only: use entry N, 0-based (log.entries[N]), instead of the first Tencent/Alibaba API entry.", valueName: "N"))
    var entry: Int?

    @Flag(name: .long(.showSecrets), help: "Print derived keys in full (the secret key itself is never printed).")
    var showSecrets = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        try Frontend.guarded { () throws(SigScopeError) -> Int32 in
            try VerifySettings(capture: capture, secretKey: secretKey, secretId: secretId, token: token, now: now, serverError: serverError,
                               entry: entry, showSecrets: showSecrets, format: output.format, noClock: noClock, allEntries: allEntries,
                               secretKeyFile: secretKeyFile, profile: profile).run()
        }
    }
}

/// What `verify` was asked for, as argument-parser or `FastPath` read it.
struct VerifySettings {
    var capture: String
    var secretKey: String? = nil
    var secretId: String? = nil
    var token: String? = nil
    var now: String? = nil
    var serverError: String? = nil
    var entry: Int? = nil
    var showSecrets = false
    var format: OutputFormat = .text
    var noClock = false
    var allEntries = false
    var secretKeyFile: String? = nil
    var profile: String? = nil

    /// The SecretId / AccessKeyId the captured request carries: in the Authorization header's
    /// Credential (TC3, ACS3) or as a parameter (Tencent v1 `SecretId`, Alibaba RPC `AccessKeyId`).
    static func carriedKeyId(_ request: SentRequest, algorithm: SignatureAlgorithm) -> String? {
        switch algorithm {
        case .tc3, .acs3:
            guard let authorization = request.header("Authorization") else { return nil }
            let marker = "Credential="
            var rest = Substring(authorization)
            while !rest.isEmpty && !rest.hasPrefix(marker) { rest = rest.dropFirst() }
            guard !rest.isEmpty else { return nil }
            return String(rest.dropFirst(marker.count).prefix { $0 != "/" && $0 != "," && $0 != " " })
        case .hmacSHA1, .hmacSHA256:
            return SignatureDetector.parameters(of: request).last { $0.name == "SecretId" }?.value
        case .rpc:
            return SignatureDetector.parameters(of: request).last { $0.name == "AccessKeyId" }?.value
        }
    }

    /// Verifies and prints the report; exits 0 for a match and 1 for a mismatch.
    func run() throws(SigScopeError) -> Int32 {
        let source = capture == "-" ? "<stdin>" : capture
        if noClock && now != nil {
            throw SigScopeError(.invalidOption, "--now and --no-clock contradict each other: --now judges the timestamp against an instant, --no-clock not at all")
        }
        if serverError == "-" && capture == "-" {
            throw SigScopeError(.invalidOption, "the capture and --server-error cannot both be read from standard input")
        }
        if secretKeyFile == "-" && (capture == "-" || serverError == "-") {
            throw SigScopeError(.invalidOption, "--secret-key-file - cannot share standard input with the capture or --server-error")
        }
        var credentials = Credentials()
        // Read once: a HAR file's entries may be of both providers, and standard input can be read only once.
        credentials.keyFileBytes = try secretKeyFile.map { path throws(SigScopeError) in try Frontend.read(path, limit: CredentialSources.maxKeyFileBytes) }
        let bytes = try Frontend.read(capture)
        let clock: Timestamp? = try now.map { text throws(SigScopeError) in try Timestamp.parse(text) } ?? (noClock ? nil : Frontend.now())
        guard allEntries else {
            let (captured, report, resolved) = try verify(bytes, source: source, entry: entry, clock: clock, credentials: &credentials)
            switch format {
            case .text:
                resolved.report()
                Frontend.writeReport(VerifyOutput.text(report, format: captured.format, showSecrets: showSecrets, style: Frontend.style))
            case .json:
                let output = SignPipeline.withCredentials(Frontend.versioned(VerifyOutput.json(report, format: captured.format, showSecrets: showSecrets)), resolved)
                Frontend.writeOut(JSONWriter.pretty.string(output) + "\n")
            }
            return report.match ? 0 : 1
        }
        if entry != nil {
            throw SigScopeError(.invalidOption, "--all-entries verifies every API entry of the HAR file; drop --entry, or drop --all-entries to verify entry \(entry ?? 0) alone")
        }
        let indices = try HARRequestParser.apiEntries(bytes, source: source)
        var allMatch = true
        var objects: [JSONValue] = []
        for index in indices {
            let (captured, report, resolved) = try verify(bytes, source: source, entry: index, clock: clock, credentials: &credentials)
            allMatch = allMatch && report.match
            switch format {
            case .text:
                Frontend.writeReport(VerifyOutput.verdictLine(report, entry: index, style: Frontend.style) + "\n")
            case .json:
                guard case .object(var object) = SignPipeline.withCredentials(VerifyOutput.json(report, format: captured.format, showSecrets: showSecrets), resolved) else { continue }
                object["entry"] = .number(String(index))
                objects.append(.object(object))
            }
        }
        if format == .json {
            Frontend.writeOut(JSONWriter.pretty.string(.array(objects.map(Frontend.versioned))) + "\n")
        }
        return allMatch ? 0 : 1
    }

    /// Each provider's secret key, resolved once (a HAR file's entries may be of both, and
    /// `--secret-key-file -` can be read only once).
    struct Credentials {
        var resolved: [Provider: CredentialSources.Resolved] = [:]
        var keyFileBytes: [UInt8]?
    }

    /// Reads entry `entry` (or the only request) of the capture, the server's error if one is given, and verifies.
    private func verify(_ bytes: [UInt8], source: String, entry: Int?, clock: Timestamp?,
                        credentials: inout Credentials) throws(SigScopeError) -> (CapturedRequest, VerifyReport, CredentialSources.Resolved) {
        let captured = try CaptureParser.parse(bytes, source: source, entry: entry)
        let detected = try Frontend.naming(source) { () throws(SigScopeError) in try SignatureDetector.detect(captured.request) }
        // Only the key comes from the sources; --secret-id and --token stay what the request is checked against.
        var resolved: CredentialSources.Resolved
        if let known = credentials.resolved[detected.provider] {
            resolved = known
        } else {
            resolved = try CredentialSources(provider: detected.provider,
                                             given: CredentialSources.Given(secretId: secretId, secretKey: secretKey, secretKeyFile: secretKeyFile,
                                                                            secretKeyFileBytes: credentials.keyFileBytes, token: token, profile: profile)).resolve(keyOnly: true)
            credentials.resolved[detected.provider] = resolved
        }
        let key = resolved.secretKey
        // The key id the request carries is linted too (its shape; the verifier itself reports an empty one or a missing token).
        if secretId == nil, let carried = Self.carriedKeyId(captured.request, algorithm: detected.algorithm), !carried.isEmpty {
            resolved.warnings += CredentialLint.check(CredentialLint.Input(provider: detected.provider, secretId: (carried, "the captured request")))
                .filter { $0.code == CredentialLint.Code.secretIdShape || $0.code == CredentialLint.Code.secretIdWhitespace }
        }
        var notes = captured.notes
        if clock == nil {
            notes.append("the timestamp's age was not checked (--no-clock)")
        }
        var serverStringToSign: String?
        var serverErrorCode: String?
        if let serverError {
            let limits = ResponseLimits.standard
            let errorSource = serverError == "-" ? "<stdin>" : serverError
            let errorBytes = try Frontend.read(serverError, limit: limits.maxBytes)
            // The same HAR file for both: decode the response of the entry the request came from.
            let errorEntry = serverError == capture ? entry : nil
            let decoded = try ResponseDecoder.decode(errorBytes, provider: detected.provider, action: nil, entry: errorEntry, limits: limits, source: errorSource)
            serverErrorCode = decoded.error?.code
            if let sts = decoded.error?.serverStringToSign {
                serverStringToSign = sts
            } else if let error = decoded.error {
                notes.append("\(errorSource): the \(error.code ?? "error") response quotes no server string-to-sign (only Alibaba's SignatureDoesNotMatch and IncompleteSignature messages do), so there is nothing to compare")
            } else {
                notes.append("\(errorSource) is a success response, not an error: it quotes no server string-to-sign")
            }
        }
        var options = VerifyOptions(secretKey: key, expectedSecretId: secretId, token: token, now: clock, serverStringToSign: serverStringToSign,
                                    serverErrorCode: serverErrorCode)
        options.nowIsClock = now == nil && clock != nil
        var report = try Frontend.naming(source) { () throws(SigScopeError) in try Verifier.verify(captured, options: options) }
        report.notes = notes + report.notes
        return (captured, Wording.worded(report), resolved)
    }
}
