import Foundation
import ZIPFoundation

/// Where each entry's stored bytes lie in an archive, read from its central directory, so that
/// the verifier reads an entry's content strictly within those bytes.
///
/// ZIPFoundation 0.9.20's own extraction inflates until the deflate stream ends, reading past the
/// entry and, at the end of the file, looping for ever on empty reads: a deflate stream cut short
/// (found by fuzzing `hourbook verify`) hung the verifier. It also hands zlib a shorter last
/// chunk than it says, so zlib may read past it. Here the bytes run out with an error, and zlib
/// is only ever given bytes that exist.
/// ZIPFoundation still lists the entries (names, types); this only finds and reads their data.
struct EntryContents {
    /// One central directory record, in directory order (the order ZIPFoundation lists them in).
    struct Record {
        var method: UInt16
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    enum ReadError: Error {
        /// The entry's bytes are not inside the archive, or its deflate stream does not end in them.
        case truncated
        /// The content is larger than the central directory says.
        case tooLong
        /// A compression method other than stored (0) or deflate (8).
        case unsupportedMethod
    }

    let data: Data
    /// The central directory's records, or nil when it cannot be read (or uses ZIP64, which
    /// Hourbook never writes).
    let records: [Record]?

    init(archiveAt url: URL) throws {
        data = try Data(contentsOf: url, options: .alwaysMapped)
        records = Self.centralDirectory(of: data)
    }

    /// Feeds the content of the entry with central directory record `record` to `consumer`.
    func read(_ record: Record, _ consumer: (Data) throws -> Void) throws {
        let header = record.localHeaderOffset
        guard header >= 0, header <= data.count - 30, Self.uint32(data, header) == 0x0403_4B50 else {
            throw ReadError.truncated
        }
        let start = header + 30 + Int(Self.uint16(data, header + 26)) + Int(Self.uint16(data, header + 28))
        let (end, overflow) = start.addingReportingOverflow(record.compressedSize)
        guard !overflow, end <= data.count else { throw ReadError.truncated }
        let stored = data[(data.startIndex + start)..<(data.startIndex + end)]
        switch record.method {
        case 0:
            guard stored.count == record.uncompressedSize else { throw ReadError.truncated }
            try consumer(Data(stored))
        case 8:
            var produced = 0
            _ = try Data.decompress(
                size: Int64(stored.count), bufferSize: 1 << 16, skipCRC32: true,
                provider: { position, size in
                    // Asked for bytes past the entry: the stream did not end where it should.
                    guard position >= 0, position < Int64(stored.count) else { throw ReadError.truncated }
                    let from = stored.startIndex + Int(position)
                    var chunk = Data(stored[from..<min(from + size, stored.endIndex)])
                    // ZIPFoundation tells zlib that every chunk holds `size` bytes, whatever its
                    // length: a shorter last chunk let zlib read past it (a crash on a stream cut
                    // short). Zeros fill it; a stream that reads into them is broken anyway, and
                    // the next request throws.
                    if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                    return chunk
                },
                consumer: { chunk in
                    produced += chunk.count
                    guard produced <= record.uncompressedSize else { throw ReadError.tooLong }
                    try consumer(chunk)
                })
        default:
            throw ReadError.unsupportedMethod
        }
    }

    /// The records of the central directory named by the last end-of-central-directory record.
    static func centralDirectory(of data: Data) -> [Record]? {
        let count = data.count
        guard count >= 22 else { return nil }
        // The end record (22 bytes and a comment of up to 65,535), searched from the end.
        var end = count - 22
        let lowest = max(0, count - 22 - 65_535)
        while end >= lowest, uint32(data, end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { return nil }
        let entries = Int(uint16(data, end + 10))
        let directorySize = Int(uint32(data, end + 12))
        let directoryOffset = Int(uint32(data, end + 16))
        // ZIP64 marks its fields with all ones; Hourbook's archives never need it.
        guard entries != 0xFFFF, directorySize != 0xFFFF_FFFF, directoryOffset != 0xFFFF_FFFF else { return nil }
        var records: [Record] = []
        var offset = directoryOffset
        for _ in 0..<entries {
            guard offset <= count - 46, uint32(data, offset) == 0x0201_4B50 else { break }
            records.append(
                Record(
                    method: uint16(data, offset + 10), compressedSize: Int(uint32(data, offset + 20)),
                    uncompressedSize: Int(uint32(data, offset + 24)),
                    localHeaderOffset: Int(uint32(data, offset + 42))))
            offset += 46 + Int(uint16(data, offset + 28)) + Int(uint16(data, offset + 30)) + Int(uint16(data, offset + 32))
        }
        return records
    }

    static func uint16(_ data: Data, _ offset: Int) -> UInt16 {
        let base = data.startIndex + offset
        return UInt16(data[base]) | UInt16(data[base + 1]) << 8
    }

    static func uint32(_ data: Data, _ offset: Int) -> UInt32 {
        let base = data.startIndex + offset
        return UInt32(data[base]) | UInt32(data[base + 1]) << 8 | UInt32(data[base + 2]) << 16
            | UInt32(data[base + 3]) << 24
    }
}
