/// The JSON documents of `sign` and `curl`, with the keys of the interface contract.
package enum SignOutput {
    /// How a derived key is shown when secrets are hidden: its first 8 hex digits and `…`.
    package static func shorten(_ hex: String) -> String {
        hex.count <= 8 ? hex : String(hex.prefix(8)) + "…"
    }

    /// `{"provider", "algorithm", "steps", "signature", "request"}` (+ `"command"` for curl).
    package static func json(_ signed: SignedRequest, showSecrets: Bool, command: String? = nil) -> JSONValue {
        var steps = JSONObject()
        for step in signed.steps {
            steps[step.name] = .string(step.isDerivedKey && !showSecrets ? shorten(step.value) : step.value)
        }
        var object: JSONObject = [
            "provider": .string(signed.provider.rawValue),
            "algorithm": .string(signed.algorithm.specName),
            "steps": .object(steps),
            "signature": .string(signed.signature),
            "request": requestJSON(signed.request),
        ]
        if let command { object["command"] = .string(command) }
        return .object(object)
    }

    /// What a document carries after `request` (and `command`) for a script to reproduce it:
    /// `"schemaVersion"`, the signing `"timestamp"` (Unix seconds) and the `"nonce"` sent (null
    /// when there is none, as for TC3), in that order.
    package struct Stamp: Sendable {
        package var schemaVersion: Int
        package var timestamp: Int64
        package var nonce: String?

        package init(schemaVersion: Int, timestamp: Int64, nonce: String?) {
            self.schemaVersion = schemaVersion
            self.timestamp = timestamp
            self.nonce = nonce
        }

        /// The stamp of `signed`, made with `options`: TC3 sends no nonce, whatever `options` say.
        package init(schemaVersion: Int, _ signed: SignedRequest, options: SigningOptions) {
            self.init(schemaVersion: schemaVersion, timestamp: options.timestamp.unixSeconds, nonce: signed.algorithm == .tc3 ? nil : options.nonce)
        }

        /// Its members, each after a comma: `,"schemaVersion":1,"timestamp":…,"nonce":…`.
        package func write(into out: ByteBuffer) {
            out.append(#","schemaVersion":"# as StaticString)
            out.append(String(schemaVersion))
            out.append(#","timestamp":"# as StaticString)
            out.append(String(timestamp))
            out.append(#","nonce":"# as StaticString)
            if let nonce {
                JSONWriter.compact.appendString(nonce, to: out)
            } else {
                out.append("null" as StaticString)
            }
        }
    }

    /// Appends exactly the bytes of `JSONWriter.compact.bytes(json(signed, showSecrets:command:))`
    /// to `out`, written straight from `signed` without building the JSON tree (batch output);
    /// with `stamp`, its members follow `request` (and `command`).
    package static func writeCompact(_ signed: SignedRequest, showSecrets: Bool, command: String? = nil, stamp: Stamp? = nil, into out: inout [UInt8]) {
        let buffer = ByteBuffer()
        writeCompact(signed, showSecrets: showSecrets, command: command, stamp: stamp, into: buffer)
        out.append(contentsOf: buffer.bytes)
    }

    /// `writeCompact` into a `ByteBuffer`, which takes the line's ninety-odd pieces without an
    /// array append each.
    package static func writeCompact(_ signed: SignedRequest, showSecrets: Bool, command: String? = nil, stamp: Stamp? = nil, into out: ByteBuffer) {
        let writer = JSONWriter.compact
        out.append(#"{"provider":"# as StaticString)
        writer.appendString(signed.provider.rawValue, to: out)
        out.append(#","algorithm":"# as StaticString)
        writer.appendString(signed.algorithm.specName, to: out)
        out.append(#","steps":{"# as StaticString)
        // Each step is read in place by index: a copy of the struct would retain its fields.
        for i in signed.steps.indices {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            writer.appendString(signed.steps[i].name, to: out)
            out.append(UInt8(ascii: ":"))
            writeStepValue(signed.steps[i].value, isDerivedKey: signed.steps[i].isDerivedKey, showSecrets: showSecrets, writer: writer, into: out)
        }
        out.append(#"},"signature":"# as StaticString)
        writer.appendString(signed.signature, to: out)
        // The request's fields are read through `signed` in place: a copy of the request (or of a
        // header) would retain each of its strings.
        out.append(#","request":{"method":"# as StaticString)
        writer.appendString(signed.request.method, to: out)
        // The URL is written in its pieces, with no concatenated string in between.
        out.append(#","url":""# as StaticString)
        writer.appendStringContent(signed.request.scheme, to: out)
        out.append("://" as StaticString)
        writer.appendStringContent(signed.request.host, to: out)
        writer.appendStringContent(signed.request.path, to: out)
        if !signed.request.query.isEmpty {
            out.append(UInt8(ascii: "?"))
            writer.appendStringContent(signed.request.query, to: out)
        }
        out.append(#"","headers":["# as StaticString)
        for i in signed.request.headers.indices {
            out.append(i > 0 ? #",{"name":"# as StaticString : #"{"name":"#)
            writer.appendString(signed.request.headers[i].name, to: out)
            out.append(#","value":"# as StaticString)
            writer.appendString(signed.request.headers[i].value, to: out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(#"],"body":"# as StaticString)
        signed.request.body.withUnsafeBufferPointer { writeBody($0, into: out) }
        out.append(UInt8(ascii: "}"))
        if let command {
            out.append(#","command":"# as StaticString)
            writer.appendString(command, to: out)
        }
        stamp?.write(into: out)
        out.append(UInt8(ascii: "}"))
    }

    /// The body as a JSON string: an ASCII body written from its bytes, any other as text
    /// (invalid UTF-8 repaired, as `SentRequest.bodyText` does).
    package static func writeBody(_ body: UnsafeBufferPointer<UInt8>, into out: ByteBuffer) {
        let writer = JSONWriter.compact
        if allASCII(body) {
            out.append(UInt8(ascii: "\""))
            writer.writeContent(utf8: body, into: out)
            out.append(UInt8(ascii: "\""))
        } else {
            writer.appendString(String(decoding: body, as: UTF8.self), to: out)
        }
    }

    /// The value of one member of `steps` (a derived key shortened unless secrets are shown).
    @inline(__always)
    private static func writeStepValue(_ value: String, isDerivedKey: Bool, showSecrets: Bool, writer: JSONWriter, into out: ByteBuffer) {
        guard isDerivedKey && !showSecrets else {
            writer.appendString(value, to: out)
            return
        }
        // A hex key is ASCII: its first 8 bytes are its first 8 characters, no Character counting.
        let utf8 = value.utf8
        if utf8.count > 8, value.isASCIIText, let head = String(utf8.prefix(8)) {
            out.append(UInt8(ascii: "\""))
            writer.appendStringContent(head, to: out)
            out.append("…\"" as StaticString)
        } else {
            writer.appendString(shorten(value), to: out)
        }
    }

    /// `{"method", "url", "headers": [{"name", "value"}], "body"}`.
    package static func requestJSON(_ request: SentRequest) -> JSONValue {
        .object([
            "method": .string(request.method),
            "url": .string(request.url),
            "headers": .array(request.headers.map { .object(["name": .string($0.name), "value": .string($0.value)]) }),
            "body": .string(request.bodyText),
        ])
    }
}
