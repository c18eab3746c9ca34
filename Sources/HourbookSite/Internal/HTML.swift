import HourbookCore

/// A fragment of HTML that is safe to place in a page.
///
/// String interpolation escapes by default, as Plot's `.text`: `"<td>\(name)</td>"` shows a
/// learner named `<script>` as text, in element content and in quoted attribute values alike.
/// Markup that is already safe is interpolated as `HTML` (built the same way) or, explicitly,
/// as `Raw` (fixed strings of the theme only). Only the types overloaded below can be
/// interpolated at all, so a stray `Int64` or `Date` does not compile into a page unformatted.
struct HTML: ExpressibleByStringInterpolation, Sendable {
    private(set) var text: String

    init() { text = "" }

    init(stringLiteral value: String) { text = value }

    init(stringInterpolation: StringInterpolation) { text = stringInterpolation.text }

    mutating func append(_ other: HTML) { text += other.text }

    static func += (lhs: inout HTML, rhs: HTML) { lhs.text += rhs.text }

    static func + (lhs: HTML, rhs: HTML) -> HTML {
        var result = lhs
        result += rhs
        return result
    }

    /// Joins fragments.
    static func joined<S: Sequence>(_ parts: S) -> HTML where S.Element == HTML {
        var result = HTML()
        for part in parts { result += part }
        return result
    }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate(set) var text: String

        init(literalCapacity: Int, interpolationCount: Int) {
            text = ""
            text.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        /// Literals are the theme's own markup.
        mutating func appendLiteral(_ literal: String) { text += literal }

        /// Text from the data: escaped.
        mutating func appendInterpolation(_ value: String) { Escape.html(value, into: &text) }

        mutating func appendInterpolation(_ value: Substring) { Escape.html(String(value), into: &text) }

        /// An optional text: escaped, nothing when absent.
        mutating func appendInterpolation(_ value: String?) {
            if let value { Escape.html(value, into: &text) }
        }

        mutating func appendInterpolation(_ value: HTML) { text += value.text }

        mutating func appendInterpolation(_ value: Raw) { text += value.text }

        mutating func appendInterpolation(_ value: Int) { text += String(value) }

        mutating func appendInterpolation(_ value: Hours) { text += value.description }

        mutating func appendInterpolation(_ value: LocalDate) { text += value.description }

        mutating func appendInterpolation<S: Sequence>(_ parts: S) where S.Element == HTML {
            for part in parts { text += part.text }
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
    static func html(_ value: String, into output: inout String) {
        var needsEscape = false
        for byte in value.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 {
            needsEscape = true
            break
        }
        guard needsEscape else {
            output += value
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
    }

    static func html(_ value: String) -> String {
        var output = ""
        html(value, into: &output)
        return output
    }

    /// A JSON string literal that is also safe inside a `<script>` element: `</` cannot close
    /// the element, and U+2028/U+2029 cannot end a line in older JavaScript engines.
    static func jsonString(_ value: String, into output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<": output += "\\u003c"
            case ">": output += "\\u003e"
            case "&": output += "\\u0026"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    /// A CSV cell: quoted when needed, with the formula guard of OUTPUTS.md (a leading
    /// `= + - @`, tab or carriage return gains a `'`).
    static func csvCell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        if text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + text.replacingOccurrences("\"", with: "\"\"") + "\""
        }
        return text
    }
}

extension String {
    /// A Foundation-free replace for the few places that need one.
    func replacingOccurrences(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
