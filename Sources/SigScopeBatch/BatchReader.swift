import SigScope
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of a batch: its number (counting blank lines) and where its text is in its chunk's
/// input, or that it is longer than the reader's limit (its text then is not kept).
package struct BatchLine: Sendable, Equatable {
    package var number: Int
    package var range: Range<Int>
    package var tooLong: Bool

    package init(number: Int, range: Range<Int>, tooLong: Bool = false) {
        self.number = number
        self.range = range
        self.tooLong = tooLong
    }
}

/// Reads a batch's input as a stream and hands it out in chunks of whole lines.
///
/// A chunk's bytes are read straight into its own storage, about `blockSize` at a time; the
/// start of a line that the read cut off is kept and begins the next chunk, so a line may cross
/// any number of reads. Memory is the chunks in flight, whatever the input's size: a line longer
/// than `maxLineBytes` is not kept but skipped to its end and handed out as `tooLong` (that
/// line's error, not the batch's). Lines end at LF; a CR before it is dropped, blank lines
/// (spaces and tabs only) are numbered but not handed out, and a last line needs no newline.
package final class BatchReader: @unchecked Sendable {  // Used by one thread at a time (under the pipeline's lock).
    /// Reads up to the buffer's size from the input, like read(2): the count, 0 at the end, or
    /// minus the errno.
    package typealias Source = (UnsafeMutableRawBufferPointer) -> Int

    /// The longest line kept (bytes, without its LF): ample for any request, small enough that
    /// the chunks in flight stay a few megabytes.
    package static let defaultMaxLineBytes = 1 << 20
    /// How much a chunk reads at a time.
    package static let defaultBlockSize = 64 << 10

    package let blockSize: Int
    package let maxLineBytes: Int
    private let source: Source
    /// Bytes read but not handed out yet, from `pendingStart` to `pendingEnd`; they start at a
    /// line's start (read ahead by `prefetch`, or the part of a line a read cut off).
    private var pending: UnsafeMutablePointer<UInt8>
    private var pendingCapacity: Int
    private var pendingStart = 0
    private var pendingEnd = 0
    /// Whether the last bytes handed to a chunk came from `pending` (so giving some back is
    /// moving its start back).
    private var lastFromPending = false
    /// The source has said it has nothing more.
    package private(set) var sourceEnded = false
    /// The errno of a failed read; the input ends there.
    package private(set) var readError: Int32?
    /// The number the next line gets.
    private var nextLine = 1

    package init(blockSize: Int = defaultBlockSize, maxLineBytes: Int = defaultMaxLineBytes, source: @escaping Source) {
        self.blockSize = max(blockSize, 64)  // a ByteBuffer's smallest
        self.maxLineBytes = max(maxLineBytes, 1)
        self.source = source
        pendingCapacity = 256
        pending = .allocate(capacity: pendingCapacity)
    }

    deinit {
        pending.deallocate()
    }

    /// Every byte has been handed out (or the input failed).
    package var finished: Bool { sourceEnded && pendingStart == pendingEnd }

    /// What has been read ahead and not handed out yet.
    package var pendingBytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: pending + pendingStart, count: pendingEnd - pendingStart)
    }

    /// Reads ahead until `lines` newlines are waiting, `maxBytes` are, or the input ends.
    package func prefetch(lines: Int, maxBytes: Int) {
        var newlines = 0
        var scan = pendingStart
        while !sourceEnded, newlines < lines, pendingEnd - pendingStart < maxBytes {
            if pendingEnd == pendingCapacity {
                if pendingStart > 0 {
                    let kept = pendingEnd - pendingStart
                    pending.update(from: pending + pendingStart, count: kept)
                    scan -= pendingStart
                    pendingStart = 0
                    pendingEnd = kept
                } else {
                    growPending(to: pendingCapacity * 2)
                }
                continue
            }
            let n = readSource(into: pending + pendingEnd, count: min(pendingCapacity - pendingEnd, max(maxBytes - (pendingEnd - pendingStart), 1)))
            guard n > 0 else { break }
            pendingEnd += n
            while scan < pendingEnd, let found = memchr(pending + scan, 0x0A, pendingEnd - scan) {
                newlines += 1
                scan = UnsafeMutablePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - pending + 1
            }
            scan = pendingEnd
        }
    }

    /// Fills `chunk` with the next whole lines (its bytes, read straight into it) and sets
    /// `lines` to the ones that are not blank; false when the input has no line left.
    package func fill(_ chunk: ByteBuffer, lines: inout [BatchLine]) -> Bool {
        lines.removeAll(keepingCapacity: true)
        while lines.isEmpty {
            guard !finished else { chunk.removeAll(); return false }
            fillOnce(chunk, lines: &lines)
        }
        return true
    }

    /// One fill: at least one line (perhaps blank) unless the input ends.
    private func fillOnce(_ chunk: ByteBuffer, lines: inout [BatchLine]) {
        chunk.removeAll()
        var end = -1
        while true {
            // No newline in the chunk yet, so it holds the start of one line: past the limit, that line is too long.
            if chunk.count > maxLineBytes {
                skipLongLine(chunk, lines: &lines)
                return
            }
            var room = chunk.capacity - chunk.count
            // A full chunk grows (the line is longer than it), by no more than the limit needs.
            if room == 0 { room = min(chunk.capacity, maxLineBytes + 1 - chunk.count) }
            let start = chunk.count
            let n = readSome(into: chunk.reserve(room), count: room)
            if n <= 0 { break }
            chunk.commit(n)
            // The last newline is looked for from the end: what follows it is less than a line.
            let bytes = chunk.bytes
            var i = bytes.count
            while i > start, bytes[i - 1] != 0x0A { i -= 1 }
            if i > start {
                end = i
                break
            }
        }
        let bytes = chunk.bytes
        if end < 0 {
            // The input ended: what is there is its last line, without a newline.
            end = bytes.count
        } else if end < bytes.count, let base = bytes.baseAddress {
            // The start of the next line goes back, to begin the next chunk.
            giveBack(base + end, count: bytes.count - end)
            chunk.truncate(to: end)
        }
        nextLine = Self.scan(UnsafeBufferPointer(rebasing: bytes[0..<end]), firstNumber: nextLine, maxLineBytes: maxLineBytes) { line in
            lines.append(line)
            return true
        }
    }

    /// The line in `chunk` is longer than the limit: it is counted as one `tooLong` line and
    /// read to its end (through the chunk's storage) without being kept.
    private func skipLongLine(_ chunk: ByteBuffer, lines: inout [BatchLine]) {
        lines.append(BatchLine(number: nextLine, range: 0..<0, tooLong: true))
        nextLine += 1
        chunk.removeAll()
        while true {
            let space = chunk.reserve(chunk.capacity)
            let n = readSome(into: space, count: chunk.capacity)
            if n <= 0 { return }
            if let newline = memchr(space, 0x0A, n) {
                let after = UnsafeMutablePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) - space + 1
                giveBack(UnsafePointer(space + after), count: n - after)
                return
            }
        }
    }

    /// Calls `body` with every line of `buffer` that is not blank, numbered from `firstNumber`
    /// (a line longer than `maxLineBytes` as `tooLong`), until it returns false; returns the
    /// number after the last line looked at. A final line needs no newline.
    package static func scan(_ buffer: UnsafeBufferPointer<UInt8>, firstNumber: Int, maxLineBytes: Int, _ body: (BatchLine) -> Bool) -> Int {
        guard let base = buffer.baseAddress else { return firstNumber }
        var number = firstNumber
        var start = 0
        let count = buffer.count
        while start < count {
            let lineEnd = memchr(base + start, 0x0A, count - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? count
            var end = lineEnd
            if end > start, base[end - 1] == 0x0D { end -= 1 }
            let line = number
            number += 1
            let lineStart = start
            start = lineEnd + 1
            if lineEnd - lineStart > maxLineBytes {
                if !body(BatchLine(number: line, range: 0..<0, tooLong: true)) { break }
                continue
            }
            for i in lineStart..<end where base[i] != 0x20 && base[i] != 0x09 {
                if !body(BatchLine(number: line, range: lineStart..<end)) { return number }
                break
            }
        }
        return number
    }

    /// Up to `count` bytes into `target`: waiting ones first, then from the source.
    private func readSome(into target: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        if pendingStart < pendingEnd {
            let n = min(count, pendingEnd - pendingStart)
            target.update(from: pending + pendingStart, count: n)
            pendingStart += n
            lastFromPending = true
            return n
        }
        lastFromPending = false
        return readSource(into: target, count: count)
    }

    private func readSource(into target: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        guard !sourceEnded, count > 0 else { return 0 }
        let n = source(UnsafeMutableRawBufferPointer(start: target, count: count))
        if n > 0 { return n }
        if n < 0 { readError = Int32(-n) }
        sourceEnded = true
        return 0
    }

    /// Puts back the last `count` bytes handed out (now at `bytes`): they are read again first.
    /// They are the end of the last `readSome`.
    private func giveBack(_ bytes: UnsafePointer<UInt8>, count: Int) {
        guard count > 0 else { return }
        if lastFromPending {
            // Still where they were, just before `pendingStart`.
            pendingStart -= count
            return
        }
        // Read from the source, so nothing is waiting.
        if count > pendingCapacity { growPending(to: count) }
        pending.update(from: bytes, count: count)
        pendingStart = 0
        pendingEnd = count
    }

    private func growPending(to size: Int) {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        let waiting = pendingEnd - pendingStart
        bigger.update(from: pending + pendingStart, count: waiting)
        pending.deallocate()
        pending = bigger
        pendingCapacity = size
        pendingStart = 0
        pendingEnd = waiting
    }
}
