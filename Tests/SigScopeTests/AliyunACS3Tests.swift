import Testing
import SigScopeTestSupport
import SigScope

/// Alibaba Cloud ACS3-HMAC-SHA256 against the official RunInstances example (T13), D2 and the
/// SDK-generated vectors.
@Suite("Alibaba ACS3-HMAC-SHA256")
struct AliyunACS3Tests {
    static let cases = VectorCase.all("aliyun/acs3")

    @Test("the vector folders are there (T13, D2 and the generated ones)")
    func vectorsPresent() {
        let names = Set(Self.cases.map { $0.folder.split(separator: "/").last.map(String.init) ?? "" })
        #expect(names.isSuperset(of: ["T13", "D2"]))
        #expect(names.filter { $0.hasPrefix("gen-") }.count >= 20)
    }

    @Test("every stage of every vector is reproduced through Signer.sign", arguments: cases)
    func reproducesEveryStage(_ vector: VectorCase) throws {
        let inputs = try vector.inputs()
        let signed = try Signer.sign(inputs.request, options: inputs.options, credentials: inputs.credentials)
        #expect(signed.algorithm == .acs3)
        #expect(signed.steps.map(\.name) == ["hashedRequestPayload", "canonicalRequest", "hashedCanonicalRequest", "stringToSign", "signature", "authorization"])
        let stages = vector.stages
        #expect(stages.count == 6)
        for stage in stages {
            #expect(signed.step(stage.step) == stage.value, "\(stage.file)")
        }
        #expect(signed.signature == vector.stage("signature.txt"))
    }

    @Test("the wire carries the canonical query, every signed header with its signed value, and the Authorization", arguments: cases)
    func wireMatchesCanonicalRequest(_ vector: VectorCase) throws {
        let inputs = try vector.inputs()
        let wire = try Signer.sign(inputs.request, options: inputs.options, credentials: inputs.credentials).request
        let canonical = try #require(vector.stage("canonical-request.txt")).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(wire.method == canonical[0])
        #expect(wire.path == canonical[1])
        #expect(wire.query == canonical[2])
        let blank = try #require(canonical[3...].firstIndex(of: ""))
        for line in canonical[3..<blank] {
            let colon = try #require(line.firstIndex(of: ":"))
            #expect(wire.header(String(line[..<colon])) == String(line[line.index(after: colon)...]), "\(line)")
        }
        #expect(wire.header("Authorization") == vector.stage("authorization.txt"))
        #expect(wire.body.isEmpty)
    }

