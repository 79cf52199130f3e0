import SigScope
import Synchronization
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes bound for one file descriptor, gathered under a lock and written in batches (every
/// request appends a line; the writes go out together at the next `flush`), so no request
/// waits for a disk or a terminal.
final class ByteSink: Sendable {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private let pending = Mutex<[UInt8]>([])

    init(fd: Int32, owns: Bool) {
        self.fd = fd
        self.ownsDescriptor = owns
    }

    /// Opens (creating or truncating) `path` for writing.
    /// - Throws: `SigScopeError.invalidOption` naming the file when it cannot be opened.
    static func file(_ path: String, option: String) throws(SigScopeError) -> ByteSink {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw SigScopeError(.invalidOption, "\(option) \(path): cannot open for writing: \(String(cString: strerror(errno)))")
        }
        return ByteSink(fd: fd, owns: true)
    }

    func append(_ bytes: [UInt8]) {
        pending.withLock { $0 += bytes }
    }

    func append(_ text: String) {
        append(Array(text.utf8))
    }

    /// Writes what is pending.
    func flush() {
        let bytes = pending.withLock { buffer -> [UInt8] in
            let out = buffer
            buffer.removeAll(keepingCapacity: true)
            return out
        }
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    func close() {
        flush()
        guard ownsDescriptor else { return }
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }
}

/// The session's record: one line per request on standard error, one JSON object per
/// request in `--log` (JSON Lines), and every exchange in `--har` (HAR 1.2, completed on `finish`).
package final class SessionRecorder: Sendable {
    private let stderrSink: ByteSink?
    private let noteSink = ByteSink(fd: 2, owns: false)
    private let logSink: ByteSink?
    private let harSink: ByteSink?
    private let harEntries = Mutex<Int>(0)

    /// Opens the files.
    /// - Parameters:
    ///   - quiet: no line per request on standard error.
    /// - Throws: `SigScopeError.invalidOption` when a file cannot be opened.
    package init(logPath: String?, harPath: String?, quiet: Bool = false) throws(SigScopeError) {
        stderrSink = quiet ? nil : ByteSink(fd: 2, owns: false)
        logSink = try logPath.map { path throws(SigScopeError) in try ByteSink.file(path, option: "--log") }
        harSink = try harPath.map { path throws(SigScopeError) in try ByteSink.file(path, option: "--har") }
        harSink?.append("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"sigscope serve\",\"version\":\"\(ServeVersion.string)\"},\"entries\":[\n")
        harSink?.flush()
    }

    /// Records one exchange.
    package func record(_ request: SentRequest, _ exchange: ServeExchange, client: String, started: WallTime, elapsedMilliseconds: Double) {
        if let stderrSink {
            var line = "sigscope: \(client) \(exchange.provider?.rawValue ?? "-") \(exchange.action ?? "-") \(exchange.verdict.rawValue) \(exchange.status)"
            if let code = exchange.errorCode { line += " \(code)" }
            if !exchange.findings.isEmpty { line += " [\(exchange.findings.joined(separator: ", "))]" }
            if exchange.verdict != .accepted || !exchange.summary.isEmpty { line += ": \(exchange.summary)" }
            stderrSink.append(line + "\n")
        }
        if let logSink {
            let record: JSONValue = .object([
                "time": .string(started.iso8601Milliseconds), "provider": exchange.provider.map { .string($0.rawValue) } ?? .null,
                "action": exchange.action.map { .string($0) } ?? .null, "verdict": .string(exchange.verdict.rawValue),
                "status": .number(String(exchange.status)), "code": exchange.errorCode.map { .string($0) } ?? .null,
                "findings": .array(exchange.findings.map { .string($0) }), "requestId": .string(exchange.requestId),
                "client": .string(client), "summary": .string(exchange.summary),
            ])
            logSink.append(JSONWriter.compact.bytes(record) + [0x0A])
        }
        if let harSink {
            let entry = JSONWriter.compact.bytes(Self.harEntry(request, exchange, started: started, elapsed: elapsedMilliseconds))
            // The separator and the entry go in under one lock, so entries never interleave.
            harEntries.withLock { count in
                harSink.append(count == 0 ? entry : Array(",\n".utf8) + entry)
                count += 1
            }
        }
    }

    /// Records a request refused at the HTTP level, before it could be read (no HAR entry: there is no request to record).
    package func recordMalformed(client: String, reason: String) {
        stderrSink?.append("sigscope: \(client) - - malformed 400: \(reason)\n")
        if let logSink {
            let record: JSONValue = .object([
                "time": .string(WallTime.now().iso8601Milliseconds), "provider": .null, "action": .null, "verdict": .string(ServeVerdict.malformed.rawValue),
                "status": .number("400"), "code": .null, "findings": .array([]), "requestId": .string(""), "client": .string(client), "summary": .string(reason),
            ])
            logSink.append(JSONWriter.compact.bytes(record) + [0x0A])
        }
    }

    /// A line on standard error outside any request (an HTTP-level refusal, startup notes).
    package func note(_ text: String) {
        stderrSink?.flush()
        noteSink.append("sigscope: " + text + "\n")
        noteSink.flush()
    }

    /// Writes what is pending to every file.
    package func flush() {
        stderrSink?.flush()
        logSink?.flush()
        harSink?.flush()
    }

    /// Completes the HAR document and closes the files.
    package func finish() {
        harSink?.append("\n]}}\n")
        stderrSink?.flush()
        logSink?.close()
        harSink?.close()
    }

    static func harEntry(_ request: SentRequest, _ exchange: ServeExchange, started: WallTime, elapsed: Double) -> JSONValue {
        func headers(_ list: [HTTPHeader]) -> JSONValue {
            .array(list.map { .object(["name": .string($0.name), "value": .string($0.value)]) })
        }
        func text(_ bytes: [UInt8]) -> (text: String, base64: Bool) {
            if let string = String(validating: bytes, as: UTF8.self) { return (string, false) }
            return (Base64.encode(bytes), true)
        }
        var requestObject: JSONObject = [
            "method": .string(request.method), "url": .string(request.url), "httpVersion": .string("HTTP/1.1"),
            "cookies": .array([]), "headers": headers(request.headers),
            "queryString": .array(request.queryItems(plusAsSpace: true).map { .object(["name": .string($0.name), "value": .string($0.value)]) }),
            "headersSize": .number("-1"), "bodySize": .number(String(request.body.count)),
        ]
        if !request.body.isEmpty {
            let body = text(request.body)
            var post: JSONObject = ["mimeType": .string(request.header("Content-Type") ?? ""), "text": .string(body.text)]
            if body.base64 { post.members.append(JSONMember("encoding", .string("base64"))) }
            requestObject.members.append(JSONMember("postData", .object(post)))
        }
        let body = text(exchange.body)
        var content: JSONObject = ["size": .number(String(exchange.body.count)), "mimeType": .string(exchange.contentType), "text": .string(body.text)]
        if body.base64 { content.members.append(JSONMember("encoding", .string("base64"))) }
        var responseHeaders = [HTTPHeader("Content-Type", exchange.contentType), HTTPHeader("Content-Length", String(exchange.body.count))]
        if !exchange.findings.isEmpty { responseHeaders.append(HTTPHeader(ServeHeaders.findings, exchange.findings.joined(separator: ", "))) }
        let response: JSONObject = [
            "status": .number(String(exchange.status)), "statusText": .string(HTTPStatusText.reason(exchange.status)), "httpVersion": .string("HTTP/1.1"),
            "cookies": .array([]), "headers": headers(responseHeaders), "content": .object(content), "redirectURL": .string(""),
            "headersSize": .number("-1"), "bodySize": .number(String(exchange.body.count)),
        ]
        let rounded = (elapsed * 1000).rounded() / 1000
        return .object([
            "startedDateTime": .string(started.iso8601Milliseconds), "time": .number(String(rounded)),
            "request": .object(requestObject), "response": .object(response), "cache": .object([:]),
            "timings": .object(["send": .number("0"), "wait": .number(String(rounded)), "receive": .number("0")]),
        ])
    }
}

/// Header names serve adds.
package enum ServeHeaders {
    /// The finding codes of the request, comma-separated.
    package static let findings = "X-Sigscope-Findings"
    /// The verdict (`accepted`, `rejected`, `invalid`, `failed`, `malformed`).
    package static let verdict = "X-Sigscope-Verdict"
}

/// The reason phrases of the statuses serve answers with.
enum HTTPStatusText {
    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 408: return "Request Timeout"
        case 413: return "Payload Too Large"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        default: return ""
        }
    }
}

/// The wall clock, to the microsecond.
package struct WallTime: Sendable {
    package var seconds: Int64
    package var microseconds: Int64

    package static func now() -> WallTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return WallTime(seconds: Int64(spec.tv_sec), microseconds: Int64(spec.tv_nsec) / 1000)
    }

    /// Whole seconds, as the signature checks take it.
    package var timestamp: Timestamp { Timestamp(unixSeconds: seconds) }

    /// `2026-12-07T23:01:02.345Z`.
    package var iso8601Milliseconds: String {
        let base = timestamp.iso8601
        let millis = String(microseconds / 1000)
        return String(base.dropLast()) + "." + String(repeating: "0", count: 3 - millis.count) + millis + "Z"
    }

    /// Milliseconds from `self` to `later`.
    package func milliseconds(to later: WallTime) -> Double {
        Double(later.seconds - seconds) * 1000 + Double(later.microseconds - microseconds) / 1000
    }
}

/// serve's version, for the HAR creator.
package enum ServeVersion {
    package static let string = "0.1.0"
}
