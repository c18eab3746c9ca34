import HourbookCore
import HourbookRules
import Testing

/// P — playback. Chapter C1-1 lasts 1000 s (60 % is 600 s) and earns 0.5 hours.
@Suite("P — playback")
struct PlaybackRuleTests {
    /// A row of L1 watching C1-1 in session `s1` from 10:00 on 2024-03-05, rate 1.
    func row(
        _ id: String, learner: String = "L1", course: String = "C1", chapter: String = "C1-1", session: String = "s1",
        start: String = "2024-03-05T10:00:00+08:00", end: String = "2024-03-05T10:10:00+08:00", from: String = "0",
        to: String = "600", rate: String = "1"
    ) -> String {
        "\(id),\(learner),\(course),\(chapter),\(session),\(start),\(end),\(from),\(to),\(rate)"
    }

    func evaluate(_ rows: [String], yaml: String? = nil) throws -> Ledger {
        var files = ["playback/2024-03.csv": playback(rows)]
        if let yaml { files["hourbook.yaml"] = yaml }
        return try Fixture(files).evaluate().ledger
    }

    @Test("P-CHAPTER credits a chapter covered exactly 60.000 %")
    func chapterCreditedAtExactThreshold() throws {
        let ledger = try evaluate([row("E1")])
        let entry = try #require(ledger.entry("C1-1", sourceKind: .chapter))
        #expect(entry.rule == .playbackChapter)
        #expect(entry.status == .credited)
        #expect(entry.hours == hours("0.5"))
        #expect(entry.categoryID == "platform-online")
        #expect(entry.date == LocalDate(year: 2024, month: 3, day: 5))
        #expect(entry.source.file == "playback/2024-03.csv")
        #expect(entry.source.line == 2)
    }

    @Test("P-INCOMPLETE keeps a chapter one millisecond short of 60 % pending, with its progress")
    func chapterOneMillisecondShortIsIncomplete() throws {
        let ledger = try evaluate([row("E1", to: "599.999")])
        let entry = try #require(ledger.entry("C1-1", sourceKind: .chapter))
        #expect(entry.rule == .playbackIncomplete)
        #expect(entry.status == .pending)
        #expect(entry.hours == .zero)
        #expect(entry.detail.progressPercent == 59)
    }

    @Test("P-CHAPTER counts the union of intervals, not their sum, and credits at the crossing row")
    func chapterCoverageIsTheUnion() throws {
        let ledger = try evaluate([
            row("E1", end: "2024-03-05T10:05:00+08:00", from: "0", to: "300"),
            // Re-watching the same 300 s adds nothing.
            row("E2", start: "2024-03-05T10:05:00+08:00", end: "2024-03-05T10:10:00+08:00", from: "0", to: "300"),
            // This one reaches 600 s of union on 2024-03-06.
            row("E3", start: "2024-03-06T09:00:00+08:00", end: "2024-03-06T09:06:00+08:00", from: "250", to: "600"),
        ])
        let entry = try #require(ledger.entry("C1-1", sourceKind: .chapter))
        #expect(entry.rule == .playbackChapter)
        #expect(entry.source.line == 4)
        #expect(entry.date == LocalDate(year: 2024, month: 3, day: 6))
    }

    @Test("P-CHAPTER is credited once ever; progress carries over the year end")
    func chapterProgressCarriesOverYearEnd() throws {
        let ledger = try evaluate([
            row("E1", start: "2024-12-31T20:00:00+08:00", end: "2024-12-31T20:05:00+08:00", from: "0", to: "300"),
            row("E2", start: "2025-01-02T20:00:00+08:00", end: "2025-01-02T20:05:00+08:00", from: "300", to: "600"),
            row("E3", start: "2025-02-02T20:00:00+08:00", end: "2025-02-02T20:17:00+08:00", from: "0", to: "1000"),
        ])
        let credits = ledger.entries.filter { $0.source.kind == .chapter }
        #expect(credits.count == 1)
        #expect(credits.first?.year == 2025)
        #expect(credits.first?.date == LocalDate(year: 2025, month: 1, day: 2))
    }

    @Test("P-CHAPTER dates a row crossing midnight of 31 December in another time zone by its local end")
    func rowCrossingMidnightInAnotherZone() throws {
        let ledger = try evaluate([row("E1", start: "2024-12-31T15:52:00Z", end: "2024-12-31T16:02:00Z")])
        let entry = try #require(ledger.entry("C1-1", sourceKind: .chapter))
        #expect(entry.date == LocalDate(year: 2025, month: 1, day: 1))
        #expect(entry.year == 2025)
    }

