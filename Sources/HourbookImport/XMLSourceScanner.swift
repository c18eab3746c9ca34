/// Walks the raw bytes of a document alongside libxml2 to learn what libxml2's reader does not
/// say exactly: the line where each start tag begins, and whether the prolog declares a DOCTYPE.
///
/// libxml2 reports an element's line as the line where its start tag *ends*, capped at 65,535,
/// and its reader parses ahead of the node it returns; FORMATS.md wants the element's own line,
/// in files of millions of lines. Since libxml2 has checked the markup before it returns a node,
/// a lexical walk is enough: a literal `<` can only open markup (attribute values and text may
/// not hold one), and start tags come in the same order as the reader's element nodes.
/// Line breaks count as XML counts them: LF, CR LF, or a lone CR.
struct XMLSourceScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var line = 1

    /// Starts at the first byte of `bytes`, which must stay valid while the scanner is used.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: - The prolog

    /// The line of a `<!DOCTYPE` in the prolog (before the root element), or nil when there is none.
    ///
    /// This runs before libxml2 sees a single byte, so that no DTD is ever parsed, loaded or
    /// expanded. A DOCTYPE anywhere else is not well-formed and libxml2 refuses it by itself.
    static func doctypeLine(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var scanner = XMLSourceScanner(bytes)
        while scanner.offset < bytes.count {
            let byte = bytes[scanner.offset]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                scanner.advanceOne()
            } else if scanner.hasPrefix("<?") {
                scanner.skip(past: "?>")
            } else if scanner.hasPrefix("<!--") {
                scanner.skip(past: "-->")
            } else if scanner.hasPrefix("<!"), scanner.hasPrefix("doctype", at: scanner.offset + 2, ignoringCase: true) {
                return scanner.line
            } else {
                return nil
            }
        }
        return nil
    }

    // MARK: - Start tags

    /// The line where the next start tag begins; the scanner moves past that tag.
    ///
    /// Call it once for each element node the reader returns, in order.
    mutating func nextStartTagLine() -> Int {
        while offset < bytes.count {
            let byte = bytes[offset]
            guard byte == UInt8(ascii: "<") else {
                advanceOne()
                continue
            }
            if hasPrefix("<!--") {
                skip(past: "-->")
            } else if hasPrefix("<![CDATA[") {
                skip(past: "]]>")
            } else if hasPrefix("<?") {
                skip(past: "?>")
            } else if hasPrefix("</") || hasPrefix("<!") {
                skip(past: ">")
            } else {
                let startLine = line
                skipTag()
                return startLine
            }
        }
        return line
    }

    // MARK: - Moving

    /// Moves one byte, counting a line break (CR LF counts once, at its LF).
    private mutating func advanceOne() {
        let byte = bytes[offset]
        offset += 1
        if byte == 0x0A {
            line += 1
        } else if byte == 0x0D, offset >= bytes.count || bytes[offset] != 0x0A {
            line += 1
        }
    }

    /// Moves past the next occurrence of `terminator` (or to the end).
    private mutating func skip(past terminator: StaticString) {
        let first = terminator.utf8Start.pointee
        while offset < bytes.count {
            if bytes[offset] == first, hasPrefix(terminator) {
                offset += terminator.utf8CodeUnitCount
                return
            }
            advanceOne()
        }
    }

    /// Moves past a start tag's closing `>`, stepping over quoted attribute values (which may hold `>`).
    private mutating func skipTag() {
        var quote: UInt8? = nil
        while offset < bytes.count {
            let byte = bytes[offset]
            advanceOne()
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return
            }
        }
    }

    private func hasPrefix(_ prefix: StaticString) -> Bool {
        hasPrefix(prefix, at: offset, ignoringCase: false)
    }

    private func hasPrefix(_ prefix: StaticString, at start: Int, ignoringCase: Bool) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard start + count <= bytes.count else { return false }
        let expected = prefix.utf8Start
        for index in 0..<count {
            var byte = bytes[start + index]
            if ignoringCase, byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 0x20 }
            if byte != expected[index] { return false }
        }
        return true
    }
}
