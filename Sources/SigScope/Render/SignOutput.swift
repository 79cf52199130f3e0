/// The JSON documents of `sign` and `curl`, with the keys of the interface contract.
public enum SignOutput {
    /// How a derived key is shown when secrets are hidden: its first 8 hex digits and `…`.
    public static func shorten(_ hex: String) -> String {
        hex.count <= 8 ? hex : String(hex.prefix(8)) + "…"
    }

    /// `{"provider", "algorithm", "steps", "signature", "request"}` (+ `"command"` for curl).
    public static func json(_ signed: SignedRequest, showSecrets: Bool, command: String? = nil) -> JSONValue {
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

    /// Appends exactly the bytes of `JSONWriter.compact.bytes(json(signed, showSecrets:command:))`
    /// to `out`, written straight from `signed` without building the JSON tree (batch output).
    public static func writeCompact(_ signed: SignedRequest, showSecrets: Bool, command: String? = nil, into out: inout [UInt8]) {
        let writer = JSONWriter.compact
        out.append(#"{"provider":"# as StaticString)
        writer.appendString(signed.provider.rawValue, to: &out)
        out.append(#","algorithm":"# as StaticString)
        writer.appendString(signed.algorithm.specName, to: &out)
        out.append(#","steps":{"# as StaticString)
        // Each step is read in place: a copy of the struct would retain all six of its fields.
        signed.steps.withUnsafeBufferPointer { steps in
            for i in steps.indices {
                writeStep(steps[i], first: i == 0, showSecrets: showSecrets, writer: writer, into: &out)
            }
        }
        out.append(#"},"signature":"# as StaticString)
        writer.appendString(signed.signature, to: &out)
        let request = signed.request
        out.append(#","request":{"method":"# as StaticString)
        writer.appendString(request.method, to: &out)
        // The URL is written in its pieces, with no concatenated string in between.
        out.append(#","url":""# as StaticString)
        writer.appendStringContent(request.scheme, to: &out)
        out.append("://" as StaticString)
        writer.appendStringContent(request.host, to: &out)
        writer.appendStringContent(request.path, to: &out)
        if !request.query.isEmpty {
            out.append(UInt8(ascii: "?"))
            writer.appendStringContent(request.query, to: &out)
        }
        out.append(#"","headers":["# as StaticString)
        for (i, header) in request.headers.enumerated() {
            out.append(i > 0 ? #",{"name":"# as StaticString : #"{"name":"#)
            writer.appendString(header.name, to: &out)
            out.append(#","value":"# as StaticString)
            writer.appendString(header.value, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(#"],"body":"# as StaticString)
        // An ASCII body is written from its bytes; any other goes through bodyText (which repairs invalid UTF-8).
        if !writer.appendASCIIString(request.body, to: &out) {
            writer.appendString(request.bodyText, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        if let command {
            out.append(#","command":"# as StaticString)
            writer.appendString(command, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// One `"name":"value"` member of `steps` (a derived key shortened unless secrets are shown).
    @inline(__always)
    private static func writeStep(_ step: borrowing SigningStep, first: Bool, showSecrets: Bool, writer: JSONWriter, into out: inout [UInt8]) {
        if !first { out.append(UInt8(ascii: ",")) }
        writer.appendString(step.name, to: &out)
        out.append(UInt8(ascii: ":"))
        if step.isDerivedKey && !showSecrets {
            // A hex key is ASCII: its first 8 bytes are its first 8 characters, no Character counting.
            let utf8 = step.value.utf8
            if utf8.count > 8, step.value.isASCIIText, let head = String(utf8.prefix(8)) {
                out.append(UInt8(ascii: "\""))
                writer.appendStringContent(head, to: &out)
                out.append("…\"" as StaticString)
            } else {
                writer.appendString(shorten(step.value), to: &out)
            }
        } else {
            writer.appendString(step.value, to: &out)
        }
    }

    /// `{"method", "url", "headers": [{"name", "value"}], "body"}`.
    public static func requestJSON(_ request: HTTPRequest) -> JSONValue {
        .object([
            "method": .string(request.method),
            "url": .string(request.url),
            "headers": .array(request.headers.map { .object(["name": .string($0.name), "value": .string($0.value)]) }),
            "body": .string(request.bodyText),
        ])
    }
}
