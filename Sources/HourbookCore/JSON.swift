/// JSON text for strings: quotes, backslashes, control characters and the two line
/// separators JavaScript refuses in string literals (U+2028, U+2029) escaped.
public enum JSON {
    public static func string(_ text: String) -> String {
        var buffer = ByteBuffer(capacity: text.utf8.count + 2)
        buffer.appendJSONString(text)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }
}