    @Test("P-UNKNOWN-LEARNER rejects a learner not in the roster, and only that")
    func unknownLearner() throws {
        let ledger = try evaluate([row("E1", learner: "L9"), row("E2", start: "2024-03-06T10:00:00+08:00", end: "2024-03-06T10:10:00+08:00")])
        #expect(ledger.entry("E1")?.rule == .playbackUnknownLearner)
        #expect(ledger.entry("E1")?.learnerID == "L9")
        #expect(ledger.entry("E2") == nil)
        #expect(ledger.entry("C1-1")?.rule == .playbackChapter)
    }

    @Test("P-UNKNOWN-CHAPTER rejects a chapter not in the catalog or not in the row's course")
    func unknownChapter() throws {
        let ledger = try evaluate([row("E1", chapter: "C1-9"), row("E2", course: "C2"), row("E3", chapter: "C1-2", to: "360")])
        #expect(ledger.entry("E1")?.rule == .playbackUnknownChapter)
        #expect(ledger.entry("E2")?.rule == .playbackUnknownChapter)
        #expect(ledger.entry("E3") == nil)
        #expect(ledger.entry("C1-2")?.rule == .playbackChapter)
    }

    @Test("P-BAD-TIME rejects a row that ends before it starts; a zero-length row passes")
    func badTime() throws {
        let ledger = try evaluate([
            row("E1", start: "2024-03-05T10:00:00+08:00", end: "2024-03-05T09:59:59.999+08:00", from: "0", to: "0"),
            row("E2", start: "2024-03-05T11:00:00+08:00", end: "2024-03-05T11:00:00+08:00", from: "0", to: "0"),
        ])
        #expect(ledger.entry("E1")?.rule == .playbackBadTime)
        #expect(ledger.entry("E1")?.status == .rejected)
        #expect(ledger.entry("E2") == nil)
    }

    @Test("P-BAD-POSITION rejects pos_to before pos_from; equal positions pass")
    func badPosition() throws {
        let ledger = try evaluate([
            row("E1", from: "20", to: "19.999"),
            row("E2", start: "2024-03-05T11:00:00+08:00", end: "2024-03-05T11:10:00+08:00", from: "20", to: "20"),
        ])
        #expect(ledger.entry("E1")?.rule == .playbackBadPosition)
        #expect(ledger.entry("E2") == nil)
    }

    @Test("P-RATE rejects a rate above the maximum or not above 0; exactly the maximum passes")
    func rate() throws {
        let ledger = try evaluate([
            row("E1", to: "1200", rate: "2.0"),
            row("E2", chapter: "C1-2", to: "100", rate: "2.01"),
            row("E3", chapter: "C1-2", start: "2024-03-05T11:00:00+08:00", end: "2024-03-05T11:10:00+08:00", to: "100", rate: "0"),
        ])
        #expect(ledger.entry("E1") == nil)
        #expect(ledger.entry("C1-1")?.rule == .playbackChapter)
        #expect(ledger.entry("E2")?.rule == .playbackRate)
        #expect(ledger.entry("E3")?.rule == .playbackRate)
    }

    @Test("P-RATE follows max-playback-rate from hourbook.yaml")
    func rateFromSettings() throws {
        let ledger = try evaluate([row("E1", to: "900", rate: "1.5")], yaml: "max-playback-rate: 1.25\n")
        #expect(ledger.entry("E1")?.rule == .playbackRate)
    }

    @Test("P-IMPLAUSIBLE rejects more video than the wall clock plus 30 s allows, to the millisecond")
    func implausible() throws {
        // 600 s of video at rate 1 in 569.999 s of wall time: 600 > 599.999.
        let ledger = try evaluate([
            row("E1", start: "2024-03-05T10:00:00+08:00", end: "2024-03-05T10:09:29.999+08:00"),
            row("E2", chapter: "C1-2", start: "2024-03-05T11:00:00+08:00", end: "2024-03-05T11:09:30+08:00", to: "600"),
            // At rate 2, 1200 s of video take 600 s.
            row("E3", start: "2024-03-06T11:00:00+08:00", end: "2024-03-06T11:09:30+08:00", to: "1200", rate: "2"),
        ])
        #expect(ledger.entry("E1")?.rule == .playbackImplausible)
        #expect(ledger.entry("E2") == nil)
        #expect(ledger.entry("C1-2")?.rule == .playbackChapter)
        #expect(ledger.entry("E3") == nil)
        #expect(ledger.entry("C1-1")?.rule == .playbackChapter)
    }

