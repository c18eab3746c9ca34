import HourbookCore
import HourbookRules
import Testing

@testable import HourbookCertificates

/// A certificate of L1 (张伟, D1 办公厅) for 2024: 3.50 hours online and 2.00 offline against 5.
func certificate(
    organisation: String = "中国科协机关", learnerID: String = "L1", learnerName: String = "张伟",
    departmentID: String = "D1", departmentName: String = "办公厅", year: Int = 2024, online: String = "3.50",
    offline: String = "2.00", total: String = "5.50", required: String = "5.00", status: RequirementStatus = .met,
    fingerprint: String = String(repeating: "ab", count: 32), issueDate: String = "2024-12-20"
) -> Certificate {
    Certificate(
        organisation: organisation, learnerID: learnerID, learnerName: learnerName, departmentID: departmentID,
        departmentName: departmentName, year: year,
        categories: [
            .init(id: "platform-online", name: "网络课程", mode: .online, hours: Hours(parsing: online)!),
            .init(id: "business", name: "业务知识培训", mode: .offline, hours: Hours(parsing: offline)!),
        ],
        onlineHours: Hours(parsing: online)!, offlineHours: Hours(parsing: offline)!, totalHours: Hours(parsing: total)!,
        requiredHours: Hours(parsing: required)!, status: status, fingerprint: fingerprint,
        issueDate: LocalDate(parsing: issueDate)!)
}

@Suite("Certificates — canonical text and verification code")
struct CertificateCodeTests {
    @Test("The canonical text lists every figure as key=value lines in the documented order")
    func canonicalTextLayout() {
        #expect(
            certificate().canonicalText == """
                hourbook-certificate-v1
                organisation=中国科协机关
                learner_id=L1
                learner_name=张伟
                dept_id=D1
                dept_name=办公厅
                year=2024
                category=platform-online
                category_name=网络课程
                category_mode=online
                category_hours=3.50
                category=business
                category_name=业务知识培训
                category_mode=offline
                category_hours=2.00
                online_hours=3.50
                offline_hours=2.00
                total_hours=5.50
                required_hours=5.00
                status=met
                fingerprint=\(String(repeating: "ab", count: 32))
                issue_date=2024-12-20

                """)
    }

    @Test("The code is the first 16 hex digits of SHA-256 over the canonical text, upper case, in groups of four")
    func codeIsGroupedDigest() {
        let digest = Certificate.sha256Hex(certificate().canonicalText)
        let code = certificate().code
        #expect(code.count == 19)
        #expect(code.filter { $0 != "-" } == digest.prefix(16).uppercased())
        #expect(code.split(separator: "-").map(\.count) == [4, 4, 4, 4])
    }

    @Test("Changing any one figure changes the code")
    func everyFigureCounts() {
        let original = certificate().code
        let changed = [
            certificate(organisation: "中国科协"), certificate(learnerID: "L2"), certificate(learnerName: "张伟 "),
            certificate(departmentID: "D2"), certificate(departmentName: "人事部"), certificate(year: 2025),
            certificate(online: "3.51"), certificate(offline: "2.01"), certificate(total: "5.51"),
            certificate(required: "5.01"), certificate(status: .notMet),
            certificate(fingerprint: String(repeating: "ac", count: 32)), certificate(issueDate: "2024-12-21"),
        ]
        for other in changed { #expect(other.code != original) }
        #expect(Set(changed.map(\.code)).count == changed.count)
    }

    @Test("A line break or backslash in a name is escaped, so no value can forge another line")
    func valuesCannotForgeLines() {
        let forged = certificate(learnerName: "张伟\nyear=2030")
        #expect(forged.canonicalText.contains("learner_name=张伟\\nyear=2030\n"))
        #expect(certificate(learnerName: "a\\b\r").canonicalText.contains("learner_name=a\\\\b\\r\n"))
    }

    @Test("A typed code is accepted in any case, with spaces or full-width characters, and nothing else")
    func typedCodes() {
        #expect(Certificate.normalizedCode("3f2a9c107b4ed581") == "3F2A-9C10-7B4E-D581")
        #expect(Certificate.normalizedCode(" 3F2A 9C10-7B4E-D581 ") == "3F2A-9C10-7B4E-D581")
        #expect(Certificate.normalizedCode("３Ｆ２Ａ-9C10-7B4E-D581") == "3F2A-9C10-7B4E-D581")
        #expect(Certificate.normalizedCode("3F2A-9C10-7B4E-D58") == nil)
        #expect(Certificate.normalizedCode("3F2A-9C10-7B4E-D58G") == nil)
    }

    @Test("The issue date is the latest credited entry's date, not the wall clock")
    func issueDateFromLedger() {
        func entry(_ date: String, _ status: EntryStatus) -> LedgerEntry {
            LedgerEntry(
                learnerID: "L1", year: 2024, date: LocalDate(parsing: date), rule: .playbackChapter, status: status,
                hours: .zero, cutHours: .zero, categoryID: nil,
                source: EntrySource(kind: .chapter, id: "C1", file: "f", line: 1), reason: Reason(chinese: "", english: ""))
        }
        let ledger = Ledger(entries: [entry("2024-03-01", .credited), entry("2024-11-30", .capped), entry("2025-01-09", .rejected)])
        #expect(CertificateBook.issueDate(ledger: ledger, years: [2024]) == LocalDate(year: 2024, month: 11, day: 30))
        #expect(CertificateBook.issueDate(ledger: Ledger(entries: []), years: [2023, 2024]) == LocalDate(year: 2024, month: 12, day: 31))
    }
}

@Suite("Certificates — terminal output")
struct CertificateTextTests {
    @Test("Control characters in a name are shown escaped, never sent to the terminal")
    func controlCharactersEscaped() {
        let lines = CertificateText.lines(certificate(learnerName: "张\u{1B}[31m伟\n"))
        #expect(lines.contains("learner: 张\\u{1b}[31m伟\\u{a} (id L1)"))
    }
}
