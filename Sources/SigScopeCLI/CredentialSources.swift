import SigScope
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the credentials of `sign`, `curl`, `verify` (and every later command that signs or
/// verifies) come from, in one place: an option, then the environment, then the providers'
/// profile files, the way tccli, the aliyun CLI and the Alibaba credentials library read them.
///
/// - Tencent: `--secret-id`, `--secret-key` (or `--secret-key-file`), `--token`; then
///   `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`, `TENCENTCLOUD_SESSION_TOKEN` or
///   tccli's `TENCENTCLOUD_TOKEN`; then `~/.tccli/<profile>.credential` (`--profile`, else
///   `TCCLI_PROFILE`, else `default`).
/// - Alibaba: the same options; then `ALIBABA_CLOUD_ACCESS_KEY_ID`,
///   `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, `ALIBABA_CLOUD_SECURITY_TOKEN`; then
///   `~/.aliyun/config.json` (`--profile`, else `ALIBABA_CLOUD_PROFILE`, else its `current`
///   profile), then `~/.alibabacloud/credentials` (or `ALIBABA_CLOUD_CREDENTIALS_FILE`;
///   section `--profile`, else `ALIBABA_CLOUD_PROFILE`, else `default`).
struct CredentialSources {
    /// What the command line gave.
    struct Given: Equatable {
        var secretId: String?
        var secretKey: String?
        var secretKeyFile: String?
        /// The key file's bytes when already read (a batch reads standard input once for all workers).
        var secretKeyFileBytes: [UInt8]? = nil
        var token: String?
        var profile: String?
    }

    /// The credentials found, where each part came from, and what looks wrong with them.
    struct Resolved {
        var secretId: String?
        var secretKey: SecretKey
        var token: String?
        /// Where the key came from, e.g. `environment TENCENTCLOUD_SECRET_KEY`, `profile file ~/.tccli/default.credential`.
        var keySource: String
        var idSource: String?
        var tokenSource: String?
        var warnings: [CredentialLint.Warning]

        /// The credentials to sign with; `.missingInput` without an id.
        func credentials(provider: Provider) throws(SigScopeError) -> Credentials {
            guard let secretId else {
                let names = CredentialSources.names(provider)
                throw SigScopeError(.missingInput, "no key id: pass \(names.idOption), set \(names.id), or keep it in a profile file (\(CredentialSources.profileFiles(provider)))")
            }
            return Credentials(secretId: secretId, secretKey: secretKey, token: token)
        }

        /// One line for standard error: which source each part came from, never a value.
        var summary: String {
            if idSource == keySource, tokenSource == nil || tokenSource == keySource {
                return "credentials: " + keySource + (tokenSource == nil ? "" : ", with its token")
            }
            var parts = ["secret key from \(keySource)"]
            if let idSource { parts.append("key id from \(idSource)") }
            if let tokenSource { parts.append("token from \(tokenSource)") }
            return "credentials: " + parts.joined(separator: ", ")
        }

        /// `{"secretKey": "environment …", "secretId": …, "token": …}` (sources, never values).
        var sourceJSON: JSONValue {
            var object: JSONObject = ["secretKey": .string(keySource)]
            object["secretId"] = idSource.map(JSONValue.string) ?? .null
            object["token"] = tokenSource.map(JSONValue.string) ?? .null
            return .object(object)
        }

        /// `{"code", "message", "fix"}` for each warning, its fix naming options.
        var warningsJSON: JSONValue { .array(warnings.map { $0.json(naming: Wording.flag) }) }

        /// Writes the source line and the warnings to standard error (text mode).
        func report() {
            Frontend.writeError("sigscope: \(summary)\n")
            for warning in warnings {
                Frontend.writeError("sigscope: warning: \(warning.message); \(Wording.words(warning.fix))\n")
            }
        }
    }

    /// The variable and option names of a provider.
    struct Names {
        var id: String
        var key: String
        var tokens: [String]
        var idOption: String
        var keyOption: String
    }

    static func names(_ provider: Provider) -> Names {
        let variables = provider.profile.environment
        let options = Frontend.credentialOptions(for: provider)
        // tccli reads its token from TENCENTCLOUD_TOKEN too.
        let moreTokens: [String]
        switch provider {
        case .tencent: moreTokens = ["TENCENTCLOUD_TOKEN"]
        case .aliyun: moreTokens = []
        }
        return Names(id: variables.secretId, key: variables.secretKey, tokens: [variables.token] + moreTokens,
                     idOption: options.id, keyOption: options.key)
    }

    static func profileFiles(_ provider: Provider) -> String {
        switch provider {
        case .tencent: return "~/.tccli/<profile>.credential"
        case .aliyun: return "~/.aliyun/config.json or ~/.alibabacloud/credentials"
        }
    }

    let provider: Provider
    let given: Given
    /// The environment (a function so tests of the library never see it; the CLI passes getenv).
    let environment: (String) -> String?

    init(provider: Provider, given: Given, environment: @escaping (String) -> String? = CredentialSources.getenvValue) {
        self.provider = provider
        self.given = given
        self.environment = environment
    }

    /// getenv, with an empty value kept as "" (an unset variable is nil).
    static func getenvValue(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    /// Resolves the credentials.
    /// - Throws: `.missingInput` (exit 64) when there is no secret key anywhere, or `--profile`
    ///   names a profile no file has, or the profile's mode needs a network call;
    ///   `.invalidOption` for `--secret-key` with `--secret-key-file`; exit-2 errors naming the
    ///   file for an unreadable or malformed file.
    /// - Parameter keyOnly: resolve the secret key alone (`verify` checks the request's own id and token).
    func resolve(keyOnly: Bool = false) throws(SigScopeError) -> Resolved {
        let names = Self.names(provider)
        var warnings: [CredentialLint.Warning] = []
        func fromEnvironment(_ name: String) -> String? {
            guard let value = environment(name) else { return nil }
            if value.isEmpty {
                warnings.append(CredentialLint.Warning(code: CredentialLint.Code.emptyValue, message: "\(name) is set but empty, so it is ignored",
                                                       fix: "unset it, or export it with its value"))
                return nil
            }
            return value
        }
        var profile = ProfileLookup(provider: provider, explicit: given.profile, environment: environment)

        // The secret key: option, key file, environment, profile file. An empty one is refused
        // (given, or a variable set but empty): it only ever gives a wrong signature.
        try Frontend.refuseEmptySecret(given.secretKey, option: names.keyOption, variable: names.key)
        if given.secretKey != nil && given.secretKeyFile != nil {
            throw SigScopeError(.invalidOption, "\(names.keyOption) and --secret-key-file both give the secret key; use one")
        }
        var key: (SecretKey, String)
        if let option = given.secretKey {
            key = (SecretKey(option), "option \(names.keyOption)")
        } else if let path = given.secretKeyFile {
            key = (try Self.readKeyFile(path, bytes: given.secretKeyFileBytes, warnings: &warnings),
                   path == "-" ? "standard input (--secret-key-file -)" : "file \(path) (--secret-key-file)")
            if key.0.bytes.isEmpty {
                throw SigScopeError(.invalidOption, "--secret-key-file \(path) holds no key (an empty file, or a newline alone): a secret key is never empty")
            }
        } else if let value = fromEnvironment(names.key) {
            key = (SecretKey(value), "environment \(names.key)")
        } else if let entry = try profile.entry(warnings: &warnings) {
            key = (entry.secretKey, profile.sourceName)
        } else {
            throw SigScopeError(.missingInput, "no secret key: pass \(names.keyOption) or --secret-key-file, set \(names.key), or keep it in a profile file (\(Self.profileFiles(provider))\(profile.explicit.map { ", profile \"\($0)\"" } ?? ""))")
        }
        let keyFromProfile = key.1 == profile.sourceName

        // The key id: option, environment, profile file.
        var id: (String, String)?
        if keyOnly {
            id = given.secretId.map { ($0, "option \(names.idOption)") }
        } else if let option = given.secretId {
            id = (option, "option \(names.idOption)")
        } else if let value = fromEnvironment(names.id) {
            id = (value, "environment \(names.id)")
        } else if let entry = try profile.entry(warnings: &warnings) {
            id = (entry.secretId, profile.sourceName)
        }

        // The token: option, environment, or the profile the key came from.
        var token: (String, String)?
        if keyOnly {
            token = given.token.map { ($0, "option --token") }
        } else if let option = given.token {
            token = (option, "option --token")
        } else if let name = names.tokens.first(where: { fromEnvironment($0) != nil }), let value = environment(name) {
            token = (value, "environment \(name)")
        } else if keyFromProfile, let entry = try profile.entry(warnings: &warnings), let value = entry.token {
            token = (value, profile.sourceName)
        }

        if given.profile != nil, !keyFromProfile, keyOnly || id?.1 != profile.sourceName {
            // --profile was given but options or the environment gave everything: say so, it is easy to miss.
            warnings.append(CredentialLint.Warning(code: "profile-unused", message: "--profile \(given.profile ?? "") is not used: the options and the environment give the credentials",
                                                   fix: "options and the environment come before profile files; unset \(names.key) and \(names.id) to use the profile"))
        }
        if let id, id.1 == profile.sourceName, !keyFromProfile {
            // Each part follows the precedence, but a key and an id from different places are often not one pair.
            warnings.append(CredentialLint.Warning(code: "credential-sources-mixed", message: "the secret key comes from \(key.1) but the key id from \(id.1)",
                                                   fix: "make sure they are one key pair, or give both the same way (\(names.idOption) with \(names.keyOption), or \(names.id) with \(names.key))"))
        }
        let lint = CredentialLint.check(CredentialLint.Input(provider: provider, secretId: id.map { ($0.0, $0.1) }, secretKey: (key.0, key.1), token: token.map { ($0.0, $0.1) }))
        return Resolved(secretId: id?.0, secretKey: key.0, token: token?.0, keySource: key.1, idSource: id?.1, tokenSource: token?.1,
                        warnings: warnings + lint)
    }

    /// The longest key file read: a secret is a few dozen bytes.
    static let maxKeyFileBytes = 64 << 10

    /// `--secret-key-file FILE` (`-`: standard input), less one trailing newline.
    /// - Parameter bytes: the file's bytes when they were read already.
    static func readKeyFile(_ path: String, bytes read: [UInt8]? = nil, warnings: inout [CredentialLint.Warning]) throws(SigScopeError) -> SecretKey {
        if path != "-", let warning = permissionWarning(path, display: path) { warnings.append(warning) }
        var bytes: [UInt8]
        if let read { bytes = read } else { bytes = try Frontend.read(path, limit: maxKeyFileBytes) }
        if bytes.last == 0x0A {
            bytes.removeLast()
            if bytes.last == 0x0D { bytes.removeLast() }
        }
        return SecretKey(bytes: bytes)
    }

    /// A warning, as ssh gives for a private key, when `path` can be read or written by its
    /// group or by others.
    static func permissionWarning(_ path: String, display: String) -> CredentialLint.Warning? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 != 0 else { return nil }
        let octal = String(mode, radix: 8)
        let who = mode & 0o007 != 0 ? "other users" : "its group"
        let what = mode & 0o066 == 0 ? "use" : mode & 0o044 != 0 ? (mode & 0o022 != 0 ? "read and change" : "read") : "change"
        return CredentialLint.Warning(code: "credential-file-permissions",
                                      message: "\(display) holds a secret but its permissions 0\(octal) let \(who) \(what) it",
                                      fix: "chmod 600 \(display)")
    }
}

