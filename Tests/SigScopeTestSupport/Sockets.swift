#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few socket spellings that differ between Glibc and Darwin, for the tests' raw sockets.
package enum Sockets {
    /// `SOCK_STREAM` as `socket(2)` takes it (an enum case in Glibc, an `Int32` in Darwin).
    package static var stream: Int32 {
        #if canImport(Glibc)
        Int32(SOCK_STREAM.rawValue)
        #else
        SOCK_STREAM
        #endif
    }

    /// `send(2)` of `bytes` on `fd` without a SIGPIPE when the peer has gone (`MSG_NOSIGNAL` in
    /// Glibc, `SO_NOSIGPIPE` in Darwin); the bytes sent, or -1.
    package static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        #if canImport(Glibc)
        Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
        #else
        var yes: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        return Darwin.send(fd, bytes.baseAddress, bytes.count, 0)
        #endif
    }
}
