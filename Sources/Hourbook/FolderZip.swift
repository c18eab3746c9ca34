import CZlib
import Dispatch
import Foundation
import HourbookCore

/// Zips a whole folder in one pass, deterministically: entries sorted by name in byte order,
/// a fixed date (2000-01-01 00:00), mode 0644, the UTF-8 name flag; zips, PDF and images are
/// stored, every other file deflated. ZIP64 records are added only when the archive needs them.
///
/// Written by hand on zlib (the one ZIPFoundation links) rather than with ZIPFoundation's
/// `Archive`: `Archive` rewrites the central directory on every entry, so a bundle of ten
/// thousand pages would take seconds of quadratic work (FINDINGS), and it deflates at zlib's
/// default level. Here files are compressed on every core, a batch at a time, at level 1
/// (measured on bundles of the 20,000-learner organisation: several times faster than the
/// default level, for zips about a quarter larger), and written in order.
enum FolderZip {
    /// Zips every regular file under `folder` into `path`, entry names `prefix` + the file's
    /// path relative to `folder`. Returns the number of entries.
    @discardableResult
    static func write(folder: String, prefix: String, to path: String) throws -> Int {
        let names = try files(under: folder).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw OutputFailure.lastError(at: path) }
        defer { try? handle.close() }
        var output = ZipOutput(handle: handle, path: path)
        var central = ByteBuffer()
        let batch = 64
        var start = 0
        while start < names.count {
            let end = min(names.count, start + batch)
            let slots = ResultSlots(count: end - start)
            let first = start
            DispatchQueue.concurrentPerform(iterations: end - start) { index in
                let name = names[first + index]
                slots.set(index) { try CompressedFile(name: name, path: folder + "/" + name) }
            }
            for file in try slots.values() { try output.add(name: prefix + file.name, file, central: &central) }
            start = end
        }
        try output.finish(central: central, count: names.count)
        return names.count
    }

    /// Paths of the regular files under `folder`, relative to it.
    static func files(under folder: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw OutputFailure(path: folder, reason: "the folder cannot be read")
        }
        var names: [String] = []
        while let name = enumerator.nextObject() as? String {
            if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular { names.append(name) }
        }
        return names
    }

    static let storedExtensions: Set<String> = ["zip", "pdf", "jpg", "jpeg", "png", "gif", "webp"]

    static func isStored(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: ".") else { return false }
        return storedExtensions.contains(name[name.index(after: dot)...].lowercased())
    }
}

/// One file read and compressed: its CRC-32, its size, and the bytes to store.
private struct CompressedFile: Sendable {
    var name: String
    var crc: UInt32
    var size: Int
    /// 8 deflated, 0 stored.
    var method: UInt16
    var body: [UInt8]

    init(name: String, path: String) throws {
        let contents = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        self.name = name
        size = contents.count
        crc = contents.withUnsafeBufferPointer { UInt32(CZlib.crc32(0, $0.baseAddress, UInt32($0.count))) }
        method = 0
        body = contents
        if !contents.isEmpty, !FolderZip.isStored(name), let deflated = Self.deflate(contents), deflated.count < contents.count {
            method = 8
            body = deflated
        }
    }

    /// Raw deflate (no zlib header) at level 1, or nil if zlib fails.
    static func deflate(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard deflateInit2_(&stream, 1, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))))
        let result = input.withUnsafeBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { return nil }
        output.removeLast(Int(stream.avail_out))
        return output
    }
}

/// Results of parallel work, one slot per index; the first error wins.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<CompressedFile, Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ body: () throws -> CompressedFile) {
        let result = Result { try body() }
        lock.withLock { results[index] = result }
    }

    func values() throws -> [CompressedFile] { try results.map { try $0!.get() } }
}

/// The archive being written: local entries as they come, the central directory at the end.
private struct ZipOutput {
    let handle: FileHandle
    let path: String
    var offset: UInt64 = 0
    /// MS-DOS date and time of 2000-01-01 00:00:00, as ZipArchiveWriter's entries have.
    static let dosDate: UInt16 = (20 << 9) | (1 << 5) | 1
    static let dosTime: UInt16 = 0

    mutating func add(name: String, _ file: CompressedFile, central: inout ByteBuffer) throws {
        let (crc, method, body, size) = (file.crc, file.method, file.body, file.size)
        let nameBytes = Array(name.utf8)
        let needsZip64 = offset >= 0xFFFF_FFFF
        var local = ByteBuffer()
        local.le32(0x0403_4b50)
        local.le16(20)
        local.le16(0x0800)  // names are UTF-8
        local.le16(method)
        local.le16(Self.dosTime)
        local.le16(Self.dosDate)
        local.le32(crc)
        local.le32(UInt32(body.count))
        local.le32(UInt32(size))
        local.le16(UInt16(nameBytes.count))
        local.le16(0)
        local.bytes.append(contentsOf: nameBytes)

        central.le32(0x0201_4b50)
        central.le16(0x031E)  // made by Unix, 3.0
        central.le16(needsZip64 ? 45 : 20)
        central.le16(0x0800)
        central.le16(method)
        central.le16(Self.dosTime)
        central.le16(Self.dosDate)
        central.le32(crc)
        central.le32(UInt32(body.count))
        central.le32(UInt32(size))
        central.le16(UInt16(nameBytes.count))
        central.le16(needsZip64 ? 12 : 0)
        central.le16(0)
        central.le16(0)
        central.le16(0)
        central.le32(UInt32(0o100644) << 16)
        central.le32(needsZip64 ? 0xFFFF_FFFF : UInt32(offset))
        central.bytes.append(contentsOf: nameBytes)
        if needsZip64 {
            central.le16(0x0001)
            central.le16(8)
            central.le64(offset)
        }
        try write(local.bytes)
        try write(Data(body))
    }

    mutating func finish(central: ByteBuffer, count: Int) throws {
        let start = offset
        try write(central.bytes)
        let size = offset - start
        var end = ByteBuffer()
        if count >= 0xFFFF || start >= 0xFFFF_FFFF {
            let record = offset
            end.le32(0x0606_4b50)
            end.le64(44)
            end.le16(0x031E)
            end.le16(45)
            end.le32(0)
            end.le32(0)
            end.le64(UInt64(count))
            end.le64(UInt64(count))
            end.le64(size)
            end.le64(start)
            end.le32(0x0706_4b50)
            end.le32(0)
            end.le64(record)
            end.le32(1)
        }
        end.le32(0x0605_4b50)
        end.le16(0)
        end.le16(0)
        end.le16(UInt16(min(count, 0xFFFF)))
        end.le16(UInt16(min(count, 0xFFFF)))
        end.le32(UInt32(min(size, 0xFFFF_FFFF)))
        end.le32(UInt32(min(start, 0xFFFF_FFFF)))
        end.le16(0)
        try write(end.bytes)
    }

    private mutating func write(_ bytes: [UInt8]) throws { try write(Data(bytes)) }

    private mutating func write(_ data: Data) throws {
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw OutputFailure(error, writing: path)
        }
        offset += UInt64(data.count)
    }
}

extension ByteBuffer {
    fileprivate mutating func le16(_ value: UInt16) { bytes.append(UInt8(value & 0xFF)); bytes.append(UInt8(value >> 8)) }

    fileprivate mutating func le32(_ value: UInt32) {
        le16(UInt16(value & 0xFFFF))
        le16(UInt16(value >> 16))
    }

    fileprivate mutating func le64(_ value: UInt64) {
        le32(UInt32(value & 0xFFFF_FFFF))
        le32(UInt32(value >> 32))
    }
}
