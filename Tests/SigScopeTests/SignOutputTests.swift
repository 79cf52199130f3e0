import Testing
import SigScopeTestSupport
import SigScope

/// The batch renderer writes the sign JSON straight from the signed request; it must give
/// byte for byte what rendering the JSON tree gives.
@Suite("sign output")
struct SignOutputTests {
    static let cases = VectorCase.all("tencent/tc3") + VectorCase.all("tencent/v1") + VectorCase.all("aliyun/rpc") + VectorCase.all("aliyun/acs3")

    @Test("writeCompact equals the compact rendering of json(), with and without secrets and a command", arguments: cases)
    func streamingEqualsTree(_ vector: VectorCase) throws {
        let inputs = try vector.inputs()
        let signed = try Signer.sign(inputs.request, options: inputs.options, credentials: inputs.credentials)
        for showSecrets in [false, true] {
            for command in [nil, "curl 'https://x/?a=\"b\"' --data-binary '\\n'"] {
                var streamed: [UInt8] = []
                SignOutput.writeCompact(signed, showSecrets: showSecrets, command: command, into: &streamed)
                #expect(streamed == JSONWriter.compact.bytes(SignOutput.json(signed, showSecrets: showSecrets, command: command)))
            }
        }
    }

    @Test("writeCompact escapes quotes, control characters and keeps UTF-8 in every field, as the tree writer does")
    func escaping() {
        let request = HTTPRequest(method: "POST", host: "h\"ost", query: "a=\u{1}&b=中", headers: [HTTPHeader("X-\"", "v\\\n")], body: Array("{\"k\":\"\u{7f}\"}".utf8))
        let signed = SignedRequest(provider: .tencent, algorithm: .tc3,
                                   steps: [SigningStep(name: "secretDate", title: "", formula: "", value: "0123456789abcdef", isDerivedKey: true)],
                                   signature: "s\t", request: request)
        var streamed: [UInt8] = []
        SignOutput.writeCompact(signed, showSecrets: false, into: &streamed)
        #expect(streamed == JSONWriter.compact.bytes(SignOutput.json(signed, showSecrets: false)))
    }
}

/// A batch worker writes a TC3 POST line from a template rendered once per plan and derived
/// keys (`Signer.writeSignedCompact`); its bytes must be those of signing and rendering the line.
@Suite("TC3 batch template")
struct TC3TemplateTests {
    static let cases = VectorCase.all("tencent/tc3")

    /// Signs and renders `request` the long way.
    static func rendered(_ request: APIRequest, _ options: SigningOptions, _ credentials: Credentials, showSecrets: Bool) throws -> [UInt8] {
        var out: [UInt8] = []
        SignOutput.writeCompact(try Signer.sign(request, options: options, credentials: credentials), showSecrets: showSecrets, into: &out)
        return out
    }

    /// What `writeSignedCompact` wrote, or nil when it declined.
    static func templated(_ request: APIRequest, _ options: SigningOptions, _ credentials: Credentials, showSecrets: Bool, cache: SigningKeyCache) throws -> [UInt8]? {
        let out = ByteBuffer()
        let written = try Signer.writeSignedCompact(request, options: options, credentials: credentials, cache: cache, showSecrets: showSecrets, into: out)
        #expect(written || out.bytes.isEmpty, "nothing is written when the template declines")
        return written ? Array(out.bytes) : nil
    }

    @Test("a POST vector's templated line equals its rendered line and holds the official signature; GET declines", arguments: cases)
    func vectors(_ vector: VectorCase) throws {
        let inputs = try vector.inputs()
        for showSecrets in [false, true] {
            let cache = SigningKeyCache()
            // The second call reuses the cached template.
            for _ in 0..<2 {
                let line = try Self.templated(inputs.request, inputs.options, inputs.credentials, showSecrets: showSecrets, cache: cache)
                guard inputs.options.method == .post else {
                    #expect(line == nil, "a GET's query changes per request: no template")
                    continue
                }
                let expected = try Self.rendered(inputs.request, inputs.options, inputs.credentials, showSecrets: showSecrets)
                #expect(line == expected, "\(vector)")
                let signature = try #require(try vector.stage("signature.txt"))
                #expect(String(decoding: line ?? [], as: UTF8.self).contains("\"signature\":\"\(signature)\""), "\(vector)")
            }
        }
    }

    /// Requests of one batch: the same plan, params that differ (ASCII, escapes, non-ASCII).
    static func requests() throws -> [APIRequest] {
        let descriptions = ["plain", "quote \" and backslash \\ and \u{1}", "网卡 ünïcode 🚀", "slash / and DEL \u{7F}"]
        return try descriptions.map { description in
            let draft = RequestDraft(provider: .tencent, action: "CreateNetworkInterface", region: "ap-guangzhou",
                                     params: ["VpcId": .string("vpc-0akbol5v"), "SubnetId": .string("subnet-76r802pg"),
                                              "NetworkInterfaceName": .string("eni"), "NetworkInterfaceDescription": .string(description)])
            return try RequestBuilder.build(draft, overrides: RequestOverrides(), source: "test")
        }
    }

    static let credentials = Credentials(secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", secretKey: SecretKey("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"))

    @Test("lines of one batch through one cache equal their rendered lines, whatever the options")
    func batchOptions() throws {
        let base = SigningOptions(timestamp: Timestamp(unixSeconds: 1551113065))
        var variants: [SigningOptions] = [base]
        var other = base; other.language = "en-US"; other.extraSignedHeaders = ["X-TC-Action", "x-tc-region"]; variants.append(other)
        other = base; other.contentType = "application/json; charset=utf-8"; other.endpoint = "http://localhost:8080"; other.service = "vpc"; variants.append(other)
        other = base; other.body = Array("{\"k\":\"é \u{7F}\"}".utf8) + [0xFF]; variants.append(other)
        other = base; other.timestamp = Timestamp(unixSeconds: 1551113065 + 86_400); variants.append(other)
        let tokened = Credentials(secretId: Self.credentials.secretId, secretKey: SecretKey("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"), token: "tok\"en/é")
        let cache = SigningKeyCache()
        for credentials in [Self.credentials, tokened] {
            for options in variants {
                for showSecrets in [false, true] {
                    for request in try Self.requests() {
                        let line = try Self.templated(request, options, credentials, showSecrets: showSecrets, cache: cache)
                        #expect(line == (try Self.rendered(request, options, credentials, showSecrets: showSecrets)))
                    }
                }
            }
        }
    }

    @Test("a header value holding a template marker makes the template decline, and the line is rendered instead")
    func markerInHeader() throws {
        let marked = Credentials(secretId: Self.credentials.secretId, secretKey: SecretKey("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"), token: "x\u{7F}sigscope-hole-0\u{7F}")
        let request = try #require(try Self.requests().first)
        let options = SigningOptions(timestamp: Timestamp(unixSeconds: 1551113065))
        #expect(try Self.templated(request, options, marked, showSecrets: false, cache: SigningKeyCache()) == nil)
    }
}
