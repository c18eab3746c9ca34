import Foundation
import Testing

/// The command line as a user meets it: standard output, standard error and exit status.
@Suite("Command line")
struct CommandLineTests {
    struct Outcome {
        var status: Int32
        var output: String
        var error: String
    }

    /// The `hourbook` binary built beside the test bundle.
    static var binary: URL {
        var url = Bundle.main.bundleURL
        if url.pathExtension == "xctest" { url.deleteLastPathComponent() }
        let candidate = url.appendingPathComponent("hourbook")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        // swift-testing's runner: the products folder is the executable's own folder.
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hourbook")
    }

    func run(_ arguments: [String], in folder: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
            error: String(decoding: errData, as: UTF8.self))
    }

    @Test("validate: exit 0 and a summary on clean data")
    func validateClean() throws {
        let data = try TestFolder(smallOrganisation)
        defer { data.remove() }
        let outcome = try run(["validate", data.path])
        #expect(outcome.status == 0)
        #expect(!outcome.output.contains("error:"))
        #expect(outcome.output.contains("playback"))
    }

    @Test("validate: exit 1 and file:line diagnostics with an error")
    func validateErrors() throws {
        var files = smallOrganisation
        files["learners.csv"]! += "L4,赵六,D9,\n"
        let data = try TestFolder(files)
        defer { data.remove() }
        let outcome = try run(["validate", data.path])
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("learners.csv:5: error: [UNKNOWN-DEPARTMENT]"))
    }

    @Test("validate: exit 2 naming filings.xml when it declares an external entity")
    func validateRefusesExternalEntities() throws {
        var files = smallOrganisation
        files["filings.xml"] = """
            <?xml version="1.0"?>
            <!DOCTYPE filings [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <filings><filing id="F1" learner="L2" type="online"><name>&secret;</name></filing></filings>
            """
        let data = try TestFolder(files)
        defer { data.remove() }
        let outcome = try run(["validate", data.path])
        #expect(outcome.status == 2)
        #expect(outcome.error.contains("filings.xml"))
        #expect(!outcome.output.contains("root:"))
    }

    @Test("build: writes the exports and reports; explain prints the ledger with reasons")
    func buildAndExplain() throws {
        let data = try TestFolder(smallOrganisation)
        defer { data.remove(); try? FileManager.default.removeItem(atPath: data.path + "-site") }
        let built = try run(["build", data.path, "--out", data.path + "-site", "--quiet"])
        #expect(built.status == 0)
        #expect(FileManager.default.fileExists(atPath: data.path + "-site/exports/ledger.jsonl"))
        let explained = try run(["explain", "=L1", data.path, "--lang", "en"])
        #expect(explained.status == 0)
        #expect(explained.output.contains("P-CHAPTER"))
        #expect(explained.output.contains("playback/2024-03.csv:2"))
        #expect(explained.output.contains("2024: 0.50 hours of 0.50 required — met"))
        let unknown = try run(["explain", "L404", data.path])
        #expect(unknown.status == 1)
        #expect(unknown.error.contains("L404"))
    }

    @Test("Argument mistakes are usage errors")
    func argumentMistakes() throws {
        let outcome = try run(["build", "--lang", "fr"])
        #expect(outcome.status == 64)
        #expect(outcome.error.contains("zh or en"))
    }

    @Test("build --scope with an unknown department: exit 64 naming it; bundles: the zips and bundles.csv")
    func scopeAndBundles() throws {
        let data = try TestFolder(smallOrganisation)
        defer { data.remove(); try? FileManager.default.removeItem(atPath: data.path + "-out") }
        let unknown = try run(["build", data.path, "--out", data.path + "-out", "--scope", "D1,D404"])
        #expect(unknown.status == 64)
        #expect(unknown.error.contains("'D404'"))
        #expect(!FileManager.default.fileExists(atPath: data.path + "-out"))
        let scoped = try run(["build", data.path, "--out", data.path + "-out", "--scope", "D2", "--quiet"])
        #expect(scoped.status == 0)
        let bundles = try run(["bundles", data.path, "--out", data.path + "-out"])
        #expect(bundles.status == 0)
        #expect(bundles.output.contains("1 bundles of level 1, 3 learners"))
        #expect(FileManager.default.fileExists(atPath: data.path + "-out/D1.zip"))
        #expect(try run(["bundles", data.path, "--out", data.path + "-out", "--level", "0"]).status == 64)
    }
}
