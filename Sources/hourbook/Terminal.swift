import ArgumentParser
import Foundation
import Hourbook
import HourbookCertificates
import HourbookCore

/// Printing for people: standard output for results, standard error for diagnostics and progress.
enum Terminal {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Ends the process with `status` once a command has said everything. What it leaves
    /// behind is not freed first: the ledger of the 100,000-learner organisation (7.7 million
    /// entries) and its dataset took 0.7 s on one core to free, one entry after another, at the
    /// end of every build, for nothing. (`exit` still flushes standard output.)
    static func finish(_ status: Int32 = 0) -> Never {
        exit(status)
    }

    /// Whether standard error is a terminal (progress is shown only then).
    static var isInteractive: Bool { isatty(2) == 1 }

    /// A progress printer for long work, or nil when quiet or not on a terminal.
    static func progress(quiet: Bool) -> (@Sendable (String) -> Void)? {
        guard !quiet, isInteractive else { return nil }
        return { message in FileHandle.standardError.write(Data(("hourbook: " + message + "\n").utf8)) }
    }

    /// One line for an output that could not be written: what, where, why, and what is left as it was.
    static func sentence(for failure: OutputFailure, output: String) -> String {
        let folder = output.hasSuffix("/") ? output : output + "/"
        if let pid = failure.otherBuild {
            let holder = pid > 0 ? "another build (pid \(pid))" : "another build"
            return "hourbook: \(holder) is writing \(folder); this build stopped without writing anything (--no-wait)."
        }
        return "hourbook: could not write \(failure.path): \(failure.reason); \(folder) is untouched."
    }

    /// What a build or bundles run prints while another build holds its output folder.
    static func waiting(for output: String) -> @Sendable (Int32?) -> Void {
        { pid in
            let holder = pid.map { "another build (pid \($0))" } ?? "another build"
            error("hourbook: \(holder) is writing \(output)/; waiting for it to finish (--no-wait stops instead).")
        }
    }

    /// Prints a failure of a command that writes `output` in one line, and returns its exit
    /// status: 2 an input or key could not be read, 3 the output could not be written, 64 a
    /// department that `--scope` names is unknown. Other errors are rethrown.
    static func exitCode(for failure: any Error, output: String) throws -> ExitCode {
        switch failure {
        case let failure as InputFailure:
            error(failure.description)
            return ExitCode(2)
        case let failure as CertificateInputFailure:
            error(failure.description)
            return ExitCode(2)
        case let failure as OutputFailure:
            error(sentence(for: failure, output: output))
            return ExitCode(3)
        case let failure as ScopeFailure:
            error("hourbook: \(failure); \(output)/ is untouched.")
            return ExitCode(64)
        default:
            throw failure
        }
    }

    /// Each stage's wall time on standard error (`--timings`, for the benchmark script).
    static func printTimings(_ laps: [(stage: String, duration: Duration)]) {
        for lap in laps {
            let milliseconds = lap.duration.components.seconds * 1000 + lap.duration.components.attoseconds / 1_000_000_000_000_000
            error("hourbook: \(lap.stage) \(milliseconds) ms")
        }
    }
}
