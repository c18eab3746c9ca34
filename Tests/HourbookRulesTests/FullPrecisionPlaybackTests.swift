import HourbookCore
import HourbookRules
import Testing

/// P — playback as real players log it: positions and rates in binary floating point, printed
/// with all their digits. Positions are cut (never rounded) at the millisecond; rates are taken
/// exactly, whatever their number of digits. Chapter C1-1 lasts 1000 s (60 % is 600 s), 0.5 hours.
@Suite("P — full-precision positions and rates")
struct FullPrecisionPlaybackTests {
    func row(
        _ id: String, chapter: String = "C1-1", session: String = "s1", start: String = "2024-03-05T10:00:00+08:00",
        end: String = "2024-03-05T10:10:00+08:00", from: String = "0", to: String = "600", rate: String = "1"
    ) -> String {
        "\(id),L1,C1,\(chapter),\(session),\(start),\(end),\(from),\(to),\(rate)"
    }

    func evaluate(_ rows: [String], yaml: String? = nil) throws -> (dataset: Dataset, ledger: Ledger) {
        var files = ["playback/2024-03.csv": playback(rows)]
        if let yaml { files["hourbook.yaml"] = yaml }
        let result = try Fixture(files).evaluate()
        return (result.dataset, result.ledger)
    }

    @Test("A position is cut at the millisecond, not rounded: 599.9999999 s is 599.999 s, one millisecond short")
    func positionsAreTruncatedNotRounded() throws {
        let (dataset, ledger) = try evaluate([row("E1", to: "599.9999999")])
        #expect(dataset.diagnostics.isEmpty)
        #expect(dataset.playback.rows.first?.positionTo == 599_999)
        #expect(ledger.entry("C1-1", sourceKind: .chapter)?.rule == .playbackIncomplete)
    }

    @Test("The player's own digits are read: 600.000999 s reaches 60 % exactly")
    func extraDigitsOnAThresholdPositionCredit() throws {
        let (dataset, ledger) = try evaluate([row("E1", to: "600.000999")])
        #expect(dataset.diagnostics.isEmpty)
        #expect(ledger.entry("C1-1", sourceKind: .chapter)?.rule == .playbackChapter)
    }

    @Test("Duplicates are judged on the cut values: the same row exported with more digits is one row")
    func duplicatesAreJudgedOnTruncatedValues() throws {
        let (dataset, ledger) = try evaluate([
            row("E1", to: "600.0001", rate: "1.20000004768"),
            row("E1", to: "600.0009999", rate: "1.2000000476800"),
            // 600.001 is another millisecond: a conflict, reported and not used.
            row("E1", to: "600.001", rate: "1.20000004768"),
        ])
        #expect(dataset.summary.exactDuplicatesDropped == 1)
        #expect(dataset.places(.playbackConflict) == ["playback/2024-03.csv:4"])
        #expect(dataset.playback.rows.count == 1)
        #expect(ledger.entry("C1-1", sourceKind: .chapter)?.rule == .playbackChapter)
    }

    @Test("P-RATE compares a 20-digit rate exactly with the maximum: one part in 10^20 above is rejected")
    func rateBoundaryWithTwentyDigits() throws {
        let (_, ledger) = try evaluate([
            row("E1", to: "1200", rate: "1.99999999999999999999"),
            row("E2", chapter: "C1-2", to: "300", rate: "2.00000000000000000001"),
            row("E3", chapter: "C1-2", start: "2024-03-06T10:00:00+08:00", end: "2024-03-06T10:10:00+08:00", to: "300",
                rate: "2.00000000000000000000"),
        ])
        #expect(ledger.entry("E1") == nil)
        #expect(ledger.entry("C1-1")?.rule == .playbackChapter)
        #expect(ledger.entry("E2")?.rule == .playbackRate)
        #expect(ledger.entry("E3") == nil)
    }

    @Test("P-RATE: a float32 1.2 (1.20000004768…) is above a maximum of 1.2; no rounding lets it through")
    func float32RateAboveAnExactMaximum() throws {
        let (_, ledger) = try evaluate(
            [
                row("E1", to: "300", rate: "1.2000000476837158203125"),
                row("E2", chapter: "C1-2", to: "300", rate: "1.19999999999999999999"),
            ], yaml: "max-playback-rate: 1.2\n")
        #expect(ledger.entry("E1")?.rule == .playbackRate)
        #expect(ledger.entry("E1")?.reason.english.contains("1.2000000476837158203125") == true)
        #expect(ledger.entry("E2") == nil)
    }

    @Test("P-RATE rejects a rate of zero, minus zero or below zero, however it is written")
    func zeroAndNegativeRates() throws {
        let (dataset, ledger) = try evaluate([
            row("E1", to: "300", rate: "0.000"),
            row("E2", chapter: "C1-2", to: "300", rate: "-0"),
            row("E3", chapter: "C1-2", start: "2024-03-06T10:00:00+08:00", end: "2024-03-06T10:10:00+08:00", to: "300",
                rate: "-1.20000004768"),
        ])
        #expect(dataset.diagnostics.isEmpty)
        #expect(ledger.entry("E1")?.rule == .playbackRate)
        #expect(ledger.entry("E2")?.rule == .playbackRate)
        #expect(ledger.entry("E3")?.rule == .playbackRate)
    }

