import HourbookCore
import HourbookRules

/// One side of `hourbook diff`, reduced to what the comparison needs: the figures that
/// learners.csv and departments.csv say, a compact ledger, the input files and the settings.
///
/// A side is evaluated, reduced to a snapshot and freed before the other side is read, so a diff
/// of two 100,000-learner organisations holds one evaluation and one snapshot at a time.
public struct Snapshot: Sendable {
    /// Where this side comes from.
    public enum Origin: Sendable, Hashable {
        /// A data folder, imported and evaluated (with another settings file, when given).
        case dataFolder(path: String, settingsFile: String?)
        /// An output folder that `hourbook build` published, read back from its exports.
        case outputFolder(path: String)
    }

    public var origin: Origin
    /// The reported years, ascending.
    public var years: [Int]
    /// One row of learners.csv per active learner and reported year, by learner id, then year.
    public var learners: [LearnerFigures]
    /// One row of departments.csv per department and reported year, by department id, then year.
    public var departments: [DepartmentFigures]
    public var ledger: CompactLedger
    /// The input files and their digests, by path; nil when a published folder has no inputs.csv.
    public var inputs: [InputFileDigest]?
    /// The settings evaluated with; nil for a published folder (its exports do not hold them).
    public var settings: Settings?
    /// SHA-256 over the inputs, when known.
    public var fingerprint: String?

    public init(
        origin: Origin, years: [Int], learners: [LearnerFigures], departments: [DepartmentFigures],
        ledger: CompactLedger, inputs: [InputFileDigest]?, settings: Settings?, fingerprint: String?
    ) {
        self.origin = origin
        self.years = years
        self.learners = learners
        self.departments = departments
        self.ledger = ledger
        self.inputs = inputs
        self.settings = settings
        self.fingerprint = fingerprint
    }

    /// Reduces an evaluated data folder: the figures exactly as the exports write them.
    public static func make(report: BuildReport, origin: Origin, inputs: [InputFileDigest]) -> Snapshot {
        let dataset = report.dataset
        let roster = Dictionary(dataset.learners.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let departmentNames = Dictionary(dataset.departments.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let learners = report.tally.learnerYears.map { item in
            LearnerFigures(
                learnerID: item.learnerID, year: item.year, name: roster[item.learnerID]?.name ?? "",
                departmentID: roster[item.learnerID]?.departmentID ?? "", totalHours: item.totalHours,
                requiredHours: item.requirement.total, status: item.status)
        }
        let departments = report.tally.departmentYears.map { item in
            DepartmentFigures(
                departmentID: item.departmentID, year: item.year, name: departmentNames[item.departmentID] ?? "",
                learners: item.learners, met: item.met, totalHours: item.totalHours, subtreeLearners: item.subtreeLearners,
                subtreeMet: item.subtreeMet, subtreeTotalHours: item.subtreeTotalHours)
        }
        var builder = CompactLedger.Builder()
        builder.chapterThresholdHundredths = dataset.settings.chapterThresholdHundredths
        for entry in report.ledger.entries {
            builder.append(
                learnerID: entry.learnerID, kind: entry.source.kind, sourceID: entry.source.id, file: entry.source.file,
                line: entry.source.line, year: entry.year, rule: entry.rule, status: entry.status, hours: entry.hours,
                cutHours: entry.cutHours, categoryID: entry.categoryID, percent: entry.detail.progressPercent,
                isCapped: entry.isCapped)
        }
        return Snapshot(
            origin: origin, years: report.tally.years, learners: learners, departments: departments,
            ledger: builder.finish(), inputs: inputs, settings: dataset.settings, fingerprint: dataset.fingerprint)
    }

    /// Keeps only the rows of `years`.
    mutating func restrict(to years: [Int]) {
        let kept = Set(years)
        self.years = self.years.filter(kept.contains)
        learners.removeAll { !kept.contains($0.year) }
        departments.removeAll { !kept.contains($0.year) }
    }
}

/// A learner's row of learners.csv: the figures a diff compares.
public struct LearnerFigures: Hashable, Sendable {
    public var learnerID: String
    public var year: Int
    public var name: String
    public var departmentID: String
    public var totalHours: Hours
    public var requiredHours: Hours
    public var status: RequirementStatus

    public init(
        learnerID: String, year: Int, name: String, departmentID: String, totalHours: Hours, requiredHours: Hours,
        status: RequirementStatus
    ) {
        self.learnerID = learnerID
        self.year = year
        self.name = name
        self.departmentID = departmentID
        self.totalHours = totalHours
        self.requiredHours = requiredHours
        self.status = status
    }
}

/// A department's row of departments.csv: direct members and the whole subtree.
public struct DepartmentFigures: Hashable, Sendable {
    public var departmentID: String
    public var year: Int
    public var name: String
    public var learners: Int
    public var met: Int
    public var totalHours: Hours
    public var subtreeLearners: Int
    public var subtreeMet: Int
    public var subtreeTotalHours: Hours

    public init(
        departmentID: String, year: Int, name: String, learners: Int, met: Int, totalHours: Hours, subtreeLearners: Int,
        subtreeMet: Int, subtreeTotalHours: Hours
    ) {
        self.departmentID = departmentID
        self.year = year
        self.name = name
        self.learners = learners
        self.met = met
        self.totalHours = totalHours
        self.subtreeLearners = subtreeLearners
        self.subtreeMet = subtreeMet
        self.subtreeTotalHours = subtreeTotalHours
    }

    /// The figures alone, for telling whether a department changed (its name is not a figure).
    var figures: [Int64] {
        [
            Int64(learners), Int64(met), totalHours.hundredths, Int64(subtreeLearners), Int64(subtreeMet),
            subtreeTotalHours.hundredths,
        ]
    }
}
