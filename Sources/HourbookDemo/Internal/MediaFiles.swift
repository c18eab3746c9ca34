/// Tiny but valid attachment files (通知 PDF, 结业证书 JPEG, 截图 PNG), built byte by byte
/// so the demo needs no binary assets and every file's content is known to the generator.
enum MediaFiles {
    /// A one-page PDF 1.4 with two lines of Helvetica text and a correct cross-reference table.
    /// Text must be printable ASCII without parentheses or backslashes.
    static func pdf(lines: [String]) -> [UInt8] {
        var content = "BT /F1 16 Tf 72 770 Td (Hourbook demo attachment) Tj"
        for line in lines { content += " 0 -24 Td (" + line + ") Tj" }
        content += " ET\n"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Length \(content.utf8.count) >>\nstream\n" + content + "endstream",
        ]
        var out = Array("%PDF-1.4\n".utf8) + [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(index + 1) 0 obj\n\(object)\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += padded(offset, 10) + " 00000 n \n" }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Array(table.utf8)
    }

    /// A `width`×`height` RGB PNG: a diagonal gradient in a colour derived from `tint`,
    /// zlib-wrapped in stored (uncompressed) deflate blocks with a correct Adler-32 and chunk CRCs.
    static func png(width: Int, height: Int, tint: UInt64) -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (width * 3 + 1))
        let r = UInt8(truncatingIfNeeded: tint), g = UInt8(truncatingIfNeeded: tint >> 8), b = UInt8(truncatingIfNeeded: tint >> 16)
        for y in 0..<height {
            raw.append(0)  // filter: none
            for x in 0..<width {
                let shade = UInt8(truncatingIfNeeded: (x + y) * 4)
                raw += [r &+ shade, g, b &+ UInt8(truncatingIfNeeded: y * 3)]
            }
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, raw.count - offset)
            let isLast = offset + length == raw.count
            zlib.append(isLast ? 1 : 0)
            zlib += [UInt8(length & 0xff), UInt8(length >> 8), UInt8(~length & 0xff), UInt8((~length >> 8) & 0xff)]
            zlib += raw[offset..<(offset + length)]
            offset += length
        } while offset < raw.count
        zlib += bigEndian(adler32(raw))
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        out += chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
        out += chunk("IDAT", zlib)
        out += chunk("IEND", [])
        return out
    }

    /// An 8×8 mid-grey baseline JPEG (JFIF): one block whose DC difference and AC run are both
    /// coded with one-entry Huffman tables; `comment` goes into a COM segment.
    static func jpeg(comment: String) -> [UInt8] {
        var out: [UInt8] = [0xFF, 0xD8]
        out += [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]
        let text = Array(comment.utf8.prefix(200))
        out += [0xFF, 0xFE] + bigEndian16(text.count + 2) + text
        out += [0xFF, 0xDB, 0x00, 0x43, 0x00] + [UInt8](repeating: 1, count: 64)
        out += [0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]
        let oneCode = [0x01] + [UInt8](repeating: 0, count: 15) + [0x00]
        out += [0xFF, 0xC4, 0x00, 0x14, 0x00] + oneCode  // DC table 0: category 0 ↦ "0"
        out += [0xFF, 0xC4, 0x00, 0x14, 0x10] + oneCode  // AC table 0: EOB ↦ "0"
        out += [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]
        out += [0x3F]  // "0" (DC diff 0) "0" (EOB), padded with 1 bits
        out += [0xFF, 0xD9]
        return out
    }

    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32<S: Sequence>(_ bytes: S) -> UInt32 where S.Element == UInt8 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = crcTable[Int((c ^ UInt32(byte)) & 0xff)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
    }

    private static func bigEndian16(_ value: Int) -> [UInt8] { [UInt8((value >> 8) & 0xff), UInt8(value & 0xff)] }
}
