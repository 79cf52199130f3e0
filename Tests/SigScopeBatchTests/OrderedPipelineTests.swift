import Testing
import SigScope
@testable import SigScopeBatch
import Synchronization

/// The batch pipeline's bookkeeping, step by step (which chunk a worker claims, when it must wait
/// for a buffer, that chunks are handed out for writing only in input order), and whole runs.
@Suite("ordered pipeline")
struct OrderedPipelineTests {
    /// `count` eight-byte lines; with 64-byte blocks (a buffer's smallest) a chunk holds eight of them.
    static func input(_ count: Int) -> [UInt8] {
        Array(String(repeating: "{\"a\":1}\n", count: count).utf8)
    }
    static let size = 8

    /// A step, as the expectations below write it.
    static func name(_ step: OrderedPipeline.Progress.Step) -> String {
        switch step {
        case .process(let c): return "process \(c)"
        case .write(let range): return "write \(range.lowerBound)..<\(range.upperBound)"
        case .wait: return "wait"
        case .stop: return "stop"
        }
    }

    @Test("with every buffer taken a worker waits; chunks are written in order, by whoever finished the oldest")
    func ringOfBuffers() {
        // Three full chunks and a partial one through two buffers.
        let reader = BatchReader(blockSize: 64, source: ByteSource(Self.input(3 * Self.size + 1)).source)
        var chunks = (0..<2).map { _ in BatchChunk(inputCapacity: 64, outputCapacity: 64) }
        chunks.withUnsafeMutableBufferPointer { slots in
            var state = OrderedPipeline.Progress(reader: reader, slots: 2)
            func step(after done: Int?) -> String { Self.name(state.next(after: done, chunks: slots)) }
            #expect(step(after: nil) == "process 0")                  // worker A
            #expect(slots[0].lines.first?.number == 1 && slots[0].lines.count == Self.size)
            #expect(step(after: nil) == "process 1")                  // worker B
            #expect(slots[1].lines.first?.number == Self.size + 1)
            #expect(step(after: 1) == "wait")                         // B done first: chunk 0 is still being processed
            #expect(step(after: 0) == "write 0..<2")                  // A finishes chunk 0: both are ready
            #expect(step(after: nil) == "wait")                       // B: the buffers are still being written
            state.wrote(0..<2, failures: 3, firstFailure: .init(line: 7, code: "invalid-json", message: "m"))
            #expect(step(after: nil) == "process 2")
            #expect(step(after: nil) == "process 3")
            #expect(slots[1].lines.count == 1 && slots[1].lines.last?.number == 3 * Self.size + 1)
            #expect(step(after: 3) == "wait")                         // chunk 2 is not done: 3 cannot go first
            #expect(step(after: 2) == "write 2..<4")
            #expect(step(after: nil) == "wait")                       // both buffers are being written; lines may be left
            state.wrote(2..<4, failures: 1, firstFailure: .init(line: 300, code: "invalid-json", message: "m"))
            #expect(step(after: nil) == "stop")
            #expect(state.lines == 3 * Self.size + 1)
            #expect(state.failures == 4)
            #expect(state.firstFailure?.line == 7)                    // the earliest chunk's, not the last written
        }
    }

    @Test("a worker that runs out of lines stops; the chunk it leaves processed is written by the worker writing before it")
    func lastChunks() {
        let reader = BatchReader(blockSize: 64, source: ByteSource(Self.input(Self.size + 1)).source)
        var chunks = (0..<4).map { _ in BatchChunk(inputCapacity: 64, outputCapacity: 64) }
        chunks.withUnsafeMutableBufferPointer { slots in
            var state = OrderedPipeline.Progress(reader: reader, slots: 4)
            func step(after done: Int?) -> String { Self.name(state.next(after: done, chunks: slots)) }
            #expect(step(after: nil) == "process 0")   // A
            #expect(step(after: nil) == "process 1")   // B: the last line
            #expect(step(after: 0) == "write 0..<1")   // A
            #expect(step(after: 1) == "stop")          // B: no lines left; A is writing
            state.wrote(0..<1, failures: 0, firstFailure: nil)
            #expect(step(after: nil) == "write 1..<2") // A picks up B's chunk
            state.wrote(1..<2, failures: 0, firstFailure: nil)
            #expect(step(after: nil) == "stop")
            #expect(state.lines == Self.size + 1 && state.written == 2)
        }
    }

    /// Writes each line's number and text; a line holding `bad` fails, a line too long fails.
    struct Echo: BatchLineProcessor {
        mutating func process(_ line: BatchLine, text: UnsafeBufferPointer<UInt8>, into output: ByteBuffer) -> BatchFailure? {
            output.append("\(line.number):")
            if line.tooLong { output.append("too long\n"); return BatchFailure(line: line.number, code: "limit-exceeded", message: "long") }
            output.append(text)
            output.append(0x0A)
            return String(decoding: text, as: UTF8.self).contains("bad") ? BatchFailure(line: line.number, code: "x", message: "bad") : nil
        }
    }

    @Test("whole runs on one to four workers, with small blocks and reads: every line once, in input order, failures counted")
    func wholeRuns() {
        var text = ""
        var expected = ""
        for i in 1...3000 {
            let line = i % 97 == 0 ? "bad line \(i)" : i % 13 == 0 ? "" : "{\"n\":\(i),\"s\":\"\(String(repeating: "é", count: i % 11))\"}"
            text += line + (i % 5 == 0 ? "\r\n" : "\n")
            if !line.isEmpty { expected += "\(i):\(line)\n" }
        }
        let failures = (1...3000).filter { $0 % 97 == 0 }.count
        final class Sink: @unchecked Sendable {
            let bytes = Mutex<[UInt8]>([])
        }
        for workers in 1...4 {
            for (blockSize, maxRead) in [(16, 7), (100, .max), (4096, 1000)] {
                let sink = Sink()
                let reader = BatchReader(blockSize: blockSize, source: ByteSource(Array(text.utf8), maxRead: maxRead).source)
                var pool = Array(repeating: Echo(), count: workers)
                let summary = OrderedPipeline.run(reader, workers: &pool, outputCapacity: 64) { bytes in
                    sink.bytes.withLock { $0.append(contentsOf: bytes) }
                }
                let output = sink.bytes.withLock { String(decoding: $0, as: UTF8.self) }
                #expect(output == expected, "\(workers) workers, blocks of \(blockSize)")
                #expect(summary.failures == failures)
                #expect(summary.firstFailure?.line == 97)
                #expect(summary.readError == nil)
            }
        }
    }
}
