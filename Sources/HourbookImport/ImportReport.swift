import HourbookCore

/// The import summary `hourbook validate` prints: records read per kind, exact duplicates
/// dropped, and the diagnostics counted per code and per severity.
public enum ImportReport {
    /// The record kinds in the order the importer reads them.
    static let kinds = [
        "departments", "learners", "courses", "chapters", "classes", "sessions", "playback", "checkins", "filings",
        "exams",
    ]

    /// The summary of `dataset`'s import, one line each, ready to print.
    public static func summaryLines(for dataset: Dataset) -> [String] {
        var lines = ["Records read:"]
        let read = dataset.summary.recordsRead
        let ordered = kinds.filter { read[$0] != nil } + read.keys.filter { !kinds.contains($0) }.sorted()
        let width = ordered.map(\.count).max() ?? 0
        for kind in ordered {
            lines.append("  " + kind + String(repeating: " ", count: width - kind.count) + "  \(read[kind]!)")
        }
        lines.append("Exact duplicate playback rows dropped: \(dataset.summary.exactDuplicatesDropped)")
        var bySeverity: [Severity: Int] = [:]
        var byCode: [DiagnosticCode: Int] = [:]
        for diagnostic in dataset.diagnostics {
            bySeverity[diagnostic.severity, default: 0] += 1
            byCode[diagnostic.code, default: 0] += 1
        }
        let errors = bySeverity[.error] ?? 0
        let warnings = bySeverity[.warning] ?? 0
        let infos = bySeverity[.info] ?? 0
        lines.append(
            "Diagnostics: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"), \(infos) info")
        for code in DiagnosticCode.allCases {
            guard let count = byCode[code] else { continue }
            lines.append("  [\(code.rawValue)] \(count)")
        }
        return lines
    }
}
