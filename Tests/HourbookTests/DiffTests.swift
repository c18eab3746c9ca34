import Foundation
import Hourbook
import HourbookCore
import Testing

/// `hourbook diff`: who changes, in which department, and why. Each test changes one thing in
/// a small organisation and reads the report as HR would.
///
/// The organisation: D1 (组织人事部) above D2 (干部处); L1 in D1, L2 and =L4 in D2; 1.5 hours are
/// required. L1 covers 64 % of C1-1 (0.5 h) and all of C1-2 (1 h): 1.5 h, met. L2 covers C1-2:
/// 1 h, not met. =L4 (a hostile id) covers C1-1 fully: 0.5 h, not met.
@Suite("Diff")
struct DiffTests {
    static let base: [String: String] = [
        "departments.csv": """
            dept_id,name,parent_id
            D1,组织人事部,
            D2,干部处,D1

            """,
        "learners.csv": """
            learner_id,name,dept_id
            L1,张伟,D1
            L2,李娜,D2
            =L4,<王芳>,D2

            """,
        "courses.csv": """
            course_id,title,category
            C1,学习贯彻党的二十大精神,platform-online

            """,
        "chapters.csv": """
            chapter_id,course_id,title,duration,hours
            C1-1,C1,第一讲,1000,0.5
            C1-2,C1,第二讲,600,1

            """,
        "playback/2024-03.csv": """
            event_id,learner_id,course_id,chapter_id,session_id,started_at,ended_at,pos_from,pos_to,rate
            E1,L1,C1,C1-1,s,2024-03-05T10:00:00+08:00,2024-03-05T10:11:00+08:00,0,640,1
            E2,L1,C1,C1-2,s,2024-03-06T10:00:00+08:00,2024-03-06T10:10:00+08:00,0,600,1
            E3,L2,C1,C1-2,s,2024-03-06T10:00:00+08:00,2024-03-06T10:10:00+08:00,0,600,1
            E4,=L4,C1,C1-1,s,2024-03-07T10:00:00+08:00,2024-03-07T10:17:00+08:00,0,1000,1

            """,
        "hourbook.yaml": "requirements: {default: {total: 1.5}}\n",
    ]

    /// Writes `base` with `changes` (nil removes a file) and returns the folder.
    func folder(_ changes: [String: String?] = [:]) throws -> TestFolder {
        var files = Self.base
        for (name, contents) in changes { files[name] = contents }
        return try TestFolder(files)
    }

    func diff(_ before: TestFolder, _ after: TestFolder, settings: String? = nil) throws -> DiffReport {
        var options = DiffOptions(before: before.path, after: after.path)
        options.settingsFile = settings
        return try Diff.run(options)
    }

    func text(_ report: DiffReport) -> String { DiffText.lines(report, language: "en").joined(separator: "\n") }

    @Test("Identical inputs: no differences")
    func identicalInputsHaveNoDifferences() throws {
        let (a, b) = (try folder(), try folder())
        defer { a.remove(); b.remove() }
        let report = try diff(a, b)
        #expect(!report.hasDifferences)
        #expect(report.inputChanges == [])
        #expect(report.settingChanges == [])
        #expect(text(report).contains("No differences."))
    }

