import Foundation

/// Why a demo folder could not be written.
public enum DemoDataError: Error, CustomStringConvertible, Equatable {
    case tooFewLearners(Int)
    case folderNotEmpty(String)
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .tooFewLearners(let count):
            return "A demo organisation needs at least \(DemoData.minimumLearners) learners, not \(count)."
        case .folderNotEmpty(let path): return "\(path) already exists and is not empty; choose a new folder."
        case .cannotWrite(let path): return "Cannot write \(path); check the folder's permissions and free space."
        }
    }
}

/// What a generator run wrote.
public struct DemoSummary: Sendable, Equatable {
    public var learners: Int
    public var playbackRows: Int
    /// Rows of the month exported twice (`playback/2025-03-export2.csv`), all exact duplicates.
    public var duplicatePlaybackRows: Int
    public var checkins: Int
    public var filings: Int
    public var attachments: Int
    public var exams: Int
    public var files: Int
    public var bytes: Int
}

/// 演示数据: a seeded, deterministic generator of data folders in the formats of FORMATS.md —
/// a science-and-technology association with two years (2024, 2025) of video learning, class
/// check-ins, filings with attachments and exams. The same seed always gives byte-identical files.
///
/// Learners 1–10 and the unknown learner 0 carry a fixed scenario that makes every rule code of
/// RULES.md fire (docs/demo-data.md); every other learner is drawn from the seed. With 100,000
/// learners it writes the benchmark organisation: about 10 million playback rows, streamed.
public enum DemoData {
    /// The scenario needs its ten learners plus a few random ones.
    public static let minimumLearners = 20

    /// Writes a data folder at `folder` (created; it must not exist or be empty).
    /// `progress` is told about each file as it is written.
    @discardableResult
    public static func write(
        to folder: String, learners: Int, seed: UInt64, progress: ((String) -> Void)? = nil
    ) throws -> DemoSummary {
        guard learners >= minimumLearners else { throw DemoDataError.tooFewLearners(learners) }
        let manager = FileManager.default
        if let contents = try? manager.contentsOfDirectory(atPath: folder), !contents.isEmpty {
            throw DemoDataError.folderNotEmpty(folder)
        }
        do {
            try manager.createDirectory(atPath: folder + "/playback", withIntermediateDirectories: true)
            try manager.createDirectory(atPath: folder + "/checkins", withIntermediateDirectories: true)
        } catch {
            throw DemoDataError.cannotWrite(folder)
        }
        let writer = FolderWriter(folder: folder, learnerCount: learners, seed: seed, progress: progress)
        try writer.writeAll()
        return writer.summary
    }
}

/// Writes the files of one folder in a fixed order.
final class FolderWriter {
    let folder: String
    let seed: UInt64
    let progress: ((String) -> Void)?
    let width: Int
    let departments: [DemoDepartment]
    let learners: [DemoLearner]
    let catalog: DemoCatalog
    let plans: [[YearPlan?]]
    var summary: DemoSummary

    init(folder: String, learnerCount: Int, seed: UInt64, progress: ((String) -> Void)?) {
        self.folder = folder
        self.seed = seed
        self.progress = progress
        width = max(4, String(learnerCount).count)
        departments = Organisation.departments(learners: learnerCount)
        learners = Organisation.learners(count: learnerCount, width: width, departments: departments, seed: seed)
        catalog = DemoCatalog(learners: learners, seed: seed)
        // The hours the check-ins will credit, known before anyone plans their online study.
        var offline: [[(Int64, Int64)]] = []
        for year in [2024, 2025] {
            var credited = Set<String>()
            var tally = Array(repeating: (Int64(0), Int64(0)), count: learners.count)
            _ = BulkRecords(learners: learners, catalog: catalog, plans: [])
                .checkins(year: year, seed: seed, credited: &credited, offline: &tally)
            offline.append(tally)
        }
        plans = Plans.make(learners: learners, catalog: catalog, offline: offline, seed: seed)
        summary = DemoSummary(
            learners: learnerCount, playbackRows: 0, duplicatePlaybackRows: 0, checkins: 0, filings: 0, attachments: 0,
            exams: 0, files: 0, bytes: 0)
    }

