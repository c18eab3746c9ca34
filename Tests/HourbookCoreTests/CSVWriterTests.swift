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

    @Test("A row written cell by cell is the row written from strings")
    func cellByCell() {
        let text = ["", "=1", "-x", "a,b", "say \"hi\"", "two\r\nlines", "组织人事部", "\tx", "L-1"]
        let hours = [Hours(hundredths: 250), Hours(hundredths: 0), Hours(hundredths: -5)]
        let numbers = [0, 42, -7]
        let date = LocalDate(year: 2024, month: 9, day: 1)!
        var expected = CSVWriter()
        expected.row(text + hours.map(\.description) + numbers.map(String.init) + [date.description])
        var actual = CSVWriter()
        for cell in text { actual.cell(cell) }
        for cell in hours { actual.cell(cell) }
        for cell in numbers { actual.cell(cell) }
        actual.cell(date)
        actual.endRow()
        #expect(String(decoding: actual.bytes, as: UTF8.self) == String(decoding: expected.bytes, as: UTF8.self))
        actual.cell("next")
        actual.endRow()
        #expect(actual.bytes.suffix(6) == Array("next\r\n".utf8))
    }
}
