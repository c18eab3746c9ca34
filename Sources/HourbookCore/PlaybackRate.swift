/// A playback speed exactly as the player logged it: a decimal with any number of fractional
/// digits (`1.20000004768` is a float32 `1.2` printed in full), never rounded and never `Double`.
///
/// Held as its normalized digits (no leading zeros in the integer part, no trailing zeros in
/// the fraction, no sign on zero), so equal values have equal texts: `1`, `1.0` and `01.000`
/// are one rate, as de-duplication by value requires. A rate of up to 18 significant digits
/// also carries `mantissa / 10^scale`, for the hot path of the P rules.
public struct PlaybackRate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let isNegative: Bool
    /// ASCII digits of the integer part, without leading zeros ("" for 0.x).
    public let integerDigits: [UInt8]
    /// ASCII digits of the fraction, without trailing zeros.
    public let fractionDigits: [UInt8]
    /// The value as `mantissa / 10^scale` when it fits 18 digits (nil otherwise).
    public let small: (mantissa: Int64, scale: Int)?

    /// 1, the rate of a row that names none.
    public static let one = PlaybackRate(isNegative: false, integerDigits: [0x31], fractionDigits: [])

    /// Parses `[+|-]digits[.digits]` (`.5` too); nil for anything else: exponents, `5.`,
    /// thousands separators, `nan`.
    public init?<C: Collection>(parsing bytes: C) where C.Element == UInt8 {
        var index = bytes.startIndex
        guard index != bytes.endIndex else { return nil }
        var isNegative = false
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            isNegative = bytes[index] == UInt8(ascii: "-")
            index = bytes.index(after: index)
        }
        var integer: [UInt8] = []
        var fraction: [UInt8] = []
        var sawDigit = false
        while index != bytes.endIndex, Self.isDigit(bytes[index]) {
            if !(integer.isEmpty && bytes[index] == UInt8(ascii: "0")) { integer.append(bytes[index]) }
            sawDigit = true
            index = bytes.index(after: index)
        }
        if index != bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index = bytes.index(after: index)
            var sawFraction = false
            while index != bytes.endIndex, Self.isDigit(bytes[index]) {
                fraction.append(bytes[index])
                sawFraction = true
                index = bytes.index(after: index)
            }
            guard sawFraction else { return nil }
            sawDigit = true
        }
        guard index == bytes.endIndex, sawDigit else { return nil }
        while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        self.init(isNegative: isNegative && !(integer.isEmpty && fraction.isEmpty), integerDigits: integer, fractionDigits: fraction)
    }

    public init?(parsing text: String) { self.init(parsing: text.utf8) }

    /// Replaces `text` with the normalized text of `bytes` (what `description` gives for the
    /// rate they spell) without allocating; false if they spell no rate. The import's hot path.
    public static func normalize(_ bytes: UnsafeBufferPointer<UInt8>, into text: inout [UInt8]) -> Bool {
        text.removeAll(keepingCapacity: true)
        let n = bytes.count
        var i = 0
        var isNegative = false
        if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            isNegative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        if isNegative { text.append(UInt8(ascii: "-")) }
        let integerStart = i
        while i < n, bytes[i] == UInt8(ascii: "0") { i += 1 }
        let significantStart = i
        while i < n, isDigit(bytes[i]) { i += 1 }
        var sawDigit = i > integerStart
        if i > significantStart {
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[significantStart..<i]))
        } else {
            text.append(UInt8(ascii: "0"))
        }
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < n, isDigit(bytes[i]) { i += 1 }
            guard i > fractionStart else { return false }
            sawDigit = true
            var fractionEnd = i
            while fractionEnd > fractionStart, bytes[fractionEnd - 1] == UInt8(ascii: "0") { fractionEnd -= 1 }
            if fractionEnd > fractionStart {
                text.append(UInt8(ascii: "."))
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[fractionStart..<fractionEnd]))
            }
        }
        guard i == n, sawDigit else { return false }
        if isNegative, text.count == 2, text[1] == UInt8(ascii: "0") { text.removeFirst() }  // -0 is 0
        return true
    }

    private init(isNegative: Bool, integerDigits: [UInt8], fractionDigits: [UInt8]) {
        self.isNegative = isNegative
        self.integerDigits = integerDigits
        self.fractionDigits = fractionDigits
        if integerDigits.count + fractionDigits.count <= 18 {
            var mantissa: Int64 = 0
            for digit in integerDigits + fractionDigits { mantissa = mantissa * 10 + Int64(digit - 48) }
            small = (isNegative ? -mantissa : mantissa, fractionDigits.count)
        } else {
            small = nil
        }
    }

    /// The normalized text: `1.2`, `0.75`, `-0.5`, `1.20000004768`.
    public var description: String {
        var bytes: [UInt8] = isNegative ? [UInt8(ascii: "-")] : []
        bytes += integerDigits.isEmpty ? [UInt8(ascii: "0")] : integerDigits
        if !fractionDigits.isEmpty { bytes += [UInt8(ascii: ".")] + fractionDigits }
        return String(decoding: bytes, as: UTF8.self)
    }

    public var isPositive: Bool { !isNegative && !(integerDigits.isEmpty && fractionDigits.isEmpty) }

    public static func == (a: PlaybackRate, b: PlaybackRate) -> Bool {
        a.isNegative == b.isNegative && a.integerDigits == b.integerDigits && a.fractionDigits == b.fractionDigits
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(isNegative)
        hasher.combine(integerDigits)
        hasher.combine(fractionDigits)
    }

    public static func < (a: PlaybackRate, b: PlaybackRate) -> Bool {
        if a.isNegative != b.isNegative { return a.isNegative }
        let magnitudeLess = compareMagnitudes(a, b) < 0
        let magnitudeGreater = compareMagnitudes(a, b) > 0
        return a.isNegative ? magnitudeGreater : magnitudeLess
    }

    /// -1, 0 or 1 as |a| is below, equal to or above |b|: digit strings, exactly.
    private static func compareMagnitudes(_ a: PlaybackRate, _ b: PlaybackRate) -> Int {
        if a.integerDigits.count != b.integerDigits.count { return a.integerDigits.count < b.integerDigits.count ? -1 : 1 }
        for (x, y) in zip(a.integerDigits, b.integerDigits) where x != y { return x < y ? -1 : 1 }
        for (x, y) in zip(a.fractionDigits, b.fractionDigits) where x != y { return x < y ? -1 : 1 }
        if a.fractionDigits.count != b.fractionDigits.count { return a.fractionDigits.count < b.fractionDigits.count ? -1 : 1 }
        return 0
    }

    /// Whether `content / self > wall`, exactly, for a positive rate and `content`, `wall` ≥ 0
    /// (the P-IMPLAUSIBLE test: more video than the wall clock allows at this speed).
    public func exceeds(content: Int64, wall: Int64) -> Bool {
        precondition(isPositive && content >= 0 && wall >= 0)
        if let (mantissa, scale) = small {
            // content × 10^scale > mantissa × wall; both sides below 10^37, inside Int128.
            return Int128(content) * Self.powerOfTen(scale) > Int128(mantissa) * Int128(wall)
        }
        return exceedsByLongDivision(content: content, wall: wall)
    }

    /// `exceeds` for a rate of any length: content / wall against the rate, digit by digit.
    func exceedsByLongDivision(content: Int64, wall: Int64) -> Bool {
        guard wall > 0 else { return content > 0 }
        let quotient = content / wall
        var remainder = Int128(content % wall)
        let quotientDigits = Array(String(quotient).utf8).drop { $0 == UInt8(ascii: "0") }
        if quotientDigits.count != integerDigits.count { return quotientDigits.count > integerDigits.count }
        for (x, y) in zip(quotientDigits, integerDigits) where x != y { return x > y }
        for digit in fractionDigits {
            remainder *= 10
            let next = UInt8(remainder / Int128(wall)) + 48
            remainder %= Int128(wall)
            if next != digit { return next > digit }
        }
        return remainder > 0
    }

    private static func powerOfTen(_ n: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<n { result *= 10 }
        return result
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
