import HourbookCore

/// What a decoder made of one file: the usable records, every diagnostic, and how many records it read.
struct Decoded<Record> {
    var records: [Record] = []
    var diagnostics: [Diagnostic] = []
    var recordsRead = 0
}

extension CSVTable {
    /// Runs `body` on a `RecordReader` for every row whose quoting and field count are sound, then
    /// collects the reader's diagnostics; rows that are not sound become one error each.
    func forEachRow(
        kind: String, timezone: UTCOffset, _ body: (inout RecordReader) -> Void
    ) -> (diagnostics: [Diagnostic], recordsRead: Int) {
        var diagnostics = headerDiagnostics
        var count = 0
        while reader.next() {
            count += 1
            if let problem = rowProblem() {
                diagnostics.append(problem)
                continue
            }
            var record = makeRecordReader(kind: kind, timezone: timezone)
            body(&record)
            diagnostics += record.diagnostics
        }
        return (diagnostics, count)
    }
}

/// Ordering by Unicode code point, as FORMATS.md orders ids (Swift's `<` on String does not).
func precedesInCodePointOrder(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}