    /// T13 as the V3 document lists it (signing.md 3.6).
    static func t13(headers extra: [HTTPHeader] = [], body: [UInt8] = []) -> ACS3Signer.Input {
        let headers = [
            HTTPHeader("host", "ecs.cn-shanghai.aliyuncs.com"), HTTPHeader("x-acs-action", "RunInstances"),
            HTTPHeader("x-acs-version", "2014-05-26"), HTTPHeader("x-acs-date", "2023-10-26T10:22:32Z"),
            HTTPHeader("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            HTTPHeader("x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ] + extra
        return ACS3Signer.Input(method: "POST", query: [("RegionId", "cn-shanghai"), ("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd")],
                                headers: headers, signedHeaders: headers.map(\.name), body: body, accessKeyId: "YourAccessKeyId")
    }

    @Test("compute reproduces T13's published hash, signature and Authorization from the document's inputs")
    func computeT13() throws {
        let result = try ACS3Signer.compute(Self.t13(), secretKey: SecretKey("YourAccessKeySecret"))
        #expect(result.hashedCanonicalRequest == "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259")
        #expect(result.signature == "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0")
        #expect(result.authorization == "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0")
    }

    @Test("signed header names are matched case-insensitively and values kept in their case, trimmed")
    func headerCaseAndTrim() throws {
        var input = Self.t13()
        input.headers = input.headers.map { HTTPHeader($0.name.uppercased(), "  " + $0.value + " ") }
        input.signedHeaders = input.signedHeaders.map { $0.uppercased() }
        let result = try ACS3Signer.compute(input, secretKey: SecretKey("YourAccessKeySecret"))
        #expect(result.signature == "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0")
        #expect(result.canonicalRequest.contains("\nx-acs-action:RunInstances\n"))
    }

    @Test("the lowercaseHeaderValues variant shows the TC3 rule applied to ACS3 (x-acs-action:runinstances)")
    func lowercaseVariant() throws {
        let result = try ACS3Signer.compute(Self.t13(), secretKey: SecretKey("YourAccessKeySecret"), variant: .init(lowercaseHeaderValues: true))
        #expect(result.canonicalRequest.contains("\nx-acs-action:runinstances\n"))
        #expect(result.signature != "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0")
    }

    @Test("the payload hash is recomputed from the body, whatever x-acs-content-sha256 claims")
    func payloadFromBody() throws {
        let result = try ACS3Signer.compute(Self.t13(body: Array("{}".utf8)), secretKey: SecretKey("YourAccessKeySecret"))
        // signing.md 7: SHA256("{}").
        #expect(result.hashedRequestPayload == "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
        #expect(result.canonicalRequest.hasSuffix("\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"))
        #expect(result.canonicalRequest.contains("x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"))
    }

    // MARK: - Building the request

    func sign(_ configure: (inout SigningOptions) -> Void = { _ in }, token: String? = nil) throws(SigScopeError) -> SignedRequest {
        var options = SigningOptions(timestamp: try Timestamp.parse("2023-10-26T10:22:32Z"), algorithm: .acs3, endpoint: "ecs.cn-shanghai.aliyuncs.com", nonce: "3156853299f313e23d1673dc12e1703d")
        configure(&options)
        let request = APIRequest(provider: .aliyun, action: "RunInstances",
                                 params: ["ImageId": .string("win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"), "RegionId": .string("cn-shanghai")])
        return try Signer.sign(request, options: options, credentials: Credentials(secretId: "YourAccessKeyId", secretKey: SecretKey("YourAccessKeySecret"), token: token))
    }

    @Test("a body is hashed into x-acs-content-sha256 and its content-type is sent and signed")
    func bodyFile() throws {
        let signed = try sign { $0.body = Array("{}".utf8); $0.contentType = "application/json; charset=utf-8" }
        #expect(signed.request.header("x-acs-content-sha256") == "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
        #expect(signed.request.header("content-type") == "application/json; charset=utf-8")
        let canonical = try #require(signed.step("canonicalRequest"))
        #expect(canonical.contains("\ncontent-type:application/json; charset=utf-8\n"))
        #expect(canonical.contains("\ncontent-type;host;x-acs-action;"))
    }

    @Test("a token is sent and signed as x-acs-security-token")
    func token() throws {
        let signed = try sign(token: "CAIS+tok/=")
        #expect(signed.request.header("x-acs-security-token") == "CAIS+tok/=")
        #expect(try #require(signed.step("authorization")).contains("x-acs-date;x-acs-security-token;x-acs-signature-nonce"))
    }

    @Test("--signed-headers naming a header that is not sent is refused; one already signed is accepted")
    func extraSignedHeaders() throws {
        #expect(throws: SigScopeError(.invalidOption, "")) { _ = try sign { $0.extraSignedHeaders = ["user-agent"] } }
        #expect(try sign { $0.extraSignedHeaders = ["X-ACS-Action"] }.signature == "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0")
    }

    @Test("refuses a GET with a body, --service and --language")
    func refusals() {
        #expect(throws: SigScopeError(.invalidOption, "")) { _ = try sign { $0.method = .get; $0.body = [0x61] } }
        #expect(throws: SigScopeError(.invalidOption, "")) { _ = try sign { $0.service = "ecs" } }
        #expect(throws: SigScopeError(.invalidOption, "")) { _ = try sign { $0.language = "zh-CN" } }
    }
}
