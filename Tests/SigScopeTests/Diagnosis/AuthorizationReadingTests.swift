import Testing
@testable import SigScope

/// The TC3 and ACS3 Authorization headers are read in one scan that gives both the layout
/// problems (authorization-malformed) and whether the parts can be read at all (unreadable
/// input); the sentences below are the documented layouts' deviations, word for word.
@Suite("Authorization reading")
struct AuthorizationReadingTests {
    static let hex = String(repeating: "0123456789abcdef", count: 4)
    static let tc3Layout = "(the layout is \"TC3-HMAC-SHA256 Credential=SecretId/Date/service/tc3_request, SignedHeaders=h1;h2, Signature=hex\")"
    static let acs3Layout = "(the layout is \"ACS3-HMAC-SHA256 Credential=AccessKeyId,SignedHeaders=h1;h2,Signature=hex\")"

    @Test("layout deviations the parts survive are problems, not unreadable: spacing, part-name case, order, upper-case hex")
    func layoutProblems() {
        let value = "TC3-HMAC-SHA256  credential=AKIDEXAMPLE/2019-02-25/cvm/tc3_request,SignedHeaders=host;content-type, Signature=\(Self.hex.uppercased())"
        let auth = TC3Authorization.parse(value)
        #expect(auth.unreadable == nil)
        #expect(auth.secretId == "AKIDEXAMPLE" && auth.date == "2019-02-25" && auth.service == "cvm" && auth.terminator == "tc3_request")
        #expect(auth.signedHeaderNames == ["host", "content-type"])
        #expect(auth.problems == [
            "the algorithm must be followed by exactly one space",
            "\"credential=\" must be written \"Credential=\"",
            "SignedHeaders \"host;content-type\" must be lower-case header names, sorted in ASCII order, each once (content-type;host)",
            "the Signature must be 64 lower-case hex digits; \"\(Self.hex.uppercased())\" is not",
        ])
        #expect(AuthorizationFields.unreadable(value) == nil)
    }

    @Test("parts given twice, unknown, not Name=value or missing make a TC3 header unreadable, each said once, in order")
    func unreadableParts() {
        let value = "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/cvm/tc3_request, Signature=zz, Signature=abc, Scope=x, junk, "
        let expected = "the TC3-HMAC-SHA256 Authorization header cannot be read: Signature= is given twice, and which one the server reads is unknown; it has an unknown part \"Scope=\"; the part \"junk\" is not Name=value; it has no SignedHeaders=; the Signature \"abc\" is not 64 hex digits " + Self.tc3Layout
        #expect(AuthorizationFields.unreadable(value) == expected)
        let auth = TC3Authorization.parse(value)
        #expect(auth.unreadable == expected)
        #expect(auth.signature == "abc")
        #expect(auth.problems == ["Signature= appears twice", "it has an unknown part \"Scope=\"", "the part \"junk\" is not Name=value", "it has no SignedHeaders=",
                                  "the Signature must be 64 lower-case hex digits; \"abc\" is not"])
    }

    @Test("a TC3 Credential without its service is unreadable, and read as far as it goes")
    func shortCredential() {
        let value = "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/tc3_request, SignedHeaders=content-type;host, Signature=\(Self.hex)"
        let auth = TC3Authorization.parse(value)
        #expect(auth.unreadable == "the TC3-HMAC-SHA256 Authorization header cannot be read: the Credential \"AKIDEXAMPLE/2019-02-25/tc3_request\" is not SecretId/Date/service/tc3_request " + Self.tc3Layout)
        #expect(auth.secretId == "AKIDEXAMPLE" && auth.date == nil)
        #expect(auth.problems == ["the Credential \"AKIDEXAMPLE/2019-02-25/tc3_request\" must be SecretId/Date/service/tc3_request"])
    }

    @Test("a TC3 Credential of five parts keeps the last three as the scope; a wrong terminator is named")
    func longCredential() {
        let value = "TC3-HMAC-SHA256 Credential=AKID/EXAMPLE/2019-02-25/cvm/tc3_requests, SignedHeaders=content-type;host, Signature=\(Self.hex)"
        let auth = TC3Authorization.parse(value)
        #expect(auth.secretId == "AKID/EXAMPLE" && auth.date == "2019-02-25" && auth.service == "cvm" && auth.terminator == "tc3_requests")
        #expect(auth.problems == ["the Credential \"AKID/EXAMPLE/2019-02-25/cvm/tc3_requests\" has 5 parts separated by /, not 4 (SecretId/Date/service/tc3_request)",
                                  "the Credential must end with /tc3_request, not /tc3_requests"])
        #expect(auth.unreadable == "the TC3-HMAC-SHA256 Authorization header cannot be read: the Credential \"AKID/EXAMPLE/2019-02-25/cvm/tc3_requests\" is not SecretId/Date/service/tc3_request " + Self.tc3Layout)
    }

    @Test("an ACS3 key id with a quote and SignedHeaders with an empty name are unreadable")
    func acs3() {
        let value = "ACS3-HMAC-SHA256 Credential=LTAI\"x,SignedHeaders=host;;x-acs-date,Signature=\(Self.hex)"
        let expected = "the ACS3-HMAC-SHA256 Authorization header cannot be read: the AccessKeyId \"LTAI\"x\" has the character \"\"\", which no AccessKeyId has; SignedHeaders \"host;;x-acs-date\" has an empty name (a leading, trailing or doubled ;) " + Self.acs3Layout
        #expect(AuthorizationFields.unreadable(value) == expected)
        #expect(ACS3Authorization.parse(value).unreadable == expected)
        // A well-formed ACS3 header reads whole.
        let good = ACS3Authorization.parse("ACS3-HMAC-SHA256 Credential=LTAIEXAMPLE,SignedHeaders=host;x-acs-date,Signature=\(Self.hex)")
        #expect(good.unreadable == nil && good.problems.isEmpty && good.accessKeyId == "LTAIEXAMPLE" && good.signature == Self.hex)
    }

    @Test("a header of neither algorithm is not judged here")
    func otherSchemes() {
        #expect(AuthorizationFields.unreadable("Bearer abc") == nil)
        #expect(TC3Authorization.parse("Bearer abc").problems == ["it does not start with TC3-HMAC-SHA256"])
    }
}
