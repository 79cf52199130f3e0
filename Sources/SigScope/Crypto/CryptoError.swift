internal import COpenSSL

/// An error from OpenSSL's libcrypto, carrying the function that failed and the
/// library's error queue at the time of failure.
public struct CryptoError: Error, CustomStringConvertible, Sendable {
    /// The libcrypto call that reported the failure (e.g. `EVP_MAC_init`).
    public let function: String
    /// The entries of OpenSSL's error queue, oldest first, as `ERR_error_string_n` renders them.
    public let queue: [String]

    /// Creates an error for `function`, draining OpenSSL's thread-local error queue.
    init(function: String) {
        self.function = function
        self.queue = CryptoError.drainQueue()
    }

    public var description: String {
        if queue.isEmpty { return "libcrypto: \(function) failed" }
        return "libcrypto: \(function) failed: " + queue.joined(separator: "; ")
    }

    /// Reads and clears OpenSSL's error queue for this thread.
    static func drainQueue() -> [String] {
        var entries: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            entries.append(String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return entries
    }
}
