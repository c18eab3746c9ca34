import HourbookCore
import Testing

@Suite("CSV writer")
struct CSVWriterTests {
    func line(_ cells: [String]) -> String {
        var csv = CSVWriter()
        csv.row(cells)
        return String(decoding: csv.bytes.dropFirst(3), as: UTF8.self)
    }

    @Test("Cells that a spreadsheet would run as a formula gain a leading quote")
    func formulaGuard() {
        #expect(line(["=HYPERLINK(\"x\")"]) == "\"'=HYPERLINK(\"\"x\"\")\"\r\n")
        #expect(line(["+1", "-1", "@SUM", "\tx"]) == "'+1,'-1,'@SUM,'\tx\r\n")
        #expect(line(["\rx"]) == "\"'\rx\"\r\n")
        #expect(line(["L-1", "2.50", "组织人事部"]) == "L-1,2.50,组织人事部\r\n")
    }

    @Test("RFC 4180 quoting, CRLF line ends, a byte-order mark")
    func quoting() {
        var csv = CSVWriter()
        csv.row(["a,b", "say \"hi\"", "two\nlines"])
        #expect(Array(csv.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: csv.bytes.dropFirst(3), as: UTF8.self) == "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n")
    }
}
