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
    public static func verify(_ request: HTTPRequest, options: VerifyOptions) throws(SigScopeError) -> VerifyReport {
        let detected = try SignatureDetector.detect(request)
        if detected.algorithm == .tc3 || detected.algorithm == .acs3, let reason = AuthorizationFields.unreadable(request.header("Authorization") ?? "") {
            throw SigScopeError(.invalidCapture, reason)
        }
        switch detected.algorithm {
        case .tc3:
            return try TC3Verifier.verify(request, options: options)
        case .hmacSHA1, .hmacSHA256:
            return try V1Verifier.verify(request, algorithm: detected.algorithm, options: options)
        case .rpc:
            return try RPCVerifier.verify(request, options: options)
        case .acs3:
            return try ACS3Verifier.verify(request, options: options)
        }
    }

    /// Reads a capture and verifies it.
    /// - Throws: as `CaptureParser.parse` and `verify(_:options:)`.
    public static func verify(capture bytes: [UInt8], source: String, entry: Int? = nil, options: VerifyOptions) throws(SigScopeError) -> (capture: CapturedRequest, report: VerifyReport) {
        let capture = try CaptureParser.parse(bytes, source: source, entry: entry)
        var report = try verify(capture.request, options: options)
        report.notes = capture.notes + report.notes
        return (capture, report)
    }
}
