import Foundation
import HourbookCore
import HourbookRules
import Testing
import ZIPFoundation

@testable import HourbookEvidence

@Suite struct EvidenceWriterTests {
    @Test func writesOneArchivePerDepartmentYearWithFilings() throws {
        let fixture = try EvidenceFixture.standard()
        defer { fixture.remove() }
        let archives = try fixture.write(years: [2023, 2024])
        let paths = OutputPaths(learnerIDs: ["L001", "L002", "L003"], departmentIDs: ["D01", "D02"])
        #expect(archives.map(\.departmentID) == ["D02", "D01"])
        #expect(archives.map(\.year) == [2023, 2024])
        #expect(archives.map(\.path) == [paths.evidenceArchive("D02", year: 2023), paths.evidenceArchive("D01", year: 2024)])
        for archive in archives {
            let data = try Data(contentsOf: URL(fileURLWithPath: fixture.path("out/" + archive.path)))
            #expect(archive.sha256 == Digest.sha256Hex(data))
            #expect(archive.entryCount == (try EvidenceFixture.contents(ofZipAt: fixture.path("out/" + archive.path))).count)
        }
        // Only reported years: 2023 alone gives D02's archive only.
        #expect(try fixture.write(years: [2023], to: "only2023").map(\.departmentID) == ["D02"])
        // No temporary file is left beside the archives.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.path("out/evidence/2024"))
        #expect(leftovers == [paths.departmentName("D01") + ".zip"])
    }

    @Test func twoWritesGiveIdenticalBytes() throws {
        let fixture = try EvidenceFixture.standard()
        defer { fixture.remove() }
        let first = try fixture.write(years: [2023, 2024], to: "a")
        let second = try fixture.write(years: [2023, 2024], to: "b")
        #expect(first == second)
        for archive in first {
            let a = try Data(contentsOf: URL(fileURLWithPath: fixture.path("a/" + archive.path)))
            let b = try Data(contentsOf: URL(fileURLWithPath: fixture.path("b/" + archive.path)))
            #expect(a == b)
        }
    }

