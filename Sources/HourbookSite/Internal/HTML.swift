import HourbookCore
import HourbookRules

/// A fragment of HTML that is safe to place in a page, held as UTF-8 bytes.
///
/// String interpolation escapes by default, as Plot's `.text`: `"<td>\(name)</td>"` shows a
/// learner named `<script>` as text, in element content and in quoted attribute values alike.
/// Markup that is already safe is interpolated as `HTML` (built the same way) or, explicitly,
/// as `Raw` (fixed strings of the theme only). Only the types overloaded below can be
/// interpolated at all, so a stray `Int64` or `Date` does not compile into a page unformatted.
///
/// Pages are built as bytes, not `String`s: appending bytes needs no Unicode bookkeeping, and a
/// page goes to its file as it is (FINDINGS.md: plain building + one escape is fastest).
struct HTML: ExpressibleByStringInterpolation, Sendable {
    private(set) var bytes: [UInt8]

    init() { bytes = [] }

    /// An empty fragment with room for `capacity` bytes (a page's buffer).
    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    init(stringLiteral value: String) {
        bytes = []
        Bytes.append(value, to: &bytes)
    }

    init(stringInterpolation: StringInterpolation) { bytes = stringInterpolation.bytes }

    var isEmpty: Bool { bytes.isEmpty }

    /// The fragment as text (tests and the few callers that need a `String`).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ other: HTML) { bytes.append(contentsOf: other.bytes) }

    static func += (lhs: inout HTML, rhs: HTML) { lhs.bytes.append(contentsOf: rhs.bytes) }

    static func + (lhs: HTML, rhs: HTML) -> HTML {
        var result = lhs
        result += rhs
        return result
    }

    /// Appends the theme's own markup as is (fixed strings only, never data): the hot rows of
    /// the ledger tables are written piece by piece into the page, with no fragment per row.
    mutating func raw(_ markup: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: markup.utf8Start, count: markup.utf8CodeUnitCount))
    }

    /// Appends the markup at `range` of a store of fragments (escaped when they were stored).
    mutating func append(_ range: Range<Int>, of store: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: store[range]))
    }

    /// Appends text from the data, escaped.
    mutating func text(_ value: String) { Escape.html(value, into: &bytes) }

    /// Appends a ledger reason as `reasons` renders it (escaped, in the page language).
    mutating func append(_ reason: Reason, from reasons: inout RenderedReasons) { reasons.append(reason, to: &bytes) }

    /// Appends hours as `12.50` (as `Hours.description`).
    mutating func append(_ hours: Hours) {
        appendFormatted { buffer, end in
            let magnitude = hours.hundredths.magnitude
            var start = Digits.write(magnitude % 100, minimumWidth: 2, endingAt: end, in: buffer)
            start -= 1
            buffer[start] = UInt8(ascii: ".")
            start = Digits.write(magnitude / 100, minimumWidth: 1, endingAt: start, in: buffer)
            if hours.hundredths < 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            return start
        }
    }

    /// Appends a date as `2024-09-01` (as `LocalDate.description`).
    mutating func append(_ date: LocalDate) {
        appendFormatted { buffer, end in
            var start = Digits.write(UInt64(date.day), minimumWidth: 2, endingAt: end, in: buffer)
            start -= 1
            buffer[start] = UInt8(ascii: "-")
            start = Digits.write(UInt64(date.month), minimumWidth: 2, endingAt: start, in: buffer)
            start -= 1
            buffer[start] = UInt8(ascii: "-")
            return Digits.write(UInt64(date.year), minimumWidth: 4, endingAt: start, in: buffer)
        }
    }

    /// Appends a decimal integer.
    mutating func append(_ value: Int) {
        appendFormatted { buffer, end in
            var start = Digits.write(UInt64(value.magnitude), minimumWidth: 1, endingAt: end, in: buffer)
            if value < 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            return start
        }
    }

    /// Appends a time of day as `09:00` (as `TimeOfDay.description`).
    mutating func append(_ time: TimeOfDay) {
        appendFormatted { buffer, end in
            var start = Digits.write(UInt64(time.minutes % 60), minimumWidth: 2, endingAt: end, in: buffer)
            start -= 1
            buffer[start] = UInt8(ascii: ":")
            return Digits.write(UInt64(time.minutes / 60), minimumWidth: 2, endingAt: start, in: buffer)
        }
    }

    /// Appends a number that `format` writes right to left into a buffer on the stack, ending
    /// at the given index and returning where it starts: one append per number, not one per
    /// byte. Appending byte by byte, each byte checking the page's capacity and uniqueness,
    /// and dividing by a variable power of ten was 4.4 % of the site stage's samples at 20,000
    /// learners; this is 1 % (the divisions are by the constant 10, which compile to
    /// multiplications).
    private mutating func appendFormatted(
        _ format: (UnsafeMutableBufferPointer<UInt8>, Int) -> Int
    ) {
        // Room for any UInt64, a sign and separators.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            let start = format(buffer, buffer.count)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// Joins fragments.
    static func joined<S: Sequence>(_ parts: S) -> HTML where S.Element == HTML {
        var result = HTML()
        for part in parts { result += part }
        return result
    }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate(set) var bytes: [UInt8]

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes = []
            bytes.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        /// Literals are the theme's own markup.
        mutating func appendLiteral(_ literal: String) { Bytes.append(literal, to: &bytes) }

        /// Text from the data: escaped.
        mutating func appendInterpolation(_ value: String) { Escape.html(value, into: &bytes) }

        mutating func appendInterpolation(_ value: Substring) { Escape.html(String(value), into: &bytes) }

        /// An optional text: escaped, nothing when absent.
        mutating func appendInterpolation(_ value: String?) {
            if let value { Escape.html(value, into: &bytes) }
        }

        mutating func appendInterpolation(_ value: HTML) { bytes.append(contentsOf: value.bytes) }

        mutating func appendInterpolation(_ value: Raw) { Bytes.append(value.text, to: &bytes) }

        mutating func appendInterpolation(_ value: Int) { Bytes.appendDecimal(Int64(value), to: &bytes) }

        mutating func appendInterpolation(_ value: Hours) { Bytes.append(value, to: &bytes) }

        mutating func appendInterpolation(_ value: LocalDate) { Bytes.append(value, to: &bytes) }

        mutating func appendInterpolation<S: Sequence>(_ parts: S) where S.Element == HTML {
            for part in parts { bytes.append(contentsOf: part.bytes) }
        }
    }
}

