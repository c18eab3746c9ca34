/// Which files are stored and which are deflated: already-compressed files (PDF, JPEG, PNG,
/// ZIP and the office formats built on ZIP), known by extension or by their first bytes, are
/// stored, since deflating them again costs time and gains nothing; everything else is deflated.
enum CompressionPolicy {
    static let storedExtensions: Set<String> = ["pdf", "jpg", "jpeg", "png", "zip"]

    static func isAlreadyCompressed(name: String, contents: some Collection<UInt8>) -> Bool {
        if let dot = name.lastIndex(of: "."), storedExtensions.contains(name[name.index(after: dot)...].lowercased()) {
            return true
        }
        let head = Array(contents.prefix(8))
        return magicNumbers.contains { head.starts(with: $0) }
    }

    private static let magicNumbers: [[UInt8]] = [
        Array("%PDF-".utf8),
        [0xFF, 0xD8, 0xFF],
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        [0x50, 0x4B, 0x03, 0x04],
        [0x50, 0x4B, 0x05, 0x06],
    ]
}
