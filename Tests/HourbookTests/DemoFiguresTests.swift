import Foundation
import Hourbook
import HourbookCore
import HourbookRules
import Testing

/// The committed demo folder's figures for a few learners, worked out by hand from
/// docs/demo-data.md (the scenario's records are fixed for every seed).
@Suite("Demo figures, checked by hand")
struct DemoFiguresTests {
    static let dataFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("data").path

    static let report: BuildReport? = try? Pipeline.evaluate(dataFolder: dataFolder)

    func year(_ learner: String, _ year: Int) throws -> LearnerYear {
        let report = try #require(Self.report)
        return try #require(report.tally.learnerYears.first { $0.learnerID == learner && $0.year == year })
    }

    func entry(_ id: String) throws -> LedgerEntry {
        let report = try #require(Self.report)
        return try #require(report.ledger.entries.first { $0.source.id == id })
    }

    @Test("The demo folder validates clean")
    func validatesClean() throws {
        let report = try #require(Self.report)
        #expect(report.dataset.diagnostics.filter { $0.severity != .info }.isEmpty)
        #expect(report.tally.years == [2024, 2025])
    }

    @Test("L0003 2024: online 30 + on-site 24 + 8 after F-HOURS-CUT = 62 hours, met")
    func l0003() throws {
        let l0003 = try year("L0003", 2024)
        #expect(l0003.totalHours == Hours(62))
        #expect(l0003.status == .met)
        let cut = try entry("F-2024-0003")
        #expect(cut.rule == .filingHoursCut)
        #expect(cut.hours == Hours(8))
        #expect(cut.cutHours == Hours(4))
    }

    @Test("L0004 2024: 91 hours but only 3 in party-theory: short 7 of the 处级 minimum of 10")
    func l0004() throws {
        let l0004 = try year("L0004", 2024)
        #expect(l0004.totalHours == Hours(91))
        #expect(l0004.requirementGroup == "处级")
        #expect(l0004.status == .notMet)
        #expect(l0004.shortfalls == [Shortfall(item: .category("party-theory"), required: Hours(10), actual: Hours(3))])
        #expect(try entry("X-000002").rule == .examEarly)
    }

    @Test("L0007 2024: academic capped at 8 — 6 credited, 2 of 6 after the cap, 4 capped to 0")
    func l0007() throws {
        #expect(try entry("F-2024-0017").hours == Hours(6))
        let crossing = try entry("F-2024-0018")
        #expect(crossing.status == .credited)
        #expect(crossing.hours == Hours(2))
        #expect(crossing.cutHours == Hours(4))
        let capped = try entry("F-2024-0019")
        #expect(capped.status == .capped)
        #expect(capped.cutHours == Hours(4))
        #expect(try year("L0007", 2024).hoursByCategory["academic"] == Hours(8))
    }

    @Test("L0008: 120 hours in each of 2024 and 2025 but 240 < 550 over five years")
    func l0008() throws {
        let l0008 = try year("L0008", 2025)
        #expect(l0008.totalHours == Hours(120))
        #expect(l0008.rollingTotal == Hours(240))
        #expect(l0008.shortfalls.map(\.item) == [.rolling(years: 5)])
    }

    @Test("L0002: the make-up pays the two sessions not credited by check-in, 6.5 hours")
    func l0002() throws {
        let makeup = try entry("F-2024-0020")
        #expect(makeup.rule == .filingMakeup)
        #expect(makeup.hours == hours("6.5"))
        #expect(try entry("F-2024-0021").rule == .filingDuplicate)
    }

    @Test("L0009 left in 2024 and L0010 joined in 2025: each appears only in its active years")
    func activeYears() throws {
        let report = try #require(Self.report)
        #expect(report.tally.learnerYears.filter { $0.learnerID == "L0009" }.map(\.year) == [2024])
        #expect(report.tally.learnerYears.filter { $0.learnerID == "L0010" }.map(\.year) == [2025])
    }

    func hours(_ text: String) -> Hours { Hours(parsing: text)! }
}
