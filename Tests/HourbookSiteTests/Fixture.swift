import Foundation
import HourbookCore
import HourbookRules

/// A small organisation made by hand (the rules engine is not needed): two years, a tree of
/// departments, learners with every kind of entry, and ids chosen to test path safety.
enum Fixture {
    static let src = SourceLocation(file: "learners.csv", line: 2)

    static func date(_ text: String) -> LocalDate { LocalDate(parsing: text)! }

    static func stamp(_ text: String) -> Timestamp { Timestamp.parse(Substring(text), defaultOffset: .china)! }

    /// Department and learner ids that stress OutputPaths (slashes, dots, spaces, emoji, case).
    static let trickyDepartmentIDs = ["a/b", "../up", "has space", "部门😀", "Dx", "dx"]
    static let trickyLearnerIDs = ["x/../y", "..", "a b", "🎓", "Ab", "ab", "=cmd"]

    static func dataset(folder: String = "/nonexistent-data") -> Dataset {
        var settings = Settings()
        settings.site.title = "学时档案"
        settings.site.organisation = "中国科协机关"
        settings.caps = ["platform-online": Hours(10)]
        var dataset = Dataset(settings: settings, folderPath: folder)
        dataset.departments = [
            Department(id: "D1", name: "机关党委", sortOrder: 1, source: src),
            Department(id: "D2", name: "办公厅", parentID: "D1", sortOrder: 1, source: src),
            Department(id: "D3", name: "学会服务中心 \"Q\" & <b>", parentID: "D1", sortOrder: 2, source: src),
        ] + trickyDepartmentIDs.map { Department(id: $0, name: "测试部门 " + $0, parentID: "D3", source: src) }
        dataset.learners = [
            Learner(id: "L001", name: "张三", departmentID: "D2", rank: "处级", phone: "13812345678", source: src),
            Learner(id: "L002", name: "<script>alert(1)</script>", departmentID: "D2", source: src),
            Learner(id: "L003", name: "李四", departmentID: "D3", joinedOn: date("2024-03-01"), source: src),
        ] + trickyLearnerIDs.map { Learner(id: $0, name: "王 " + $0, departmentID: "has space", source: src) }
        dataset.courses = [
            Course(
                id: "C1", title: "习近平新时代中国特色社会主义思想专题", categoryID: "platform-online", subject: "理论学习",
                producer: "中国科协党校", chapterIDs: ["CH1", "CH2"], hours: Hours(3), source: src)
        ]
        dataset.chapters = [
            Chapter(id: "CH1", courseID: "C1", title: "第一讲", durationMilliseconds: 3_600_000, hours: Hours(2), source: src),
            Chapter(id: "CH2", courseID: "C1", title: "第二讲", durationMilliseconds: 1_800_000, hours: Hours(1), source: src),
        ]
        dataset.classes = [
            TrainingClass(
                id: "K1", title: "2024年处级干部培训班", mode: .offline, categoryID: "party-theory", subject: "党性教育",
                host: "中国科协党校", start: date("2024-05-06"), end: date("2024-05-07"), requiredHours: Hours(8),
                hasExam: true,
                sessions: [
                    ClassSession(
                        id: "S1", date: date("2024-05-06"), start: TimeOfDay(parsing: "09:00")!,
                        end: TimeOfDay(parsing: "12:00")!, hours: Hours(4), source: src),
                    ClassSession(
                        id: "S2", date: date("2024-05-07"), start: TimeOfDay(parsing: "09:00")!,
                        end: TimeOfDay(parsing: "12:00")!, hours: Hours(4), source: src),
                ], source: src)
        ]
        dataset.checkins = [
            Checkin(
                id: "CK1", learnerID: "L001", classID: "K1", sessionID: "S1", at: stamp("2024-05-06T08:50:00+08:00"),
                method: .qr, source: SourceLocation(file: "checkins.csv", line: 2))
        ]
        dataset.filings = [
            Filing(
                id: "F1", learnerID: "L001", year: 2024, type: .onsite, status: .approved,
                submittedAt: stamp("2024-06-20T10:00:00+08:00"), name: "科技政策专题讲座", categoryID: "business",
                subject: "科技政策", start: date("2024-06-18"), end: date("2024-06-19"), requestedHours: Hours(20),
                host: "中国科协创新战略研究院",
                attachments: [Attachment(path: "attachments/F1/通知.pdf"), Attachment(path: "attachments/F1/证书.jpg")],
                source: SourceLocation(file: "filings.xml", line: 3)),
            Filing(
                id: "F2", learnerID: "L001", year: 2024, type: .onsite, status: .pending,
                submittedAt: stamp("2024-09-01T10:00:00+08:00"), name: "学会治理研讨会", categoryID: "academic",
                start: date("2024-08-30"), end: date("2024-08-30"), requestedHours: Hours(6), host: "中国科协学会学术部",
                attachments: [Attachment(path: "attachments/F2/议程.pdf")], source: SourceLocation(file: "filings.xml", line: 20)),
            Filing(
                id: "F3", learnerID: "L001", year: 2024, type: .online, status: .rejected,
                submittedAt: stamp("2024-10-01T10:00:00+08:00"), name: "=HYPERLINK(\"x\")", categoryID: "hr-online",
                start: date("2024-09-20"), end: date("2024-09-21"), requestedHours: Hours(4), host: "某平台",
                attachments: [], source: SourceLocation(file: "filings.xml", line: 40)),
        ]
        dataset.diagnostics = [
            Diagnostic(
                file: "playback/2024-01.csv", line: 7, severity: .error, code: .badValue,
                message: "started_at '2024-13-01' is not a timestamp.", rawText: "E7,L001,C1,CH1,<b>x</b>"),
            Diagnostic(
                file: "learners.csv", line: 12, severity: .warning, code: .badOptionalValue,
                message: "phone '123' is not 11 digits; treated as absent."),
            Diagnostic(
                file: "learners.csv", line: 3, severity: .error, code: .unknownDepartment,
                message: "department 'D9' does not exist."),
        ]
        return dataset
    }