/// The profile file a provider's credentials come from when neither options nor the
/// environment give them, found and read at most once.
struct ProfileLookup {
    let provider: Provider
    /// `--profile`, when given.
    let explicit: String?
    let environment: (String) -> String?
    private(set) var loaded: ProfileFiles.Entry?
    private var looked = false
    /// The file the entry came from, as shown (`~/.tccli/default.credential`).
    private(set) var sourceName = "profile file"

    init(provider: Provider, explicit: String?, environment: @escaping (String) -> String?) {
        self.provider = provider
        self.explicit = explicit
        self.environment = environment
    }

    /// `$HOME`, nil when unset or empty (then there are no profile files).
    private var home: String? {
        guard let home = environment("HOME"), !home.isEmpty else { return nil }
        return home.hasSuffix("/") ? String(home.dropLast()) : home
    }

    private func display(_ path: String) -> String {
        guard let home, path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }

    /// The profile's entry, nil when no profile file has one.
    /// - Throws: exit-2 errors for an unreadable or malformed file; `.missingInput` for a mode
    ///   that needs a network call, or an explicit `--profile` that no file has.
    mutating func entry(warnings: inout [CredentialLint.Warning]) throws(SigScopeError) -> ProfileFiles.Entry? {
        if looked { return loaded }
        looked = true
        if let explicit, explicit.isEmpty || explicit.contains("/") || explicit.contains("\0") {
            throw SigScopeError(.invalidOption, "--profile needs a profile name (no / in it)")
        }
        guard let home else {
            if explicit != nil { throw SigScopeError(.missingInput, "--profile \(explicit ?? ""): HOME is not set, so there are no profile files to read") }
            return nil
        }
        var searched: [String] = []
        switch provider {
        case .tencent:
            let name = explicit ?? nonEmpty(environment("TCCLI_PROFILE")) ?? "default"
            let path = "\(home)/.tccli/\(name).credential"
            searched.append(display(path))
            if let bytes = try read(path, warnings: &warnings) {
                sourceName = "profile file \(display(path))"
                loaded = try ProfileFiles.tccli(bytes, source: display(path), profile: name)
            }
        case .aliyun:
            let name = explicit ?? nonEmpty(environment("ALIBABA_CLOUD_PROFILE"))
            let cliPath = "\(home)/.aliyun/config.json"
            searched.append(display(cliPath))
            if let bytes = try read(cliPath, warnings: &warnings), let entry = try ProfileFiles.aliyunCLI(bytes, source: display(cliPath), profile: name) {
                sourceName = "profile file \(display(cliPath)) (profile \(entry.profile))"
                loaded = entry
            } else {
                let iniPath = nonEmpty(environment("ALIBABA_CLOUD_CREDENTIALS_FILE")) ?? "\(home)/.alibabacloud/credentials"
                searched.append(display(iniPath))
                let section = name ?? "default"
                if let bytes = try read(iniPath, warnings: &warnings), let entry = try ProfileFiles.alibabaCredentials(bytes, source: display(iniPath), profile: section) {
                    sourceName = "profile file \(display(iniPath)) ([\(section)])"
                    loaded = entry
                }
            }
        }
        if loaded == nil, let explicit {
            throw SigScopeError(.missingInput, "--profile \(explicit): no such profile in \(searched.joined(separator: " or ")); check the name, or create it with \(provider == .tencent ? "`tccli configure --profile \(explicit)`" : "`aliyun configure --profile \(explicit)`")")
        }
        return loaded
    }

    /// The file's bytes; nil when it does not exist. A file that exists but cannot be read is an error (exit 2).
    private func read(_ path: String, warnings: inout [CredentialLint.Warning]) throws(SigScopeError) -> [UInt8]? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw SigScopeError(.invalidRequest, "cannot read the credential file: \(String(cString: strerror(errno)))", source: display(path))
        }
        if let warning = CredentialSources.permissionWarning(path, display: display(path)) { warnings.append(warning) }
        do {
            return try Frontend.read(path, limit: 1 << 20)
        } catch {
            throw SigScopeError(error.code, "cannot read the credential file: \(error.reason)", source: display(path))
        }
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
