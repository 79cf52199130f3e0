import Testing
import SigScope
@testable import SigScopeCLI

/// For each TC3 finding code, a capture signed with exactly that mistake: the mistaken
/// signature is computed here with `TC3Signer.compute` on explicitly wrong inputs, written
/// into a raw HTTP capture, and `verify` must name the mistake.
@Suite("verify: TC3 findings")
struct TC3FindingTests {
    static let secret = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
    /// 2023-11-14T22:13:20Z: already 2023-11-15 at UTC+8.
    static let timestamp = "1700000000"

    /// A request as sent, and the (possibly mistaken) values its client signed.
    struct Fixture {
        var method = "POST"
        var host = "vpc.tencentcloudapi.com"
        var query = ""
        var headers: [(String, String)] = [
            ("Content-Type", "application/json"),
            ("X-TC-Action", "CreateNetworkInterface"),
            ("X-TC-Version", "2017-03-12"),
            ("X-TC-Timestamp", TC3FindingTests.timestamp),
            ("X-TC-Region", "ap-guangzhou"),
        ]
        var body = #"{"VpcId":"vpc-0akbol5v","NetworkInterfaceName":"网卡"}"#
        var secretId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"

        // What the client signed, where it differs from what is sent.
        var signedMethod: String?
        var signedQuery: String?
        var signedHeaderNames = ["content-type", "host"]
        var signedHeaderValues: [(String, String)] = []
        var signedBody: String?
        var signedDate = "2023-11-14"
        var signedService = "vpc"
        var signedHost: String?
        var lowercaseValues = true
        var signingSecret = TC3FindingTests.secret
        var authorizationOverride: ((String) -> String)?

        func sentHeaders() -> [HTTPHeader] {
            [HTTPHeader("Host", host)] + headers.map { HTTPHeader($0.0, $0.1) }
        }

        func capture() throws -> String {
            var signedHeaders = sentHeaders()
            for (name, value) in signedHeaderValues {
                signedHeaders.removeAll { $0.name.lowercased() == name.lowercased() }
                signedHeaders.append(HTTPHeader(name, value))
            }
            if let signedHost {
                signedHeaders.removeAll { $0.name.lowercased() == "host" }
                signedHeaders.append(HTTPHeader("Host", signedHost))
            }
            let input = TC3Signer.Input(method: signedMethod ?? method, canonicalQuery: signedQuery ?? query, headers: signedHeaders,
                                        signedHeaders: signedHeaderNames, payload: Array((signedBody ?? body).utf8),
                                        timestamp: headers.first { $0.0 == "X-TC-Timestamp" }?.1 ?? "", date: signedDate, service: signedService, secretId: secretId)
            let computation = try TC3Signer.compute(input, secretKey: SecretKey(signingSecret), variant: TC3Signer.Variant(lowercaseHeaderValues: lowercaseValues))
            var authorization = computation.authorization
            if let authorizationOverride { authorization = authorizationOverride(authorization) }
            var lines = ["\(method) /\(query.isEmpty ? "" : "?" + query) HTTP/1.1", "Host: \(host)"]
            lines += headers.map { "\($0.0): \($0.1)" }
            lines.append("Authorization: " + authorization)
            lines.append("Content-Length: \(body.utf8.count)")
            return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
        }
    }

    func verify(_ fixture: Fixture, _ options: VerifyOptions = VerifyOptions(secretKey: SecretKey(TC3FindingTests.secret))) throws -> VerifyReport {
        try Verifier.verify(capture: Array(try fixture.capture().utf8), source: "capture.http", options: options).report
    }

    func codes(_ report: VerifyReport) -> [String] { report.findings.map(\.code.rawValue) }

    @Test("the correctly signed fixture is a match with no findings")
    func baseline() throws {
        let report = try verify(Fixture())
        #expect(report.match)
        #expect(report.findings.isEmpty)
    }

    @Test("credential-date-not-utc: the Beijing date in the scope, stated and signed")
    func localDate() throws {
        var fixture = Fixture()
        fixture.signedDate = "2023-11-15"
        let report = try verify(fixture)
        #expect(!report.match)
        let finding = try #require(report.finding(.credentialDateNotUTC))
        #expect(finding.reproducesSignature)
        #expect(finding.message.contains("UTC+8"))
        #expect(finding.message.contains("2023-11-14"))
        #expect(report.finding(.signatureMismatch) != nil)
        #expect(report.finding(.wrongSecretLikely) == nil)
    }