    static func reason(_ zh: String, _ en: String) -> Reason { Reason(chinese: zh, english: en) }

    static func ledger() -> Ledger {
        let play = "playback/2024-05.csv"
        return Ledger(entries: [
            LedgerEntry(
                learnerID: "L001", year: 2024, date: date("2024-03-02"), rule: .playbackChapter, status: .credited,
                hours: Hours(2), categoryID: "platform-online",
                source: EntrySource(kind: .chapter, id: "CH1", file: play, line: 10),
                reason: reason("章节进度达到 60%，认定学时。", "Chapter coverage reached 60%: credited."),
                detail: EntryDetail(coveredMilliseconds: 3_600_000, durationMilliseconds: 3_600_000)),
            LedgerEntry(
                learnerID: "L001", year: 2024, date: date("2024-03-05"), rule: .playbackIncomplete, status: .pending,
                categoryID: "platform-online", source: EntrySource(kind: .chapter, id: "CH2", file: play, line: 14),
                reason: reason("章节进度未达到 60%。", "Chapter coverage below 60%."),
                detail: EntryDetail(coveredMilliseconds: 810_000, durationMilliseconds: 1_800_000)),
            LedgerEntry(
                learnerID: "L001", year: 2024, date: date("2024-05-06"), rule: .checkinSession, status: .credited,
                hours: Hours(4), categoryID: "party-theory",
                source: EntrySource(kind: .checkin, id: "CK1", file: "checkins.csv", line: 2),
                reason: reason("签到有效，认定本次课时。", "Valid check-in: the session's hours are credited."),
                detail: EntryDetail(classID: "K1")),
            LedgerEntry(
                learnerID: "L001", year: 2024, date: date("2024-06-19"), rule: .filingHoursCut, status: .credited,
                hours: Hours(16), cutHours: Hours(4), categoryID: "business",
                source: EntrySource(kind: .filing, id: "F1", file: "filings.xml", line: 3),
                reason: reason("申报学时超过 2 天 × 8 学时，核减为 16 学时。", "Requested hours above 2 days × 8: cut to 16."),
                detail: EntryDetail(claimedHours: Hours(20))),
            LedgerEntry(
                learnerID: "L001", year: 2024, date: date("2024-08-30"), rule: .filingPending, status: .pending,
                categoryID: "academic", source: EntrySource(kind: .filing, id: "F2", file: "filings.xml", line: 20),
                reason: reason("待审批。", "Waiting for approval.")),
            LedgerEntry(
                learnerID: "L001", year: 2024, date: date("2024-09-21"), rule: .filingAttachment, status: .rejected,
                categoryID: "hr-online", source: EntrySource(kind: .filing, id: "F3", file: "filings.xml", line: 40),
                reason: reason("没有附件。", "No attachment.")),
            LedgerEntry(
                learnerID: "L001", year: 2024, date: date("2024-11-01"), rule: .playbackChapter, status: .capped,
                cutHours: Hours(1), categoryID: "platform-online",
                source: EntrySource(kind: .chapter, id: "CH9", file: play, line: 99),
                reason: reason("超出类别年度上限（Y-CAP）。", "Over the category's yearly cap (Y-CAP)."), isCapped: true),
            LedgerEntry(
                learnerID: "L001", year: 2023, date: date("2023-12-01"), rule: .checkinSession, status: .credited,
                hours: Hours(3), categoryID: "party-group-study",
                source: EntrySource(kind: .checkin, id: "CK0", file: "checkins.csv", line: 9),
                reason: reason("签到有效。", "Valid check-in.")),
            LedgerEntry(
                learnerID: "L001", year: nil, date: nil, rule: .filingMissingField, status: .rejected, categoryID: nil,
                source: EntrySource(kind: .filing, id: "F4", file: "filings.xml", line: 60),
                reason: reason("缺少年度。", "The year is missing.")),
            LedgerEntry(
                learnerID: "L002", year: 2024, date: date("2024-04-01"), rule: .filingOnline, status: .credited,
                hours: Hours(5), categoryID: "hr-online",
                source: EntrySource(kind: .filing, id: "F9", file: "filings.xml", line: 80),
                reason: reason("网络学时直接计入。", "Online hours need no approval.")),
        ])
    }

