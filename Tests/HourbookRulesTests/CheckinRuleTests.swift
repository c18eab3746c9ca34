import HourbookCore
import HourbookRules
import Testing

/// C — check-ins. Session S1 of T1 runs 2024-06-07 09:00–12:00 (+08:00) at 39.9075, 116.2970
/// within 500 m and earns 3 hours; S2 has no location. T1's members are L1 and L2.
@Suite("C — check-ins")
struct CheckinRuleTests {
    func evaluate(_ rows: [String], yaml: String? = nil) throws -> Ledger {
        var files = ["checkins/2024.csv": checkins(rows)]
        if let yaml { files["hourbook.yaml"] = yaml }
        return try Fixture(files).evaluate().ledger
    }

    @Test("C-SESSION credits the session's hours on its date, in the class's category")
    func sessionCredited() throws {
        let ledger = try evaluate(["K1,L1,T1,S1,2024-06-07T08:55:00+08:00,qr,,"])
        let entry = try #require(ledger.entry("K1"))
        #expect(entry.rule == .checkinSession)
        #expect(entry.status == .credited)
        #expect(entry.hours == Hours(3))
        #expect(entry.categoryID == "party-theory")
        #expect(entry.date == LocalDate(year: 2024, month: 6, day: 7))
        #expect(entry.source.file == "checkins/2024.csv")
        #expect(entry.source.line == 2)
    }

    @Test("C-WINDOW accepts check-ins exactly at the window's edges and rejects one second outside")
    func windowEdges() throws {
        let ledger = try evaluate([
            "K1,L1,T1,S1,2024-06-07T08:30:00+08:00,qr,,",
            "K2,L2,T1,S1,2024-06-07T08:29:59+08:00,qr,,",
            "K3,L2,T1,S2,2024-06-08T18:00:00+08:00,qr,,",
            "K4,L1,T1,S2,2024-06-08T18:00:01+08:00,qr,,",
        ])
        #expect(ledger.entry("K1")?.rule == .checkinSession)
        #expect(ledger.entry("K2")?.rule == .checkinWindow)
        #expect(ledger.entry("K2")?.status == .rejected)
        #expect(ledger.entry("K3")?.rule == .checkinSession)
        #expect(ledger.entry("K4")?.rule == .checkinWindow)
    }

    @Test("C-WINDOW follows checkin-window and compares instants across time zones")
    func windowFromSettingsAcrossZones() throws {
        let ledger = try evaluate(
            ["K1,L1,T1,S1,2024-06-07T00:50:00Z,qr,,", "K2,L2,T1,S1,2024-06-07T00:49:59Z,qr,,"], yaml: "checkin-window: 10\n")
        #expect(ledger.entry("K1")?.rule == .checkinSession)
        #expect(ledger.entry("K2")?.rule == .checkinWindow)
        #expect(ledger.entry("K2")?.date == LocalDate(year: 2024, month: 6, day: 7))
    }

    @Test("C-LOCATION rejects a location check-in far away, without a position, or at a session without a place")
    func location() throws {
        let ledger = try evaluate([
            "K1,L1,T1,S1,2024-06-07T09:00:00+08:00,location,39.9080,116.2975",
            "K2,L2,T1,S1,2024-06-07T09:00:00+08:00,location,39.9200,116.2970",
            "K3,L2,T1,S1,2024-06-07T09:01:00+08:00,location,,",
            "K4,L2,T1,S2,2024-06-08T14:00:00+08:00,location,39.9075,116.2970",
            "K5,L2,T1,S2,2024-06-08T14:00:00+08:00,manual,,",
        ])
        #expect(ledger.entry("K1")?.rule == .checkinSession)
        #expect(ledger.entry("K2")?.rule == .checkinLocation)
        #expect(ledger.entry("K3")?.rule == .checkinLocation)
        #expect(ledger.entry("K4")?.rule == .checkinLocation)
        #expect(ledger.entry("K5")?.rule == .checkinSession)
    }

    @Test("C-DUPLICATE rejects a second check-in of the same session, taken in order of (at, id)")
    func duplicate() throws {
        let ledger = try evaluate([
            "K2,L1,T1,S1,2024-06-07T09:05:00+08:00,qr,,",
            "K1,L1,T1,S1,2024-06-07T09:10:00+08:00,manual,,",
            "K3,L1,T1,S2,2024-06-08T14:00:00+08:00,qr,,",
        ])
        #expect(ledger.entry("K2")?.rule == .checkinSession)
        #expect(ledger.entry("K1")?.rule == .checkinDuplicate)
        #expect(ledger.entry("K1")?.hours == .zero)
        #expect(ledger.entry("K3")?.rule == .checkinSession)
    }

    @Test("C-NOT-MEMBER rejects a learner the class does not list")
    func notMember() throws {
        let ledger = try evaluate(["K1,L3,T1,S1,2024-06-07T09:00:00+08:00,qr,,", "K2,L2,T1,S1,2024-06-07T09:00:00+08:00,qr,,"])
        #expect(ledger.entry("K1")?.rule == .checkinNotMember)
        #expect(ledger.entry("K2")?.rule == .checkinSession)
    }

    @Test("C-UNKNOWN-SESSION rejects an unknown class or session, and an online class")
    func unknownSession() throws {
        let ledger = try evaluate([
            "K1,L1,T1,S9,2024-06-07T09:00:00+08:00,qr,,",
            "K2,L1,T9,S1,2024-06-07T09:00:00+08:00,qr,,",
            "K3,L1,T2,S1,2024-06-07T09:00:00+08:00,qr,,",
            "K4,L1,T1,S1,2024-06-07T09:00:00+08:00,qr,,",
        ])
        #expect(ledger.entry("K1")?.rule == .checkinUnknownSession)
        #expect(ledger.entry("K2")?.rule == .checkinUnknownSession)
        #expect(ledger.entry("K3")?.rule == .checkinUnknownSession)
        #expect(ledger.entry("K4")?.rule == .checkinSession)
    }

    @Test("C-UNKNOWN-LEARNER rejects a learner not in the roster")
    func unknownLearner() throws {
        let ledger = try evaluate(["K1,L9,T1,S1,2024-06-07T09:00:00+08:00,qr,,", "K2,L1,T1,S1,2024-06-07T09:00:00+08:00,qr,,"])
        #expect(ledger.entry("K1")?.rule == .checkinUnknownLearner)
        #expect(ledger.entry("K1")?.learnerID == "L9")
        #expect(ledger.entry("K2")?.rule == .checkinSession)
    }

    @Test("Great-circle distance: about 111.2 km per degree of latitude")
    func greatCircleDistance() {
        let rows = ["K1,L1,T1,S1,2024-06-07T09:00:00+08:00,location,39.9119,116.2970"]  // ≈ 489 m north
        let ledger = try? evaluate(rows)
        #expect(ledger?.entry("K1")?.rule == .checkinSession)
        let farther = try? evaluate(["K1,L1,T1,S1,2024-06-07T09:00:00+08:00,location,39.9121,116.2970"])  // ≈ 511 m
        #expect(farther?.entry("K1")?.rule == .checkinLocation)
    }
}
