import HourbookCore
import Testing

@Suite("Exact values")
struct ValueTests {
    @Test("Hours parse at most two decimals exactly and print two decimals")
    func hours() {
        #expect(Hours(parsing: "2")?.hundredths == 200)
        #expect(Hours(parsing: "2.5")?.description == "2.50")
        #expect(Hours(parsing: "0.25")?.hundredths == 25)
        #expect(Hours(parsing: ".5")?.hundredths == 50)
        #expect(Hours(parsing: "0.1")! + Hours(parsing: "0.2")! == Hours(parsing: "0.3")!)
        for bad in ["", "-1", "1.234", "1e2", "1,5", "abc", "1.", "99999999999999999999"] {
            #expect(Hours(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("Dates: YYYY-MM-DD and Excel's YYYY/M/D; impossible dates refused")
    func dates() {
        #expect(LocalDate(parsing: "2024-02-29")?.description == "2024-02-29")
        #expect(LocalDate(parsing: "2024/3/5")?.description == "2024-03-05")
        #expect(LocalDate(parsing: "2024/12/31")?.description == "2024-12-31")
        for bad in ["2023-02-29", "2024-3-5", "2024/003/5", "2024-13-01", "24-01-01", "2024-01-01T00:00:00"] {
            #expect(LocalDate(parsing: bad) == nil, "\(bad)")
        }
        let date = LocalDate(year: 2024, month: 12, day: 31)!
        #expect(LocalDate(dayNumber: date.dayNumber + 1).description == "2025-01-01")
        #expect(LocalDate(dayNumber: 0).description == "1970-01-01")
    }

    @Test("Timestamps: offsets, Z, a space for T, fractions kept to the millisecond")
    func timestamps() throws {
        let a = try #require(Timestamp.parse("2024-11-11T23:56:16+08:00", defaultOffset: .china))
        let b = try #require(Timestamp.parse("2024-11-11T15:56:16Z", defaultOffset: .china))
        let c = try #require(Timestamp.parse("2024-11-11 23:56:16", defaultOffset: .china))
        #expect(a == b)
        #expect(a == c)
        let fraction = try #require(Timestamp.parse("2024-11-11T23:56:16.123987+08:00", defaultOffset: .china))
        #expect(fraction.millisecondsSinceEpoch - a.millisecondsSinceEpoch == 123)
        #expect(Timestamp.parse("2024-11-11T23:56:16.5", defaultOffset: .china)!.millisecondsSinceEpoch - a.millisecondsSinceEpoch == 500)
        #expect(b.localDate(in: .china).description == "2024-11-11")
        #expect(Timestamp.parse("2024-12-31T16:00:00Z", defaultOffset: .china)!.localDate(in: .china).description == "2025-01-01")
        for bad in ["2024-11-11T24:00:00", "2024-11-11T23:56", "2024-11-11T23:56:16+8:00", "2024-11-11T23:56:16.", "2024-02-30T00:00:00"] {
            #expect(Timestamp.parse(Substring(bad), defaultOffset: .china) == nil, "\(bad)")
        }
        #expect(a.formatted(in: .china) == "2024-11-11T23:56:16+08:00")
    }

    @Test("White space: Unicode White_Space, including U+3000, is trimmed")
    func whiteSpace() {
        #expect(Text.trimmed("\u{3000} 张伟\t\u{00A0}\n") == "张伟")
        #expect(Text.value("\u{3000}") == nil)
        #expect(Text.boolean("是") == true)
        #expect(Text.boolean("FALSE") == false)
        #expect(Text.boolean("maybe") == nil)
        #expect(Text.isValidIdentifier(Substring(String(repeating: "界", count: 64))))
        #expect(!Text.isValidIdentifier(Substring(String(repeating: "界", count: 65))))
    }

    @Test("Output paths: hostile ids stay inside their folder and never share a page")
    func outputPaths() {
        let ids = ["L/1", "l/1", "../../etc/passwd", "L 1", "L_1", "😀", "A", "a", ".", "..", ""]
        let paths = OutputPaths(learnerIDs: ids, departmentIDs: ids)
        let pages = ids.map(paths.learnerPage)
        #expect(Set(pages.map { $0.lowercased() }).count == ids.count)
        for page in pages {
            #expect(page.hasPrefix("learners/"))
            #expect(!page.dropFirst("learners/".count).contains("/"))
            #expect(!page.contains(".."))
            #expect(page.unicodeScalars.allSatisfy { $0.isASCII })
        }
        #expect(paths.evidenceArchive("../x", year: 2024).hasPrefix("evidence/2024/"))
    }
}
