import Testing
import SigScopeTestSupport
import SigScope
@testable import SigScopeCLI

/// Alibaba Cloud RPC signature (HMAC-SHA1, SignatureVersion 1.0) against the official examples,
/// the derived and SDK-generated vectors, and the documents' own strings.
@Suite("Alibaba RPC signature")
struct AliyunRPCTests {
    static let cases = VectorCase.all("aliyun/rpc")

    @Test("the vector folders are there (T10-T12, D1 and the generated ones)")
    func vectorsPresent() {
        let names = Set(Self.cases.map { $0.folder.split(separator: "/").last.map(String.init) ?? "" })
        #expect(names.isSuperset(of: ["T10", "T11", "T12", "T12-post", "D1"]))
        #expect(names.filter { $0.hasPrefix("gen-") }.count >= 20)
    }

    @Test("every stage of every vector is reproduced through Signer.sign", arguments: cases)
    func reproducesEveryStage(_ vector: VectorCase) throws {
        let inputs = try vector.inputs()
        let signed = try Signer.sign(inputs.request, options: inputs.options, credentials: inputs.credentials)
        #expect(signed.algorithm == .rpc)
        #expect(signed.steps.map(\.name) == ["canonicalizedQueryString", "stringToSign", "signature"])
        let stages = vector.stages
        #expect(stages.map(\.step).sorted() == ["canonicalizedQueryString", "signature", "stringToSign"])
        for stage in stages {
            #expect(signed.step(stage.step) == stage.value, "\(stage.file)")
        }
        #expect(signed.signature == vector.stage("signature.txt"))
    }

