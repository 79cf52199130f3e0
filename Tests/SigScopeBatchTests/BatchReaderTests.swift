import Testing
import SigScope
@testable import SigScopeBatch

/// Bytes handed out by a source as read(2) would, at most `maxRead` at a time (a pipe gives
/// what is there), with a failure after `failAfter` bytes when asked.
final class ByteSource {
    let bytes: [UInt8]
    let maxRead: Int
    let failAfter: Int?
    private(set) var offset = 0

    init(_ bytes: [UInt8], maxRead: Int = .max, failAfter: Int? = nil) {
        self.bytes = bytes
        self.maxRead = maxRead
        self.failAfter = failAfter
    }

    var source: BatchReader.Source {
        { buffer in
            if let failAfter = self.failAfter, self.offset >= failAfter { return -5 }  // EIO
            let limit = min(buffer.count, self.maxRead, self.bytes.count - self.offset, (self.failAfter ?? .max) - self.offset)
            guard limit > 0 else { return 0 }
            for i in 0..<limit { buffer[i] = self.bytes[self.offset + i] }
            self.offset += limit
            return limit
        }
    }
}

/// Every line a reader hands out, with its text, chunk by chunk.
func readAll(_ reader: BatchReader) -> [(number: Int, text: String?)] {
    let chunk = ByteBuffer(capacity: reader.blockSize)
    var lines: [BatchLine] = []
    var found: [(number: Int, text: String?)] = []
    while reader.fill(chunk, lines: &lines) {
        #expect(!lines.isEmpty)
        for line in lines {
            found.append((line.number, line.tooLong ? nil : String(decoding: chunk.bytes[line.range], as: UTF8.self)))
        }
    }
    return found
}

/// The lines of `text` as the batch contract numbers them, worked out by splitting the whole
/// text at once: LF ends a line, a CR before it is dropped, blank lines (spaces, tabs) count but
/// are not handed out, a line over `limit` bytes is too long (nil).
func expectedLines(_ text: [UInt8], limit: Int = .max) -> [(number: Int, text: String?)] {
    var result: [(number: Int, text: String?)] = []
    var parts = text.split(separator: 0x0A, omittingEmptySubsequences: false)
    if parts.last?.isEmpty == true { parts.removeLast() }
    for (i, part) in parts.enumerated() {
        if part.count > limit { result.append((i + 1, nil)); continue }
        var line = Array(part)
        if line.last == 0x0D { line.removeLast() }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
        result.append((i + 1, String(decoding: line, as: UTF8.self)))
    }
    return result
}

@Suite("batch reader")
struct BatchReaderTests {
    /// Lines of every kind: CRLF, blank, spaces and tabs only, escapes, non-BMP characters, and a
    /// last line without a newline.
    static let sample = Array("{\"a\":1}\r\n\n \t\r\n{\"b\":\"\\u00e9\\\"\"}\n{\"c\":\"网卡 🚀 𝄞\"}\r\n\r\n{\"d\":[1,2,3],\"e\":{\"f\":null}}\n{\"last\":true}".utf8)

    @Test("lines cut by a block boundary at every position, by reads of every small size, come out whole, numbered and in order")
    func everyBoundary() {
        let expected = expectedLines(Self.sample)
        #expect(expected.map(\.number) == [1, 4, 5, 7, 8])
        for blockSize in [64, 65, 71, 96, 128] {
            for pad in 0..<blockSize {
                // The padding line shifts every later byte by one position against the blocks.
                let text = Array(String(repeating: "x", count: pad).utf8) + [0x0A] + Self.sample
                let want = (pad == 0 ? [] : [(1, String(repeating: "x", count: pad))]) + expectedLines(Self.sample).map { ($0.number + 1, $0.text) }
                for maxRead in [1, 3, 7, .max] {
                    let reader = BatchReader(blockSize: blockSize, source: ByteSource(text, maxRead: maxRead).source)
                    let got = readAll(reader)
                    #expect(got.map(\.number) == want.map(\.0), "block \(blockSize), pad \(pad), reads of \(maxRead)")
                    #expect(got.map(\.text) == want.map(\.1), "block \(blockSize), pad \(pad), reads of \(maxRead)")
                }
            }
        }
    }

    @Test("a line longer than the limit is handed out as too long, in its place, wherever it falls; the lines around it are intact")
    func longLines() {
        let long = String(repeating: "L", count: 100)
        let texts = [
            "{\"a\":1}\n\(long)\n{\"b\":2}\n",
            "\(long)\r\n{\"b\":2}",
            "{\"a\":1}\n{\"b\":2}\n\(long)",
            "{\"a\":1}\n\(long)\n\(long)x\n\n{\"c\":3}\n",
            String(repeating: "{\"z\":0}\n", count: 9) + long + "\n{\"end\":1}\n",
        ]
        for text in texts.map({ Array($0.utf8) }) {
            let want = expectedLines(text, limit: 40)
            #expect(want.contains { $0.text == nil })
            for blockSize in [64, 100, 256] {
                for maxRead in [1, 5, .max] {
                    let got = readAll(BatchReader(blockSize: blockSize, maxLineBytes: 40, source: ByteSource(text, maxRead: maxRead).source))
                    #expect(got.map(\.number) == want.map(\.number), "block \(blockSize), reads of \(maxRead)")
                    #expect(got.map(\.text) == want.map(\.text), "block \(blockSize), reads of \(maxRead)")
                }
            }
        }
        // A line of exactly the limit is kept.
        let exact = Array((String(repeating: "k", count: 40) + "\n" + String(repeating: "k", count: 40)).utf8)
        #expect(readAll(BatchReader(blockSize: 16, maxLineBytes: 40, source: ByteSource(exact).source)).map(\.text) == [String(repeating: "k", count: 40), String(repeating: "k", count: 40)])
    }

    @Test("what was read ahead to choose the workers is handed out first, then the rest, unchanged")
    func prefetchThenFill() {
        let text = Array(String(repeating: "{\"line\":\"0123456789\"}\n", count: 50).utf8) + Self.sample
        for (lines, bytes) in [(3, 1 << 20), (1000, 1 << 20), (1000, 100), (1, 7)] {
            for maxRead in [1, 13, .max] {
                let reader = BatchReader(blockSize: 64, source: ByteSource(text, maxRead: maxRead).source)
                reader.prefetch(lines: lines, maxBytes: bytes)
                #expect(reader.pendingBytes.count > 0)
                #expect(Array(reader.pendingBytes) == Array(text[0..<reader.pendingBytes.count]))
                let got = readAll(reader)
                let want = expectedLines(text)
                #expect(got.map(\.number) == want.map(\.number))
                #expect(got.map(\.text) == want.map(\.text))
            }
        }
    }

    @Test("a failed read ends the input there and is kept to be reported; the whole lines before it are handed out")
    func readError() {
        let text = Array("{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n".utf8)
        let reader = BatchReader(blockSize: 16, source: ByteSource(text, failAfter: 12).source)
        let got = readAll(reader)
        #expect(got.first?.text == "{\"a\":1}")
        #expect(reader.readError == 5)
        #expect(reader.finished)
    }

    @Test("an empty input, and one of blank lines only, have no lines")
    func empty() {
        #expect(readAll(BatchReader(source: ByteSource([]).source)).isEmpty)
        #expect(readAll(BatchReader(blockSize: 16, source: ByteSource(Array(" \n\t\r\n\n\n  ".utf8), maxRead: 2).source)).isEmpty)
    }
}
