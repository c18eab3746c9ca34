import Foundation
import Testing
import HourbookCore
import ZIPFoundation

@testable import HourbookEvidence

/// The one-pass zip writer gives the very bytes ZIPFoundation gave, so archives stay
/// byte-identical across the change and `hourbook verify` reads them as before.
@Suite struct ZipWriterTests {
    /// Text that deflates (lines of a ledger), of `count` bytes.
    static func ledgerText(_ count: Int, seed: UInt64) -> Data {
        var state = seed
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes += Array("L\(state >> 50),2024,P-CHAPTER,credited,0.50,学时 \(state >> 40 & 0xFF)\r\n".utf8)
        }
        return Data(bytes.prefix(count))
    }

    /// Bytes that do not deflate (a stand-in for a scanned certificate).
    static func noise(_ count: Int, seed: UInt64) -> Data {
        var state = seed
        return Data((0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        })
    }

    static let files: [ArchiveFile] = [
        ArchiveFile(name: "README.txt", contents: Data("证据包 evidence archive\n".utf8)),
        ArchiveFile(name: "attachments/L0001/F-1/empty.txt", contents: Data()),
        ArchiveFile(name: "attachments/L0001/F-1/结业证书.pdf", contents: Data("%PDF-1.4\n".utf8) + noise(70_000, seed: 1)),
        ArchiveFile(name: "attachments/L0002/F-2/notice.jpg", contents: Data([0xFF, 0xD8, 0xFF]) + noise(5_000, seed: 2)),
        ArchiveFile(name: "attachments/L0002/F-2/scan.bin", contents: noise(300_000, seed: 3)),
        ArchiveFile(name: "ledger.csv", contents: ledgerText(700_000, seed: 4)),
        ArchiveFile(name: "manifest-sha256.txt", contents: ledgerText(1, seed: 5)),
        ArchiveFile(name: "z/one-byte.txt", contents: Data("x".utf8)),
        ArchiveFile(name: "z/quarter.txt", contents: ledgerText(262_144, seed: 6)),
        ArchiveFile(name: "z/quarter-plus.txt", contents: ledgerText(262_145, seed: 7)),
    ].sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }

    /// The archive as ZIPFoundation wrote the evidence archives until 2026-11.
    static func writeWithZIPFoundation(_ files: [ArchiveFile], to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for file in files {
            let contents = file.contents
            try archive.addEntry(
                with: file.name, type: .file, uncompressedSize: Int64(contents.count),
                modificationDate: ZipArchiveWriter.modificationDate, permissions: ZipArchiveWriter.permissions,
                compressionMethod: ZipArchiveWriter.isStored(file) ? .none : .deflate, bufferSize: 256 * 1024
            ) { position, size in
                let start = contents.startIndex + Int(position)
                return contents.subdata(in: start..<min(start + size, contents.endIndex))
            }
        }
    }

    @Test func theOnePassWriterGivesZIPFoundationsBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for count in [0, 1, 2, Self.files.count] {
            let files = Array(Self.files.prefix(count))
            let reference = folder.appendingPathComponent("reference-\(count).zip")
            let ours = folder.appendingPathComponent("ours-\(count).zip")
            try Self.writeWithZIPFoundation(files, to: reference)
            try ZipArchiveWriter.write(files, to: ours.path)
            let expected = try Data(contentsOf: reference)
            let actual = try Data(contentsOf: ours)
            #expect(actual.count == expected.count, "\(count) entries")
            #expect(actual == expected, "\(count) entries: first difference at \(Array(zip(actual, expected)).firstIndex { $0 != $1 } ?? -1)")
        }
    }

    @Test func anArchiveOfMoreThan65535EntriesCarriesZIP64RecordsAndReadsBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zip64-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("many.zip").path
        let files = (0..<66_000).map { ArchiveFile(name: String(format: "f/%05d.txt", $0), contents: Data("\($0)".utf8)) }
        try ZipArchiveWriter.write(files, to: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var count = 0
        for entry in archive {
            count += 1
            if entry.path == "f/65999.txt" {
                var data = Data()
                _ = try archive.extract(entry) { data.append($0) }
                #expect(String(decoding: data, as: UTF8.self) == "65999")
            }
        }
        #expect(count == 66_000)
    }

    @Test func aWriteIntoAFolderThatIsAFileFailsWithTheSystemsReason() throws {
        do {
            try ZipArchiveWriter.write(Self.files, to: "/dev/null/x.zip")
            Issue.record("no failure")
        } catch let failure as OutputFailure {
            #expect(failure.path == "/dev/null/x.zip")
            #expect(failure.reason == "Not a directory")
        }
    }
}
