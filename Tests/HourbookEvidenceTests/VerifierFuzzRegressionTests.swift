import Foundation
import Testing

@testable import HourbookEvidence

/// Archives that hung or crashed the `verifier` fuzz target (`scripts/fuzz.sh`, docs/fuzzing.md),
/// fed as bytes. Each is also in `Fuzz/regressions/verifier/`, where every fuzzing run replays it.
@Suite struct VerifierFuzzRegressionTests {
    /// Fuzz/regressions/verifier/stored-block-cut-short.zip: one entry, manifest-sha256.txt, whose
    /// deflate data is only the header of a stored block of 65,535 bytes. ZIPFoundation's
    /// extraction read on past the entry and then looped for ever at the end of the file (the
    /// fuzzer's timeout-… inputs beside it are mutations of a demo archive that end the same way).
    static let storedBlockCutShort: [UInt8] = [
        0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x13, 0x00, 0x00, 0x00, 0x6D, 0x61,
        0x6E, 0x69, 0x66, 0x65, 0x73, 0x74, 0x2D, 0x73, 0x68, 0x61, 0x32, 0x35, 0x36, 0x2E, 0x74, 0x78,
        0x74, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x50, 0x4B, 0x01, 0x02, 0x14, 0x00, 0x14, 0x00, 0x00, 0x00,
        0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x40, 0x00,
        0x00, 0x00, 0x13, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xA4, 0x81,
        0x00, 0x00, 0x00, 0x00, 0x6D, 0x61, 0x6E, 0x69, 0x66, 0x65, 0x73, 0x74, 0x2D, 0x73, 0x68, 0x61,
        0x32, 0x35, 0x36, 0x2E, 0x74, 0x78, 0x74, 0x50, 0x4B, 0x05, 0x06, 0x00, 0x00, 0x00, 0x00, 0x01,
        0x00, 0x01, 0x00, 0x41, 0x00, 0x00, 0x00, 0x36, 0x00, 0x00, 0x00, 0x00, 0x00,
    ]

    @Test func aDeflateStreamCutShortIsUnreadableNotAHang() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hourbook-cut-\(UUID().uuidString).zip").path
        try Data(Self.storedBlockCutShort).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = EvidenceVerifier.verify(archiveAt: path)
        #expect(report.outcome == .unreadable(reason: "manifest-sha256.txt cannot be read"))
    }

    @Test func contentIsReadWithinTheEntryOnly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hourbook-cut-\(UUID().uuidString).zip").path
        try Data(Self.storedBlockCutShort).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let contents = try EntryContents(archiveAt: URL(fileURLWithPath: path))
        let record = try #require(contents.records?.first)
        #expect(record.compressedSize == 5 && record.method == 8)
        // zlib gets the 5 bytes and zeros after them, never memory past them: the stored block
        // outgrows the entry's declared 64 bytes, or the bytes run out.
        var produced = 0
        #expect(throws: EntryContents.ReadError.self) { try contents.read(record) { produced += $0.count } }
        #expect(produced <= 64)
    }
}
