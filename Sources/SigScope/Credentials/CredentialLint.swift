/// Checks on the credentials themselves, before anything is signed: the mistakes most
/// reported behind signature failures in the providers' SDK and tool issues: a key
/// pasted with a space or line break, a SecretId of the wrong kind, an STS key without its
/// token, a value left empty by an unset shell variable.
package enum CredentialLint {
    /// One warning: a stable code, what is wrong (naming where the value came from, never the
    /// secret), and how to fix it, naming the inputs to change structurally (a front end words
    /// them, the CLI as its options).
    package struct Warning: Sendable, Equatable {
        /// A stable code.
        package var code: String
        /// What is wrong.
        package var message: String
        /// What to do.
        package var fix: SigScopeMessage

        /// Creates a warning.
        package init(code: String, message: String, fix: SigScopeMessage) {
            self.code = code
            self.message = message
            self.fix = fix
        }

        /// `{"code", "message", "fix"}`, the fix's inputs named by `naming` (nil: the library's words).
        package func json(naming: (SigScopeError.Subject) -> String? = { _ in nil }) -> JSONValue {
            .object(["code": .string(code), "message": .string(message), "fix": .string(fix.worded(naming: naming))])
        }
    }

    /// The warning codes.
    package enum Code {
        /// The SecretId / AccessKeyId does not look like the provider's.
        package static let secretIdShape = "secret-id-shape"
        /// The SecretId / AccessKeyId has whitespace or a line break in it.
        package static let secretIdWhitespace = "secret-id-whitespace"
        /// The secret key has surrounding whitespace or a line break in it.
        package static let secretKeyWhitespace = "secret-key-whitespace"
        /// The token has whitespace or a line break in it.
        package static let tokenWhitespace = "token-whitespace"
        /// An Alibaba STS AccessKeyId (`STS.…`) with no security token.
        package static let stsWithoutToken = "sts-without-token"
        /// A value given but empty: usually `"$VARIABLE"` of a variable that is not set.
        package static let emptyValue = "empty-value"
    }

    /// The credential values to check, each with the place it came from (an option, a
    /// variable, a file), as printed in the warnings.
    package struct Input: Sendable {
        package var provider: Provider
        package var secretId: (value: String, origin: String)?
        package var secretKey: (value: SecretKey, origin: String)?
        package var token: (value: String, origin: String)?

        /// Creates the input.
        package init(provider: Provider, secretId: (value: String, origin: String)? = nil, secretKey: (value: SecretKey, origin: String)? = nil,
                    token: (value: String, origin: String)? = nil) {
            self.provider = provider
            self.secretId = secretId
            self.secretKey = secretKey
            self.token = token
        }
    }

    /// Every warning for `input`, in a stable order: id, key, token.
    package static func check(_ input: Input) -> [Warning] {
        var warnings: [Warning] = []
        let term = input.provider == .tencent ? (id: "SecretId", key: "SecretKey") : (id: "AccessKeyId", key: "AccessKeySecret")
        if let (id, origin) = input.secretId {
            if id.isEmpty {
                warnings.append(empty(term.id, origin))
            } else if hasWhitespace(Array(id.utf8)) {
                warnings.append(Warning(code: Code.secretIdWhitespace,
                                        message: "the \(term.id) from \(origin) contains whitespace or a line break",
                                        fix: SigScopeMessage(verbatim: "copy the \(term.id) again without spaces or line breaks; the server answers \(input.provider == .tencent ? "AuthFailure.SecretIdNotFound" : "InvalidAccessKeyId.NotFound") for it")))
            } else if let shape = shapeProblem(id, provider: input.provider) {
                warnings.append(Warning(code: Code.secretIdShape, message: "the \(term.id) from \(origin) \(shape)", fix: shapeFix(input.provider)))
            }
            if input.provider == .aliyun, id.hasPrefix("STS."), input.token == nil || input.token?.value.isEmpty == true {
                warnings.append(Warning(code: Code.stsWithoutToken,
                                        message: "the AccessKeyId from \(origin) is a temporary STS key (STS.…) but no security token is given",
                                        fix: "pass the SecurityToken issued with it: \(.token) or ALIBABA_CLOUD_SECURITY_TOKEN (a profile in mode StsToken carries it as sts_token)"))
            }
        }
        if let (key, origin) = input.secretKey {
            if key.bytes.isEmpty {
                warnings.append(empty(term.key, origin))
            } else if hasWhitespace(key.bytes) {
                let where_ = key.hasSurroundingWhitespace ? "begins or ends with whitespace" : "contains whitespace or a line break"
                let answer = input.provider == .tencent ? "AuthFailure.SignatureFailure" : "SignatureDoesNotMatch"
                warnings.append(Warning(code: Code.secretKeyWhitespace,
                                        message: "the \(term.key) from \(origin) \(where_)",
                                        fix: "remove it: the signature is computed over every byte of the key, so the server's differs (\(answer)); a key read from \(.secretKeyFile) loses one trailing newline only"))
            }
        }
        if let (token, origin) = input.token {
            if token.isEmpty {
                warnings.append(empty("token", origin))
            } else if hasWhitespace(Array(token.utf8)) {
                warnings.append(Warning(code: Code.tokenWhitespace,
                                        message: "the token from \(origin) contains whitespace or a line break",
                                        fix: SigScopeMessage(verbatim: input.provider == .tencent ? "copy the token again without spaces or line breaks; the server answers AuthFailure.TokenFailure for it" : "copy the token again without spaces or line breaks; the server refuses a malformed SecurityToken")))
            }
        }
        return warnings
    }

    /// Why `id` does not look like one of `provider`'s, or nil.
    static func shapeProblem(_ id: String, provider: Provider) -> String? {
        let alphanumeric = id.unicodeScalars.allSatisfy { ($0 >= "0" && $0 <= "9") || ($0 >= "A" && $0 <= "Z") || ($0 >= "a" && $0 <= "z") }
        switch provider {
        case .tencent:
            guard id.hasPrefix("AKID") else { return "does not start with AKID, as Tencent Cloud API SecretIds do" }
            guard alphanumeric else { return "has characters other than letters and digits" }
            return nil
        case .aliyun:
            if id.hasPrefix("STS.") { return nil }
            guard id.hasPrefix("LTAI") else { return "does not start with LTAI (an AccessKey) or STS. (a temporary STS key), as Alibaba Cloud AccessKeyIds do" }
            guard alphanumeric else { return "has characters other than letters and digits" }
            return nil
        }
    }

    private static func shapeFix(_ provider: Provider) -> SigScopeMessage {
        switch provider {
        case .tencent:
            return "use a Cloud API key from the CAM console (API Key Management), not an app ID, a product key or an Alibaba key; the server answers AuthFailure.SecretIdNotFound or AuthFailure.InvalidSecretId otherwise"
        case .aliyun:
            return "use an AccessKey of the RAM console (LTAI…) or STS credentials (STS.… with their token), not a Tencent key; the server answers InvalidAccessKeyId.NotFound otherwise"
        }
    }

    private static func empty(_ what: String, _ origin: String) -> Warning {
        Warning(code: Code.emptyValue, message: "the \(what) from \(origin) is empty",
                fix: "an unset shell variable expands to nothing (\(.secretKey) given as `\"$TENCENTCLOUD_SECRET_KEY\"` with the variable unset): export the variable, or give the value another way")
    }

    private static func hasWhitespace(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}
