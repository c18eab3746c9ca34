import Foundation
import HourbookCore
import HourbookRules
import ZIPFoundation

@testable import HourbookEvidence

/// A small data folder on disk with departments, learners, filings and their attachments,
/// plus a hand-built ledger (the rules engine is not needed to test the archives).
struct EvidenceFixture {
    let root: URL
    let dataFolder: URL
    var dataset: Dataset
    var entries: [LedgerEntry] = []

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("hourbook-evidence-\(UUID().uuidString)")
        dataFolder = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: dataFolder, withIntermediateDirectories: true)
        dataset = Dataset(folderPath: dataFolder.path)
        dataset.fingerprint = String(repeating: "ab", count: 32)
    }

    var ledger: Ledger { Ledger(entries: entries) }

    /// Writes a file under the data folder, creating its folders.
    @discardableResult
    func file(_ path: String, _ contents: Data) throws -> URL {
        let url = dataFolder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url)
        return url
    }

    @discardableResult
    func file(_ path: String, text: String) throws -> URL { try file(path, Data(text.utf8)) }

    mutating func department(_ id: String, _ name: String) {
        dataset.departments.append(Department(id: id, name: name, source: SourceLocation(file: "departments.csv", line: 2)))
    }

    mutating func learner(_ id: String, _ name: String, department: String) {
        dataset.learners.append(
            Learner(id: id, name: name, departmentID: department, source: SourceLocation(file: "learners.csv", line: 2)))
    }

    /// A filing with its ledger entry in `year`.
    mutating func filing(
        _ id: String, learner: String, year: Int, attachments: [String], status: EntryStatus = .credited,
        rule: RuleCode = .filingOnsite, hours: Hours = Hours(8)
    ) {
        dataset.filings.append(
            Filing(
                id: id, learnerID: learner, year: year, type: .onsite, status: .approved,
                attachments: attachments.map { Attachment(path: $0) },
                source: SourceLocation(file: "filings.xml", line: dataset.filings.count + 3)))
        entries.append(
            LedgerEntry(
                learnerID: learner, year: year, date: LocalDate(year: year, month: 6, day: 1), rule: rule,
                status: status, hours: status == .credited ? hours : .zero, categoryID: "professional",
                source: EntrySource(kind: .filing, id: id, file: "filings.xml", line: dataset.filings.count + 2),
                reason: Reason(chinese: "外部培训", english: "External training")))
    }

    /// A chapter credit (not a filing) in `year`.
    mutating func chapterCredit(learner: String, year: Int, chapter: String, message: String = "Chapter watched") {
        entries.append(
            LedgerEntry(
                learnerID: learner, year: year, date: LocalDate(year: year, month: 3, day: 2), rule: .playbackChapter,
                status: .credited, hours: Hours(hundredths: 250), categoryID: "political",
                source: EntrySource(kind: .chapter, id: chapter, file: "playback.csv", line: 7),
                reason: Reason(chinese: "章节完成", english: message)))
    }

    /// Writes the archives into `out` (relative to the fixture root).
    func write(years: [Int], to out: String = "out") throws -> [EvidenceArchive] {
        try EvidenceWriter.write(dataset: dataset, ledger: ledger, years: years, to: root.appendingPathComponent(out).path)
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The files of a zip, by name, read with ZIPFoundation.
    static func contents(ofZipAt path: String) throws -> [String: Data] {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var files: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            files[entry.path] = data
        }
        return files
    }

    /// Writes a zip of `files` with ZIPFoundation, for tampered copies.
    static func writeZip(_ files: [(String, Data)], to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in files {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// Runs a tool and returns its exit status and standard output.
    static func run(_ tool: String, _ arguments: [String], in directory: String? = nil) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static func executable(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

extension EvidenceFixture {
    /// Bytes that look like a PDF, a JPEG and a PNG.
    static let pdf = Data("%PDF-1.7\n".utf8) + Data(repeating: 0x41, count: 2000)
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data(repeating: 0x42, count: 2000)
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 0x43, count: 2000)

    /// Two departments, three learners, filings in 2024 and 2023, Chinese names.
    static func standard() throws -> EvidenceFixture {
        var fixture = try EvidenceFixture()
        fixture.department("D01", "组织部")
        fixture.department("D02", "宣传部")
        fixture.learner("L001", "张三", department: "D01")
        fixture.learner("L002", "李四", department: "D01")
        fixture.learner("L003", "王五", department: "D02")
        try fixture.file("attachments/L001/结业证书.pdf", pdf)
        try fixture.file("attachments/L001/照片.jpg", jpeg)
        try fixture.file("attachments/L001/notes.txt", text: String(repeating: "培训笔记 notes\n", count: 200))
        try fixture.file("attachments/L002/scan.bin", png)
        try fixture.file("attachments/L003/2023.pdf", pdf)
        fixture.filing("F-1", learner: "L001", year: 2024, attachments: [
            "attachments/L001/结业证书.pdf", "attachments/L001/照片.jpg", "attachments/L001/notes.txt",
        ])
        fixture.filing("F-2", learner: "L002", year: 2024, attachments: ["attachments/L002/scan.bin"], status: .pending,
            rule: .filingPending)
        fixture.filing("F-3", learner: "L003", year: 2023, attachments: ["attachments/L003/2023.pdf"])
        fixture.chapterCredit(learner: "L001", year: 2024, chapter: "CH1")
        fixture.chapterCredit(learner: "L001", year: 2023, chapter: "CH0")
        return fixture
    }
}