    @Test func archiveHoldsMembersAttachmentsLedgerReadmeAndManifest() throws {
        let fixture = try EvidenceFixture.standard()
        defer { fixture.remove() }
        let archive = try #require(try fixture.write(years: [2024]).first)
        let files = try EvidenceFixture.contents(ofZipAt: fixture.path("out/" + archive.path))
        let l001 = "attachments/L001/F-1/"
        let l002 = "attachments/L002/F-2/"
        #expect(Set(files.keys) == [
            "README.txt", "ledger.csv", "manifest-sha256.txt", l001 + "结业证书.pdf", l001 + "照片.jpg", l001 + "notes.txt",
            l002 + "scan.bin",
        ])
        #expect(files[l001 + "结业证书.pdf"] == EvidenceFixture.pdf)

        // ledger.csv: the members' entries of 2024 only (L001's 2023 chapter is left out).
        let ledger = String(decoding: try #require(files["ledger.csv"]), as: UTF8.self)
        #expect(ledger.hasPrefix("\u{FEFF}learner_id,year,date,rule,status,hours,cut_hours,category_id,source_kind,source_id,file,line,message\r\n"))
        let rows = ledger.split(separator: "\r\n").dropFirst()
        #expect(rows.count == 3)
        #expect(rows.contains("L001,2024,2024-03-02,P-CHAPTER,credited,2.50,0.00,political,chapter,CH1,playback.csv,7,Chapter watched"))
        #expect(rows.contains { $0.hasPrefix("L002,2024,2024-06-01,F-PENDING,pending,0.00,0.00,professional,filing,F-2,") })
        #expect(!ledger.contains("CH0"))

        // The manifest: every other file, sorted by path, LF line ends, digests that match.
        let manifest = String(decoding: try #require(files["manifest-sha256.txt"]), as: UTF8.self)
        #expect(!manifest.contains("\r"))
        let lines = manifest.split(separator: "\n").map(String.init)
        let listed = lines.map { String($0.dropFirst(66)) }
        #expect(listed == files.keys.filter { $0 != "manifest-sha256.txt" }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for line in lines {
            let name = String(line.dropFirst(66))
            #expect(String(line.prefix(64)) == Digest.sha256Hex(try #require(files[name])))
        }

        let readme = String(decoding: try #require(files["README.txt"]), as: UTF8.self)
        #expect(readme.contains("组织部 (id: D01)"))
        #expect(readme.contains("2024"))
        #expect(readme.contains(String(repeating: "ab", count: 32)))
        #expect(readme.contains("sha256sum -c manifest-sha256.txt"))
        #expect(readme.contains("hourbook verify"))
        #expect(readme.contains("L001  张三"))
        #expect(readme.contains("L002  李四"))
        #expect(!readme.contains("L003"))
    }

    @Test func alreadyCompressedFilesAreStoredAndTextIsDeflated() throws {
        let fixture = try EvidenceFixture.standard()
        defer { fixture.remove() }
        let archive = try #require(try fixture.write(years: [2024]).first)
        let zip = try Archive(url: URL(fileURLWithPath: fixture.path("out/" + archive.path)), accessMode: .read)
        var methods: [String: Bool] = [:]
        for entry in zip { methods[String(entry.path.split(separator: "/").last!)] = entry.isCompressed }
        #expect(methods["结业证书.pdf"] == false)
        #expect(methods["照片.jpg"] == false)
        // A PNG known by its first bytes only.
        #expect(methods["scan.bin"] == false)
        #expect(methods["notes.txt"] == true)
        #expect(methods["ledger.csv"] == true)
        #expect(methods["README.txt"] == true)
        #expect(methods["manifest-sha256.txt"] == true)
    }

    @Test func entriesAreSortedWithFixedDatesAndPermissions() throws {
        let fixture = try EvidenceFixture.standard()
        defer { fixture.remove() }
        let archive = try #require(try fixture.write(years: [2024]).first)
        let zip = try Archive(url: URL(fileURLWithPath: fixture.path("out/" + archive.path)), accessMode: .read)
        let names = zip.map(\.path)
        #expect(names == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for entry in zip {
            #expect(entry.fileAttributes[.modificationDate] as? Date == Date(timeIntervalSince1970: 946_684_800))
            #expect((entry.fileAttributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o644)
        }
    }

    @Test func chineseAndHostileNamesStayInsideTheirFolders() throws {
        var fixture = try EvidenceFixture()
        defer { fixture.remove() }
        fixture.department("../部门/x", "干部处")
        fixture.learner("../../L/1", "赵六", department: "../部门/x")
        try fixture.file("a/结业证书（2024）.pdf", EvidenceFixture.pdf)
        try fixture.file("b/结业证书（2024）.pdf", EvidenceFixture.pdf + Data([1]))
        try fixture.file(".hidden", text: "dot file")
        try fixture.file("c/a:b?\u{202E}fdp.txt", text: "odd name")
        try fixture.file("c/CON.txt", text: "device name")
        try fixture.file("c/100%.txt", text: "percent")
        let hostileFilings = ["F/../../1", "..", "😀填报", "=1+1"]
        for id in hostileFilings {
            fixture.filing(id, learner: "../../L/1", year: 2024, attachments: [
                "a/结业证书（2024）.pdf", "b/结业证书（2024）.pdf", ".hidden", "c/a:b?\u{202E}fdp.txt", "c/CON.txt",
                "c/100%.txt",
            ])
        }
        let archive = try #require(try fixture.write(years: [2024]).first)
        #expect(archive.path.hasPrefix("evidence/2024/"))
        #expect(!archive.path.dropFirst("evidence/2024/".count).contains("/"))
        let files = try EvidenceFixture.contents(ofZipAt: fixture.path("out/" + archive.path))
        #expect(files.count == 3 + 6 * hostileFilings.count)
        let folders = Set(files.keys.compactMap { $0.hasPrefix("attachments/") ? $0.split(separator: "/")[2] : nil })
        #expect(folders.count == hostileFilings.count)
        for name in files.keys {
            #expect(EntryPath.isSafe(name))
            let components = name.split(separator: "/")
            #expect(!components.contains { $0.hasPrefix(".") })
            #expect(!name.contains(":") && !name.contains("?") && !name.contains("%") && !name.contains("\u{202E}"))
        }
        let folder = "attachments/" + SafeName.make(for: "../../L/1") + "/" + SafeName.make(for: "😀填报") + "/"
        #expect(files[folder + "结业证书（2024）.pdf"] == EvidenceFixture.pdf)
        #expect(files[folder + "结业证书（2024）-2.pdf"] == EvidenceFixture.pdf + Data([1]))
        #expect(files[folder + "hidden"] == Data("dot file".utf8))
        #expect(files[folder + "a_b__fdp.txt"] == Data("odd name".utf8))
        #expect(files[folder + "_CON.txt"] == Data("device name".utf8))
        #expect(files[folder + "100_.txt"] == Data("percent".utf8))
        let readme = String(decoding: try #require(files["README.txt"]), as: UTF8.self)
        #expect(readme.contains("😀填报"))
        #expect(readme.contains("\\u{202e}"))
        #expect(!readme.contains("\u{202E}"))
        #expect(EvidenceVerifier.verify(archiveAt: fixture.path("out/" + archive.path)).outcome == .intact)
    }

    @Test func symbolicLinksOutOfTheDataFolderAreNeverPacked() throws {
        var fixture = try EvidenceFixture()
        defer { fixture.remove() }
        fixture.department("D01", "组织部")
        fixture.learner("L001", "张三", department: "D01")
        let secret = fixture.root.appendingPathComponent("outside/secret.pdf")
        try FileManager.default.createDirectory(at: secret.deletingLastPathComponent(), withIntermediateDirectories: true)
        let secretBytes = Data("%PDF-1.4 SECRET-OUTSIDE-THE-DATA-FOLDER".utf8)
        try secretBytes.write(to: secret)
        try FileManager.default.createDirectory(at: fixture.dataFolder.appendingPathComponent("att"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: fixture.dataFolder.path + "/att/link.pdf", withDestinationPath: secret.path)
        try FileManager.default.createSymbolicLink(atPath: fixture.dataFolder.path + "/att/relative-link.pdf", withDestinationPath: "../../outside/secret.pdf")
        try FileManager.default.createSymbolicLink(atPath: fixture.dataFolder.path + "/outdir", withDestinationPath: secret.deletingLastPathComponent().path)
        try fixture.file("att/inside.pdf", EvidenceFixture.pdf)
        try FileManager.default.createSymbolicLink(atPath: fixture.dataFolder.path + "/att/inside-link.pdf", withDestinationPath: "inside.pdf")
        fixture.filing("F-1", learner: "L001", year: 2024, attachments: [
            "att/link.pdf", "att/relative-link.pdf", "outdir/secret.pdf", "../outside/secret.pdf", secret.path,
            "att/missing.pdf", "att", "", "att/inside-link.pdf",
        ], status: .rejected, rule: .filingAttachment)
        let archive = try #require(try fixture.write(years: [2024]).first)
        let zipBytes = try Data(contentsOf: URL(fileURLWithPath: fixture.path("out/" + archive.path)))
        #expect(zipBytes.range(of: Data("SECRET-OUTSIDE".utf8)) == nil)
        let files = try EvidenceFixture.contents(ofZipAt: fixture.path("out/" + archive.path))
        let attachments = files.keys.filter { $0.hasPrefix("attachments/") }
        #expect(attachments.count == 1)
        #expect(attachments.first?.hasSuffix("/inside-link.pdf") == true)
        #expect(files.values.allSatisfy { $0 != secretBytes })
        let readme = String(decoding: try #require(files["README.txt"]), as: UTF8.self)
        #expect(readme.contains("Attachments not packed (8)"))
        #expect(readme.contains("att/link.pdf  NOT PACKED / 未打包: leads out of the data folder"))
        #expect(readme.contains("att/relative-link.pdf  NOT PACKED / 未打包: leads out of the data folder"))
        #expect(readme.contains("outdir/secret.pdf  NOT PACKED / 未打包: leads out of the data folder"))
        #expect(readme.contains("../outside/secret.pdf  NOT PACKED / 未打包: leads out of the data folder"))
        #expect(readme.contains("\(secret.path)  NOT PACKED / 未打包: absolute path"))
        #expect(readme.contains("att/missing.pdf  NOT PACKED / 未打包: no such file"))
        #expect(readme.contains("att  NOT PACKED / 未打包: not a regular file"))
        #expect(readme.contains("NOT PACKED / 未打包: empty path"))
    }

    @Test func attachmentNamesAreSanitizedOnlyWhenNeeded() {
        #expect(AttachmentFileName.sanitized("结业证书.pdf") == "结业证书.pdf")
        #expect(AttachmentFileName.sanitized("📄 report.pdf") == "📄 report.pdf")
        #expect(AttachmentFileName.sanitized("..") == "attachment")
        #expect(AttachmentFileName.sanitized("...pdf") == "pdf")
        #expect(AttachmentFileName.sanitized("a\u{0}b\nc.txt") == "a_b_c.txt")
        #expect(AttachmentFileName.sanitized("nul.txt") == "_nul.txt")
        #expect(AttachmentFileName.baseName(of: "x\\y\\证书.pdf") == "证书.pdf")
        #expect(AttachmentFileName.baseName(of: "x/y/") == "y")
        let long = String(repeating: "长", count: 100) + ".pdf"
        let short = AttachmentFileName.sanitized(long)
        #expect(short.utf8.count <= AttachmentFileName.maximumBytes && short.hasSuffix("长.pdf"))
        var names = AttachmentFileName()
        #expect(names.claim(forAttachmentPath: "a/Report.pdf") == "Report.pdf")
        #expect(names.claim(forAttachmentPath: "b/report.PDF") == "report-2.PDF")
        #expect(names.claim(forAttachmentPath: "c/report.pdf") == "report-3.pdf")
    }
}
