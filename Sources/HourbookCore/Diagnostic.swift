/// How bad a diagnostic is.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    /// Something worth knowing that changes nothing (a GB18030 file read).
    case info
    /// A value ignored or a field treated as absent; the record is still used.
    case warning
    /// The record cannot be used; it is reported and makes no ledger entry.
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One finding about the input: where, how bad, which stable code, one sentence,
/// and the raw text of the record so that nothing the user gave is lost.
///
/// Prints as `file:line: error: [CODE] message` (swift-format's shape).
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The file, relative to the data folder (`playback/2024-01.csv`).
    public var file: String
    /// 1-based line where the record starts; 0 when the finding is about the whole file.
    public var line: Int
    public var severity: Severity
    public var code: DiagnosticCode
    /// One sentence, in English, naming the value and what is wrong with it.
    public var message: String
    /// The bad record's raw text, as read (CSV: the record's fields joined by commas).
    public var rawText: String
    /// Whose record it is, when the record names a learner or departments (nil otherwise):
    /// a scoped output keeps only the diagnostics of its own people and departments.
    public var subject: DiagnosticSubject?

    public init(
        file: String, line: Int, severity: Severity, code: DiagnosticCode, message: String, rawText: String = "",
        subject: DiagnosticSubject? = nil
    ) {
        self.file = file
        self.line = line
        self.severity = severity
        self.code = code
        self.message = message
        self.rawText = rawText
        self.subject = subject
    }

    public var description: String { "\(file):\(line): \(severity.rawValue): [\(code.rawValue)] \(message)" }
}

/// The learner and departments a diagnostic's record names (a roster row: its id and dept_id;
/// an activity row: its learner_id; a department row: its id and parent_id). A diagnostic
/// belongs to a scope only when every id named here is inside it.
public struct DiagnosticSubject: Hashable, Sendable {
    public var learnerID: String?
    public var departmentIDs: [String]

    public init(learnerID: String? = nil, departmentIDs: [String] = []) {
        self.learnerID = learnerID
        self.departmentIDs = departmentIDs
    }

    /// Whether the subject names anything at all.
    public var isEmpty: Bool { learnerID == nil && departmentIDs.isEmpty }
}

/// The stable codes of import diagnostics. Every code is documented in docs/diagnostics.md
/// with an example and the fix an HR user should make (a test keeps the two in step).
public enum DiagnosticCode: String, Sendable, CaseIterable, Hashable {
    // Files and encodings.
    /// Info: the file is not UTF-8 but valid GB18030, and was read as such.
    case encodingGB18030 = "ENCODING-GB18030"
    /// Whole input: neither UTF-8 nor GB18030; the message gives the byte offset.
    case encodingInvalid = "ENCODING-INVALID"
    /// Whole input: the file or folder cannot be read.
    case fileUnreadable = "FILE-UNREADABLE"
    /// Whole input: a required file (departments.csv, learners.csv, the catalog) is missing.
    case fileMissing = "FILE-MISSING"
    /// Whole input: both forms of one input exist (catalog.xml and courses.csv, filings.xml and filings.csv).
    case folderAmbiguous = "FOLDER-AMBIGUOUS"
    /// Whole run: hourbook.yaml is invalid (unknown key, bad value, unknown category).
    case settingsInvalid = "SETTINGS-INVALID"

    // CSV.
    /// Whole input: a required column is missing from the header.
    case csvMissingColumn = "CSV-MISSING-COLUMN"
    /// Warning, once per file: columns the contract does not know are ignored.
    case csvUnknownColumn = "CSV-UNKNOWN-COLUMN"
    /// Error: the row has a different number of fields than the header.
    case csvFieldCount = "CSV-FIELD-COUNT"
    /// Error: a quote in the wrong place, or a quoted field never closed.
    case csvQuote = "CSV-QUOTE"
    /// Warning: two header cells name the same column; the first is used.
    case csvDuplicateColumn = "CSV-DUPLICATE-COLUMN"

    // XML.
    /// Whole input: the document is not well-formed XML.
    case xmlMalformed = "XML-MALFORMED"
    /// Whole input: the document declares a DOCTYPE (DTDs and entities are never processed).
    case xmlDoctype = "XML-DOCTYPE"
    /// Warning: an element the contract does not know is ignored.
    case xmlUnknownElement = "XML-UNKNOWN-ELEMENT"
    /// Warning: an attribute the contract does not know is ignored.
    case xmlUnknownAttribute = "XML-UNKNOWN-ATTRIBUTE"

    // Values.
    /// Error: a required value is absent.
    case missingValue = "MISSING-VALUE"
    /// Error: a value the rules read is malformed (date, timestamp, hours, …).
    case badValue = "BAD-VALUE"
    /// Warning: an optional value the rules do not read is malformed and treated as absent.
    case badOptionalValue = "BAD-OPTIONAL-VALUE"
    /// Error: an identifier is longer than 64 characters.
    case badIdentifier = "BAD-IDENTIFIER"
    /// Error: a record repeats an id already read for its kind.
    case duplicateID = "DUPLICATE-ID"
    /// Warning: a text longer than its limit (purpose, content: 300 characters) is kept whole.
    case textTooLong = "TEXT-TOO-LONG"

    // References and structure.
    /// Error: a department's parent does not exist; it becomes a root.
    case unknownParent = "UNKNOWN-PARENT"
    /// Error: a department is part of a cycle of parents; the smallest id becomes a root.
    case departmentCycle = "DEPARTMENT-CYCLE"
    /// Error: a learner's department does not exist.
    case unknownDepartment = "UNKNOWN-DEPARTMENT"
    /// Error: a course or class names a category that is not configured.
    case unknownCategory = "UNKNOWN-CATEGORY"
    /// Error: a course's `hours` differs from the sum of its chapters' hours.
    case courseHoursMismatch = "COURSE-HOURS-MISMATCH"
    /// Error: a class lists a course, or a chapter names a course, that is not a usable course of the catalog.
    case unknownCourse = "UNKNOWN-COURSE"
    /// Warning: a class lists a member who is not in the roster.
    case unknownMember = "UNKNOWN-MEMBER"
    /// Error: a session ends at or before its start.
    case sessionTimes = "SESSION-TIMES"
    /// Error: a class ends before it starts.
    case classDates = "CLASS-DATES"
    /// Error: a playback row reuses a known event_id with different values.
    case playbackConflict = "PLAYBACK-CONFLICT"
    /// Warning: an exam names a learner not in the roster.
    case examUnknownLearner = "EXAM-UNKNOWN-LEARNER"
    /// Warning: an exam names a class not in the catalog.
    case examUnknownClass = "EXAM-UNKNOWN-CLASS"
}

/// A whole input that cannot be read, or invalid settings: the build stops before anything
/// is written (exit status 2), with one sentence naming the file and what to do.
public struct InputFailure: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var code: DiagnosticCode
    public var message: String

    public init(file: String, code: DiagnosticCode, message: String) {
        self.file = file
        self.code = code
        self.message = message
    }

    public var description: String { "\(file): error: [\(code.rawValue)] \(message)" }
}
