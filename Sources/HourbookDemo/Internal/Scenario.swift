/// The hand-made records of learners L…01–L…10 (and of the unknown learner L…00) that make
/// every rule code of RULES.md fire at least once; docs/demo-data.md lists them one by one.
/// These learners get no random records, so their outcomes are exactly the ones documented.
struct Scenario {
    let width: Int
    let catalog: DemoCatalog

    func learner(_ index: Int) -> String { Organisation.learnerID(index, width: width) }

    private func t(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0) -> Int64 {
        DemoCalendar.instant(y, mo, d, h, mi, s)
    }

    private func day(_ y: Int, _ m: Int, _ d: Int) -> Int64 { DemoCalendar.dayNumber(y, m, d) }

    private func row(
        _ learner: String, _ chapter: String, course: String? = nil, session: String, _ start: Int64, _ end: Int64,
        _ from: Int64, _ to: Int64, rate: Int64 = 1000, client: UInt8 = 1, isUTC: Bool = false
    ) -> DemoPlaybackRow {
        let course = course ?? String(chapter.split(separator: "-")[0])
        return DemoPlaybackRow(
            learner: Array(learner.utf8), course: Array(course.utf8), chapter: Array(chapter.utf8),
            session: Array(session.utf8), startedAt: start, endedAt: end, positionFrom: from, positionTo: to, rate: rate,
            client: client, isUTC: isUTC)
    }

    /// Every scenario playback row, in time order (all in April 2024).
    var playback: [DemoPlaybackRow] {
        let l1 = learner(1)
        var rows = [
            // P-CHAPTER: 900 s (59.2 %) then on to 1500 s of 1520 s → credited in the second row.
            row(l1, "C001-1", session: "pc-demo01a", t(2024, 4, 8, 20, 0), t(2024, 4, 8, 20, 15), 0, 900_000),
            row(l1, "C001-1", session: "pc-demo01a", t(2024, 4, 8, 20, 16), t(2024, 4, 8, 20, 26), 900_000, 1_500_000),
            // P-INCOMPLETE: 600 s of 1712.5 s and nothing accepted afterwards.
            row(l1, "C001-2", session: "pc-demo01b", t(2024, 4, 9, 19, 30), t(2024, 4, 9, 19, 40), 0, 600_000),
            // Accepted (and P-INCOMPLETE for C001-3), written in UTC …
            row(l1, "C001-3", session: "app-demo01c", t(2024, 4, 10, 20, 0), t(2024, 4, 10, 20, 10), 0, 600_000,
                client: 2, isUTC: true),
            // … while a second tab plays C003-1: P-CONCURRENT.
            row(l1, "C003-1", session: "pc-demo01d", t(2024, 4, 10, 20, 5), t(2024, 4, 10, 20, 12), 0, 420_000),
            // P-RATE: 3× playback.
            row(l1, "C001-2", session: "app-demo01e", t(2024, 4, 11, 21, 0), t(2024, 4, 11, 21, 5), 600_000, 1_500_000,
                rate: 3000, client: 2),
            // P-IMPLAUSIBLE: 1112.5 s of video in 60 s.
            row(l1, "C001-2", session: "pc-demo01f", t(2024, 4, 12, 21, 0), t(2024, 4, 12, 21, 1), 600_000, 1_712_500),
            // P-BAD-TIME: ends before it starts.
            row(l1, "C001-2", session: "pc-demo01g", t(2024, 4, 13, 10, 0), t(2024, 4, 13, 9, 58), 600_000, 700_000),
            // P-BAD-POSITION: runs backwards.
            row(l1, "C001-2", session: "pc-demo01h", t(2024, 4, 14, 10, 0), t(2024, 4, 14, 10, 5), 900_000, 600_000),
            // P-UNKNOWN-CHAPTER: a course that is not in the catalog, then a chapter of another course.
            row(l1, "C099-1", session: "pc-demo01i", t(2024, 4, 15, 10, 0), t(2024, 4, 15, 10, 10), 0, 600_000),
            row(l1, "C002-1", course: "C001", session: "pc-demo01i", t(2024, 4, 15, 10, 20), t(2024, 4, 15, 10, 30), 0, 600_000),
            // P-UNKNOWN-LEARNER: an account that is not in the roster.
            row(learner(0), "C001-1", session: "pc-demo00a", t(2024, 4, 16, 11, 0), t(2024, 4, 16, 11, 10), 0, 600_000),
        ]
        // L…05 watches C001 and C002 through (one chapter an evening, C002 at 1.25×): reaches
        // T2024-01's 4 required hours on 2024-04-20, before the exam.
        var evening = 16
        for course in [0, 1] {
            for index in catalog.courses[course].chapters {
                let chapter = catalog.chapters[index]
                let rate: Int64 = course == 1 ? 1250 : 1000
                var clock = t(2024, 4, evening, 19, 30)
                var position: Int64 = 0
                while position < chapter.duration {
                    let content = min(600_000, chapter.duration - position)
                    let wall = ((content * 1000 / rate) + 999) / 1000 * 1000
                    rows.append(
                        row(learner(5), chapter.id, session: "pc-demo05-" + chapter.id, clock, clock + wall, position,
                            position + content, rate: rate))
                    position += content
                    clock += wall + 60_000
                }
                evening += 1
            }
        }
        return rows.sorted { $0.startedAt < $1.startedAt }
    }

