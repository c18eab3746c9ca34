import HourbookCore
import HourbookRules
import Testing

/// F — filings, in their CSV form. L1 has attachments/L1/notice.pdf and certificate.jpg.
@Suite("F — filings")
struct FilingRuleTests {
    /// An onsite filing of L1 for a one-day event on 2024-05-30 asking 6 hours, approved.
    func filing(
        _ id: String, learner: String = "L1", year: String = "2024", type: String = "onsite", status: String = "approved",
        approved: String = "", submitted: String = "2024-06-01T10:00:00+08:00", classID: String = "",
        name: String = "全国科技工作者日主题报告会", category: String = "academic", start: String = "2024-05-30",
        end: String = "2024-05-30", requested: String = "6", host: String = "中国科协",
        attachments: String = "attachments/L1/notice.pdf", digests: String = ""
    ) -> String {
        "\(id),\(learner),\(year),\(type),\(status),\(approved),\(submitted),,,\(classID),\(name),\(category),,\(start),\(end),\(requested),\(host),\(attachments),\(digests)"
    }

    func evaluate(_ rows: [String], yaml: String? = nil, extra: [String: String] = [:]) throws -> Ledger {
        var files = ["filings.csv": filings(rows)].merging(extra) { a, _ in a }
        if let yaml { files["hourbook.yaml"] = yaml }
        return try Fixture(files).evaluate().ledger
    }

    @Test("F-ONSITE credits an approved on-site filing its approved hours, dated by its end, in its category")
    func onsiteApproved() throws {
        let ledger = try evaluate([filing("F1", approved: "5.5")])
        let entry = try #require(ledger.entry("F1"))
        #expect(entry.rule == .filingOnsite)
        #expect(entry.status == .credited)
        #expect(entry.hours == hours("5.5"))
        #expect(entry.categoryID == "academic")
        #expect(entry.date == LocalDate(year: 2024, month: 5, day: 30))
    }

    @Test("F-HOURS-CUT cuts requested hours above days × 8; exactly 8 a day is not cut")
    func hoursCut() throws {
        let ledger = try evaluate([
            filing("F1", requested: "10"),
            filing("F2", name: "两天的培训", start: "2024-05-30", end: "2024-05-31", requested: "16"),
        ])
        let cut = try #require(ledger.entry("F1"))
        #expect(cut.rule == .filingHoursCut)
        #expect(cut.status == .credited)
        #expect(cut.hours == Hours(8))
        #expect(cut.cutHours == Hours(2))
        #expect(ledger.entry("F2")?.rule == .filingOnsite)
        #expect(ledger.entry("F2")?.hours == Hours(16))
    }

    @Test("F-PENDING keeps an on-site filing awaiting approval at 0 hours (待审批)")
    func pending() throws {
        let ledger = try evaluate([filing("F1", status: "pending"), filing("F2", status: "approved", name: "另一场")])
        #expect(ledger.entry("F1")?.rule == .filingPending)
        #expect(ledger.entry("F1")?.status == .pending)
        #expect(ledger.entry("F1")?.hours == .zero)
        #expect(ledger.entry("F2")?.rule == .filingOnsite)
    }

    @Test("F-ONLINE credits online filings without approval, pending included; approved hours win")
    func online() throws {
        let ledger = try evaluate([
            filing("F1", type: "online", status: "pending", category: "hr-online"),
            filing("F2", type: "ONLINE", status: "approved", approved: "3", name: "网络培训二", category: "hr-online"),
        ])
        #expect(ledger.entry("F1")?.rule == .filingOnline)
        #expect(ledger.entry("F1")?.status == .credited)
        #expect(ledger.entry("F1")?.hours == Hours(6))
        #expect(ledger.entry("F2")?.hours == Hours(3))
    }

    @Test("F-REJECTED: a rejected filing earns nothing, whatever its type")
    func rejected() throws {
        let ledger = try evaluate([
            filing("F1", status: "rejected"), filing("F2", type: "online", status: "rejected", category: "hr-online"),
            filing("F3", status: "approved", name: "通过的"),
        ])
        #expect(ledger.entry("F1")?.rule == .filingRejected)
        #expect(ledger.entry("F2")?.rule == .filingRejected)
        #expect(ledger.entry("F2")?.status == .rejected)
        #expect(ledger.entry("F3")?.rule == .filingOnsite)
    }