    @Test("credential-date-not-utc: signed with the local date but the scope states the UTC date")
    func localDateHidden() throws {
        var fixture = Fixture()
        fixture.signedDate = "2023-11-15"
        fixture.authorizationOverride = { $0.replacingOccurrences(of: "2023-11-15", with: "2023-11-14") }
        let report = try verify(fixture)
        #expect(report.finding(.credentialDateNotUTC)?.reproducesSignature == true)
    }

    @Test("credential-service-mismatch: scope service cvm for a vpc endpoint")
    func service() throws {
        var fixture = Fixture()
        fixture.signedService = "cvm"
        let report = try verify(fixture)
        #expect(!report.match)
        let finding = try #require(report.finding(.credentialServiceMismatch))
        #expect(finding.reproducesSignature)
        #expect(finding.message.contains("\"cvm\""))
    }

    @Test("credential-service-mismatch: the full host as the service")
    func serviceHost() throws {
        var fixture = Fixture()
        fixture.signedService = "vpc.tencentcloudapi.com"
        let report = try verify(fixture)
        #expect(report.finding(.credentialServiceMismatch)?.reproducesSignature == true)
    }

    @Test("signed-header-missing: SignedHeaders without host")
    func signedHeaderMissing() throws {
        var fixture = Fixture()
        fixture.signedHeaderNames = ["content-type"]
        let report = try verify(fixture)
        #expect(!report.match)
        #expect(report.finding(.signedHeaderMissing)?.message.contains("host") == true)
    }

    @Test("signed-header-not-sent: x-tc-language signed but not sent")
    func signedHeaderNotSent() throws {
        var fixture = Fixture()
        fixture.signedHeaderNames = ["content-type", "host", "x-tc-language"]
        fixture.signedHeaderValues = [("X-TC-Language", "zh-CN")]
        let report = try verify(fixture)
        #expect(!report.match)
        #expect(report.finding(.signedHeaderNotSent)?.message.contains("x-tc-language") == true)
    }

    @Test("header-value-not-lowercased: x-tc-action signed as CreateNetworkInterface")
    func headerCase() throws {
        var fixture = Fixture()
        fixture.signedHeaderNames = ["content-type", "host", "x-tc-action"]
        fixture.lowercaseValues = false
        let report = try verify(fixture)
        #expect(!report.match)
        let finding = try #require(report.finding(.headerValueNotLowercased))
        #expect(finding.reproducesSignature)
        #expect(finding.message.contains("x-tc-action:CreateNetworkInterface"))
    }

    @Test("content-type-changed: signed with charset, sent without")
    func contentTypeDropped() throws {
        var fixture = Fixture()
        fixture.signedHeaderValues = [("Content-Type", "application/json; charset=utf-8")]
        let report = try verify(fixture)
        let finding = try #require(report.finding(.contentTypeChanged))
        #expect(finding.reproducesSignature)
        #expect(finding.message.contains("\"application/json; charset=utf-8\""))
    }

    @Test("content-type-changed: signed without charset, sent with it")
    func contentTypeAdded() throws {
        var fixture = Fixture()
        fixture.headers[0] = ("Content-Type", "application/json;charset=UTF-8")
        fixture.signedHeaderValues = [("Content-Type", "application/json")]
        let report = try verify(fixture)
        #expect(report.finding(.contentTypeChanged)?.reproducesSignature == true)
    }

    @Test("body-reserialized: signed as Python json.dumps wrote it, sent compact")
    func bodyPython() throws {
        var fixture = Fixture()
        fixture.signedBody = #"{"VpcId": "vpc-0akbol5v", "NetworkInterfaceName": "\u7f51\u5361"}"#
        let report = try verify(fixture)
        let finding = try #require(report.finding(.bodyReserialized))
        #expect(finding.reproducesSignature)
        #expect(finding.message.contains("Python"))
        #expect(finding.message.contains("\\u escapes"))
    }

    @Test("body-reserialized: signed with keys in another order")
    func bodySorted() throws {
        var fixture = Fixture()
        fixture.signedBody = #"{"NetworkInterfaceName":"网卡","VpcId":"vpc-0akbol5v"}"#
        let report = try verify(fixture)
        #expect(report.finding(.bodyReserialized)?.message.contains("keys sorted") == true)
    }

    @Test("method-mismatch: signed GET, sent POST")
    func method() throws {
        var fixture = Fixture()
        fixture.signedMethod = "GET"
        let report = try verify(fixture)
        let finding = try #require(report.finding(.methodMismatch))
        #expect(finding.reproducesSignature)
        #expect(finding.message.contains("GET"))
    }

