import Foundation
import HourbookCore
import Testing
@testable import HourbookImport

@Suite struct CoursesCSVDecoderTests {
    @Test func coursesAndChaptersAreReadWithHoursSummed() throws {
        let dataset = try DataFolder.minimal(with: [
            "courses.csv": "course_id,title,category,subject,author,producer,hours\nC1,课程一,platform-online,政治理论,张鹏,国家行政学院,1\n",
            "chapters.csv": "chapter_id,course_id,title,duration,hours\nC1-1,C1,第一讲,1520,0.5\nC1-2,C1,,1712.5,0.50\n",
        ]).importDataset()
        #expect(dataset.diagnostics.isEmpty)
        let course = try #require(dataset.courses.first)
        #expect(course.chapterIDs == ["C1-1", "C1-2"])
        #expect(course.hours == Hours(1))
        #expect(course.author == "张鹏")
        #expect(dataset.chapters.map(\.durationMilliseconds) == [1_520_000, 1_712_500])
        #expect(dataset.chapters[1].title == nil)
        #expect(dataset.summary.recordsRead["courses"] == 1)
        #expect(dataset.summary.recordsRead["chapters"] == 2)
    }

    @Test func invalidChaptersDropAloneThenACourseWhoseHoursNoLongerMatch() throws {
        let dataset = try DataFolder.minimal(with: [
            "courses.csv": "course_id,title,category,hours\nC1,一,platform-online,1\nC2,二,platform-online,0.5\nC3,三,nope,\nC1,重复,business,\n",
            "chapters.csv": """
                chapter_id,course_id,duration,hours
                C1-1,C1,100,0.5
                C1-2,C1,0,0.5
                C2-1,C2,100,0.5
                C2-2,C2,abc,0.5
                C1-1,C2,100,0.25
                C3-1,C3,100,1

                """,
        ]).importDataset()
        #expect(dataset.places(.unknownCategory) == ["courses.csv:4"])
        #expect(dataset.places(.duplicateID) == ["courses.csv:5", "chapters.csv:6"])
        #expect(dataset.places(.badValue) == ["chapters.csv:3", "chapters.csv:5"])
        #expect(dataset.places(.unknownCourse) == ["chapters.csv:7"])
        // C1 declares 1 hour but only C1-1 (0.5) survives: the course goes, with its chapter.
        #expect(dataset.places(.courseHoursMismatch) == ["courses.csv:2"])
        #expect(dataset.courses.map(\.id) == ["C2"])
        #expect(dataset.chapters.map(\.id) == ["C2-1"])
    }

    @Test func catalogFormsAreExclusiveAndOneIsRequired() throws {
        let both = try DataFolder.minimal(with: ["catalog.xml": "<catalog/>"])
        #expect(failure { _ = try both.importDataset() }?.code == .folderAmbiguous)
        var files = DataFolder.minimal
        files["courses.csv"] = nil
        files["chapters.csv"] = nil
        #expect(failure { _ = try DataFolder(files).importDataset() }?.code == .fileMissing)
        files["courses.csv"] = DataFolder.minimal["courses.csv"]
        let error = failure { _ = try DataFolder(files).importDataset() }
        #expect(error?.code == .fileMissing)
        #expect(error?.file == "chapters.csv")
    }
}

@Suite struct PlaybackDecoderTests {
    static let header = "event_id,learner_id,course_id,chapter_id,session_id,started_at,ended_at,pos_from,pos_to,rate,client\n"

    func playback(_ files: [String: String]) throws -> Dataset {
        try DataFolder.minimal(with: files).importDataset()
    }