    @Test("A higher chapter threshold: the chapter is no longer credited, with its coverage and both thresholds")
    func thresholdChangeUncreditsAChapter() throws {
        let data = try folder(["proposed.yaml": "chapter-threshold: 80\nrequirements: {default: {total: 1.5}}\n"])
        defer { data.remove() }
        let report = try diff(data, data, settings: data.path + "/proposed.yaml")
        #expect(report.settingChanges == [SettingChange(key: "chapter-threshold", before: "60", after: "80")])
        #expect(report.inputChanges?.map(\.path) == ["hourbook.yaml"])
        let l1 = try #require(report.learners.first { $0.learnerID == "L1" })
        #expect(l1.before?.status == .met && l1.after?.status == .notMet)
        #expect(l1.before?.totalHours == Hours(parsing: "1.5") && l1.after?.totalHours == Hours(1))
        #expect(
            l1.reasons(language: "en") == [
                "chapter C1-1: P-CHAPTER credited 0.50 → P-INCOMPLETE pending 0.00 (64 % covered, threshold 60 % → 80 %) [playback/2024-03.csv:2]"
            ])
        #expect(report.learners.map(\.learnerID) == ["L1"])
        let d1 = try #require(report.departments.first { $0.departmentID == "D1" })
        #expect(d1.before?.met == 1 && d1.after?.met == 0)
        #expect(d1.before?.subtreeTotalHours == Hours(3) && d1.after?.subtreeTotalHours == Hours(parsing: "2.5"))
        #expect(text(report).contains("chapter-threshold: 60 → 80"))
        #expect(report.ledgerCounts.contains { $0.ruleStatus.rule == .playbackIncomplete && $0.entriesBefore == 0 && $0.entriesAfter == 1 })
    }

    @Test("A category cap: the credit over the cap is cut, named Y-CAP")
    func categoryCapCutsACredit() throws {
        let data = try folder(["capped.yaml": "caps: {platform-online: 1}\nrequirements: {default: {total: 1.5}}\n"])
        defer { data.remove() }
        let report = try diff(data, data, settings: data.path + "/capped.yaml")
        #expect(report.settingChanges == [SettingChange(key: "caps.platform-online", before: "—", after: "1")])
        let l1 = try #require(report.learners.first { $0.learnerID == "L1" })
        #expect(l1.after?.totalHours == Hours(1) && l1.after?.status == .notMet)
        let reason = l1.reasons(language: "en").joined(separator: "\n")
        #expect(reason.contains("P-CHAPTER credited 1.00 → P-CHAPTER credited 0.50 (cut 0.50) Y-CAP"))
        #expect(report.learners.count == 1)
    }

    @Test("A learner moved to another department: both departments change, the learner's figures do not")
    func learnerMovedToAnotherDepartment() throws {
        let before = try folder()
        let after = try folder(["learners.csv": Self.base["learners.csv"]!.replacingOccurrences(of: "L2,李娜,D2", with: "L2,李娜,D1")])
        defer { before.remove(); after.remove() }
        let report = try diff(before, after)
        let l2 = try #require(report.learners.first)
        #expect(report.learners.count == 1)
        #expect(l2.isMove && !l2.isStatusChange && !l2.isTotalChange)
        #expect(l2.reasons(language: "en") == ["moved: D2 → D1"])
        #expect(report.changedLearnerYears.isEmpty)
        let d1 = try #require(report.departments.first { $0.departmentID == "D1" })
        let d2 = try #require(report.departments.first { $0.departmentID == "D2" })
        #expect(d1.before?.learners == 1 && d1.after?.learners == 2)
        #expect(d2.before?.learners == 2 && d2.after?.learners == 1)
        // The subtree of D1 holds everyone either way.
        #expect(d1.before?.subtreeLearners == 3 && d1.after?.subtreeLearners == 3)
        #expect(report.inputChanges?.map(\.path) == ["learners.csv"])
    }

    @Test("A month of playback added: the chapter credit appears and the learner meets the requirement")
    func monthOfPlaybackAdded() throws {
        let before = try folder()
        let after = try folder([
            "playback/2024-04.csv": """
                event_id,learner_id,course_id,chapter_id,session_id,started_at,ended_at,pos_from,pos_to,rate
                E5,=L4,C1,C1-2,s,2024-04-02T10:00:00+08:00,2024-04-02T10:10:00+08:00,0,600,1

                """
        ])
        defer { before.remove(); after.remove() }
        let report = try diff(before, after)
        #expect(report.inputChanges?.map { "\($0.kind) \($0.path)" } == ["added playback/2024-04.csv"])
        let l4 = try #require(report.learners.first)
        #expect(l4.learnerID == "=L4" && l4.before?.status == .notMet && l4.after?.status == .met)
        #expect(
            l4.reasons(language: "en") == [
                "chapter C1-2: appeared: P-CHAPTER credited 1.00 (100 % covered, threshold 60 %) [playback/2024-04.csv:2]"
            ])
        let d2 = try #require(report.departments.first { $0.departmentID == "D2" })
        #expect(d2.before?.met == 0 && d2.after?.met == 1)
        #expect(report.departments.first?.departmentID == "D2", "the department where it happened comes first")
    }

    @Test("A filing approved after the fact: F-PENDING becomes F-ONSITE")
    func filingApprovedAfterTheFact() throws {
        func filing(_ status: String) -> String {
            "filing_id,learner_id,year,type,status,approved_hours,submitted_at,name,category,start,end,requested_hours,host,attachments\n"
                + "F1,L2,2024,onsite,\(status),,2024-05-01T10:00:00+08:00,专题讲座,academic,2024-04-20,2024-04-20,2,中国科协,attachments/L2/cert.pdf\n"
        }
        let before = try folder(["filings.csv": filing("pending"), "attachments/L2/cert.pdf": "%PDF"])
        let after = try folder(["filings.csv": filing("approved"), "attachments/L2/cert.pdf": "%PDF"])
        defer { before.remove(); after.remove() }
        let report = try diff(before, after)
        let l2 = try #require(report.learners.first)
        #expect(l2.learnerID == "L2" && l2.before?.totalHours == Hours(1) && l2.after?.totalHours == Hours(3))
        #expect(l2.reasons(language: "en") == ["filing F1: F-PENDING pending 0.00 → F-ONSITE credited 2.00 [filings.csv:2]"])
        #expect(l2.reasons(language: "zh") == ["填报 F1：F-PENDING 待定 0.00 → F-ONSITE 已认定 2.00 [filings.csv:2]"])
    }

    @Test("A published output folder reads back as its data folder: no differences, ids unguarded")
    func publishedFolderEqualsItsData() throws {
        let data = try folder()
        let out = data.path + "-site"
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        _ = try Pipeline.build(BuildOptions(dataFolder: data.path, outputFolder: out))
        let report = try Diff.run(DiffOptions(before: out, after: data.path))
        #expect(!report.hasDifferences, "\(text(report))")
        #expect(report.settingChanges == nil, "a published folder does not hold its settings")
        #expect(report.inputChanges == [])
    }

    @Test("A published ledger reads back with JSON escapes: an id with a quote, a backslash and a line separator")
    func publishedLedgerWithEscapes() throws {
        let id = "L\"6\\\u{2028}7"
        let csvID = "\"L\"\"6\\\u{2028}7\""
        let playback = Self.base["playback/2024-03.csv"]!
            + "E6,\(csvID),C1,C1-2,s,2024-03-08T10:00:00+08:00,2024-03-08T10:10:00+08:00,0,600,1\n"
        let data = try folder(["learners.csv": Self.base["learners.csv"]! + "\(csvID),赵六,D2\n", "playback/2024-03.csv": playback])
        let corrected = try folder(["learners.csv": Self.base["learners.csv"]! + "\(csvID),赵六,D2\n"])
        let out = data.path + "-site"
        defer { data.remove(); corrected.remove(); try? FileManager.default.removeItem(atPath: out) }
        _ = try Pipeline.build(BuildOptions(dataFolder: data.path, outputFolder: out))
        #expect(!(try Diff.run(DiffOptions(before: out, after: data.path))).hasDifferences)
        let report = try Diff.run(DiffOptions(before: out, after: corrected.path))
        let change = try #require(report.learners.first)
        #expect(change.learnerID == id)
        #expect(change.reasons(language: "en").first?.hasPrefix("chapter C1-2: disappeared: P-CHAPTER credited 1.00") == true)
    }

    @Test("Published before, corrected data after: the same learners and departments as two data folders")
    func publishedAgainstCorrectedData() throws {
        let data = try folder()
        let corrected = try folder(["learners.csv": Self.base["learners.csv"]! + "L5,赵六,D2\n"])
        let out = data.path + "-site"
        defer { data.remove(); corrected.remove(); try? FileManager.default.removeItem(atPath: out) }
        _ = try Pipeline.build(BuildOptions(dataFolder: data.path, outputFolder: out))
        let fromPublished = try Diff.run(DiffOptions(before: out, after: corrected.path))
        let fromData = try diff(data, corrected)
        #expect(fromPublished.learners.map(\.learnerID) == ["L5"])
        #expect(fromPublished.learners.map(\.after) == fromData.learners.map(\.after))
        #expect(fromPublished.departments == fromData.departments)
        #expect(fromPublished.inputChanges?.map(\.path) == ["learners.csv"])
    }

    @Test("The CSV has one row per learner-year whose status or total changes, BOM and formula guard")
    func csvRows() throws {
        let before = try folder()
        let after = try folder(["playback/2024-03.csv": Self.base["playback/2024-03.csv"]!.replacingOccurrences(of: "E4,=L4,C1,C1-1", with: "E4,=L4,C1,C1-2")])
        defer { before.remove(); after.remove() }
        let bytes = DiffCSV.bytes(try diff(before, after), language: "en")
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("learner_id,year,dept_id,status_before,status_after,total_before,total_after,reason\r\n"))
        #expect(text.contains("\r\n'=L4,2024,D2,not-met,not-met,0.50,1.00,"))
        #expect(text.contains("chapter C1-1: disappeared: P-CHAPTER credited 0.50"))
        #expect(text.contains("chapter C1-2: appeared: P-CHAPTER credited 1.00"))
    }

    @Test("The HTML report is one self-contained page with sortable tables, every text escaped")
    func htmlReport() throws {
        let before = try folder()
        let after = try folder(["playback/2024-03.csv": Self.base["playback/2024-03.csv"]!.replacingOccurrences(of: "E4,=L4,C1,C1-1", with: "E4,=L4,C1,C1-2")])
        defer { before.remove(); after.remove() }
        let page = DiffHTML.page(try diff(before, after), language: "en")
        #expect(page.contains("<table class=\"sortable wide\">"))
        #expect(page.contains("&lt;王芳&gt;"))
        #expect(!page.contains("<王芳>"))
        #expect(!page.contains("href=\"assets/"))
        #expect(page.contains("table.sortable"))
        #expect(page.contains("name=\"viewport\""))
    }

    @Test("Unreadable settings are an input failure")
    func unreadableSettings() throws {
        let data = try folder(["bad.yaml": "chapter-treshold: 80\n"])
        defer { data.remove() }
        #expect(throws: InputFailure.self) { try diff(data, data, settings: data.path + "/bad.yaml") }
    }
}
