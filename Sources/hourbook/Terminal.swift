import Foundation

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
}
