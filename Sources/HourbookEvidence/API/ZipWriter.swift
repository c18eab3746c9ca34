import Crypto
import Foundation
import HourbookCore
import ZlibShim

#if canImport(Glibc)
import Glibc
#endif

/// One entry ready to be written: its name, CRC-32 and size, and the bytes to store (deflated
/// or as they are). Entries can be made on any thread and written in order by a `ZipWriter`.
public struct ZipEntry: Sendable {
    public var name: String
    public var crc32: UInt32
    public var size: Int
    public var isDeflated: Bool
    public var body: [UInt8]

    /// How an entry is compressed: stored, or raw deflate at a zlib level and memory level.
    public enum Compression: Sendable {
        case stored
        case deflate(level: Int32, memoryLevel: Int32)

        /// zlib's default level with ZIPFoundation's memory level 9: the evidence archives,
        /// byte for byte what ZIPFoundation wrote before.
        public static let standard = Compression.deflate(level: Z_DEFAULT_COMPRESSION, memoryLevel: 9)
    }

    /// `contents` compressed as asked; a deflated body that would be larger is stored instead
    /// only when `storesIfLarger` (ZIPFoundation never did, so the evidence archives don't).
    public init(name: String, contents: UnsafeRawBufferPointer, compression: Compression, storesIfLarger: Bool = false)
        throws(OutputFailure)
    {
        let bytes = contents.bindMemory(to: UInt8.self)
        self.name = name
        crc32 = Self.crc32(bytes)
        size = bytes.count
        switch compression {
        case .stored:
            isDeflated = false
            body = Array(bytes)
        case .deflate(let level, let memoryLevel):
            let deflated = try Self.deflated(bytes, level: level, memoryLevel: memoryLevel, name: name)
            if storesIfLarger, deflated.count >= bytes.count {
                isDeflated = false
                body = Array(bytes)
            } else {
                isDeflated = true
                body = deflated
            }
        }
    }

    static func crc32(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        var crc: uLong = 0
        var start = 0
        while start < bytes.count {  // zlib takes a 32-bit length
            let count = min(bytes.count - start, 1 << 30)
            crc = ZlibShim.crc32(crc, base + start, uInt(count))
            start += count
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// Raw deflate (no zlib header), window 2^15, in one call.
    static func deflated(
        _ bytes: UnsafeBufferPointer<UInt8>, level: Int32, memoryLevel: Int32, name: String
    ) throws(OutputFailure) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, -MAX_WBITS, memoryLevel, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw OutputFailure(path: name, reason: "zlib could not start a deflate stream") }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        let produced: Int = output.withUnsafeMutableBufferPointer { out in
            stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress)
            stream.avail_in = uInt(bytes.count)
            stream.next_out = out.baseAddress
            stream.avail_out = uInt(out.count)
            return deflate(&stream, Z_FINISH) == Z_STREAM_END ? out.count - Int(stream.avail_out) : -1
        }
        guard produced >= 0 else { throw OutputFailure(path: name, reason: "zlib could not deflate it") }
        output.removeSubrange(produced...)
        return output
    }
}

/// Writes a zip front to back in one pass: local entries as they come, the central directory
/// once at the end, the file in 1 MiB blocks. Every entry has the same date and permissions, a
/// UTF-8 name, version 2.0 and "made by" 789 (UNIX, 2.1), as ZIPFoundation wrote them, so the
/// evidence archives kept their bytes when this writer replaced it (ZIPFoundation rewrote the
/// whole central directory after every entry: quadratic in the entry count). ZIP64 records are
/// added only when an archive passes 65,535 entries or 4 GiB.
public final class ZipWriter {
    public let path: String
    private let date: UInt16
    private let time: UInt16
    private let externalAttributes: UInt32
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var central: [UInt8] = []
    private var offset: UInt64 = 0
    private var count = 0
    private var hasher: SHA256?
    private static let blockSize = 1 << 20

    /// The SHA-256 of the finished zip, lowercase hex, when asked for at init; nil until `finish()`.
    public private(set) var sha256Hex: String?

    /// 2000-01-01 00:00:00 in MS-DOS form, the date every entry carries.
    public static let fixedDate: (date: UInt16, time: UInt16) = (UInt16(1 + (1 << 5) + ((2000 - 1980) << 9)), 0)

