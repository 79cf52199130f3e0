import Testing
@testable import SigScope

/// Header names are compared as HTTP compares them, whatever their letter case.
@Suite("header lookup")
struct HeaderLookupTests {
    static let request = SentRequest(method: "POST", host: "vpc.tencentcloudapi.com", headers: [
        HTTPHeader("Host", "vpc.tencentcloudapi.com"), HTTPHeader("X-TC-Action", "DescribeVpcs"), HTTPHeader("x-tc-action", "Second"),
        HTTPHeader("Émoji-Name", "accented"), HTTPHeader("Content-Type", "application/json"),
    ])

    @Test("header, headerValues and setHeader find a name in any letter case, the first one first")
    func anyCase() {
        #expect(Self.request.header("x-TC-ACTION") == "DescribeVpcs")
        #expect(Self.request.headerValues("X-Tc-Action") == ["DescribeVpcs", "Second"])
        #expect(Self.request.header("CONTENT-TYPE") == "application/json")
        #expect(Self.request.header("Content-Typ") == nil)
        #expect(Self.request.header("Content-Types") == nil)
        var changed = Self.request
        changed.setHeader("X-TC-ACTION", "Replaced")
        #expect(changed.headers[1].value == "Replaced" && changed.headers[2].value == "Second")
        changed.setHeader("X-TC-Region", "ap-guangzhou")
        #expect(changed.headers.last == HTTPHeader("X-TC-Region", "ap-guangzhou"))
    }

    @Test("a name with letters beyond ASCII is compared by its lower-case form")
    func beyondASCII() {
        #expect(Self.request.header("émoji-name") == "accented")
        #expect(Self.request.header("ÉMOJI-NAME") == "accented")
        #expect(Self.request.header("Emoji-Name") == nil)
        #expect("Straße".equalsIgnoringCase("STRASSE") == ("Straße".lowercased() == "STRASSE".lowercased()))
    }
}
