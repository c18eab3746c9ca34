import Foundation
import HourbookCore
import ZIPFoundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file to put in an archive: its entry name and its bytes.
struct ArchiveFile: Sendable {
    var name: String
    var contents: Data
}

/// Writes a zip with ZIPFoundation so that the same files always give the same bytes: entries
/// sorted by name in byte order, a fixed modification date, explicit permissions, UTF-8 names.
/// The zip is written under a temporary name beside its destination, then renamed into place.
enum ZipArchiveWriter {
    /// 2000-01-01 00:00:00 UTC; ZIPFoundation stores dates as UTC, so the time zone never shows.
    static let modificationDate = Date(timeIntervalSince1970: 946_684_800)
    /// The same instant in MS-DOS form (date, time), as zip headers hold it.
    static let modificationDateTime: (date: UInt16, time: UInt16) = (date: UInt16(1 + (1 << 5) + ((2000 - 1980) << 9)), time: 0)  // 1 January 2000, 00:00:00
    static let permissions: UInt16 = 0o644
    /// Fixed, so deflate sees the same chunks on every build.
    static let bufferSize = 256 * 1024

    static func write(_ files: [ArchiveFile], to path: String) throws {
        let sorted = files.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for (index, file) in sorted.enumerated() {
            guard EntryPath.isSafe(file.name) else { throw EvidenceError.unsafeEntryName(file.name) }
            if index > 0, sorted[index - 1].name == file.name { throw EvidenceError.duplicateEntryName(file.name) }
        }
        let destination = URL(fileURLWithPath: path)
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent("." + destination.lastPathComponent + ".partial")
        try? FileManager.default.removeItem(at: temporary)
        do {
            if ZipStreamWriter.canWrite(sorted) {
                try ZipStreamWriter.write(
                    sorted, to: temporary.path, modification: Self.modificationDateTime, permissions: permissions,
                    isStored: isStored)
            } else {
                try addEntries(sorted, to: temporary)
            }
            if rename(temporary.path, destination.path) != 0 { throw OutputFailure.lastError(at: path) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            // Name the archive being written, not its temporary file.
            var failure = OutputFailure(error, writing: path)
            if failure.path == temporary.path { failure.path = path }
            throw failure
        }
    }

    /// Adds every file; the archive is closed when this returns (ZIPFoundation closes on deinit).
    static func addEntries(_ files: [ArchiveFile], to url: URL) throws {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .create)
        } catch {
            throw OutputFailure(error, writing: url.path)
        }
        for file in files {
            errno = 0
            do {
                try addEntry(file, contents: file.contents, isStored: isStored(file), to: archive)
            } catch {
                // ZIPFoundation reports a failed fwrite without its reason; errno still holds it.
                let code = errno
                throw code != 0 ? OutputFailure(path: url.path, reason: String(cString: strerror(code))) : OutputFailure(error, writing: url.path)
            }
        }
    }

    /// Empty and already-compressed files are stored, everything else deflated.
    static func isStored(_ file: ArchiveFile) -> Bool {
        file.contents.isEmpty || CompressionPolicy.isAlreadyCompressed(name: file.name, contents: file.contents)
    }

    private static func addEntry(_ file: ArchiveFile, contents: Data, isStored: Bool, to archive: Archive) throws {
        try archive.addEntry(
            with: file.name, type: .file, uncompressedSize: Int64(contents.count),
            modificationDate: modificationDate, permissions: permissions,
            compressionMethod: isStored ? .none : .deflate, bufferSize: bufferSize
        ) { position, size in
            let start = contents.startIndex + Int(position)
            let end = min(start + size, contents.endIndex)
            return contents.subdata(in: start..<end)
        }
    }
}
