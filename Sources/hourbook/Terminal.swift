import Foundation
import HourbookCore

/// Printing for people: standard output for results, standard error for diagnostics and progress.
enum Terminal {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
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
}
