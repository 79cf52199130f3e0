import Foundation
import Testing
import SigScope

/// `PercentEncoder` against signing.md section 2.2 and the documented client encodings of section 6.
@Suite("Percent-encoding")
struct PercentEncodingTests {
    struct Row: Sendable, CustomStringConvertible {
        let input: String
        let encoded: String
        var description: String { input }
    }

    /// signing.md 2.2, the table verified against aliyunsdkcore and tea `get_rpcsignature`.
    static let table: [Row] = [
        Row(input: "a b", encoded: "a%20b"),
        Row(input: "a*b", encoded: "a%2Ab"),
        Row(input: "a~b", encoded: "a~b"),
        Row(input: "a/b", encoded: "a%2Fb"),
        Row(input: "a+b", encoded: "a%2Bb"),
        Row(input: "中文", encoded: "%E4%B8%AD%E6%96%87"),
        Row(input: "x=y&z", encoded: "x%3Dy%26z"),
        Row(input: "!'()", encoded: "%21%27%28%29"),
        Row(input: "2016-02-23T12:46:24Z", encoded: "2016-02-23T12%3A46%3A24Z"),
    ]

    @Test("RFC 3986 encoding matches signing.md 2.2", arguments: table)
    func rfc3986(_ row: Row) {
        #expect(PercentEncoder.rfc3986.encode(row.input) == row.encoded)
        var bytes: [UInt8] = []
        PercentEncoder.rfc3986.append(bytes: Array(row.input.utf8), to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == row.encoded)
    }

    @Test("the unreserved set A-Z a-z 0-9 - _ . ~ is kept; every other ASCII byte is escaped in uppercase hex")
    func unreservedSet() {
        let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"
        #expect(PercentEncoder.rfc3986.encode(unreserved) == unreserved)
        for byte in UInt8(0)...UInt8(0x7F) where !unreserved.utf8.contains(byte) {
            let hex = String(byte, radix: 16, uppercase: true)
            let expected = "%" + (hex.count == 1 ? "0" + hex : hex)
            #expect(PercentEncoder.rfc3986.encode(String(decoding: [byte], as: UTF8.self)) == expected)
        }
    }

    @Test("an emoji is encoded byte by byte over its four UTF-8 bytes")
    func emoji() {
        #expect(PercentEncoder.rfc3986.encode("🚀") == "%F0%9F%9A%80")
    }

    @Test("the knobs reproduce the encoders signing.md 6 names as mistakes")
    func knobs() {
        // Java URLEncoder / Go url.QueryEscape: space as +, * kept, ~ as %7E.
        let java = PercentEncoder(spaceAsPlus: true, encodeStar: false, encodeTilde: true)
        #expect(java.encode("a b*c~d") == "a+b*c%7Ed")
        // The DOC recipe fixes exactly those three: replace("+","%20").replace("*","%2A").replace("%7E","~").
        #expect(java.encode("a b*c~d").replacingOccurrences(of: "+", with: "%20").replacingOccurrences(of: "*", with: "%2A")
            .replacingOccurrences(of: "%7E", with: "~") == PercentEncoder.rfc3986.encode("a b*c~d"))
        // JavaScript encodeURIComponent leaves ! ' ( ) * ~ alone.
        let javascript = PercentEncoder(encodeStar: false, encodeSubDelims: false)
        #expect(javascript.encode("!'()*~ ") == "!'()*~%20")
        // Lowercase hex.
        #expect(PercentEncoder(uppercaseHex: false).encode("中/") == "%e4%b8%ad%2f")
    }

    @Test("percentDecode inverts the encoding, and strictDecode rejects broken escapes")
    func decoding() {
        #expect(FormCodec.percentDecode("%E4%B8%AD%E6%96%87~%20") == "中文~ ")
        #expect(FormCodec.percentDecode("a+b", plusAsSpace: true) == "a b")
        #expect(FormCodec.strictDecode("a=1&b=%2") == nil)
        #expect(FormCodec.strictDecode("a=%FF") == nil)
        let pairs = FormCodec.strictDecode("a=x+y&b&c=%26")
        #expect(pairs?.map(\.name) == ["a", "b", "c"])
        #expect(FormCodec.strictDecode("a=x+y&b&c=%26", plusAsSpace: true)?.map(\.value) == ["x y", "", "&"])
    }
}
