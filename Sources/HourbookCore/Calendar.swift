/// A civil date with no time zone (`2021-06-07`): a session's date, a filing's start.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `YYYYMMDD` in one integer: millions of ledger entries carry a date.
    private let packed: Int32

    /// `YYYYMMDD` as one integer: ordering dates by it orders them by time.
    public var ordinal: Int32 { packed }

    /// The date whose `ordinal` this is (a value `ordinal` returned: stored compactly elsewhere).
    public init(ordinal: Int32) { packed = ordinal }

    public var year: Int { Int(packed / 10_000) }
    public var month: Int { Int(packed / 100 % 100) }
    public var day: Int { Int(packed % 100) }

    /// Creates a date if it exists in the proleptic Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= LocalDate.daysIn(month: month, year: year)
        else { return nil }
        self.packed = Int32(year * 10_000 + month * 100 + day)
    }

    /// Days since 1970-01-01 (negative before), for arithmetic and instants.
    public var dayNumber: Int64 {
        // Howard Hinnant's days_from_civil.
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber z0: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.packed = Int32((m <= 2 ? y + 1 : y) * 10_000 + m * 100 + d)
    }

    /// Parses `YYYY-MM-DD` (two-digit month and day) or `YYYY/M/D` (one or two digits, as Excel writes).
    public init?(parsing text: Substring) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 8, bytes.count <= 10 else { return nil }
        guard let year = Self.number(bytes[0..<4]) else { return nil }
        let rest = bytes[4...]
        if bytes[4] == UInt8(ascii: "-") {
            guard bytes.count == 10, bytes[7] == UInt8(ascii: "-"),
                let month = Self.number(bytes[5..<7]), let day = Self.number(bytes[8..<10])
            else { return nil }
            self.init(year: year, month: month, day: day)
        } else if bytes[4] == UInt8(ascii: "/") {
            let parts = rest.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            guard parts.count == 2, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
                let month = Self.number(parts[0]), let day = Self.number(parts[1])
            else { return nil }
            self.init(year: year, month: month, day: day)
        } else {
            return nil
        }
    }

    public init?(parsing text: String) { self.init(parsing: Substring(text)) }

    /// `YYYY-MM-DD`.
    public var description: String {
        Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.packed < b.packed }

    /// The number of days from `self` to `other` (`other − self`).
    public func days(to other: LocalDate) -> Int64 { other.dayNumber - dayNumber }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func number<C: Collection>(_ digits: C) -> Int? where C.Element == UInt8 {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// A time of day `HH:MM`, `00:00`–`23:59`, as minutes after midnight.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let minutes: Int

    public init?(minutes: Int) {
        guard (0..<24 * 60).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    public init?(parsing text: Substring) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
            let hour = LocalDate.number(bytes[0..<2]), let minute = LocalDate.number(bytes[3..<5]),
            hour < 24, minute < 60
        else { return nil }
        self.minutes = hour * 60 + minute
    }

    public var description: String { LocalDate.pad(minutes / 60, 2) + ":" + LocalDate.pad(minutes % 60, 2) }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
}

/// A fixed offset from UTC, such as the configured `+08:00`.
public struct UTCOffset: Hashable, Sendable, CustomStringConvertible {
    public let minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    /// China Standard Time, the default time zone.
    public static let china = UTCOffset(minutes: 8 * 60)

    /// Parses `Z` or `±HH:MM` (hours 00–23, minutes 00–59).
    public init?(parsing text: Substring) {
        if text == "Z" || text == "z" { self.minutes = 0; return }
        let bytes = Array(text.utf8)
        guard bytes.count == 6, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"),
            bytes[3] == UInt8(ascii: ":"),
            let hours = LocalDate.number(bytes[1..<3]), let minutes = LocalDate.number(bytes[4..<6]),
            hours < 24, minutes < 60
        else { return nil }
        let total = hours * 60 + minutes
        self.minutes = bytes[0] == UInt8(ascii: "-") ? -total : total
    }

    public var milliseconds: Int64 { Int64(minutes) * 60_000 }

    public var description: String {
        if minutes == 0 { return "Z" }
        let sign = minutes < 0 ? "-" : "+"
        return sign + LocalDate.pad(abs(minutes) / 60, 2) + ":" + LocalDate.pad(abs(minutes) % 60, 2)
    }
}

