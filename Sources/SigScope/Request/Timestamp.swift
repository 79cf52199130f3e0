/// A signing instant, in whole seconds since the Unix epoch, with the renderings the
/// providers need. All calendar arithmetic is UTC and done here, without a formatter or time zone database.
public struct Timestamp: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var unixSeconds: Int64

    public init(unixSeconds: Int64) {
        self.unixSeconds = unixSeconds
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.unixSeconds < rhs.unixSeconds }

    /// Parses `--timestamp`: Unix seconds (`1551113065`) or ISO-8601 (`2016-02-23T12:46:24Z`,
    /// also with fractional seconds, or an offset such as `+08:00`, converted to UTC).
    /// - Throws: `SigScopeError.invalidOption` with the accepted forms.
    public static func parse(_ text: String) throws(SigScopeError) -> Timestamp {
        let trimmed = text.trimmingASCIIWhitespace()
        if !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }), let seconds = Int64(trimmed) {
            if seconds > 100_000_000_000 {
                throw SigScopeError(.invalidOption, "timestamp \(trimmed) looks like milliseconds; give Unix seconds (\(seconds / 1000)) instead")
            }
            return Timestamp(unixSeconds: seconds)
        }
        if let parsed = parseISO8601(trimmed) { return parsed }
        throw SigScopeError(.invalidOption, "cannot read timestamp \"\(text)\"; give Unix seconds (1551113065) or ISO-8601 UTC (2016-02-23T12:46:24Z)")
    }

    /// Strict-enough ISO-8601: `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM|±HHMM)`.
    public static func parseISO8601(_ text: String) -> Timestamp? {
        let b = Array(text.utf8)
        guard b.count >= 20 else { return nil }
        func num(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= b.count else { return nil }
            var v = 0
            for i in start..<(start + length) {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard let year = num(0, 4), b[4] == UInt8(ascii: "-"), let month = num(5, 2), b[7] == UInt8(ascii: "-"),
              let day = num(8, 2), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
              let hour = num(11, 2), b[13] == UInt8(ascii: ":"), let minute = num(14, 2), b[16] == UInt8(ascii: ":"),
              let second = num(17, 2) else { return nil }
        guard (1...12).contains(month), (1...daysInMonth(year: year, month: month)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        var i = 19
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            guard i > start else { return nil }
        }
        var offsetSeconds = 0
        guard i < b.count else { return nil }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = num(i + 1, 2) else { return nil }
            var om = 0
            if i + 3 < b.count, b[i + 3] == UInt8(ascii: ":") {
                guard let m = num(i + 4, 2) else { return nil }
                om = m
                i += 6
            } else if let m = num(i + 3, 2) {
                om = m
                i += 5
            } else {
                i += 3
            }
            offsetSeconds = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return Timestamp(unixSeconds: seconds)
    }

    /// True when the text is ISO-8601 in UTC with a `Z` designator and no fraction, the form
    /// Alibaba requires (`2016-02-23T12:46:24Z`).
    public static func isCanonicalUTC(_ text: String) -> Bool {
        guard let parsed = parseISO8601(text) else { return false }
        return parsed.iso8601 == text
    }

    /// `yyyy-MM-dd'T'HH:mm:ss'Z'` in UTC.
    public var iso8601: String {
        let (y, m, d, hh, mm, ss) = components
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(hh, 2) + ":" + pad(mm, 2) + ":" + pad(ss, 2) + "Z"
    }

    /// `yyyy-MM-dd` in UTC: the TC3 credential-scope date.
    public var utcDate: String {
        let (y, m, d, _, _, _) = components
        guard (0...9999).contains(y) else { return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) }
        // Every real year has four digits: they are written straight into the (small, inline)
        // string, with no number formatting and no concatenation (a batch line needs this date).
        return String(unsafeUninitializedCapacity: 10) { out in
            func digit(_ value: Int) -> UInt8 { UInt8(truncatingIfNeeded: value) &+ 0x30 }
            out[0] = digit(y / 1000); out[1] = digit(y / 100 % 10); out[2] = digit(y / 10 % 10); out[3] = digit(y % 10)
            out[4] = UInt8(ascii: "-"); out[5] = digit(m / 10); out[6] = digit(m % 10)
            out[7] = UInt8(ascii: "-"); out[8] = digit(d / 10); out[9] = digit(d % 10)
            return 10
        }
    }

    /// `yyyy-MM-dd` at a fixed offset from UTC (e.g. +8 h for Beijing), for reproducing the local-date mistake.
    public func date(offsetSeconds: Int) -> String {
        Timestamp(unixSeconds: unixSeconds + Int64(offsetSeconds)).utcDate
    }

    public var description: String { "\(unixSeconds) (\(iso8601))" }

    private var components: (Int, Int, Int, Int, Int, Int) {
        let days = Int(unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds - 86_399) / 86_400)
        let secondsOfDay = Int(unixSeconds - Int64(days) * 86_400)
        let (y, m, d) = Timestamp.civilFromDays(days)
        return (y, m, d, secondsOfDay / 3600, secondsOfDay % 3600 / 60, secondsOfDay % 60)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        // Digits are ASCII: the byte count is the character count, without grapheme counting.
        let count = s.utf8.count
        return count >= width ? s : String(repeating: "0", count: width - count) + s
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day count since 1970-01-01 (inverse of `daysFromCivil`).
    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
