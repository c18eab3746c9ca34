import Foundation
import HourbookCore
import Testing
@testable import HourbookImport

@Suite struct ImporterTests {
    @Test func minimalFolderImportsCleanly() throws {
        let folder = try DataFolder(DataFolder.minimal)
        let dataset = try folder.importDataset()
        #expect(dataset.diagnostics.isEmpty)
        #expect(dataset.departments.map(\.id) == ["D1"])
        #expect(dataset.learners.map(\.id) == ["L1"])
        #expect(dataset.courses.map(\.id) == ["C1"])
        #expect(dataset.settings == Settings())
        #expect(dataset.summary.filesRead == ["departments.csv", "learners.csv", "courses.csv", "chapters.csv"])
        #expect(dataset.folderPath == URL(fileURLWithPath: folder.path).standardizedFileURL.path)
        #expect(dataset.fingerprint.count == 64)
    }

    @Test func requiredFilesAndTheFolderItselfMustExist() throws {
        var files = DataFolder.minimal
        files["departments.csv"] = nil
        let error = failure { _ = try DataFolder(files).importDataset() }
        #expect(error?.code == .fileMissing)
        #expect(error?.file == "departments.csv")
        let nowhere = failure { _ = try Importer.importFolder(at: "/nonexistent/hourbook-\(UUID().uuidString)") }
        #expect(nowhere?.code == .fileUnreadable)
    }

    @Test func catalogXMLGoesToTheXMLDecoder() throws {
        var files = DataFolder.minimal
        files["courses.csv"] = nil
        files["chapters.csv"] = nil
        files["catalog.xml"] = "<catalog><course id=\"X1\" title=\"t\" category=\"business\"><chapter id=\"X1-1\" duration=\"60\" hours=\"1\"/></course></catalog>"
        let dataset = try DataFolder(files).importDataset()
        #expect(dataset.courses.map(\.id) == ["X1"])
        files["catalog.xml"] = "<catalog><course></catalog>"
        let error = failure { _ = try DataFolder(files).importDataset() }
        #expect(error?.file == "catalog.xml")
        #expect(error?.code == .xmlMalformed)
    }

    @Test func fingerprintCoversEveryInputFileAndAttachmentInReadingOrder() throws {
        let files = DataFolder.minimal.merging([
            "attachments/L1/b.pdf": "B", "attachments/L1/a.pdf": "A", "exams.csv": "exam_id,learner_id,class_id,taken_at\n",
        ]) { $1 }
        let first = try DataFolder(files).importDataset()
        let again = try DataFolder(files).importDataset()
        #expect(first.fingerprint == again.fingerprint)
        #expect(first.summary.filesRead == [
            "departments.csv", "learners.csv", "courses.csv", "chapters.csv", "exams.csv", "attachments/L1/a.pdf",
            "attachments/L1/b.pdf",
        ])
        let changed = try DataFolder(files.merging(["attachments/L1/b.pdf": "C"]) { $1 }).importDataset()
        #expect(changed.fingerprint != first.fingerprint)

        // The fingerprint is SHA-256 over path, NUL, length, NUL, bytes for each file in turn.
        var expected = Data()
        for name in first.summary.filesRead {
            let bytes = Data(files[name]!.utf8)
            expected += Data(name.utf8) + [0] + Data(String(bytes.count).utf8) + [0] + bytes
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(expected)
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let digest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        #expect(first.fingerprint == String(digest))
    }

    @Test func summaryLinesCountRecordsCodesAndSeverities() throws {
        let dataset = try DataFolder.minimal(with: [
            "learners.csv": "learner_id,name,dept_id,email\nL1,张三,D1,x\nL2,李四,NOPE,y\nL3,王五,D1\n"
        ]).importDataset()
        let lines = ImportReport.summaryLines(for: dataset)
        #expect(lines.contains("  learners     3"))
        #expect(lines.contains("  playback     0"))
        #expect(lines.contains("Exact duplicate playback rows dropped: 0"))
        #expect(lines.contains("Diagnostics: 2 errors, 1 warning, 0 info"))
        #expect(lines.contains("  [CSV-UNKNOWN-COLUMN] 1"))
        #expect(lines.contains("  [UNKNOWN-DEPARTMENT] 1"))
        #expect(lines.contains("  [CSV-FIELD-COUNT] 1"))
    }

    @Test func diagnosticsDocumentListsEveryCode() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/diagnostics.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for code in DiagnosticCode.allCases {
            #expect(text.contains("## \(code.rawValue)"), "docs/diagnostics.md lacks \(code.rawValue)")
            #expect(text.contains("[\(code.rawValue)]"), "docs/diagnostics.md has no example line for \(code.rawValue)")
        }
    }
}
