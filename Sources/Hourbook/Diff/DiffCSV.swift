import HourbookCore

/// `hourbook diff --csv`: one row per learner and year whose status or total changes, with the
/// BOM, CRLF and formula guard of the exports. A side where the learner-year is not reported
/// has empty status and total cells.
public enum DiffCSV {
    public static func bytes(_ report: DiffReport, language: String = "zh") -> [UInt8] {
        let words = DiffWording(language: language)
        var csv = CSVWriter()
        csv.row(["learner_id", "year", "dept_id", "status_before", "status_after", "total_before", "total_after", "reason"])
        for change in report.changedLearnerYears {
            csv.row([
                change.learnerID, String(change.year), change.departmentID, change.before?.status.rawValue ?? "",
                change.after?.status.rawValue ?? "", change.before?.totalHours.description ?? "",
                change.after?.totalHours.description ?? "", words.reasons(change).joined(separator: "; "),
            ])
        }
        return csv.bytes
    }
}
