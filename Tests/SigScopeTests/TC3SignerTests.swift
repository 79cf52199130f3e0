import Testing
import SigScopeTestSupport
@testable import SigScope

/// TC3-HMAC-SHA256 against the official examples (T1-T6), the derived D3 pair and the
/// SDK-generated vectors, stage by stage.
@Suite("TC3 signer")
struct TC3SignerTests {
    static let vectors = VectorCase.all("tencent/tc3")

    @Test("the vector set holds every official TC3 example")
    func officialCasesPresent() {
        let ids = Set(Self.vectors.compactMap { $0.string("id") })
        for id in ["T1", "T2", "T3", "T4", "T5", "T6"] {
            #expect(ids.contains(id), "missing \(id)")
        }
        #expect(Self.vectors.count >= 26)
    }

    @Test("every stage of every vector is reproduced", arguments: vectors)
    func reproducesEveryStage(_ vector: VectorCase) throws {
        let inputs = try vector.inputs()
        let signed = try Signer.sign(inputs.request, options: inputs.options, credentials: inputs.credentials)
        let stages = vector.stages
        #expect(stages.count >= 8, "vector has too few stage files")
        for stage in stages {
            #expect(signed.step(stage.step) == stage.value, "\(stage.file)")
        }
        #expect(signed.signature == vector.stage("signature.txt"))
        #expect(signed.request.header("Authorization") == vector.stage("authorization.txt"))
    }

    @Test("a signer value made for one vector's scope signs it with the keys it derived itself, through the product's stages")
    func signerValuePerScope() throws {
        var signed = 0
        for vector in Self.vectors {
            let inputs = try vector.inputs()
            let method = inputs.options.method ?? .post
            guard method == .post else { continue }
            signed += 1
            let prepared = try TC3Signer.Prepared(inputs.request, options: inputs.options, credentials: inputs.credentials, method: method)
            let signer = try TC3Signer(credentials: inputs.credentials, date: prepared.date, service: prepared.service)
            #expect(signer.credentialScope == vector.stage("credential-scope.txt"), "\(vector)")
            let body = inputs.options.body ?? JSONWriter.compact.bytes(.object(inputs.request.params))
            let computation = try signer.compute(prepared, query: "", payload: body)
            #expect(computation.signature == vector.stage("signature.txt"), "\(vector)")
            #expect(computation.authorization == vector.stage("authorization.txt"), "\(vector)")
        }
        #expect(signed >= 20)
    }

    @Test("SignedHeaders: lower-cased, sorted by bytes, each once, whatever order and case they come in")
    func signedHeaderNames() {
        #expect(TC3Signer.signedHeadersList(["content-type", "host"]) == ["content-type", "host"])
        #expect(TC3Signer.signedHeadersList(["host", "content-type"]) == ["content-type", "host"])
        #expect(TC3Signer.signedHeadersList(["content-type", "Host", "X-TC-Action", "host"]) == ["content-type", "host", "x-tc-action"])
        #expect(TC3Signer.signedHeadersList(["content-type", "content-type"]) == ["content-type"])
        #expect(TC3Signer.signedHeadersList(["b", "a-b", "a"]) == ["a", "a-b", "b"])
        #expect(TC3Signer.signedHeadersList([]) == [])
    }

    @Test("each stage function matches T1's published intermediate values on its own")
    func stagesInIsolation() throws {
        let scope = TC3Signer.credentialScope(date: "2019-02-25", service: "cvm")
        #expect(scope == "2019-02-25/cvm/tc3_request")
        let headers = [HTTPHeader("Content-Type", "application/json; charset=utf-8"), HTTPHeader("Host", "cvm.tencentcloudapi.com"), HTTPHeader("X-TC-Action", "DescribeInstances")]
        let block = TC3Signer.canonicalHeaders(headers, signed: ["content-type", "host", "x-tc-action"])
        #expect(block == "content-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n")
        let canonical = TC3Signer.canonicalRequest(method: "POST", canonicalQuery: "", canonicalHeaders: block, signedHeaders: "content-type;host;x-tc-action",
                                                   hashedPayload: "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064")
        #expect(try Digest.sha256Hex(canonical) == "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84")
        let secret = SecretKey(String(repeating: "*", count: 32))
        let hmac = try FetchedHMAC()
        let secretDate = try TC3Signer.secretDate(secretKey: secret, date: "2019-02-25", using: hmac)
        #expect(Hex.encode(secretDate) == "da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0")
        let secretService = try TC3Signer.secretService(secretDate: secretDate, service: "cvm", using: hmac)
        #expect(Hex.encode(secretService) == "8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f")
        #expect(Hex.encode(try TC3Signer.secretSigning(secretService: secretService, using: hmac)) == "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af")
        let signer = try TC3Signer(credentials: Credentials(secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******", secretKey: secret), date: "2019-02-25", service: "cvm")
        #expect(Hex.encode(signer.keys.signing) == "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af")
        #expect(signer.credentialScope == scope)
        let toSign = TC3Signer.stringToSign(timestamp: "1551113065", credentialScope: scope, hashedCanonicalRequest: "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84")
        var hex = [UInt8](repeating: 0, count: 64)
        try Array(toSign.utf8).withUnsafeBytes { message in
            try hex.withUnsafeMutableBufferPointer { out in try TC3Signer.signature(message, keys: signer.keys, into: out) }
        }
        #expect(String(decoding: hex, as: UTF8.self) == "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f")
        // The stage functions that hash give the same hex through a batch worker's contexts.
        let contexts = CryptoContexts()
        try Array(canonical.utf8).withUnsafeBytes { message in
            try hex.withUnsafeMutableBufferPointer { out in try TC3Signer.hashedCanonicalRequest(message, into: out, contexts: contexts) }
        }
        #expect(String(decoding: hex, as: UTF8.self) == "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84")
        #expect(TC3Signer.authorization(secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******", credentialScope: scope, signedHeaders: "content-type;host;x-tc-action",
                                        signature: "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f")
                == "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f")
    }

