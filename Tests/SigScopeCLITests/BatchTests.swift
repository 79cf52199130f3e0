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
        // The column, within the line, of the `}` that follows the trailing comma.
        #expect(values[1]["error"]?["column"] == .number("53"))
        #expect(values[2]["request"]?["headers"]?.arrayValue?.contains(.object(["name": .string("X-TC-Action"), "value": .string("DescribeNetworkInterfaces")])) == true)
        #expect(values[3]["line"] == .number("5"))
        #expect(values[3]["error"]?["column"] == .number("1"))
    }

    @Test("a file and the same bytes on standard input (a pipe) give the same output, on both workers; an empty file gives none")
    func fileAndStandardInputAgree() throws {
        // 600 lines: enough for both workers; every tenth line is bad, so errors are interleaved.
        var text = ""
        for i in 0..<600 {
            text += i % 10 == 9 ? "{\"provider\": \"tencent\",}\n"
                : "{\"provider\": \"tencent\", \"region\": \"ap-guangzhou\", \"params\": {\"VpcId\": \"vpc-1\", \"SubnetId\": \"subnet-1\", \"NetworkInterfaceName\": \"eni-\(i)\"}}\r\n"
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("enis.jsonl")
        try Data(text.utf8).write(to: file)
        let options = ["--secret-id", "AKID1", "--secret-key", "k", "--timestamp", "1700000000"]
        let fromFile = try CLI.run(["sign", "--batch", file.path] + options)
        let fromStdin = try CLI.run(["sign", "--batch", "-"] + options, stdin: text)
        #expect(fromFile.status == 1 && fromStdin.status == 1)
        #expect(fromFile.stdout == fromStdin.stdout)
        let lines = fromFile.stdout.split(separator: "\n")
        #expect(lines.count == 600)
        #expect(lines[9].hasPrefix(#"{"line":10,"error":"#))
        #expect(lines[599].hasPrefix(#"{"line":600,"error":"#))
        #expect(lines[598].contains(#"\"NetworkInterfaceName\":\"eni-598\""#))

        let empty = directory.appendingPathComponent("empty.jsonl")
        try Data().write(to: empty)
        let none = try CLI.run(["sign", "--batch", empty.path] + options)
        #expect(none.status == 0 && none.stdout.isEmpty, "\(none.stderr)")
    }

    @Test("a syntax error's column counts characters within its own line, not bytes")
    func errorColumnInCharacters() throws {
        // Two three-byte characters before the error: its byte column would be 4 more.
        let input = "{\"provider\": \"tencent\"}\n{\"params\": {\"NetworkInterfaceName\": \"中文\", \"VpcId\": 1,,}}\n"
        let result = try CLI.run(["sign", "--batch", "-", "--secret-id", "AKID1", "--secret-key", "k"], stdin: input)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let failure = try JSONParser.parse(try #require(lines.last))
        #expect(failure["line"] == .number("2"))
        #expect(failure["error"]?["column"] == .number("54"))
    }

    @Test("a pretty-printed request or array given to --batch is refused at once, saying how to make JSON Lines")
    func singleDocumentRefused() throws {
        let request = #"{"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-1", "SubnetId": "subnet-1", "NetworkInterfaceName": "one"}}"#
        let pretty = request.replacingOccurrences(of: ", ", with: ",\n  ")
        let object = try CLI.run(["sign", "--batch", "-", "--secret-id", "AKID1", "--secret-key", "k"], stdin: pretty)
        #expect(object.status == 2)
        #expect(object.stdout.isEmpty)
        #expect(object.stderr.contains("JSON Lines") && object.stderr.contains("one JSON object") && object.stderr.contains("jq -c ."), "\(object.stderr)")
        let array = try CLI.run(["curl", "--batch", "-", "--secret-id", "AKID1", "--secret-key", "k"], stdin: "[\n" + request + ",\n" + request + "\n]\n")
        #expect(array.status == 2)
        #expect(array.stderr.contains("one JSON array") && array.stderr.contains("jq -c '.[]'"), "\(array.stderr)")
        // A broken first line in a file that is not one document is just that line's error.
        let lines = try CLI.run(["sign", "--batch", "-", "--no-validate", "--secret-id", "AKID1", "--secret-key", "k"], stdin: "{\"provider\": \n" + request + "\n")
        #expect(lines.status == 1)
        let outputs = lines.stdout.split(separator: "\n")
        #expect(outputs.count == 2)
        #expect(try JSONParser.parse(String(outputs[1]))["signature"] != nil)
    }

    @Test("failing lines are summed up in one line on standard error, naming the first with its column")
    func failureSummary() throws {
        let result = try CLI.run(["sign", "--batch", "-", "--no-validate", "--secret-id", "AKID1", "--secret-key", "k", "--timestamp", "1700000000"], stdin: Self.input)
        #expect(result.status == 1)
        #expect(result.stderr == "sigscope: 2 of 4 lines failed; the first is line 2, column 53: invalid-json: not valid JSON: unexpected character `}`; expected a member name in double quotes\n")
        let one = try CLI.run(["sign", "--batch", "-", "--secret-id", "AKID1", "--secret-key", "k"], stdin: #"{"provider": "tencent", "params": {"VpcId": "vpc-1"}}"# + "\n")
        #expect(one.stderr.hasPrefix("sigscope: 1 of 1 line failed: line 1: validation-failed: 3 parameter rules broken (Region, "), "\(one.stderr)")
        let clean = try CLI.run(["curl", "--batch", "-", "--no-validate", "--secret-id", "AKID1", "--secret-key", "k"], stdin: #"{"provider": "tencent", "params": {"VpcId": "vpc-1"}}"# + "\n")
        #expect(clean.status == 0 && clean.stderr.isEmpty, "\(clean.stderr)")
    }

    @Test("--batch with --format text is refused as a usage error, not silently ignored; --format json is accepted")
    func batchFormatText() throws {
        let line = #"{"provider": "tencent", "params": {"VpcId": "vpc-1"}}"# + "\n"
        for command in ["sign", "curl"] {
            let text = try CLI.run([command, "--batch", "-", "--no-validate", "--secret-id", "AKID1", "--secret-key", "k", "--format", "text"], stdin: line)
            #expect(text.status == 64, "\(command): \(text.stderr)")
            #expect(text.stdout.isEmpty && text.stderr.contains("--format text does not apply"))
            let json = try CLI.run([command, "--batch", "-", "--no-validate", "--secret-id", "AKID1", "--secret-key", "k", "--format", "json"], stdin: line)
            #expect(json.status == 0, "\(command): \(json.stderr)")
        }
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

    @Test("a TC3 batch line (written from the worker's template) says what signing the same request alone says, with and without --show-secrets")
    func batchLineEqualsOneShot() throws {
        let requests = [
            #"{"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-1", "SubnetId": "subnet-1", "NetworkInterfaceName": "one"}}"#,
            #"{"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-2", "SubnetId": "subnet-1", "NetworkInterfaceName": "网卡 \"two\" \\ 🚀"}}"#,
            #"{"provider": "tencent", "region": "ap-shanghai", "params": {"VpcId": "vpc-3", "SubnetId": "subnet-1", "NetworkInterfaceName": "three"}}"#,
            // The body of a line without escapes is its params' text minified: spacing, numbers and
            // raw UTF-8 as written, and flat names (nested before signing) the other way.
            #"{"provider":"tencent","region":"ap-guangzhou","params":{"VpcId":"vpc-4","SubnetId":"subnet-1","NetworkInterfaceName":"four","SecurityGroupIds":["sg-1"]}}"#,
            "{ \"provider\" :\t\"tencent\", \"region\": \"ap-guangzhou\", \"params\" : {\t\"VpcId\" : \"vpc-5\" , \"SubnetId\":\"subnet-1\","
                + " \"NetworkInterfaceName\" : \"five  spaced 网卡\", \"SecondaryPrivateIpAddressCount\" : 2 ,"
                + " \"PrivateIpAddresses\": [ {\"PrivateIpAddress\": \"10.0.0.5\" , \"Primary\" : true } ] } }",
            #"{"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-6", "SubnetId": "subnet-1", "NetworkInterfaceName": "six", "SecurityGroupIds.0": "sg-1"}}"#,
        ]
        let common = ["--secret-id", "AKID1", "--secret-key", "k", "--timestamp", "1700000000", "--token", "tok", "--language", "en-US"]
        for secrets in [[], ["--show-secrets"]] {
            let batch = try CLI.run(["sign", "--batch", "-"] + common + secrets, stdin: requests.joined(separator: "\n") + "\n")
            #expect(batch.status == 0, "\(batch.stderr)")
            let lines = batch.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == requests.count)
            for (line, request) in zip(lines, requests) {
                let alone = try CLI.run(["sign", "-", "--format", "json"] + common + secrets, stdin: request)
                #expect(alone.status == 0, "\(alone.stderr)")
                let expected = try JSONParser.parse(alone.stdout)
                guard case .object(let members) = try JSONParser.parse(line) else {
                    Issue.record("not an object: \(line)")
                    continue
                }
                #expect(members.keys == ["provider", "algorithm", "steps", "signature", "request", "schemaVersion", "timestamp", "nonce"])
                for member in members {
                    #expect(member.value == expected[member.key], "\(member.key) of \(request)")
                }
            }
        }
    }

    @Test("a batch large enough to be spread over several workers keeps input order, line numbers, per-line errors and the summary")
    func largeBatchInOrder() throws {
        // 9,001 lines, about 1.3 MB: some twenty 64 KiB chunks through a ring of chunk buffers (8 per worker), the last one partial.
        var input = ""
        for i in 1...9001 {
            if i % 250 == 0 {
                input += "{\"provider\": \"tencent\", broken\n"
            } else if i % 300 == 0 {
                input += "\n"
            } else {
                input += "{\"provider\": \"tencent\", \"region\": \"ap-guangzhou\", \"params\": {\"VpcId\": \"vpc-\(i)\", \"SubnetId\": \"subnet-1\", \"NetworkInterfaceName\": \"eni-\(i)\"}}\n"
            }
        }
        let result = try CLI.run(["sign", "--batch", "-", "--secret-id", "AKID1", "--secret-key", "k", "--timestamp", "1700000000"], stdin: input)
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // Every 300th line is blank (skipped) unless it is also a 250th, which is broken.
        let expected = (1...9001).filter { !($0 % 300 == 0 && $0 % 250 != 0) }
        #expect(lines.count == expected.count)
        // Chunks are written by whichever worker finishes first, yet the summary counts every
        // failure once and names the earliest line, not the first chunk to be signed.
        #expect(result.stderr.hasPrefix("sigscope: 36 of \(expected.count) lines failed; the first is line 250, column "), "\(result.stderr)")
        for (line, number) in zip(lines, expected) {
            let value = try JSONParser.parse(line)
            if number % 250 == 0 {
                #expect(value["line"] == .number(String(number)))
                #expect(value["error"]?["code"]?.stringValue == "invalid-json")
            } else {
                #expect(value["request"]?["body"]?.stringValue?.contains("\"NetworkInterfaceName\":\"eni-\(number)\"") == true, "line \(number)")
            }
        }
    }

    @Test("every Alibaba request of a large batch gets its own nonce")
    func distinctNonces() throws {
        let line = "{\"provider\": \"aliyun\", \"action\": \"DescribeRegions\", \"params\": {\"RegionId\": \"cn-hangzhou\"}}\n"
        let result = try CLI.run(["sign", "--batch", "-", "--access-key-id", "id", "--access-key-secret", "s"], stdin: String(repeating: line, count: 1200))
        #expect(result.status == 0, "\(result.stderr)")
        let nonces = try result.stdout.split(separator: "\n").map { line -> String in
            let url = try #require(try JSONParser.parse(String(line))["request"]?["url"]?.stringValue)
            let item = try #require(url.split(separator: "&").first { $0.hasPrefix("SignatureNonce=") })
            return String(item)
        }
        #expect(nonces.count == 1200)
        #expect(Set(nonces).count == 1200)
    }

    @Test("--batch without a file is a usage error")
    func needsFile() throws {
        let result = try CLI.run(["sign", "--batch", "--secret-id", "a", "--secret-key", "k"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--batch needs"))
    }
}