    private func file(_ name: String, _ body: (ByteSink) throws -> Void) throws {
        let sink = try ByteSink(path: folder + "/" + name)
        try body(sink)
        try sink.close()
        summary.files += 1
        summary.bytes += sink.bytesWritten
        progress?(name)
    }

    func writeAll() throws {
        try file("hourbook.yaml") { $0.text(settingsText) }
        try file("departments.csv") { sink in
            sink.text("dept_id,name,parent_id,kind,sort_order\n")
            for department in departments {
                sink.text(
                    department.id + "," + department.name + "," + (department.parentID ?? "") + "," + department.kind + ","
                        + String(department.sortOrder) + "\n")
            }
        }
        try file("learners.csv") { sink in
            sink.text("learner_id,name,dept_id,rank,phone,party_member,joined_on,left_on\n")
            for learner in learners {
                let party = learner.isPartyMember.map { $0 ? "是" : "否" } ?? ""
                sink.text(
                    learner.id + "," + learner.name + "," + learner.departmentID + "," + learner.rank + "," + (learner.phone ?? "")
                        + "," + party + "," + (learner.joinedOn ?? "") + "," + (learner.leftOn ?? "") + "\n")
            }
        }
        try file("catalog.xml") { catalog.write(to: $0, learners: learners) }
        let states = try writePlayback()
        var credited = Set<String>()
        let bulk = BulkRecords(learners: learners, catalog: catalog, plans: plans)
        let scenario = Scenario(width: width, catalog: catalog)
        var filingsByYear: [(Int, [DemoFiling])] = []
        for year in [2024, 2025] {
            var offline = Array(repeating: (Int64(0), Int64(0)), count: learners.count)
            let checkins = scenario.checkins(year: year) + bulk.checkins(year: year, seed: seed, credited: &credited, offline: &offline)
            try file("checkins/\(year).csv") { sink in
                sink.text("checkin_id,learner_id,class_id,session_id,at,method,lat,lon\n")
                for (number, checkin) in checkins.enumerated() {
                    sink.text("K" + String(year) + "-" + padded(number + 1, 6) + "," + checkin.learner + "," + checkin.classID + ","
                        + checkin.sessionID + ",")
                    // Manual check-ins are typed in by staff: local time with a space, no offset.
                    let isManual = checkin.method == "manual"
                    sink.timestamp(checkin.at, isUTC: false, separator: isManual ? 32 : 84, writesOffset: !isManual)
                    sink.text("," + checkin.method + ",")
                    if let latitude = checkin.latitude, let longitude = checkin.longitude {
                        sink.decimal(latitude, digits: 6)
                        sink.byte(44)
                        sink.decimal(longitude, digits: 6)
                    } else {
                        sink.byte(44)
                    }
                    sink.byte(10)
                }
            }
            summary.checkins += checkins.count
            var filings = scenario.filings(year: year)
            for var filing in bulk.filings(year: year, seed: seed, credited: credited, online: states.states, offline: offline) {
                filing.number = 1000 + filings.count
                filings.append(filing)
            }
            filingsByYear.append((year, filings))
        }
        let filingWidth = max(4, String(1000 + filingsByYear.map(\.1.count).max()!).count)
        try file("filings.xml") { sink in
            sink.text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<filings>\n")
            for (_, filings) in filingsByYear {
                for filing in filings { filing.writeXML(to: sink, width: filingWidth) }
            }
            sink.text("</filings>\n")
        }
        for (_, filings) in filingsByYear {
            summary.filings += filings.count
            for filing in filings {
                let directory = folder + "/attachments/" + filing.learner
                try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                for attachment in filing.attachments {
                    let path = folder + "/" + filing.attachmentPath(attachment, width: filingWidth)
                    let sink = try ByteSink(path: path)
                    sink.bytes(filing.bytes(of: attachment, width: filingWidth))
                    try sink.close()
                    summary.attachments += 1
                    summary.files += 1
                    summary.bytes += sink.bytesWritten
                }
            }
        }
        progress?("attachments/")
        let exams = scenario.exams + bulk.exams(states: states.states, trackedClasses: states.trackedClasses, seed: seed)
        try file("exams.csv") { sink in
            sink.text("exam_id,learner_id,class_id,taken_at,score,passed\n")
            for (number, exam) in exams.enumerated() {
                sink.text("X-" + padded(number + 1, 6) + "," + exam.learner + "," + exam.classID + ",")
                sink.timestamp(exam.takenAt, isUTC: false)
                sink.text("," + String(exam.score) + "," + (exam.isPassed ? "yes" : "no") + "\n")
            }
        }
        summary.exams = exams.count
    }

