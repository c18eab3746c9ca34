

/// Writes CSV as every table Hourbook hands out needs it (exports, department tables, the
/// archives' ledger.csv): UTF-8 with a byte-order mark (Excel opens it right),
/// RFC 4180 quoting, CRLF line ends, and the formula guard on every text cell.
public struct CSVWriter {
    public private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
    /// Whether the row being written cell by cell has a cell yet (the next one needs a comma).
    private var rowHasCells = false

    public init() {}

    /// The CSV as text (for callers that assemble strings).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends one row; every cell is text (numbers are passed already formatted).
    public mutating func row(_ cells: [String]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            append(cell)
        }
        bytes.append(13)
        bytes.append(10)
    }

    /// Appends a text cell to the row being written, guarded and quoted as `row(_:)` writes it.
    /// With the number cells and `endRow()`, a hot path (every line of an evidence archive's
    /// ledger.csv) writes its rows without a `String` per number and an array per row.
    public mutating func cell(_ text: String) {
        separateCell()
        append(text)
    }

    /// Appends an integer cell, as `row(_:)` writes `String(value)`.
    public mutating func cell(_ value: Int) {
        separateCell()
        if value < 0 { bytes.append(UInt8(ascii: "'")) }  // the formula guard of a leading `-`
        Bytes.appendDecimal(Int64(value), to: &bytes)
    }

    /// Appends an hours cell, as `row(_:)` writes `hours.description` (`2.50`).
    public mutating func cell(_ hours: Hours) {
        separateCell()
        if hours.hundredths < 0 { bytes.append(UInt8(ascii: "'")) }
        Bytes.append(hours, to: &bytes)
    }

    /// Appends a date cell, as `row(_:)` writes `date.description` (`2024-09-01`).
    public mutating func cell(_ date: LocalDate) {
        separateCell()
        Bytes.append(date, to: &bytes)
    }

    /// The bytes `cell(text)` appends for `text`: guarded and quoted as needed. For a text that
    /// repeats down a column (ledger messages), escaped once and then appended with
    /// `cell(appendingEscaped:)`.
    public static func escapedCell(_ text: String) -> [UInt8] {
        var writer = CSVWriter()
        writer.bytes = []
        writer.append(text)
        return writer.bytes
    }

    /// Appends a text cell whose bytes `append` writes, escaped before by `escapedCell(_:)`.
    public mutating func cell(appendingEscaped append: (inout [UInt8]) -> Void) {
        separateCell()
        append(&bytes)
    }

    /// Ends the row written with `cell(_:)`.
    public mutating func endRow() {
        bytes.append(13)
        bytes.append(10)
        rowHasCells = false
    }

    private mutating func separateCell() {
        if rowHasCells { bytes.append(UInt8(ascii: ",")) }
        rowHasCells = true
    }

    /// A cell starting with `=`, `+`, `-`, `@`, tab or carriage return gains a leading `'`
    /// so that a spreadsheet never runs it as a formula. Numbers we format never start so
    /// (hours are never negative), so only text cells can be affected.
    public static func guarded(_ cell: String) -> String {
        guard let first = cell.utf8.first, startsFormula(first) else { return cell }
        return "'" + cell
    }

    private static func startsFormula(_ first: UInt8) -> Bool {
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13: true
        default: false
        }
    }

    /// Appends `guarded(cell)`, quoted when it holds a comma, a quote or a line break. Works
    /// on the cell's contiguous UTF-8 bytes: the guard adds no such character, so the cell
    /// itself decides the quoting.
    private mutating func append(_ cell: String) {
        var cell = cell
        cell.withUTF8 { utf8 in
            guard let first = utf8.first else { return }
            let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
            if Self.startsFormula(first) { bytes.append(UInt8(ascii: "'")) }
            if !needsQuotes {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
