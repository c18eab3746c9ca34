import HourbookCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written through a 1 MiB buffer, with allocation-free formatting of the numbers,
/// dates and timestamps that fill 10 million playback rows (no `String(format:)`, no `DateFormatter`).
final class ByteSink {
    private let file: UnsafeMutablePointer<FILE>
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity = 1 << 20
    private var count = 0
    private(set) var bytesWritten = 0
    /// A failed write while making room, reported by `close()`.
    private var hasFailed = false
    let path: String
    private var cachedDay: Int64 = .min
    private var cachedDate: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    init(path: String) throws {
        guard let file = fopen(path, "wb") else { throw DemoDataError.cannotWrite(path) }
        self.file = file
        self.path = path
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    private func flush() throws {
        if count > 0 {
            guard fwrite(buffer, 1, count, file) == count else { throw DemoDataError.cannotWrite(path) }
            bytesWritten += count
            count = 0
        }
    }

    /// Flushes and closes the file.
    func close() throws {
        try flush()
        guard fclose(file) == 0, !hasFailed else { throw DemoDataError.cannotWrite(path) }
    }

    /// Makes room for `n` more bytes (n ≤ capacity).
    @inline(__always)
    private func reserve(_ n: Int) {
        if count + n > capacity {
            do { try flush() } catch { hasFailed = true; count = 0 }
        }
    }

    @inline(__always)
    func byte(_ value: UInt8) {
        reserve(1)
        buffer[count] = value
        count += 1
    }

    func bytes(_ values: [UInt8]) {
        if values.count > capacity {
            for value in values { byte(value) }
            return
        }
        reserve(values.count)
        values.withUnsafeBufferPointer { source in
            (buffer + count).update(from: source.baseAddress!, count: source.count)
        }
        count += values.count
    }

    func text(_ value: String) {
        var value = value
        value.withUTF8 { source in
            if source.count > capacity {
                for b in source { byte(b) }
                return
            }
            reserve(source.count)
            if let base = source.baseAddress { (buffer + count).update(from: base, count: source.count) }
            count += source.count
        }
    }

    /// A non-negative integer, zero-padded to `width` digits.
    @inline(__always)
    func integer(_ value: Int64, width: Int = 0) {
        reserve(24)
        var digits: (UInt64, Int) = (UInt64(value), 0)
        var scratch: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { raw in
            repeat {
                raw[19 - digits.1] = UInt8(48 + digits.0 % 10)
                digits.0 /= 10
                digits.1 += 1
            } while digits.0 > 0
            while digits.1 < width && digits.1 < 20 {
                raw[19 - digits.1] = 48
                digits.1 += 1
            }
            for i in (20 - digits.1)..<20 {
                buffer[count] = raw[i]
                count += 1
            }
        }
    }

    /// A fixed-point decimal with trailing fractional zeros dropped: `scaled` / 10^`digits`
    /// (`612500`, 3 → `612.5`). With `keepsOneDecimal`, whole numbers get `.0` (`1.0`).
    func decimal(_ scaled: Int64, digits: Int, keepsOneDecimal: Bool = false) {
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        integer(scaled / scale)
        var fraction = scaled % scale
        var places = digits
        if fraction == 0 {
            if keepsOneDecimal { byte(46); byte(48) }
            return
        }
        while fraction % 10 == 0 { fraction /= 10; places -= 1 }
        byte(46)
        integer(fraction, width: places)
    }

    /// A civil date `YYYY-MM-DD` from days since 1970-01-01.
    func date(dayNumber: Int64) {
        if dayNumber != cachedDay {
            cachedDay = dayNumber
            let date = DemoCalendar.date(dayNumber: dayNumber)
            let y = date.year, m = date.month, d = date.day
            cachedDate = (
                UInt8(48 + y / 1000), UInt8(48 + y / 100 % 10), UInt8(48 + y / 10 % 10), UInt8(48 + y % 10), 45,
                UInt8(48 + m / 10), UInt8(48 + m % 10), 45, UInt8(48 + d / 10), UInt8(48 + d % 10)
            )
        }
        reserve(10)
        withUnsafeBytes(of: &cachedDate) { raw in
            for i in 0..<10 { buffer[count + i] = raw[i] }
        }
        count += 10
    }

    /// An ISO 8601 timestamp to the second, in `+08:00` (`2024-04-08T20:00:00+08:00`)
    /// or, with `isUTC`, in UTC (`2024-04-08T12:00:00Z`). `separator` may be a space.
    func timestamp(_ milliseconds: Int64, isUTC: Bool, separator: UInt8 = 84, writesOffset: Bool = true) {
        let local = milliseconds + (isUTC ? 0 : 8 * 3_600_000)
        let day = local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
        let seconds = (local - day * 86_400_000) / 1000
        date(dayNumber: day)
        reserve(16)
        let h = seconds / 3600, mi = seconds / 60 % 60, s = seconds % 60
        buffer[count] = separator
        buffer[count + 1] = UInt8(48 + h / 10)
        buffer[count + 2] = UInt8(48 + h % 10)
        buffer[count + 3] = 58
        buffer[count + 4] = UInt8(48 + mi / 10)
        buffer[count + 5] = UInt8(48 + mi % 10)
        buffer[count + 6] = 58
        buffer[count + 7] = UInt8(48 + s / 10)
        buffer[count + 8] = UInt8(48 + s % 10)
        count += 9
        guard writesOffset else { return }
        if isUTC {
            byte(90)
        } else {
            for b in "+08:00".utf8 { buffer[count] = b; count += 1 }
        }
    }
}

/// Calendar arithmetic on plain integers, shared by the generators (HourbookCore's
/// `LocalDate` does the arithmetic).
enum DemoCalendar {
    /// Days since 1970-01-01 → (year, month, day).
    static func date(dayNumber: Int64) -> (year: Int, month: Int, day: Int) {
        let date = LocalDate(dayNumber: dayNumber)
        return (date.year, date.month, date.day)
    }

    /// (year, month, day) → days since 1970-01-01; a day past the month's end runs on into
    /// the next month, as the generators' offsets expect.
    static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        LocalDate(year: year, month: month, day: 1)!.dayNumber + Int64(day - 1)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The instant (ms since epoch) of a local China time.
    static func instant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0) -> Int64 {
        (dayNumber(year, month, day) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - 8 * 3600) * 1000
    }

    /// `YYYY-MM-DD`.
    static func text(_ year: Int, _ month: Int, _ day: Int) -> String {
        String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }

    /// `YYYY-MM-DD` of a day number.
    static func text(dayNumber: Int64) -> String {
        let d = date(dayNumber: dayNumber)
        return text(d.year, d.month, d.day)
    }

    /// `2024-12-20T09:00:00+08:00` for an instant.
    static func timestampText(_ milliseconds: Int64) -> String {
        let local = milliseconds / 1000 + 8 * 3600
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let s = local - day * 86_400
        func two(_ v: Int64) -> String { (v < 10 ? "0" : "") + String(v) }
        return text(dayNumber: day) + "T" + two(s / 3600) + ":" + two(s / 60 % 60) + ":" + two(s % 60) + "+08:00"
    }
}

/// Zero-padded decimal text (`7`, 4 → `0007`).
func padded(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
