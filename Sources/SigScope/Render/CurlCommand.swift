/// Renders a signed request as a curl command that sends exactly the signed bytes.
package enum CurlCommand {
    /// A command runnable as printed by `sh` or `bash`.
    ///
    /// - The URL is passed with `--globoff` so curl does not expand `[]{}`.
    /// - Every header that was signed or is needed is set explicitly, so curl adds no
    ///   `Content-Type` of its own; `Expect:` is cleared so large bodies are not delayed, and a
    ///   POST without a body says `Content-Length: 0` (curl would send no length at all).
    /// - The body goes through `--data-binary` (never `-d`, which strips newlines from files), or
    ///   `--data-raw` when it starts with `@`; a body a shell argument cannot hold (NUL bytes,
    ///   invalid UTF-8) is piped in with `printf` and `--data-binary @-`.
    /// - Parameter multiline: put each option on its own line with `\` continuations.
    package static func render(_ request: SentRequest, multiline: Bool = true) -> String {
        var words: [String] = ["curl", "--silent", "--show-error", "--globoff", "--request", request.method, ShellQuote.quote(request.url)]
        var lines: [[String]] = [words]
        for header in request.headers {
            lines.append(["--header", ShellQuote.quote(header.name + ": " + header.value)])
        }
        if !request.body.isEmpty && request.header("Expect") == nil {
            lines.append(["--header", ShellQuote.quote("Expect:")])
        }
        if request.body.isEmpty && request.method == "POST" && request.header("Content-Length") == nil {
            // Without data curl sends a POST with no Content-Length, which some front ends answer with 411.
            lines.append(["--header", ShellQuote.quote("Content-Length: 0")])
        }
        var prefix = ""
        if !request.body.isEmpty {
            if let text = String(validating: request.body, as: UTF8.self), !request.body.contains(0) {
                lines.append([text.hasPrefix("@") ? "--data-raw" : "--data-binary", ShellQuote.quote(text)])
            } else {
                prefix = "printf " + ShellQuote.printfOctal(request.body) + " | "
                lines.append(["--data-binary", "@-"])
            }
        }
        words = lines.flatMap { $0 }
        if multiline {
            return prefix + lines.map { $0.joined(separator: " ") }.joined(separator: " \\\n  ")
        }
        return prefix + words.joined(separator: " ")
    }
}
