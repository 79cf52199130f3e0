internal import CSigScopeLibXML2

// The only file that imports CLibXML2. Nothing of libxml2 appears in its package API:
// callers get an `XMLTreeElement` tree or an `XMLSyntaxError`.

/// Bounds on what an XML parse may consume.
package struct XMLLimits: Sendable, Equatable {
    /// Deepest element nesting accepted (the root element is depth 1).
    package var maxDepth: Int
    /// Largest input accepted, in bytes.
    package var maxBytes: Int

    /// Creates limits; the defaults match `ResponseLimits.standard`.
    package init(maxDepth: Int = 256, maxBytes: Int = 32 << 20) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }
}

/// One attribute of an element, with entity and character references already resolved.
package struct XMLTreeAttribute: Sendable, Equatable {
    /// The qualified name (`prefix:local`, or `local` without a prefix).
    package var name: String
    /// The attribute's value.
    package var value: String

    /// Creates an attribute.
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An element of a parsed XML document: its name, attributes, child elements and text.
///
/// Comments and processing instructions are dropped; CDATA sections count as text.
package struct XMLTreeElement: Sendable, Equatable {
    /// The qualified name (`prefix:local`, or `local` without a prefix).
    package var name: String
    /// The element's namespace URI, when it is in a namespace.
    package var namespaceURI: String?
    /// The attributes, in document order.
    package var attributes: [XMLTreeAttribute]
    /// The child elements, in document order.
    package var children: [XMLTreeElement]
    /// The character data directly inside this element (not its children's), concatenated.
    /// For an element with children, text that is only whitespace (indentation) is dropped.
    package var text: String

    /// Creates an element.
    package init(name: String, namespaceURI: String? = nil, attributes: [XMLTreeAttribute] = [], children: [XMLTreeElement] = [], text: String = "") {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The first child element named `name`.
    package func child(_ name: String) -> XMLTreeElement? {
        children.first { $0.name == name }
    }

    /// The value of the attribute named `name`.
    package func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

/// Why an XML document was refused, with the 1-based line and column when known.
package struct XMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of refusal this is.
    package enum Kind: Sendable, Equatable {
        /// The document is not well-formed XML.
        case malformed
        /// The document has a DOCTYPE (a DTD), which sigscope refuses outright.
        case forbiddenDTD
        /// The document is larger or deeper than the limits.
        case limitExceeded
    }

    /// What kind of refusal this is.
    package var kind: Kind
    /// What is wrong, for a person.
    package var reason: String
    /// 1-based line, when known.
    package var line: Int?
    /// 1-based column, when known.
    package var column: Int?

    /// Creates an error.
    package init(kind: Kind, reason: String, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.reason = reason
        self.line = line
        self.column = column
    }

    /// `line L, column C: reason`, or just the reason when there is no position.
    package var description: String {
        guard let line else { return reason }
        if let column { return "line \(line), column \(column): \(reason)" }
        return "line \(line): \(reason)"
    }
}

/// A hardened XML reader over libxml2's SAX2 parser.
///
/// Safety policy, applied to every parse:
/// - A document with a DOCTYPE is refused as soon as the parser sees `<!DOCTYPE`, before
///   any declaration inside it is read; so no entity is ever declared, let alone expanded
///   (no "billion laughs"), and no external DTD is ever fetched.
/// - `XML_PARSE_NONET` is set; `XML_PARSE_NOENT`, `XML_PARSE_DTDLOAD`, `XML_PARSE_DTDATTR`
///   and `XML_PARSE_HUGE` never are. The SAX handler is sigscope's own, per parse: it has
///   none of libxml2's SAX2 functions that load anything (`externalSubset`, `resolveEntity`
///   and `getEntity` refuse or answer nothing), so libxml2's external-entity loader is never
///   reached. The process-wide loader is left as the host program set it.
/// - Input size is checked before parsing and nesting depth on every start tag; the tree
///   is built by sigscope while parsing, so a refused document never becomes a tree.
/// - Errors go to a per-parse structured handler (no libxml2 global error state, nothing
///   printed), so parses on different threads do not interfere.
package enum XMLReader {
    /// Parses `bytes` as one XML document and returns its root element.
    /// - Parameters:
    ///   - limits: size and depth bounds.
    ///   - ignoreDeclaredEncoding: the bytes are already UTF-8 (transcoded from an HTTP
    ///     `charset`), so the `encoding` of the XML declaration must be ignored.
    /// - Throws: `XMLSyntaxError` for malformed XML (with line and column), a DOCTYPE, or
    ///   input beyond `limits`.
    package static func parse(_ bytes: [UInt8], limits: XMLLimits = XMLLimits(), ignoreDeclaredEncoding: Bool = false) throws(XMLSyntaxError) -> XMLTreeElement {
        guard bytes.count <= limits.maxBytes else {
            throw XMLSyntaxError(kind: .limitExceeded, reason: "the document is \(bytes.count) bytes, more than the limit of \(limits.maxBytes) bytes")
        }
        guard bytes.count <= Int(Int32.max) else {
            throw XMLSyntaxError(kind: .limitExceeded, reason: "the document is too large for the XML parser")
        }
        LibXML2Setup.ensure()

        let builder = TreeBuilder(maxDepth: limits.maxDepth)
        let unmanaged = Unmanaged.passRetained(builder)
        defer { unmanaged.release() }

        var handler = makeHandler()
        guard let context = xmlCreatePushParserCtxt(&handler, unmanaged.toOpaque(), nil, 0, nil) else {
            throw XMLSyntaxError(kind: .malformed, reason: "the XML parser could not be created (out of memory?)")
        }
        defer { xmlFreeParserCtxt(context) }
        builder.context = context

        var options = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        if ignoreDeclaredEncoding { options |= XML_PARSE_IGNORE_ENC.rawValue }
        _ = xmlCtxtUseOptions(context, Int32(bitPattern: options))

        // Fed in chunks, as a push parser expects: libxml2 then discards what it has consumed
        // (one huge chunk trips its "Huge input lookup" guard, which XML_PARSE_HUGE would lift
        // together with its other safety limits).
        let status: Int32 = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return xmlParseChunk(context, nil, 0, 1) }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                var offset = 0
                var result: Int32 = 0
                repeat {
                    let size = min(Self.chunkSize, buffer.count - offset)
                    let last = offset + size == buffer.count
                    result = xmlParseChunk(context, chars + offset, Int32(size), last ? 1 : 0)
                    offset += size
                    if result != 0 || builder.refusal != nil || builder.firstError != nil { break }
                } while offset < buffer.count
                return result
            }
        }

        if let refusal = builder.refusal { throw refusal }
        if var first = builder.firstError {
            // libxml2 words a document cut short in many ways ("Extra content at the end of the
            // document", "expected '>'"); an error on the last line with elements still open says it plainly.
            if let open = builder.stack.last?.name, let line = first.line, line >= Self.lastLine(bytes) {
                first.reason += " (the document ends with <\(open)> still open: is the file cut short?)"
            }
            throw first
        }
        if status != 0 || context.pointee.wellFormed == 0 {
            throw XMLSyntaxError(kind: .malformed, reason: "the document is not well-formed XML")
        }
        guard let root = builder.root else {
            throw XMLSyntaxError(kind: .malformed, reason: "the document has no root element")
        }
        return root
    }

    /// The number of the last line of `bytes` that has any content (1-based).
    private static func lastLine(_ bytes: [UInt8]) -> Int {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        var line = 1
        for i in 0..<end where bytes[i] == 0x0A { line += 1 }
        return line
    }

    /// How many bytes are pushed to libxml2 at a time.
    private static let chunkSize = 256 << 10

    // MARK: - SAX handler

    private static func makeHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { context, localname, prefix, uri, _, _, attributeCount, _, attributes in
            guard let builder = TreeBuilder.from(context) else { return }
            builder.start(localname: localname, prefix: prefix, uri: uri, attributeCount: Int(attributeCount), attributes: attributes)
        }
        handler.endElementNs = { context, _, _, _ in
            TreeBuilder.from(context)?.end()
        }
        handler.characters = { context, text, length in
            TreeBuilder.from(context)?.characters(text, Int(length))
        }
        handler.cdataBlock = { context, text, length in
            TreeBuilder.from(context)?.characters(text, Int(length))
        }
        // Whitespace the parser deems ignorable is still text to us.
        handler.ignorableWhitespace = { context, text, length in
            TreeBuilder.from(context)?.characters(text, Int(length))
        }
        // A DOCTYPE is refused before anything inside it is parsed.
        handler.internalSubset = { context, name, externalID, systemID in
            TreeBuilder.from(context)?.refuseDTD(name: name, externalID: externalID, systemID: systemID)
        }
        // Never reached once the DOCTYPE is refused; refused again should that ever change.
        handler.externalSubset = { context, _, _, _ in
            TreeBuilder.from(context)?.refuseDTD(name: nil, externalID: nil, systemID: nil)
        }
        handler.entityDecl = { context, _, _, _, _, _ in
            TreeBuilder.from(context)?.refuseDTD(name: nil, externalID: nil, systemID: nil)
        }
        handler.resolveEntity = { _, _, _ in nil }
        handler.getEntity = { _, _ in nil }
        handler.getParameterEntity = { _, _ in nil }
        handler.serror = { context, error in
            guard let builder = TreeBuilder.from(context), let error else { return }
            builder.record(error.pointee)
        }
        return handler
    }
}

