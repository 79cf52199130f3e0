import ArgumentParser
import SigScope
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The executable's I/O: files, standard streams, environment, clock, randomness and exit codes.
/// The library does none of these.
enum Frontend {
    /// The largest file sigscope reads (a saved response of many thousands of ENIs fits well inside).
    static let maxInputBytes = 64 << 20

    /// Whether `read("-")` has read standard input already (one process, one read).
    private nonisolated(unsafe) static var stdinRead = false

    /// The error for `-` given to two inputs: a second read would find the stream empty.
    static let stdinTwice = SigScopeError(.invalidOption, "standard input (-) is given for two inputs (the request, a --context file, a key or body file), but it can be read only once; save all but one of them to files")

    /// Reads `path` (`-` for standard input), refusing more than `limit` bytes.
    static func read(_ path: String, limit: Int = maxInputBytes) throws(SigScopeError) -> [UInt8] {
        let display = path == "-" ? "<stdin>" : path
        let file: UnsafeMutablePointer<FILE>?
        if path == "-" {
            // A second `-` would read an empty stream and blame the input for being empty.
            if stdinRead { throw stdinTwice }
            stdinRead = true
            file = stdin
        } else {
            let fd = try openDescriptor(path)
            file = fdopen(fd, "rb")
            if file == nil { close(fd) }
        }
        guard let file else {
            let reason = String(cString: strerror(errno))
            throw SigScopeError(.invalidRequest, "cannot open: \(reason)", source: display)
        }
        defer { if path != "-" { fclose(file) } }
        var data: [UInt8] = []
        // A regular file's size is known: read it straight into one buffer of that size.
        var info = stat()
        if fstat(fileno(file), &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 {
            let size = Int(info.st_size)
            if size > limit {
                throw SigScopeError(.limitExceeded, "larger than the limit of \(limit) bytes", source: display)
            }
            data = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                count = fread(buffer.baseAddress, 1, size, file)
            }
            if ferror(file) != 0 {
                throw SigScopeError(.invalidRequest, "read error: \(String(cString: strerror(errno)))", source: display)
            }
            if data.count == size {
                let next = fgetc(file)
                if next == EOF, ferror(file) == 0 { return data }
                // The file grew while being read: keep that byte and read the rest below.
                if next != EOF { data.append(UInt8(truncatingIfNeeded: next)) }
            }
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
                if data.count > limit {
                    throw SigScopeError(.limitExceeded, "larger than the limit of \(limit) bytes", source: display)
                }
            }
            if count < buffer.count {
                if ferror(file) != 0 {
                    throw SigScopeError(.invalidRequest, "read error: \(String(cString: strerror(errno)))", source: display)
                }
                break
            }
        }
        return data
    }

    /// A file descriptor open for reading `path` (`-`: standard input's).
    /// - Throws: `.invalidRequest` naming the file when it is a directory or cannot be opened.
    static func openDescriptor(_ path: String) throws(SigScopeError) -> Int32 {
        if path == "-" { return STDIN_FILENO }
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw SigScopeError(.invalidRequest, "is a directory, not a file", source: path)
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw SigScopeError(.invalidRequest, "cannot open: \(String(cString: strerror(errno)))", source: path)
        }
        return fd
    }

    /// Reads from `fd` as a `BatchReader` source: read(2), retried when interrupted, minus the
    /// errno on failure.
    static func readSource(_ fd: Int32) -> (UnsafeMutableRawBufferPointer) -> Int {
        { buffer in
            while true {
                let n = systemRead(fd, buffer.baseAddress, buffer.count)
                if n >= 0 { return n }
                if errno != EINTR { return -Int(errno) }
            }
        }
    }

    /// Initialises libcrypto for this process before its first use (the library never does; see
    /// `CryptoSetup`). OpenSSL reads its configuration file (`openssl.cnf`) on first use unless
    /// told not to; reading and applying it is about an eighth of a one-shot `sigscope sign`.
    /// sigscope only hashes and MACs (SHA-1, SHA-256, HMAC), whose results no configuration can
    /// change, and the system file is mostly TLS policy, which does not apply. So the file is
    /// read only where it can matter: when `OPENSSL_CONF` names one (the user asked for it), or
    /// when the kernel runs in FIPS mode, where the configuration selects the FIPS provider that
    /// must compute every hash. A failure here is met again, and reported, at the first signature.
    static func startCrypto() {
        let load = cryptoLoadsConfiguration(opensslConf: env("OPENSSL_CONF"), fipsEnabled: firstBytes(of: "/proc/sys/crypto/fips_enabled"))
        _ = CryptoSetup.startForExecutable(loadConfiguration: load)
    }

    /// Whether libcrypto reads its configuration file, from what the environment says.
    static func cryptoLoadsConfiguration(opensslConf: String?, fipsEnabled: String?) -> Bool {
        if let opensslConf, !opensslConf.isEmpty { return true }
        return fipsEnabled?.first == "1"
    }

    /// The first few bytes of a small file, nil when it cannot be read.
    private static func firstBytes(of path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 8)
        let count = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    /// An environment variable, nil when unset or empty.
    static func env(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let s = String(cString: value)
        return s.isEmpty ? nil : s
    }

    /// The current time, whole seconds.
    static func now() -> Timestamp {
        Timestamp(unixSeconds: Int64(time(nil)))
    }

    /// A fresh nonce: a random positive integer for Tencent v1, 32 random hex digits otherwise
    /// (as the Alibaba SDKs send).
    static func randomNonce(for algorithm: SignatureAlgorithm, from random: inout RandomPool) -> String {
        switch algorithm {
        case .hmacSHA1, .hmacSHA256:
            while true {
                let value = random.next(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                if value != 0 { return String(value) }
            }
        default:
            return Hex.encode(random.next(16))
        }
    }

    /// Random bytes from the kernel (/dev/urandom), read 4 KiB at a time: a batch needs a nonce
    /// per request, and drawing each on its own costs a system call. Each batch worker has its own.
    struct RandomPool {
        private var pool = [UInt8](repeating: 0, count: 4096)
        private var used = 4096

        /// The next `count` (at most 4096) unused random bytes.
        mutating func next(_ count: Int) -> ArraySlice<UInt8> {
            if used + count > pool.count { refill() }
            defer { used += count }
            return pool[used..<(used + count)]
        }

        private mutating func refill() {
            pool.withUnsafeMutableBytes { buffer in
                var filled = 0
                if let urandom = fopen("/dev/urandom", "rb") {
                    filled = fread(buffer.baseAddress, 1, buffer.count, urandom)
                    fclose(urandom)
                }
                // Should the kernel refuse, the standard generator fills the rest.
                var generator = SystemRandomNumberGenerator()
                while filled < buffer.count {
                    buffer[filled] = UInt8.random(in: .min ... .max, using: &generator)
                    filled += 1
                }
            }
            used = 0
        }
    }

    /// The provider's spelling of the key id and secret key options (both spellings are accepted everywhere).
    static func credentialOptions(for provider: Provider) -> (id: String, key: String) {
        switch provider {
        case .tencent: return ("--secret-id", "--secret-key")
        case .aliyun: return ("--access-key-id", "--access-key-secret")
        }
    }

    /// Refuses an empty secret key, given (`--secret-key ""`, an unset `"$VAR"`) or in the environment:
    /// signing or verifying with an empty key only ever gives a wrong signature.
    static func refuseEmptySecret(_ given: String?, option: String, variable: String) throws(SigScopeError) {
        if let given {
            if given.isEmpty {
                throw SigScopeError(.invalidOption, "\(option) is empty: a secret key is never empty (was it \"$VARIABLE\" of a variable that is not set?); give the key, or leave \(option) out to read \(variable)")
            }
        } else if let value = getenv(variable), value.pointee == 0 {
            throw SigScopeError(.missingInput, "\(variable) is set but empty: a secret key is never empty; set it to the key, or pass \(option)")
        }
    }

    /// Credentials for `provider`: options, then the environment, then the providers' profile
    /// files, as `CredentialSources` resolves them for every command (for callers that need
    /// neither the sources nor the warnings).
    /// - Throws: `.missingInput` when the secret key or id is nowhere to be found; the errors of
    ///   an unreadable or malformed profile file.
    static func credentials(for provider: Provider, secretId: String?, secretKey: String?, token: String?) throws(SigScopeError) -> Credentials {
        try CredentialSources(provider: provider, given: CredentialSources.Given(secretId: secretId, secretKey: secretKey, token: token))
            .resolve().credentials(provider: provider)
    }

    /// The secret key for `provider`, resolved as `credentials(for:…)` does.
    static func secretKey(for provider: Provider, given: String?) throws(SigScopeError) -> SecretKey {
        try CredentialSources(provider: provider, given: CredentialSources.Given(secretKey: given)).resolve(keyOnly: true).secretKey
    }

    /// Colour only on a terminal, and never when NO_COLOR is set.
    static var colorEnabled: Bool {
        isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil
    }

    static var style: Style { Style(enabled: colorEnabled) }

    /// Colour for standard error: only on a terminal, and never when NO_COLOR is set.
    static var errorStyle: Style { Style(enabled: isatty(STDERR_FILENO) == 1 && getenv("NO_COLOR") == nil) }

    static func writeOut(_ text: String) {
        fputs(text, stdout)
    }

    /// Writes a text report (not a shell command, not JSON) with every control character from
    /// the input escaped; the report's own colours stay (see `TerminalText`).
    static func writeReport(_ text: String) {
        writeOut(TerminalText.escapingControls(keepingColors: text))
    }

    /// Flushes the standard streams and ends the process with `status` at once.
    static func exitNow(_ status: Int32) -> Never {
        fflush(stdout)
        fflush(stderr)
        // No exit handlers: libcrypto's would free every algorithm it loaded (a fifth of a one-shot's time), and the process is ending.
        _exit(status)
    }

    /// Writes bytes to standard output as they are.
    static func writeBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = fwrite(bytes.baseAddress, 1, bytes.count, stdout)
    }

    static func writeError(_ text: String) {
        fputs(text, stderr)
    }

    /// The version of the JSON documents `--format json` prints (their keys only ever grow).
    static let schemaVersion = 1

    /// True when the command line asked for `--format json`: errors then also go to standard
    /// output as `{"schemaVersion", "error": {"code", "message", "location"}}`. Set once in
    /// `main`, before any command runs.
    nonisolated(unsafe) static var jsonErrors = false

    /// Whether `arguments` ask for JSON output (`--format json` or `--format=json`, before any `--`).
    static func asksForJSON(_ arguments: [String]) -> Bool {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let word = arguments[index]
            if word == "--" { return false }
            if word == "--format=json" { return true }
            if word == "--format", index + 1 < arguments.endIndex, arguments[index + 1] == "json" { return true }
            index += 1
        }
        return false
    }

    /// Prints `error` to standard error (and, for `--format json`, as a JSON error object to
    /// standard output) and returns the exit code it maps to: 64 for usage, 2 for input.
    static func fail(_ error: SigScopeError) -> ExitCode {
        var location: JSONValue = .null
        if let source = error.source ?? error.locatingSubject.map(Wording.flag) {
            var place: JSONObject = ["input": .string(source)]
            if let line = error.line { place["line"] = .number(String(line)) }
            if let column = error.column { place["column"] = .number(String(column)) }
            location = .object(place)
        }
        report(message: Wording.description(error), code: error.code.rawValue, reason: Wording.reason(error), location: location,
               detail: error.isUsageError ? usageHint(CommandLine.arguments) : "")
        return ExitCode(error.isUsageError ? 64 : 2)
    }

    /// What follows a usage error sigscope itself found (argument-parser's own errors carry its
    /// usage line): where the command's options are explained.
    static func usageHint(_ arguments: [String]) -> String {
        let names = SigScopeCLI.configuration.subcommands.map { $0._commandName }
        guard arguments.count > 1, names.contains(arguments[1]) else { return "  See 'sigscope --help' for the commands.\n" }
        return "  See 'sigscope \(arguments[1]) --help' for its options and examples.\n"
    }

    /// Every error message ends here: `sigscope: error: MESSAGE` on standard error, with any
    /// control character from the input escaped (see `TerminalText`), and the JSON error object
    /// on standard output when JSON was asked for. `detail` (argument-parser's usage line)
    /// follows the message on standard error.
    static func report(message: String, code: String, reason: String, location: JSONValue, detail: String = "") {
        writeError("sigscope: error: " + TerminalText.escapingControls(message) + "\n" + TerminalText.escapingControls(detail))
        if jsonErrors {
            let document: JSONValue = .object([
                "schemaVersion": .number(String(schemaVersion)),
                "error": .object(["code": .string(code), "message": .string(reason), "location": location]),
            ])
            // One line, so it also ends a --batch stream of JSON Lines readably.
            writeOut(JSONWriter.compact.string(document) + "\n")
        }
    }

    /// An argument-parser error (unknown option, bad value, missing argument), worded as every
    /// other error: `sigscope: error: …`, then its usage line; code `usage` in JSON.
    static func reportUsage(_ fullMessage: String) {
        var lines = fullMessage.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var message = lines.isEmpty ? "" : lines.removeFirst()
        if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
        var detail = lines.joined(separator: "\n")
        if !detail.isEmpty && !detail.hasSuffix("\n") { detail += "\n" }
        report(message: message, code: "usage", reason: message, location: .null, detail: detail)
    }

    /// Runs `body` for the input `source`: an input error that names no file gets `source`, so
    /// every exit-2 message says which input it is about.
    static func naming<T>(_ source: String, _ body: () throws(SigScopeError) -> T) throws(SigScopeError) -> T {
        do {
            return try body()
        } catch {
            var named = error
            if named.source == nil && named.locatingSubject == nil && !named.isUsageError { named.source = source }
            throw named
        }
    }

    /// `report` with every path and message made safe for a terminal (standard error is one).
    static func safe(_ report: ValidationReport) -> ValidationReport {
        var safe = report
        for i in safe.violations.indices {
            safe.violations[i].path = TerminalText.escapingControls(safe.violations[i].path)
            safe.violations[i].message = TerminalText.escapingControls(Wording.words(safe.violations[i].text))
        }
        for i in safe.warnings.indices {
            safe.warnings[i].path = TerminalText.escapingControls(safe.warnings[i].path)
            safe.warnings[i].message = TerminalText.escapingControls(Wording.words(safe.warnings[i].text))
        }
        return safe
    }

    /// `object` with `schemaVersion` added (every JSON document of a single command carries it).
    static func versioned(_ json: JSONValue) -> JSONValue {
        guard case .object(var object) = json else { return json }
        object["schemaVersion"] = .number(String(schemaVersion))
        return .object(object)
    }

    /// Runs `body`, turning a `SigScopeError` into its message and exit code.
    static func guarded(_ body: () throws(SigScopeError) -> Int32) throws {
        let code: Int32
        do {
            code = try body()
        } catch {
            fflush(stdout)
            throw fail(error)
        }
        fflush(stdout)
        if code != 0 { throw ExitCode(code) }
    }
}

/// read(2), under a name `Frontend.read` does not hide.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
