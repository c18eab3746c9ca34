import HourbookCore

/// Escaping for the certificates' scripts (their HTML text goes through `Bytes.appendHTMLEscaped`,
/// as the site's does).
///
/// It works on UTF-8 bytes: every character it replaces is ASCII (or, for U+2028 and U+2029,
/// one fixed three-byte sequence), and no byte of a multi-byte character is below 0x80.
enum Markup {
    /// Appends a JSON string literal that is also safe inside a script file or element: `<`, `>`
    /// and `&` as `\u003c`…, U+2028/U+2029 escaped (older JavaScript engines end a line there).
    static func appendJSONString(_ text: String, to bytes: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): Bytes.append("\\\"", to: &bytes)
                case UInt8(ascii: "\\"): Bytes.append("\\\\", to: &bytes)
                case 0x0A: Bytes.append("\\n", to: &bytes)
                case 0x0D: Bytes.append("\\r", to: &bytes)
                case 0x09: Bytes.append("\\t", to: &bytes)
                case UInt8(ascii: "<"): Bytes.append("\\u003c", to: &bytes)
                case UInt8(ascii: ">"): Bytes.append("\\u003e", to: &bytes)
                case UInt8(ascii: "&"): Bytes.append("\\u0026", to: &bytes)
                case 0xE2 where index + 1 < utf8.count && utf8[index] == 0x80 && (utf8[index + 1] == 0xA8 || utf8[index + 1] == 0xA9):
                    Bytes.append(utf8[index + 1] == 0xA8 ? "\\u2028" : "\\u2029", to: &bytes)
                    index += 2
                case 0..<0x20:
                    Bytes.append("\\u00", to: &bytes)
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0x0F)])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