// MARK: - Library initialisation

/// libxml2's own one-time initialisation, which it asks multi-threaded programs to run before
/// parsing (idempotent; it sets no policy and changes nothing another libxml2 user relies on).
private enum LibXML2Setup {
    /// Runs once, thread-safely (a lazily initialised global).
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func ensure() {
        _ = initialized
    }
}

// MARK: - Tree building

/// Builds the Swift tree from SAX events; one per parse, never shared between threads.
private final class TreeBuilder {
    struct Open {
        var name: String
        var namespaceURI: String?
        var attributes: [XMLTreeAttribute]
        var children: [XMLTreeElement] = []
        var text: [UInt8] = []
    }

    let maxDepth: Int
    var context: xmlParserCtxtPtr?
    // The builder is used by one parse on one thread, and its callbacks never overlap: the
    // run-time exclusivity checks on these class properties (6 % of an XML decode) are off.
    @exclusivity(unchecked) var stack: [Open] = []
    var root: XMLTreeElement?
    /// A policy refusal (DTD, depth): reported in preference to libxml2's own error.
    @exclusivity(unchecked) var refusal: XMLSyntaxError?
    /// The first error libxml2 reported.
    var firstError: XMLSyntaxError?

    init(maxDepth: Int) {
        self.maxDepth = maxDepth
    }

