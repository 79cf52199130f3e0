/// A growable byte buffer written through a pointer, for output assembled from many small
/// pieces (a batch writes about ninety per signed request).
///
/// Appending to `[UInt8]` checks uniqueness and capacity and goes through the generic copy
/// path, about a hundred instructions a piece; here a piece costs a capacity check and a copy,
/// and a writer that knows a bound (an escaped string is at most six bytes a byte) reserves it
/// once and writes in place. Owned by one thread at a time.
package final class ByteBuffer {
    // Unchecked exclusivity: a class's `var`s are otherwise checked at run time on every access,
    // which here would cost more than the copies; the buffer is never accessed re-entrantly.
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<UInt8>
    /// How many bytes fit before the storage grows.
    @exclusivity(unchecked) package private(set) var capacity: Int
    /// How many bytes are written.
    @exclusivity(unchecked) package private(set) var count = 0

    package init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The bytes written so far, valid until the next write.
    package var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base, count: count)
    }

    /// Forgets what was written, keeping the storage.
    package func removeAll() {
        count = 0
    }

    /// Keeps only the first `count` bytes written.
    package func truncate(to count: Int) {
        self.count = min(max(count, 0), self.count)
    }

    /// Room for `n` more bytes: where to write them. Call `commit` with how many were written.
    @inline(__always)
    package func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if count + n > capacity { grow(to: count + n) }
        return base + count
    }

    /// Counts `n` bytes written at the pointer `reserve` gave.
    @inline(__always)
    package func commit(_ n: Int) {
        count += n
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    @inline(__always)
    package func append(_ byte: UInt8) {
        reserve(1).pointee = byte
        count += 1
    }

    @inline(__always)
    package func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends the bytes of a literal.
    @inline(__always)
    package func append(_ literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends the UTF-8 bytes of `text`.
    @inline(__always)
    package func append(_ text: String) {
        // Reached unretained from the closure, which would otherwise retain the buffer per call.
        let this = Unmanaged.passUnretained(self)
        text.withUTF8Bytes { bytes in this._withUnsafeGuaranteedRef { $0.append(bytes) } }
    }

    /// Appends `bytes` (an array's).
    package func append(_ bytes: [UInt8]) {
        let this = Unmanaged.passUnretained(self)
        bytes.withUnsafeBufferPointer { buffer in this._withUnsafeGuaranteedRef { $0.append(buffer) } }
    }
}