/// Markup placed as is: only for the theme's fixed strings (never data).
struct Raw: Sendable {
    let text: String
    init(_ text: String) { self.text = text }
}

/// The one escape function of the site (FINDINGS.md: plain building + one escape is fastest).
enum Escape {
    /// Escapes `& < > " '` so the text is safe in element content and in quoted attributes.
    static func html(_ value: String, into output: inout [UInt8]) { Bytes.appendHTMLEscaped(value, to: &output) }

    static func html(_ value: String) -> String {
        var output: [UInt8] = []
        html(value, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// A JSON string literal that is also safe inside a `<script>` element: `</` cannot close
    /// the element, and U+2028/U+2029 cannot end a line in older JavaScript engines.
    static func jsonString(_ value: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        let utf8 = Array(value.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): Bytes.append("\\\"", to: &output)
            case UInt8(ascii: "\\"): Bytes.append("\\\\", to: &output)
            case UInt8(ascii: "<"): Bytes.append("\\u003c", to: &output)
            case UInt8(ascii: ">"): Bytes.append("\\u003e", to: &output)
            case UInt8(ascii: "&"): Bytes.append("\\u0026", to: &output)
            case 0..<0x20:
                let hex: StaticString = "0123456789abcdef"
                Bytes.append("\\u00", to: &output)
                output.append(hex.utf8Start[Int(byte >> 4)])
                output.append(hex.utf8Start[Int(byte & 15)])
            case 0xE2 where index + 1 < utf8.count && utf8[index] == 0x80 && (utf8[index + 1] == 0xA8 || utf8[index + 1] == 0xA9):
                // U+2028 / U+2029.
                Bytes.append(utf8[index + 1] == 0xA8 ? "\\u2028" : "\\u2029", to: &output)
                index += 2
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The same, appended to a `String`.
    static func jsonString(_ value: String, into output: inout String) {
        var bytes: [UInt8] = []
        jsonString(value, into: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }
}
