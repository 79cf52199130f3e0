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
        let request = SentRequest(method: "POST", host: "h\"ost", query: "a=\u{1}&b=中", headers: [HTTPHeader("X-\"", "v\\\n")], body: Array("{\"k\":\"\u{7f}\"}".utf8))
        let signed = SignedRequest(provider: .tencent, algorithm: .tc3,
                                   steps: [SigningStep(name: "secretDate", title: "", formula: "", value: "0123456789abcdef", isDerivedKey: true)],
                                   signature: "s\t", request: request)
        var streamed: [UInt8] = []
        SignOutput.writeCompact(signed, showSecrets: false, into: &streamed)
        #expect(streamed == JSONWriter.compact.bytes(SignOutput.json(signed, showSecrets: false)))
    }
}
