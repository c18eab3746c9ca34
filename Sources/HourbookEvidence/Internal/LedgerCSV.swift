import Foundation
import HourbookCore
import HourbookRules

/// `ledger.csv` of an archive: the ledger entries of its members in its year, in ledger order,
/// UTF-8 with a byte-order mark, CRLF line ends (RFC 4180), hours with two decimals, and the
/// formula guard of OUTPUTS.md on every text cell.
enum LedgerCSV {
    static let header = [
        "learner_id", "year", "date", "rule", "status", "hours", "cut_hours", "category_id", "source_kind",
        "source_id", "file", "line", "message",
    ]

    static func render(_ entries: [LedgerEntry]) -> Data {
        var output = "\u{FEFF}" + header.joined(separator: ",") + "\r\n"
        for entry in entries {
            let cells = [
                cell(entry.learnerID),
                entry.year.map(String.init) ?? "",
                entry.date.map { $0.description } ?? "",
                cell(entry.rule.rawValue),
                cell(entry.status.rawValue),
                entry.hours.description,
                entry.cutHours.description,
                cell(entry.categoryID ?? ""),
                cell(entry.source.kind.rawValue),
                cell(entry.source.id),
                cell(entry.source.file),
                String(entry.source.line),
                cell(entry.message),
            ]
            output += cells.joined(separator: ",") + "\r\n"
        }
        return Data(output.utf8)
    }

    /// A text cell: `'`-prefixed when a spreadsheet would run it as a formula, quoted when it
    /// holds a comma, a quote or a line break.
    static func cell(_ value: String) -> String {
        var guarded = value
        if let first = guarded.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            guarded = "'" + guarded
        }
        if guarded.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
            guarded = "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return guarded
    }
}
