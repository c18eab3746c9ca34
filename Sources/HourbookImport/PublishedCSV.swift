import HourbookCore

/// Reads back a CSV that Hourbook itself wrote (the exports: BOM, CRLF, the formula guard),
/// through the importer's own streaming reader, for `hourbook diff` on a published folder.
public enum PublishedCSV {
    /// Calls `body` with each data row's cells, by header name, with the formula guard undone.
    /// Throws when the file cannot be read, lacks a column of `columns`, or has a malformed row.
    public static func forEachRow(
        path: String, file: String, columns: [String], _ body: ([String: String]) throws(InputFailure) -> Void
    ) throws(InputFailure) {
        let reader = try CSVReader(path: path, file: file)
        guard reader.next() else {
            throw InputFailure(file: file, code: .fileUnreadable, message: "the file is empty; it has no header row")
        }
        let header = reader.strings
        var index: [String: Int] = [:]
        for column in columns {
            guard let position = header.firstIndex(of: column) else {
                throw InputFailure(
                    file: file, code: .csvMissingColumn, message: "the column \(column) is missing; is this an Hourbook export?")
            }
            index[column] = position
        }
        while reader.next() {
            guard reader.quoteProblem == nil, reader.fieldCount == header.count else {
                throw InputFailure(
                    file: file, code: .csvFieldCount, message: "line \(reader.line) is not a well-formed row of this export")
            }
            var row: [String: String] = [:]
            for (column, position) in index { row[column] = unguarded(reader.string(position)) }
            try body(row)
        }
    }

    /// Undoes `CSVWriter.guarded`: a `'` before `=`, `+`, `-`, `@`, tab or carriage return is dropped.
    public static func unguarded(_ cell: String) -> String {
        let bytes = cell.utf8
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "'") else { return cell }
        switch bytes[bytes.index(after: bytes.startIndex)] {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13: return String(cell.dropFirst())
        default: return cell
        }
    }
}
