import ArgumentParser
import SigScope

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute the signature of a captured request and explain any mismatch.",
        discussion: """
        CAPTURE is a raw HTTP/1.1 request (as mitmproxy, Burp or an SDK debug log saves it), a \
        curl command line (as `sigscope curl` or a browser's "Copy as cURL" prints it), or a \
        HAR 1.2 file (the first Tencent or Alibaba API entry, or --entry N). The provider and \
        the algorithm are detected from the request. Every step is recomputed from the \
        request's own facts (the TC3 scope date from X-TC-Timestamp in UTC, the service from \
        the endpoint, the payload hash from the body bytes sent) and compared in constant time. \
        On a mismatch, known client mistakes are replayed and the ones that reproduce the \
        provided signature are reported as findings.

        Exit codes: 0 the signature matches · 1 mismatch · 2 the capture cannot be read · \
        64 wrong usage.

        Examples:
          sigscope verify request.txt --secret-key "$TENCENTCLOUD_SECRET_KEY"
          sigscope curl req.json > cmd.sh && sigscope verify cmd.sh --format json
          sigscope verify session.har --entry 3 --now 2024-05-01T08:00:00Z
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

    @Option(name: .long(.now), help: "Judge the timestamp against this instant (Unix seconds or ISO-8601 UTC): Tencent allows 5 minutes, Alibaba 15.")
    var now: String?

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
                               entry: entry, showSecrets: showSecrets, format: output.format, secretKeyFile: secretKeyFile, profile: profile).run()
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
    var secretKeyFile: String? = nil
    var profile: String? = nil

    /// The SecretId / AccessKeyId the captured request carries: in the Authorization header's
    /// Credential (TC3, ACS3) or as a parameter (Tencent v1 `SecretId`, Alibaba RPC `AccessKeyId`).
    static func carriedKeyId(_ request: HTTPRequest, algorithm: SignatureAlgorithm) -> String? {
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
        let bytes = try Frontend.read(capture)
        let captured = try CaptureParser.parse(bytes, source: source, entry: entry)
        let detected = try SignatureDetector.detect(captured.request)
        if secretKeyFile == "-" && capture == "-" {
            throw SigScopeError(.invalidOption, "the capture and --secret-key-file cannot both be read from standard input")
        }
        // Only the key is taken from the sources; --secret-id and --token stay what the request is checked against.
        var credentials = try CredentialSources(provider: detected.provider,
                                                given: CredentialSources.Given(secretId: secretId, secretKey: secretKey, secretKeyFile: secretKeyFile, token: token, profile: profile)).resolve(keyOnly: true)
        let key = credentials.secretKey
        // The key id the request carries is linted too (its shape; the verifier itself reports an empty one or a missing token).
        if secretId == nil, let carried = Self.carriedKeyId(captured.request, algorithm: detected.algorithm), !carried.isEmpty {
            credentials.warnings += CredentialLint.check(CredentialLint.Input(provider: detected.provider, secretId: (carried, "the captured request")))
                .filter { $0.code == CredentialLint.Code.secretIdShape || $0.code == CredentialLint.Code.secretIdWhitespace }
        }
        let nowValue = try now.map { text throws(SigScopeError) in try Timestamp.parse(text) }
        var notes = captured.notes
        var serverStringToSign: String?
        if let serverError {
            let limits = ResponseLimits.standard
            let errorSource = serverError == "-" ? "<stdin>" : serverError
            if serverError == "-" && capture == "-" {
                throw SigScopeError(.invalidOption, "the capture and --server-error cannot both be read from standard input")
            }
            let errorBytes = try Frontend.read(serverError, limit: limits.maxBytes)
            // The same HAR file for both: decode the response of the entry the request came from.
            let errorEntry = serverError == capture ? entry : nil
            let decoded = try ResponseDecoder.decode(errorBytes, provider: detected.provider, action: nil, entry: errorEntry, limits: limits, source: errorSource)
            if let sts = decoded.error?.serverStringToSign {
                serverStringToSign = sts
            } else if let error = decoded.error {
                notes.append("\(errorSource): the \(error.code ?? "error") response quotes no server string-to-sign (only Alibaba's SignatureDoesNotMatch and IncompleteSignature messages do), so there is nothing to compare")
            } else {
                notes.append("\(errorSource) is a success response, not an error: it quotes no server string-to-sign")
            }
        }
        let options = VerifyOptions(secretKey: key, expectedSecretId: secretId, token: token, now: nowValue, serverStringToSign: serverStringToSign)
        var report = try Verifier.verify(captured.request, options: options)
        report.notes = notes + report.notes
        switch format {
        case .text:
            credentials.report()
            Frontend.writeOut(VerifyOutput.text(report, format: captured.format, showSecrets: showSecrets, style: Frontend.style))
        case .json:
            let output = SignPipeline.withCredentials(VerifyOutput.json(report, format: captured.format, showSecrets: showSecrets), credentials)
            Frontend.writeOut(JSONWriter.pretty.string(output) + "\n")
        }
        return report.match ? 0 : 1
    }
}