    static func tally(dataset: Dataset) -> Tally {
        let years = [2023, 2024]
        var learnerYears: [LearnerYear] = []
        for learner in dataset.learners.sorted(by: { CodePoint.less($0.id, $1.id) }) {
            for year in years where learner.isActive(in: year) {
                var hours: [String: Hours] = [:]
                if learner.id == "L001" && year == 2024 {
                    hours = ["platform-online": Hours(2), "party-theory": Hours(4), "business": Hours(16)]
                } else if learner.id == "L001" {
                    hours = ["party-group-study": Hours(3)]
                } else if learner.id == "L002" && year == 2024 {
                    hours = ["hr-online": Hours(5)]
                } else if learner.id == "L003" {
                    hours = ["party-theory": Hours(52)]
                }
                let online = hours.filter { dataset.settings.category($0.key)?.mode == .online }.values.reduce(.zero, +)
                let total = hours.values.reduce(.zero, +)
                let requirement = Requirement(total: Hours(50), categoryMinimums: learner.id == "L001" ? ["party-theory": Hours(10)] : [:])
                var shortfalls: [Shortfall] = []
                if total < Hours(50) { shortfalls.append(Shortfall(item: .total, required: Hours(50), actual: total)) }
                if learner.id == "L001", (hours["party-theory"] ?? .zero) < Hours(10) {
                    shortfalls.append(Shortfall(item: .category("party-theory"), required: Hours(10), actual: hours["party-theory"] ?? .zero))
                }
                learnerYears.append(LearnerYear(
                    learnerID: learner.id, year: year, hoursByCategory: hours, onlineHours: online,
                    offlineHours: total - online, totalHours: total, requirementGroup: learner.id == "L001" ? "处级" : "default",
                    requirement: requirement, rollingTotal: nil, status: shortfalls.isEmpty ? .met : .notMet,
                    shortfalls: shortfalls))
            }
        }
        var departmentYears: [DepartmentYear] = []
        for department in dataset.departments.sorted(by: { CodePoint.less($0.id, $1.id) }) {
            for year in years {
                let members = learnerYears.filter { item in
                    item.year == year && dataset.learners.first { $0.id == item.learnerID }?.departmentID == department.id
                }
                let total = members.map(\.totalHours).reduce(.zero, +)
                var byCategory: [String: Hours] = [:]
                for member in members { for (key, value) in member.hoursByCategory { byCategory[key, default: .zero] += value } }
                let met = members.filter { $0.status == .met }.count
                let subtree = department.id == "D1"
                    ? learnerYears.filter { $0.year == year }
                    : members
                departmentYears.append(DepartmentYear(
                    departmentID: department.id, year: year, learners: members.count, met: met, totalHours: total,
                    averageHours: members.isEmpty ? .zero : Hours(hundredths: total.hundredths / Int64(members.count)),
                    hoursByCategory: byCategory, subtreeLearners: subtree.count,
                    subtreeMet: subtree.filter { $0.status == .met }.count,
                    subtreeTotalHours: subtree.map(\.totalHours).reduce(.zero, +)))
            }
        }
        let progress = [
            ClassProgress(classID: "K1", learnerID: "L001", learnedHours: Hours(4), requiredHours: Hours(8), reachedAt: nil)
        ]
        return Tally(years: years, learnerYears: learnerYears, departmentYears: departmentYears, classProgress: progress)
    }
}