    /// Scenario check-ins of `year`.
    func checkins(year: Int) -> [DemoCheckin] {
        let palace = DemoCatalog.sciencePalace
        if year == 2024 {
            return [
                DemoCheckin(learner: learner(2), classID: "T2024-03", sessionID: "S1", at: t(2024, 6, 3, 8, 45), method: "qr"),
                // C-DUPLICATE: the same session scanned again.
                DemoCheckin(learner: learner(2), classID: "T2024-03", sessionID: "S1", at: t(2024, 6, 3, 8, 47), method: "qr"),
                // C-LOCATION: about 2 km north of the venue (radius 500 m).
                DemoCheckin(
                    learner: learner(2), classID: "T2024-03", sessionID: "S2", at: t(2024, 6, 3, 13, 50), method: "location",
                    latitude: palace.latitude + 18_000, longitude: palace.longitude),
                // C-WINDOW: S3 ended at 12:00, the window closed at 12:30.
                DemoCheckin(learner: learner(2), classID: "T2024-03", sessionID: "S3", at: t(2024, 6, 4, 13, 5), method: "qr"),
                // C-UNKNOWN-SESSION: the class has no session S9.
                DemoCheckin(learner: learner(2), classID: "T2024-03", sessionID: "S9", at: t(2024, 6, 4, 9, 0), method: "qr"),
                // C-SESSION by location, about 70 m from the venue.
                DemoCheckin(
                    learner: learner(4), classID: "T2024-03", sessionID: "S1", at: t(2024, 6, 3, 8, 55), method: "location",
                    latitude: palace.latitude + 600, longitude: palace.longitude + 400),
                // C-NOT-MEMBER.
                DemoCheckin(learner: learner(6), classID: "T2024-03", sessionID: "S1", at: t(2024, 6, 3, 8, 58), method: "qr"),
                // C-UNKNOWN-LEARNER.
                DemoCheckin(learner: learner(0), classID: "T2024-03", sessionID: "S1", at: t(2024, 6, 3, 9, 2), method: "qr"),
            ]
        }
        return [
            // L…05 attends every session of T2025-04 (so its make-up finds nothing: F-MAKEUP-NOTHING).
            DemoCheckin(learner: learner(5), classID: "T2025-04", sessionID: "S1", at: t(2025, 4, 15, 8, 50), method: "qr"),
            DemoCheckin(learner: learner(5), classID: "T2025-04", sessionID: "S2", at: t(2025, 4, 15, 13, 55), method: "manual"),
            DemoCheckin(
                learner: learner(5), classID: "T2025-04", sessionID: "S3", at: t(2025, 4, 16, 8, 52), method: "location",
                latitude: palace.latitude - 900, longitude: palace.longitude + 1200),
        ]
    }