    static func from(_ context: UnsafeMutableRawPointer?) -> TreeBuilder? {
        guard let context else { return nil }
        return Unmanaged<TreeBuilder>.fromOpaque(context).takeUnretainedValue()
    }

    private func position() -> (line: Int?, column: Int?) {
        guard let input = context?.pointee.input else { return (nil, nil) }
        let line = Int(input.pointee.line)
        let column = Int(input.pointee.col)
        return (line > 0 ? line : nil, column > 0 ? column : nil)
    }

    private func stop(_ error: XMLSyntaxError) {
        if refusal == nil { refusal = error }
        if let context { xmlStopParser(context) }
    }

    func start(localname: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?, attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard refusal == nil else { return }
        if stack.count + 1 > maxDepth {
            let (line, column) = position()
            stop(XMLSyntaxError(kind: .limitExceeded, reason: "elements are nested deeper than the limit of \(maxDepth) levels", line: line, column: column))
            return
        }
        var attrs: [XMLTreeAttribute] = []
        if attributeCount > 0, let attributes {
            attrs.reserveCapacity(attributeCount)
            for i in 0..<attributeCount {
                // Five pointers per attribute: localname, prefix, URI, value start, value end.
                let base = i * 5
                let name = qualified(attributes[base], attributes[base + 1])
                var value = ""
                if let start = attributes[base + 3], let end = attributes[base + 4] {
                    let count = end - start
                    value = String(decoding: UnsafeBufferPointer(start: start, count: max(0, count)), as: UTF8.self)
                    // Without entity substitution libxml2 keeps `&` as the reference `&#38;`
                    // in attribute values; no other reference can occur without a DTD.
                    if value.contains("&#38;") { value = value.replacing("&#38;", with: "&") }
                }
                attrs.append(XMLTreeAttribute(name: name, value: value))
            }
        }
        let namespace = uri.map { name($0) }
        stack.append(Open(name: qualified(localname, prefix), namespaceURI: namespace, attributes: attrs))
    }

