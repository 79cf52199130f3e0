import ArgumentParser
import Dispatch
import SigScope
import SigScopeServe
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a local endpoint that verifies every request a real client sends and answers like the provider.",
        discussion: """
        Point an SDK, tccli, the aliyun CLI, Terraform or curl at http://127.0.0.1:PORT. Tencent \
        requests (TC3, v1) and Alibaba requests (RPC GET and POST form, ACS3) share the port and \
        are told apart by their signature. Each request is verified with the same code as \
        `sigscope verify` (signature, 5 / 15 minute timestamp window against this machine's \
        clock, key id, token; the TC3 scope service is the emulated product's, --service), \
        validated, and then carried out: CreateNetworkInterface (a fresh ENI id, the planned \
        IPs, kept in the session's state), DescribeNetworkInterfaces, DeleteNetworkInterface, and \
        the Describe* calls whose saved answers --context gives. A refused request gets the \
        provider's own error envelope, status and code (so SDKs raise their usual exceptions), \
        the finding codes in the X-Sigscope-Findings header, and one line on standard error.

        The secret is used for verifying only and is never printed, logged or recorded. Without \
        --secret-key, each provider's key comes from TENCENTCLOUD_SECRET_KEY / \
        ALIBABA_CLOUD_ACCESS_KEY_SECRET (ids and tokens likewise); a provider with no key has \
        its requests refused as an unknown key.

        Listens on 127.0.0.1 unless --listen names another address. SIGINT or SIGTERM stops it \
        and completes --log and --har. See docs/serve.md for each SDK's endpoint settings.

        Exit codes: 0 stopped by a signal · 2 a file cannot be read or the address cannot be \
        bound · 64 wrong usage.

        Examples:
          sigscope serve --secret-id AKIDEXAMPLE --secret-key "$KEY"
          sigscope serve --listen 127.0.0.1:0 --log requests.jsonl --har session.har
          sigscope serve --context saved/ --service vpc
          sigscope curl req.json --endpoint http://127.0.0.1:8080 | sh
          sigscope verify session.har --entry 0      # read the session back
        """
    )

    @Option(help: ArgumentHelp("The address and port to listen on; port 0 picks a free one (the listening line tells which).", valueName: "HOST:PORT"))
    var listen: String = "127.0.0.1:8080"

    @Option(name: [.customLong("secret-id"), .customLong("access-key-id")], help: "The SecretId / AccessKeyId requests must carry (default: TENCENTCLOUD_SECRET_ID / ALIBABA_CLOUD_ACCESS_KEY_ID; none: any id).")
    var secretId: String?

    @Option(name: [.customLong("secret-key"), .customLong("access-key-secret")], help: "The SecretKey / AccessKeySecret to verify with, for both providers (default: TENCENTCLOUD_SECRET_KEY / ALIBABA_CLOUD_ACCESS_KEY_SECRET). Never printed.")
    var secretKey: String?

    @Option(help: "A session token requests must carry (default: TENCENTCLOUD_SESSION_TOKEN / ALIBABA_CLOUD_SECURITY_TOKEN).")
    var token: String?

    @Option(name: .customLong("context"), help: ArgumentHelp("A saved Describe* answer (bare JSON body, curl -i output, HAR) or a folder of them (repeatable): answered back, and its subnets and ENIs used.", valueName: "PATH"))
    var contexts: [String] = []

    @Option(help: ArgumentHelp("Write one JSON object per request (time, provider, action, verdict, status, code, findings).", valueName: "FILE"))
    var log: String?

    @Option(help: ArgumentHelp("Write the session as HAR 1.2 (read back by verify and decode with --entry N).", valueName: "FILE"))
    var har: String?

    @Option(help: "The TC3 credential-scope service the endpoint stands for.")
    var service: String = "vpc"

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("PEM certificate chain: serve https instead of http (with --tls-key).", valueName: "FILE"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("PEM private key for --tls-cert.", valueName: "FILE"))
    var tlsKey: String?

    @Option(name: .customLong("max-body-bytes"), help: "The largest request body accepted (413 beyond).")
    var maxBodyBytes: Int = 1 << 20

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Close a connection that sends no complete request part for this many seconds.", valueName: "SECONDS"))
    var idleTimeout: Int = 30

    @Flag(name: .customLong("reject-replays"), help: "Refuse an Alibaba request whose SignatureNonce (x-acs-signature-nonce) was used in the last 15 minutes with SignatureNonceUsed, as the gateway does; off by default, so a signed curl command can be sent again.")
    var rejectReplays = false

    @Flag(help: "No line per request on standard error (--log still records them).")
    var quiet = false

    /// Benchmark bound (scripts/bench-serve.sh): the same server answering a fixed 200 without verifying.
    @Flag(help: .hidden)
    var bare = false

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) {
            throw ValidationError("--tls-cert and --tls-key go together: give both for https, or neither for http.")
        }
        if maxBodyBytes < 1 { throw ValidationError("--max-body-bytes must be at least 1.") }
        if idleTimeout < 1 { throw ValidationError("--idle-timeout must be at least 1 second.") }
        if service.isEmpty { throw ValidationError("--service needs a service name, such as vpc.") }
    }

    func run() throws {
        try Frontend.guarded { () throws(SigScopeError) -> Int32 in
            try ServeSettingsBuilder(command: self).run()
        }
    }
}

