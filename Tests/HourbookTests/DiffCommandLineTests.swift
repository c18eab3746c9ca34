import Foundation
import Testing

/// `hourbook diff` as a user meets it: exit status as diff(1), the report on standard output.
@Suite("Command line: diff")
struct DiffCommandLineTests {
    func run(_ arguments: [String]) throws -> CommandLineTests.Outcome { try CommandLineTests().run(arguments) }

    @Test("diff: exit 0 and no differences on identical folders")
    func identical() throws {
        let data = try TestFolder(DiffTests.base)
        defer { data.remove() }
        let outcome = try run(["diff", data.path, data.path, "--lang", "en", "--quiet"])
        #expect(outcome.status == 0)
        #expect(outcome.output.contains("No differences."))
    }

    @Test("diff: exit 1 with the changed setting and learner, and the HTML and CSV reports written")
    func differences() throws {
        var files = DiffTests.base
        files["proposed.yaml"] = "chapter-threshold: 80\nrequirements: {default: {total: 1.5}}\n"
        let data = try TestFolder(files)
        defer { data.remove() }
        let outcome = try run([
            "diff", data.path, data.path, "--settings", data.path + "/proposed.yaml", "--out", data.path + "/report.html",
            "--csv", data.path + "/changes.csv", "--quiet",
        ])
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("chapter-threshold: 60 → 80"))
        #expect(outcome.output.contains("L1 张伟 D1 2024: 达标 → 未达标"))
        #expect(try data.read("report.html").contains("<!DOCTYPE html>"))
        #expect(try data.read("changes.csv").contains("L1,2024,D1,met,not-met,1.50,1.00,"))
    }

    @Test("diff: exit 2 naming the folder that cannot be read")
    func unreadable() throws {
        let data = try TestFolder(DiffTests.base)
        defer { data.remove() }
        let outcome = try run(["diff", data.path, data.path + "/missing"])
        #expect(outcome.status == 2)
        #expect(outcome.error.contains("missing"))
    }
}
