import Testing
import SigScopeTestSupport
import SigScope

/// The hard cases of `verify` a new user hit (issue 27), on requests the official SDKs sent
/// (testvectors/captures/sdk) and on requests signed here with one deliberate difference.
@Suite("verify: hard cases")
struct HardCaseVerifyTests {
    static let tencentKey = "sigscopeCaptureExampleSecretKey1"
    static let aliyunKey = "sigscopeCaptureExampleSecret0001"
    static let tc3 = "testvectors/captures/sdk/tencent-vpcclient-tc3-post.http"

    func verify(_ path: String, _ options: VerifyOptions) throws -> VerifyReport {
        try Verifier.verify(capture: try Repo.bytes(path), source: path, options: options).report
    }

    func verify(text: String, _ options: VerifyOptions) throws -> VerifyReport {
        try Verifier.verify(capture: Array(text.utf8), source: "capture.http", options: options).report
    }

    static func code(_ raw: String) -> VerifyFinding.Code { VerifyFinding.Code(rawValue: raw) }

    // MARK: - 1. A right signature the server rejected

    @Test("server-holds-another-secret: an SDK request whose signature matches, answered AuthFailure.SignatureFailure / SignatureDoesNotMatch / IncompleteSignature",
          arguments: [("testvectors/captures/sdk/tencent-vpcclient-tc3-post.http", "sigscopeCaptureExampleSecretKey1", "AuthFailure.SignatureFailure"),
                      ("testvectors/captures/sdk/tencent-vpcclient-hmacsha256-post.http", "sigscopeCaptureExampleSecretKey1", "AuthFailure.SignatureFailure"),
                      ("testvectors/captures/sdk/aliyun-tea-acs3.http", "sigscopeCaptureExampleSecret0001", "IncompleteSignature"),
                      ("testvectors/captures/sdk/aliyun-tea-rpc.http", "sigscopeCaptureExampleSecret0001", "SignatureDoesNotMatch")])
    func serverRejectedRightSignature(path: String, key: String, serverCode: String) throws {
        let plain = try verify(path, VerifyOptions(secretKey: SecretKey(key)))
        #expect(plain.match, "the capture verifies with its key")
        let report = try verify(path, VerifyOptions(secretKey: SecretKey(key), serverErrorCode: serverCode))
        #expect(!report.match)
        let finding = try #require(report.finding(Self.code("server-holds-another-secret")))
        #expect(finding.severity == .error)
        #expect(finding.message.contains(serverCode))
        #expect(finding.message.contains("rotated"))
        #expect(finding.message.contains("another account"))
        #expect(report.finding(.wrongSecretLikely) == nil)
    }

    @Test("key-id-unknown-to-server: a right signature answered AuthFailure.SecretIdNotFound / InvalidAccessKeyId.NotFound is no match, and says the key id is what the server objects to",
          arguments: [("testvectors/captures/sdk/tencent-vpcclient-tc3-post.http", "sigscopeCaptureExampleSecretKey1", "AuthFailure.SecretIdNotFound"),
                      ("testvectors/captures/sdk/aliyun-tea-rpc.http", "sigscopeCaptureExampleSecret0001", "InvalidAccessKeyId.NotFound"),
                      ("testvectors/captures/sdk/aliyun-tea-acs3.http", "sigscopeCaptureExampleSecret0001", "InvalidAccessKeyId")])
    func serverDoesNotKnowTheKeyId(path: String, key: String, serverCode: String) throws {
        let report = try verify(path, VerifyOptions(secretKey: SecretKey(key), serverErrorCode: serverCode))
        #expect(!report.match)
        let finding = try #require(report.finding(Self.code("key-id-unknown-to-server")))
        #expect(finding.severity == .error)
        #expect(finding.message.contains(serverCode) && finding.message.contains("deleted or disabled"), "\(finding.message)")
        #expect(report.finding(.serverHoldsAnotherSecret) == nil && report.finding(.wrongSecretLikely) == nil)
    }

    @Test("nonce-reused: a right Alibaba signature answered SignatureNonceUsed is no match, and names the resent request")
    func nonceUsed() throws {
        let report = try verify("testvectors/captures/sdk/aliyun-tea-rpc.http", VerifyOptions(secretKey: SecretKey(Self.aliyunKey), serverErrorCode: "SignatureNonceUsed"))
        #expect(!report.match)
        let finding = try #require(report.finding(Self.code("nonce-reused")))
        #expect(finding.message.contains("SignatureNonce") && finding.message.contains("retries included"), "\(finding.message)")
        #expect(report.finding(.serverHoldsAnotherSecret) == nil)
    }

    @Test("an error that is not about the signature leaves a right signature a match")
    func otherServerError() throws {
        let report = try verify(Self.tc3, VerifyOptions(secretKey: SecretKey(Self.tencentKey), serverErrorCode: "InvalidParameterValue"))
        #expect(report.match)
    }

