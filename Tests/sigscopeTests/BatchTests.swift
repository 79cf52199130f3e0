import Foundation
import Testing
import SigScope

/// `--batch`: JSON Lines in, JSON Lines out, in order, failures reported per line.
@Suite("batch mode")
struct BatchTests {
    static let input = """
    {"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-1", "SubnetId": "subnet-1", "NetworkInterfaceName": "one"}}
    {"provider": "tencent", "params": {"VpcId": "vpc-2",}}

    {"provider": "tencent", "action": "DescribeNetworkInterfaces", "params": {"Limit": 2}}
    not json at all
    """

    @Test("each line gives one output line, in order; bad lines report their number and the rest go on")
    func ordered() throws {
        let result = try CLI.run(["sign", "--batch", "-", "--no-validate", "--secret-id", "AKID1", "--secret-key", "k", "--timestamp", "1700000000"], stdin: Self.input)
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let values = try lines.map { try JSONParser.parse($0) }
        #expect(values[0]["algorithm"]?.stringValue == "TC3-HMAC-SHA256")
        #expect(values[0]["request"]?["body"]?.stringValue == #"{"VpcId":"vpc-1","SubnetId":"subnet-1","NetworkInterfaceName":"one"}"#)
        #expect(values[1]["line"] == .number("2"))
        #expect(values[1]["error"]?["code"]?.stringValue == "invalid-json")
        #expect(values[2]["request"]?["headers"]?.arrayValue?.contains(.object(["name": .string("X-TC-Action"), "value": .string("DescribeNetworkInterfaces")])) == true)
        #expect(values[3]["line"] == .number("5"))
    }

    @Test("curl --batch adds a one-line command to each result; all lines valid exits 0")
    func curlBatch() throws {
        let input = "{\"provider\":\"tencent\",\"params\":{\"VpcId\":\"vpc-1\"}}\n{\"provider\":\"tencent\",\"params\":{\"VpcId\":\"vpc-2\"}}\n"
        let result = try CLI.run(["curl", "--batch", "-", "--no-validate", "--secret-id", "AKID1", "--secret-key", "k"], stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let command = try #require(try JSONParser.parse(String(line))["command"]?.stringValue)
            #expect(command.hasPrefix("curl ") && !command.contains("\n"))
        }
    }

    @Test("--batch without a file is a usage error")
    func needsFile() throws {
        let result = try CLI.run(["sign", "--batch", "--secret-id", "a", "--secret-key", "k"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--batch needs"))
    }
}