    @Test("the wire carries exactly the signed parameters, each encoded once, and the Signature percent-encoded", arguments: cases)
    func wireMatchesCanonicalForm(_ vector: VectorCase) throws {
        let inputs = try vector.inputs()
        let signed = try Signer.sign(inputs.request, options: inputs.options, credentials: inputs.credentials)
        let canonical = try #require(vector.stage("canonicalized-query-string.txt"))
        let signature = try #require(vector.stage("signature.txt"))
        let wire = signed.request
        #expect(wire.method == vector.string("method"))
        #expect(wire.host == vector.string("endpoint"))
        #expect(wire.path == "/")
        #expect(wire.query.hasSuffix("&Signature=" + urlEncodedBase64(signature)))
        if wire.method == "GET" {
            // The URL is the canonicalized query string itself plus the Signature.
            #expect(wire.query == canonical + "&Signature=" + urlEncodedBase64(signature))
            #expect(wire.body.isEmpty)
            #expect(wire.header("Content-Type") == nil)
        } else {
            #expect(wire.header("Content-Type") == "application/x-www-form-urlencoded")
            // Query pairs and body fields, each as sent, together are the canonical pairs.
            let sent = wire.query.split(separator: "&").map(String.init) + wire.bodyText.split(separator: "&").map(String.init)
            let expected = canonical.split(separator: "&").map(String.init) + ["Signature=" + urlEncodedBase64(signature)]
            #expect(sent.sorted() == expected.sorted())
            // The business params (case.json minus Format) are the body; the common ones the query.
            let bodyNames = wire.bodyText.split(separator: "&").map { String($0.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]) }
            let businessNames = vector.params.keys.filter { $0 != "Format" }
            #expect(bodyNames.sorted() == businessNames.sorted())
        }
    }

    // MARK: - compute, against values the documents publish

    /// T10's parameters as the ECS "Request signatures" page lists them.
    static let t10: [(name: String, value: String)] = [
        ("AccessKeyId", "testid"), ("Action", "DescribeRegions"), ("Format", "XML"), ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"), ("SignatureVersion", "1.0"),
        ("Timestamp", "2016-02-23T12:46:24Z"), ("Version", "2014-05-26"),
    ]

    @Test("compute reproduces T10's published string to sign and signature (signing.md 2.4)")
    func computeT10() throws {
        let result = try RPCSigner.compute(.init(method: "GET", parameters: Self.t10), secretKey: SecretKey("testsecret"))
        #expect(result.canonicalizedQueryString == "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26")
        #expect(result.stringToSign == "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26")
        #expect(result.signature == "OLeaidS1JvxuMvnyHOwuJ+uX5qY=")
    }

    @Test("one batch worker's contexts reused across every vector, and across secrets and key suffixes, gives every signature")
    func keyCacheAcrossVectors() throws {
        let cache = CryptoContexts()
        for vector in Self.cases + Self.cases.reversed() {
            let inputs = try vector.inputs()
            let signed = try Signer.sign(inputs.request, options: inputs.options, credentials: inputs.credentials, contexts: cache)
            #expect(signed.signature == vector.stage("signature.txt"), "\(vector)")
        }
        // Keys that differ only in the secret or the suffix, in turn through the same cache
        // (expected values: Python's hmac module on T10's string to sign).
        let t10 = RPCSigner.Input(method: "GET", parameters: Self.t10)
        for _ in 0..<2 {
            #expect(try RPCSigner.compute(t10, secretKey: SecretKey("testsecret"), contexts: cache).signature == "OLeaidS1JvxuMvnyHOwuJ+uX5qY=")
            #expect(try RPCSigner.compute(t10, secretKey: SecretKey("testsecret2"), contexts: cache).signature == "tn+qMnBXfNbzwx/1IArf+Nfw8BA=")
            #expect(try RPCSigner.compute(t10, secretKey: SecretKey("testsecret"), variant: .init(keySuffix: ""), contexts: cache).signature == "R8VkbeU3DqhHmAVCdxW/CjqsRK0=")
        }
    }

    @Test("a Signature pair among the inputs is ignored, whatever its position")
    func signatureIgnored() throws {
        var pairs = Self.t10
        pairs.insert(("Signature", "OLeaidS1JvxuMvnyHOwuJ+uX5qY="), at: 3)
        #expect(try RPCSigner.compute(.init(method: "GET", parameters: pairs), secretKey: SecretKey("testsecret")).signature == "OLeaidS1JvxuMvnyHOwuJ+uX5qY=")
    }

    @Test("the method override of the Variant signs T10 as POST, giving T11's signature (signing.md 2.4)")
    func methodOverride() throws {
        let result = try RPCSigner.compute(.init(method: "GET", parameters: Self.t10), secretKey: SecretKey("testsecret"), variant: .init(method: "POST"))
        #expect(result.signedMethod == "POST")
        #expect(result.signature == "MxbnVAM4w6sft9xjVpe/GCKueuk=")
    }

    @Test("an empty-valued parameter still takes part: aliyunsdkcore's SignatureType= gives l2RHW… (signing.md 2.4)")
    func emptyValueParticipates() throws {
        let result = try RPCSigner.compute(.init(method: "GET", parameters: Self.t10 + [("SignatureType", "")]), secretKey: SecretKey("testsecret"))
        #expect(result.canonicalizedQueryString.contains("&SignatureType=&"))
        #expect(result.signature == "l2RHWHoXOKbFEAkq17TTwV31vac=")
    }

    @Test("compute reproduces a server's string to sign quoted in a SignatureDoesNotMatch body (signing.md 4.2, NewFuture/DDNS#57)")
    func serverStringToSign() throws {
        let pairs: [(name: String, value: String)] = [
            ("AccessKeyId", "LTAIlFW9Sddoh5pV"), ("Action", "GetMainDomainName"), ("Format", "json"), ("InputString", "jokor.vip"),
            ("SignatureMethod", "HMAC-SHA1"), ("SignatureNonce", "217f3bb4-f3e6-4479-9bac-2bfa68122c54"), ("SignatureVersion", "1.0"),
            ("Timestamp", "2019-05-12T14:06:51Z"), ("Version", "2015-01-09"),
        ]
        let result = try RPCSigner.compute(.init(method: "POST", parameters: pairs.reversed()), secretKey: SecretKey("unknown"))
        #expect(result.stringToSign == "POST&%2F&AccessKeyId%3DLTAIlFW9Sddoh5pV%26Action%3DGetMainDomainName%26Format%3Djson%26InputString%3Djokor.vip%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D217f3bb4-f3e6-4479-9bac-2bfa68122c54%26SignatureVersion%3D1.0%26Timestamp%3D2019-05-12T14%253A06%253A51Z%26Version%3D2015-01-09")
    }

    @Test("the Variant's one encoder drives both passes and the encoded slash")
    func variantEncoderEverywhere() throws {
        // Lowercase hex: the documented mistake shows as %2f for "/" and %253a for ":" (signing.md 2.3, 6).
        let lower = PercentEncoder(uppercaseHex: false)
        let result = try RPCSigner.compute(.init(method: "GET", parameters: Self.t10), secretKey: SecretKey("testsecret"), variant: .init(encoder: lower))
        #expect(result.stringToSign.hasPrefix("GET&%2f&AccessKeyId%3dtestid%26"))
        #expect(result.stringToSign.contains("Timestamp%3d2016-02-23T12%253a46%253a24Z"))
        #expect(result.signature != "OLeaidS1JvxuMvnyHOwuJ+uX5qY=")
    }

    @Test("the trace never contains the secret, not even as the secret& key")
    func secretNeverShown() throws {
        let request = APIRequest(provider: .aliyun, action: "DescribeRegions", params: ["Format": .string("XML")])
        let options = SigningOptions(timestamp: try Timestamp.parse("2016-02-23T12:46:24Z"), algorithm: .rpc, nonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf")
        let signed = try Signer.sign(request, options: options, credentials: Credentials(secretId: "testid", secretKey: SecretKey("testsecret")))
        #expect(signed.signature == "OLeaidS1JvxuMvnyHOwuJ+uX5qY=")
        let text = TraceText.render(signed, showSecrets: true) + JSONWriter.compact.string(SignOutput.json(signed, showSecrets: true))
        #expect(!text.contains("testsecret"))
    }

    // MARK: - Building the request

    func sign(_ params: JSONObject = [:], _ configure: (inout SigningOptions) -> Void = { _ in }, token: String? = nil) throws(SigScopeError) -> SignedRequest {
        var options = SigningOptions(timestamp: Timestamp(unixSeconds: 1_456_231_584), algorithm: .rpc, nonce: "n-1")
        configure(&options)
        return try Signer.sign(APIRequest(provider: .aliyun, action: "DescribeRegions", params: params), options: options,
                               credentials: Credentials(secretId: "testid", secretKey: SecretKey("testsecret"), token: token))
    }

    @Test("no RegionId is added when none is given, and Format defaults to JSON")
    func defaults() throws {
        let signed = try sign()
        let names = FormCodec.decode(signed.request.query).map(\.name)
        #expect(!names.contains("RegionId"))
        #expect(FormCodec.decode(signed.request.query).first { $0.name == "Format" }?.value == "JSON")
        #expect(FormCodec.decode(signed.request.query).first { $0.name == "Timestamp" }?.value == "2016-02-23T12:46:24Z")
    }

    @Test("a token is sent and signed as SecurityToken")
    func securityToken() throws {
        let signed = try sign(token: "tok+/=")
        #expect(signed.request.query.contains("SecurityToken=tok%2B%2F%3D&"))
        #expect(try #require(signed.step("canonicalizedQueryString")).contains("SecurityToken=tok%2B%2F%3D"))
    }

    @Test("a POST --body-file is sent verbatim and its form fields are signed with the query")
    func postBodyFile() throws {
        // D1-style: the same signed set whether a field is in the query or the body.
        let body = Array("Tag.1.Key=Test+Key&Tag.1.Value=%E4%B8%AD%E6%96%87~".utf8)
        let signed = try sign(["RegionId": .string("cn-hangzhou")], { $0.method = .post; $0.body = body })
        #expect(signed.request.body == body)
        let canonical = try #require(signed.step("canonicalizedQueryString"))
        #expect(canonical.contains("&RegionId=cn-hangzhou&"))
        #expect(canonical.contains("&Tag.1.Key=Test%20Key&Tag.1.Value=%E4%B8%AD%E6%96%87~&"))
        #expect(signed.request.query.contains("RegionId=cn-hangzhou"))
    }

    @Test("refuses options that mean nothing for rpc, with invalidOption", arguments: [
        "get-body", "get-content-type", "signed-headers", "service", "language", "json-post", "bad-form",
    ])
    func refusals(_ which: String) {
        #expect(throws: SigScopeError(.invalidOption, "")) {
            _ = try sign([:]) { options in
                switch which {
                case "get-body": options.body = Array("a=b".utf8)
                case "get-content-type": options.contentType = "application/x-www-form-urlencoded"
                case "signed-headers": options.extraSignedHeaders = ["host"]
                case "service": options.service = "ecs"
                case "language": options.language = "en-US"
                case "json-post": options.method = .post; options.contentType = "application/json"
                default: options.method = .post; options.body = Array("a=%zz".utf8)
                }
            }
        }
    }

    @Test("refuses a common parameter given as a param, naming the option to use", arguments: ["Timestamp", "SignatureNonce", "Version", "AccessKeyId", "Signature"])
    func reservedParams(_ name: String) {
        #expect(throws: SigScopeError(.invalidOption, "")) { _ = try sign([name: .string("x")]) }
    }

    @Test("without a nonce the library asks for one (it never makes one up)")
    func nonceRequired() {
        #expect(throws: SigScopeError(.missingInput, "")) { _ = try sign([:]) { $0.nonce = nil } }
    }
}
