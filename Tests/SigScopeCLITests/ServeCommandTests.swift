import Foundation
import SigScopeTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `sigscope serve` as a user runs it: the built binary on 127.0.0.1 port 0, driven by the curl
/// commands `sigscope curl` prints (run by sh), tampered copies of them, raw sockets and
/// concurrent clients. Every wait is bounded.
@Suite(.serialized) struct ServeCommandTests {
    static let secretId = "AKIDSERVECLI"
    static let secretKey = "serve-cli-secret"

    /// A running `sigscope serve`, stopped with SIGINT.
    final class Server: @unchecked Sendable {
        let process = Process()
        let folder: URL
        let port: Int

        init(_ extra: [String] = []) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-serve-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            process.executableURL = CLI.binary
            process.arguments = ["serve", "--listen", "127.0.0.1:0", "--secret-id", ServeCommandTests.secretId, "--secret-key", ServeCommandTests.secretKey,
                                 "--log", folder.appendingPathComponent("log.jsonl").path, "--har", folder.appendingPathComponent("session.har").path] + extra
            process.currentDirectoryURL = CLI.repoRoot
            process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "NO_COLOR": "1"]
            FileManager.default.createFile(atPath: folder.appendingPathComponent("stderr.txt").path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("stderr.txt"))
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var found: Int?
            for _ in 0..<200 where found == nil {
                let text = (try? String(contentsOf: folder.appendingPathComponent("stderr.txt"), encoding: .utf8)) ?? ""
                if let range = text.range(of: "listening on http://127.0.0.1:") {
                    found = Int(text[range.upperBound...].prefix { $0.isNumber })
                } else if !process.isRunning {
                    break
                } else {
                    usleep(50_000)
                }
            }
            guard let found else {
                process.terminate()
                throw ServeTestError.notListening((try? String(contentsOf: folder.appendingPathComponent("stderr.txt"), encoding: .utf8)) ?? "")
            }
            port = found
        }

        var endpoint: String { "http://127.0.0.1:\(port)" }

        func file(_ name: String) -> String {
            (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }

        /// SIGINT, then waits (bounded) for the exit status.
        func stop() -> Int32? {
            kill(process.processIdentifier, SIGINT)
            for _ in 0..<200 where process.isRunning { usleep(50_000) }
            if process.isRunning {
                process.terminate()
                return nil
            }
            return process.terminationStatus
        }

        deinit {
            if process.isRunning { process.terminate() }
            try? FileManager.default.removeItem(at: folder)
        }
    }

    enum ServeTestError: Error { case notListening(String), curlFailed(String) }

    /// The command `sigscope curl` prints for a request.
    static func curlCommand(_ arguments: [String], server: Server) throws -> String {
        let result = try CLI.run(["curl"] + arguments + ["--endpoint", server.endpoint, "--secret-id", secretId, "--secret-key", secretKey])
        guard result.status == 0 else { throw ServeTestError.curlFailed(result.stderr) }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An HTTP answer as `curl --include` prints it.
    struct Answer {
        let status: Int
        let headers: [String: String]
        let body: String
    }

    /// Runs `command` (a curl command line) with sh, adding --include and a time limit.
    static func send(_ command: String) throws -> Answer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " --include --max-time 20"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return Answer(status: 0, headers: [:], body: text) }
        let head = text[..<split.lowerBound].split(separator: "\r\n")
        let status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return Answer(status: status, headers: headers, body: String(text[split.upperBound...]))
    }

    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    static func tencentCode(_ answer: Answer) -> String? {
        ((json(answer.body)["Response"] as? [String: Any])?["Error"] as? [String: Any])?["Code"] as? String
    }

    @Test("sigscope curl's Tencent and Alibaba commands are accepted; a DescribeNetworkInterfaces then lists the ENI; SIGINT stops it with exit 0")
    func acceptsCurlCommands() throws {
        let server = try Server()
        let tencent = try Self.send(try Self.curlCommand(["examples/tencent-create-eni.json"], server: server))
        #expect(tencent.status == 200)
        #expect(tencent.headers["x-sigscope-verdict"] == "accepted")
        let eni = ((Self.json(tencent.body)["Response"] as? [String: Any])?["NetworkInterface"] as? [String: Any])?["NetworkInterfaceId"] as? String ?? ""
        #expect(eni.hasPrefix("eni-"))
        let aliyun = try Self.send(try Self.curlCommand(["examples/aliyun-create-eni.json"], server: server))
        #expect(aliyun.status == 200)
        #expect((Self.json(aliyun.body)["NetworkInterfaceId"] as? String)?.hasPrefix("eni-bp") == true)
        let listed = try Self.send(try Self.curlCommand(["--provider", "tencent", "--action", "DescribeNetworkInterfaces", "--region", "ap-guangzhou", "--service", "vpc"], server: server))
        #expect(listed.body.contains(eni))
        #expect(server.stop() == 0)
        // One JSON line per request in --log; the HAR reads back with verify and decode.
        let lines = server.file("log.jsonl").split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.contains(#""verdict":"accepted""#) })
        let har = server.folder.appendingPathComponent("session.har").path
        #expect(try CLI.run(["verify", har, "--entry", "1", "--secret-key", Self.secretKey]).status == 0)
        let decoded = try CLI.run(["decode", har, "--entry", "0", "--format", "json"])
        #expect(decoded.status == 0)
        #expect(decoded.stdout.contains(eni))
        #expect(server.file("stderr.txt").contains("tencent CreateNetworkInterface accepted 200"))
        #expect(!server.file("stderr.txt").contains(Self.secretKey))
        #expect(!server.file("log.jsonl").contains(Self.secretKey))
    }

    @Test("tampered copies are refused with the provider's code and the finding that explains them")
    func refusesTamperedCommands() throws {
        let server = try Server()
        let command = try Self.curlCommand(["examples/tencent-create-eni.json", "--service", "vpc"], server: server)
        // The body changed after signing.
        let body = try Self.send(command.replacingOccurrences(of: #""NetworkInterfaceName":"demo""#, with: #""NetworkInterfaceName":"demo2""#))
        #expect(body.status == 200)
        #expect(Self.tencentCode(body) == "AuthFailure.SignatureFailure")
        #expect(body.headers["x-sigscope-findings"]?.contains("signature-mismatch") == true)
        // The Content-Type changed after signing.
        let type = try Self.send(command.replacingOccurrences(of: "Content-Type: application/json", with: "Content-Type: application/json; charset=utf-8"))
        #expect(Self.tencentCode(type) == "AuthFailure.SignatureFailure")
        #expect(type.headers["x-sigscope-findings"]?.contains("content-type-changed") == true)
        // Signed for another product's scope service than the one serve stands for (vpc).
        let service = try Self.send(try Self.curlCommand(["examples/tencent-create-eni.json", "--service", "cvm"], server: server))
        #expect(Self.tencentCode(service) == "AuthFailure.InvalidAuthorization")
        #expect(service.headers["x-sigscope-findings"]?.contains("credential-service-mismatch") == true)
        // Signed ten minutes ago.
        let old = try Self.send(try Self.curlCommand(["examples/tencent-create-eni.json", "--service", "vpc", "--timestamp", String(Int(Date().timeIntervalSince1970) - 600)], server: server))
        #expect(Self.tencentCode(old) == "AuthFailure.SignatureExpire")
        #expect(old.headers["x-sigscope-findings"]?.contains("timestamp-expired") == true)
        // Alibaba: a parameter changed in the URL after signing.
        let aliyun = try Self.curlCommand(["examples/aliyun-create-eni.json"], server: server)
        let changed = try Self.send(aliyun.replacingOccurrences(of: "NetworkInterfaceName=my-eni", with: "NetworkInterfaceName=my-eni2"))
        #expect(changed.status == 400)
        #expect(Self.json(changed.body)["Code"] as? String == "SignatureDoesNotMatch")
        #expect((Self.json(changed.body)["Message"] as? String)?.contains("server string to sign is:GET&%2F&") == true)
        _ = server.stop()
        #expect(server.file("log.jsonl").split(separator: "\n").filter { $0.contains(#""verdict":"rejected""#) }.count == 5)
    }

    @Test("32 concurrent clients with good and tampered requests each get the right verdict")
    func concurrentClients() throws {
        let server = try Server(["--quiet"])
        let good = try Self.curlCommand(["examples/tencent-create-eni.json", "--service", "vpc", "--param", "PrivateIpAddresses=[]"], server: server)
        let bad = good.replacingOccurrences(of: #""NetworkInterfaceName":"demo""#, with: #""NetworkInterfaceName":"demo3""#)
        let aliyun = try Self.curlCommand(["examples/aliyun-create-eni.json"], server: server)
        let commands = [good, bad, aliyun]
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var wrong: [String] = []
            func add(_ text: String) { lock.lock(); wrong.append(text); lock.unlock() }
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 32) { index in
            let kind = index % 3
            guard let answer = try? Self.send(commands[kind]) else { results.add("\(index): curl failed"); return }
            let verdict = answer.headers["x-sigscope-verdict"]
            let expected = kind == 1 ? "rejected" : "accepted"
            if verdict != expected { results.add("\(index): \(verdict ?? "none") for kind \(kind)") }
        }
        #expect(results.wrong.isEmpty)
        #expect(server.stop() == 0)
        #expect(server.file("log.jsonl").split(separator: "\n").count == 32)
    }

    @Test("a malformed request gets 400 and a log line, a body over --max-body-bytes 413, and the server keeps serving")
    func limits() throws {
        let server = try Server(["--max-body-bytes", "4096"])
        // Not HTTP at all, on a raw socket.
        let fd = socket(AF_INET, Sockets.stream, 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(server.port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        #expect(connected == 0)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let junk = Array("\u{01}\u{02} NOT HTTP\r\n\r\n".utf8)
        _ = junk.withUnsafeBytes { Sockets.send(fd, $0) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = recv(fd, &buffer, buffer.count, 0)
        close(fd)
        #expect(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).hasPrefix("HTTP/1.1 400"))
        // 150 header fields (over the limit of 100).
        let headers = (0..<150).map { "--header 'X-Filler-\($0): x'" }.joined(separator: " ")
        let many = try Self.send("curl --silent http://127.0.0.1:\(server.port)/ \(headers)")
        #expect(many.status == 400)
        // A body over the limit.
        let large = try Self.send("head -c 8192 /dev/zero | tr '\\0' 'a' | curl --silent --request POST http://127.0.0.1:\(server.port)/ --header 'Content-Type: application/json' --header Expect: --data-binary @-")
        #expect(large.status == 413)
        #expect(large.body.contains("larger than 4096 bytes"))
        // Still serving.
        let after = try Self.send(try Self.curlCommand(["examples/tencent-create-eni.json", "--service", "vpc"], server: server))
        #expect(after.headers["x-sigscope-verdict"] == "accepted")
        #expect(server.stop() == 0)
        #expect(server.file("log.jsonl").contains("malformed HTTP request"))
        #expect(server.file("stderr.txt").contains("malformed 400"))
    }

    @Test("with --context, a request the account's state refuses gets the provider's context code; the session's ENIs count as taken")
    func context() throws {
        let server = try Server(["--context", "examples/context/aliyun", "--context", "examples/context/tencent"])
        // The documented example: the security group is in another VPC than the vSwitch (examples/context/README.md).
        let mismatch = try Self.send(try Self.curlCommand(["examples/context/aliyun-vpc-mismatch.json"], server: server))
        #expect(mismatch.status == 403)
        #expect(Self.json(mismatch.body)["Code"] as? String == "InvalidOperation.VpcMismatch")
        #expect(mismatch.headers["x-sigscope-verdict"] == "invalid")
        // The documented Tencent example: an unknown security group (answered first), an address in
        // use and one outside the subnet (examples/context/README.md); every code is in the header.
        let taken = try Self.send(try Self.curlCommand(["examples/context/tencent-taken-ip.json"], server: server))
        #expect(Self.tencentCode(taken) == "ResourceNotFound")
        #expect(taken.headers["x-sigscope-findings"] == "ResourceNotFound, ResourceInUse, InvalidParameterValue.Range")
        // A good request is planned in the subnet's CIDR; asking for the address it got is then refused.
        let good = try Self.send(try Self.curlCommand(["examples/context/tencent-create-eni.json"], server: server))
        #expect(good.headers["x-sigscope-verdict"] == "accepted")
        let eni = (Self.json(good.body)["Response"] as? [String: Any])?["NetworkInterface"] as? [String: Any] ?? [:]
        let address = ((eni["PrivateIpAddressSet"] as? [[String: Any]])?.first?["PrivateIpAddress"] as? String) ?? ""
        #expect(!address.isEmpty)
        let again = try Self.send(try Self.curlCommand(["examples/context/tencent-create-eni.json", "--param", #"PrivateIpAddresses=[{"PrivateIpAddress":"\#(address)","Primary":true}]"#, "--param", "SecondaryPrivateIpAddressCount=0"], server: server))
        #expect(Self.tencentCode(again) == "ResourceInUse")
        #expect(server.stop() == 0)
    }

    @Test("serve --help teaches: it names the listening line, the environment variables and examples")
    func help() throws {
        let result = try CLI.run(["serve", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--listen <HOST:PORT>"))
        #expect(result.stdout.contains("TENCENTCLOUD_SECRET_KEY"))
        #expect(result.stdout.contains("sigscope serve --listen 127.0.0.1:0"))
        #expect(!result.stdout.contains("--bare"))
        let usage = try CLI.run(["serve", "--listen", "localhost"])
        #expect(usage.status == 64)
        let noKey = try CLI.run(["serve", "--listen", "127.0.0.1:0"])
        #expect(noKey.status == 64)
        #expect(noKey.stderr.contains("--secret-key"))
    }
}
