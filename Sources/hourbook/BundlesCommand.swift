import ArgumentParser
import Hourbook
import HourbookCore

/// `hourbook bundles`: one zipped, scoped site per department, for handing each department its own people.
struct Bundles: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes one zip per department at a level of the tree, each a complete site of that department's people only, and bundles.csv.")

    @Argument(help: "The data folder.")
    var data: String = "data"

    @Option(name: .long, help: "The output folder (the zips and bundles.csv); replaced whole only when every bundle is written.")
    var out: String

    @Option(name: .long, help: "The level of the department tree: 1 the departments without a parent, 2 the ones right below them, and so on.")
    var level: Int = 1

    @Option(name: .customLong("year"), help: "A year to report (repeat for several); default: hourbook.yaml's years, else every year with entries.")
    var years: [Int] = []

    @Option(name: .long, help: "Page language: zh or en (default: hourbook.yaml's site.lang, else zh).")
    var lang: String?

    @Flag(name: .long, help: "No progress messages.")
    var quiet = false

    @Flag(name: .long, help: "When another run is writing the output folder, stop at once (exit status 3) instead of waiting for it.")
    var noWait = false

    @Flag(name: .long, help: "Print each stage's wall time, summed over the bundles, on standard error.")
    var timings = false

    func validate() throws {
        if let lang, lang != "zh" && lang != "en" { throw ValidationError("--lang takes zh or en, not '\(lang)'.") }
        if level < 1 { throw ValidationError("--level counts from 1 (the departments without a parent), not \(level).") }
    }

    func run() throws {
        var options = BundleOptions(dataFolder: data, outputFolder: out)
        options.level = level
        options.years = years
        options.language = lang
        options.progress = Terminal.progress(quiet: quiet)
        options.waitsForOtherBuild = !noWait
        options.onWait = Terminal.waiting(for: out)
        let report: BundleReport
        do {
            report = try Pipeline.bundles(options)
        } catch {
            throw try Terminal.exitCode(for: error, output: out)
        }
        if timings { Terminal.printTimings(report.timings) }
        if !quiet {
            let learners = report.bundles.reduce(0) { $0 + $1.learners }
            print("Wrote \(out): \(report.bundles.count) bundles of level \(level), \(learners) learners, and bundles.csv.")
            if report.learnersOutside > 0 {
                print("\(report.learnersOutside) learners belong to departments above level \(level) and are in no bundle.")
            }
        }
    }
}