    @Test func rowsAreParsedExactlyAndIdsInterned() throws {
        let dataset = try playback([
            "playback/2021-06.csv": Self.header
                + "E1,L1,C1,C1-1,S1,2021-06-01T09:00:00,2021-06-01T09:10:00.1239Z,0,600.5,1.25,PC\n"
                + "E2,L1,C1,C1-1,S1,2021-06-01 10:00:00+08:00,2021-06-01T10:01:00+08:00,600.5,660,,App\n"
        ])
        #expect(dataset.diagnostics.isEmpty)
        let rows = dataset.playback.rows
        #expect(rows.count == 2)
        #expect(rows[0].startedAt == Timestamp.parse("2021-06-01T01:00:00Z", defaultOffset: .china)!.millisecondsSinceEpoch)
        #expect(rows[0].endedAt == Timestamp.parse("2021-06-01T09:10:00.123Z", defaultOffset: .china)!.millisecondsSinceEpoch)
        #expect(rows[0].positionTo == 600_500)
        #expect(dataset.playback.rates[rows[0].rate] == "1.25")
        #expect(rows[0].client == .pc)
        #expect(dataset.playback.rates[rows[1].rate] == "1")
        #expect(rows[1].client == .app)
        #expect(rows[0].learner == rows[1].learner)
        #expect(dataset.playback.learners[rows[0].learner] == "L1")
        #expect(dataset.playback.location(of: rows[1]) == SourceLocation(file: "playback/2021-06.csv", line: 3))
    }

    @Test func filesAreReadInByteOrderOfTheirNames() throws {
        let row = { (id: String) in "\(id),L1,C1,C1-1,S1,2021-06-01T09:00:00,2021-06-01T09:10:00,0,600,1,pc\n" }
        let dataset = try playback([
            "playback/b.csv": Self.header + row("E3"),
            "playback/B.csv": Self.header + row("E2"),
            "playback/a.csv": Self.header + row("E4"),
            "playback/2021.csv": Self.header + row("E1"),
            "playback/notes.txt": "not read",
        ])
        #expect(dataset.playback.files == ["playback/2021.csv", "playback/B.csv", "playback/a.csv", "playback/b.csv"])
        #expect(dataset.playback.rows.map(\.eventID) == ["E1", "E2", "E4", "E3"])
    }

    @Test func exactDuplicatesAreDroppedAndConflictsAreErrorsAcrossFiles() throws {
        let dataset = try playback([
            "playback/1.csv": Self.header
                + "E1,L1,C1,C1-1,S1,2021-06-01T09:00:00,2021-06-01T09:10:00,0,600,1,pc\n"
                + "E2,L1,C1,C1-1,S1,2021-06-01T09:00:00,bad,0,600,1,pc\n",
            // Columns in another order; 1.0 is the same rate as 1, +08:00 the same instant.
            "playback/2.csv": "client,rate,pos_to,pos_from,ended_at,started_at,session_id,chapter_id,course_id,learner_id,event_id\n"
                + "PC,1.0,600.000,0,2021-06-01T09:10:00+08:00,2021-06-01T01:00:00Z,S1,C1-1,C1,L1,E1\n"
                + "pc,1,601,0,2021-06-01T09:10:00,2021-06-01T09:00:00,S1,C1-1,C1,L1,E1\n"
                + "pc,1,600,0,2021-06-01T09:10:00,2021-06-01T09:00:00,S1,C1-1,C1,L1,E2\n",
        ])
        #expect(dataset.summary.exactDuplicatesDropped == 1)
        #expect(dataset.places(.playbackConflict) == ["playback/2.csv:3"])
        #expect(dataset.diagnostics.first { $0.code == .playbackConflict }?.message.contains("playback/1.csv:2") == true)
        // The bad E2 claimed no event_id, so the later good E2 is used.
        #expect(dataset.places(.badValue) == ["playback/1.csv:3"])
        #expect(dataset.playback.rows.map(\.eventID) == ["E1", "E2"])
        #expect(dataset.summary.recordsRead["playback"] == 5)
    }

    @Test func badRowsAreErrorsWithTheirLinesAndBadClientIsAWarning() throws {
        let dataset = try playback([
            "playback/1.csv": Self.header
                + "E1,L1,C1,C1-1,S1,2021-06-01T09:00:00,2021-06-01T09:10:00,-1,600,1,pc\n"
                + "E2,L1,C1,,S1,2021-06-01T09:00:00,2021-06-01T09:10:00,0,600,1,pc\n"
                + "E3,L1,C1,C1-1,S1,2021-06-01T09:00:00,2021-06-01T09:10:00,0,600,fast,pc\n"
                + "E4,L1,C1,C1-1,S1,2021-06-01T09:00:00,2021-06-01T09:10:00,0,600.1234,1,pc\n"
                + "E5,L1,C1,C1-1,S1,2021-06-01T09:00:00,2021-06-01T09:10:00,0,600,-0.5,tablet\n"
                + "\u{3000}E6\u{3000},L1,C1,C1-1,S1,2021-06-01T09:00:00,2021-06-01T09:10:00,0,600,1,\u{3000}APP\n"
        ])
        #expect(dataset.places(.badValue) == ["playback/1.csv:2", "playback/1.csv:4"])
        #expect(dataset.places(.missingValue) == ["playback/1.csv:3"])
        #expect(dataset.places(.badOptionalValue) == ["playback/1.csv:6"])
        // Further digits of a position are dropped at the millisecond; a negative rate is
        // well-formed: the rules reject it (P-RATE), so the row is kept.
        #expect(dataset.playback.rows.map(\.eventID) == ["E4", "E5", "E6"])
        #expect(dataset.playback.rows[0].positionTo == 600_123)
        #expect(dataset.playback.rates[dataset.playback.rows[1].rate] == "-0.5")
        #expect(dataset.playback.rows[1].client == .unknown)
        #expect(dataset.playback.rows[2].client == .app)
    }

