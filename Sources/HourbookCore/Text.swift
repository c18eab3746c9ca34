/// The small text rules FORMATS.md applies to every value.
public enum Text {
    /// Removes leading and trailing Unicode White_Space (including U+3000 ideographic space
    /// and line breaks). An empty result is an absent value.
    public static func trimmed(_ text: Substring) -> Substring {
        // Fast path: most values start and end with a printable ASCII byte.
        if let first = text.utf8.first, let last = text.utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return text
        }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard scalars[before].properties.isWhitespace else { break }
            end = before
        }
        return Substring(scalars[start..<end])
    }

    public static func trimmed(_ text: String) -> String { String(trimmed(Substring(text))) }

    /// The trimmed value, or nil when nothing is left.
    public static func value(_ text: Substring) -> Substring? {
        let result = trimmed(text)
        return result.isEmpty ? nil : result
    }

    /// Whether `text` is a valid identifier: non-empty, at most 64 Unicode scalars,
    /// no white space at either end.
    public static func isValidIdentifier(_ text: Substring) -> Bool {
        guard !text.isEmpty else { return false }
        var count = 0
        for _ in text.unicodeScalars {
            count += 1
            if count > 64 { return false }
        }
        return trimmed(text).count == text.count
    }

    /// Parses `yes/no`, `true/false`, `1/0`, `是/否`, ignoring case.
    public static func boolean(_ text: Substring) -> Bool? {
        switch text.lowercased() {
        case "yes", "true", "1", "是": return true
        case "no", "false", "0", "否": return false
        default: return nil
        }
    }

    /// The number of Unicode scalar values, as length limits are counted.
    public static func scalarCount(_ text: String) -> Int { text.unicodeScalars.count }
}
