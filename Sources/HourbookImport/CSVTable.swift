import HourbookCore

/// The header layer over a `CSVReader`: matches header names (trimmed, case-insensitive) to the
/// columns a kind of file knows, refuses a file without a required column, warns once about
/// unknown columns, and checks every row's quoting and field count.
struct CSVTable {
    let reader: CSVReader
    /// Known column name → field index, for the columns the header has.
    let columnIndex: [String: Int]
    /// The number of header fields every row must have.
    let width: Int
    /// Warnings about the header (unknown or repeated columns).
    private(set) var headerDiagnostics: [Diagnostic] = []

    /// Reads the header of `reader`. Throws CSV-MISSING-COLUMN naming the first required column absent.
    init(reader: CSVReader, known: [String], required: [String]) throws(InputFailure) {
        self.reader = reader
        var index: [String: Int] = [:]
        var unknown: [String] = []
        var width = 0
        var headerLine = 1
        if reader.next() {
            headerLine = reader.line
            width = reader.fieldCount
            let knownSet = Set(known)
            for position in 0..<reader.fieldCount {
                let name = Text.trimmed(reader.string(position)).lowercased()
                if knownSet.contains(name) {
                    if index[name] == nil {
                        index[name] = position
                    } else {
                        headerDiagnostics.append(
                            Diagnostic(
                                file: reader.file, line: headerLine, severity: .warning, code: .csvDuplicateColumn,
                                message: "column '\(name)' appears more than once in the header; the first one is used",
                                rawText: reader.rawText))
                    }
                } else {
                    unknown.append(name.isEmpty ? "(empty)" : name)
                }
            }
        }
        for name in required where index[name] == nil {
            throw InputFailure(
                file: reader.file, code: .csvMissingColumn,
                message: width == 0
                    ? "the file has no header row; it needs at least the columns \(required.joined(separator: ", "))"
                    : "the header has no column '\(name)'; add it (required columns: \(required.joined(separator: ", ")))")
        }
        if !unknown.isEmpty {
            headerDiagnostics.append(
                Diagnostic(
                    file: reader.file, line: headerLine, severity: .warning, code: .csvUnknownColumn,
                    message: "unknown column\(unknown.count == 1 ? "" : "s") \(unknown.map { "'\($0)'" }.joined(separator: ", ")) ignored",
                    rawText: ""))
        }
        self.columnIndex = index
        self.width = width
    }

    /// The field index of a known column, or nil when the header lacks it.
    func index(of name: String) -> Int? { columnIndex[name] }

    /// What makes the current row unreadable as a whole (a quote problem, a wrong field count), if anything.
    func rowProblem() -> Diagnostic? {
        if let problem = reader.quoteProblem {
            return Diagnostic(
                file: reader.file, line: reader.line, severity: .error, code: .csvQuote, message: problem,
                rawText: reader.rawText)
        }
        if reader.fieldCount != width {
            return Diagnostic(
                file: reader.file, line: reader.line, severity: .error, code: .csvFieldCount,
                message: "the row has \(reader.fieldCount) fields but the header has \(width); check for a missing or extra comma",
                rawText: reader.rawText)
        }
        return nil
    }

    /// A `RecordReader` over the current row (whose fields must match the header).
    func makeRecordReader(kind: String, timezone: UTCOffset) -> RecordReader {
        let fields = reader.strings
        let index = columnIndex
        return RecordReader(
            kind: kind, location: SourceLocation(file: reader.file, line: reader.line),
            rawText: { fields.joined(separator: ",") }, timezone: timezone
        ) { name in
            guard let position = index[name], position < fields.count else { return nil }
            return Substring(fields[position])
        }
    }
}