/// An instant, to the millisecond, as milliseconds since 1970-01-01T00:00:00Z.
public struct Timestamp: Hashable, Comparable, Sendable {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.millisecondsSinceEpoch < b.millisecondsSinceEpoch }

    /// The instant at `time` on `date` in the zone `offset`.
    public init(date: LocalDate, minutes: Int, offset: UTCOffset) {
        self.millisecondsSinceEpoch =
            date.dayNumber * 86_400_000 + Int64(minutes) * 60_000 - offset.milliseconds
    }

    /// The local date of this instant in the zone `offset`.
    public func localDate(in offset: UTCOffset) -> LocalDate {
        let local = millisecondsSinceEpoch + offset.milliseconds
        let day = local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
        return LocalDate(dayNumber: day)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff…][Z|±HH:MM]` (a space may stand for `T`) from bytes.
    /// Fractions are kept to the millisecond; a timestamp without an offset is in `defaultOffset`.
    /// About 30 M/s: `ISO8601DateFormatter` manages 22 k/s here (FINDINGS.md), far too slow for 10 M rows.
    public static func parse<C: RandomAccessCollection>(_ bytes: C, defaultOffset: UTCOffset) -> Timestamp?
    where C.Element == UInt8, C.Index == Int {
        let n = bytes.count
        guard n >= 19 else { return nil }
        let b = bytes.startIndex
        @inline(__always) func digit(_ i: Int) -> Int64? {
            let v = bytes[b + i]
            return v >= 48 && v <= 57 ? Int64(v - 48) : nil
        }
        @inline(__always) func two(_ i: Int) -> Int64? {
            guard let x = digit(i), let y = digit(i + 1) else { return nil }
            return x * 10 + y
        }
        guard let y1 = two(0), let y2 = two(2), bytes[b + 4] == 45, let month = two(5), bytes[b + 7] == 45,
            let day = two(8), bytes[b + 10] == UInt8(ascii: "T") || bytes[b + 10] == UInt8(ascii: " ")
                || bytes[b + 10] == UInt8(ascii: "t"),
            let hour = two(11), bytes[b + 13] == 58, let minute = two(14), bytes[b + 16] == 58, let second = two(17),
            hour < 24, minute < 60, second < 60,
            let date = LocalDate(year: Int(y1 * 100 + y2), month: Int(month), day: Int(day))
        else { return nil }
        var i = 19
        var millis: Int64 = 0
        if i < n, bytes[b + i] == UInt8(ascii: ".") {
            i += 1
            var count = 0
            while i < n, let d = digit(i) {
                if count < 3 { millis = millis * 10 + d }
                count += 1
                i += 1
            }
            guard count > 0 else { return nil }
            if count == 1 { millis *= 100 } else if count == 2 { millis *= 10 }
        }
        var offset = defaultOffset
        if i < n {
            let rest = bytes[(b + i)...]
            guard let parsed = UTCOffset(parsing: Substring(decoding: rest, as: UTF8.self)) else { return nil }
            offset = parsed
        }
        let local = date.dayNumber * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis
        return Timestamp(millisecondsSinceEpoch: local - offset.milliseconds)
    }

    public static func parse(_ text: Substring, defaultOffset: UTCOffset) -> Timestamp? {
        let bytes = Array(text.utf8)
        return parse(bytes, defaultOffset: defaultOffset)
    }

    /// ISO 8601 in the zone `offset`, with milliseconds only when non-zero: `2021-06-07T09:00:00+08:00`.
    public func formatted(in offset: UTCOffset) -> String {
        let local = millisecondsSinceEpoch + offset.milliseconds
        let dayMillis = ((local % 86_400_000) + 86_400_000) % 86_400_000
        let date = localDate(in: offset)
        let seconds = dayMillis / 1000
        var text = date.description + "T" + LocalDate.pad(Int(seconds / 3600), 2) + ":"
            + LocalDate.pad(Int(seconds / 60 % 60), 2) + ":" + LocalDate.pad(Int(seconds % 60), 2)
        if dayMillis % 1000 != 0 { text += "." + LocalDate.pad(Int(dayMillis % 1000), 3) }
        return text + (offset.minutes == 0 ? "+00:00" : offset.description)
    }
}
