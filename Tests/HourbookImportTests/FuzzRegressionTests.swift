import HourbookCore
import Testing

@testable import HourbookImport

/// Inputs that crashed a fuzz target (`scripts/fuzz.sh`, docs/fuzzing.md), fed as bytes through
/// the same entry points. Each is also in `Fuzz/regressions/`, where every fuzzing run replays it.
@Suite struct FuzzRegressionTests {
    // Fuzz/regressions/csv/chapter-hours-sum-overflow, after its selector byte (6: courses.csv,
    // NUL, chapters.csv). Two chapters of 92233720368547758 hours trapped the course's sum.
    @Test func chaptersCSVWithHoursBeyondTheMaximumAreRefusedNotSummed() throws {
        let courses = CSVReader(text: "course_id,title,category\nC1,t,platform-online\n", file: "courses.csv")
        let chapters = CSVReader(
            text: "chapter_id,course_id,duration,hours\nA,C1,1,92233720368547758\nB,C1,1,92233720368547758\n",
            file: "chapters.csv")
        let catalog = try CoursesCSVDecoder.decode(courses: courses, chapters: chapters, settings: Settings())
        #expect(catalog.chapters.isEmpty)
        #expect(catalog.diagnostics.map(\.code) == [.badValue, .badValue])
        #expect(catalog.diagnostics.map(\.line) == [2, 3])
        #expect(catalog.diagnostics[0].message.contains("0 to 9999999.99"))
        #expect(catalog.courses.map(\.hours) == [.zero])
    }

    // Fuzz/regressions/xml/chapter-hours-sum-overflow, after its selector byte (0: catalog.xml).
    @Test func catalogXMLChaptersWithHoursBeyondTheMaximumAreRefusedNotSummed() throws {
        let xml = """
            <catalog><course id="C1" title="t" category="platform-online">\
            <chapter id="A" duration="1" hours="92233720368547758"/>\
            <chapter id="B" duration="1" hours="92233720368547758"/></course></catalog>
            """
        let catalog = try CatalogXMLDecoder.decode(
            Array(xml.utf8), file: "catalog.xml", settings: Settings(), learnerIDs: [])
        #expect(catalog.chapters.isEmpty)
        #expect(catalog.diagnostics.map(\.code) == [.badValue, .badValue])
    }

    @Test func hoursUpToTheMaximumAreStillRead() {
        #expect(Hours(parsing: "9999999.99") == Hours.maximum)
        #expect(Hours(parsing: "10000000") == nil)
        #expect(Hours(parsing: "92233720368547758") == nil)
    }

    // Fuzz/regressions/settings/checkin-window-overflow: the minutes times 6 (to milliseconds) trapped.
    @Test func aCheckinWindowBeyondAYearIsRefusedNotMultiplied() throws {
        let failure = failure { _ = try SettingsLoader.load(yaml: "checkin-window: 922337203685477\n") }
        #expect(failure?.code == .settingsInvalid)
        #expect(failure?.message == "'checkin-window' must be at most 525600 minutes (a year)")
        #expect(try SettingsLoader.load(yaml: "checkin-window: 525600").checkinWindowMilliseconds == 525_600 * 60_000)
    }
}
