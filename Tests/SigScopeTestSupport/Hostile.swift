import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hostile inputs for the safety tests, generated rather than committed.
package enum Hostile {
    /// The classic "billion laughs": ten levels of ten references, 10^9 `lol`s if expanded.
    package static let billionLaughs: String = {
        var dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            dtd += " <!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        return dtd + "]>\n<lolz>&lol9;</lolz>\n"
    }()

    /// An external entity pointing at `url`, used in the content.
    package static func externalEntity(_ url: String) -> String {
        "<?xml version=\"1.0\"?>\n<!DOCTYPE Error [\n  <!ENTITY xxe SYSTEM \"\(url)\">\n]>\n<Error><Code>&xxe;</Code></Error>\n"
    }

    /// A document whose only DTD is external.
    package static func externalDTD(_ url: String) -> String {
        "<?xml version=\"1.0\"?>\n<!DOCTYPE Error SYSTEM \"\(url)\">\n<Error><Code>X</Code></Error>\n"
    }

    /// Parameter entities: the external DTD is fetched through `%remote;`.
    package static func parameterEntity(_ url: String) -> String {
        "<?xml version=\"1.0\"?>\n<!DOCTYPE Error [\n  <!ENTITY % remote SYSTEM \"\(url)\">\n  %remote;\n]>\n<Error/>\n"
    }

    package static func deepXML(_ depth: Int) -> [UInt8] {
        Array(String(repeating: "<a>", count: depth).utf8) + Array(String(repeating: "</a>", count: depth).utf8)
    }

    package static func deepJSON(_ depth: Int) -> [UInt8] {
        Array(String(repeating: "[", count: depth).utf8) + Array(String(repeating: "]", count: depth).utf8)
    }

    /// A well-formed JSON body of `size` bytes: `{"Response": {"RequestId": "…", "Pad": "xxxx…"}}`.
    package static func bigJSON(_ size: Int) -> [UInt8] {
        let head = Array("{\"Response\":{\"RequestId\":\"big\",\"Pad\":\"".utf8)
        let tail = Array("\"}}".utf8)
        return head + [UInt8](repeating: UInt8(ascii: "x"), count: max(0, size - head.count - tail.count)) + tail
    }

    /// A scratch directory, removed by the caller.
    package static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A named pipe: any attempt to open it for reading blocks until a writer comes, so a
    /// parse that tried to read it would never finish. `release` unblocks such a reader.
    package static func fifo(in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("trap.fifo")
        guard mkfifo(url.path, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return url
    }

    package static func release(fifo url: URL) {
        let fd = open(url.path, O_WRONLY | O_NONBLOCK)
        if fd >= 0 { close(fd) }
    }
}

/// A TCP listener on 127.0.0.1 that records whether anyone connected: proof that a parse
/// did not touch the network.
package final class ConnectionTrap {
    package let port: UInt16
    private let socketFD: Int32

    package init() throws {
        let fd = socket(AF_INET, Sockets.stream, 0)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw CocoaError(.fileWriteUnknown) }
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        socketFD = fd
    }

    /// Whether a connection is waiting to be accepted.
    package var wasContacted: Bool {
        let client = accept(socketFD, nil, nil)
        if client >= 0 { close(client); return true }
        return false
    }

    deinit { close(socketFD) }
}
