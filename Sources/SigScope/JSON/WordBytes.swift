/// Tests on the eight bytes of a word at once (byte 0 lowest), as the JSON scanners use them:
/// each gives the high bit of every byte that matches. Zero guarantees that no byte does, and
/// the lowest bit set marks the first match exactly (a false match only ever sits above a true
/// one): the classic "has a zero byte" tests.
enum WordBytes {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The bytes equal to `byte`.
    @inline(__always)
    static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let v = word ^ (ones &* UInt64(byte))
        return (v &- ones) & ~v & highs
    }

    /// The bytes below `limit` (at most 0x80).
    @inline(__always)
    static func below(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highs
    }

    /// Copies bytes from `base` to `target` a word at a time, as the minifier and the escape scan
    /// do: each word is stored whole, then the output advances past the bytes before the first
    /// one `flags` marks (its lowest flag exact), and `special` handles that byte, writing at the
    /// pointer it is given and returning how many bytes it wrote. No copy call per run between
    /// marked bytes (a request body is mostly short runs between quotes). Stops before the last
    /// bytes that make no whole word and returns where: the caller finishes them byte by byte.
    /// A store never passes `target` + the input's length + the bytes `special` added.
    @inline(__always)
    static func copyWords(_ base: UnsafePointer<UInt8>, count: Int, to target: UnsafeMutablePointer<UInt8>, flags: (UInt64) -> UInt64,
                          special: (UInt8, UnsafeMutablePointer<UInt8>) -> Int) -> (read: Int, written: Int) {
        var written = 0
        var at = 0
        while at + 8 <= count {
            let raw = UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self)
            UnsafeMutableRawPointer(target + written).storeBytes(of: raw, as: UInt64.self)
            let marked = flags(UInt64(littleEndian: raw))
            if marked == 0 {
                at += 8
                written += 8
                continue
            }
            let clean = marked.trailingZeroBitCount >> 3
            written += clean
            written += special(base[at + clean], target + written)
            at += clean + 1
        }
        return (at, written)
    }
}