    func end() {
        guard refusal == nil, let open = stack.popLast() else { return }
        var text = ""
        if !open.text.isEmpty {
            let onlyWhitespace = open.text.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
            if !(onlyWhitespace && !open.children.isEmpty) {
                text = String(decoding: open.text, as: UTF8.self)
            }
        }
        let element = XMLTreeElement(name: open.name, namespaceURI: open.namespaceURI, attributes: open.attributes, children: open.children, text: text)
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }

    func characters(_ text: UnsafePointer<xmlChar>?, _ length: Int) {
        guard refusal == nil, let text, length > 0, !stack.isEmpty else { return }
        stack[stack.count - 1].text.append(contentsOf: UnsafeBufferPointer(start: text, count: length))
    }

    func refuseDTD(name: UnsafePointer<xmlChar>?, externalID: UnsafePointer<xmlChar>?, systemID: UnsafePointer<xmlChar>?) {
        guard refusal == nil else { return }
        var reason = "the document has a DOCTYPE"
        if let name { reason += " (<!DOCTYPE \(String(cString: name))" + (systemID.map { " SYSTEM \"\(String(cString: $0))\"" } ?? "") + ">)" }
        _ = externalID
        reason += "; sigscope refuses DTDs and entity declarations (they can read local files, reach the network or expand without bound), and API responses never contain them"
        let (line, column) = position()
        stop(XMLSyntaxError(kind: .forbiddenDTD, reason: reason, line: line, column: column))
    }

    func record(_ error: xmlError) {
        guard firstError == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        // XML_ERR_USER_STOP is our own xmlStopParser; the refusal already says why.
        if error.code == Int32(XML_ERR_USER_STOP.rawValue) { return }
        var message = error.message.map { String(cString: $0) } ?? "malformed XML"
        while let last = message.last, last.isWhitespace { message.removeLast() }
        firstError = XMLSyntaxError(kind: .malformed, reason: message, line: error.line > 0 ? Int(error.line) : nil, column: error.int2 > 0 ? Int(error.int2) : nil)
    }

    /// Names already turned into Swift strings, by their libxml2 pointer: libxml2 interns
    /// names in its dictionary, so a repeated element name is converted once. (The bytes are
    /// compared too, so a pointer that is not interned can never yield a wrong name.)
    @exclusivity(unchecked) private var nameCache: [UnsafeRawPointer: String] = [:]

    private func name(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        let key = UnsafeRawPointer(pointer)
        let length = Int(xmlStrlen(pointer))
        let bytes = UnsafeBufferPointer(start: pointer, count: length)
        if let cached = nameCache[key], cached.withUTF8Bytes({ bytesEqual($0, bytes) }) {
            return cached
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if nameCache.count < 4096 { nameCache[key] = text }
        return text
    }

    private func qualified(_ local: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?) -> String {
        let localName = name(local)
        guard let prefix else { return localName }
        return name(prefix) + ":" + localName
    }
}
