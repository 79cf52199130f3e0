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
}
