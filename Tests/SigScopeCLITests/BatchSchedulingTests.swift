import Testing
@testable import SigScopeCLI

/// The batch pipeline's bookkeeping, step by step: which chunk a worker claims, when it must wait
/// for a buffer, and that chunks are handed out for writing only in input order.
@Suite("batch scheduling")
struct BatchSchedulingTests {
    /// `count` one-line requests, as bytes.
    static func input(_ count: Int) -> [UInt8] {
        Array(String(repeating: "{}\n", count: count).utf8)
    }

    /// A step, as the expectations below write it.
    static func name(_ step: SignPipeline.BatchProgress.Step) -> String {
        switch step {
        case .sign(let c): return "sign \(c)"
        case .write(let range): return "write \(range.lowerBound)..<\(range.upperBound)"
        case .wait: return "wait"
        case .stop: return "stop"
        }
    }

    @Test("lines are numbered counting blank ones; CR before LF, spaces and tabs make no line; a last line needs no newline")
    func lineScanner() {
        let bytes = Array("{\"a\":1}\r\n\n \t\r\n{\"b\":2}\n\n{\"c\":3}".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = SignPipeline.LineScanner(buffer)
            var found: [(Int, String)] = []
            while let line = scanner.next() {
                found.append((line.number, String(decoding: buffer[line.range], as: UTF8.self)))
            }
            #expect(found.map(\.0) == [1, 4, 6])
            #expect(found.map(\.1) == ["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"])
            #expect(scanner.next() == nil)
        }
        var empty = SignPipeline.LineScanner(UnsafeBufferPointer(start: nil, count: 0))
        #expect(empty.next() == nil)
    }

    @Test("with every buffer taken a worker waits; chunks are written in order, by whoever finished the oldest")
    func ringOfBuffers() {
        // Three full chunks and a partial one through two buffers.
        let size = SignPipeline.chunkSize
        let bytes = Self.input(3 * size + 5)
        var chunks = (0..<2).map { _ in SignPipeline.BatchChunk(capacity: 64, lines: size) }
        bytes.withUnsafeBufferPointer { buffer in
            chunks.withUnsafeMutableBufferPointer { slots in
                var state = SignPipeline.BatchProgress(scanner: SignPipeline.LineScanner(buffer), slots: 2)
                func step(after done: Int?) -> String { Self.name(state.next(after: done, chunks: slots)) }
                #expect(step(after: nil) == "sign 0")                      // worker A
                #expect(slots[0].lines.first?.number == 1 && slots[0].lines.count == size)
                #expect(step(after: nil) == "sign 1")                      // worker B
                #expect(slots[1].lines.first?.number == size + 1)
                #expect(step(after: 1) == "wait")                          // B done first: chunk 0 is still being signed
                #expect(step(after: 0) == "write 0..<2")                   // A finishes chunk 0: both are ready
                #expect(step(after: nil) == "wait")                        // B: the buffers are still being written
                state.wrote(0..<2, failures: 3, firstFailure: .init(line: 7, code: "invalid-json", message: "m"))
                #expect(step(after: nil) == "sign 2")
                #expect(step(after: nil) == "sign 3")
                #expect(slots[1].lines.count == 5 && slots[1].lines.last?.number == 3 * size + 5)
                #expect(step(after: 3) == "wait")                          // chunk 2 is not done: 3 cannot go first
                #expect(step(after: 2) == "write 2..<4")
                #expect(step(after: nil) == "wait")                        // both buffers are being written; lines may be left
                state.wrote(2..<4, failures: 1, firstFailure: .init(line: 300, code: "invalid-json", message: "m"))
                #expect(step(after: nil) == "stop")
                #expect(state.lines == 3 * size + 5)
                #expect(state.failures == 4)
                #expect(state.firstFailure?.line == 7)                     // the earliest chunk's, not the last written
            }
        }
    }

    @Test("a worker that runs out of lines stops; the chunk it leaves signed is written by the worker writing before it")
    func lastChunks() {
        let size = SignPipeline.chunkSize
        let bytes = Self.input(size + 1)
        var chunks = (0..<4).map { _ in SignPipeline.BatchChunk(capacity: 64, lines: size) }
        bytes.withUnsafeBufferPointer { buffer in
            chunks.withUnsafeMutableBufferPointer { slots in
                var state = SignPipeline.BatchProgress(scanner: SignPipeline.LineScanner(buffer), slots: 4)
                func step(after done: Int?) -> String { Self.name(state.next(after: done, chunks: slots)) }
                #expect(step(after: nil) == "sign 0")   // A
                #expect(step(after: nil) == "sign 1")   // B: the last line
                #expect(step(after: 0) == "write 0..<1") // A
                #expect(step(after: 1) == "stop")       // B: no lines left; A is writing
                state.wrote(0..<1, failures: 0, firstFailure: nil)
                #expect(step(after: nil) == "write 1..<2") // A picks up B's chunk
                state.wrote(1..<2, failures: 0, firstFailure: nil)
                #expect(step(after: nil) == "stop")
                #expect(state.lines == size + 1 && state.written == 2)
            }
        }
    }
}
