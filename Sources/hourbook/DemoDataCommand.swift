import ArgumentParser
import HourbookCore
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

    func validate() throws {
        if learners < DemoData.minimumLearners {
            throw ValidationError("--learners must be at least \(DemoData.minimumLearners) (the demo scenario needs them), not \(learners).")
        }
    }

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
            // The folder is not empty or cannot be written: the output could not be written.
            Terminal.error("hourbook: " + error.description)
            throw ExitCode(3)
        } catch {
            Terminal.error("hourbook: could not write \(out): \(OutputFailure(error, writing: out).reason).")
            throw ExitCode(3)
        }
    }
}