    @Test("F-UNKNOWN-LEARNER rejects a learner not in the roster")
    func unknownLearner() throws {
        let ledger = try evaluate([filing("F1", learner: "L9"), filing("F2")])
        #expect(ledger.entry("F1")?.rule == .filingUnknownLearner)
        #expect(ledger.entry("F2")?.rule == .filingOnsite)
    }

    @Test("F-MISSING-FIELD rejects an on-site filing without host, and a make-up without class")
    func missingField() throws {
        let ledger = try evaluate([
            filing("F1", host: ""), filing("F2", type: "makeup", classID: ""), filing("F3", year: ""),
            filing("F4", name: "齐全的"),
        ])
        #expect(ledger.entry("F1")?.rule == .filingMissingField)
        #expect(ledger.entry("F2")?.rule == .filingMissingField)
        #expect(ledger.entry("F3")?.rule == .filingMissingField)
        #expect(ledger.entry("F3")?.year == 2024)
        #expect(ledger.entry("F4")?.rule == .filingOnsite)
    }

    @Test("F-BAD-CATEGORY rejects a category that is not configured")
    func badCategory() throws {
        let ledger = try evaluate([filing("F1", category: "golf"), filing("F2", name: "业务", category: "business")])
        #expect(ledger.entry("F1")?.rule == .filingBadCategory)
        #expect(ledger.entry("F2")?.rule == .filingOnsite)
    }

    @Test("F-DATES rejects an end before the start and a year of neither date; the year field wins otherwise")
    func dates() throws {
        let ledger = try evaluate([
            filing("F1", start: "2024-05-30", end: "2024-05-29"),
            filing("F2", year: "2023", name: "年度不符"),
            filing("F3", year: "2023", name: "跨年培训", start: "2023-12-30", end: "2024-01-02", requested: "20"),
        ])
        #expect(ledger.entry("F1")?.rule == .filingDates)
        #expect(ledger.entry("F2")?.rule == .filingDates)
        let crossing = try #require(ledger.entry("F3"))
        #expect(crossing.rule == .filingOnsite)
        #expect(crossing.year == 2023)
        #expect(crossing.date == LocalDate(year: 2024, month: 1, day: 2))
    }

