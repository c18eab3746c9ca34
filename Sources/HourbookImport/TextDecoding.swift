import Foundation
import HourbookCore

#if canImport(Glibc)
import Glibc
#endif

/// Turns a file's bytes into UTF-8 as FORMATS.md says: UTF-8 with or without a byte-order
/// mark; else GB18030 (what Excel writes on Chinese Windows), with an info diagnostic; else a
/// whole-input failure naming the byte offset of the first bad sequence.
public enum TextDecoding {
    /// The outcome for one file.
    public struct Decoded: Sendable {
        /// UTF-8 bytes without a byte-order mark.
        public var utf8: [UInt8]
        /// Whether the file was transcoded from GB18030.
        public var wasGB18030: Bool
    }

    /// Decodes `bytes` read from `file` (relative to the data folder, for messages).
    public static func decode(_ bytes: [UInt8], file: String) throws(InputFailure) -> Decoded {
        var body = bytes
        if body.count >= 3, body[0] == 0xEF, body[1] == 0xBB, body[2] == 0xBF {
            body.removeFirst(3)
            if let offset = firstInvalidUTF8Offset(body) {
                throw InputFailure(
                    file: file, code: .encodingInvalid,
                    message: "the file starts with a UTF-8 byte-order mark but byte \(offset + 3) is not valid UTF-8; save it again as UTF-8")
            }
            return Decoded(utf8: body, wasGB18030: false)
        }
        guard let offset = firstInvalidUTF8Offset(body) else { return Decoded(utf8: body, wasGB18030: false) }
        if let converted = transcodeGB18030(body) { return Decoded(utf8: converted, wasGB18030: true) }
        throw InputFailure(
            file: file, code: .encodingInvalid,
            message: "the file is neither UTF-8 nor GB18030 (first bad byte at offset \(offset)); save it as UTF-8")
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence, or nil.
    public static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        // Fast path: ASCII runs, then the standard library's validator on the rest.
        var index = 0
        let count = bytes.count
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            while index < count {
                let byte = buffer[index]
                if byte < 0x80 { index += 1; continue }
                let length: Int
                if byte & 0xE0 == 0xC0 { length = 2 } else if byte & 0xF0 == 0xE0 { length = 3 } else if byte & 0xF8 == 0xF0 { length = 4 } else { return index }
                guard index + length <= count else { return index }
                let slice = UnsafeBufferPointer(rebasing: buffer[index..<(index + length)])
                var iterator = slice.makeIterator()
                var decoder = UTF8()
                switch decoder.decode(&iterator) {
                case .scalarValue: index += length
                default: return index
                }
            }
            return nil
        }
    }

    /// GB18030 → UTF-8 through glibc's iconv; nil if the bytes are not valid GB18030.
    static func transcodeGB18030(_ bytes: [UInt8]) -> [UInt8]? {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var input = bytes
        var unused = 0
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                if inLeft == 0 { return true }
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                guard result != -1, inLeft == 0 else { return false }
                unused = outLeft
                return true
            }
        }
        guard ok else { return nil }
        output.removeLast(unused)
        // GB18030 maps every byte sequence it accepts; a last check keeps the contract's promise.
        return firstInvalidUTF8Offset(output) == nil ? output : nil
    }
}
