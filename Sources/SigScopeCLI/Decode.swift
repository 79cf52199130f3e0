import ArgumentParser
import SigScope

struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decode a captured response or error body into a typed result or a typed API error.",
        discussion: """
        RESPONSE may be a bare body (JSON or XML), a full HTTP response as `curl -i` prints it \
        (several header blocks, chunked transfer coding and a charset are handled), a HAR 1.2 \
        file, a `curl -v` transcript (`curl -sv … 2>&1`, progress meter and all), or an SDK's \
        debug log (the Tencent Cloud Python SDK's GetResponse record, the Alibaba Cloud core \
        SDK's DEBUG=sdk response). The provider and action are inferred from the HAR entry's request or from \
        the body; --provider and --action override them.

        CreateNetworkInterface decodes through typed models (Tencent's NetworkInterface; \
        Alibaba's response with its wrapped lists unwrapped, integers and booleans typed also \
        from XML). Any other action decodes generically. An API error shows its code with the \
        offline catalog's meaning, category, whether a retry can help, and a hint; for Alibaba \
        signature errors, the server's string-to-sign.

        XML is read with libxml2, hardened: a DOCTYPE is refused outright, nothing is ever \
        loaded from a file or the network, and size (32 MiB) and depth (256) are bounded.

        Exit codes: 0 success response · 1 API error · 2 input that cannot be decoded · \
        64 wrong usage.

        Examples:
          sigscope decode response.json
          curl -si ... | sigscope decode -
          curl -sv ... 2>&1 | sigscope decode -
          sigscope decode session.har --entry 3 --format json
        """
    )

    @Argument(help: ArgumentHelp("The captured response: a body, an HTTP response (curl -i) or a HAR file; - reads standard input.", valueName: "RESPONSE"))
    var responseFile: String

    @Option(name: .long(.provider), help: "The provider, instead of inferring it.")
    var provider: Provider?

    @Option(name: .long(.action), help: "The API action (e.g. CreateNetworkInterface), instead of inferring it.")
    var action: String?

    @Option(name: .long(.entry), help: ArgumentHelp("For a HAR file: the entry to decode, 0-based (default: the first entry sent to a Tencent Cloud or Alibaba Cloud API).", valueName: "N"))
    var entry: Int?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let problem = settings.problem { throw ValidationError(problem) }
    }

    private var settings: DecodeSettings {
        DecodeSettings(responseFile: responseFile, provider: provider, action: action, entry: entry, format: output.format)
    }

    func run() throws {
        try Frontend.guarded { () throws(SigScopeError) -> Int32 in
            try settings.run()
        }
    }
}

/// What `decode` was asked for, as argument-parser or `FastPath` read it.
struct DecodeSettings {
    var responseFile: String
    var provider: Provider? = nil
    var action: String? = nil
    var entry: Int? = nil
    var format: OutputFormat

    /// Why argument-parser refuses these values (before reading anything), or nil: `FastPath`
    /// leaves such a command line to it.
    var problem: String? {
        if let entry, entry < 0 { return "--entry must be 0 or more (entries are numbered from 0)" }
        if let action, action.allSatisfy({ $0 == " " }) { return "--action must not be empty" }
        return nil
    }

    /// Decodes and prints; the process ends here with the decoded response's status.
    func run() throws(SigScopeError) -> Int32 {
        let source = responseFile == "-" ? "<stdin>" : responseFile
        let limits = ResponseLimits.standard
        let bytes: [UInt8]
        do throws(SigScopeError) {
            bytes = try Frontend.read(responseFile, limit: limits.maxBytes)
        } catch where error.code == .limitExceeded {
            throw SigScopeError(.limitExceeded, "larger than the limit of \(limits.maxBytes) bytes (\(limits.maxBytes >> 20) MiB) for a response; refused without reading the rest", source: source)
        }
        let decoded = Wording.worded(try Frontend.naming(source) { () throws(SigScopeError) in try ResponseDecoder.decode(bytes, provider: provider, action: action, entry: entry, limits: limits, source: source) })
        switch format {
        case .text:
            Frontend.writeReport(decoded.report(style: Frontend.style))
        case .json:
            // Written out a mebibyte at a time as it is rendered: no String copies, no whole document in memory.
            JSONWriter.pretty.write(Frontend.versioned(decoded.json), chunkSize: 1 << 20) { Frontend.writeBytes($0) }
            Frontend.writeOut("\n")
        }
        // A large response leaves a large tree; the process ends here, so exit without taking it apart.
        Frontend.exitNow(decoded.exitStatus)
    }
}
