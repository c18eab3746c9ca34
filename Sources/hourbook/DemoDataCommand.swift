import ArgumentParser
import HourbookDemo

/// `hourbook demo-data`: a realistic, seeded data folder (the demo, or the benchmark organisation).
struct DemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Writes a seeded demo data folder (the same seed gives the same bytes).")

    @Argument(help: "The folder to create; it must not exist or must be empty.")
    var out: String

    @Option(name: .long, help: "How many learners (the benchmark organisation has 100000).")
    var learners: Int = 60

    @Option(name: .long, help: "The seed of the generator.")
    var seed: UInt64 = 2024

    @Flag(name: .long, help: "No progress messages.")
    var quiet = false

    func run() throws {
        let progress = Terminal.progress(quiet: quiet)
        do {
            let summary = try DemoData.write(to: out, learners: learners, seed: seed, progress: progress.map { p in { p($0) } })
            if !quiet {
                print(
                    "Wrote \(out): \(summary.learners) learners, \(summary.playbackRows) playback rows, \(summary.checkins) check-ins, "
                        + "\(summary.filings) filings, \(summary.attachments) attachments, \(summary.exams) exams.")
            }
        } catch let error as DemoDataError {
            Terminal.error("hourbook: " + error.description)
            throw ExitCode(1)
        }
    }
}
