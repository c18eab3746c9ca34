import Foundation
import HourbookCore
@testable import HourbookImport

/// A data folder written from inline files (`[relativePath: contents]`) into a fresh temporary folder.
struct DataFolder {
    let path: String

    init(_ files: [String: String], bytes: [String: [UInt8]] = [:]) throws {
        path = NSTemporaryDirectory() + "hourbook-import-" + UUID().uuidString
        for (name, text) in files { try Self.write(Array(text.utf8), to: path + "/" + name) }
        for (name, data) in bytes { try Self.write(data, to: path + "/" + name) }
    }

    static func write(_ bytes: [UInt8], to file: String) throws {
        let url = URL(fileURLWithPath: file)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func importDataset() throws -> Dataset { try Importer.importFolder(at: path) }

    /// The smallest valid folder: one department, one learner, one course with one chapter.
    static let minimal: [String: String] = [
        "departments.csv": "dept_id,name,parent_id\nD1,组织人事部,\n",
        "learners.csv": "learner_id,name,dept_id\nL1,张三,D1\n",
        "courses.csv": "course_id,title,category\nC1,新发展格局,platform-online\n",
        "chapters.csv": "chapter_id,course_id,duration,hours\nC1-1,C1,1520,0.5\n",
    ]

    /// The minimal folder with some files added or replaced.
    static func minimal(with files: [String: String]) throws -> DataFolder {
        try DataFolder(minimal.merging(files) { $1 })
    }
}

extension Dataset {
    /// The diagnostics with `code`, as `file:line` strings.
    func places(_ code: DiagnosticCode) -> [String] {
        diagnostics.filter { $0.code == code }.map { "\($0.file):\($0.line)" }
    }

    func codes() -> [DiagnosticCode] { diagnostics.map(\.code) }
}

/// The `InputFailure` thrown by `body`, if any.
func failure(_ body: () throws -> Void) -> InputFailure? {
    do {
        try body()
        return nil
    } catch let error as InputFailure {
        return error
    } catch {
        return nil
    }
}

/// Every record of a CSV text: its start line and fields.
func records(_ text: String) -> [(line: Int, fields: [String], problem: String?)] {
    let reader = CSVReader(text: text, file: "t.csv")
    var result: [(Int, [String], String?)] = []
    while reader.next() { result.append((reader.line, reader.strings, reader.quoteProblem)) }
    return result
}
