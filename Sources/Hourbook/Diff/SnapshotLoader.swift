import Foundation
import HourbookCore
import HourbookImport
import HourbookRules

/// Makes a snapshot of one side of a diff: a data folder is imported and evaluated, an output
/// folder is read back from its exports.
public enum SnapshotLoader {
    /// Reads the folder at `path`, whichever kind it is. `settingsFile` (data folders only)
    /// replaces the folder's hourbook.yaml; `years`, when not empty, are the years to report.
    public static func load(
        _ path: String, settingsFile: String? = nil, years: [Int] = [],
        progress: (@Sendable (String) -> Void)? = nil
    ) throws(InputFailure) -> Snapshot {
        if isPublishedFolder(path) {
            if let settingsFile {
                throw InputFailure(
                    file: settingsFile, code: .fileUnreadable,
                    message: "--settings applies to a data folder, but \(path) is a published output folder")
            }
            progress?("reading the exports of \(path)")
            var snapshot = try readPublished(path)
            if !years.isEmpty { snapshot.restrict(to: years) }
            return snapshot
        }
        progress?("evaluating \(path)")
        return try evaluate(path, settingsFile: settingsFile, years: years)
    }

    /// An output folder has exports/learners.csv and no learners.csv of its own.
    static func isPublishedFolder(_ path: String) -> Bool {
        let files = FileManager.default
        return files.fileExists(atPath: path + "/exports/learners.csv") && !files.fileExists(atPath: path + "/learners.csv")
    }

    /// Imports and evaluates a data folder, then keeps only what the diff needs. The evaluation
    /// (playback rows, full ledger entries with their reasons) is freed on return.
    static func evaluate(_ path: String, settingsFile: String?, years: [Int]) throws(InputFailure) -> Snapshot {
        let report = try Pipeline.evaluate(dataFolder: path, years: years, settingsFile: settingsFile)
        let inputs = try InputInventory.make(dataset: report.dataset, settingsFile: settingsFile)
        return Snapshot.make(report: report, origin: .dataFolder(path: path, settingsFile: settingsFile), inputs: inputs)
    }

    /// Reads learners.csv, departments.csv, ledger.jsonl and (when present) inputs.csv of an output folder.
    static func readPublished(_ path: String) throws(InputFailure) -> Snapshot {
        let exports = path + "/exports/"
        var learners: [LearnerFigures] = []
        try PublishedCSV.forEachRow(
            path: exports + "learners.csv", file: "exports/learners.csv",
            columns: ["learner_id", "name", "dept_id", "year", "total_hours", "required_hours", "status"]
        ) { row throws(InputFailure) in
            guard let year = Int(row["year"]!), let total = Hours(parsing: row["total_hours"]!),
                let required = Hours(parsing: row["required_hours"]!),
                let status = RequirementStatus(rawValue: row["status"]!)
            else {
                throw InputFailure(
                    file: "exports/learners.csv", code: .badValue,
                    message: "the row of \(row["learner_id"]!) has a year, hours or status Hourbook does not write")
            }
            learners.append(
                LearnerFigures(
                    learnerID: row["learner_id"]!, year: year, name: row["name"]!, departmentID: row["dept_id"]!,
                    totalHours: total, requiredHours: required, status: status))
        }
        var departments: [DepartmentFigures] = []
        try PublishedCSV.forEachRow(
            path: exports + "departments.csv", file: "exports/departments.csv",
            columns: [
                "dept_id", "name", "year", "learners", "met", "total_hours", "subtree_learners", "subtree_met",
                "subtree_total_hours",
            ]
        ) { row throws(InputFailure) in
            guard let year = Int(row["year"]!), let count = Int(row["learners"]!), let met = Int(row["met"]!),
                let total = Hours(parsing: row["total_hours"]!), let subtreeCount = Int(row["subtree_learners"]!),
                let subtreeMet = Int(row["subtree_met"]!), let subtreeTotal = Hours(parsing: row["subtree_total_hours"]!)
            else {
                throw InputFailure(
                    file: "exports/departments.csv", code: .badValue,
                    message: "the row of \(row["dept_id"]!) has figures Hourbook does not write")
            }
            departments.append(
                DepartmentFigures(
                    departmentID: row["dept_id"]!, year: year, name: row["name"]!, learners: count, met: met,
                    totalHours: total, subtreeLearners: subtreeCount, subtreeMet: subtreeMet, subtreeTotalHours: subtreeTotal))
        }
        var builder = CompactLedger.Builder()
        try LedgerJSONLReader(path: exports + "ledger.jsonl", file: "exports/ledger.jsonl").forEachLine { line in
            if builder.chapterThresholdHundredths == nil, let threshold = line.threshold {
                builder.chapterThresholdHundredths = threshold
            }
            builder.append(
                learnerID: line.learnerID, kind: line.kind!, sourceID: line.sourceID, file: line.sourceFile,
                line: line.sourceLine, year: line.year, rule: line.rule!, status: line.status!, hours: line.hours,
                cutHours: line.cutHours, categoryID: line.categoryID, percent: line.percent, isCapped: line.isCapped)
        }
        var inputs: [InputFileDigest]?
        if FileManager.default.fileExists(atPath: exports + "inputs.csv") {
            inputs = try InputInventory.read(path: exports + "inputs.csv", file: "exports/inputs.csv")
        }
        // departments.csv has every department in every reported year: its years are the reported ones.
        let years = Array(Set(departments.map(\.year)).union(learners.map(\.year))).sorted()
        learners.sort { a, b in a.learnerID != b.learnerID ? CodePoint.less(a.learnerID, b.learnerID) : a.year < b.year }
        departments.sort { a, b in
            a.departmentID != b.departmentID ? CodePoint.less(a.departmentID, b.departmentID) : a.year < b.year
        }
        return Snapshot(
            origin: .outputFolder(path: path), years: years, learners: learners, departments: departments,
            ledger: builder.finish(), inputs: inputs, settings: nil, fingerprint: nil)
    }
}
