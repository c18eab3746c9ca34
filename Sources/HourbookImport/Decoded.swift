import HourbookCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
/// UTF-8 byte order is code point order, so the bytes are compared with `memcmp`: sorting the
/// 117,000 attachment paths of the 100,000-learner benchmark with `utf8.lexicographicallyPrecedes`
/// took 0.5 s, on one core, at the end of the import (perf).
func precedesInCodePointOrder(_ a: String, _ b: String) -> Bool {
    var a = a
    var b = b
    return a.withUTF8 { a in
        b.withUTF8 { b in
            let common = min(a.count, b.count)
            if common > 0, let first = a.baseAddress, let second = b.baseAddress {
                let order = memcmp(first, second, common)
                if order != 0 { return order < 0 }
            }
            return a.count < b.count
        }
    }
}
