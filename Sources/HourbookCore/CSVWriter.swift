

/// Writes CSV as every table Hourbook hands out needs it (exports, department tables, the
/// archives' ledger.csv): UTF-8 with a byte-order mark (Excel opens it right),
/// RFC 4180 quoting, CRLF line ends, and the formula guard on every text cell.
public struct CSVWriter {
    public private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]

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

    /// A cell starting with `=`, `+`, `-`, `@`, tab or carriage return gains a leading `'`
    /// so that a spreadsheet never runs it as a formula. Numbers we format never start so
    /// (hours are never negative), so only text cells can be affected.
    public static func guarded(_ cell: String) -> String {
        guard let first = cell.utf8.first else { return cell }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13: return "'" + cell
        default: return cell
        }
    }

    private mutating func append(_ cell: String) {
        let text = Self.guarded(cell)
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        if !needsQuotes {
            bytes.append(contentsOf: text.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
