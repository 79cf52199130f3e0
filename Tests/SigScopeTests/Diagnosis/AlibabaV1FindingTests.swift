import Foundation
import Testing
import SigScopeTestSupport
import SigScope

/// For each Alibaba RPC / ACS3 and Tencent v1 finding, a capture signed with exactly that
/// mistake (the signers' `Variant`s applied explicitly, the wire written with Foundation's
/// encoder), and `verify` must name it.
@Suite("verify: RPC, ACS3 and v1 findings")
struct AlibabaV1FindingTests {
    static let secret = "testsecret"

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")) ?? text
    }

    func verify(_ text: String, _ options: VerifyOptions = VerifyOptions(secretKey: SecretKey(AlibabaV1FindingTests.secret))) throws -> VerifyReport {
        try Verifier.verify(capture: Array(text.utf8), source: "capture", options: options).report
    }

    // MARK: - RPC

    static func rpcParams(timestamp: String = "2016-02-23T12:46:24Z", nonce: String = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", extra: [(String, String)] = [], id: String = "testid") -> [(name: String, value: String)] {
        [("AccessKeyId", id), ("Action", "CreateNetworkInterface"), ("Format", "JSON"), ("RegionId", "cn-hangzhou"),
         ("SignatureMethod", "HMAC-SHA1"), ("SignatureNonce", nonce), ("SignatureVersion", "1.0"), ("Timestamp", timestamp),
         ("Version", "2014-05-26"), ("VSwitchId", "vsw-bp1s5fnvk4gn2tws03xx")] + extra.map { (name: $0.0, value: $0.1) }
    }

    /// A GET capture of `params` signed with `variant` (and `secret`), Signature encoded with `signatureEncoding`.
    func rpcCapture(_ params: [(name: String, value: String)], variant: RPCSigner.Variant = .specification, method: String = "GET",
                    secret: String = AlibabaV1FindingTests.secret, signatureEncoding: (String) -> String = { AlibabaV1FindingTests.encode($0) }) throws -> (text: String, signature: String) {
        let signature = try RPCSigner.compute(RPCSigner.Input(method: method, parameters: params), secretKey: SecretKey(secret), variant: variant).signature
        let query = params.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&") + "&Signature=" + signatureEncoding(signature)
        return ("\(method) /?\(query) HTTP/1.1\r\nHost: ecs.cn-hangzhou.aliyuncs.com\r\n\r\n", signature)
    }

    @Test("the correctly signed RPC capture is a match")
    func rpcBaseline() throws {
        #expect(try verify(try rpcCapture(Self.rpcParams(extra: [("Description", "a b*c~d(e)!")])).text).match)
    }

    struct EncoderCase: Sendable, CustomStringConvertible {
        let code: String
        let value: String
        let encoder: PercentEncoder
        var description: String { code }
    }

    static let encoderCases: [EncoderCase] = [
        EncoderCase(code: "space-encoded-as-plus", value: "prod stage", encoder: PercentEncoder(spaceAsPlus: true)),
        EncoderCase(code: "star-not-encoded", value: "a*b", encoder: PercentEncoder(encodeStar: false)),
        EncoderCase(code: "tilde-encoded", value: "a~b", encoder: PercentEncoder(encodeTilde: true)),
        EncoderCase(code: "reserved-not-encoded", value: "(draft)!", encoder: PercentEncoder(encodeSubDelims: false)),
        EncoderCase(code: "lowercase-percent-hex", value: "a/b", encoder: PercentEncoder(uppercaseHex: false)),
    ]

    @Test("RPC signed with one faulty encoder: the fault is named", arguments: encoderCases)
    func rpcEncoder(_ testCase: EncoderCase) throws {
        let params = Self.rpcParams(extra: [("Description", testCase.value)])
        let report = try verify(try rpcCapture(params, variant: RPCSigner.Variant(encoder: testCase.encoder)).text)
        #expect(!report.match)
        let finding = try #require(report.findings.first { $0.code.rawValue == testCase.code })
        #expect(finding.reproducesSignature)
        #expect(finding.message.contains("For example `"))
        #expect(report.finding(.wrongSecretLikely) == nil)
    }

    @Test("RPC signed with Java's URLEncoder (space +, * kept, ~ encoded): all three faults are named")
    func rpcJava() throws {
        let params = Self.rpcParams(extra: [("Description", "a b*c~d")])
        let report = try verify(try rpcCapture(params, variant: RPCSigner.Variant(encoder: PercentEncoder(spaceAsPlus: true, encodeStar: false, encodeTilde: true))).text)
        for code in [VerifyFinding.Code.spaceEncodedAsPlus, .starNotEncoded, .tildeEncoded] {
            #expect(report.finding(code)?.reproducesSignature == true, "\(code)")
        }
        #expect(report.finding(.reservedNotEncoded) == nil)
        #expect(report.finding(.lowercasePercentHex) == nil)
    }

    @Test("secret-missing-ampersand: RPC keyed with the bare secret")
    func rpcAmpersand() throws {
        let report = try verify(try rpcCapture(Self.rpcParams(), variant: RPCSigner.Variant(keySuffix: "")).text)
        #expect(report.finding(.secretMissingAmpersand)?.reproducesSignature == true)
    }

    @Test("method-mismatch: RPC signed as POST, sent as GET")
    func rpcMethod() throws {
        let report = try verify(try rpcCapture(Self.rpcParams(), variant: RPCSigner.Variant(method: "POST")).text)
        #expect(report.finding(.methodMismatch)?.reproducesSignature == true)
    }

    /// A nonce whose correct signature contains a "+", found by trying nonces in order.
    func nonceWithPlus() throws -> String {
        for n in 0..<500 {
            let params = Self.rpcParams(nonce: "nonce-\(n)")
            let sig = try RPCSigner.compute(RPCSigner.Input(method: "GET", parameters: params), secretKey: SecretKey(Self.secret)).signature
            if sig.contains("+") { return "nonce-\(n)" }
        }
        throw SigScopeError(.invalidCapture, "no nonce gives a + in 500 tries")
    }

    @Test("signature-not-url-encoded: the raw Base64 Signature with its + in the URL")
    func rpcSignatureRaw() throws {
        let params = Self.rpcParams(nonce: try nonceWithPlus())
        let capture = try rpcCapture(params, signatureEncoding: { $0 })
        let report = try verify(capture.text)
        #expect(!report.match)
        #expect(report.finding(.signatureNotURLEncoded)?.reproducesSignature == true)
        #expect(report.finding(.wrongSecretLikely) == nil)
    }

    @Test("signature-double-encoded: %2B encoded again as %252B")
    func rpcSignatureTwice() throws {
        let capture = try rpcCapture(Self.rpcParams(nonce: try nonceWithPlus()), signatureEncoding: { Self.encode(Self.encode($0)) })
        let report = try verify(capture.text)
        #expect(report.finding(.signatureDoubleEncoded)?.reproducesSignature == true)
    }

    @Test("timestamp-not-utc: a Timestamp with a +08:00 offset, correctly signed, is still rejected")
    func rpcTimestampOffset() throws {
        let report = try verify(try rpcCapture(Self.rpcParams(timestamp: "2016-02-23T20:46:24+08:00")).text)
        #expect(!report.match)
        #expect(report.providedSignature == report.computedSignature)
        #expect(report.finding(.timestampNotUTC)?.message.contains("2016-02-23T12:46:24Z") == true)
    }

    @Test("timestamp-not-utc: a local Timestamp without Z")
    func rpcTimestampNoZ() throws {
        let report = try verify(try rpcCapture(Self.rpcParams(timestamp: "2016-02-23T20:46:24")).text)
        #expect(report.finding(.timestampNotUTC)?.message.contains("no \"Z\"") == true)
    }

    @Test("timestamp-expired: Alibaba's 15 minutes, judged with --now")
    func rpcExpired() throws {
        let text = try rpcCapture(Self.rpcParams()).text
        let late = try verify(text, VerifyOptions(secretKey: SecretKey(Self.secret), now: try Timestamp.parse("2016-02-23T13:01:25Z")))
        #expect(late.findings.map(\.code) == [.timestampExpired])
        let inTime = try verify(text, VerifyOptions(secretKey: SecretKey(Self.secret), now: try Timestamp.parse("2016-02-23T13:01:24Z")))
        #expect(inTime.match)
    }

    @Test("token-header-missing: an STS AccessKeyId without SecurityToken")
    func rpcSTS() throws {
        let report = try verify(try rpcCapture(Self.rpcParams(id: "STS.NUgYrLnoC37mZZCNnAbez2")).text)
        #expect(report.finding(.tokenHeaderMissing)?.severity == .error)
    }

    @Test("secret-id-mismatch and wrong-secret-likely for RPC")
    func rpcKeys() throws {
        let text = try rpcCapture(Self.rpcParams()).text
        #expect(try verify(text, VerifyOptions(secretKey: SecretKey(Self.secret), expectedSecretId: "otherid")).findings.map(\.code) == [.secretIdMismatch])
        #expect(try verify(text, VerifyOptions(secretKey: SecretKey("other"))).findings.map(\.code) == [.signatureMismatch, .wrongSecretLikely])
    }

    // MARK: - ACS3

    struct ACS3Fixture {
        var method = "POST"
        var query: [(name: String, value: String)] = [("RegionId", "cn-hangzhou"), ("VSwitchId", "vsw-1")]
        var headers = [HTTPHeader("host", "ecs.cn-hangzhou.aliyuncs.com"), HTTPHeader("x-acs-action", "CreateNetworkInterface"),
                       HTTPHeader("x-acs-version", "2014-05-26"), HTTPHeader("x-acs-date", "2023-10-26T10:22:32Z"),
                       HTTPHeader("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d")]
        var body: [UInt8] = []
        var signedBody: [UInt8]?
        var declaredHash: String?
        var signed = ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"]
        var variant = ACS3Signer.Variant.specification

        func text() throws -> String {
            var sent = headers
            let hash = try declaredHash ?? Hex.encode(Digest.sha256(signedBody ?? body))
            sent.append(HTTPHeader("x-acs-content-sha256", hash))
            let input = ACS3Signer.Input(method: method, query: query, headers: sent, signedHeaders: signed, body: signedBody ?? body, accessKeyId: "testid")
            let auth = try ACS3Signer.compute(input, secretKey: SecretKey(AlibabaV1FindingTests.secret), variant: variant).authorization
            let q = query.map { AlibabaV1FindingTests.encode($0.name) + "=" + AlibabaV1FindingTests.encode($0.value) }.joined(separator: "&")
            var lines = ["\(method) /?\(q) HTTP/1.1", "Authorization: \(auth)"] + sent.map { "\($0.name): \($0.value)" }
            if !body.isEmpty { lines.append("Content-Length: \(body.count)") }
            return lines.joined(separator: "\r\n") + "\r\n\r\n" + String(decoding: body, as: UTF8.self)
        }
    }

    @Test("the correctly signed ACS3 capture is a match")
    func acs3Baseline() throws {
        #expect(try verify(try ACS3Fixture().text()).match)
    }

    /// Issue 28: the ACS3 header likewise.
    @Test("an ACS3 Authorization header whose parts cannot be read is unreadable input", arguments: [
        ("Signature missing", ",Signature=", ",Sig=", "unknown part"),
        ("SignedHeaders missing", "SignedHeaders=", "Signed=", "has no SignedHeaders="),
        ("a space inside the AccessKeyId", "Credential=testid", "Credential=test id", "AccessKeyId"),
        ("an empty name in SignedHeaders", "SignedHeaders=host;", "SignedHeaders=host;;", "SignedHeaders"),
        ("a non-hex signature", ",Signature=", ",Signature=zz", "64 hex digits"),
    ])
    func acs3UnreadableAuthorization(label: String, find: String, replace: String, says: String) throws {
        let text = try ACS3Fixture().text()
        let changed = text.replacingOccurrences(of: find, with: replace)
        #expect(changed != text, "\(label) must change the header")
        let error = try #require(throws: SigScopeError.self) { try verify(changed) }
        #expect(error.code == .invalidCapture, "\(error)")
        #expect(error.source == "capture", "\(error)")
        #expect(error.reason.contains("Authorization") && error.reason.contains(says), "\(label): \(error.reason)")
    }

    @Test("secret-with-ampersand: ACS3 keyed with secret + &")
    func acs3Ampersand() throws {
        var fixture = ACS3Fixture()
        fixture.variant = ACS3Signer.Variant(keySuffix: "&")
        #expect(try verify(try fixture.text()).finding(.secretWithAmpersand)?.reproducesSignature == true)
    }

    @Test("space-encoded-as-plus in the ACS3 canonical query")
    func acs3Space() throws {
        var fixture = ACS3Fixture()
        fixture.query.append(("Description", "prod stage"))
        fixture.variant = ACS3Signer.Variant(encoder: PercentEncoder(spaceAsPlus: true))
        #expect(try verify(try fixture.text()).finding(.spaceEncodedAsPlus)?.reproducesSignature == true)
    }

    @Test("header-value-lowercased: ACS3 signed with TC3's lowercasing")
    func acs3Lowercase() throws {
        var fixture = ACS3Fixture()
        fixture.variant = ACS3Signer.Variant(lowercaseHeaderValues: true)
        #expect(try verify(try fixture.text()).finding(.headerValueLowercased)?.reproducesSignature == true)
    }

    @Test("payload-hash-mismatch: x-acs-content-sha256 of other bytes, signed consistently, is still a mismatch")
    func acs3PayloadHash() throws {
        var fixture = ACS3Fixture()
        fixture.headers.append(HTTPHeader("content-type", "application/x-www-form-urlencoded"))
        fixture.signed.append("content-type")
        fixture.body = Array("a=1".utf8)
        fixture.declaredHash = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        let report = try verify(try fixture.text())
        #expect(!report.match)
        #expect(report.finding(.payloadHashMismatch) != nil)
        #expect(report.steps.first { $0.name == "hashedRequestPayload" }?.provided == fixture.declaredHash)
    }

    @Test("body-reserialized: an ACS3 JSON body hashed and signed as Python wrote it, sent compact")
    func acs3Body() throws {
        var fixture = ACS3Fixture()
        fixture.headers.append(HTTPHeader("content-type", "application/json"))
        fixture.signed.append("content-type")
        fixture.body = Array(#"{"a":1,"b":"x"}"#.utf8)
        fixture.signedBody = Array(#"{"a": 1, "b": "x"}"#.utf8)
        let report = try verify(try fixture.text())
        #expect(report.finding(.payloadHashMismatch) != nil)
        #expect(report.finding(.bodyReserialized)?.reproducesSignature == true)
    }

    @Test("timestamp-not-utc: x-acs-date with milliseconds")
    func acs3Date() throws {
        var fixture = ACS3Fixture()
        fixture.headers[3] = HTTPHeader("x-acs-date", "2023-10-26T10:22:32.000Z")
        #expect(try verify(try fixture.text()).finding(.timestampNotUTC) != nil)
    }

    @Test("signed-header-missing: x-acs-date sent but not signed; signed-header-not-sent: content-type signed, not sent")
    func acs3SignedHeaders() throws {
        var missing = ACS3Fixture()
        missing.signed.removeAll { $0 == "x-acs-date" }
        #expect(try verify(try missing.text()).finding(.signedHeaderMissing)?.message.contains("x-acs-date") == true)
        var notSent = ACS3Fixture()
        notSent.signed.append("content-type")
        #expect(try verify(try notSent.text()).finding(.signedHeaderNotSent) != nil)
    }

    // MARK: - Tencent v1

    static func v1Params(method: String = "HmacSHA256") -> [(name: String, value: String)] {
        [("Action", "DescribeInstances"), ("InstanceIds.0", "ins-09dx96dg"), ("Nonce", "11886"), ("Region", "ap-guangzhou"),
         ("SecretId", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"), ("SignatureMethod", method), ("Timestamp", "1465185768"),
         ("Version", "2017-03-12"), ("Name", "a b/c")]
    }

    func v1Capture(_ params: [(name: String, value: String)], hash: HashAlgorithm = .sha256, variant: V1Signer.Variant = .specification,
                   host: String = "cvm.tencentcloudapi.com", signedHost: String? = nil) throws -> String {
        let sig = try V1Signer.compute(V1Signer.Input(method: "GET", host: signedHost ?? host, parameters: params, algorithm: hash),
                                       secretKey: SecretKey(Self.secret), variant: variant).signature
        let query = (params + [("Signature", sig)]).map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        return "GET /?\(query) HTTP/1.1\r\nHost: \(host)\r\n\r\n"
    }

    @Test("the correctly signed v1 capture is a match")
    func v1Baseline() throws {
        #expect(try verify(try v1Capture(Self.v1Params())).match)
    }

    @Test("values-encoded-in-string-to-sign: v1 signed over URL-encoded values")
    func v1Encoded() throws {
        let report = try verify(try v1Capture(Self.v1Params(), variant: V1Signer.Variant(encodeValuesInStringToSign: true)))
        #expect(report.finding(.valuesEncodedInStringToSign)?.reproducesSignature == true)
    }

    @Test("signature-method-mismatch: HMAC-SHA256 used, but SignatureMethod=hmacsha256 makes the server use SHA1")
    func v1Hash() throws {
        let report = try verify(try v1Capture(Self.v1Params(method: "hmacsha256"), hash: .sha256))
        #expect(report.finding(.signatureMethodMismatch)?.reproducesSignature == true)
    }

    @Test("host-changed: v1 signed for the regional host, sent to the global one")
    func v1Host() throws {
        let report = try verify(try v1Capture(Self.v1Params(), signedHost: "cvm.ap-guangzhou.tencentcloudapi.com"))
        #expect(report.finding(.hostChanged)?.reproducesSignature == true)
    }

    // MARK: - The server's string-to-sign

    /// The RPC string-to-sign of `params` for GET, built here with Foundation's encoder.
    static func serverStringToSign(_ params: [(name: String, value: String)]) -> String {
        let canonical = params.map { (encode($0.name), encode($0.value)) }.sorted { $0.0 < $1.0 }.map { $0.0 + "=" + $0.1 }.joined(separator: "&")
        return "GET&%2F&" + encode(canonical)
    }

    @Test("server-string-to-sign-differs: the server's string-to-sign against a space-as-plus client, per parameter")
    func serverAgainstClient() throws {
        let params = Self.rpcParams(extra: [("Description", "prod stage")])
        let text = try rpcCapture(params, variant: RPCSigner.Variant(encoder: PercentEncoder(spaceAsPlus: true))).text
        let report = try verify(text, VerifyOptions(secretKey: SecretKey(Self.secret), serverStringToSign: Self.serverStringToSign(params)))
        let finding = try #require(report.finding(.serverStringToSignDiffers))
        #expect(finding.message.contains("`Description`: server saw `prod%20stage`, you signed `prod+stage`"))
        #expect(report.finding(.spaceEncodedAsPlus)?.reproducesSignature == true)
        #expect(report.steps.first { $0.name == "stringToSign" }?.agrees == true)
    }

    @Test("the server's string-to-sign equals ours and the signature does not verify: the secret is wrong (official T10)")
    func serverEqualWrongSecret() throws {
        let vector = try #require(VectorCase.all("aliyun/rpc").first { $0.folder.hasSuffix("/T10") })
        let query = try #require(vector.stage("canonicalized-query-string.txt"))
        let text = "GET /?\(query)&Signature=\(Self.encode(try #require(vector.stage("signature.txt")))) HTTP/1.1\r\nHost: ecs.aliyuncs.com\r\n\r\n"
        let report = try verify(text, VerifyOptions(secretKey: SecretKey("not-the-secret"), serverStringToSign: try #require(vector.stage("string-to-sign.txt"))))
        #expect(report.findings.map(\.code) == [.signatureMismatch, .wrongSecretLikely])
        #expect(report.finding(.wrongSecretLikely)?.message.contains("server's string-to-sign is exactly") == true)
    }

    @Test("the server canonicalized another value than the capture shows: the difference is located")
    func serverAgainstCapture() throws {
        let params = Self.rpcParams(extra: [("Description", "a+b")])
        let text = try rpcCapture(params).text
        let proxied = Self.rpcParams(extra: [("Description", "a b")])
        let report = try verify(text, VerifyOptions(secretKey: SecretKey(Self.secret), serverStringToSign: Self.serverStringToSign(proxied)))
        #expect(!report.match)
        let finding = try #require(report.finding(.serverStringToSignDiffers))
        #expect(finding.message.contains("`Description`: server saw `a%20b`, the capture gives `a%2Bb`"))
        #expect(finding.message.contains("first difference"))
    }
}