    @Test("the credential-scope date is the UTC date, not Beijing's (doc example: 1551113065 is 2019-02-26 08:44 at UTC+8)")
    func utcDate() throws {
        let request = APIRequest(provider: .tencent, action: "DescribeInstances", region: "ap-guangzhou")
        let options = SigningOptions(timestamp: Timestamp(unixSeconds: 1_551_113_065), endpoint: "cvm.tencentcloudapi.com", body: [])
        let signed = try Signer.sign(request, options: options, credentials: Credentials(secretId: "id", secretKey: SecretKey("k")))
        #expect(signed.step("credentialScope") == "2019-02-25/cvm/tc3_request")
    }

    @Test("UNSIGNED-PAYLOAD: the payload hash is SHA-256 of the literal string")
    func unsignedPayload() throws {
        let input = TC3Signer.Input(method: "POST", canonicalQuery: "", headers: [HTTPHeader("Content-Type", "application/json"), HTTPHeader("Host", "vpc.tencentcloudapi.com"), HTTPHeader("X-TC-Content-SHA256", "UNSIGNED-PAYLOAD")],
                                    signedHeaders: ["content-type", "host"], payload: Array("{}".utf8), timestamp: "1551113065", date: "2019-02-25", service: "vpc", secretId: "id")
        let computation = try TC3Signer.compute(input, secretKey: SecretKey("k"))
        #expect(computation.hashedRequestPayload == TC3Signer.unsignedPayloadHash)
    }

    @Test("a default POST body is the params as compact JSON with UTF-8 kept")
    func defaultBody() throws {
        let params: JSONObject = ["VpcId": .string("vpc-1"), "Name": .string("中文"), "Count": .number("2"), "Ids": .array([.string("sg-1")])]
        let signed = try Signer.sign(APIRequest(provider: .tencent, params: params), options: SigningOptions(timestamp: Timestamp(unixSeconds: 0)),
                                     credentials: Credentials(secretId: "id", secretKey: SecretKey("k")))
        #expect(signed.request.bodyText == "{\"VpcId\":\"vpc-1\",\"Name\":\"中文\",\"Count\":2,\"Ids\":[\"sg-1\"]}")
        #expect(signed.request.header("Content-Type") == "application/json")
    }

    @Test("GET flattens lists 0-based, sorts by name and encodes with RFC 3986")
    func getQuery() throws {
        let params: JSONObject = ["Name": .string("a b*~"), "SecurityGroupIds": .array([.string("sg-1"), .string("sg-2")])]
        let signed = try Signer.sign(APIRequest(provider: .tencent, params: params), options: SigningOptions(timestamp: Timestamp(unixSeconds: 0), method: .get),
                                     credentials: Credentials(secretId: "id", secretKey: SecretKey("k")))
        #expect(signed.request.query == "Name=a%20b%2A~&SecurityGroupIds.0=sg-1&SecurityGroupIds.1=sg-2")
        #expect(signed.request.body.isEmpty)
        #expect(signed.request.header("Content-Type") == "application/x-www-form-urlencoded")
    }

    @Test("a token is sent as X-TC-Token and a language as X-TC-Language; neither is signed by default")
    func tokenAndLanguage() throws {
        var options = SigningOptions(timestamp: Timestamp(unixSeconds: 0))
        options.language = "en-US"
        let signed = try Signer.sign(APIRequest(provider: .tencent, region: "ap-guangzhou"), options: options,
                                     credentials: Credentials(secretId: "id", secretKey: SecretKey("k"), token: "tok"))
        #expect(signed.request.header("X-TC-Token") == "tok")
        #expect(signed.request.header("X-TC-Language") == "en-US")
        #expect(signed.request.header("X-TC-Region") == "ap-guangzhou")
        #expect(signed.request.header("Authorization")?.contains("SignedHeaders=content-type;host,") == true)
    }

    @Test("refuses to sign a header that is not sent, and a GET with a body")
    func refusals() {
        let credentials = Credentials(secretId: "id", secretKey: SecretKey("k"))
        #expect(throws: SigScopeError(.invalidOption, "")) {
            try Signer.sign(APIRequest(provider: .tencent), options: SigningOptions(timestamp: Timestamp(unixSeconds: 0), extraSignedHeaders: ["x-tc-token"]), credentials: credentials)
        }
        #expect(throws: SigScopeError(.invalidOption, "")) {
            try Signer.sign(APIRequest(provider: .tencent), options: SigningOptions(timestamp: Timestamp(unixSeconds: 0), method: .get, body: [1]), credentials: credentials)
        }
        #expect(throws: SigScopeError(.invalidOption, "")) {
            try Signer.sign(APIRequest(provider: .tencent), options: SigningOptions(timestamp: Timestamp(unixSeconds: 0), algorithm: .rpc), credentials: credentials)
        }
    }

    @Test("the service defaults to the endpoint's first label, also for regional and intl hosts")
    func defaultService() {
        #expect(TC3Signer.defaultService(forHost: "vpc.ap-guangzhou.tencentcloudapi.com") == "vpc")
        #expect(TC3Signer.defaultService(forHost: "vpc.intl.tencentcloudapi.com") == "vpc")
        #expect(TC3Signer.defaultService(forHost: "vpc.tencentcloudapi.com:443") == "vpc")
    }
}
