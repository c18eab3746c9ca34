import HourbookCore
import HourbookRules

/// What `hourbook diff` found between two snapshots: the settings and inputs that changed,
/// the departments and learners whose figures changed, with the ledger entries behind them,
/// and the ledger's counts per rule and status.
public struct DiffReport: Sendable {
    public var before: Snapshot.Origin
    public var after: Snapshot.Origin
    /// The years compared (the union of both sides' reported years, or the years asked for).
    public var years: [Int]
    /// Years reported on one side only: their rows are absent on the other.
    public var yearsOnlyBefore: [Int]
    public var yearsOnlyAfter: [Int]
    /// Each changed key of hourbook.yaml; nil when a side's settings are unknown (a published folder).
    public var settingChanges: [SettingChange]?
    /// Files added, removed or changed; nil when a side's inputs are unknown.
    public var inputChanges: [InputChange]?
    /// Department-years whose figures changed, the largest change first.
    public var departments: [DepartmentChange]
    /// Learner-years whose status, total or department changed, by learner id, then year.
    public var learners: [LearnerChange]
    /// Entries and hours per rule and status, every line where either side has entries.
    public var ledgerCounts: [LedgerCount]
    /// Learners with at least one ledger entry that appeared, disappeared or changed.
    public var learnersWithLedgerChanges: Int

    /// Whether anything differs (exit status 1 as `diff(1)`).
    public var hasDifferences: Bool {
        !yearsOnlyBefore.isEmpty || !yearsOnlyAfter.isEmpty || !(settingChanges ?? []).isEmpty
            || !(inputChanges ?? []).isEmpty || !departments.isEmpty || !learners.isEmpty
            || ledgerCounts.contains { $0.isChanged } || learnersWithLedgerChanges > 0
    }

    /// Learner-years whose status or total changes: the rows of the CSV.
    public var changedLearnerYears: [LearnerChange] { learners.filter { $0.isStatusChange || $0.isTotalChange } }
}

/// An input file that differs.
public struct InputChange: Hashable, Sendable {
    public enum Kind: String, Sendable { case added, removed, changed }
    public var path: String
    public var kind: Kind
    public var before: InputFileDigest?
    public var after: InputFileDigest?
}

/// A department-year whose figures differ (a side is nil when the department or year is absent there).
public struct DepartmentChange: Hashable, Sendable {
    public var departmentID: String
    public var year: Int
    public var name: String
    public var before: DepartmentFigures?
    public var after: DepartmentFigures?
}

/// A learner-year that changed, with the reasons in the ledger's terms.
public struct LearnerChange: Sendable {
    public var learnerID: String
    public var year: Int
    public var name: String
    /// nil when the learner is not reported in that year on that side.
    public var before: LearnerFigures?
    public var after: LearnerFigures?
    /// The learner's ledger entries of that year that appeared, disappeared or changed.
    public var entries: [EntryChange]

    /// The department on the after side (else the before side).
    public var departmentID: String { after?.departmentID ?? before?.departmentID ?? "" }
    public var isStatusChange: Bool { before?.status != after?.status }
    public var isTotalChange: Bool { before?.totalHours != after?.totalHours }
    public var isMove: Bool {
        before != nil && after != nil && before!.departmentID != after!.departmentID
    }
    public var isRequirementChange: Bool {
        before != nil && after != nil && before!.requiredHours != after!.requiredHours
    }
}

/// One ledger entry as a diff shows it, with its strings resolved.
public struct EntryState: Hashable, Sendable {
    public var rule: RuleCode
    public var status: EntryStatus
    public var hours: Hours
    public var cutHours: Hours
    public var year: Int?
    public var categoryID: String?
    public var percent: Int?
    public var isCapped: Bool
    public var file: String
    public var line: Int

    init(_ entry: CompactEntry, in ledger: CompactLedger) {
        rule = entry.rule
        status = entry.status
        hours = entry.hours
        cutHours = entry.cutHours
        year = entry.year
        categoryID = ledger.categoryID(of: entry)
        percent = entry.percent
        isCapped = entry.isCapped
        file = ledger.file(of: entry)
        line = Int(entry.line)
    }
}

/// A ledger entry that appeared (before nil), disappeared (after nil) or changed, matched
/// across the sides by its source: kind and id.
public struct EntryChange: Hashable, Sendable {
    public var kind: SourceKind
    public var sourceID: String
    public var before: EntryState?
    public var after: EntryState?
    /// The chapter threshold of each side, in hundredths of a percent, when known (chapters only).
    public var thresholdBefore: Int64?
    public var thresholdAfter: Int64?
}

/// Entries and credited hours of one rule code and status, on each side.
public struct LedgerCount: Hashable, Sendable {
    public var ruleStatus: RuleStatus
    public var entriesBefore: Int
    public var entriesAfter: Int
    public var hoursBefore: Hours
    public var hoursAfter: Hours

    public var isChanged: Bool { entriesBefore != entriesAfter || hoursBefore != hoursAfter }
}
