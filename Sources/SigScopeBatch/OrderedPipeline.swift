import Dispatch
import SigScope
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A batch line that failed: what the summary on standard error says about the first one.
package struct BatchFailure: Sendable, Equatable {
    package let line: Int
    package var column: Int?
    package let code: String
    package let message: String

    package init(line: Int, column: Int? = nil, code: String, message: String) {
        self.line = line
        self.column = column
        self.code = code
        self.message = message
    }

    /// `line 3, column 17: invalid-json: …`
    package var description: String {
        "line \(line)" + (column.map { ", column \($0)" } ?? "") + ": \(code): \(message)"
    }
}

/// What a worker does with each line of a batch.
package protocol BatchLineProcessor {
    /// Appends the output of `line` (its text is `text`) to `output`, ending it with a newline;
    /// returns the failure when the line failed.
    mutating func process(_ line: BatchLine, text: UnsafeBufferPointer<UInt8>, into output: ByteBuffer) -> BatchFailure?
}

/// One chunk of lines: their bytes, where the lines are, their output and how many failed.
package struct BatchChunk {
    package let input: ByteBuffer
    package var lines: [BatchLine] = []
    package let output: ByteBuffer
    package var failures = 0
    /// The chunk's first failing line, for the summary.
    package var firstFailure: BatchFailure?

    package init(inputCapacity: Int, outputCapacity: Int) {
        input = ByteBuffer(capacity: inputCapacity)
        output = ByteBuffer(capacity: outputCapacity)
    }
}

