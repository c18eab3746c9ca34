import Foundation
import Testing

@testable import HourbookEvidence

/// The one-pass zip writer gives the very bytes ZIPFoundation gave, so archives stay
/// byte-identical across the change and `hourbook verify` reads them as before.
@Suite struct ZipStreamWriterTests {
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

    @Test func theOnePassWriterGivesZIPFoundationsBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for count in [0, 1, 2, Self.files.count] {
            let files = Array(Self.files.prefix(count))
            let reference = folder.appendingPathComponent("reference-\(count).zip")
            let ours = folder.appendingPathComponent("ours-\(count).zip")
            try ZipArchiveWriter.addEntries(files, to: reference)
            #expect(ZipStreamWriter.canWrite(files))
            try ZipStreamWriter.write(
                files, to: ours.path, modification: ZipArchiveWriter.modificationDateTime, permissions: ZipArchiveWriter.permissions,
                isStored: ZipArchiveWriter.isStored)
            let expected = try Data(contentsOf: reference)
            let actual = try Data(contentsOf: ours)
            #expect(actual.count == expected.count, "\(count) entries")
            #expect(actual == expected, "\(count) entries: first difference at \(Array(zip(actual, expected)).firstIndex { $0 != $1 } ?? -1)")
        }
    }

    @Test func aWriteIntoAFolderThatIsAFileFailsWithTheSystemsReason() throws {
        #expect(throws: (any Error).self) {
            try ZipStreamWriter.write(
                Self.files, to: "/dev/null/x.zip", modification: ZipArchiveWriter.modificationDateTime, permissions: 0o644,
                isStored: ZipArchiveWriter.isStored)
        }
    }
}
