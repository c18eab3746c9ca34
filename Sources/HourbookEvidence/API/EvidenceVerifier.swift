import Crypto
import Foundation
import HourbookCore
import ZIPFoundation

/// Re-checks an evidence archive against its `manifest-sha256.txt`, entirely in memory:
/// nothing is extracted to disk, so a hostile entry name can do no harm.
public enum EvidenceVerifier {
    /// The manifest is read into memory; a larger one is refused as unreadable.
    static let manifestLimit: UInt64 = 64 << 20

    /// Reads the archive at `path`, recomputes the SHA-256 of every file the manifest lists and
    /// reports what is missing, extra or altered, and any unsafe entry name.
    public static func verify(archiveAt path: String) -> VerificationReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return VerificationReport(archivePath: path, outcome: .unreadable(reason: "no such file"))
        }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            return VerificationReport(archivePath: path, outcome: .unreadable(reason: "not a zip archive"))
        }
        // Each entry's content is read from its own bytes (`EntryContents`), never through
        // ZIPFoundation's extraction, which hangs on a deflate stream cut short.
        let contents: EntryContents
        do {
            contents = try EntryContents(archiveAt: URL(fileURLWithPath: path))
        } catch {
            return VerificationReport(archivePath: path, outcome: .unreadable(reason: "the file cannot be read"))
        }
        var files: [String: (entry: Entry, record: EntryContents.Record?)] = [:]
        var unsafe: [String] = []
        for (index, entry) in archive.enumerated() {
            var name = entry.path
            if entry.type == .directory, name.hasSuffix("/") { name.removeLast() }
            guard EntryPath.isSafe(name), entry.type != .symlink else {
                unsafe.append(entry.path)
                continue
            }
            if entry.type == .directory { continue }
            if files[name] != nil {
                unsafe.append(entry.path)
                continue
            }
            // ZIPFoundation lists the central directory in order: the index finds the entry's record.
            let record = contents.records.flatMap { index < $0.count ? $0[index] : nil }
            files[name] = (entry, record.flatMap { UInt64($0.compressedSize) == entry.compressedSize ? $0 : nil })
        }
        guard let manifestEntry = files[Manifest.fileName] else {
            return VerificationReport(
                archivePath: path, outcome: .unreadable(reason: "the archive holds no \(Manifest.fileName)"),
                unsafe: unsafe)
        }
        guard manifestEntry.entry.uncompressedSize <= manifestLimit,
            let manifestData = try? read(manifestEntry.record, from: contents)
        else {
            return VerificationReport(
                archivePath: path, outcome: .unreadable(reason: "\(Manifest.fileName) cannot be read"), unsafe: unsafe)
        }
        let manifest: [Manifest.Line]
        do {
            manifest = try Manifest.parse(manifestData)
        } catch {
            let reason: String
            switch error {
            case .malformed(let line): reason = "\(Manifest.fileName) line \(line) is not `<sha256>  <path>`"
            case .duplicate(let name): reason = "\(Manifest.fileName) lists \(Printable.escaped(name)) twice"
            case .notUTF8: reason = "\(Manifest.fileName) is not UTF-8 text"
            }
            return VerificationReport(archivePath: path, outcome: .unreadable(reason: reason), unsafe: unsafe)
        }
        var report = VerificationReport(archivePath: path, outcome: .intact, unsafe: unsafe)
        var listed: Set<String> = [Manifest.fileName]
        for line in manifest {
            listed.insert(line.path)
            guard let entry = files[line.path] else {
                report.missing.append(line.path)
                continue
            }
            report.checked += 1
            if (try? digest(of: entry.record, in: contents)) != line.digest { report.altered.append(line.path) }
        }
        report.extra = files.keys.filter { !listed.contains($0) }
        let byteOrder: (String, String) -> Bool = { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        report.missing.sort(by: byteOrder)
        report.extra.sort(by: byteOrder)
        report.altered.sort(by: byteOrder)
        report.unsafe.sort(by: byteOrder)
        if !(report.missing.isEmpty && report.extra.isEmpty && report.altered.isEmpty && report.unsafe.isEmpty) {
            report.outcome = .tampered
        }
        return report
    }

    /// The SHA-256 of an entry's content, streamed; the manifest is the check, so the CRC-32 is
    /// not (a changed byte shows as a different digest, not as an error).
    static func digest(of record: EntryContents.Record?, in contents: EntryContents) throws -> String {
        guard let record else { throw EntryContents.ReadError.truncated }
        var hasher = SHA256()
        try contents.read(record) { hasher.update(data: $0) }
        return lowercaseHex(hasher.finalize())
    }

    static func read(_ record: EntryContents.Record?, from contents: EntryContents) throws -> Data {
        guard let record else { throw EntryContents.ReadError.truncated }
        var data = Data()
        try contents.read(record) { data.append($0) }
        return data
    }
}
