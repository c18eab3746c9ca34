/// 学时: a number of certified hours, held exactly as hundredths of an hour.
///
/// Hours are never binary floating point: `0.1 + 0.2` must be `0.30` to the cent,
/// because HR defends every figure line by line.
public struct Hours: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in hundredths of an hour (`2.5` hours is `250`).
    public var hundredths: Int64

    public init(hundredths: Int64) { self.hundredths = hundredths }

    public static let zero = Hours(hundredths: 0)

    /// Whole hours, for literals in code and tests.
    public init(_ whole: Int) { self.hundredths = Int64(whole) * 100 }

    /// The most hours one value may hold: 9,999,999.99. No training comes near it, and sums of
    /// such values (a course's chapters, a learner's year, days × max-hours-per-day) stay far
    /// inside `Int64`: without a bound, two chapters of 92233720368547758 hours trapped the import.
    public static let maximum = Hours(hundredths: 999_999_999)

    /// Parses `2`, `2.5`, `0.25`: zero up to `maximum`, at most two fractional digits.
    public init?(parsing text: Substring) {
        guard let value = FixedPoint.parse(text, fractionDigits: 2, allowsNegative: false),
            value <= Self.maximum.hundredths
        else { return nil }
        self.hundredths = value
    }

    public init?(parsing text: String) { self.init(parsing: Substring(text)) }

    /// Two decimals, as every export writes hours: `2.50`.
    public var description: String { FixedPoint.format(hundredths, fractionDigits: 2) }

    public static func < (a: Hours, b: Hours) -> Bool { a.hundredths < b.hundredths }
    public static func + (a: Hours, b: Hours) -> Hours { Hours(hundredths: a.hundredths + b.hundredths) }
    public static func - (a: Hours, b: Hours) -> Hours { Hours(hundredths: a.hundredths - b.hundredths) }
    public static func += (a: inout Hours, b: Hours) { a.hundredths += b.hundredths }
    public static func -= (a: inout Hours, b: Hours) { a.hundredths -= b.hundredths }
    /// `hours × n`, e.g. days × max-hours-per-day.
    public static func * (a: Hours, n: Int64) -> Hours { Hours(hundredths: a.hundredths * n) }

    public var isZero: Bool { hundredths == 0 }
}

/// Exact decimal text ⇄ scaled integers, shared by hours, positions, rates and settings.
public enum FixedPoint {
    /// Parses an unsigned (or, if allowed, signed) decimal with at most `fractionDigits`
    /// fractional digits into an integer scaled by 10^fractionDigits. Returns nil for
    /// anything else (exponents, thousands separators, too many digits, overflow).
    public static func parse(_ text: Substring, fractionDigits: Int, allowsNegative: Bool = false) -> Int64? {
        parse(text.utf8, fractionDigits: fractionDigits, truncatingExtraDigits: false, allowsNegative: allowsNegative)
    }

    /// Parses decimal bytes. With `truncatingExtraDigits`, further fractional digits are dropped
    /// instead of refused (used for timestamp fractions kept to the millisecond).
    public static func parse<C: Collection>(
        _ bytes: C, fractionDigits: Int, truncatingExtraDigits: Bool, allowsNegative: Bool = false
    ) -> Int64? where C.Element == UInt8 {
        var index = bytes.startIndex
        guard index != bytes.endIndex else { return nil }
        var isNegative = false
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            if bytes[index] == UInt8(ascii: "-") {
                guard allowsNegative else { return nil }
                isNegative = true
            }
            index = bytes.index(after: index)
        }
        var integerPart: Int64 = 0
        var integerDigits = 0
        while index != bytes.endIndex, let digit = asciiDigit(bytes[index]) {
            let (m, o1) = integerPart.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(digit))
            if o1 || o2 { return nil }
            integerPart = s
            integerDigits += 1
            index = bytes.index(after: index)
        }
        var fraction: Int64 = 0
        var fractionCount = 0
        if index != bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index = bytes.index(after: index)
            var sawDigit = false
            while index != bytes.endIndex, let digit = asciiDigit(bytes[index]) {
                sawDigit = true
                if fractionCount < fractionDigits {
                    fraction = fraction * 10 + Int64(digit)
                    fractionCount += 1
                } else if !truncatingExtraDigits {
                    return nil
                }
                index = bytes.index(after: index)
            }
            if !sawDigit { return nil }
        }
        guard index == bytes.endIndex, integerDigits > 0 || fractionCount > 0 else { return nil }
        while fractionCount < fractionDigits { fraction *= 10; fractionCount += 1 }
        let (scaled, o1) = integerPart.multipliedReportingOverflow(by: pow10(fractionDigits))
        let (total, o2) = scaled.addingReportingOverflow(fraction)
        if o1 || o2 { return nil }
        return isNegative ? -total : total
    }

    /// Formats a scaled integer with exactly `fractionDigits` decimals (`250`, 2 → `2.50`).
    public static func format(_ value: Int64, fractionDigits: Int) -> String {
        let scale = pow10(fractionDigits)
        let magnitude = value.magnitude
        let whole = magnitude / UInt64(scale)
        var text = value < 0 ? "-\(whole)" : "\(whole)"
        if fractionDigits > 0 {
            let fraction = String(magnitude % UInt64(scale))
            text += "." + String(repeating: "0", count: fractionDigits - fraction.count) + fraction
        }
        return text
    }

    public static func pow10(_ n: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<n { result *= 10 }
        return result
    }

    @inline(__always)
    static func asciiDigit(_ byte: UInt8) -> UInt8? {
        byte >= 48 && byte <= 57 ? byte - 48 : nil
    }
}
