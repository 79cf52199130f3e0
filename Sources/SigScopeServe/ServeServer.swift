import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import SigScope

/// How the server listens and what it refuses before any API logic runs.
package struct ServeListenSettings: Sendable {
    /// The address to bind (`127.0.0.1` unless `--listen` says otherwise).
    package var host: String
    /// The port; 0 picks a free one (the listening line tells which).
    package var port: Int
    /// PEM certificate chain and private key for https; nil: plain http.
    package var tls: (certificate: String, key: String)?
    /// The largest request body accepted (413 beyond).
    package var maxBodyBytes = 1 << 20
    /// The most header fields a request may carry (400 beyond).
    package var maxHeaderCount = 100
    /// The largest single header field, and all of them together, in bytes (400 beyond).
    package var maxHeaderBytes = 16 << 10
    /// A connection with no complete request part for this long is closed (slow or idle clients).
    package var idleTimeoutSeconds: Int64 = 30
    /// A request body must arrive whole within this many seconds of its head (408 and close beyond).
    package var bodyTimeoutSeconds: Int64 = 10
    /// Connections served at once; more wait in the listen backlog.
    package var maxConnections = 512

    /// Creates listen settings.
    package init(host: String = "127.0.0.1", port: Int = 8080, tls: (certificate: String, key: String)? = nil) {
        self.host = host
        self.port = port
        self.tls = tls
    }
}

/// The request context serve's responder sees: Hummingbird's, plus the channel (the peer's
/// address for the log, the event loop for the body deadline).
struct ServeRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// `127.0.0.1:54321`.
    var client: String {
        guard let address = channel.remoteAddress else { return "-" }
        return "\(address.ipAddress ?? "?"):\(address.port ?? 0)"
    }
}

