import Foundation
import Testing

@testable import HourbookEvidence

@Suite struct EvidenceVerifierTests {
    /// A written archive, its files read back, and a path for a tampered copy.
    private func written() throws -> (EvidenceFixture, String, [(String, Data)], String) {
        let fixture = try EvidenceFixture.standard()
        let archive = try #require(try fixture.write(years: [2024]).first)
        let path = fixture.path("out/" + archive.path)
        let files = try EvidenceFixture.contents(ofZipAt: path).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return (fixture, path, files, fixture.path("tampered.zip"))
    }

    @Test func anUntouchedArchiveIsIntact() throws {
        let (fixture, path, files, _) = try written()
        defer { fixture.remove() }
        let report = EvidenceVerifier.verify(archiveAt: path)
        #expect(report.outcome == .intact)
        #expect(report.checked == files.count - 1)
        #expect(report.missing.isEmpty && report.extra.isEmpty && report.altered.isEmpty && report.unsafe.isEmpty)
        #expect(report.lines == ["\(path): intact, \(files.count - 1) files match manifest-sha256.txt"])
    }

    @Test func aChangedByteIsCaught() throws {
        let (fixture, _, files, tampered) = try written()
        defer { fixture.remove() }
        let target = try #require(files.first { $0.0.hasSuffix("notes.txt") }?.0)
        let changed = files.map { name, data -> (String, Data) in
            guard name == target else { return (name, data) }
            var copy = data
            copy[copy.startIndex + 10] ^= 0x01
            return (name, copy)
        }
        try EvidenceFixture.writeZip(changed, to: tampered)
        let report = EvidenceVerifier.verify(archiveAt: tampered)
        #expect(report.outcome == .tampered)
        #expect(report.altered == [target])
        #expect(report.missing.isEmpty && report.extra.isEmpty)
        #expect(report.lines.contains("  altered: \(target)"))
    }

    @Test func aByteFlippedInTheZipFileItselfIsCaught() throws {
        let (fixture, path, _, tampered) = try written()
        defer { fixture.remove() }
        // The PDF is stored, so its bytes sit in the zip as they are: change one of its "A"s.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let run = try #require(bytes.range(of: Data(repeating: 0x41, count: 100)))
        bytes[run.lowerBound + 50] = 0x42
        try bytes.write(to: URL(fileURLWithPath: tampered))
        let report = EvidenceVerifier.verify(archiveAt: tampered)
        #expect(report.outcome == .tampered)
        #expect(report.altered.count == 1 && report.altered.first?.hasSuffix("结业证书.pdf") == true)
    }

    @Test func anAddedFileIsCaught() throws {
        let (fixture, _, files, tampered) = try written()
        defer { fixture.remove() }
        try EvidenceFixture.writeZip(files + [("attachments/extra.pdf", EvidenceFixture.pdf)], to: tampered)
        let report = EvidenceVerifier.verify(archiveAt: tampered)
        #expect(report.outcome == .tampered)
        #expect(report.extra == ["attachments/extra.pdf"])
        #expect(report.altered.isEmpty && report.missing.isEmpty)
    }

    @Test func aRemovedFileIsCaught() throws {
        let (fixture, _, files, tampered) = try written()
        defer { fixture.remove() }
        try EvidenceFixture.writeZip(files.filter { $0.0 != "ledger.csv" }, to: tampered)
        let report = EvidenceVerifier.verify(archiveAt: tampered)
        #expect(report.outcome == .tampered)
        #expect(report.missing == ["ledger.csv"])
        #expect(report.checked == files.count - 2)
    }

    @Test func unsafeEntryNamesAreReportedAndNeverExtracted() throws {
        let (fixture, _, files, tampered) = try written()
        defer { fixture.remove() }
        let escape = fixture.root.appendingPathComponent("escaped.txt").path
        try EvidenceFixture.writeZip(
            files + [("../escaped.txt", Data("x".utf8)), ("/tmp/absolute.txt", Data("y".utf8)), ("a\\..\\b.txt", Data())],
            to: tampered)
        let report = EvidenceVerifier.verify(archiveAt: tampered)
        #expect(report.outcome == .tampered)
        #expect(report.unsafe == ["../escaped.txt", "/tmp/absolute.txt", "a\\..\\b.txt"])
        #expect(report.lines.contains("  unsafe entry: a\\\\..\\\\b.txt"))
        #expect(!FileManager.default.fileExists(atPath: escape))
    }

    @Test func unreadableArchivesSayWhy() throws {
        let (fixture, _, files, tampered) = try written()
        defer { fixture.remove() }
        #expect(EvidenceVerifier.verify(archiveAt: fixture.path("nothing.zip")).outcome == .unreadable(reason: "no such file"))
        try Data("not a zip at all".utf8).write(to: URL(fileURLWithPath: tampered))
        #expect(EvidenceVerifier.verify(archiveAt: tampered).outcome == .unreadable(reason: "not a zip archive"))
        try EvidenceFixture.writeZip(files.filter { $0.0 != "manifest-sha256.txt" }, to: tampered)
        #expect(
            EvidenceVerifier.verify(archiveAt: tampered).outcome
                == .unreadable(reason: "the archive holds no manifest-sha256.txt"))
        try EvidenceFixture.writeZip([("manifest-sha256.txt", Data("garbage\n".utf8))], to: tampered)
        let report = EvidenceVerifier.verify(archiveAt: tampered)
        #expect(report.outcome == .unreadable(reason: "manifest-sha256.txt line 1 is not `<sha256>  <path>`"))
        #expect(report.lines.first?.hasSuffix("unreadable: manifest-sha256.txt line 1 is not `<sha256>  <path>`") == true)
    }

    @Test func manifestsInSha256sumAndBagItFormsAreRead() throws {
        let digest = String(repeating: "A", count: 64)
        let lines = try Manifest.parse(Data("\(digest)  a b.txt\r\n\(digest) *bin/x\n\n\(digest)  data/100%25.txt\n".utf8))
        #expect(lines.map(\.path) == ["a b.txt", "bin/x", "data/100%.txt"])
        #expect(lines.allSatisfy { $0.digest == String(repeating: "a", count: 64) })
        #expect(throws: Manifest.ParseError.duplicate(path: "x")) {
            try Manifest.parse(Data("\(digest)  x\n\(digest)  x\n".utf8))
        }
    }
}