    @Test("host-changed: signed for the regional endpoint, sent to the global one")
    func host() throws {
        var fixture = Fixture()
        fixture.signedHost = "vpc.ap-guangzhou.tencentcloudapi.com"
        let report = try verify(fixture)
        #expect(report.finding(.hostChanged)?.reproducesSignature == true)
    }

    @Test("query-reencoded: GET signed with %20 but sent with +")
    func query() throws {
        var fixture = Fixture()
        fixture.method = "GET"
        fixture.body = ""
        fixture.headers[0] = ("Content-Type", "application/x-www-form-urlencoded")
        fixture.query = "NetworkInterfaceName=a+b&VpcId=vpc-1"
        fixture.signedQuery = "NetworkInterfaceName=a%20b&VpcId=vpc-1"
        let report = try verify(fixture)
        #expect(report.finding(.queryReencoded)?.reproducesSignature == true)
    }

    @Test("timestamp-expired: a correct signature judged 10 minutes later")
    func expired() throws {
        let report = try verify(Fixture(), VerifyOptions(secretKey: SecretKey(Self.secret), now: Timestamp(unixSeconds: 1_700_000_600)))
        #expect(!report.match)
        #expect(codes(report) == ["timestamp-expired"])
        #expect(report.providedSignature == report.computedSignature)
    }

    @Test("timestamp-expired is not reported within 5 minutes")
    func notExpired() throws {
        let report = try verify(Fixture(), VerifyOptions(secretKey: SecretKey(Self.secret), now: Timestamp(unixSeconds: 1_700_000_299)))
        #expect(report.match)
    }

    @Test("timestamp-invalid: X-TC-Timestamp in milliseconds")
    func milliseconds() throws {
        var fixture = Fixture()
        fixture.headers[3] = ("X-TC-Timestamp", "1700000000000")
        let report = try verify(fixture)
        #expect(report.finding(.timestampInvalid)?.message.contains("milliseconds") == true)
    }

    @Test("secret-id-mismatch: the request carries another SecretId than --secret-id")
    func secretId() throws {
        let report = try verify(Fixture(), VerifyOptions(secretKey: SecretKey(Self.secret), expectedSecretId: "AKIDother"))
        #expect(!report.match)
        #expect(codes(report) == ["secret-id-mismatch"])
    }

    @Test("secret-id-empty: a Credential with no SecretId")
    func emptyId() throws {
        var fixture = Fixture()
        fixture.secretId = ""
        let report = try verify(fixture)
        #expect(report.finding(.secretIdEmpty) != nil)
    }

    @Test("secret-has-whitespace: signed with the key plus a newline")
    func secretNewline() throws {
        var fixture = Fixture()
        fixture.signingSecret = Self.secret + "\n"
        let report = try verify(fixture)
        let finding = try #require(report.finding(.secretHasWhitespace))
        #expect(finding.reproducesSignature)
        #expect(!finding.message.contains(Self.secret))
    }

    @Test("secret-has-whitespace: the key given to sigscope has a trailing space (lint, and the trimmed key matches)")
    func givenSecretSpace() throws {
        let report = try verify(Fixture(), VerifyOptions(secretKey: SecretKey(Self.secret + " ")))
        #expect(report.finding(.secretHasWhitespace)?.reproducesSignature == true)
    }

    @Test("token-header-missing: --token given, no X-TC-Token sent")
    func token() throws {
        let report = try verify(Fixture(), VerifyOptions(secretKey: SecretKey(Self.secret), token: "sts-token"))
        #expect(!report.match)
        #expect(codes(report) == ["token-header-missing"])
    }

    @Test("required-header-missing: no X-TC-Version")
    func requiredHeader() throws {
        var fixture = Fixture()
        fixture.headers.remove(at: 2)
        let report = try verify(fixture)
        #expect(report.finding(.requiredHeaderMissing)?.message.contains("X-TC-Version") == true)
    }

    @Test("authorization-malformed: parts separated by a bare comma")
    func malformed() throws {
        var fixture = Fixture()
        fixture.authorizationOverride = { $0.replacingOccurrences(of: ", ", with: ",") }
        let report = try verify(fixture)
        #expect(!report.match)
        #expect(report.providedSignature == report.computedSignature)
        #expect(report.finding(.authorizationMalformed) != nil)
    }

