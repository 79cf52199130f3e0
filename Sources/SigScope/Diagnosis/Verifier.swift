/// Verifies captured requests: detects the provider and algorithm, recomputes every step
/// from the request's own facts with the given secret, compares in constant time, and on a
/// mismatch names the client mistake that reproduces the provided signature.
public enum Verifier {
    /// Verifies `request`.
    /// - Parameters:
    ///   - request: the request as sent (from `CaptureParser`).
    ///   - options: the secret and the optional checks.
    /// - Returns: the report; `match` is true only when the server would accept the request.
    /// - Throws: `SigScopeError.invalidCapture` when the request carries no signature sigscope
    ///   knows, or a TC3/ACS3 Authorization header whose parts cannot be read; `.crypto` if
    ///   libcrypto fails.
    public static func verify(_ request: SentRequest, options: VerifyOptions) throws(SigScopeError) -> VerifyReport {
        try verify(request, options: options, facts: CaptureFacts())
    }

    static func verify(_ request: SentRequest, options: VerifyOptions, facts: CaptureFacts) throws(SigScopeError) -> VerifyReport {
        let detected = try SignatureDetector.detect(request)
        // A TC3 or ACS3 Authorization header is read once, here: a request that sends exactly one
        // whose parts cannot be read is not verified (two are the duplicate-header finding's business).
        func requireReadable(_ reason: String?) throws(SigScopeError) {
            if let reason, AuthorizationFields.onlyAuthorization(in: request) != nil {
                throw SigScopeError(.invalidCapture, reason)
            }
        }
        var report: VerifyReport
        switch detected.algorithm {
        case .tc3:
            let authorization = TC3Authorization.parse(request.header("Authorization") ?? "")
            try requireReadable(authorization.unreadable)
            report = try TC3Verifier.verify(request, authorization: authorization, options: options, facts: facts)
        case .hmacSHA1, .hmacSHA256:
            report = try V1Verifier.verify(request, algorithm: detected.algorithm, options: options)
        case .rpc:
            report = try RPCVerifier.verify(request, options: options)
        case .acs3:
            let authorization = ACS3Authorization.parse(request.header("Authorization") ?? "")
            try requireReadable(authorization.unreadable)
            report = try ACS3Verifier.verify(request, authorization: authorization, options: options, facts: facts)
        }
        if !facts.bytesAfterBody.isEmpty, report.finding(.bodyTruncated) == nil {
            let length = request.body.count
            report.findings.append(VerifyFinding(.bodyTruncated, .warning, "Content-Length says \(length), but \(facts.bytesAfterBody.count) more bytes follow the body in the capture: the server reads only the first \(length) bytes (and may take the rest for the start of another request), and verify recomputed with those. Fix: if the body is meant to be longer, let the HTTP library set Content-Length from the bytes you send."))
        }
        return report
    }

    /// Reads a capture and verifies it.
    /// - Throws: as `CaptureParser.parse` and `verify(_:options:)`.
    public static func verify(capture bytes: [UInt8], source: String, entry: Int? = nil, options: VerifyOptions) throws(SigScopeError) -> (capture: CapturedRequest, report: VerifyReport) {
        let capture = try CaptureParser.parse(bytes, source: source, entry: entry)
        var report = try verify(capture, options: options)
        report.notes = capture.notes + report.notes
        return (capture, report)
    }

    /// Verifies a capture already read, with what it tells beyond the request (bytes after the
    /// `Content-Length` body); its notes are not added to the report's.
    /// - Throws: as `verify(_:options:)`.
    public static func verify(_ capture: CapturedRequest, options: VerifyOptions) throws(SigScopeError) -> VerifyReport {
        try verify(capture.request, options: options, facts: CaptureFacts(bytesAfterBody: capture.bytesAfterBody))
    }
}
