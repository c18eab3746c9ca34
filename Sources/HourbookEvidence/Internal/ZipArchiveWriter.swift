import Foundation
import HourbookCore

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

/// Writes an evidence archive so that the same files always give the same bytes: entries
/// sorted by name in byte order, a fixed modification date, explicit permissions, UTF-8 names
/// (`ZipWriter`). The zip is written under a temporary name beside its destination, then
/// renamed into place.
enum ZipArchiveWriter {
    /// 2000-01-01 00:00:00 UTC, the date of every entry.
    static let modificationDate = Date(timeIntervalSince1970: 946_684_800)
    static let permissions: UInt16 = 0o644

    /// Writes `files` into the zip at `path` and returns the zip's SHA-256, lowercase hex.
    @discardableResult
    static func write(_ files: [ArchiveFile], to path: String) throws -> String {
        let sorted = files.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for (index, file) in sorted.enumerated() {
            guard EntryPath.isSafe(file.name) else { throw EvidenceError.unsafeEntryName(file.name) }
            if index > 0, sorted[index - 1].name == file.name { throw EvidenceError.duplicateEntryName(file.name) }
        }
        let destination = URL(fileURLWithPath: path)
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent("." + destination.lastPathComponent + ".partial").path
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            let zip = try ZipWriter(path: temporary, permissions: permissions, computesSHA256: true)
            for file in sorted {
                let compression: ZipEntry.Compression = isStored(file) ? .stored : .standard
                try zip.add(file.contents.withUnsafeBytes { raw in
                    try ZipEntry(name: file.name, contents: raw, compression: compression)
                })
            }
            try zip.finish()
            if rename(temporary, path) != 0 { throw OutputFailure.lastError(at: path) }
            return zip.sha256Hex!
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            // Name the archive being written, not its temporary file.
            var failure = OutputFailure(error, writing: path)
            if failure.path == temporary { failure.path = path }
            throw failure
        }
    }

    /// Empty and already-compressed files are stored, everything else deflated.
    static func isStored(_ file: ArchiveFile) -> Bool {
        file.contents.isEmpty || CompressionPolicy.isAlreadyCompressed(name: file.name, contents: file.contents)
    }
}