    /// Issue 28: an Authorization header whose parts cannot be read was verified leniently, and
    /// where the parts that were read happened to reproduce the signature it was a match (exit 0).
    /// Now it is unreadable input (`invalidCapture`, exit 2) naming the capture and the fault.
    @Test("an Authorization header whose parts cannot be read is unreadable input, not verified", arguments: [
        ("Signature missing", #"(, Signature=[0-9a-f]+)"#, "", "has no Signature="),
        ("Credential missing", #"(Credential=[^,]+, )"#, "", "has no Credential="),
        ("SignedHeaders missing", #"(SignedHeaders=[^,]+, )"#, "", "has no SignedHeaders="),
        ("a space inside the SecretId", #"(AKIDz8krbs)"#, "AKID z8krbs", "SecretId"),
        ("the Credential written twice", #"(Credential=)"#, "Credential=Credential=", "SecretId"),
        ("a space after Credential=", #"(Credential=)"#, "Credential= ", "SecretId"),
        ("the Credential without its service and terminator", #"(/vpc/tc3_request)"#, "", "SecretId/Date/service/tc3_request"),
        ("an empty name in SignedHeaders", #"(content-type;host)"#, "content-type;host;", "SignedHeaders"),
        ("a space in SignedHeaders", #"(content-type;host)"#, "content-type; host", "SignedHeaders"),
        ("the signature cut short", #"(Signature=[0-9a-f]{40})[0-9a-f]+"#, "$1", "64 hex digits"),
        ("a non-hex signature", #"(Signature=[0-9a-f]+)"#, "$1zz", "64 hex digits"),
        ("a part given twice", #"(, Signature=[0-9a-f]+)"#, "$1$1", "twice"),
        ("an unknown part", #"(, Signature=)"#, ", Scope=x$1", "unknown part"),
        ("parts separated by spaces", #"(, )"#, " ", "SecretId"),
    ])
    func unreadableAuthorization(label: String, pattern: String, replacement: String, says: String) throws {
        var fixture = Fixture()
        fixture.authorizationOverride = { auth in
            let regex = try? Regex(pattern)
            guard let regex, let match = auth.firstMatch(of: regex) else { return auth }
            let captured = match.output.count > 1 ? match.output[1].substring.map(String.init) ?? "" : ""
            return auth.replacingCharacters(in: match.range, with: replacement.replacingOccurrences(of: "$1", with: captured))
        }
        let original = try Fixture().capture()
        let changed = try fixture.capture()
        #expect(original != changed, "the pattern of \(label) must change the header")
        let error = try #require(throws: SigScopeError.self) { try verify(fixture) }
        #expect(error.code == .invalidCapture, "\(error)")
        #expect(error.source == "capture.http", "\(error)")
        #expect(error.reason.contains("Authorization") && error.reason.contains(says), "\(label): \(error.reason)")
    }

    @Test("authorization-malformed: the signature in upper-case hex")
    func uppercase() throws {
        var fixture = Fixture()
        fixture.authorizationOverride = { auth in
            guard let range = auth.range(of: "Signature=") else { return auth }
            return String(auth[..<range.upperBound]) + auth[range.upperBound...].uppercased()
        }
        let report = try verify(fixture)
        #expect(report.finding(.authorizationMalformed)?.reproducesSignature == true)
    }

    @Test("wrong-secret-likely and signature-mismatch: signed with another key, nothing else wrong")
    func wrongSecret() throws {
        var fixture = Fixture()
        fixture.signingSecret = "AnotherSecretKeyEntirely00000000"
        let report = try verify(fixture)
        #expect(codes(report) == ["signature-mismatch", "wrong-secret-likely"])
    }

    @Test("two mistakes at once (local date and charset) are both named, each noting the other")
    func twoMistakes() throws {
        var fixture = Fixture()
        fixture.signedDate = "2023-11-15"
        fixture.signedHeaderValues = [("Content-Type", "application/json; charset=utf-8")]
        fixture.authorizationOverride = { $0.replacingOccurrences(of: "2023-11-15", with: "2023-11-14") }
        let report = try verify(fixture)
        let date = try #require(report.finding(.credentialDateNotUTC))
        let type = try #require(report.finding(.contentTypeChanged))
        #expect(date.reproducesSignature && type.reproducesSignature)
        #expect(date.message.contains("only together with"))
    }

    @Test("no output of verify contains the secret key")
    func secretNeverPrinted() throws {
        var fixture = Fixture()
        fixture.signingSecret = Self.secret + "\n"
        let report = try verify(fixture)
        let json = JSONWriter.compact.string(VerifyOutput.json(report, showSecrets: true))
        let text = VerifyOutput.text(report, showSecrets: true)
        #expect(!json.contains(Self.secret))
        #expect(!text.contains(Self.secret))
    }
}