    /// `computesSHA256` hashes the bytes as they are written, for `sha256Hex`: the evidence
    /// archives give their digest on the download page, and reading each zip back cost more.
    public init(
        path: String, date: (date: UInt16, time: UInt16) = ZipWriter.fixedDate, permissions: UInt16 = 0o644,
        computesSHA256: Bool = false
    ) throws(OutputFailure) {
        self.path = path
        if computesSHA256 { hasher = SHA256() }
        (self.date, self.time) = date
        externalAttributes = UInt32(UInt16(S_IFREG) | permissions) << 16
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .lastError(at: path) }
        buffer.reserveCapacity(Self.blockSize)
    }

    deinit { if descriptor >= 0 { Glibc.close(descriptor) } }

    /// Appends `entry` (entries must come sorted, if the archive is to be deterministic).
    public func add(_ entry: ZipEntry) throws(OutputFailure) {
        let name = Array(entry.name.utf8)
        let method: UInt16 = entry.isDeflated ? 8 : 0
        let compressedSize = UInt64(entry.body.count)
        let isLarge = compressedSize >= 0xFFFF_FFFF || UInt64(entry.size) >= 0xFFFF_FFFF
        var header: [UInt8] = []
        header.reserveCapacity(30 + name.count + 20)
        header.append32(0x0403_4B50)
        header.append16(isLarge ? 45 : 20)
        header.append16(0x0800)  // bit 11: the name is UTF-8
        header.append16(method)
        header.append16(time)
        header.append16(date)
        header.append32(entry.crc32)
        header.append32(isLarge ? 0xFFFF_FFFF : UInt32(compressedSize))
        header.append32(isLarge ? 0xFFFF_FFFF : UInt32(entry.size))
        header.append16(UInt16(name.count))
        header.append16(isLarge ? 20 : 0)
        header += name
        if isLarge {
            header.append16(0x0001)
            header.append16(16)
            header.append64(UInt64(entry.size))
            header.append64(compressedSize)
        }

        // The central record: sizes and offset that do not fit go to its ZIP64 field.
        var zip64: [UInt8] = []
        if isLarge {
            zip64.append64(UInt64(entry.size))
            zip64.append64(compressedSize)
        }
        let isFar = offset >= 0xFFFF_FFFF
        if isFar { zip64.append64(offset) }
        central.append32(0x0201_4B50)
        central.append16(789)
        central.append16(isLarge || isFar ? 45 : 20)
        central.append16(0x0800)
        central.append16(method)
        central.append16(time)
        central.append16(date)
        central.append32(entry.crc32)
        central.append32(isLarge ? 0xFFFF_FFFF : UInt32(compressedSize))
        central.append32(isLarge ? 0xFFFF_FFFF : UInt32(entry.size))
        central.append16(UInt16(name.count))
        central.append16(zip64.isEmpty ? 0 : UInt16(4 + zip64.count))
        central.append16(0)  // comment
        central.append16(0)  // disk number
        central.append16(0)  // internal attributes
        central.append32(externalAttributes)
        central.append32(isFar ? 0xFFFF_FFFF : UInt32(offset))
        central += name
        if !zip64.isEmpty {
            central.append16(0x0001)
            central.append16(UInt16(zip64.count))
            central += zip64
        }
        try write(header)
        try write(entry.body)
        count += 1
    }

    /// Writes the central directory and closes the file.
    public func finish() throws(OutputFailure) {
        let start = offset
        try write(central)
        let size = offset - start
        var end: [UInt8] = []
        if count >= 0xFFFF || start >= 0xFFFF_FFFF || size >= 0xFFFF_FFFF {
            let record = offset
            end.append32(0x0606_4B50)
            end.append64(44)
            end.append16(789)
            end.append16(45)
            end.append32(0)
            end.append32(0)
            end.append64(UInt64(count))
            end.append64(UInt64(count))
            end.append64(size)
            end.append64(start)
            end.append32(0x0706_4B50)
            end.append32(0)
            end.append64(record)
            end.append32(1)
        }
        end.append32(0x0605_4B50)
        end.append16(0)
        end.append16(0)
        end.append16(UInt16(min(count, 0xFFFF)))
        end.append16(UInt16(min(count, 0xFFFF)))
        end.append32(UInt32(min(size, 0xFFFF_FFFF)))
        end.append32(UInt32(min(start, 0xFFFF_FFFF)))
        end.append16(0)
        try write(end)
        try flush()
        sha256Hex = hasher.map { Digest.hex($0.finalize()) }
        let result = Glibc.close(descriptor)
        descriptor = -1
        guard result == 0 else { throw .lastError(at: path) }
    }

    private func write(_ bytes: [UInt8]) throws(OutputFailure) {
        offset += UInt64(bytes.count)
        if buffer.count + bytes.count <= Self.blockSize {
            buffer += bytes
            return
        }
        try flush()
        if bytes.count >= Self.blockSize {
            let result = bytes.withUnsafeBytes { raw in Result { () throws(OutputFailure) in try writeAll(raw) } }
            try result.get()
        } else {
            buffer += bytes
        }
    }

    private func flush() throws(OutputFailure) {
        guard !buffer.isEmpty else { return }
        let result = buffer.withUnsafeBytes { raw in Result { () throws(OutputFailure) in try writeAll(raw) } }
        try result.get()
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(OutputFailure) {
        hasher?.update(bufferPointer: bytes)
        try FileWriter.writeAll(bytes, to: descriptor, path: path)
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

    fileprivate mutating func append64(_ value: UInt64) {
        append32(UInt32(truncatingIfNeeded: value))
        append32(UInt32(truncatingIfNeeded: value >> 32))
    }
}
