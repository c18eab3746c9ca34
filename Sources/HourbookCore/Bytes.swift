/// Lowercase hexadecimal of bytes (digests in manifests, exports, fingerprints), without a
/// String per byte.
public func lowercaseHex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(bytes.underestimatedCount * 2)
    for byte in bytes {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
}

/// Appending text and numbers to a byte buffer, with no Foundation and no intermediate
/// `String`: they run for every cell of 100,000 pages and every line of the ledger export.
public enum Bytes {
    /// Appends `text`'s UTF-8 bytes as they are.
    @inline(__always)
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if done == nil { bytes.append(contentsOf: text.utf8) }
    }

    /// Appends an integer in decimal, with a leading `-` when negative.
    public static func appendDecimal(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, minimumWidth: 1, to: &bytes)
    }

    /// Appends the decimal digits of `value`, zero-padded on the left to `minimumWidth`.
    public static func appendDigits(_ value: UInt64, minimumWidth: Int, to bytes: inout [UInt8]) {
        // 20 digits hold any UInt64.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var rest = value
            var index = buffer.count
            repeat {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            while buffer.count - index < minimumWidth && index > 0 {
                index -= 1
                buffer[index] = UInt8(ascii: "0")
            }
            bytes.append(contentsOf: buffer[index...])
        }
    }

    /// `12.50`: as `Hours.description`.
    public static func append(_ hours: Hours, to bytes: inout [UInt8]) {
        let value = hours.hundredths
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        appendDigits(magnitude / 100, minimumWidth: 1, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        appendDigits(magnitude % 100, minimumWidth: 2, to: &bytes)
    }

    /// `2024-09-01`: as `LocalDate.description`.
    public static func append(_ date: LocalDate, to bytes: inout [UInt8]) {
        appendDigits(UInt64(date.year), minimumWidth: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(date.month), minimumWidth: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(date.day), minimumWidth: 2, to: &bytes)
    }
}
