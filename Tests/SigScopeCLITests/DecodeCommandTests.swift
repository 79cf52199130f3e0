import Foundation
import Testing
import SigScopeTestSupport
import SigScope

/// `sigscope decode` as a user runs it: output, exit codes, and refusals of hostile input.
@Suite("decode command")
struct DecodeCommandTests {
    @Test("decodes every corpus case to its expected JSON with its exit status", arguments: ResponseCase.all)
    func corpusCase(_ testCase: ResponseCase) throws {
        let result = try CLI.run(["decode", testCase.folder + "/" + testCase.inputFile, "--format", "json"] + testCase.args)
        #expect(result.status == testCase.exit, "\(testCase.name): \(result.stderr)")
        let output = try JSONParser.parse(result.stdout)
        guard var object = output.objectValue else {
            Issue.record("not a JSON object")
            return
        }
        #expect(object.keys == ["provider", "action", "outcome", "httpStatus", "requestId", "error", "result", "schemaVersion"])
        #expect(object["schemaVersion"] == .number("1"))
        object["schemaVersion"] = nil
        if case .object(var error)? = object["error"] {
            #expect(Set(error.keys) == ["code", "message", "description", "hostId", "recommend", "serverStringToSign", "category", "retryable", "hint"])
            for key in ["category", "retryable", "hint"] { error[key] = nil }
            object["error"] = .object(error)
        }
        #expect(JSONCompare.canonical(.object(object)) == JSONCompare.canonical(testCase.expected), "\(testCase.name)")
        #expect(result.stderr.isEmpty)
    }

    @Test("the corpus reached the binary")
    func corpusPresent() {
        #expect(ResponseCase.all.count >= 90)
    }

    @Test("the text report of an error: code, meaning, category, retryability, hint; exit 1")
    func errorText() throws {
        let result = try CLI.run(["decode", "testvectors/responses/tc-auth-SignatureExpire/input.json"])
        #expect(result.status == 1)
        for piece in ["Tencent Cloud", "API error", "AuthFailure.SignatureExpire", "Signature expired; Timestamp and server time differ by more than 5 minutes",
                      "category", "signature", "retryable", "hint", "current time", "9c2e7f1a-2b1d-4c4e-9d0a-8a3f6c0e5b21"] {
            #expect(result.stdout.contains(piece), "missing \(piece)")
        }
        #expect(!result.stdout.contains("\u{1B}["), "no colour without a terminal")
    }

