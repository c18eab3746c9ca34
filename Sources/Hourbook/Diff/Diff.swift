import HourbookCore

/// What `hourbook diff` is asked to compare.
public struct DiffOptions: Sendable {
    /// A data folder or a published output folder.
    public var before: String
    public var after: String
    /// Evaluates AFTER (a data folder) with this hourbook.yaml instead of its own.
    public var settingsFile: String?
    /// Years to compare; empty: the union of both sides' reported years.
    public var years: [Int] = []
    /// Short progress messages.
    public var progress: (@Sendable (String) -> Void)?

    public init(before: String, after: String) {
        self.before = before
        self.after = after
    }
}

/// `hourbook diff`: who changes, in which department, and why, between two evaluations.
///
///     BEFORE ──evaluate or read back──▶ Snapshot ─┐
///                                                  ├─ Differ ──▶ DiffReport ──▶ terminal, HTML, CSV
///     AFTER  ──evaluate or read back──▶ Snapshot ─┘
///
/// One side is evaluated and reduced to its snapshot before the other is read.
public enum Diff {
    public static func run(_ options: DiffOptions) throws(InputFailure) -> DiffReport {
        let before = try SnapshotLoader.load(options.before, years: options.years, progress: options.progress)
        let after = try SnapshotLoader.load(
            options.after, settingsFile: options.settingsFile, years: options.years, progress: options.progress)
        options.progress?("comparing")
        return Differ.compare(before, after)
    }
}
