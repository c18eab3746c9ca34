import HourbookCore
import HourbookRules
import Testing

/// X — class progress and exams. Online class T2 (2024-03-01 – 2024-12-31) lists course C1
/// (chapters of 0.5 and 1 hours), needs 1.5 hours and has an exam.
@Suite("X — classes and exams")
struct ClassRuleTests {
    static let rows = playback([
        "E1,L1,C1,C1-1,s,2024-03-05T10:00:00+08:00,2024-03-05T10:10:00+08:00,0,600,1",
        "E2,L1,C1,C1-2,s,2024-03-06T10:00:00+08:00,2024-03-06T10:06:00+08:00,0,360,1",
        "E3,L2,C1,C1-1,s,2024-03-05T10:00:00+08:00,2024-03-05T10:10:00+08:00,0,600,1",
    ])

    func evaluate(exams: [String]) throws -> (ledger: Ledger, tally: Tally) {
        let (_, ledger, tally) = try Fixture([
            "playback/2024-03.csv": Self.rows,
            "exams.csv": "exam_id,learner_id,class_id,taken_at,score,passed\n" + exams.joined(separator: "\n") + "\n",
        ]).evaluate()
        return (ledger, tally)
    }

    @Test("Class progress sums chapter credits of the class's courses and knows when it reached the requirement")
    func onlineProgress() throws {
        let (_, tally) = try evaluate(exams: [])
        let l1 = try #require(tally.classProgress.first { $0.classID == "T2" && $0.learnerID == "L1" })
        #expect(l1.learnedHours == hours("1.5"))
        #expect(l1.requiredHours == hours("1.5"))
        #expect(l1.reachedAt == Timestamp.parse("2024-03-06T10:06:00+08:00", defaultOffset: .china))
        #expect(l1.isExamEligible)
        let l2 = try #require(tally.classProgress.first { $0.classID == "T2" && $0.learnerID == "L2" })
        #expect(l2.learnedHours == hours("0.5"))
        #expect(!l2.isExamEligible)
    }

    @Test("X-EXAM-EARLY flags an exam taken one second before eligibility, or by a learner never eligible")
    func examEarly() throws {
        let (ledger, _) = try evaluate(exams: [
            "X1,L1,T2,2024-03-06T10:05:59+08:00,90,yes",
            "X2,L1,T2,2024-03-06T10:06:00+08:00,95,yes",
            "X3,L2,T2,2024-04-01T09:00:00+08:00,,",
        ])
        let early = try #require(ledger.entry("X1"))
        #expect(early.rule == .examEarly)
        #expect(early.status == .flagged)
        #expect(early.hours == .zero)
        #expect(early.date == LocalDate(year: 2024, month: 3, day: 6))
        #expect(ledger.entry("X2") == nil)
        #expect(ledger.entry("X3")?.rule == .examEarly)
    }

    @Test("X-EXAM-EARLY does not check exams of classes without an exam")
    func examsOfOtherClassesAreNotChecked() throws {
        let (ledger, _) = try evaluate(exams: ["X1,L2,T1,2024-06-01T09:00:00+08:00,,"])
        #expect(ledger.entry("X1") == nil)
    }

    @Test("X-EXAM-EARLY does not check an exam of a learner not in the roster, or of an unknown class: a warning, no entry")
    func examsOfUnknownLearnersAndClassesAreNotChecked() throws {
        let (dataset, ledger, _) = try Fixture([
            "playback/2024-03.csv": Self.rows,
            "exams.csv": "exam_id,learner_id,class_id,taken_at,score,passed\n"
                + "X1,L404,T2,2024-03-01T09:00:00+08:00,,\n" + "X2,L2,T404,2024-03-01T09:00:00+08:00,,\n",
        ]).evaluate()
        #expect(ledger.entry("X1") == nil)
        #expect(ledger.entry("X2") == nil)
        #expect(dataset.diagnostics.map(\.code) == [.examUnknownLearner, .examUnknownClass])
        #expect(dataset.diagnostics.allSatisfy { $0.severity == .warning && $0.message.contains("not checked") })
    }

    @Test("Offline class progress counts credited sessions and approved make-ups")
    func offlineProgress() throws {
        let (_, _, tally) = try Fixture([
            "checkins/2024.csv": checkins(["K1,L1,T1,S1,2024-06-07T09:00:00+08:00,qr,,"]),
        ]).evaluate()
        let l1 = try #require(tally.classProgress.first { $0.classID == "T1" && $0.learnerID == "L1" })
        #expect(l1.learnedHours == Hours(3))
        let l2 = try #require(tally.classProgress.first { $0.classID == "T1" && $0.learnerID == "L2" })
        #expect(l2.learnedHours == .zero)
    }
}
