import Foundation
import SigScopeTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-shot HTTP/1.1 listener on 127.0.0.1 for tests: it accepts a single connection,
/// records the raw request bytes, answers `200 OK`, and closes. Bounded in time and size.
final class LocalListener: @unchecked Sendable {
    let port: UInt16
    private let socketFD: Int32
    private let done = DispatchSemaphore(value: 0)
    private var captured: [UInt8] = []

    /// A request as it arrived.
    struct Received {
        let method: String
        let target: String
        let headers: [(name: String, value: String)]
        let body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    init() throws {
        let fd = socket(AF_INET, Sockets.stream, 0)
        guard fd >= 0 else { throw ListenerError.socket("socket") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 1) == 0 else { close(fd); throw ListenerError.socket("bind/listen") }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socketFD = fd
        port = UInt16(bigEndian: actual.sin_port)
        let thread = Thread { [self] in serveOnce() }
        thread.start()
    }

    enum ListenerError: Error { case socket(String), timeout, malformed(String) }

    private func serveOnce() {
        defer { close(socketFD); done.signal() }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let client = accept(socketFD, nil, nil)
        guard client >= 0 else { return }
        defer { close(client) }
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while data.count < 8 << 20 {
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
            if let end = LocalListener.headerEnd(data) {
                let head = String(decoding: data[0..<end], as: UTF8.self).lowercased()
                var contentLength = 0
                for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
                    contentLength = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
                if data.count >= end + 4 + contentLength { break }
            }
        }
        captured = data
        let response = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}".utf8)
        _ = response.withUnsafeBytes { Sockets.send(client, $0) }
    }

    static func headerEnd(_ data: [UInt8]) -> Int? {
        guard data.count >= 4 else { return nil }
        for i in 0...(data.count - 4) where data[i] == 13 && data[i + 1] == 10 && data[i + 2] == 13 && data[i + 3] == 10 {
            return i
        }
        return nil
    }

    /// Waits for the request (at most `seconds`) and parses it.
    func received(seconds: Int = 30) throws -> Received {
        guard done.wait(timeout: .now() + .seconds(seconds)) == .success else { throw ListenerError.timeout }
        guard let end = LocalListener.headerEnd(captured) else { throw ListenerError.malformed("no end of headers") }
        let head = String(decoding: captured[0..<end], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { throw ListenerError.malformed(head) }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Received(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: Array(captured[(end + 4)...]))
    }
}

/// Runs a shell command line with `shell` (`/bin/sh`, `/bin/bash`).
func runShell(_ shell: String, _ command: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: shell)
    process.arguments = ["-c", command]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
