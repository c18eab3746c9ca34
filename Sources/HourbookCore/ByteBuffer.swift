/// Bytes being assembled for a file, with the appends the exports need on their hot paths
/// (millions of ledger lines): no intermediate `String` per value.
public struct ByteBuffer: Sendable {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inline(__always)
    public mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A decimal integer.
    public mutating func append(_ value: Int) { Bytes.appendDecimal(Int64(value), to: &bytes) }

    /// Hours with two decimals (`2.50`), without going through `String`.
    public mutating func append(_ hours: Hours) { Bytes.append(hours, to: &bytes) }

    /// `YYYY-MM-DD`.
    public mutating func append(_ date: LocalDate) { Bytes.append(date, to: &bytes) }

    /// A JSON string literal: quotes, backslashes, control characters and U+2028/U+2029 escaped.
    public mutating func appendJSONString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                var escape: StaticString?
                var skip = 1
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0xE2 where index + 2 < count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    escape = utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    skip = 3
                default:
                    if byte < 0x20 {
                        bytes.append(contentsOf: utf8[runStart..<index])
                        let hex: [UInt8] = Array("0123456789abcdef".utf8)
                        bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
                        index += 1
                        runStart = index
                        continue
                    }
                }
                if let escape {
                    bytes.append(contentsOf: utf8[runStart..<index])
                    append(escape)
                    index += skip
                    runStart = index
                } else {
                    index += 1
                }
            }
            bytes.append(contentsOf: utf8[runStart..<count])
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
