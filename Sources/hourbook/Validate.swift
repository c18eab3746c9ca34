import ArgumentParser
import Hourbook
import HourbookCore
import HourbookImport

/// `hourbook validate`: import and check only.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Imports a data folder and prints every diagnostic; exit 1 with any error, 2 when an input cannot be read.")

    @Argument(help: "The data folder.")
    var data: String = "data"

    func run() throws {
        let dataset: Dataset
        do {
            dataset = try Importer.importFolder(at: data)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        for diagnostic in Exports.sortedDiagnostics(dataset.diagnostics) { print(diagnostic.description) }
        for line in ImportReport.summaryLines(for: dataset) { print(line) }
        Terminal.finish(dataset.errorCount > 0 ? 1 : 0)
    }
}
