import Foundation
import HourbookCore
import HourbookRules

/// The machine-readable exports of OUTPUTS.md (`DIR/exports/`): hours.csv, learners.csv,
/// departments.csv, ledger.jsonl and diagnostics.csv, with their fixed columns and orders.
public enum Exports {
    /// Writes every export into `folder/exports`.
    public static func write(dataset: Dataset, ledger: Ledger, tally: Tally, to folder: String) throws {
        let exports = folder + "/exports"
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
        try write(hoursCSV(dataset: dataset, tally: tally), to: exports + "/hours.csv")
        try write(learnersCSV(dataset: dataset, tally: tally), to: exports + "/learners.csv")
        try write(departmentsCSV(dataset: dataset, tally: tally), to: exports + "/departments.csv")
        try write(ledgerJSONL(ledger), to: exports + "/ledger.jsonl")
        try write(diagnosticsCSV(dataset.diagnostics), to: exports + "/diagnostics.csv")
    }

    /// Non-zero credited hours of active learner-years in reported years, by learner, year, category order.
    public static func hoursCSV(dataset: Dataset, tally: Tally) -> [UInt8] {
        var csv = CSVWriter()
        csv.row(["learner_id", "year", "category_id", "hours"])
        for item in tally.learnerYears {
            for category in dataset.settings.categories {
                guard let hours = item.hoursByCategory[category.id], !hours.isZero else { continue }
                csv.row([item.learnerID, String(item.year), category.id, hours.description])
            }
        }
        return csv.bytes
    }

    /// Every active learner in every reported year.
    public static func learnersCSV(dataset: Dataset, tally: Tally) -> [UInt8] {
        let learners = Dictionary(dataset.learners.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var csv = CSVWriter()
        csv.row([
            "learner_id", "name", "dept_id", "year", "online_hours", "offline_hours", "total_hours", "required_hours",
            "status",
        ])
        for item in tally.learnerYears {
            let learner = learners[item.learnerID]
            csv.row([
                item.learnerID, learner?.name ?? "", learner?.departmentID ?? "", String(item.year),
                item.onlineHours.description, item.offlineHours.description, item.totalHours.description,
                item.requirement.total.description, item.status.rawValue,
            ])
        }
        return csv.bytes
    }

    /// Every department in every reported year, empty ones included.
    public static func departmentsCSV(dataset: Dataset, tally: Tally) -> [UInt8] {
        let names = Dictionary(dataset.departments.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var csv = CSVWriter()
        csv.row([
            "dept_id", "name", "year", "learners", "met", "total_hours", "average_hours", "subtree_learners",
            "subtree_met", "subtree_total_hours",
        ])
        for item in tally.departmentYears {
            csv.row([
                item.departmentID, names[item.departmentID] ?? "", String(item.year), String(item.learners),
                String(item.met), item.totalHours.description, item.averageHours.description,
                String(item.subtreeLearners), String(item.subtreeMet), item.subtreeTotalHours.description,
            ])
        }
        return csv.bytes
    }

    /// One JSON object per ledger entry, in the ledger's export order.
    public static func ledgerJSONL(_ ledger: Ledger) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(ledger.entries.count * 300)
        for entry in ledger.entries {
            var line = "{\"learner_id\":" + JSON.string(entry.learnerID)
            line += ",\"year\":" + (entry.year.map(String.init) ?? "null")
            line += ",\"rule\":" + JSON.string(entry.rule.rawValue)
            line += ",\"status\":" + JSON.string(entry.status.rawValue)
            line += ",\"hours\":" + JSON.string(entry.hours.description)
            line += ",\"cut_hours\":" + JSON.string(entry.cutHours.description)
            line += ",\"source\":{\"kind\":" + JSON.string(entry.source.kind.rawValue)
            line += ",\"id\":" + JSON.string(entry.source.id)
            line += ",\"file\":" + JSON.string(entry.source.file)
            line += ",\"line\":" + String(entry.source.line) + "}"
            line += ",\"date\":" + (entry.date.map { JSON.string($0.description) } ?? "null")
            line += ",\"category_id\":" + (entry.categoryID.map(JSON.string) ?? "null")
            line += ",\"message\":" + JSON.string(entry.message)
            line += "}\n"
            out.append(contentsOf: line.utf8)
        }
        return out
    }

    /// Every diagnostic, by file (code point order), then line, in the order found.
    public static func diagnosticsCSV(_ diagnostics: [Diagnostic]) -> [UInt8] {
        var csv = CSVWriter()
        csv.row(["file", "line", "severity", "code", "message"])
        for diagnostic in sortedDiagnostics(diagnostics) {
            csv.row([
                diagnostic.file, String(diagnostic.line), diagnostic.severity.rawValue, diagnostic.code.rawValue,
                diagnostic.message,
            ])
        }
        return csv.bytes
    }

    /// Diagnostics by file, then line; a stable sort keeps the order found within a line.
    public static func sortedDiagnostics(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            if a.element.file != b.element.file { return CodePoint.less(a.element.file, b.element.file) }
            if a.element.line != b.element.line { return a.element.line < b.element.line }
            return a.offset < b.offset
        }.map(\.element)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}