    private func onsite(
        _ learner: Int, _ year: Int, _ name: String, _ category: String, _ start: Int64, days: Int, hours: Int64,
        status: String = "approved", type: String = "onsite"
    ) -> DemoFiling {
        // `hours` are whole hours here; filings hold hundredths.
        let end = start + Int64(days - 1)
        let submitted = (end + 2) * 86_400_000 + 2 * 3_600_000  // 10:00 local, two days after the end
        var filing = DemoFiling(
            learner: self.learner(learner), year: year, type: type, status: status, submittedAt: submitted,
            name: name, category: category, subject: type == "online" ? "网络培训" : "业务培训", start: start, end: end,
            requestedHours: hours * 100, host: type == "online" ? "中国干部网络学院" : "中国科协", contact: "王敏",
            contactPhone: "010-68571234", location: type == "online" ? "线上" : "北京", cost: type == "online" ? nil : 20,
            purpose: "落实年度干部教育培训计划。", content: "完成全部课程学习并通过考核。",
            attachments: [DemoAttachment(name: type == "online" ? "certificate.png" : "notice.pdf", kind: type == "online" ? .png : .pdf)])
        if status != "pending" { filing.reviewedAt = submitted + 3 * 86_400_000 + 6 * 3_600_000 }
        return filing
    }

    private func makeup(_ learner: Int, _ year: Int, _ classID: String, submitted: Int64, status: String = "approved") -> DemoFiling {
        var filing = DemoFiling(
            learner: self.learner(learner), year: year, type: "makeup", status: status, submittedAt: submitted,
            classID: classID, attachments: [DemoAttachment(name: "makeup-proof.pdf", kind: .pdf)])
        if status != "pending" { filing.reviewedAt = submitted + 2 * 86_400_000 }
        return filing
    }