    @Test func missingPlaybackColumnStopsTheImport() throws {
        let folder = try DataFolder.minimal(with: ["playback/1.csv": "event_id,learner_id\nE1,L1\n"])
        let error = failure { _ = try folder.importDataset() }
        #expect(error?.code == .csvMissingColumn)
        #expect(error?.file == "playback/1.csv")
    }

    @Test func eventIndexFindsEveryIdAmongManyAndNoOther() {
        var index = EventIndex()
        var rows: [PlaybackRow] = []
        for number in 0..<200_000 {
            let id = "E\(number)"
            let hash = EventIndex.hash(id)
            #expect(index.find(hash: hash, eventID: id, rows: rows) == nil)
            index.insert(hash: hash, row: rows.count)
            rows.append(
                PlaybackRow(
                    eventID: id, learner: 0, course: 0, chapter: 0, session: 0, startedAt: 0, endedAt: 0,
                    positionFrom: 0, positionTo: 0, rate: 0, file: 0, line: 0))
        }
        var found = 0
        for number in stride(from: 0, to: 200_000, by: 997) where index.find(hash: EventIndex.hash("E\(number)"), eventID: "E\(number)", rows: rows) == number {
            found += 1
        }
        #expect(found == (200_000 + 996) / 997)
        #expect(index.find(hash: EventIndex.hash("E-1"), eventID: "E-1", rows: rows) == nil)
    }
}

@Suite struct CheckinsDecoderTests {
    @Test func checkinsAreReadWithCaseInsensitiveMethodsAndIdsUniqueAcrossFiles() throws {
        let header = "checkin_id,learner_id,class_id,session_id,at,method,lat,lon\n"
        let dataset = try DataFolder.minimal(with: [
            "checkins/a.csv": header
                + "K1,L1,T1,S1,2021-06-07T08:45:00,QR,,\n"
                + "K2,L1,T1,S2,2021-06-07T13:50:00,Location,39.9075,116.2970\n"
                + "K3,L1,T1,S2,2021-06-07T13:50:00,wave,,\n"
                + "K4,L1,T1,S2,2021-06-07T13:50:00,manual,91,0\n",
            "checkins/b.csv": header + "K1,L1,T1,S1,2021-06-07T08:45:00,qr,,\n",
        ]).importDataset()
        #expect(dataset.checkins.map(\.method) == [.qr, .location])
        #expect(dataset.checkins[1].latitude == 39.9075)
        #expect(dataset.places(.badValue) == ["checkins/a.csv:4", "checkins/a.csv:5"])
        #expect(dataset.places(.duplicateID) == ["checkins/b.csv:2"])
        #expect(dataset.summary.recordsRead["checkins"] == 5)
    }