    // MARK: - 3. Tokens

    @Test("token-mismatch: an official SDK's request with temporary credentials against another --token, for all four algorithms",
          arguments: [("testvectors/captures/sdk/tencent-vpcclient-tc3-token.http", "sigscopeCaptureExampleSecretKey1", "sigscopeCaptureSessionToken"),
                      ("testvectors/captures/sdk/tencent-vpcclient-hmacsha256-token.http", "sigscopeCaptureExampleSecretKey1", "sigscopeCaptureSessionToken"),
                      ("testvectors/captures/sdk/aliyun-tea-rpc-token.http", "sigscopeCaptureExampleSecret0001", "sigscopeCaptureSecurityToken"),
                      ("testvectors/captures/sdk/aliyun-tea-acs3-token.http", "sigscopeCaptureExampleSecret0001", "sigscopeCaptureSecurityToken")])
    func tokenMismatch(path: String, key: String, sent: String) throws {
        let same = try verify(path, VerifyOptions(secretKey: SecretKey(key), token: sent))
        #expect(same.match, "the SDK's own token verifies")
        let report = try verify(path, VerifyOptions(secretKey: SecretKey(key), token: "token-of-another-session"))
        #expect(!report.match)
        let finding = try #require(report.finding(Self.code("token-mismatch")))
        #expect(finding.severity == .error)
        #expect(!finding.message.contains(sent), "a token is a credential: not printed")
        #expect(!finding.message.contains("token-of-another-session"))
        #expect(report.finding(.tokenHeaderMissing) == nil)
    }

    // MARK: - 4. Diagnoses sharper than wrong-secret-likely

    static func replacing(_ text: String, _ old: String, _ new: String) -> String {
        text.replacingOccurrences(of: old, with: new)
    }

    /// The official TC3 capture with `old` replaced by `new`, verified with its key.
    func tc3Report(replacing old: String, with new: String) throws -> VerifyReport {
        try verify(text: Self.replacing(try Repo.text(Self.tc3), old, new), VerifyOptions(secretKey: SecretKey(Self.tencentKey)))
    }

    @Test("timestamp-changed-after-signing: X-TC-Timestamp sent 1 s after the one the SDK signed", arguments: [1, -3])
    func timestampShifted(offset: Int) throws {
        let report = try tc3Report(replacing: "X-TC-Timestamp: 1700000000", with: "X-TC-Timestamp: \(1_700_000_000 + offset)")
        let finding = try #require(report.finding(Self.code("timestamp-changed-after-signing")))
        #expect(finding.reproducesSignature)
        #expect(finding.message.contains("1700000000"))
        #expect(finding.message.contains("\(abs(offset)) s"))
        #expect(report.finding(.wrongSecretLikely) == nil)
    }

    @Test("body-truncated: a Content-Length shorter than the body the SDK signed")
    func contentLengthShort() throws {
        let report = try tc3Report(replacing: "Content-Length: 331", with: "Content-Length: 300")
        let finding = try #require(report.finding(Self.code("body-truncated")))
        #expect(finding.severity == .error)
        #expect(finding.reproducesSignature)
        #expect(finding.message.contains("300"))
        #expect(finding.message.contains("331"))
        #expect(report.finding(.wrongSecretLikely) == nil)
    }

    @Test("milliseconds: timestamp-invalid comes first and no scope date is computed from the milliseconds")
    func milliseconds() throws {
        let report = try tc3Report(replacing: "X-TC-Timestamp: 1700000000", with: "X-TC-Timestamp: 1700000000000")
        #expect(report.findings.map(\.code).prefix(2) == [.signatureMismatch, .timestampInvalid])
        #expect(report.finding(.credentialDateNotUTC) == nil)
        for finding in report.findings {
            #expect(!finding.message.contains("55840"), "no advice from a date in the year 55840: \(finding.message)")
        }
    }

    @Test("credential-date-not-utc says its explanation and fix once, with a current Python API")
    func localDateAdvice() throws {
        let report = try tc3Report(replacing: "/2023-11-14/vpc/", with: "/2023-11-15/vpc/")
        let finding = try #require(report.finding(.credentialDateNotUTC))
        #expect(finding.message.components(separatedBy: "Fix:").count == 2, "one fix: \(finding.message)")
        #expect(!finding.message.contains("utcfromtimestamp"))
        #expect(finding.message.contains("datetime.fromtimestamp(ts, timezone.utc)"))
    }

    // MARK: - 6. Duplicate headers

    @Test("duplicate-header: a second Content-Type or Authorization is an error",
          arguments: ["Content-Type: application/json; charset=utf-8", "Authorization: TC3-HMAC-SHA256 Credential=AKIDother/2023-11-14/vpc/tc3_request, SignedHeaders=content-type;host, Signature=00"])
    func duplicateHeader(extra: String) throws {
        let report = try tc3Report(replacing: "X-TC-Action: CreateNetworkInterface", with: "X-TC-Action: CreateNetworkInterface\r\n" + extra)
        #expect(!report.match)
        let finding = try #require(report.finding(Self.code("duplicate-header")))
        #expect(finding.severity == .error)
        let name = String(extra.prefix { $0 != ":" })
        #expect(finding.message.contains(name))
    }

