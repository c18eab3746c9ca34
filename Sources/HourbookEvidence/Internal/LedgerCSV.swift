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
            run.forEachEntry(inYear: year) { appendRow($0, to: &csv) }
        }
        return Data(csv.bytes)
    }

    /// Reads the entry through its pointer, field by field: passing `pointee` on would copy it.
    private static func appendRow(_ entry: UnsafePointer<LedgerEntry>, to csv: inout CSVWriter) {
        csv.cell(entry.pointee.learnerID)
        if let year = entry.pointee.year { csv.cell(year) } else { csv.cell("") }
        if let date = entry.pointee.date { csv.cell(date) } else { csv.cell("") }
        csv.cell(entry.pointee.rule.rawValue)
        csv.cell(entry.pointee.status.rawValue)
        csv.cell(entry.pointee.hours)
        csv.cell(entry.pointee.cutHours)
        csv.cell(entry.pointee.categoryID ?? "")
        csv.cell(entry.pointee.source.kind.rawValue)
        csv.cell(entry.pointee.source.id)
        csv.cell(entry.pointee.source.file)
        csv.cell(entry.pointee.source.line)
        csv.cell(entry.pointee.message)
        csv.endRow()
    }
}
