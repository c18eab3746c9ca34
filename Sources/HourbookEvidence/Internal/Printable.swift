/// Renders untrusted text (ids, paths from the data folder, zip entry names) for a plain-text
/// file or a terminal: control and bidirectional formatting characters become `\u{…}` escapes,
/// so a hostile name can neither break a line nor reorder what the reader sees.
enum Printable {
    static func escaped(_ text: String) -> String {
        // Most ids, names and paths need no escape: return them as they are, unbuilt.
        guard text.unicodeScalars.contains(where: { isHidden($0) || $0 == "\\" }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isHidden(scalar) || scalar == "\\" {
                result += scalar == "\\" ? "\\\\" : "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Control characters (C0, DEL, C1), format characters such as bidi overrides and
    /// zero-width joiners, line and paragraph separators.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII, nearly every scalar of ids and paths, holds no hidden character but the
        // controls: answered without the Unicode property lookup.
        if scalar.isASCII { return scalar.value < 0x20 || scalar.value == 0x7F }
        return switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse: true
        default: false
        }
    }
}
