import Testing
import SigScopeTestSupport
import SigScope

/// Tencent Cloud signature v1 (HmacSHA1, HmacSHA256) against the official examples T7-T9, D4 and
/// the SDK-generated vectors.
@Suite("Tencent signature v1")
struct TencentV1Tests {
    static let cases = VectorCase.all("tencent/v1")

    @Test("the vector folders are there (T7-T9, D4 and the generated ones)")
    func vectorsPresent() {
        let names = Set(Self.cases.map { $0.folder.split(separator: "/").last.map(String.init) ?? "" })
        #expect(names.isSuperset(of: ["T7", "T8", "T9", "D4"]))
        #expect(names.filter { $0.hasPrefix("gen-") }.count >= 20)
    }

    @Test("every stage of every vector is reproduced through Signer.sign", arguments: cases)
    func reproducesEveryStage(_ vector: VectorCase) throws {
        let inputs = try vector.inputs()
        let signed = try Signer.sign(inputs.request, options: inputs.options, credentials: inputs.credentials)
        #expect(signed.algorithm.rawValue == vector.string("algorithm"))
        #expect(signed.steps.map(\.name) == ["stringToSign", "signature"])
        let stages = vector.stages
        #expect(stages.map(\.step).sorted() == ["signature", "stringToSign"])
        for stage in stages {
            #expect(signed.step(stage.step) == stage.value, "\(stage.file)")
        }
        #expect(signed.signature == vector.stage("signature.txt"))
    }

    @Test("every value is on the wire URL-encoded exactly once, Signature included", arguments: cases)
    func wireEncodedOnce(_ vector: VectorCase) throws {
        let inputs = try vector.inputs()
        let wire = try Signer.sign(inputs.request, options: inputs.options, credentials: inputs.credentials).request
        let stringToSign = try #require(vector.stage("string-to-sign.txt"))
        let signature = try #require(vector.stage("signature.txt"))
        let form: String
        if wire.method == "GET" {
            form = wire.query
            #expect(wire.body.isEmpty)
        } else {
            form = wire.bodyText
            #expect(wire.query.isEmpty)
            #expect(wire.header("Content-Type") == "application/x-www-form-urlencoded")
        }
        #expect(stringToSign.hasPrefix(wire.method + (vector.string("endpoint") ?? "") + "/?"))
        // Only RFC 3986 unreserved characters and %XY escapes (uppercase hex) appear in values.
        for byte in form.utf8 {
            let allowed = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "-_.~%&=".utf8.contains(byte)
            #expect(allowed, "unencoded byte \(byte) on the wire")
        }
        // Decoding once gives back exactly the raw values of the string to sign, and the Signature.
        let decoded = try #require(FormCodec.strictDecode(form))
        #expect(decoded.last?.name == "Signature")
        #expect(decoded.last?.value == signature)
        let raw = decoded.dropLast().map { $0.name + "=" + $0.value }.joined(separator: "&")
        #expect(stringToSign.hasSuffix("/?" + raw))
        #expect(form.hasSuffix("&Signature=" + urlEncodedBase64(signature)))
    }

