import Foundation
import HourbookCore
import HourbookImport
import HourbookRules
import Testing

/// A small data folder written from inline text, like Hugo's txtar tests: a base organisation
/// that every rule test shares, with files added or replaced per test.
struct Fixture {
    var files: [String: String]

    /// Two departments, three learners, a course of two chapters, an offline class of two
    /// sessions (members L1, L2) and an online class over the course.
    static let base: [String: String] = [
        "departments.csv": """
            dept_id,name,parent_id,kind,sort_order
            D1,组织人事部,,机关部门,1
            D2,干部处,D1,机关部门,1

            """,
        "learners.csv": """
            learner_id,name,dept_id,rank,phone,party_member,joined_on,left_on
            L1,张伟,D1,处级,13800001111,是,,
            L2,李娜,D2,,13800002222,否,,
            L3,王芳,D2,,,,2020-01-01,

            """,
        "catalog.xml": """
            <catalog>
              <course id="C1" title="学习贯彻党的二十大精神" category="platform-online" subject="政治理论" producer="中国科协党校">
                <chapter id="C1-1" title="第一讲" duration="1000" hours="0.5"/>
                <chapter id="C1-2" title="第二讲" duration="600" hours="1"/>
              </course>
              <class id="T1" title="处级干部党性教育专题培训班" mode="offline" category="party-theory" subject="党性教育"
                     host="中国科协党校" start="2024-06-07" end="2024-06-08" location="北京市海淀区">
                <session id="S1" date="2024-06-07" start="09:00" end="12:00" hours="3" lat="39.9075" lon="116.2970" radius="500"/>
                <session id="S2" date="2024-06-08" start="14:00" end="17:30" hours="3.5"/>
                <member ref="L1"/>
                <member ref="L2"/>
              </class>
              <class id="T2" title="二十大精神在线学习" mode="online" category="platform-online" host="科协系统网上党校"
                     start="2024-03-01" end="2024-12-31" required-hours="1.5" exam="yes">
                <course ref="C1"/>
              </class>
            </catalog>

            """,
        "attachments/L1/notice.pdf": "%PDF-1.4 notice",
        "attachments/L1/certificate.jpg": "JPEG certificate",
    ]

    init(_ files: [String: String] = [:]) {
        self.files = Fixture.base.merging(files) { _, new in new }
    }

    /// Writes the folder into a fresh temporary directory and returns its path.
    func write() throws -> String {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("hourbook-test-\(UUID().uuidString)").path
        for (path, contents) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
        return root
    }

    /// Imports the folder and applies the rules.
    func evaluate() throws -> (dataset: Dataset, ledger: Ledger, tally: Tally) {
        let folder = try write()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dataset = try Importer.importFolder(at: folder)
        let (ledger, tally) = Rules.evaluate(dataset)
        return (dataset, ledger, tally)
    }
}

extension Ledger {
    /// The entry whose source id is `id` (exactly one expected).
    func entry(_ id: String, sourceKind: SourceKind? = nil) -> LedgerEntry? {
        let found = entries.filter { $0.source.id == id && (sourceKind == nil || $0.source.kind == sourceKind) }
        return found.count == 1 ? found[0] : nil
    }

    func entries(rule: RuleCode) -> [LedgerEntry] { entries.filter { $0.rule == rule } }
}

extension Tally {
    func learnerYear(_ learnerID: String, _ year: Int) -> LearnerYear? {
        learnerYears.first { $0.learnerID == learnerID && $0.year == year }
    }
}

/// Playback rows as CSV, with the contract's header.
func playback(_ rows: [String]) -> String {
    "event_id,learner_id,course_id,chapter_id,session_id,started_at,ended_at,pos_from,pos_to,rate\n"
        + rows.joined(separator: "\n") + "\n"
}

/// Check-ins as CSV, with the contract's header.
func checkins(_ rows: [String]) -> String {
    "checkin_id,learner_id,class_id,session_id,at,method,lat,lon\n" + rows.joined(separator: "\n") + "\n"
}

/// Filings as CSV (the CSV form of filings), with the contract's header.
func filings(_ rows: [String]) -> String {
    "filing_id,learner_id,year,type,status,approved_hours,submitted_at,reviewed_at,reviewer,class_id,name,category,subject,start,end,requested_hours,host,attachments,attachment_sha256\n"
        + rows.joined(separator: "\n") + "\n"
}

func hours(_ text: String) -> Hours { Hours(parsing: text)! }

/// SHA-256 of a text, hex, through the importer's own attachment inspection.
func sha256Hex(_ text: String) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hourbook-sha-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    FileManager.default.createFile(atPath: folder + "/f", contents: Data(text.utf8))
    let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
    return AttachmentInspector.inspect("f", root: root).sha256 ?? ""
}

extension Dataset {
    /// The diagnostics with `code`, as `file:line` strings.
    func places(_ code: DiagnosticCode) -> [String] {
        diagnostics.filter { $0.code == code }.map { "\($0.file):\($0.line)" }
    }
}