/// `sigscope serve`'s HTTP/1.1 server on Hummingbird 2: reads each request whole (within the
/// limits), hands it to the `ServeEngine`, answers with the engine's envelope plus the
/// `X-Sigscope-Findings` header, and records the exchange.
package struct ServeServer: Sendable {
    package let engine: ServeEngine
    package let listen: ServeListenSettings
    package let recorder: SessionRecorder
    /// Benchmark bound only: answer every request with a fixed 200 after reading its body, no verification.
    package let bare: Bool

    package init(engine: ServeEngine, listen: ServeListenSettings, recorder: SessionRecorder, bare: Bool = false) {
        self.engine = engine
        self.listen = listen
        self.recorder = recorder
        self.bare = bare
    }

    /// Serves until SIGINT or SIGTERM, then completes the log and HAR.
    /// - Parameter onListening: called once bound, with the URL (`http://127.0.0.1:PORT`).
    /// - Throws: when the address cannot be bound or the TLS files cannot be read.
    package func run(onListening: @escaping @Sendable (String) -> Void) async throws {
        let scheme = listen.tls == nil ? "http" : "https"
        let host = listen.host
        let application = Application(
            responder: makeResponder(),
            server: try serverBuilder(),
            configuration: ApplicationConfiguration(address: .hostname(listen.host, port: listen.port), serverName: nil, backlog: 256,
                                                    availableConnectionsDelegate: MaximumAvailableConnections(listen.maxConnections)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]" : host
                onListening("\(scheme)://\(shown):\(port)")
            },
            logger: Logger(label: "sigscope-serve", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let recorder = self.recorder
        let flusher = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                recorder.flush()
            }
        }
        defer {
            flusher.cancel()
            recorder.finish()
        }
        // SIGINT and SIGTERM shut it down gracefully: in-flight requests finish, then the connections close.
        try await application.runService()
    }

    private func serverBuilder() throws -> HTTPServerBuilder {
        let decoder = HTTP1Channel.Configuration.DecoderConfiguration(maxHeaderFieldSize: listen.maxHeaderBytes, maxHeaderListSize: listen.maxHeaderBytes,
                                                                       maxHeaderFieldCount: listen.maxHeaderCount)
        let recorder = self.recorder
        let http1 = HTTPServerBuilder.http1(configuration: .init(additionalChannelHandlers: [ProtocolErrorObserver(recorder: recorder)],
                                                                 idleTimeout: .seconds(listen.idleTimeoutSeconds), httpDecoderConfiguration: decoder))
        guard let tls = listen.tls else { return http1 }
        let chain = try NIOSSLCertificate.fromPEMFile(tls.certificate).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
        let configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        return try HTTPServerBuilder.tls(http1, tlsConfiguration: configuration)
    }

    private func makeResponder() -> CallbackResponder<ServeRequestContext> {
        let engine = self.engine
        let recorder = self.recorder
        let listen = self.listen
        let bare = self.bare
        return CallbackResponder { request, context in
            let started = WallTime.now()
            let channel = context.channel
            // A slow body is cut off: the deadline closes the connection, which ends the read below.
            let deadline = channel.eventLoop.scheduleTask(in: .seconds(listen.bodyTimeoutSeconds)) { channel.close(promise: nil) }
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: listen.maxBodyBytes)
                deadline.cancel()
            } catch {
                deadline.cancel()
                let tooLarge = error is NIOTooManyBytesError
                let exchange = tooLarge
                    ? ServeExchange.plain(status: 413, message: "sigscope serve: the request body is larger than \(listen.maxBodyBytes) bytes", verdict: .malformed, summary: "body over \(listen.maxBodyBytes) bytes")
                    : ServeExchange.plain(status: 408, message: "sigscope serve: the request body did not arrive within \(listen.bodyTimeoutSeconds) s", verdict: .malformed, summary: "body not read: \(error)")
                recorder.record(ServeServer.wireRequest(request, body: [], scheme: listen.tls == nil ? "http" : "https"), exchange, client: context.client,
                                started: started, elapsedMilliseconds: started.milliseconds(to: WallTime.now()))
                var response = ServeServer.response(exchange)
                response.headers[.connection] = "close"
                return response
            }
            if bare {
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{}")))
            }
            let wire = ServeServer.wireRequest(request, body: Array(buffer: buffer), scheme: listen.tls == nil ? "http" : "https")
            var ids = IDSource.system()
            let exchange = engine.handle(wire, now: started.timestamp, ids: &ids)
            recorder.record(wire, exchange, client: context.client, started: started, elapsedMilliseconds: started.milliseconds(to: WallTime.now()))
            return ServeServer.response(exchange)
        }
    }

    /// The library's request value for a received request: method, Host, path and query exactly as sent, every header in order.
    static func wireRequest(_ request: Request, body: [UInt8], scheme: String) -> SentRequest {
        let target = request.head.path ?? "/"
        let path: String
        let query: String
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = target
            query = ""
        }
        var headers: [HTTPHeader] = []
        let authority = request.head.authority ?? ""
        if !authority.isEmpty { headers.append(HTTPHeader("Host", authority)) }
        for field in request.headers {
            headers.append(HTTPHeader(field.name.rawName, field.value))
        }
        return SentRequest(method: request.method.rawValue, scheme: scheme, host: authority, path: path.isEmpty ? "/" : path, query: query, headers: headers, body: body)
    }

    static let findingsName = HTTPField.Name(ServeHeaders.findings)
    static let verdictName = HTTPField.Name(ServeHeaders.verdict)
    static let requestIdName = HTTPField.Name("x-acs-request-id")

    static func response(_ exchange: ServeExchange) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = exchange.contentType
        if let name = verdictName { headers[name] = exchange.verdict.rawValue }
        if let name = findingsName, !exchange.findings.isEmpty { headers[name] = exchange.findings.joined(separator: ", ") }
        if exchange.provider == .aliyun, let name = requestIdName { headers[name] = exchange.requestId }
        return Response(status: .init(code: exchange.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: exchange.body)))
    }
}

/// Sees the HTTP parser's errors (a malformed request line, too many or too large headers)
/// on their way to Hummingbird, which answers them with 400 and closes the connection, and
/// records each as a malformed request.
final class ProtocolErrorObserver: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny
    typealias InboundOut = NIOAny
    let recorder: SessionRecorder

    init(recorder: SessionRecorder) {
        self.recorder = recorder
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let parserError = error as? HTTPParserError {
            let peer = context.channel.remoteAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "-"
            recorder.recordMalformed(client: peer, reason: "malformed HTTP request (\(parserError)); answered 400 and closed the connection")
        }
        context.fireErrorCaught(error)
    }
}