    @Test("P-CONCURRENT rejects a row overlapping an accepted row of another session; touching rows pass")
    func concurrent() throws {
        let ledger = try evaluate([
            row("E1", session: "a", start: "2024-03-05T10:00:00+08:00", end: "2024-03-05T10:10:00+08:00", to: "600"),
            row("E2", chapter: "C1-2", session: "b", start: "2024-03-05T10:05:00+08:00", end: "2024-03-05T10:15:00+08:00", to: "600"),
            row("E3", chapter: "C1-2", session: "c", start: "2024-03-05T10:10:00+08:00", end: "2024-03-05T10:20:00+08:00", to: "600"),
        ])
        #expect(ledger.entry("E2")?.rule == .playbackConcurrent)
        #expect(ledger.entry("E3") == nil)
        #expect(ledger.entry("C1-2")?.rule == .playbackChapter)
        #expect(ledger.entry("C1-2")?.source.line == 4)
    }

    @Test("P-CONCURRENT lets rows of the same session overlap, and a rejected row blocks nothing")
    func concurrentSameSessionAndRejectedRowsBlockNothing() throws {
        let ledger = try evaluate([
            row("E1", session: "a", start: "2024-03-05T10:00:00+08:00", end: "2024-03-05T10:10:00+08:00", from: "0", to: "100"),
            row("E2", session: "a", start: "2024-03-05T10:05:00+08:00", end: "2024-03-05T10:15:00+08:00", from: "100", to: "600"),
            row("E3", chapter: "C1-2", session: "b", start: "2024-03-05T10:14:00+08:00", end: "2024-03-05T10:30:00+08:00", to: "100"),
            row("E4", chapter: "C1-2", session: "c", start: "2024-03-05T10:20:00+08:00", end: "2024-03-05T10:40:00+08:00", to: "400"),
        ])
        #expect(ledger.entry("E2") == nil)
        #expect(ledger.entry("E3")?.rule == .playbackConcurrent)
        #expect(ledger.entry("E4") == nil)
        #expect(ledger.entry("C1-1")?.rule == .playbackChapter)
        #expect(ledger.entry("C1-2")?.rule == .playbackChapter)
    }

    @Test("P-CONCURRENT orders rows starting together by event_id")
    func concurrentTieBrokenByEventID() throws {
        let ledger = try evaluate([
            row("E2", chapter: "C1-2", session: "b", to: "600"),
            row("E1", session: "a", to: "600"),
        ])
        #expect(ledger.entry("E2")?.rule == .playbackConcurrent)
        #expect(ledger.entry("E1") == nil)
    }

    @Test("Playback rules ignore row order, file splits and a month exported twice")
    func invariantUnderShufflingSplittingAndReexport() throws {
        let rows = [
            row("E1", end: "2024-03-05T10:05:00+08:00", to: "300"),
            row("E2", session: "b", start: "2024-03-05T10:03:00+08:00", end: "2024-03-05T10:08:00+08:00", from: "300", to: "600"),
            row("E3", start: "2024-03-06T10:00:00+08:00", end: "2024-03-06T10:05:00+08:00", from: "300", to: "600"),
            row("E4", chapter: "C1-2", start: "2024-03-07T10:00:00+08:00", end: "2024-03-07T10:05:00+08:00", to: "200"),
        ]
        let reference = try evaluate(rows)
        let shuffled = try evaluate(rows.reversed())
        let split = try Fixture([
            "playback/a.csv": playback(Array(rows[0..<2])), "playback/b.csv": playback(Array(rows[2...])),
            "playback/c.csv": playback(rows),
        ]).evaluate().ledger
        let summary: (Ledger) -> [String] = { $0.entries.map { "\($0.rule.rawValue) \($0.source.id) \($0.hours) \($0.date!)" } }
        #expect(summary(reference) == summary(shuffled))
        #expect(summary(reference) == summary(split))
        #expect(summary(reference).contains("P-CONCURRENT E2 0.00 2024-03-05"))
    }
}
