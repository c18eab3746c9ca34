import Foundation
import HourbookCore
import ZIPFoundation

/// Zips a whole folder in one pass, deterministically: entries sorted by name in byte order,
/// a fixed date (2000-01-01 00:00), mode 0644, the UTF-8 name flag; zips, PDF and images are
/// stored, every other file deflated. ZIP64 records are added only when the archive needs them.
///
/// Written by hand rather than with ZIPFoundation's `Archive` (whose deflate it reuses):
/// `Archive` rewrites the central directory on every entry, so a bundle of ten thousand pages
/// would take seconds of quadratic work (FINDINGS), where this writes each byte once.
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
        for name in names {
            let contents = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            try output.add(name: prefix + name, contents: contents, central: &central)
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

/// The archive being written: local entries as they come, the central directory at the end.
private struct ZipOutput {
    let handle: FileHandle
    let path: String
    var offset: UInt64 = 0
    /// MS-DOS date and time of 2000-01-01 00:00:00, as ZipArchiveWriter's entries have.
    static let dosDate: UInt16 = (20 << 9) | (1 << 5) | 1
    static let dosTime: UInt16 = 0

    mutating func add(name: String, contents: Data, central: inout ByteBuffer) throws {
        let crc = contents.crc32(checksum: 0)
        var method: UInt16 = 0
        var body = contents
        if !contents.isEmpty, !FolderZip.isStored(name) {
            var deflated = Data()
            _ = try Data.compress(
                size: Int64(contents.count), bufferSize: 256 * 1024,
                provider: { position, size in contents.subdata(in: Int(position)..<Int(position) + size) },
                consumer: { deflated.append($0) })
            if deflated.count < contents.count {
                method = 8
                body = deflated
            }
        }
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
        local.le32(UInt32(contents.count))
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
        central.le32(UInt32(contents.count))
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
        try write(body)
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
