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

    /// The entries of `year` among `runs` (each a member's run of the ledger, `Ledger.entries(of:)`),
    /// written cell by cell: the entries are read in place, never copied, and numbers go
    /// straight into the bytes.
    static func render(_ runs: [ArraySlice<LedgerEntry>], year: Int) -> Data {
        var csv = CSVWriter()
        csv.row(header)
        for run in runs {
            for index in run.indices where run[index].year == year { appendRow(run[index], to: &csv) }
        }
        return Data(csv.bytes)
    }

    private static func appendRow(_ entry: borrowing LedgerEntry, to csv: inout CSVWriter) {
        csv.cell(entry.learnerID)
        if let year = entry.year { csv.cell(year) } else { csv.cell("") }
        if let date = entry.date { csv.cell(date) } else { csv.cell("") }
        csv.cell(entry.rule.rawValue)
        csv.cell(entry.status.rawValue)
        csv.cell(entry.hours)
        csv.cell(entry.cutHours)
        csv.cell(entry.categoryID ?? "")
        csv.cell(entry.source.kind.rawValue)
        csv.cell(entry.source.id)
        csv.cell(entry.source.file)
        csv.cell(entry.source.line)
        csv.cell(entry.message)
        csv.endRow()
    }
}