    /// Scenario filings of `year`, numbered 1, 2, … in this order.
    func filings(year: Int) -> [DemoFiling] {
        var list: [DemoFiling]
        if year == 2024 {
            var online = onsite(3, 2024, "中国干部网络学院“习近平经济思想”专题网络培训", "other-platforms", day(2024, 5, 6), days: 5, hours: 30, type: "online")
            online.approvedHours = 3000
            var hoursCut = onsite(3, 2024, "干部人事档案审核工作专题培训", "hr-onsite", day(2024, 9, 20), days: 1, hours: 12)
            hoursCut.attachments.append(DemoAttachment(name: "certificate.jpg", kind: .jpeg, digest: .correct))
            var missingHost = onsite(6, 2024, "科技期刊编辑业务培训", "business", day(2024, 4, 22), days: 1, hours: 6)
            missingHost.host = nil
            var wrongDigest = onsite(6, 2024, "全国科普日活动组织培训", "business", day(2024, 9, 2), days: 1, hours: 6)
            wrongDigest.attachments = [DemoAttachment(name: "certificate.jpg", kind: .jpeg, digest: .wrong)]
            var badDates = onsite(6, 2024, "科技志愿服务骨干培训", "special", day(2024, 8, 20), days: 1, hours: 6)
            badDates.end = day(2024, 8, 19)
            var onlineRejected = onsite(6, 2024, "国家工作人员学法用法在线培训", "hr-online", day(2024, 11, 4), days: 1, hours: 6, status: "rejected", type: "online")
            onlineRejected.approvedHours = nil
            var onsiteApproved32 = onsite(4, 2024, "学会服务能力提升专题培训", "business", day(2024, 7, 8), days: 4, hours: 32)
            onsiteApproved32.attachments.append(DemoAttachment(name: "certificate.jpg", kind: .jpeg))
            list = [
                online,  // 0001 F-ONLINE 30
                onsite(3, 2024, "中国科协2024年度人事干部业务培训", "business", day(2024, 6, 17), days: 3, hours: 24),  // 0002 F-ONSITE 24
                hoursCut,  // 0003 F-HOURS-CUT 12 → 8
                onsite(4, 2024, "中国干部网络学院“新质生产力”专题网络培训", "other-platforms", day(2024, 3, 11), days: 5, hours: 40, type: "online"),  // 0004
                onsiteApproved32,  // 0005
                onsite(4, 2024, "网络安全与数据保护在线培训", "hr-online", day(2024, 10, 14), days: 2, hours: 16, type: "online"),  // 0006
                missingHost,  // 0007 F-MISSING-FIELD
                onsite(6, 2024, "机关党员冬训", "party-study", day(2024, 1, 16), days: 1, hours: 4),  // 0008 F-BAD-CATEGORY
                badDates,  // 0009 F-DATES
                wrongDigest,  // 0010 F-ATTACHMENT
                onsite(6, 2024, "学术期刊出版规范讲座", "academic", day(2024, 10, 9), days: 1, hours: 3, status: "rejected"),  // 0011 F-REJECTED
                onsite(6, 2024, "科技馆展教人员培训", "business", day(2024, 11, 26), days: 2, hours: 12, status: "pending"),  // 0012 F-PENDING
                onsite(6, 2024, "“学习强国”专题学习", "other-platforms", day(2024, 12, 2), days: 1, hours: 6, status: "pending", type: "online"),  // 0013 F-ONLINE
                onlineRejected,  // 0014 F-REJECTED
                makeup(6, 2024, "T2023-12", submitted: t(2024, 12, 16, 9, 30)),  // 0015 F-UNKNOWN-CLASS
                onsite(0, 2024, "全国科技工作者日主题报告会", "academic", day(2024, 5, 30), days: 1, hours: 4),  // 0016 F-UNKNOWN-LEARNER
                onsite(7, 2024, "全国科技工作者日主题报告会", "academic", day(2024, 5, 30), days: 1, hours: 6),  // 0017 F-ONSITE 6
                onsite(7, 2024, "中国科协年会学术报告会", "academic", day(2024, 10, 12), days: 1, hours: 6),  // 0018 Y-CAP cut to 2
                onsite(7, 2024, "世界科技与发展论坛", "academic", day(2024, 11, 8), days: 1, hours: 4),  // 0019 Y-CAP capped
                makeup(2, 2024, "T2024-03", submitted: t(2024, 12, 18, 9, 0)),  // 0020 F-MAKEUP 6.5
                makeup(2, 2024, "T2024-03", submitted: t(2024, 12, 19, 15, 20)),  // 0021 F-DUPLICATE
                makeup(5, 2024, "T2024-01", submitted: t(2024, 12, 20, 10, 0)),  // 0022 F-MAKEUP-ONLINE
                makeup(5, 2024, "T2024-07", submitted: t(2024, 12, 20, 10, 5)),  // 0023 F-NOT-MEMBER
                makeup(5, 2024, "T2024-03", submitted: t(2024, 11, 20, 16, 0)),  // 0024 F-MAKEUP-CLOSED
                onsite(8, 2024, "局级干部党性教育专题研修班", "party-theory", day(2024, 6, 24), days: 5, hours: 40),  // 0025
                onsite(8, 2024, "中国干部网络学院“总体国家安全观”专题网络培训", "other-platforms", day(2024, 8, 5), days: 5, hours: 40, type: "online"),  // 0026
                onsite(8, 2024, "组织人事部认可的领导力在线课程", "hr-online", day(2024, 10, 21), days: 5, hours: 40, type: "online"),  // 0027
                onsite(9, 2024, "财务管理与预算绩效业务培训", "business", day(2024, 6, 12), days: 2, hours: 16),  // 0028
            ]
        } else {
            list = [
                makeup(5, 2025, "T2025-04", submitted: t(2025, 12, 16, 9, 0)),  // 0001 F-MAKEUP-NOTHING
                onsite(8, 2025, "中国干部网络学院“中国式现代化”专题网络培训", "other-platforms", day(2025, 3, 10), days: 5, hours: 40, type: "online"),
                onsite(8, 2025, "局级干部学习贯彻三中全会精神专题研讨", "party-theory", day(2025, 5, 12), days: 3, hours: 24),
                onsite(8, 2025, "组织人事部认可的数字化转型在线课程", "hr-online", day(2025, 7, 7), days: 5, hours: 40, type: "online"),
                onsite(8, 2025, "国际科技组织任职人员业务培训", "business", day(2025, 10, 20), days: 2, hours: 16),
                onsite(10, 2025, "“学习强国”专题学习", "other-platforms", day(2025, 4, 7), days: 2, hours: 12, type: "online"),
            ]
        }
        for index in list.indices { list[index].number = index + 1 }
        return list
    }

    /// Scenario exams: L…05 after reaching T2024-01's hours; L…04 without ever reaching them (X-EXAM-EARLY).
    var exams: [DemoExam] {
        [
            DemoExam(learner: learner(5), classID: "T2024-01", takenAt: t(2024, 5, 20, 10, 0), score: 92, isPassed: true),
            DemoExam(learner: learner(4), classID: "T2024-01", takenAt: t(2024, 5, 21, 10, 0), score: 58, isPassed: false),
        ]
    }
}
