/// Reads a curl command line into the request curl would send.
///
/// Understands what people paste: the commands `sigscope curl` prints (including the
/// `printf '…' | curl … --data-binary @-` form for binary bodies), browsers' "Copy as cURL"
/// (bash) from Chrome and Firefox, and hand-written commands. Options that change what is
/// sent (`-X`, `-H`, the `-d` family, `--json`, `-G`, `--url`, `-A`, `-e`, `-b`, `-u`, `-I`)
/// are applied as curl applies them; options that only affect transport or output
/// (`--compressed`, `-s`, `-k`, `-o`, `--max-time`, …) are accepted and ignored.
package enum CurlCommandParser {
    /// Parses a curl command line.
    /// - Parameters:
    ///   - bytes: the command text (may span lines with `\` continuations).
    ///   - source: the file name used in errors.
    /// - Throws: `SigScopeError.invalidCapture` for unbalanced quotes (with line and column),
    ///   no curl command, an unknown option, a missing option argument, or a body read from a
    ///   file the capture does not contain.
    package static func parse(_ bytes: [UInt8], source: String) throws(SigScopeError) -> CapturedRequest {
        var text = bytes
        if text.count >= 3, text[0] == 0xEF, text[1] == 0xBB, text[2] == 0xBF { text.removeFirst(3) }
        // A leading `$ ` shell prompt, as pasted from a terminal or a document.
        if let first = text.firstIndex(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
           first + 1 < text.count, text[first] == UInt8(ascii: "$"), text[first + 1] == 0x20 {
            text[first] = 0x20
        }
        let split = try ShellWords.split(text, source: source)
        let commands = pipelines(split.tokens)
        for pipeline in commands {
            guard let curlIndex = pipeline.firstIndex(where: { stage in isCurl(commandWords(stage).first?.bytes) }) else { continue }
            var stdin: [UInt8]?
            if curlIndex > 0 {
                stdin = try producedOutput(commandWords(pipeline[curlIndex - 1]), source: source)
            }
            var parser = Arguments(words: Array(commandWords(pipeline[curlIndex]).dropFirst()), source: source, stdin: stdin, text: text)
            var captured = try parser.build()
            if !split.literalExpansions.isEmpty {
                let names = Array(Set(split.literalExpansions)).sorted().joined(separator: ", ")
                captured.notes.append("the command contains \(names), which a shell would expand; it was read literally")
            }
            return captured
        }
        throw SigScopeError(.invalidCapture, "no curl command found: the capture looks like a command line but no word of it is `curl`", source: source, line: 1, column: 1)
    }

    // MARK: - Command structure

    struct Word {
        var bytes: [UInt8]
        var location: ShellWords.Location
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// Commands (separated by `;`, `&&`, `||`, `&`, newline), each a pipeline of stages (separated by `|`).
    static func pipelines(_ tokens: [ShellWords.Token]) -> [[[Word]]] {
        var commands: [[[Word]]] = []
        var stages: [[Word]] = []
        var stage: [Word] = []
        func endCommand() {
            if !stage.isEmpty { stages.append(stage) }
            if !stages.isEmpty { commands.append(stages) }
            stage = []
            stages = []
        }
        for token in tokens {
            switch token {
            case .word(let bytes, let location):
                stage.append(Word(bytes: bytes, location: location))
            case .op("|", _):
                stages.append(stage)
                stage = []
            case .op:
                endCommand()
            }
        }
        endCommand()
        return commands
    }

    /// The words of a stage after leading `NAME=value` assignments.
    static func commandWords(_ stage: [Word]) -> [Word] {
        var index = 0
        while index < stage.count {
            let bytes = stage[index].bytes
            guard let eq = bytes.firstIndex(of: UInt8(ascii: "=")), eq > 0,
                  bytes[..<eq].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == UInt8(ascii: "_") }) else { break }
            index += 1
        }
        return Array(stage[index...])
    }

    static func isCurl(_ bytes: [UInt8]?) -> Bool {
        guard let bytes else { return false }
        let name = String(decoding: bytes, as: UTF8.self)
        let base = name.split(separator: "/").last.map(String.init) ?? name
        return base == "curl" || base == "curl.exe"
    }

    /// What `printf FORMAT [ARG…]` or `echo [-n] [-e] WORD…` writes, for `… | curl --data-binary @-`.
    static func producedOutput(_ words: [Word], source: String) throws(SigScopeError) -> [UInt8] {
        guard let command = words.first else { return [] }
        switch command.text {
        case "printf":
            guard words.count >= 2 else {
                throw SigScopeError(.invalidCapture, "printf without a format feeds curl nothing", source: source, line: command.location.line, column: command.location.column)
            }
            return try printf(words[1], arguments: Array(words.dropFirst(2)), source: source)
        case "echo":
            var args = Array(words.dropFirst())
            var newline = true
            var escapes = false
            while let first = args.first, first.text.hasPrefix("-"), first.text.count > 1,
                  first.text.dropFirst().allSatisfy({ $0 == "n" || $0 == "e" || $0 == "E" }) {
                if first.text.contains("n") { newline = false }
                if first.text.contains("e") { escapes = true }
                args.removeFirst()
            }
            var out: [UInt8] = []
            for (i, word) in args.enumerated() {
                if i > 0 { out.append(0x20) }
                out.append(contentsOf: escapes ? backslashEscapes(word.bytes) : word.bytes)
            }
            if newline { out.append(0x0A) }
            return out
        default:
            throw SigScopeError(.invalidCapture, "curl reads its body from `\(command.text)`, whose output sigscope cannot know; put the body in the command with --data-binary '…'",
                                source: source, line: command.location.line, column: command.location.column)
        }
    }

    /// printf's format: backslash escapes, `%%`, and `%s`/`%b` taking the arguments in turn.
    static func printf(_ format: Word, arguments: [Word], source: String) throws(SigScopeError) -> [UInt8] {
        let bytes = format.bytes
        var out: [UInt8] = []
        var argIndex = 0
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\\") {
                var j = i + 1
                var chunk: [UInt8] = [c]
                // One escape: backslash plus its operand, handed to the shared decoder.
                if j < bytes.count {
                    if bytes[j] >= 0x30 && bytes[j] <= 0x37 {
                        var k = 0
                        while j < bytes.count, k < 3, bytes[j] >= 0x30, bytes[j] <= 0x37 { chunk.append(bytes[j]); j += 1; k += 1 }
                    } else {
                        chunk.append(bytes[j])
                        j += 1
                    }
                }
                out.append(contentsOf: backslashEscapes(chunk))
                i = j
            } else if c == UInt8(ascii: "%") {
                guard i + 1 < bytes.count else {
                    throw SigScopeError(.invalidCapture, "printf format ends with a lone %", source: source, line: format.location.line, column: format.location.column)
                }
                let d = bytes[i + 1]
                switch d {
                case UInt8(ascii: "%"):
                    out.append(d)
                case UInt8(ascii: "s"), UInt8(ascii: "b"):
                    if argIndex < arguments.count {
                        out.append(contentsOf: d == UInt8(ascii: "b") ? backslashEscapes(arguments[argIndex].bytes) : arguments[argIndex].bytes)
                        argIndex += 1
                    }
                default:
                    throw SigScopeError(.invalidCapture, "printf directive %\(String(UnicodeScalar(d))) is not supported; feed curl the body with --data-binary '…' instead",
                                        source: source, line: format.location.line, column: format.location.column)
                }
                i += 2
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }

    /// printf/`echo -e` backslash escapes: `\\ \a \b \f \n \r \t \v \"` and octal `\NNN` / `\0NNN`;
    /// with `hex`, also `\xHH` (as a Python bytes literal writes a byte that is not printable).
    /// Nil when `hex` is set and a `\x` is not followed by two hex digits.
    static func backslashEscapes(_ bytes: some Collection<UInt8>, hex: Bool) -> [UInt8]? {
        let bytes = Array(bytes)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count else {
                out.append(bytes[i])
                i += 1
                continue
            }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "'"): out.append(0x27)
            case UInt8(ascii: "x") where hex:
                guard i + 1 < bytes.count, let high = Hex.value(bytes[i]), let low = Hex.value(bytes[i + 1]) else { return nil }
                out.append(high << 4 | low)
                i += 2
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(e - 0x30)
                var count = 1
                let limit = e == UInt8(ascii: "0") ? 4 : 3
                while count < limit, i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x37 {
                    value = value * 8 + Int(bytes[i] - 0x30)
                    i += 1
                    count += 1
                }
                out.append(UInt8(truncatingIfNeeded: value))
            default:
                out.append(0x5C)
                out.append(e)
            }
        }
        return out
    }

    /// printf/`echo -e` backslash escapes (see `backslashEscapes(_:hex:)`).
    static func backslashEscapes(_ bytes: [UInt8]) -> [UInt8] {
        backslashEscapes(bytes, hex: false) ?? bytes
    }

    // MARK: - Options

    enum DataKind { case ascii, binary, raw, urlencode, json }

    enum Action {
        case method
        case header
        case data(DataKind)
        case url
        case get
        case head
        case userAgent
        case referer
        case cookie
        case user
        case compressed
        case unsupported(String)
        case ignoreWithArgument
        case ignore
    }

    struct Option {
        let names: [String]
        let action: Action
        var takesArgument: Bool {
            switch action {
            case .method, .header, .data, .url, .userAgent, .referer, .cookie, .user, .ignoreWithArgument: return true
            case .unsupported(let why): return !why.hasPrefix("flag:")
            case .get, .head, .compressed, .ignore: return false
            }
        }
    }

    static let options: [Option] = [
        Option(names: ["-X", "--request"], action: .method),
        Option(names: ["-H", "--header"], action: .header),
        Option(names: ["-d", "--data"], action: .data(.ascii)),
        Option(names: ["--data-ascii"], action: .data(.ascii)),
        Option(names: ["--data-binary"], action: .data(.binary)),
        Option(names: ["--data-raw"], action: .data(.raw)),
        Option(names: ["--data-urlencode"], action: .data(.urlencode)),
        Option(names: ["--json"], action: .data(.json)),
        Option(names: ["--url"], action: .url),
        Option(names: ["-G", "--get"], action: .get),
        Option(names: ["-I", "--head"], action: .head),
        Option(names: ["-A", "--user-agent"], action: .userAgent),
        Option(names: ["-e", "--referer"], action: .referer),
        Option(names: ["-b", "--cookie"], action: .cookie),
        Option(names: ["-u", "--user"], action: .user),
        Option(names: ["--compressed"], action: .compressed),
        Option(names: ["-F", "--form"], action: .unsupported("multipart forms (-F) are not supported: their boundary is random, so the bytes sent cannot be known from the command")),
        Option(names: ["--form-string"], action: .unsupported("multipart forms (--form-string) are not supported: their boundary is random")),
        Option(names: ["-T", "--upload-file"], action: .unsupported("the body is uploaded from a file (-T) the capture does not contain")),
        Option(names: ["-K", "--config"], action: .unsupported("options read from a config file (-K) are not in the capture")),
        Option(names: ["--url-query"], action: .unsupported("--url-query is not supported; put the query in the URL")),
        Option(names: ["--variable", "--expand-url", "--expand-header", "--expand-data"], action: .unsupported("curl variables are not supported; expand them first")),
        // Options that take an argument but do not change the request's bytes.
        Option(names: ["-o", "--output", "-m", "--max-time", "--connect-timeout", "-w", "--write-out", "--retry", "--retry-delay", "--retry-max-time",
                       "-x", "--proxy", "-U", "--proxy-user", "--resolve", "--connect-to", "--cacert", "--capath", "-E", "--cert", "--key", "--cert-type",
                       "--key-type", "--pass", "-c", "--cookie-jar", "--limit-rate", "-D", "--dump-header", "--max-redirs", "--interface", "--trace",
                       "--trace-ascii", "--stderr", "--ciphers", "--tls13-ciphers", "--dns-servers", "--local-port", "-y", "--speed-time", "-Y", "--speed-limit",
                       "--keepalive-time", "--expect100-timeout", "--happy-eyeballs-timeout-ms", "--unix-socket", "--abstract-unix-socket", "--proto",
                       "--proto-redir", "--noproxy", "--preproxy", "--pinnedpubkey", "--max-filesize", "--output-dir", "--proxy-header", "--socks5",
                       "--socks5-hostname", "--socks4", "--socks4a", "--proxy-cacert", "--proxy-cert", "--proxy-key", "--tls-max", "--curves",
                       "--sslv2", "--sslv3", "--etag-save", "--etag-compare", "-z", "--time-cond", "-r", "--range", "-C", "--continue-at",
                       "--netrc-file", "--engine", "--random-file", "--egd-file", "--oauth2-bearer", "--aws-sigv4", "--dns-interface",
                       "--dns-ipv4-addr", "--dns-ipv6-addr", "--retry-all-errors-max", "--parallel-max", "--rate"],
               action: .ignoreWithArgument),
        // Flags that do not change the request's bytes.
        Option(names: ["-s", "--silent", "-S", "--show-error", "-g", "--globoff", "-k", "--insecure", "-L", "--location", "--location-trusted",
                       "-v", "--verbose", "-i", "--include", "-f", "--fail", "--fail-with-body", "--fail-early", "-N", "--no-buffer", "-#", "--progress-bar",
                       "-q", "--disable", "-0", "--http1.0", "--http1.1", "--http2", "--http2-prior-knowledge", "--http3", "--http3-only", "--http0.9",
                       "--no-progress-meter", "--raw", "--tr-encoding", "-4", "--ipv4", "-6", "--ipv6", "--ssl-no-revoke", "--path-as-is", "--no-keepalive",
                       "--tcp-nodelay", "--tcp-fastopen", "--no-alpn", "--no-npn", "--no-sessionid", "--ssl", "--ssl-reqd", "--ssl-allow-beast", "--styled-output",
                       "--trace-time", "--create-dirs", "-O", "--remote-name", "-J", "--remote-header-name", "-R", "--remote-time", "--retry-connrefused",
                       "--retry-all-errors", "-Z", "--parallel", "--parallel-immediate", "-n", "--netrc", "--netrc-optional", "-a", "--append", "-l", "--list-only",
                       "-B", "--use-ascii", "-j", "--junk-session-cookies", "-p", "--proxytunnel", "--anyauth", "--basic", "--digest", "--ntlm", "--negotiate",
                       "--proxy-anyauth", "--proxy-basic", "--proxy-digest", "--proxy-ntlm", "--proxy-insecure", "-1", "--tlsv1", "--tlsv1.0", "--tlsv1.1",
                       "--tlsv1.2", "--tlsv1.3", "-2", "-3", "--false-start", "--cert-status", "--doh-insecure", "--suppress-connect-headers", "--compressed-ssh",
                       "--ignore-content-length", "--crlf", "--manual", "--styled-output", "--xattr", "--no-clobber", "--remove-on-error", "--metalink"],
               action: .ignore),
    ]

    static func option(named name: String) -> Option? {
        options.first(where: { $0.names.contains(name) })
    }

    /// Applies curl's options in order and builds the request.
    struct Arguments {
        let words: [Word]
        let source: String
        let stdin: [UInt8]?
        let text: [UInt8]

        var method: String?
        var urls: [Word] = []
        var headers: [(name: String, value: String?, location: ShellWords.Location)] = []
        var data: [[UInt8]] = []
        var get = false
        var head = false
        var json = false
        var compressed = false
        var notes: [String] = []
        var stdinUsed = false

        init(words: [Word], source: String, stdin: [UInt8]?, text: [UInt8]) {
            self.words = words
            self.source = source
            self.stdin = stdin
            self.text = text
        }

        func error(_ reason: String, at word: Word) -> SigScopeError {
            SigScopeError(.invalidCapture, reason, source: source, line: word.location.line, column: word.location.column)
        }

        mutating func build() throws(SigScopeError) -> CapturedRequest {
            var index = 0
            var optionsEnded = false
            while index < words.count {
                let word = words[index]
                let arg = word.text
                index += 1
                if optionsEnded || !arg.hasPrefix("-") || arg == "-" {
                    urls.append(word)
                    continue
                }
                if arg == "--" {
                    optionsEnded = true
                    continue
                }
                if arg.hasPrefix("--") {
                    var name = arg
                    var inline: Word?
                    if let eq = arg.firstIndex(of: "="), CurlCommandParser.option(named: String(arg[..<eq])) != nil {
                        // Not curl syntax, but unambiguous and common in hand-written commands.
                        name = String(arg[..<eq])
                        inline = Word(bytes: Array(arg[arg.index(after: eq)...].utf8), location: word.location)
                    }
                    guard let option = CurlCommandParser.option(named: name) ?? negated(name) else {
                        throw error("unknown curl option \(name); sigscope reads the options that change the request (-X, -H, -d, --data-*, --json, -G, --url, -A, -e, -b, -u) and ignores transport ones", at: word)
                    }
                    var value: Word?
                    if option.takesArgument {
                        if let inline {
                            value = inline
                        } else {
                            guard index < words.count else { throw error("curl option \(name) needs an argument", at: word) }
                            value = words[index]
                            index += 1
                        }
                    }
                    try apply(option, name: name, value: value, at: word)
                    continue
                }
                // A cluster of short options: -sSL, -XPOST, -H'…'.
                let chars = Array(arg.dropFirst())
                var k = 0
                while k < chars.count {
                    let name = "-" + String(chars[k])
                    guard let option = CurlCommandParser.option(named: name) else {
                        throw error("unknown curl option \(name) in \(arg)", at: word)
                    }
                    k += 1
                    if option.takesArgument {
                        var value: Word
                        if k < chars.count {
                            let restText = String(chars[k...])
                            value = Word(bytes: Array(restText.utf8), location: word.location)
                            // Keep exact bytes when the attached argument is not valid UTF-8.
                            let prefixBytes = Array(("-" + String(chars[..<k])).utf8)
                            if word.bytes.count >= prefixBytes.count { value.bytes = Array(word.bytes[prefixBytes.count...]) }
                        } else {
                            guard index < words.count else { throw error("curl option \(name) needs an argument", at: word) }
                            value = words[index]
                            index += 1
                        }
                        try apply(option, name: name, value: value, at: word)
                        break
                    }
                    try apply(option, name: name, value: nil, at: word)
                }
            }
            return try request()
        }

        /// `--no-FLAG` switches a boolean flag off; it never changes the request.
        func negated(_ name: String) -> Option? {
            guard name.hasPrefix("--no-") else { return nil }
            let positive = "--" + name.dropFirst(5)
            guard let option = CurlCommandParser.option(named: positive), !option.takesArgument else { return nil }
            return Option(names: [name], action: .ignore)
        }

        mutating func apply(_ option: Option, name: String, value: Word?, at word: Word) throws(SigScopeError) {
            switch option.action {
            case .method:
                method = value?.text
            case .header:
                guard let value else { return }
                try addHeader(value)
            case .data(let kind):
                guard let value else { return }
                data.append(try dataBytes(kind, value, option: name))
                if kind == .json { json = true }
            case .url:
                if let value { urls.append(value) }
            case .get:
                get = true
            case .head:
                head = true
            case .userAgent:
                if let value { headers.append(("User-Agent", value.text, value.location)) }
            case .referer:
                if let value { headers.append(("Referer", value.text.replacingOccurrences(of: ";auto", with: ""), value.location)) }
            case .cookie:
                if let value, value.text.contains("=") { headers.append(("Cookie", value.text, value.location)) }
            case .user:
                if let value { headers.append(("Authorization", "Basic " + Base64.encode(value.bytes), value.location)) }
            case .compressed:
                compressed = true
            case .unsupported(let why):
                throw error(why, at: word)
            case .ignoreWithArgument, .ignore:
                break
            }
        }

        mutating func addHeader(_ value: Word) throws(SigScopeError) {
            let text = value.text
            if text.hasPrefix("@") {
                throw error("headers read from a file (-H @file) are not in the capture; write them into the command", at: value)
            }
            if let colon = text.firstIndex(of: ":") {
                let name = String(text[..<colon]).trimmingASCIIWhitespace()
                let rest = String(text[text.index(after: colon)...]).trimmingASCIIWhitespace()
                guard !name.isEmpty else { throw error("header \"\(text)\" has no name", at: value) }
                // `Name:` with nothing after removes a header curl would add.
                headers.append((name, rest.isEmpty ? nil : rest, value.location))
            } else if text.hasSuffix(";") {
                // `Name;` sends the header with an empty value.
                headers.append((String(text.dropLast()).trimmingASCIIWhitespace(), "", value.location))
            } else {
                throw error("header \"\(text)\" has no colon; write it as \"Name: value\"", at: value)
            }
        }

        mutating func dataBytes(_ kind: DataKind, _ value: Word, option: String) throws(SigScopeError) -> [UInt8] {
            let bytes = value.bytes
            switch kind {
            case .raw:
                return bytes
            case .ascii, .binary, .json:
                guard bytes.first == UInt8(ascii: "@") else { return bytes }
                let file = String(decoding: bytes.dropFirst(), as: UTF8.self)
                guard file == "-", let stdin else {
                    throw error("\(option) @\(file) reads the body from a file the capture does not contain; use --data-binary '…' with the body itself", at: value)
                }
                stdinUsed = true
                // -d and --data-ascii strip carriage returns and newlines from what they read.
                return kind == .ascii ? stdin.filter { $0 != 0x0A && $0 != 0x0D } : stdin
            case .urlencode:
                // curl: "content", "=content", "name=content", "@file", "name@file".
                if let eq = bytes.firstIndex(of: UInt8(ascii: "=")), !bytes[..<eq].contains(UInt8(ascii: "@")) {
                    let name = Array(bytes[..<eq])
                    let content = Array(bytes[(eq + 1)...])
                    return (name.isEmpty ? [] : name + [UInt8(ascii: "=")]) + CurlCommandParser.curlEscape(content)
                }
                if bytes.contains(UInt8(ascii: "@")) {
                    throw error("\(option) reads a file the capture does not contain; put the value in the command", at: value)
                }
                return CurlCommandParser.curlEscape(bytes)
            }
        }

        func request() throws(SigScopeError) -> CapturedRequest {
            guard let urlWord = urls.first else {
                throw SigScopeError(.invalidCapture, "the curl command has no URL", source: source, line: 1, column: 1)
            }
            var notes = self.notes
            if urls.count > 1 {
                notes.append("the command names \(urls.count) URLs; the first, \(urlWord.text), was used")
            }
            guard let url = URLParts.parse(urlWord.text, defaultScheme: "http") else {
                throw error("cannot read the URL \"\(urlWord.text)\"", at: urlWord)
            }
            var query = url.query
            var body: [UInt8] = []
            let joined = joinData()
            let hasData = !data.isEmpty
            if get && hasData {
                let extra = String(decoding: joined, as: UTF8.self)
                query = query.isEmpty ? extra : query + "&" + extra
            } else {
                body = joined
            }
            let method = self.method ?? (head ? "HEAD" : (hasData && !get ? "POST" : "GET"))

            // Headers curl adds itself, unless the command sets or removes them.
            var defaults: [HTTPHeader] = [HTTPHeader("Host", url.authority), HTTPHeader("Accept", json ? "application/json" : "*/*")]
            if hasData && !get {
                defaults.append(HTTPHeader("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded"))
            }
            if compressed {
                defaults.append(HTTPHeader("Accept-Encoding", "deflate, gzip, br, zstd"))
            }
            var sent: [HTTPHeader] = []
            for header in defaults where !headers.contains(where: { $0.name.lowercased() == header.name.lowercased() }) {
                sent.append(header)
            }
            for header in headers {
                guard let value = header.value else { continue }
                sent.append(HTTPHeader(header.name, value))
            }
            if !headers.contains(where: { $0.name.lowercased() == "user-agent" }) {
                notes.append("curl also sends its own User-Agent (curl/VERSION), which is not in the command")
            }
            if stdin != nil && !stdinUsed {
                notes.append("the command's standard input is never read (no @- argument)")
            }
            let host = sent.first(where: { $0.name.lowercased() == "host" })?.value ?? url.authority
            let request = SentRequest(method: method, scheme: url.scheme, host: host, path: url.path, query: query, headers: sent, body: body)
            return CapturedRequest(request: request, format: .curl, notes: notes.map(SigScopeMessage.init(verbatim:)))
        }

        func joinData() -> [UInt8] {
            var out: [UInt8] = []
            for (i, part) in data.enumerated() {
                if i > 0 { out.append(UInt8(ascii: "&")) }
                out.append(contentsOf: part)
            }
            return out
        }
    }

    /// `--data-urlencode`'s encoding, as curl 7.88 applies it: `A-Z a-z 0-9 - . _ ~` kept,
    /// space as `+`, every other byte `%XX` in uppercase hex.
    static func curlEscape(_ bytes: [UInt8]) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in bytes {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(b)
            case 0x20:
                out.append(UInt8(ascii: "+"))
            default:
                out.append(UInt8(ascii: "%"))
                out.append(digits[Int(b >> 4)])
                out.append(digits[Int(b & 0xF)])
            }
        }
        return out
    }
}
