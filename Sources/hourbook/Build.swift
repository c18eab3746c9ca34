import ArgumentParser
import Hourbook
import HourbookCertificates
import HourbookCore

/// `hourbook build`: the site, the exports and the evidence archives.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reads a data folder and writes the site, the exports and the evidence archives.")

    @Argument(help: "The data folder.")
    var data: String = "data"

    @Option(name: .long, help: "The output folder; replaced whole only when the build is complete.")
    var out: String = "site"

    @Option(name: .customLong("year"), help: "A year to report (repeat for several); default: hourbook.yaml's years, else every year with entries.")
    var years: [Int] = []

    @Option(name: .long, help: "Page language: zh or en (default: hourbook.yaml's site.lang, else zh).")
    var lang: String?

    @Option(name: .customLong("signing-key"), help: "The organisation's private key (hourbook keygen): signs every certificate and publishes the public key.")
    var signingKey: String?

    @Option(name: .long, help: ArgumentHelp(
        "Limit the outputs to these departments and every department below them (ids, comma-separated or repeated).",
        valueName: "DEPT[,DEPT…]"))
    var scope: [String] = []

    @Flag(name: .long, help: "Refuse to write anything when the data has any error (exit status 1).")
    var strict = false

    @Flag(name: .long, help: "No progress messages.")
    var quiet = false

    @Flag(name: .long, help: "When another build is writing the output folder, stop at once (exit status 3) instead of waiting for it.")
    var noWait = false

    @Flag(name: .long, help: "Print each stage's wall time on standard error (for benchmarks).")
    var timings = false

    func validate() throws {
        if let lang, lang != "zh" && lang != "en" { throw ValidationError("--lang takes zh or en, not '\(lang)'.") }
    }

    func run() throws {
        var options = BuildOptions(dataFolder: data, outputFolder: out)
        options.years = years
        options.language = lang
        options.isStrict = strict
        options.signingKeyFile = signingKey
        options.progress = Terminal.progress(quiet: quiet)
        options.waitsForOtherBuild = !noWait
        options.scope = scope
        options.onWait = Terminal.waiting(for: out)
        let report: BuildReport
        do {
            report = try Pipeline.build(options)
        } catch {
            throw try Terminal.exitCode(for: error, output: out)
        }
        if timings { Terminal.printTimings(report.timings) }
        let errors = report.dataset.errorCount
        if report.exitStatus != 0 {
            for diagnostic in report.dataset.diagnostics where diagnostic.severity == .error {
                Terminal.error(diagnostic.description)
            }
            Terminal.error("hourbook: \(errors) errors; nothing written (--strict).")
            Terminal.finish(report.exitStatus)
        }
        if !quiet {
            print(
                "Wrote \(out): \(report.tally.learnerYears.count) learner-years in \(report.tally.years.map(String.init).joined(separator: ", ")), "
                    + "\(report.ledger.entries.count) ledger entries, \(report.dataset.diagnostics.count) diagnostics (\(errors) errors)"
                    + (report.dataset.diagnosticsOutsideScope > 0 ? ", \(report.dataset.diagnosticsOutsideScope) more outside the scope." : "."))
        }
        Terminal.finish()
    }
}
