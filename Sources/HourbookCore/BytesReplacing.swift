extension Bytes {
    /// Appends `text`'s UTF-8 bytes, each byte for which `replacement` gives text replaced by
    /// it (escaping): one pass over the bytes in place, the runs between replacements copied
    /// whole. Only ASCII bytes can be replaced safely, as no byte of a longer character is.
    /// Inlinable, so that callers in other modules get the replacement folded into the loop
    /// instead of a closure call per byte.
    @inlinable @inline(__always)
    public static func append(
        _ text: String, to bytes: inout [UInt8], replacing replacement: (UInt8) -> StaticString?
    ) {
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                guard let replaced = replacement(utf8[index]) else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                replaced.withUTF8Buffer { bytes.append(contentsOf: $0) }
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }

    /// Appends `text` with `& < > " '` escaped: safe in element content and in quoted
    /// attributes. The one HTML escape of every page (site and certificates).
    @inlinable
    public static func appendHTMLEscaped(_ text: String, to bytes: inout [UInt8]) {
        append(text, to: &bytes, replacing: { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&#39;"
            default: nil
            }
        })
    }
}