    @Test("P-IMPLAUSIBLE at a 20-digit rate: 720 s of video in 570 + 30 s passes at 1.2 + 10^-20 and fails at 1.2 − 10^-20")
    func implausibleBoundaryWithTwentyDigits() throws {
        let (_, ledger) = try evaluate([
            // 720 / 1.20000000000000000001 = 599.99999999999999999… s ≤ 600 s: plausible.
            row("E1", end: "2024-03-05T10:09:30+08:00", to: "720", rate: "1.20000000000000000001"),
            // 720 / 1.19999999999999999999 = 600.00000000000000000… s > 600 s: implausible.
            row("E2", chapter: "C1-2", end: "2024-03-05T10:09:30+08:00", to: "720", rate: "1.19999999999999999999"),
            // Exactly 1.2: 600 s, not more than 600 s: plausible.
            row("E3", chapter: "C1-2", start: "2024-03-06T10:00:00+08:00", end: "2024-03-06T10:09:30+08:00", to: "720",
                rate: "1.2"),
        ])
        #expect(ledger.entry("E1") == nil)
        #expect(ledger.entry("E2")?.rule == .playbackImplausible)
        #expect(ledger.entry("E3") == nil)
    }

    @Test("A position with a sign or an exponent, or a rate with an exponent, is a row error that says so")
    func signsAndExponentsAreRowErrors() throws {
        let (dataset, ledger) = try evaluate([
            row("E1", from: "+0"),
            row("E2", from: "-0.5"),
            row("E3", to: "6e2"),
            row("E4", to: "600", rate: "1.2e0"),
        ])
        #expect(dataset.places(.badValue) == (2...5).map { "playback/2024-03.csv:\($0)" })
        let messages = dataset.diagnostics.map(\.message)
        #expect(messages[0].contains("without a sign") && messages[1].contains("without a sign"))
        #expect(messages[2].contains("without an exponent") && messages[3].contains("without an exponent"))
        #expect(ledger.entries.isEmpty)
    }
}

/// A playback export as an HTML5 player writes it: `currentTime` and `playbackRate` are binary
/// floating point (positions printed with nine digits, float32 rates such as 1.2 printed as
/// 1.20000004768), instants from `Date.toISOString()` in UTC. One viewer of chapter C1-1
/// (1000 s, 60 % = 600 s, 0.5 hours) watches, pauses, speeds up, seeks back and forward.
@Suite("P — a real-shaped HTML5 player export")
struct HTML5PlayerExportTests {
    static let rows = [
        // 1. Plays from the start at 1× for 179.462 s of wall time: covers [0, 179.462).
        "E1,L1,C1,C1-1,tab-1,2024-03-05T02:00:00.000Z,2024-03-05T02:02:59.462Z,0,179.462432861,1",
        // (paused for two minutes: no row)
        // 2. Switches to 1.2× (a float32): 150.25 s of wall time, 180.300 s of video → [0, 359.762).
        "E2,L1,C1,C1-1,tab-1,2024-03-05T02:05:00.000Z,2024-03-05T02:07:30.250Z,179.462432861,359.762874603,1.20000004768",
        // 3. Seeks back to 100 s and re-watches a minute: adds nothing to the union.
        "E3,L1,C1,C1-1,tab-1,2024-03-05T02:07:31.000Z,2024-03-05T02:08:31.000Z,100.000000000,172.000002861,1.20000004768",
        // 4. Seeks forward and plays at 1.5× to 599.9996337890625 s, cut to 599.999: 59.9999 %, one ms short.
        "E4,L1,C1,C1-1,tab-1,2024-03-05T02:08:40.000Z,2024-03-05T02:11:00.158Z,359.762874603,599.9996337890625,1.5",
        // 5. Plays on the next morning (local time) and crosses 60 %: this row earns the chapter.
        "E5,L1,C1,C1-1,tab-2,2024-03-05T16:30:00.000Z,2024-03-05T16:30:01.000Z,599.9996337890625,601.0000915527344,1",
        // 6. Keeps watching after the credit: ignored.
        "E6,L1,C1,C1-1,tab-2,2024-03-05T16:30:01.000Z,2024-03-05T16:35:01.000Z,601.0000915527344,901.000091552734,1",
    ]

    @Test("The credit is worked out by hand: row 5 crosses 60 % on 2024-03-06 (local), no row is rejected")
    func creditWorkedOutByHand() throws {
        let result = try Fixture(["playback/export.csv": playback(Self.rows)]).evaluate()
        #expect(result.dataset.diagnostics.isEmpty)
        #expect(result.dataset.playback.rows.map(\.positionTo) == [179_462, 359_762, 172_000, 599_999, 601_000, 901_000])
        let log = result.dataset.playback
        #expect(log.rows.map { log.rates[$0.rate] } == ["1", "1.20000004768", "1.20000004768", "1.5", "1", "1"])
        // Nothing rejected: row 2 claims 180.300 s of video in 150.25 s at 1.20000004768× — plausible.
        #expect(result.ledger.entries.allSatisfy { $0.source.kind == .chapter })
        let credit = try #require(result.ledger.entry("C1-1", sourceKind: .chapter))
        #expect(credit.rule == .playbackChapter)
        #expect(credit.hours == hours("0.5"))
        #expect(credit.source.line == 6)
        #expect(credit.date == LocalDate(year: 2024, month: 3, day: 6))
    }

    @Test("Without row 5 the chapter stays 59 % in progress: rounding 599.9996 up would have credited it")
    func withoutTheCrossingRowTheChapterIsIncomplete() throws {
        let rows = Self.rows.prefix(4)
        let result = try Fixture(["playback/export.csv": playback(Array(rows))]).evaluate()
        let entry = try #require(result.ledger.entry("C1-1", sourceKind: .chapter))
        #expect(entry.rule == .playbackIncomplete)
        #expect(entry.detail.coveredMilliseconds == 599_999)
        #expect(entry.source.line == 5)
    }
}