    @Test("F-ATTACHMENT rejects no attachment, a path leaving the folder, an absolute path, a missing file and a wrong digest")
    func attachment() throws {
        let notice = "3d0e0ab8f9f0f3e4e1b6a2fb8f3f6a3bc7b0b1b6c9a0e6b1ad0b6f2b2c4e0c1d"
        let ledger = try evaluate(
            [
                filing("F1", name: "a", attachments: ""),
                filing("F2", name: "b", attachments: "../outside.pdf"),
                filing("F3", name: "c", attachments: "/etc/passwd"),
                filing("F4", name: "d", attachments: "attachments/L1/none.pdf"),
                filing("F5", name: "e", attachments: "attachments/L1/notice.pdf", digests: notice),
                filing("F6", name: "f", attachments: "attachments/L1/notice.pdf;;attachments/L1/certificate.jpg"),
                filing("F7", name: "g", attachments: "attachments"),
            ])
        for id in ["F1", "F2", "F3", "F4", "F5", "F7"] { #expect(ledger.entry(id)?.rule == .filingAttachment, "\(id)") }
        #expect(ledger.entry("F6")?.rule == .filingOnsite)
    }

    @Test("F-ATTACHMENT compares digests ignoring case")
    func attachmentDigestIgnoresCase() throws {
        // SHA-256 of "%PDF-1.4 notice".
        let digest = sha256Hex("%PDF-1.4 notice")
        let ledger = try evaluate([filing("F1", attachments: "attachments/L1/notice.pdf", digests: digest.uppercased())])
        #expect(ledger.entry("F1")?.rule == .filingOnsite)
    }

    @Test("F-DUPLICATE rejects a later filing of the same learner, type, name and start")
    func duplicate() throws {
        let ledger = try evaluate([
            filing("F2", submitted: "2024-06-02T10:00:00+08:00"),
            filing("F1", status: "rejected", submitted: "2024-06-01T10:00:00+08:00"),
            filing("F3", submitted: "2024-06-03T10:00:00+08:00", start: "2024-05-29"),
        ])
        #expect(ledger.entry("F1")?.rule == .filingRejected)
        #expect(ledger.entry("F2")?.rule == .filingDuplicate)
        #expect(ledger.entry("F3")?.rule == .filingOnsite)
    }

    static let window = "makeup-windows:\n  2024: {from: 2024-12-15, to: 2025-01-15}\n"

    func makeup(_ id: String, learner: String = "L1", classID: String = "T1", status: String = "approved", submitted: String = "2024-12-20T09:00:00+08:00") -> String {
        filing(id, learner: learner, type: "makeup", status: status, submitted: submitted, classID: classID, name: "", category: "", start: "", end: "", requested: "", host: "")
    }

    @Test("F-MAKEUP credits the class's sessions not already credited by check-in, dated by the class's end")
    func makeupCreditsTheRest() throws {
        let ledger = try evaluate(
            [makeup("F1")], yaml: Self.window,
            extra: ["checkins/2024.csv": checkins(["K1,L1,T1,S1,2024-06-07T09:00:00+08:00,qr,,"])])
        let entry = try #require(ledger.entry("F1"))
        #expect(entry.rule == .filingMakeup)
        #expect(entry.hours == hours("3.5"))
        #expect(entry.categoryID == "party-theory")
        #expect(entry.date == LocalDate(year: 2024, month: 6, day: 8))
    }

    @Test("F-MAKEUP-NOTHING rejects a make-up when every session was already credited")
    func makeupNothing() throws {
        let ledger = try evaluate(
            [makeup("F1")], yaml: Self.window,
            extra: [
                "checkins/2024.csv": checkins([
                    "K1,L1,T1,S1,2024-06-07T09:00:00+08:00,qr,,", "K2,L1,T1,S2,2024-06-08T14:00:00+08:00,qr,,",
                ])
            ])
        #expect(ledger.entry("F1")?.rule == .filingMakeupNothing)
        #expect(ledger.entry("F1")?.status == .rejected)
    }

    @Test("F-MAKEUP-CLOSED rejects a make-up outside the window, without submitted_at, or with no window")
    func makeupClosed() throws {
        let ledger = try evaluate(
            [
                makeup("F1", submitted: "2025-01-15T23:59:59+08:00"), makeup("F2", learner: "L2", submitted: "2025-01-16T00:00:00+08:00"),
            ], yaml: Self.window)
        #expect(ledger.entry("F1")?.rule == .filingMakeup)
        #expect(ledger.entry("F2")?.rule == .filingMakeupClosed)
        let unsubmitted = try evaluate([makeup("F3", learner: "L2", submitted: "")], yaml: Self.window)
        #expect(unsubmitted.entry("F3")?.rule == .filingMakeupClosed)
        let noWindow = try evaluate([makeup("F1")])
        #expect(noWindow.entry("F1")?.rule == .filingMakeupClosed)
    }

    @Test("F-MAKEUP-ONLINE, F-NOT-MEMBER and F-UNKNOWN-CLASS reject make-ups of the wrong class")
    func makeupClassChecks() throws {
        let ledger = try evaluate(
            [makeup("F1", classID: "T2"), makeup("F2", learner: "L3"), makeup("F3", classID: "T9"), makeup("F4", learner: "L2", status: "pending")],
            yaml: Self.window)
        #expect(ledger.entry("F1")?.rule == .filingMakeupOnline)
        #expect(ledger.entry("F2")?.rule == .filingNotMember)
        #expect(ledger.entry("F3")?.rule == .filingUnknownClass)
        #expect(ledger.entry("F3")?.date == LocalDate(year: 2024, month: 12, day: 20))
        #expect(ledger.entry("F4")?.rule == .filingPending)
    }

    @Test("F-DATES for a make-up: its year must be the year of the class's end")
    func makeupYear() throws {
        let row = filing("F1", year: "2025", type: "makeup", classID: "T1", name: "", category: "", start: "", end: "", requested: "", host: "")
        let ledger = try evaluate([row], yaml: Self.window)
        #expect(ledger.entry("F1")?.rule == .filingDates)
    }
}
