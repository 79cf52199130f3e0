import Foundation
import Testing
import SigScope

/// `--batch` reads its input as a stream (interface.md, "Batches of any size").
@Suite("batch streaming")
struct BatchStreamingTests {
    static let options = ["--secret-id", "AKID1", "--secret-key", "k", "--timestamp", "1700000000"]

    /// A CreateNetworkInterface line of `region` whose text has escapes, non-BMP characters and a long tag list.
    static func request(_ i: Int, region: String) -> String {
        let tags = (0..<20).map { #"{"Key": "k\#($0)", "Value": "v\#(i)-\#($0) 🚀"}"# }.joined(separator: ", ")
        return #"{"provider": "tencent", "region": "\#(region)", "params": {"VpcId": "vpc-\#(i)", "SubnetId": "subnet-1", "NetworkInterfaceName": "eni \"\#(i)\" \\ 网卡 𝄞", "#
            + #""NetworkInterfaceDescription": "tab\there \u00e9", "Tags": [\#(tags)]}}"#
    }

    @Test("input well past the old 64 MiB limit streams from a pipe; a line over the 1 MiB line limit is that line's error and the rest are signed")
    func largePipe() throws {
        // 70 lines of 1 MiB + 1 byte (each too long) between signed requests: about 73 MB in all.
        let long = Data(repeating: UInt8(ascii: "x"), count: (1 << 20) + 1)
        var input = Data()
        var expected: [(number: Int, tooLong: Bool)] = []
        var number = 0
        for i in 0..<70 {
            number += 1
            input.append(Data((Self.request(i, region: "ap-guangzhou") + "\n").utf8))
            expected.append((number, false))
            number += 1
            input.append(long)
            input.append(i % 2 == 0 ? Data("\n".utf8) : Data("\r\n".utf8))
            expected.append((number, true))
        }
        number += 1
        // The last line has no newline and is still signed.
        input.append(Data(Self.request(70, region: "ap-shanghai").utf8))
        expected.append((number, false))
        #expect(input.count > 64 << 20)
        let result = try CLI.run(["sign", "--batch", "-", "--no-validate"] + Self.options, stdinData: input)
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == expected.count)
        for (line, want) in zip(lines, expected) {
            let value = try JSONParser.parse(line)
            if want.tooLong {
                #expect(value["line"] == .number(String(want.number)))
                #expect(value["error"]?["code"]?.stringValue == "limit-exceeded")
                #expect(value["error"]?["message"]?.stringValue?.contains("1048576 bytes") == true)
            } else {
                #expect(value["algorithm"]?.stringValue == "TC3-HMAC-SHA256", "line \(want.number)")
            }
        }
        #expect(result.stderr.hasPrefix("sigscope: 70 of 141 lines failed; the first is line 2: limit-exceeded: "), "\(result.stderr)")
    }

    @Test("CRLF line endings, blank lines and a last line without a newline give what LF lines give")
    func lineEndings() throws {
        let requests = (0..<700).map { Self.request($0, region: ["ap-guangzhou", "ap-shanghai"][$0 % 2]) }
        let lf = requests.joined(separator: "\n") + "\n"
        let crlf = requests.enumerated().map { $0.offset % 100 == 0 ? $0.element + "\r\n \t\r\n" : $0.element + "\r\n" }.joined().dropLast()  // "\r\n" is one Character: the last line ends without a newline
        let plain = try CLI.run(["sign", "--batch", "-"] + Self.options, stdin: lf)
        let windows = try CLI.run(["sign", "--batch", "-"] + Self.options, stdin: String(crlf))
        #expect(plain.status == 0 && windows.status == 0, "\(plain.stderr) \(windows.stderr)")
        let lfLines = plain.stdout.split(separator: "\n")
        #expect(lfLines.count == 700)
        let same = windows.stdout.split(separator: "\n") == lfLines
        #expect(same, "CRLF output differs from LF output")
    }

    @Test("a batch rotating among four regions gives, line for line, what each region's lines give alone")
    func mixedRegions() throws {
        let regions = ["ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-singapore"]
        let requests = (0..<800).map { Self.request($0, region: regions[$0 % 4]) }
        let mixed = try CLI.run(["sign", "--batch", "-"] + Self.options, stdin: requests.joined(separator: "\n") + "\n")
        #expect(mixed.status == 0, "\(mixed.stderr)")
        let mixedLines = mixed.stdout.split(separator: "\n").map(String.init)
        #expect(mixedLines.count == 800)
        for (r, region) in regions.enumerated() {
            let own = stride(from: r, to: 800, by: 4).map { requests[$0] }
            let alone = try CLI.run(["sign", "--batch", "-"] + Self.options, stdin: own.joined(separator: "\n") + "\n")
            #expect(alone.status == 0, "\(alone.stderr)")
            let same = alone.stdout.split(separator: "\n").map(String.init) == stride(from: r, to: 800, by: 4).map { mixedLines[$0] }
            #expect(same, "\(region): its lines differ from the mixed batch's")
        }
        // And a few lines as signing each request alone renders them.
        for i in [0, 1, 2, 3, 797] {
            let one = try CLI.run(["sign", "-", "--format", "json"] + Self.options, stdin: requests[i])
            #expect(one.status == 0, "\(one.stderr)")
            let expected = try JSONParser.parse(one.stdout)
            guard case .object(let members) = try JSONParser.parse(mixedLines[i]) else {
                Issue.record("not an object: \(mixedLines[i])")
                continue
            }
            #expect(members.keys == ["provider", "algorithm", "steps", "signature", "request", "schemaVersion", "timestamp", "nonce"])
            for member in members {
                #expect(member.value == expected[member.key], "\(member.key) of line \(i + 1)")
            }
        }
    }
}
