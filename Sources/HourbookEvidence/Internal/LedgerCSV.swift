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
        var csv = CSVWriter()
        csv.row(header)
        for entry in entries {
            csv.row([
                entry.learnerID, entry.year.map(String.init) ?? "", entry.date?.description ?? "", entry.rule.rawValue,
                entry.status.rawValue, entry.hours.description, entry.cutHours.description, entry.categoryID ?? "",
                entry.source.kind.rawValue, entry.source.id, entry.source.file, String(entry.source.line), entry.message,
            ])
        }
        return Data(csv.bytes)
    }
}