/// Turns `serve`'s options into the engine's settings, starts the server and waits for it.
struct ServeSettingsBuilder {
    let command: Serve

    func run() throws(SigScopeError) -> Int32 {
        let (host, port) = try Self.parseListen(command.listen)
        var credentials: [Provider: ServeCredentials] = [:]
        for provider in Provider.allCases {
            let names = provider.profile.environment
            guard let key = command.secretKey ?? Frontend.env(names.secretKey) else { continue }
            credentials[provider] = ServeCredentials(secretId: command.secretId ?? Frontend.env(names.secretId), secretKey: SecretKey(key),
                                                     token: command.token ?? Frontend.env(names.token))
        }
        if credentials.isEmpty && !command.bare {
            let variables = Provider.allCases.map(\.profile.environment.secretKey).joined(separator: " and/or ")
            throw SigScopeError(.missingInput, "no secret key to verify requests with: pass --secret-key, or set \(variables)")
        }
        // The context: the library's state model per provider (the checks `validate --context`
        // makes), and serve's inventory of the saved answers it serves back.
        var inventory = ServeInventory()
        var notes: [String] = []
        var byProvider: [Provider: [ContextLoader.File]] = [:]
        for file in try ContextInput.files(command.contexts) {
            guard let provider = try ContextLoader.load([file], limits: .standard).provider else { continue }
            byProvider[provider, default: []].append(file)
            notes += try inventory.add(document: file.bytes, source: file.name)
        }
        for (provider, files) in byProvider {
            inventory.contexts[provider] = try ContextLoader.load(files, provider: provider, limits: .standard)
        }
        let recorder = try SessionRecorder(logPath: command.log, harPath: command.har, quiet: command.quiet)
        for note in notes { recorder.note("context: " + note) }
        if !command.contexts.isEmpty {
            var parts: [String] = []
            for provider in Provider.allCases {
                let actions = inventory.describeActions(for: provider)
                if !actions.isEmpty { parts.append("\(provider.rawValue) \(actions.joined(separator: ", "))") }
            }
            recorder.note("context: \(inventory.sources.count) answer(s), \(inventory.subnetCount) subnet(s)/vSwitch(es), \(inventory.interfaceCount) ENI(s)" + (parts.isEmpty ? "" : "; served from context: " + parts.joined(separator: "; ")))
        }
        let keyed = Provider.allCases.filter { credentials[$0] != nil }.map(\.displayName)
        if !command.bare {
            recorder.note("verifying " + keyed.joined(separator: " and ") + " requests" + (keyed.count < 2 ? " (no key for the other provider: its requests are refused)" : ""))
        }
        var listen = ServeListenSettings(host: host, port: port, tls: command.tlsCert.flatMap { cert in command.tlsKey.map { (cert, $0) } })
        listen.maxBodyBytes = command.maxBodyBytes
        listen.idleTimeoutSeconds = Int64(command.idleTimeout)
        let engine = ServeEngine(settings: ServeSettings(credentials: credentials, tc3Service: command.service, inventory: inventory,
                                                         rejectReplays: command.rejectReplays))
        let server = ServeServer(engine: engine, listen: listen, recorder: recorder, bare: command.bare)

        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run { url in recorder.note("listening on \(url)") }
            } catch {
                outcome.set("\(error)")
            }
            done.signal()
        }
        done.wait()
        if let failure = outcome.failure {
            throw SigScopeError(.invalidRequest, "cannot serve on \(command.listen): \(failure)")
        }
        recorder.note("stopped")
        return 0
    }

    /// `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (loopback).
    static func parseListen(_ text: String) throws(SigScopeError) -> (String, Int) {
        var host: Substring
        var portText: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw SigScopeError(.invalidOption, "--listen \(text): expected [ADDRESS]:PORT, such as [::1]:8080") }
            portText = rest.dropFirst()
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            throw SigScopeError(.invalidOption, "--listen \(text): expected HOST:PORT, such as 127.0.0.1:8080 (port 0 picks a free one)")
        }
        if host.isEmpty { host = "127.0.0.1" }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw SigScopeError(.invalidOption, "--listen \(text): the port must be a number from 0 to 65535")
        }
        return (String(host), port)
    }
}

/// The server task's failure, handed to the waiting main thread.
final class ServeOutcome: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var message: String?

    func set(_ text: String) {
        lock.wait()
        message = text
        lock.signal()
    }

    var failure: String? {
        lock.wait()
        defer { lock.signal() }
        return message
    }
}
