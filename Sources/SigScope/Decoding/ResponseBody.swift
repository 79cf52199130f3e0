/// Bounds on decoding one captured response: input size and nesting depth, applied to
/// the whole input, to a HAR file's JSON and to the body (JSON or XML) alike.
package struct ResponseLimits: Sendable, Equatable {
    /// Largest input (and body) accepted, in bytes.
    package var maxBytes: Int
    /// Deepest nesting of JSON arrays/objects or XML elements accepted.
    package var maxDepth: Int

    /// Creates limits.
    package init(maxBytes: Int = 32 << 20, maxDepth: Int = 256) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    /// 32 MiB and 256 levels: room for a response listing tens of thousands of ENIs,
    /// while a 50 MB input or a 100,000-deep document is refused at once.
    package static let standard = ResponseLimits()

    /// The same bounds for `JSONParser`.
    package var json: JSONLimits { JSONLimits(maxDepth: maxDepth, maxBytes: maxBytes) }
    /// The same bounds for `XMLReader`.
    package var xml: XMLLimits { XMLLimits(maxDepth: maxDepth, maxBytes: maxBytes) }
}

/// A parsed response body.
package enum ResponseBody: Sendable, Equatable {
    /// A JSON body (Tencent Cloud, or Alibaba Cloud with `Format=JSON`).
    case json(JSONValue)
    /// An XML body (Alibaba Cloud's default format), as its root element.
    case xml(XMLTreeElement)

    /// `json` or `xml`.
    package var formatName: String {
        switch self {
        case .json: return "json"
        case .xml: return "xml"
        }
    }
}

/// Turns body bytes into a `ResponseBody`: charset, format detection, bounded parsing.
enum ResponseBodyParser {
    /// Where the body sits, for error messages.
    struct Place {
        var source: String?
        /// Added to body line numbers to get input line numbers; nil when the body's lines
        /// are not the input's (HAR text, de-chunked data).
        var lineOffset: Int?
        /// Names the body in messages when its lines are not the input's.
        var label: String
    }

    static func parse(_ bytes: [UInt8], charset: String?, limits: ResponseLimits, place: Place) throws(SigScopeError) -> ResponseBody {
        guard bytes.count <= limits.maxBytes else {
            throw SigScopeError(.limitExceeded, "\(place.label) is \(bytes.count) bytes, more than the limit of \(limits.maxBytes) bytes (\(limits.maxBytes >> 20) MiB)", source: place.source)
        }
        var utf8 = bytes
        var transcoded = false
        if let charset {
            switch ResponseCharset.toUTF8(bytes, charset: charset) {
            case .some(let converted):
                utf8 = converted
                transcoded = true
            case .none:
                throw SigScopeError(.undecodable, "\(place.label) is in charset \"\(charset)\", which sigscope does not convert; re-save it as UTF-8 (for example with iconv -f \(charset) -t utf-8)", source: place.source)
            }
        }
        var start = 0
        if utf8.count >= 3, utf8[0] == 0xEF, utf8[1] == 0xBB, utf8[2] == 0xBF { start = 3 }
        while start < utf8.count, CapturedResponse.Bytes.isSpace(utf8[start]) { start += 1 }
        guard start < utf8.count else {
            throw SigScopeError(.undecodable, "\(place.label) is empty: there is nothing to decode", source: place.source)
        }
        switch utf8[start] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            do {
                return .json(try JSONParser.parse(utf8, limits: limits.json))
            } catch {
                throw jsonFailure(error, what: place.label, source: place.source, lineOffset: place.lineOffset)
            }
        case UInt8(ascii: "<"):
            let head = String(decoding: utf8[start..<min(utf8.count, start + 15)], as: UTF8.self).lowercased()
            if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") {
                throw SigScopeError(.undecodable, "\(place.label) is an HTML page, not an API response (a proxy, gateway or wrong endpoint answered)", source: place.source)
            }
            do {
                return .xml(try XMLReader.parse(utf8, limits: limits.xml, ignoreDeclaredEncoding: transcoded))
            } catch {
                throw xmlFailure(error, place: place)
            }
        default:
            let preview = CapturedResponse.Bytes.preview(utf8[start..<min(utf8.count, start + 40)])
            throw SigScopeError(.undecodable, "\(place.label) is neither JSON nor XML (it starts with \"\(preview)\"); expected a Tencent Cloud or Alibaba Cloud API response, an HTTP response (curl -i) or a HAR file", source: place.source)
        }
    }

    /// A JSON parse failure as a `SigScopeError`, located in the input when possible.
    static func jsonFailure(_ error: JSONSyntaxError, what: String, source: String?, lineOffset: Int?) -> SigScopeError {
        // JSONParser reports its bounds as syntax errors; tell them apart by their wording.
        let limit = error.reason.hasPrefix("nesting is deeper than") || error.reason.hasPrefix("input is ")
        let code: SigScopeError.Code = limit ? .limitExceeded : .undecodable
        let what = limit ? "\(what) was refused: " : "\(what) is not valid JSON: "
        if let lineOffset {
            return SigScopeError(code, what + error.reason, source: source, line: error.line + lineOffset, column: error.column)
        }
        return SigScopeError(code, what + "line \(error.line), column \(error.column) of the body: \(error.reason)", source: source)
    }

    private static func xmlFailure(_ error: XMLSyntaxError, place: Place) -> SigScopeError {
        let code: SigScopeError.Code = error.kind == .limitExceeded ? .limitExceeded : .undecodable
        let what = error.kind == .malformed ? "\(place.label) is not well-formed XML: " : "\(place.label) was refused: "
        if let line = error.line, let offset = place.lineOffset {
            return SigScopeError(code, what + error.reason, source: place.source, line: line + offset, column: error.column)
        }
        if let line = error.line {
            let at = "line \(line)" + (error.column.map { ", column \($0)" } ?? "") + " of the body: "
            return SigScopeError(code, what + at + error.reason, source: place.source)
        }
        return SigScopeError(code, what + error.reason, source: place.source)
    }
}

/// The few charsets API responses come in, converted to UTF-8 without Foundation.
enum ResponseCharset {
    /// `bytes` in UTF-8; nil when `charset` is not one sigscope converts.
    static func toUTF8(_ bytes: [UInt8], charset: String) -> [UInt8]? {
        switch charset.lowercased().replacing("_", with: "-") {
        case "utf-8", "utf8", "us-ascii", "ascii":
            return bytes
        case "iso-8859-1", "latin1", "latin-1", "l1", "iso8859-1", "cp819":
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8)
            for b in bytes {
                if b < 0x80 {
                    out.append(b)
                } else {
                    out.append(0xC0 | b >> 6)
                    out.append(0x80 | b & 0x3F)
                }
            }
            return out
        case "utf-16", "utf-16le", "utf-16be":
            var littleEndian = charset.lowercased().hasSuffix("le")
            var index = 0
            if bytes.count >= 2 {
                if bytes[0] == 0xFF, bytes[1] == 0xFE { littleEndian = true; index = 2 }
                else if bytes[0] == 0xFE, bytes[1] == 0xFF { littleEndian = false; index = 2 }
            }
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            while index + 1 < bytes.count {
                let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
                units.append(littleEndian ? a | b << 8 : a << 8 | b)
                index += 2
            }
            return Array(String(decoding: units, as: UTF16.self).utf8)
        default:
            return nil
        }
    }
}
