import Crypto
import Foundation
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
        var files: [String: Entry] = [:]
        var unsafe: [String] = []
        for entry in archive {
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
            files[name] = entry
        }
        guard let manifestEntry = files[Manifest.fileName] else {
            return VerificationReport(
                archivePath: path, outcome: .unreadable(reason: "the archive holds no \(Manifest.fileName)"),
                unsafe: unsafe)
        }
        guard manifestEntry.uncompressedSize <= manifestLimit,
            let manifestData = try? read(manifestEntry, from: archive)
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
            if (try? digest(of: entry, in: archive)) != line.digest { report.altered.append(line.path) }
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

    /// The SHA-256 of an entry's content, streamed; the manifest is the check, so ZIPFoundation's
    /// CRC-32 check is skipped (a changed byte shows as a different digest, not as an error).
    static func digest(of entry: Entry, in archive: Archive) throws -> String {
        var hasher = SHA256()
        _ = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: true) { hasher.update(data: $0) }
        return Digest.hex(hasher.finalize())
    }

    static func read(_ entry: Entry, from archive: Archive) throws -> Data {
        var data = Data()
        _ = try archive.extract(entry, skipCRC32: true) { data.append($0) }
        return data
    }
}
