import Foundation
import HourbookCore
import HourbookRules

/// `ledger.csv` of an archive: the ledger entries of its members in its year, in ledger order,
/// UTF-8 with a byte-order mark, CRLF line ends (RFC 4180), hours with two decimals, and the
/// formula guard of OUTPUTS.md on every text cell.
///
/// A renderer writes the message cells (`RenderedReasons`): the common sentences straight into
/// the cell, the others rendered once and remembered (rendering a reason as a `String` was a
/// fifth of the stage's own CPU at 20,000 learners, measured with perf), as reasons repeat
/// across members and archives. Each worker keeps one renderer for all the archives it writes
/// (`LedgerCSV.Renderers`).
struct LedgerCSV {
    static let header = [
        "learner_id", "year", "date", "rule", "status", "hours", "cut_hours", "category_id", "source_kind",
        "source_id", "file", "line", "message",
    ]

    /// Each reason's message (its English sentence) as a guarded, quoted CSV cell.
    private var messages = RenderedReasons(english: true, escape: CSVWriter.escapedCell)

    /// The entries of `year` among `runs` (each a member's run of the ledger, `Ledger.entries(of:)`),
    /// written cell by cell: the entries are read in place, never copied, and numbers go
    /// straight into the bytes.
    mutating func render(_ runs: [ArraySlice<LedgerEntry>], year: Int) -> Data {
        var csv = CSVWriter()
        csv.row(Self.header)
        for run in runs {
            run.forEachEntry(inYear: year) { appendRow($0, to: &csv) }
        }
        return Data(csv.bytes)
    }

    /// Reads the entry through its pointer, field by field: passing `pointee` on would copy it.
    private mutating func appendRow(_ entry: UnsafePointer<LedgerEntry>, to csv: inout CSVWriter) {
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
        csv.cell(appendingEscaped: { messages.append(entry.pointee.reason, to: &$0) })
        csv.endRow()
    }

    /// The renderers of idle workers: an archive takes one and gives it back when its
    /// ledger.csv is written, so a renderer serves one thread at a time and its messages
    /// outlive the archive.
    final class Renderers: @unchecked Sendable {
        private let lock = NSLock()
        private var idle: [LedgerCSV] = []

        /// Runs `body` with an idle renderer (a new one when all are busy).
        func withRenderer<T>(_ body: (inout LedgerCSV) throws -> T) rethrows -> T {
            var renderer = lock.withLock { idle.popLast() } ?? LedgerCSV()
            defer { lock.withLock { idle.append(renderer) } }
            return try body(&renderer)
        }
    }
}
