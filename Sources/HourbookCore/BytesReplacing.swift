extension Bytes {
    /// Appends `text`'s UTF-8 bytes, each byte for which `replacement` gives text replaced by
    /// it (escaping): one pass over the bytes in place, the runs between replacements copied
    /// whole. Only ASCII bytes can be replaced safely, as no byte of a longer character is.
    @inline(__always)
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
}
