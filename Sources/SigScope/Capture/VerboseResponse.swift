/// The response a verbose transcript or an SDK's debug log shows, as `decode` reads it
/// (real samples in `testvectors/captures/logs/`):
///
/// - `curl -v` (`-sv`, or with its progress meter mixed in, as `2>&1` saves it): the `< `
///   lines are the header blocks; the body is the output that is neither curl's own `*`, `>`,
///   `<`, `{ [n bytes data]` lines nor progress-meter updates (which start with a carriage
///   return); a `* Connection #0 … left intact` that a body without a final newline runs into
///   is cut off again.
/// - The Tencent Cloud Python SDK's log: the `GetResponse: HTTP/1.1 200 OK` record (status line,
///   headers, blank line, body).
/// - The Alibaba Cloud Python core SDK's `DEBUG=sdk` log: the `< HTTP/1.1 200 OK` block with
///   `Name : value` headers, and the body from its `Response-body: b'…'` record.
extension CapturedResponse {
    /// The response as plain HTTP bytes plus a note, nil when `bytes` are no such transcript.
    static func transcriptResponse(_ bytes: [UInt8]) -> (http: [UInt8], note: String)? {
        // A bare body (possibly tens of MiB) is told apart without splitting it into lines, by one
        // scan for what both markers hold (a second scan of 15 MB cost 2.5 % of a decode).
        guard Bytes.contains(bytes, " HTTP/"), Bytes.contains(bytes, "< HTTP/") || Bytes.contains(bytes, "GetResponse: HTTP/") else { return nil }
        let lines = DebugLogParser.lines(bytes)
        if let record = lines.firstIndex(where: { DebugLogParser.text(after: "GetResponse: HTTP/", in: $0.text) != nil }),
           let statusText = DebugLogParser.text(after: "GetResponse: ", in: lines[record].text) {
            var out = [String(statusText)]
            var index = record + 1
            while index < lines.count, DebugLogParser.text(after: "SendRequest: Host: ", in: lines[index].text) == nil,
                  DebugLogParser.text(after: "GetResponse: ", in: lines[index].text) == nil {
                out.append(lines[index].text)
                index += 1
            }
            while out.last?.isEmpty == true { out.removeLast() }
            return (Array(out.joined(separator: "\n").utf8), "read from the Tencent Cloud SDK's debug log: the GetResponse record on line \(lines[record].number)")
        }
        guard let first = lines.firstIndex(where: { $0.text.hasPrefix("< HTTP/") }) else { return nil }
        var head: [String] = []
        var lastBlank: Int?
        var lastHead = first
        for i in first..<lines.count where lines[i].text.hasPrefix("<") {
            let text = String(lines[i].text.dropFirst()).trimmingASCIIWhitespace()
            head.append(text)
            lastHead = i
            if text.isEmpty { lastBlank = i }
        }
        var body: [String] = []
        var sdkBody: [UInt8]?
        for line in lines[((lastBlank ?? lastHead) + 1)...] {
            let text = line.text
            if let literal = DebugLogParser.text(after: "Response-body: ", in: text) {
                sdkBody = DebugLogParser.pythonBytesLiteral(literal) ?? Array(literal.utf8)
                continue
            }
            if text.hasPrefix("\r") || text.hasPrefix("*") || text.hasPrefix(">") || text.hasPrefix("<") || text.hasPrefix("{ [") || text.hasPrefix("} [") {
                continue
            }
            body.append(text)
        }
        if var last = body.popLast() {
            for marker in ["* Connection #", "* Closing connection"] {
                if let cut = DebugLogParser.text(after: marker, in: last) {
                    last = String(last.utf8.prefix(last.utf8.count - cut.utf8.count - marker.utf8.count)) ?? last
                }
            }
            body.append(last)
        }
        if head.last?.isEmpty != true { head.append("") }
        var http = Array(head.joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
        http += sdkBody ?? Array(body.joined(separator: "\n").utf8)
        return (http, "read from a verbose transcript (curl -v or an SDK debug log): the response from line \(lines[first].number)")
    }
}
