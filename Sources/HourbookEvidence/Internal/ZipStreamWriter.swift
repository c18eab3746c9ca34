import ZlibShim
import Foundation
import HourbookCore

#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole zip in one pass: each entry deflated by zlib in a single call, headers and
/// central directory laid out once, the file written in large blocks.
///
/// ZIPFoundation, which wrote the archives before, rewrites the central directory after every
/// entry (time grows with the square of the entry count) and feeds zlib in 256 KiB pieces
/// through `Data` copies; this writer produces the very same bytes (same zlib parameters, same
/// header fields: version 2.0, UTF-8 flag, made-by 789, no extra fields) and a test holds the
/// two byte for byte. Archives that would need ZIP64 (65,535 entries or 4 GiB) are left to
/// ZIPFoundation, which writes those headers.
struct ZipStreamWriter {
    /// Whether `files` fit a zip without ZIP64 fields.
    static func canWrite(_ files: [ArchiveFile]) -> Bool {
        guard files.count < Int(UInt16.max) else { return false }
        // Local headers plus stored sizes bound every offset: deflate never grows an entry by more
        // than deflateBound allows, so this bound is safe.
        var total = 22
        for file in files {
            total += 30 + 46 + 2 * file.name.utf8.count + Int(compressBound(uLong(file.contents.count)))
            if total >= Int(UInt32.max) { return false }
        }
        return true
    }

    /// Writes `files` (sorted, checked names) to `path`, with `isStored` deciding per entry.
    static func write(
        _ files: [ArchiveFile], to path: String, modification: (date: UInt16, time: UInt16), permissions: UInt16,
        isStored: (ArchiveFile) -> Bool
    ) throws {
        let output = try BlockWriter(path: path)
        var central: [UInt8] = []
        central.reserveCapacity(files.count * 96)
        var offset: UInt32 = 0
        let externalAttributes = UInt32(UInt16(S_IFREG) | permissions) << 16
        for file in files {
            let name = Array(file.name.utf8)
            let stored = isStored(file)
            let (crc, data) = try file.contents.withUnsafeBytes { raw in
                let bytes = UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count)
                return (Self.crc32(bytes), stored ? nil : try Self.deflated(bytes, path: path))
            }
            let compressedSize = UInt32(data?.count ?? file.contents.count)
            let method: UInt16 = stored ? 0 : 8
            var header: [UInt8] = []
            header.reserveCapacity(30 + name.count)
            header.append32(0x0403_4B50)
            header.append16(20)  // version needed to extract: 2.0
            header.append16(0x0800)  // bit 11: the name is UTF-8
            header.append16(method)
            header.append16(modification.time)
            header.append16(modification.date)
            header.append32(crc)
            header.append32(compressedSize)
            header.append32(UInt32(file.contents.count))
            header.append16(UInt16(name.count))
            header.append16(0)
            header += name
            try output.write(header)
            if let data {
                try output.write(data)
            } else {
                try file.contents.withUnsafeBytes { raw in try output.write(raw) }
            }

            central.append32(0x0201_4B50)
            central.append16(789)  // made by: UNIX (3), version 2.1, as ZIPFoundation writes
            central.append16(20)
            central.append16(0x0800)
            central.append16(method)
            central.append16(modification.time)
            central.append16(modification.date)
            central.append32(crc)
            central.append32(compressedSize)
            central.append32(UInt32(file.contents.count))
            central.append16(UInt16(name.count))
            central.append16(0)  // extra field
            central.append16(0)  // comment
            central.append16(0)  // disk number
            central.append16(0)  // internal attributes
            central.append32(externalAttributes)
            central.append32(offset)
            central += name
            offset += UInt32(header.count) + compressedSize
        }
        var end: [UInt8] = []
        end.append32(0x0605_4B50)
        end.append16(0)
        end.append16(0)
        end.append16(UInt16(files.count))
        end.append16(UInt16(files.count))
        end.append32(UInt32(central.count))
        end.append32(offset)
        end.append16(0)
        try output.write(central)
        try output.write(end)
        try output.close()
    }

    static func crc32(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        var crc: uLong = 0
        var start = 0
        // zlib takes a 32-bit length.
        while start < bytes.count {
            let count = min(bytes.count - start, Int(UInt32.max / 2))
            crc = ZlibShim.crc32(crc, base + start, uInt(count))
            start += count
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// Raw deflate (no zlib header) at the default level, window 2^15, memory level 9: the
    /// parameters ZIPFoundation uses, so the streams are the same bytes.
    static func deflated(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws(OutputFailure) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY,
            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw OutputFailure(path: path, reason: "zlib could not start a deflate stream") }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        let produced: Int = output.withUnsafeMutableBufferPointer { out in
            stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress)
            stream.avail_in = uInt(bytes.count)
            stream.next_out = out.baseAddress
            stream.avail_out = uInt(out.count)
            let result = deflate(&stream, Z_FINISH)
            return result == Z_STREAM_END ? out.count - Int(stream.avail_out) : -1
        }
        guard produced >= 0 else { throw OutputFailure(path: path, reason: "zlib could not deflate an entry") }
        output.removeSubrange(produced...)
        return output
    }
}

/// Writes a file in 1 MiB blocks with `write(2)`, failing with the system's reason.
private final class BlockWriter {
    let path: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private static let blockSize = 1 << 20

    init(path: String) throws(OutputFailure) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .lastError(at: path) }
        buffer.reserveCapacity(Self.blockSize)
    }

    deinit { if descriptor >= 0 { Glibc.close(descriptor) } }

    func write(_ bytes: [UInt8]) throws(OutputFailure) {
        let result = bytes.withUnsafeBytes { raw in Result { () throws(OutputFailure) in try write(raw) } }
        try result.get()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(OutputFailure) {
        if buffer.count + bytes.count <= Self.blockSize {
            buffer.append(contentsOf: bytes.bindMemory(to: UInt8.self))
            return
        }
        try flush()
        if bytes.count >= Self.blockSize {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes.bindMemory(to: UInt8.self))
        }
    }

    func close() throws(OutputFailure) {
        try flush()
        let result = Glibc.close(descriptor)
        descriptor = -1
        guard result == 0 else { throw .lastError(at: path) }
    }

    private func flush() throws(OutputFailure) {
        guard !buffer.isEmpty else { return }
        let result = buffer.withUnsafeBytes { raw in Result { () throws(OutputFailure) in try writeAll(raw) } }
        try result.get()
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(OutputFailure) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .lastError(at: path)
            }
            offset += written
        }
    }
}

extension [UInt8] {
    fileprivate mutating func append16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    fileprivate mutating func append32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