    /// T9's parameters as the intl v1 page lists them (signing.md 1.5).
    static let t9: [(name: String, value: String)] = [
        ("Action", "DescribeInstances"), ("InstanceIds.0", "ins-09dx96dg"), ("Limit", "20"), ("Nonce", "11886"), ("Offset", "0"),
        ("Region", "ap-guangzhou"), ("SecretId", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"), ("Timestamp", "1465185768"), ("Version", "2017-03-12"),
    ]

    @Test("compute reproduces T9's published signature and its URL form (signing.md 1.5)")
    func computeT9() throws {
        let result = try V1Signer.compute(.init(method: "GET", host: "cvm.tencentcloudapi.com", parameters: Self.t9.reversed(), algorithm: .sha1),
                                          secretKey: SecretKey("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"))
        #expect(result.stringToSign == "GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&Timestamp=1465185768&Version=2017-03-12")
        #expect(result.signature == "EliP9YW3pW28FpsEdkXt/+WcGeI=")
        #expect(result.encodedSignature == "EliP9YW3pW28FpsEdkXt%2F%2BWcGeI%3D")
    }

    @Test("SignatureMethod=HmacSHA256 selects SHA-256: T9 plus it gives D4 (signing.md 7)")
    func computeD4() throws {
        let pairs = Self.t9 + [("SignatureMethod", "HmacSHA256")]
        let algorithm = V1Signer.hashAlgorithm(signatureMethod: "HmacSHA256")
        #expect(algorithm == .sha256)
        #expect(V1Signer.hashAlgorithm(signatureMethod: "hmacsha256") == .sha1)
        let result = try V1Signer.compute(.init(method: "GET", host: "cvm.tencentcloudapi.com", parameters: pairs, algorithm: algorithm), secretKey: SecretKey("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"))
        #expect(result.signature == "A8uy2/o7WBZXYCTWEFpMrVGhGBVlEGIOioeqRM+fzFs=")
    }

    @Test("names sort in byte order: InstanceIds.12 before InstanceIds.2 (the v1 document's example)")
    func byteOrder() throws {
        let result = try V1Signer.compute(.init(method: "GET", host: "h", parameters: [("InstanceIds.2", "b"), ("InstanceIds.12", "a")], algorithm: .sha1), secretKey: SecretKey("k"))
        #expect(result.stringToSign == "GETh/?InstanceIds.12=a&InstanceIds.2=b")
    }

    @Test("the encodeValuesInStringToSign variant reproduces signing URL-encoded values")
    func encodedValuesVariant() throws {
        let input = V1Signer.Input(method: "GET", host: "h", parameters: [("Name", "a b/c")], algorithm: .sha1)
        let variant = try V1Signer.compute(input, secretKey: SecretKey("k"), variant: .init(encodeValuesInStringToSign: true))
        #expect(variant.stringToSign == "GETh/?Name=a%20b%2Fc")
        #expect(try V1Signer.compute(input, secretKey: SecretKey("k")).stringToSign == "GETh/?Name=a b/c")
    }

    // MARK: - Building the request

    func sign(_ algorithm: SignatureAlgorithm = .hmacSHA1, params: JSONObject = [:], _ configure: (inout SigningOptions) -> Void = { _ in }, token: String? = nil) throws(SigScopeError) -> SignedRequest {
        var options = SigningOptions(timestamp: Timestamp(unixSeconds: 1_465_185_768), algorithm: algorithm, endpoint: "cvm.tencentcloudapi.com", nonce: "11886")
        configure(&options)
        let request = APIRequest(provider: .tencent, action: "DescribeInstances", region: "ap-guangzhou", params: params)
        return try Signer.sign(request, options: options, credentials: Credentials(secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", secretKey: SecretKey("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"), token: token))
    }

    @Test("nested params flatten 0-based, and T9 is reproduced from them with --method GET")
    func nestedParams() throws {
        let signed = try sign(params: ["InstanceIds": .array([.string("ins-09dx96dg")]), "Limit": .number("20"), "Offset": .number("0")]) { $0.method = .get }
        #expect(signed.signature == "EliP9YW3pW28FpsEdkXt/+WcGeI=")
    }

    @Test("POST is the default method (interface.md: Tencent default POST), as a form body")
    func postDefault() throws {
        let signed = try sign()
        #expect(signed.request.method == "POST")
        #expect(try #require(signed.step("stringToSign")).hasPrefix("POSTcvm.tencentcloudapi.com/?"))
        #expect(signed.request.bodyText.contains("Nonce=11886&"))
    }

    @Test("HmacSHA256 sends SignatureMethod, HmacSHA1 does not; Token and Language are signed when given")
    func optionalCommonParameters() throws {
        let sha1 = try sign()
        #expect(!sha1.request.bodyText.contains("SignatureMethod"))
        let sha256 = try sign(.hmacSHA256, { $0.language = "en-US" }, token: "tok en")
        let text = try #require(sha256.step("stringToSign"))
        #expect(text.contains("&SignatureMethod=HmacSHA256&"))
        #expect(text.contains("&Token=tok en&"))
        #expect(text.contains("&Language=en-US&"))
        #expect(sha256.request.bodyText.contains("Token=tok%20en&"))
    }

    @Test("refuses options and params v1 cannot use", arguments: ["signed-headers", "service", "body", "get-content-type", "json-post", "nonce", "param"])
    func refusals(_ which: String) {
        #expect(throws: SigScopeError(.invalidOption, "")) {
            switch which {
            case "param": _ = try sign(params: ["Nonce": .string("1")])
            default:
                _ = try sign { options in
                    switch which {
                    case "signed-headers": options.extraSignedHeaders = ["host"]
                    case "service": options.service = "cvm"
                    case "body": options.body = Array("a=b".utf8)
                    case "get-content-type": options.method = .get; options.contentType = "application/x-www-form-urlencoded"
                    case "json-post": options.contentType = "application/json"
                    default: options.nonce = "3ee8c1b8-83d3"
                    }
                }
            }
        }
    }
}
