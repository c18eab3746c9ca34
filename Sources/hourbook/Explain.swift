import ArgumentParser
import Hourbook
import HourbookCore

/// `hourbook explain`: why a learner has the hours they have.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prints a learner's ledger: per year the totals against the requirement, then every entry and its reason.")

    @Argument(help: "The learner's id (learner_id in learners.csv).")
    var learnerID: String

    @Argument(help: "The data folder.")
    var data: String = "data"

    @Option(name: .long, help: "Only this year.")
    var year: Int?

    @Option(name: .long, help: "Language of the reasons: zh or en.")
    var lang: String = "zh"

    func validate() throws {
        if lang != "zh" && lang != "en" { throw ValidationError("--lang takes zh or en, not '\(lang)'.") }
    }

    func run() throws {
        let report: BuildReport
        do {
            report = try Pipeline.evaluate(dataFolder: data)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        guard let lines = Explanation.lines(for: learnerID, report: report, year: year, language: lang) else {
            Terminal.error("hourbook: no learner '\(learnerID)' in the roster of \(data), and no ledger entry names it.")
            throw ExitCode(1)
        }
        for line in lines { print(line) }
    }
}
