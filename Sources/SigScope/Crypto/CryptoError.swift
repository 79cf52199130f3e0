internal import CSigScopeOpenSSL

/// An error from OpenSSL's libcrypto, carrying the function that failed and the
/// library's error queue at the time of failure.
package struct CryptoError: Error, CustomStringConvertible, Sendable {
    /// The libcrypto call that reported the failure (e.g. `EVP_MAC_init`).
    package let function: String
    /// The entries of OpenSSL's error queue, oldest first, as `ERR_error_string_n` renders them.
    package let queue: [String]

    /// Creates an error for `function`, draining OpenSSL's thread-local error queue.
    init(function: String) {
        self.init(function: function, queue: CryptoError.drainQueue())
    }

    init(function: String, queue: [String]) {
        self.function = function
        self.queue = queue
    }

    package var description: String {
        if queue.isEmpty { return "libcrypto: \(function) failed" }
        let hint = queue.contains(where: Self.lacksText) ? Self.codeHint : ""
        return "libcrypto: \(function) failed: " + queue.joined(separator: "; ") + hint
    }

    /// sigscope does not load libcrypto's error strings (see `CryptoSetup`): an entry then reads
    /// `error:0308010C:lib(6)::reason(524556)`, and its code is what to look up.
    static func lacksText(_ entry: String) -> Bool {
        entry.contains("::reason(")
    }

    static let codeHint = " (`openssl errstr CODE` prints the text of an error code)"

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