/// The ordered parallel pipeline of `--batch`: lines in, one output line each, in input order.
///
/// Lines are independent, so a large batch is spread over workers with no pause between parts
/// of the input: a worker claims the next chunk (reading its lines as it claims), processes it
/// into one of a ring of chunk buffers, and whichever worker finishes the oldest unwritten chunk
/// writes out every chunk that is then ready, in input order, while the others go on. Claiming
/// small chunks rather than splitting the input in equal parts keeps every worker busy to the
/// end when one of them is slowed by something else. Memory is the ring: its buffers, whatever
/// the input's size.
package enum OrderedPipeline {
    /// How many chunk buffers each worker has in the ring (with more than one worker): enough
    /// that a worker can run several chunks ahead of one still being processed (a core slowed
    /// for a while) before it has to wait for that one to be written.
    package static let slotsPerWorker = 8

    /// What a batch came to.
    package struct Summary: Sendable {
        package var lines = 0
        package var failures = 0
        package var firstFailure: BatchFailure?
        /// The errno of a read that failed; the batch stopped there.
        package var readError: Int32?
    }

    /// Runs `workers` (one thread each) over `reader`'s lines; `write` gets each chunk's output,
    /// in input order, from one thread at a time.
    package static func run<Worker: BatchLineProcessor>(_ reader: BatchReader, workers: inout [Worker], outputCapacity: Int,
                                                        write: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Void) -> Summary {
        let count = workers.count
        var chunks = (0..<(count == 1 ? 1 : slotsPerWorker * count)).map { _ in
            BatchChunk(inputCapacity: reader.blockSize, outputCapacity: outputCapacity)
        }
        let progress = Mutex(Progress(reader: reader, slots: chunks.count))
        workers.withUnsafeMutableBufferPointer { pool in
            chunks.withUnsafeMutableBufferPointer { chunkSlots in
                let slots = Slots(workers: pool, chunks: chunkSlots)
                if count == 1 {
                    work(0, slots: slots, progress: progress, write: write)
                } else {
                    DispatchQueue.concurrentPerform(iterations: count) { w in
                        work(w, slots: slots, progress: progress, write: write)
                    }
                }
            }
        }
        return progress.withLock { state in
            Summary(lines: state.lines, failures: state.failures, firstFailure: state.firstFailure, readError: state.reader.readError)
        }
    }

    /// Where a batch stands, shared by its workers under one lock: held only to claim a chunk (and
    /// read its lines), to mark one done, and to start or end writing, never while processing.
    struct Progress: @unchecked Sendable {  // Only ever touched under its lock.
        /// Reads the lines of the chunks not claimed yet.
        let reader: BatchReader
        /// The number of chunk slots (buffers); chunk `c` uses slot `c % slots`.
        let slots: Int
        /// The chunk the next claim gets.
        var claimed = 0
        /// How many chunks have been written out: chunk `written` is the next to go.
        var written = 0
        /// Per slot: its chunk is processed and waits to be written.
        var done: [Bool]
        /// A worker is writing chunks out (one at a time, so they go out in order).
        var writing = false
        /// Every line has been claimed.
        var exhausted = false
        var lines = 0
        var failures = 0
        var firstFailure: BatchFailure?

        init(reader: BatchReader, slots: Int) {
            self.reader = reader
            self.slots = slots
            done = Array(repeating: false, count: slots)
        }

        /// What a worker does next.
        enum Step: Equatable { case process(Int), write(Range<Int>), wait, stop }

        /// The next step of a worker, which has just processed chunk `finished` (if any): write
        /// the chunks that are ready when no one else is writing, else claim the next chunk when
        /// its slot is free, else wait for a slot, or stop when every line is claimed.
        mutating func next(after finished: Int?, chunks: UnsafeMutableBufferPointer<BatchChunk>) -> Step {
            if let finished { done[finished % slots] = true }
            if !writing, written < claimed, done[written % slots] {
                var end = written + 1
                while end < claimed, done[end % slots] { end += 1 }
                writing = true
                return .write(written..<end)
            }
            guard !exhausted else { return .stop }
            guard claimed < written + slots else { return .wait }
            let c = claimed
            let slot = c % slots
            guard reader.fill(chunks[slot].input, lines: &chunks[slot].lines) else {
                exhausted = true
                return .stop
            }
            lines += chunks[slot].lines.count
            claimed += 1
            return .process(c)
        }

        /// Chunks `range` have been written out: their slots are free, their failures counted.
        mutating func wrote(_ range: Range<Int>, failures: Int, firstFailure: BatchFailure?) {
            for c in range { done[c % slots] = false }
            written = range.upperBound
            writing = false
            self.failures += failures
            if self.firstFailure == nil { self.firstFailure = firstFailure }
        }
    }

    /// The workers and chunks as the concurrent workers see them: worker `w` touches only
    /// `workers[w]` and the chunk slots it holds (a slot is handed over under the progress lock:
    /// claimed, processed, written).
    struct Slots<Worker>: @unchecked Sendable {
        let workers: UnsafeMutableBufferPointer<Worker>
        let chunks: UnsafeMutableBufferPointer<BatchChunk>
    }

    /// Worker `w`'s part of a batch: claim, process, write, until every line is written or being
    /// processed by another worker (which then writes it).
    static func work<Worker: BatchLineProcessor>(_ w: Int, slots: Slots<Worker>, progress: borrowing Mutex<Progress>,
                                                 write: (UnsafeBufferPointer<UInt8>) -> Void) {
        var finished: Int?
        while true {
            let step = progress.withLock { state in state.next(after: finished, chunks: slots.chunks) }
            finished = nil
            switch step {
            case .process(let c):
                let slot = c % slots.chunks.count
                let input = slots.chunks[slot].input.bytes
                for line in slots.chunks[slot].lines {
                    let text = line.tooLong ? UnsafeBufferPointer(rebasing: input[0..<0]) : UnsafeBufferPointer(rebasing: input[line.range])
                    if let failure = slots.workers[w].process(line, text: text, into: slots.chunks[slot].output) {
                        slots.chunks[slot].failures += 1
                        if slots.chunks[slot].firstFailure == nil { slots.chunks[slot].firstFailure = failure }
                    }
                }
                finished = c
            case .write(let range):
                var failures = 0
                var firstFailure: BatchFailure?
                for c in range {
                    let slot = c % slots.chunks.count
                    // Each chunk's lines go out in order straight from its own buffer (no copy into another).
                    write(slots.chunks[slot].output.bytes)
                    slots.chunks[slot].output.removeAll()
                    failures += slots.chunks[slot].failures
                    slots.chunks[slot].failures = 0
                    if firstFailure == nil { firstFailure = slots.chunks[slot].firstFailure }
                    slots.chunks[slot].firstFailure = nil
                }
                progress.withLock { state in state.wrote(range, failures: failures, firstFailure: firstFailure) }
            case .wait:
                // Every slot holds a chunk not yet written: the oldest is still being processed.
                usleep(50)
            case .stop:
                return
            }
        }
    }
}
