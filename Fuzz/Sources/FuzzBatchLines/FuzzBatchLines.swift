import FuzzSupport
@testable import SigScope
@testable import SigScopeBatch

/// libFuzzer entry point: one JSON Lines batch input, read by the batch's own line reader
/// (`BatchReader`, the one `sign --batch` streams files and pipes through), then each line
/// parsed as the batch parses it.
///
/// 1. The reader is differential-tested against the documented rule it implements (LF ends a
///    line, a CR before it is dropped, lines of only spaces and tabs are numbered but skipped, a
///    line longer than the limit is handed out as `tooLong`, a last line needs no LF). Its block
///    size, line limit and the sizes its source returns vary with the input, so lines cross
///    reads and chunks, and over-long lines are skipped across reads. A difference traps.
/// 2. Each line goes through the library entry the batch uses,
///    `RequestDraft.parse(_:source:paramsSpan:)`, and the batch's TC3 body shortcut is checked
///    against its contract: the `params` text without escapes, less its whitespace
///    (`JSONWriter.appendMinified`), is byte for byte what the compact writer writes for the
///    parsed params. A difference traps, as a crash would.
@main
enum Harness {
    static func main() {
        FuzzMain.run { bytes in
            let shape = ReadShape(bytes)
            let expected = referenceLines(bytes, maxLineBytes: shape.maxLineBytes)
            var offset = 0
            var reads = 0
            let reader = BatchReader(blockSize: shape.blockSize, maxLineBytes: shape.maxLineBytes) { buffer in
                // Reads of varying size, as a pipe delivers them.
                let size = min(buffer.count, bytes.count - offset, shape.readSizes[reads % shape.readSizes.count])
                reads += 1
                guard size > 0 else { return 0 }
                for i in 0..<size { buffer[i] = bytes[offset + i] }
                offset += size
                return size
            }
            let chunk = ByteBuffer(capacity: shape.blockSize)
            var lines: [BatchLine] = []
            var got: [(number: Int, text: [UInt8]?)] = []
            while reader.fill(chunk, lines: &lines) {
                let stored = chunk.bytes
                for line in lines {
                    if line.tooLong {
                        got.append((line.number, nil))
                    } else {
                        let text = Array(stored[line.range])
                        got.append((line.number, text))
                        text.withUnsafeBufferPointer { readLine($0) }
                    }
                }
            }
            guard got.count == expected.count, zip(got, expected).allSatisfy({ $0.number == $1.number && $0.text == $1.text }) else {
                preconditionFailure("BatchReader (block \(shape.blockSize), limit \(shape.maxLineBytes)) handed out \(got.map { ($0.number, $0.text.map { String(decoding: $0, as: UTF8.self) }) }), the rule gives \(expected.map { ($0.number, $0.text.map { String(decoding: $0, as: UTF8.self) }) })")
            }
        }
    }
}

/// The reader's settings for one input, drawn from its length so that every input is read the
/// same way each time: small blocks and limits often, the defaults sometimes.
struct ReadShape {
    let blockSize: Int
    let maxLineBytes: Int
    let readSizes: [Int]

    init(_ bytes: [UInt8]) {
        let n = bytes.count
        blockSize = [64, 128, 1024, BatchReader.defaultBlockSize][n % 4]
        maxLineBytes = [200, 4096, BatchReader.defaultMaxLineBytes][n / 4 % 3]
        readSizes = [[.max], [1, 7, 64], [3, 500, 1], [4096, 13]][n / 12 % 4]
    }
}

/// The documented rule, written plainly: each line's number and text (nil when longer than
/// `maxLineBytes`), blank lines numbered but left out.
func referenceLines(_ bytes: [UInt8], maxLineBytes: Int) -> [(number: Int, text: [UInt8]?)] {
    var out: [(number: Int, text: [UInt8]?)] = []
    var start = 0
    var number = 1
    while start < bytes.count {
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        let length = end - start
        var last = end
        if last > start, bytes[last - 1] == 0x0D { last -= 1 }
        if length > maxLineBytes {
            out.append((number, nil))
        } else if bytes[start..<last].contains(where: { $0 != 0x20 && $0 != 0x09 }) {
            out.append((number, Array(bytes[start..<last])))
        }
        number += 1
        start = end + 1
    }
    return out
}

func readLine(_ line: UnsafeBufferPointer<UInt8>) {
    var span: JSONSpan?
    guard let draft = try? RequestDraft.parse(line, source: "fuzz.jsonl", paramsSpan: &span) else { return }
    if let span, !span.hasEscapes {
        let minified = ByteBuffer(capacity: span.range.count)
        JSONWriter.appendMinified(UnsafeBufferPointer(rebasing: line[span.range]), to: minified)
        let compact = JSONWriter.compact.bytes(.object(draft.params))
        if !minified.bytes.elementsEqual(compact) {
            preconditionFailure("the minified params text differs from the compact writer's output: \(String(decoding: minified.bytes, as: UTF8.self)) vs \(String(decoding: compact, as: UTF8.self))")
        }
    }
    for provider in draft.provider.map({ [$0] }) ?? Provider.allCases {
        guard let request = try? RequestBuilder.build(draft, overrides: RequestOverrides(provider: provider), source: "fuzz.jsonl") else { continue }
        _ = Validator.validate(request)
    }
}
