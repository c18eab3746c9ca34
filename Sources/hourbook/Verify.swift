import ArgumentParser
import HourbookEvidence

/// `hourbook verify`: re-checks an evidence archive against its manifest.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Checks an evidence archive: exit 0 intact, 1 tampered, 2 unreadable.")

    @Argument(help: "The archive (evidence/YEAR/DEPT.zip).")
    var archive: String

    func run() throws {
        let report = EvidenceVerifier.verify(archiveAt: archive)
        switch report.outcome {
        case .intact:
            for line in report.lines { print(line) }
        case .tampered:
            for line in report.lines { print(line) }
            throw ExitCode(1)
        case .unreadable:
            for line in report.lines { Terminal.error(line) }
            throw ExitCode(2)
        }
    }
}
