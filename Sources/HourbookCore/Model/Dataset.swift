/// The imported data folder: every usable record, typed, with where it came from, and every
/// diagnostic about the records that could not be used. Ids are unique within each kind.
public struct Dataset: Sendable {
    public var settings: Settings
    /// The data folder's absolute path (attachments are resolved against it).
    public var folderPath: String
    public var departments: [Department] = []
    public var learners: [Learner] = []
    public var courses: [Course] = []
    public var chapters: [Chapter] = []
    public var classes: [TrainingClass] = []
    public var playback = PlaybackLog()
    public var checkins: [Checkin] = []
    public var filings: [Filing] = []
    public var exams: [Exam] = []
    /// What each attachment path of the filings names, keyed by the path as written.
    public var attachmentFiles: [String: AttachmentFile] = [:]
    /// Every finding, in the order found; exports sort them by file and line.
    public var diagnostics: [Diagnostic] = []
    /// In a scoped output (`--scope`, bundles): how many diagnostics were left out because they
    /// are not about the scope's own records. The outputs say so in one line; 0 otherwise.
    public var diagnosticsOutsideScope = 0
    /// Records read per kind, duplicates dropped, and other counts for the import summary.
    public var summary = ImportSummary()
    /// SHA-256 over the input files (names and contents), hex: the source data's fingerprint.
    public var fingerprint: String = ""

    public init(settings: Settings = Settings(), folderPath: String) {
        self.settings = settings
        self.folderPath = folderPath
    }

    public var errorCount: Int { diagnostics.lazy.filter { $0.severity == .error }.count }
}

/// What the import read, for `hourbook validate`'s summary.
public struct ImportSummary: Hashable, Sendable {
    /// Records read per kind (`departments`, `learners`, `courses`, `chapters`, `classes`,
    /// `sessions`, `playback`, `checkins`, `filings`, `exams`), usable or not.
    public var recordsRead: [String: Int] = [:]
    /// Playback rows dropped as exact duplicates of a row already read.
    public var exactDuplicatesDropped: Int = 0
    /// Files read, relative to the data folder, in reading order.
    public var filesRead: [String] = []

    public init() {}
}