    @Test("the text report of Alibaba's SignatureDoesNotMatch shows the server's string-to-sign parameter by parameter")
    func signatureText() throws {
        let result = try CLI.run(["decode", "testvectors/responses/ali-auth-SignatureDoesNotMatch-http/input.http"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("400 Bad Request"))
        #expect(result.stdout.contains("Server string-to-sign"))
        #expect(result.stdout.contains("Timestamp") && result.stdout.contains("2019-05-12T14:06:51Z"))
        #expect(result.stdout.contains("GetMainDomainName"))
    }

    @Test("the text report of a success lists fields; exit 0; reads standard input")
    func successText() throws {
        let body = try String(contentsOf: CLI.repoRoot.appendingPathComponent("testvectors/responses/ali-create-eni-xml-current/input.xml"), encoding: .utf8)
        let result = try CLI.run(["decode", "-"], stdin: body)
        #expect(result.status == 0)
        #expect(result.stdout.contains("success"))
        #expect(result.stdout.contains("SecurityGroupIds[1]") && result.stdout.contains("sg-bp67acfmxazb4p****"))
        #expect(result.stdout.contains("ServiceID") && result.stdout.contains("12345678910"))
    }

    @Test("wrong usage exits 64")
    func usage() throws {
        #expect(try CLI.run(["decode"]).status == 64)
        #expect(try CLI.run(["decode", "x.json", "--entry", "-1"]).status == 64)
        #expect(try CLI.run(["decode", "x.json", "--provider", "aws"]).status == 64)
        let entry = try CLI.run(["decode", "testvectors/responses/tc-auth-SignatureFailure/input.json", "--entry", "0"])
        #expect(entry.status == 64 && entry.stderr.contains("--entry"))
        let range = try CLI.run(["decode", "testvectors/responses/tc-create-eni-har/input.har", "--entry", "9"])
        #expect(range.status == 64 && range.stderr.contains("0 to 1"))
        #expect(try CLI.run(["--help"]).stdout.contains("decode"))
    }

    @Test("a missing file and undecodable input exit 2 with the file named")
    func unreadable() throws {
        let missing = try CLI.run(["decode", "no/such/file.json"])
        #expect(missing.status == 2 && missing.stderr.contains("no/such/file.json"))
        let text = try CLI.run(["decode", "-"], stdin: "Service Unavailable")
        #expect(text.status == 2 && text.stderr.hasPrefix("sigscope: error: <stdin>: "))
        let broken = try CLI.run(["decode", "-"], stdin: "{\n  \"Response\": {\n    \"RequestId\": \"x\",\n  }\n}")
        #expect(broken.status == 2 && broken.stderr.contains("<stdin>:4:3"))
    }

    // MARK: - Hostile input

    struct HostileCase: CustomStringConvertible, Sendable {
        let name: String
        let expectedPhrase: String
        var description: String { name }
    }

    static let hostile: [HostileCase] = [
        HostileCase(name: "billion-laughs.xml", expectedPhrase: "DOCTYPE"),
        HostileCase(name: "xxe-etc-passwd.xml", expectedPhrase: "DOCTYPE"),
        HostileCase(name: "xxe-fifo.xml", expectedPhrase: "DOCTYPE"),
        HostileCase(name: "external-dtd.xml", expectedPhrase: "DOCTYPE"),
        HostileCase(name: "parameter-entity.xml", expectedPhrase: "DOCTYPE"),
        HostileCase(name: "deep.xml", expectedPhrase: "deeper than the limit of 256"),
        HostileCase(name: "deep.json", expectedPhrase: "deeper than the limit of 256"),
        HostileCase(name: "big.json", expectedPhrase: "larger than the limit"),
        HostileCase(name: "deep-in-http.http", expectedPhrase: "deeper than the limit of 256"),
        HostileCase(name: "xxe-in-har.har", expectedPhrase: "DOCTYPE"),
    ]

    @Test("refuses hostile input quickly with exit 2 and a clear message, in bounded memory, reading no file and touching no network",
          arguments: hostile)
    func refusesHostileInput(_ hostileCase: HostileCase) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-hostile-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let trap = try ConnectionTrap()
        let fifo = directory.appendingPathComponent("trap.fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let remote = "http://127.0.0.1:\(trap.port)/evil.dtd"

        let bytes: [UInt8]
        switch hostileCase.name {
        case "billion-laughs.xml": bytes = Array(Hostile.billionLaughs.utf8)
        case "xxe-etc-passwd.xml": bytes = Array(Hostile.externalEntity("file:///etc/passwd").utf8)
        case "xxe-fifo.xml": bytes = Array(Hostile.externalEntity("file://" + fifo.path).utf8)
        case "external-dtd.xml": bytes = Array(Hostile.externalDTD(remote).utf8)
        case "parameter-entity.xml": bytes = Array(Hostile.parameterEntity(remote).utf8)
        case "deep.xml": bytes = Hostile.deepXML(100_000)
        case "deep.json": bytes = Hostile.deepJSON(100_000)
        case "big.json": bytes = Hostile.bigJSON(50_000_000)
        case "deep-in-http.http": bytes = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n".utf8) + Hostile.deepJSON(100_000)
        default:
            let xml = Hostile.externalEntity(remote)
            let body = Data(xml.utf8).base64EncodedString()
            bytes = Array("{\"log\":{\"version\":\"1.2\",\"entries\":[{\"request\":{\"method\":\"GET\",\"url\":\"https://ecs.aliyuncs.com/?Action=DescribeRegions\",\"headers\":[]},\"response\":{\"status\":200,\"statusText\":\"OK\",\"headers\":[],\"content\":{\"mimeType\":\"text/xml\",\"text\":\"\(body)\",\"encoding\":\"base64\"}}}]}}".utf8)
        }
        let file = directory.appendingPathComponent(hostileCase.name)
        try Data(bytes).write(to: file)

        // 192 MiB of address space, binary and libraries included: enough to refuse, far too
        // little to expand an entity bomb or hold a 50 MB input with its copies.
        let result = try MeasuredRun.run(["decode", file.path], addressSpaceKiB: 192 * 1024, timeout: .seconds(20))
        if result.timedOut {
            let fd = open(fifo.path, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
        }
        #expect(!result.timedOut, "sigscope did not finish: it blocked, e.g. opening the FIFO")
        #expect(result.status == 2, "exit \(result.status) (134 would mean an allocation beyond the memory bound): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("sigscope: error: \(file.path)"), "the message names the file: \(result.stderr)")
        #expect(result.stderr.contains(hostileCase.expectedPhrase), "\(result.stderr)")
        #expect(!result.stderr.contains("root:") && !result.stderr.contains("/bin/"), "nothing of /etc/passwd leaked")
        #expect(result.elapsed < .seconds(5), "took \(result.elapsed)")
        #expect(!trap.wasContacted, "sigscope connected to the network")
    }
}