    @Test func unusualRowsReadAsTheRecordReaderReadsThem() throws {
        let header = "checkin_id,learner_id,class_id,session_id,at,method,lat,lon\n"
        let dataset = try DataFolder.minimal(with: [
            "checkins/a.csv": header
                + " K1 ,L1,T1,S1,2021-06-07 08:45:00.5+08:00,\tqR ,,\n"
                // The Kelvin sign: the same id as K1 for Swift strings, though not in bytes.
                + "\u{212A}1,L1,T1,S1,2021-06-07T08:45:00,qr,,\n"
                + "K2,L1,T1,S1,2021-06-07T08:45:00,qr,1e1,\n"
                + "K3,\u{3000}L1,T1,S1,2021-06-07T08:45:00,qr, -0.5 ,180\n"
                + "K4,L1,T1,S1,2021-06-07T08:45:00,ｑｒ,,\n",
        ]).importDataset()
        #expect(dataset.checkins.map(\.id) == ["K1", "K3"])
        #expect(dataset.checkins[0].at == Timestamp.parse(Substring("2021-06-07T08:45:00.5+08:00"), defaultOffset: .china))
        #expect(dataset.checkins[1].learnerID == "L1" && dataset.checkins[1].latitude == -0.5)
        #expect(dataset.places(.duplicateID) == ["checkins/a.csv:3"])
        #expect(dataset.places(.badValue) == ["checkins/a.csv:4", "checkins/a.csv:6"])
    }
}

@Suite struct FilingsCSVDecoderTests {
    @Test func filingRowsCarryAttachmentsInOrderAndWarnings() throws {
        let long = String(repeating: "学", count: 301)
        let dataset = try DataFolder.minimal(with: [
            "filings.csv": """
                filing_id,learner_id,year,type,status,approved_hours,submitted_at,name,category,start,end,requested_hours,cost,purpose,content,attachments,attachment_sha256,reviewed_at
                F1,L1,2021,Onsite,APPROVED,8,2021-11-02T10:00:00+08:00,报告会,academic,2021-05-30,2021/5/30,8,0.2,\(long),,a/notice.pdf;;b/cert.jpg;,;ABCDEF,2021-11-05
                F2,L1,2021,makeup,,,,,,,,,一万,,,,,
                F3,L1,21x,online,,,,,,,,,,,,,,
                F4,L1,2021,remote,,,,,,,,,,,,,,
                F1,L1,2021,online,,,,,,,,,,,,,,

                """
        ]).importDataset()
        let f1 = try #require(dataset.filings.first)
        #expect(f1.type == .onsite && f1.status == .approved)
        #expect(f1.attachments == [Attachment(path: "a/notice.pdf"), Attachment(path: "b/cert.jpg", sha256: "ABCDEF")])
        #expect(f1.purpose?.unicodeScalars.count == 301)
        #expect(f1.end == LocalDate(year: 2021, month: 5, day: 30))
        #expect(f1.cost == "0.2")
        #expect(f1.reviewedAt == nil)
        #expect(dataset.places(.textTooLong) == ["filings.csv:2"])
        #expect(dataset.places(.badOptionalValue) == ["filings.csv:2", "filings.csv:3"])
        let f2 = try #require(dataset.filings.first { $0.id == "F2" })
        #expect(f2.status == .pending && f2.cost == nil)
        #expect(dataset.places(.badValue) == ["filings.csv:4", "filings.csv:5"])
        #expect(dataset.places(.duplicateID) == ["filings.csv:6"])
        #expect(dataset.summary.recordsRead["filings"] == 5)
    }

    @Test func bothFilingFormsAreRefused() throws {
        let folder = try DataFolder.minimal(with: ["filings.csv": "filing_id,learner_id,type\n", "filings.xml": "<filings/>"])
        let error = failure { _ = try folder.importDataset() }
        #expect(error?.code == .folderAmbiguous)
    }
}

@Suite struct ExamsDecoderTests {
    @Test func examsOfUnknownLearnersOrClassesAreWarningsAndKept() throws {
        let dataset = try DataFolder.minimal(with: [
            "exams.csv": "exam_id,learner_id,class_id,taken_at,score,passed\nX1,L1,T1,2021-12-20T10:00:00,88.5,是\nX2,L9,T1,2021-12-20T10:00:00,A,perhaps\nX3,L1,T1,,,\n"
        ]).importDataset()
        #expect(dataset.exams.map(\.id) == ["X1", "X2"])
        #expect(dataset.exams[0].score == "88.5" && dataset.exams[0].passed == true)
        #expect(dataset.places(.examUnknownLearner) == ["exams.csv:3"])
        #expect(dataset.places(.examUnknownClass) == ["exams.csv:2", "exams.csv:3"])
        #expect(dataset.places(.badOptionalValue) == ["exams.csv:3", "exams.csv:3"])
        #expect(dataset.places(.missingValue) == ["exams.csv:4"])
    }
}
