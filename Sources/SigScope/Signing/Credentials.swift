/// A secret key. It never prints itself: `description`, `debugDescription` and string
/// interpolation all give `<redacted>`, so a stray `print` or error message cannot leak it.
public struct SecretKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The key's UTF-8 bytes.
    public let bytes: [UInt8]

    public init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    /// True when the key has leading or trailing whitespace (a common copy-paste mistake).
    public var hasSurroundingWhitespace: Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        let space: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        return space.contains(first) || space.contains(last)
    }

    /// The key with surrounding ASCII whitespace removed.
    public var trimmed: SecretKey {
        let space: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        var slice = bytes[...]
        while let f = slice.first, space.contains(f) { slice = slice.dropFirst() }
        while let l = slice.last, space.contains(l) { slice = slice.dropLast() }
        return SecretKey(bytes: Array(slice))
    }

    /// The key with `suffix` appended (Alibaba RPC signs with `secret + "&"`).
    public func appending(_ suffix: String) -> SecretKey {
        SecretKey(bytes: bytes + Array(suffix.utf8))
    }
}

/// The credentials a request is signed with.
public struct Credentials: Sendable, Equatable {
    /// Tencent SecretId / Alibaba AccessKeyId (not secret; printed in requests).
    public var secretId: String
    public var secretKey: SecretKey
    /// STS session token, when temporary credentials are used.
    public var token: String?

    public init(secretId: String, secretKey: SecretKey, token: String? = nil) {
        self.secretId = secretId
        self.secretKey = secretKey
        self.token = token
    }

    /// The same credentials in storage of their own, for a thread that uses them for every
    /// signature of a batch (see `ActionRules.isolatedCopy()`).
    public func isolatedCopy() -> Credentials {
        Credentials(secretId: secretId.isolatedCopy(), secretKey: SecretKey(bytes: secretKey.bytes.withUnsafeBufferPointer { Array($0) }),
                    token: token?.isolatedCopy())
    }
}
