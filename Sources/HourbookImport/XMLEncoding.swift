import HourbookCore

#if canImport(Glibc)
import Glibc
#endif

/// Turns an XML file's bytes into the UTF-8 that `XMLStreamReader` hands to libxml2.
///
/// FORMATS.md: "UTF-8 or declared encoding". A document that declares an encoding other than
/// UTF-8 (`<?xml version="1.0" encoding="GB18030"?>`) is transcoded from it; one that declares
/// none and is not UTF-8 gets the common rule, GB18030 with an info diagnostic. A document
/// that declares UTF-8 is held to it. libxml2 then reads UTF-8 only and ignores the declaration.
enum XMLEncoding {
    /// The document as UTF-8, and the info diagnostic when it was read as GB18030 by fallback.
    struct Decoded {
        var utf8: [UInt8]
        var diagnostics: [Diagnostic]
    }

    /// Decodes the bytes of `file` (relative to the data folder, for messages).
    static func decode(_ bytes: [UInt8], file: String) throws(InputFailure) -> Decoded {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            // UTF-16 announces itself with its byte-order mark; iconv's "UTF-16" reads the mark.
            guard let utf8 = transcode(bytes, from: "UTF-16") else {
                throw InputFailure(
                    file: file, code: .encodingInvalid,
                    message: "the file starts with a UTF-16 byte-order mark but is not valid UTF-16; save it as UTF-8")
            }
            return Decoded(utf8: utf8, diagnostics: [])
        }
        let hasByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let declared = hasByteOrderMark ? nil : declaredEncoding(bytes)
        guard let declared, !isUTF8(declared) else {
            if declared != nil || hasByteOrderMark {
                // Declared (or marked) UTF-8 must be UTF-8: no guessing against the file's own word.
                let body = hasByteOrderMark ? Array(bytes.dropFirst(3)) : bytes
                if let offset = TextDecoding.firstInvalidUTF8Offset(body) {
                    let position = offset + (hasByteOrderMark ? 3 : 0)
                    throw InputFailure(
                        file: file, code: .encodingInvalid,
                        message: "the file says it is UTF-8 but byte \(position) is not valid UTF-8; save it again as UTF-8")
                }
                return Decoded(utf8: body, diagnostics: [])
            }
            let decoded = try TextDecoding.decode(bytes, file: file)
            var diagnostics: [Diagnostic] = []
            if decoded.wasGB18030 {
                diagnostics.append(
                    Diagnostic(
                        file: file, line: 0, severity: .info, code: .encodingGB18030,
                        message: "the file is not UTF-8 and declares no encoding; it was read as GB18030"))
            }
            return Decoded(utf8: decoded.utf8, diagnostics: diagnostics)
        }
        let upper = declared.uppercased()
        if upper.hasPrefix("UTF-16") || upper.hasPrefix("UTF-32") || upper.hasPrefix("UCS") {
            throw InputFailure(
                file: file, code: .encodingInvalid,
                message: "the file declares encoding \"\(declared)\" but its bytes are not \(declared) (no byte-order mark); save it as UTF-8")
        }
        guard let utf8 = transcode(bytes, from: declared) else {
            throw InputFailure(
                file: file, code: .encodingInvalid,
                message: "the file declares encoding \"\(declared)\", which is unknown or does not match its bytes; save it as UTF-8")
        }
        return Decoded(utf8: utf8, diagnostics: [])
    }

    /// The `encoding` of the XML declaration at the very start of `bytes`, or nil when there is none.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        // `<?xml` then white space; the declaration is short, so look at its first bytes only.
        guard bytes.starts(with: Array("<?xml".utf8)), bytes.count > 5,
            [0x20, 0x09, 0x0A, 0x0D].contains(bytes[5])
        else { return nil }
        let window = bytes.prefix(512)
        guard let close = findSequence(Array("?>".utf8), in: window) else { return nil }
        let declaration = Array(window[..<close])
        guard let keyword = findSequence(Array("encoding".utf8), in: declaration[...]) else { return nil }
        var index = keyword + 8
        func skipSpace() {
            while index < declaration.count, [0x20, 0x09, 0x0A, 0x0D].contains(declaration[index]) { index += 1 }
        }
        skipSpace()
        guard index < declaration.count, declaration[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        skipSpace()
        guard index < declaration.count, declaration[index] == UInt8(ascii: "\"") || declaration[index] == UInt8(ascii: "'")
        else { return nil }
        let quote = declaration[index]
        index += 1
        let start = index
        while index < declaration.count, declaration[index] != quote { index += 1 }
        guard index < declaration.count, index > start else { return nil }
        return String(decoding: declaration[start..<index], as: UTF8.self)
    }

    private static func isUTF8(_ name: String) -> Bool {
        let upper = name.uppercased()
        return upper == "UTF-8" || upper == "UTF8"
    }

    private static func findSequence(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// `bytes` in encoding `name` → UTF-8 through glibc's iconv; nil for an unknown encoding or invalid bytes.
    static func transcode(_ bytes: [UInt8], from name: String) -> [UInt8]? {
        // An encoding name is [A-Za-z][A-Za-z0-9._-]*; iconv must never see suffixes such as "//IGNORE".
        let isName = name.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard isName, !name.isEmpty else { return nil }
        let converter = iconv_open("UTF-8", name)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 2 + 16)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let succeeded: Bool = input.withUnsafeMutableBufferPointer { inBuffer in
            var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var inLeft = inBuffer.count
            while inLeft > 0 {
                let written: Int? = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    // E2BIG only means the chunk is full: flush it and go on.
                    if result == -1, errno != E2BIG { return nil }
                    return outBuffer.count - outLeft
                }
                guard let written else { return false }
                output.append(contentsOf: chunk[..<written])
            }
            return true
        }
        guard succeeded else { return nil }
        if output.starts(with: [0xEF, 0xBB, 0xBF]) { output.removeFirst(3) }
        return TextDecoding.firstInvalidUTF8Offset(output) == nil ? output : nil
    }
}
