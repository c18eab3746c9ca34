import ArgumentParser
import Foundation
import Hourbook
import HourbookCore

/// `hourbook diff`: who changes, in which department, and why, between two evaluations.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compares two evaluations (data folders or published output folders): exit 0 no difference, 1 differences, 2 an input or the settings cannot be read.")

    @Argument(help: "BEFORE: a data folder, or an output folder that hourbook build published.")
    var before: String

    @Argument(help: "AFTER: a data folder, or an output folder that hourbook build published.")
    var after: String

    @Option(name: .customLong("year"), help: "A year to compare (repeat for several); default: every year either side reports.")
    var years: [Int] = []

    @Option(name: .long, help: "Evaluate AFTER (a data folder) with this hourbook.yaml instead of its own.")
    var settings: String?

    @Option(name: .long, help: "Also write the report as one HTML page (in the site's look) to this file.")
    var out: String?

    @Option(name: .long, help: "Also write one CSV row per learner and year whose status or total changes to this file.")
    var csv: String?

    @Option(name: .long, help: "Language of the report: zh or en.")
    var lang: String = "zh"

    @Option(name: .long, help: "Most departments and learners listed in the terminal (0: all).")
    var limit: Int = 100

    @Flag(name: .long, help: "No progress messages.")
    var quiet = false

    func validate() throws {
        if lang != "zh" && lang != "en" { throw ValidationError("--lang takes zh or en, not '\(lang)'.") }
        if limit < 0 { throw ValidationError("--limit takes 0 (all) or more.") }
    }

    func run() throws {
        var options = DiffOptions(before: before, after: after)
        options.settingsFile = settings
        options.years = years
        options.progress = Terminal.progress(quiet: quiet)
        let report: DiffReport
        do {
            report = try Diff.run(options)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        for line in DiffText.lines(report, language: lang, limit: limit) { print(line) }
        do {
            if let out { try Data(DiffHTML.page(report, language: lang).utf8).write(to: URL(fileURLWithPath: out)) }
            if let csv { try Data(DiffCSV.bytes(report, language: lang)).write(to: URL(fileURLWithPath: csv)) }
        } catch {
            Terminal.error("hourbook: the report cannot be written: \(error.localizedDescription)")
            throw ExitCode(3)
        }
        if report.hasDifferences { throw ExitCode(1) }
    }
}
