import Foundation
import Testing

@testable import HourbookEvidence

/// Archives read back with the tools auditors use: Info-ZIP `unzip`, Python's `zipfile`, and
/// `sha256sum -c` on the extracted files.
@Suite struct ArchiveToolTests {
    @Test(.enabled(if: EvidenceFixture.executable("unzip") != nil))
    func unzipTestsTheArchiveAndSha256sumChecksTheExtractedFiles() throws {
        let fixture = try EvidenceFixture.standard()
        defer { fixture.remove() }
        let unzip = try #require(EvidenceFixture.executable("unzip"))
        for archive in try fixture.write(years: [2023, 2024]) {
            let zip = fixture.path("out/" + archive.path)
            let (testStatus, testOutput) = try EvidenceFixture.run(unzip, ["-t", zip])
            #expect(testStatus == 0, "\(testOutput)")
            #expect(testOutput.contains("No errors detected"))
            let folder = fixture.path("extracted-\(archive.year)")
            let (status, output) = try EvidenceFixture.run(unzip, ["-q", zip, "-d", folder])
            #expect(status == 0, "\(output)")
            // The UTF-8 flag lets unzip restore the Chinese names.
            if archive.departmentID == "D01" {
                let names = try FileManager.default.subpathsOfDirectory(atPath: folder)
                #expect(names.contains { $0.hasSuffix("结业证书.pdf") })
            }
            if let sha256sum = EvidenceFixture.executable("sha256sum") {
                let (checkStatus, checkOutput) = try EvidenceFixture.run(sha256sum, ["-c", "manifest-sha256.txt"], in: folder)
                #expect(checkStatus == 0, "\(checkOutput)")
                #expect(!checkOutput.contains("FAILED"))
            }
        }
    }

    @Test(.enabled(if: EvidenceFixture.executable("python3") != nil))
    func pythonZipfileTestsTheArchive() throws {
        let fixture = try EvidenceFixture.standard()
        defer { fixture.remove() }
        let python = try #require(EvidenceFixture.executable("python3"))
        let archive = try #require(try fixture.write(years: [2024]).first)
        let zip = fixture.path("out/" + archive.path)
        let (status, output) = try EvidenceFixture.run(python, ["-m", "zipfile", "-t", zip])
        #expect(status == 0, "\(output)")
        let (listStatus, listing) = try EvidenceFixture.run(python, ["-m", "zipfile", "-l", zip])
        #expect(listStatus == 0)
        #expect(listing.contains("结业证书.pdf"))
        #expect(listing.contains("2000-01-01 00:00:00"))
    }
}