    /// playback/YYYY-MM.csv for the 24 months, and the second export of March 2025.
    private func writePlayback() throws -> PlaybackGenerator {
        var generator = PlaybackGenerator(catalog: catalog, learners: learners, plans: plans, seed: seed)
        let scenarioRows = Scenario(width: width, catalog: catalog).playback
        var scenarioEvent: Int64 = 1
        var event: Int64 = 1_000_001
        var rows: [DemoPlaybackRow] = []
        for month in 0..<24 {
            let year = 2024 + month / 12, monthOfYear = month % 12 + 1
            let name = "playback/\(year)-\(padded(monthOfYear, 2)).csv"
            let monthStart = DemoCalendar.instant(year, monthOfYear, 1, 0, 0)
            let nextStart = monthOfYear == 12 ? DemoCalendar.instant(year + 1, 1, 1, 0, 0) : DemoCalendar.instant(year, monthOfYear + 1, 1, 0, 0)
            let export = month == 14 ? try ByteSink(path: folder + "/playback/\(year)-03-export2.csv") : nil
            export?.text(PlaybackLog.exportHeader)
            var written = 0
            try file(name) { sink in
                sink.text(PlaybackLog.header)
                for row in scenarioRows where row.startedAt >= monthStart && row.startedAt < nextStart {
                    PlaybackLog.write(row, event: scenarioEvent, to: sink)
                    if let export { PlaybackLog.writeExport(row, event: scenarioEvent, to: export) }
                    scenarioEvent += 1
                    written += 1
                }
                for index in (Organisation.scenarioLearners.count + 1)...learners.count {
                    let learner = learners[index - 1]
                    guard learner.firstMonth <= month, month <= learner.lastMonth else { continue }
                    rows.removeAll(keepingCapacity: true)
                    generator.rows(learner: index, month: month, year: year, monthOfYear: monthOfYear, into: &rows)
                    for row in rows {
                        PlaybackLog.write(row, event: event, to: sink)
                        if let export { PlaybackLog.writeExport(row, event: event, to: export) }
                        event += 1
                        written += 1
                    }
                }
            }
            summary.playbackRows += written
            if let export {
                try export.close()
                summary.files += 1
                summary.bytes += export.bytesWritten
                summary.duplicatePlaybackRows = written
                summary.playbackRows += written
                progress?("playback/\(year)-03-export2.csv")
            }
        }
        return generator
    }

    private var settingsText: String {
        """
        # 演示数据：中国科协机关及直属单位，2024–2025 年（HourbookDemo 生成，种子 \(seed)）
        timezone: "+08:00"
        years: [2024, 2025]
        chapter-threshold: 60
        max-playback-rate: 2.0
        plausibility-tolerance: 30
        checkin-window: 30
        max-hours-per-day: 8
        caps:
          academic: 8
        requirements:
          default: {total: 50}
          局级: {total: 110, categories: {party-theory: 20}, rolling: {years: 5, total: 550}}
          处级: {total: 80, categories: {party-theory: 10}}
        makeup-windows:
          2024: {from: 2024-12-15, to: 2025-01-15}
          2025: {from: 2025-12-15, to: 2026-01-15}
        site:
          title: 学时档案
          organisation: 中国科协机关

        """
    }
}
