import HourbookCore
import HourbookRules
import Testing

/// Y — caps, activity and requirements.
@Suite("Y — caps and requirements")
struct YearRuleTests {
    /// Online filings of L1 in hr-online, one per day from 2024-05-01, each asking `hours`.
    func onlineFilings(_ hours: [String]) -> String {
        filings(hours.enumerated().map { index, hours in
            let day = String(format: "%02d", index + 1)
            return "F\(index + 1),L1,2024,online,approved,,2024-06-01T10:00:00+08:00,,,,网络培训\(index + 1),hr-online,,2024-05-\(day),2024-05-\(day),\(hours),中国干部网络学院,attachments/L1/notice.pdf,"
        })
    }

    @Test("Y-CAP cuts the crossing credit to what fits and caps every later one")
    func capCutsAndCaps() throws {
        let (_, ledger, tally) = try Fixture([
            "filings.csv": onlineFilings(["3", "4", "2"]), "hourbook.yaml": "caps: {hr-online: 5}\n",
        ]).evaluate()
        #expect(ledger.entry("F1")?.hours == Hours(3))
        #expect(ledger.entry("F1")?.isCapped == false)
        let crossing = try #require(ledger.entry("F2"))
        #expect(crossing.rule == .filingOnline)
        #expect(crossing.status == .credited)
        #expect(crossing.hours == Hours(2))
        #expect(crossing.cutHours == Hours(2))
        #expect(crossing.message.contains("Y-CAP"))
        let capped = try #require(ledger.entry("F3"))
        #expect(capped.rule == .filingOnline)
        #expect(capped.status == .capped)
        #expect(capped.hours == .zero)
        #expect(capped.cutHours == Hours(2))
        #expect(tally.learnerYear("L1", 2024)?.hoursByCategory["hr-online"] == Hours(5))
    }

    @Test("Y-CAP reached exactly: nothing cut, and the next credit is capped")
    func capReachedExactly() throws {
        let (_, ledger, _) = try Fixture([
            "filings.csv": onlineFilings(["3", "2", "1"]), "hourbook.yaml": "caps: {hr-online: 5}\n",
        ]).evaluate()
        #expect(ledger.entry("F2")?.hours == Hours(2))
        #expect(ledger.entry("F2")?.cutHours == .zero)
        #expect(ledger.entry("F2")?.isCapped == false)
        #expect(ledger.entry("F3")?.status == .capped)
    }

    @Test("Y-CAP adds to an F-HOURS-CUT entry's cut hours")
    func hoursCutLaterCapped() throws {
        let (_, ledger, _) = try Fixture([
            "filings.csv": onlineFilings(["20"]), "hourbook.yaml": "caps: {hr-online: 5}\n",
        ]).evaluate()
        let entry = try #require(ledger.entry("F1"))
        #expect(entry.rule == .filingHoursCut)
        #expect(entry.hours == Hours(5))
        #expect(entry.cutHours == Hours(15))
        #expect(entry.hours + entry.cutHours == Hours(20))
    }

    @Test("Y-CAP orders credits by date, then P before C before F, then source id")
    func capOrder() throws {
        let rows = playback([
            "E1,L1,C1,C1-1,s,2024-05-01T10:00:00+08:00,2024-05-01T10:10:00+08:00,0,600,1",
        ])
        let (_, ledger, _) = try Fixture([
            "playback/a.csv": rows,
            "filings.csv": filings([
                "F1,L1,2024,online,approved,,,,,,平台课,platform-online,,2024-05-01,2024-05-01,1,党校,attachments/L1/notice.pdf,"
            ]),
            "hourbook.yaml": "caps: {platform-online: 1}\n",
        ]).evaluate()
        #expect(ledger.entry("C1-1")?.hours == hours("0.5"))
        #expect(ledger.entry("F1")?.hours == hours("0.5"))
        #expect(ledger.entry("F1")?.cutHours == hours("0.5"))
    }

    @Test("Requirements: met, not met, a category minimum and a rolling window, with shortfalls")
    func requirements() throws {
        let yaml = """
            requirements:
              default: {total: 5}
              处级: {total: 4, categories: {academic: 2}, rolling: {years: 3, total: 12}}

            """
        let rows = filings([
            "F1,L1,2023,onsite,approved,,,,,,报告会,academic,,2023-05-01,2023-05-01,6,中国科协,attachments/L1/notice.pdf,",
            "F2,L1,2024,onsite,approved,,,,,,业务培训,business,,2024-05-01,2024-05-01,5,中国科协,attachments/L1/notice.pdf,",
            "F3,L2,2024,onsite,approved,,,,,,业务培训,business,,2024-05-01,2024-05-01,5,中国科协,attachments/L1/notice.pdf,",
        ])
        let (_, _, tally) = try Fixture(["filings.csv": rows, "hourbook.yaml": yaml]).evaluate()
        #expect(tally.years == [2023, 2024])
        let l1 = try #require(tally.learnerYear("L1", 2024))
        #expect(l1.requirementGroup == "处级")
        #expect(l1.totalHours == Hours(5))
        #expect(l1.status == .notMet)
        #expect(l1.rollingTotal == Hours(11))
        #expect(l1.shortfalls.map(\.item) == [.category("academic"), .rolling(years: 3)])
        #expect(l1.shortfalls.map(\.missing) == [Hours(2), Hours(1)])
        let l2 = try #require(tally.learnerYear("L2", 2024))
        #expect(l2.requirementGroup == "default")
        #expect(l2.status == .met)
        #expect(tally.learnerYear("L3", 2024)?.status == .notMet)
        #expect(tally.learnerYear("L3", 2024)?.totalHours == .zero)
    }

    @Test("Active years: a learner joined later or left earlier is absent, and credits then count in no total")
    func activeYears() throws {
        let learners = """
            learner_id,name,dept_id,joined_on,left_on
            L1,张伟,D1,2025-03-01,
            L2,李娜,D2,,2023-12-31
            L3,王芳,D2,,

            """
        let rows = filings([
            "F1,L1,2024,onsite,approved,,,,,,报告会,academic,,2024-05-01,2024-05-01,6,中国科协,attachments/L1/notice.pdf,"
        ])
        let (_, ledger, tally) = try Fixture(["learners.csv": learners, "filings.csv": rows]).evaluate()
        #expect(ledger.entry("F1")?.status == .credited)
        #expect(tally.years == [2024])
        #expect(tally.learnerYear("L1", 2024) == nil)
        #expect(tally.learnerYear("L2", 2024) == nil)
        #expect(tally.learnerYear("L3", 2024) != nil)
        let d1 = try #require(tally.departmentYears.first { $0.departmentID == "D1" && $0.year == 2024 })
        #expect(d1.learners == 0)
        #expect(d1.totalHours == .zero)
        #expect(d1.subtreeLearners == 1)
    }

    @Test("Reported years follow --year / years: over the ledger's years")
    func configuredYears() throws {
        let (_, _, tally) = try Fixture(["hourbook.yaml": "years: [2022, 2021]\n"]).evaluate()
        #expect(tally.years == [2021, 2022])
        #expect(tally.learnerYears.count == 6)
    }
}
