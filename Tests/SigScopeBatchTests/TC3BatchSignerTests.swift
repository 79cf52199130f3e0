import Testing
import SigScope
import SigScopeBatch
import SigScopeTestSupport

/// A batch worker writes a TC3 POST line from a template rendered once per plan and signer
/// (`TC3BatchSigner.writeSignedCompact`); its bytes must be those of signing and rendering the line.
@Suite("TC3 batch signer")
struct TC3BatchSignerTests {
    static let cases = VectorCase.all("tencent/tc3")

    /// Signs and renders `request` the long way; with `schemaVersion`, stamped as a batch line is
    /// (`schemaVersion`, `timestamp`, `nonce` after the request).
    static func rendered(_ request: APIRequest, _ options: SigningOptions, _ credentials: Credentials, showSecrets: Bool,
                         schemaVersion: Int? = 1) throws -> [UInt8] {
        var out: [UInt8] = []
        let signed = try Signer.sign(request, options: options, credentials: credentials)
        let stamp = schemaVersion.map { SignOutput.Stamp(schemaVersion: $0, signed, options: options) }
        SignOutput.writeCompact(signed, showSecrets: showSecrets, stamp: stamp, into: &out)
        return out
    }

    /// What `writeSignedCompact` wrote, or nil when it declined.
    static func templated(_ request: APIRequest, _ options: SigningOptions, _ credentials: Credentials, showSecrets: Bool,
                          schemaVersion: Int? = 1, cache: TC3BatchSigner) throws -> [UInt8]? {
        let out = ByteBuffer()
        let written = try cache.writeSignedCompact(request, options: options, credentials: credentials, showSecrets: showSecrets,
                                                   schemaVersion: schemaVersion, into: out)
        #expect(written || out.bytes.isEmpty, "nothing is written when the template declines")
        return written ? Array(out.bytes) : nil
    }

    @Test("a POST vector's templated line equals its rendered line and holds the official signature; GET declines", arguments: cases)
    func vectors(_ vector: VectorCase) throws {
        let inputs = try vector.inputs()
        // Without a stamp and with one, in turn through one cache (each has its own template).
        let cache = TC3BatchSigner()
        for (showSecrets, schemaVersion) in [(false, 1), (true, 1), (false, nil), (true, nil), (false, 1)] as [(Bool, Int?)] {
            // The second call reuses the cached template.
            for _ in 0..<2 {
                let line = try Self.templated(inputs.request, inputs.options, inputs.credentials, showSecrets: showSecrets, schemaVersion: schemaVersion, cache: cache)
                guard inputs.options.method == .post else {
                    #expect(line == nil, "a GET's query changes per request: no template")
                    continue
                }
                let expected = try Self.rendered(inputs.request, inputs.options, inputs.credentials, showSecrets: showSecrets, schemaVersion: schemaVersion)
                #expect(line == expected, "\(vector)")
                let text = String(decoding: line ?? [], as: UTF8.self)
                let signature = try #require(try vector.stage("signature.txt"))
                #expect(text.contains("\"signature\":\"\(signature)\""), "\(vector)")
                // The stamp closes the line: the vector's own timestamp, and TC3 has no nonce.
                let stamp = #","schemaVersion":1,"timestamp":\#(inputs.options.timestamp.unixSeconds),"nonce":null}"#
                #expect(text.hasSuffix(schemaVersion == nil ? "\"}}" : "\"}" + stamp), "\(vector)")
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
        let cache = TC3BatchSigner()
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
        #expect(try Self.templated(request, options, marked, showSecrets: false, cache: TC3BatchSigner()) == nil)
    }

    @Test("one worker's signer across every vector in turn, forwards and back, writes each vector's line with its official signature")
    func oneSignerAcrossVectors() throws {
        let cache = TC3BatchSigner()
        var written = 0
        for vector in Self.cases + Self.cases.reversed() {
            let inputs = try vector.inputs()
            guard let line = try Self.templated(inputs.request, inputs.options, inputs.credentials, showSecrets: false, cache: cache) else { continue }
            written += 1
            #expect(line == (try Self.rendered(inputs.request, inputs.options, inputs.credentials, showSecrets: false)), "\(vector)")
            let signature = try #require(try vector.stage("signature.txt"))
            #expect(String(decoding: line, as: UTF8.self).contains("\"signature\":\"\(signature)\""), "\(vector)")
        }
        #expect(written >= 40)
        #expect(cache.planCount == TC3BatchSigner.planCapacity)
    }

    @Test("plans follow each input: region, action, token, timestamp, endpoint, signed headers and secret change the line as signing alone does")
    func planFollowsEachInput() throws {
        let request = try #require(try Self.requests().first)
        let options = SigningOptions(timestamp: Timestamp(unixSeconds: 1551113065))
        var variants: [(request: APIRequest, options: SigningOptions, credentials: Credentials)] = []
        for region in ["ap-shanghai", ""] {
            var other = request
            other.region = region
            variants.append((other, options, Self.credentials))
        }
        var other = request
        other.action = "DescribeNetworkInterfaces"
        variants.append((other, options, Self.credentials))
        var withToken = Self.credentials
        withToken.token = "session-token"
        variants.append((request, options, withToken))
        var otherSecret = Self.credentials
        otherSecret.secretKey = SecretKey("another-secret")
        variants.append((request, options, otherSecret))
        var later = options
        later.timestamp = Timestamp(unixSeconds: options.timestamp.unixSeconds + 86_400)
        variants.append((request, later, Self.credentials))
        var elsewhere = options
        elsewhere.endpoint = "cvm.ap-guangzhou.tencentcloudapi.com"
        variants.append((request, elsewhere, Self.credentials))
        var moreSigned = options
        moreSigned.extraSignedHeaders = ["X-TC-Action"]
        variants.append((request, moreSigned, Self.credentials))
        // Each variant differs from the first request in one input, and that request comes between any two of them.
        let base = (request: request, options: options, credentials: Self.credentials)
        let sequence = variants.flatMap { [base, $0] } + [base]
        let cache = TC3BatchSigner()
        var lines = Set<[UInt8]>()
        for (request, options, credentials) in sequence {
            let line = try #require(try Self.templated(request, options, credentials, showSecrets: false, cache: cache))
            #expect(line == (try Self.rendered(request, options, credentials, showSecrets: false)))
            lines.insert(line)
        }
        #expect(lines.count == variants.count + 1)
    }

    @Test("a batch rotating among four regions keeps four plans, and each line is what signing it alone gives")
    func rotatingRegions() throws {
        let regions = ["ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-singapore"]
        let options = SigningOptions(timestamp: Timestamp(unixSeconds: 1551113065))
        let cache = TC3BatchSigner()
        for i in 0..<40 {
            var request = try Self.requests()[i % 4]
            request.region = regions[i % regions.count]
            let line = try #require(try Self.templated(request, options, Self.credentials, showSecrets: false, cache: cache))
            #expect(line == (try Self.rendered(request, options, Self.credentials, showSecrets: false)))
            #expect(String(decoding: line, as: UTF8.self).contains("\"X-TC-Region\",\"value\":\"\(regions[i % regions.count])\""))
        }
        #expect(cache.planCount == 4)
    }
}