    @Test("duplicate-header for ACS3: two x-acs-date headers")
    func duplicateACS3() throws {
        let path = "testvectors/captures/sdk/aliyun-tea-acs3.http"
        let original = try Repo.text(path)
        let line = try #require(original.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("x-acs-date:") })
        let text = Self.replacing(original, line, line + "\r\nx-acs-date: 2023-11-14T22:13:21Z")
        let report = try verify(text: text, VerifyOptions(secretKey: SecretKey(Self.aliyunKey)))
        #expect(report.finding(Self.code("duplicate-header"))?.severity == .error)
    }

    // MARK: - 8. The scope service for local endpoints

    static func tc3Capture(host: String, service: String) throws -> String {
        let body = #"{"VpcId":"vpc-0akbol5v"}"#
        let headers = [HTTPHeader("Host", host), HTTPHeader("Content-Type", "application/json"), HTTPHeader("X-TC-Action", "CreateNetworkInterface"),
                       HTTPHeader("X-TC-Version", "2017-03-12"), HTTPHeader("X-TC-Timestamp", "1700000000")]
        let input = TC3Signer.Input(method: "POST", canonicalQuery: "", headers: headers, signedHeaders: ["content-type", "host"], payload: Array(body.utf8),
                                    timestamp: "1700000000", date: "2023-11-14", service: service, secretId: "AKIDexample")
        let computation = try TC3Signer.compute(input, secretKey: SecretKey(tencentKey))
        let lines = ["POST / HTTP/1.1"] + headers.map { "\($0.name): \($0.value)" } + ["Authorization: " + computation.authorization, "Content-Length: \(body.utf8.count)"]
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    @Test("a request to 127.0.0.1:8080 is checked against the action's product (vpc), not \"127\"")
    func localEndpointService() throws {
        let right = try verify(text: try Self.tc3Capture(host: "127.0.0.1:8080", service: "vpc"), VerifyOptions(secretKey: SecretKey(Self.tencentKey)))
        #expect(right.match)
        let wrong = try verify(text: try Self.tc3Capture(host: "127.0.0.1:8080", service: "127"), VerifyOptions(secretKey: SecretKey(Self.tencentKey)))
        #expect(!wrong.match)
        #expect(wrong.finding(.credentialServiceMismatch)?.severity == .error)
    }

    @Test("VerifyOptions.service overrides the scope service the endpoint implies")
    func serviceOverride() throws {
        let text = try Self.tc3Capture(host: "127.0.0.1:8080", service: "cvm")
        #expect(!(try verify(text: text, VerifyOptions(secretKey: SecretKey(Self.tencentKey)))).match)
        var options = VerifyOptions(secretKey: SecretKey(Self.tencentKey))
        options.service = "cvm"
        #expect(try verify(text: text, options).match)
    }

    @Test("the TC3 signer signs for the action's product at an IP or localhost endpoint, and lower-cases the service",
          arguments: [("http://127.0.0.1:8080", "vpc"), ("localhost:9000", "vpc"), ("http://[::1]:8080", "vpc"), ("VPC.TencentCloudAPI.com", "vpc"),
                      ("vpc.ap-guangzhou.tencentcloudapi.com", "vpc")])
    func signerService(endpoint: String, service: String) throws {
        let request = APIRequest(provider: .tencent, action: "CreateNetworkInterface", region: "ap-guangzhou")
        let signed = try Signer.sign(request, options: SigningOptions(timestamp: Timestamp(unixSeconds: 1_700_000_000), endpoint: endpoint),
                                     credentials: Credentials(secretId: "AKIDexample", secretKey: SecretKey(Self.tencentKey)))
        #expect(signed.request.header("Authorization")?.contains("/2023-11-14/\(service)/tc3_request") == true)
    }

    @Test("an endpoint with user information or a malformed host is refused, naming the endpoint and never echoing a password",
          arguments: ["http://user:pw@vpc.tencentcloudapi.com", "user@vpc.tencentcloudapi.com", "http://[::1", "http://[::1]x", "vpc.tencentcloudapi.com:99999",
                      "vpc.tencentcloudapi.com:abc", "http://:8080", "bad_host!.com"])
    func badEndpoint(endpoint: String) throws {
        #expect {
            try Endpoint.parse(endpoint)
        } throws: { error in
            guard let error = error as? SigScopeError else { return false }
            return error.code == .invalidOption && error.subject == .endpoint && error.reason.hasPrefix("the endpoint") && !error.reason.contains("pw")
        }
    }
}
