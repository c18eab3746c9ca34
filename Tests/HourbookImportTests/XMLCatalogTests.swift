import HourbookCore
import Testing

@testable import HourbookImport

/// FORMATS.md's example catalog, line for line.
private let exampleCatalog = """
    <catalog>
      <course id="C001" title="“十四五”经济发展目标与构建新发展格局" category="platform-online"
              subject="政治理论" author="张鹏" producer="国家行政学院">
        <chapter id="C001-1" title="第一讲" duration="1520" hours="0.5"/>
        <chapter id="C001-2" title="第二讲" duration="1712.5" hours="0.5"/>
      </course>

      <class id="T2021-07" title="学习贯彻党的十九届六中全会精神在线学习" mode="online"
             category="platform-online" subject="政治理论" host="科协系统网上党校"
             start="2021-12-10" end="2021-12-31" required-hours="10" exam="yes">
        <course ref="C001"/>
        <member ref="L0001"/>
      </class>

      <class id="T2021-03" title="处级干部党性教育专题培训班" mode="offline"
             category="party-theory" subject="党性教育" host="中国科协党校"
             start="2021-06-07" end="2021-06-08" location="北京市海淀区复兴路3号">
        <session id="S1" date="2021-06-07" start="09:00" end="12:00" hours="3"
                 lat="39.9075" lon="116.2970" radius="500"/>
        <session id="S2" date="2021-06-07" start="14:00" end="17:30" hours="3.5"/>
        <member ref="L0001"/>
      </class>
    </catalog>
    """

private func decode(_ xml: String, learners: Set<String> = ["L0001", "L0002"]) throws -> CatalogDecoding {
    try CatalogXMLDecoder.decode(Array(xml.utf8), file: "catalog.xml", settings: Settings(), learnerIDs: learners)
}

/// A catalog holding `body`.
private func catalog(_ body: String) -> String { "<catalog>\n" + body + "\n</catalog>" }

/// A valid course C1 of two chapters (0.5 + 1.25 hours), starting on line 2 of `catalog(_:)`.
private let courseC1 = """
    <course id="C1" title="课程" category="platform-online">
      <chapter id="C1-1" duration="600" hours="0.5"/>
      <chapter id="C1-2" duration="900.25" hours="1.25"/>
    </course>
    """

private func codes(_ result: CatalogDecoding, _ severity: Severity = .error) -> [String] {
    result.diagnostics.filter { $0.severity == severity }.map { "\($0.code.rawValue)@\($0.line)" }
}

private func offlineClass(id: String = "T1", sessions: String, attributes: String = "") -> String {
    """
    <class id="\(id)" title="班" mode="offline" category="party-theory" start="2021-06-07" end="2021-06-08" \(attributes)>
    \(sessions)
    </class>
    """
}

struct XMLCatalogTests {
    @Test func readsTheExampleWithExactLines() throws {
        let result = try decode(exampleCatalog)
        #expect(result.diagnostics.isEmpty)
        #expect(result.recordsRead == ["courses": 1, "chapters": 2, "classes": 2, "sessions": 2])

        let course = try #require(result.courses.first)
        #expect(course.id == "C001")
        #expect(course.title == "“十四五”经济发展目标与构建新发展格局")
        #expect(course.categoryID == "platform-online")
        #expect(course.subject == "政治理论" && course.author == "张鹏" && course.producer == "国家行政学院")
        #expect(course.chapterIDs == ["C001-1", "C001-2"])
        #expect(course.hours == Hours(1))
        #expect(course.source == SourceLocation(file: "catalog.xml", line: 2))

        #expect(result.chapters.map(\.source.line) == [4, 5])
        #expect(result.chapters.map(\.durationMilliseconds) == [1_520_000, 1_712_500])
        #expect(result.chapters.map(\.hours) == [Hours(hundredths: 50), Hours(hundredths: 50)])
        #expect(result.chapters.map(\.courseID) == ["C001", "C001"])
        #expect(result.chapters.first?.title == "第一讲")

        #expect(result.classes.map(\.id) == ["T2021-07", "T2021-03"])
        #expect(result.classes.map(\.source.line) == [8, 15])
        let online = result.classes[0]
        #expect(online.mode == .online)
        #expect(online.courseIDs == ["C001"])
        #expect(online.memberIDs == ["L0001"])
        #expect(online.requiredHours == Hours(10))
        #expect(online.hasExam)
        #expect(online.start == LocalDate(year: 2021, month: 12, day: 10))
        #expect(online.end == LocalDate(year: 2021, month: 12, day: 31))
        #expect(online.host == "科协系统网上党校")

        let offline = result.classes[1]
        #expect(offline.mode == .offline)
        #expect(!offline.hasExam)
        #expect(offline.location == "北京市海淀区复兴路3号")
        #expect(offline.sessions.map(\.id) == ["S1", "S2"])
        #expect(offline.sessions.map(\.source.line) == [18, 20])
        let first = offline.sessions[0]
        #expect(first.date == LocalDate(year: 2021, month: 6, day: 7))
        #expect(first.start == TimeOfDay(minutes: 9 * 60) && first.end == TimeOfDay(minutes: 12 * 60))
        #expect(first.hours == Hours(3))
        #expect(first.latitude == 39.9075 && first.longitude == 116.2970 && first.radius == 500)
        #expect(offline.sessions[1].hours == Hours(hundredths: 350))
        #expect(offline.sessions[1].latitude == nil)
    }

    @Test func trimsWhiteSpaceFromEveryValue() throws {
        let result = try decode(
            catalog("<course id=\" C1\t\" title=\"\u{3000}课程 一\n\" category=\" business \" subject=\"  \"/>"))
        let course = try #require(result.courses.first)
        #expect(course.id == "C1" && course.title == "课程 一" && course.categoryID == "business")
        #expect(course.subject == nil)
    }

    // MARK: - Courses and chapters

    @Test func courseHoursAreTheSumOfItsChapters() throws {
        let result = try decode(catalog(courseC1))
        #expect(result.courses.first?.hours == Hours(hundredths: 175))
        #expect(result.chapters.map(\.durationMilliseconds) == [600_000, 900_250])
    }

    @Test func courseHoursMismatch() throws {
        let accepted = try decode(catalog(courseC1.replacingOccurrences(of: "category=", with: "hours=\"1.75\" category=")))
        #expect(accepted.courses.count == 1 && accepted.diagnostics.isEmpty)

        let rejected = try decode(catalog(courseC1.replacingOccurrences(of: "category=", with: "hours=\"2\" category=")))
        #expect(codes(rejected) == ["COURSE-HOURS-MISMATCH@2"])
        #expect(rejected.courses.isEmpty && rejected.chapters.isEmpty)
        #expect(rejected.recordsRead["courses"] == 1 && rejected.recordsRead["chapters"] == 2)
    }

    @Test func courseHoursAreCheckedAfterInvalidChaptersAreDropped() throws {
        let body = """
            <course id="C1" title="课程" category="platform-online" hours="1.75">
              <chapter id="C1-1" duration="600" hours="0.5"/>
              <chapter id="C1-2" duration="0" hours="1.25"/>
            </course>
            <course id="C2" title="课程" category="platform-online" hours="0.5">
              <chapter id="C2-1" duration="600" hours="0.5"/>
              <chapter id="C2-2" duration="abc" hours="1.25"/>
            </course>
            """
        let result = try decode(catalog(body))
        #expect(codes(result) == ["BAD-VALUE@4", "COURSE-HOURS-MISMATCH@2", "BAD-VALUE@8"])
        #expect(result.courses.map(\.id) == ["C2"])
        #expect(result.courses.first?.chapterIDs == ["C2-1"])
        #expect(result.chapters.map(\.id) == ["C2-1"])
    }

    @Test func chapterRequiredValues() throws {
        let body = """
            <course id="C1" title="课程" category="platform-online">
              <chapter duration="600" hours="0.5"/>
              <chapter id="C1-2" hours="0.5"/>
              <chapter id="C1-3" duration="600"/>
              <chapter id="C1-4" duration="1.5e3" hours="0.5"/>
              <chapter id="C1-5" duration="600" hours="0.125"/>
              <chapter id="C1-6" duration="0.0019" hours="0"/>
              <chapter id="C1-7" duration="0.0009" hours="0"/>
            </course>
            """
        let result = try decode(catalog(body))
        #expect(codes(result) == ["MISSING-VALUE@3", "MISSING-VALUE@4", "MISSING-VALUE@5", "BAD-VALUE@6", "BAD-VALUE@7", "BAD-VALUE@9"])
        #expect(result.diagnostics.first { $0.line == 6 }?.message.contains("without an exponent") == true)
        // Durations are cut at the millisecond, never rounded: 0.0019 s is 1 ms, 0.0009 s is 0 (not above 0).
        #expect(result.chapters.map(\.id) == ["C1-6"])
        #expect(result.chapters.first?.durationMilliseconds == 1)
    }

    @Test func courseRequiredValues() throws {
        let result = try decode(catalog("<course id=\"C1\" category=\"business\"/>\n<course title=\"x\" category=\"business\"/>\n<course id=\"C3\" title=\"x\"/>"))
        #expect(codes(result) == ["MISSING-VALUE@2", "MISSING-VALUE@3", "MISSING-VALUE@4"])
        #expect(result.courses.isEmpty)
    }

    @Test func unknownCategory() throws {
        let result = try decode(
            catalog(
                "<course id=\"C1\" title=\"x\" category=\"nope\"/>\n<course id=\"C2\" title=\"x\" category=\"business\"/>\n"
                    + offlineClass(sessions: "").replacingOccurrences(of: "party-theory", with: "Party-Theory")))
        #expect(codes(result) == ["UNKNOWN-CATEGORY@2", "UNKNOWN-CATEGORY@4"])
        #expect(result.courses.map(\.id) == ["C2"])
        #expect(result.classes.isEmpty)
    }

    @Test func duplicateIDs() throws {
        let body = """
            <course id="C1" title="a" category="business"><chapter id="X" duration="1" hours="1"/></course>
            <course id="C1" title="b" category="business"/>
            <course id="C2" title="c" category="business"><chapter id="X" duration="1" hours="1"/></course>
            <course id="C3" title="d" category="business"><chapter id="Y" duration="1" hours="1"/><chapter id="Y" duration="1" hours="1"/></course>
            """
        let result = try decode(catalog(body))
        #expect(codes(result) == ["DUPLICATE-ID@3", "DUPLICATE-ID@4", "DUPLICATE-ID@5"])
        #expect(result.courses.map(\.id) == ["C1", "C2", "C3"])
        #expect(result.courses.map(\.title) == ["a", "c", "d"])
        #expect(result.courses.map(\.hours) == [Hours(1), Hours(0), Hours(1)])
        #expect(result.chapters.map(\.id) == ["X", "Y"])
    }

    @Test func aRecordInErrorClaimsNoID() throws {
        let body = """
            <course id="C1" title="a" category="nope"><chapter id="X" duration="1" hours="1"/></course>
            <course id="C1" title="b" category="business"><chapter id="X" duration="1" hours="1"/></course>
            """
        let result = try decode(catalog(body))
        #expect(codes(result) == ["UNKNOWN-CATEGORY@2"])
        #expect(result.courses.map(\.title) == ["b"])
        #expect(result.chapters.map(\.source.line) == [3])
    }

    // MARK: - Classes

    @Test func classModeIgnoresCaseAndMustBeKnown() throws {
        let accepted = try decode(catalog(offlineClass(sessions: "").replacingOccurrences(of: "offline", with: "OffLine")))
        #expect(accepted.classes.first?.mode == .offline)
        let rejected = try decode(catalog(offlineClass(sessions: "").replacingOccurrences(of: "offline", with: "hybrid")))
        #expect(codes(rejected) == ["BAD-VALUE@2"])
        #expect(rejected.classes.isEmpty)
    }

    @Test func classRequiredValues() throws {
        for attribute in ["id", "title", "mode", "category", "start", "end"] {
            let xml = catalog(offlineClass(sessions: "")).replacingOccurrences(of: " \(attribute)=\"", with: " unused-\(attribute)=\"")
            let result = try decode(xml)
            #expect(codes(result) == ["MISSING-VALUE@2"], "\(attribute)")
            #expect(result.classes.isEmpty)
        }
    }

    @Test func classDates() throws {
        let sameDay = try decode(catalog(offlineClass(sessions: "").replacingOccurrences(of: "2021-06-08", with: "2021/6/7")))
        #expect(sameDay.classes.first?.end == LocalDate(year: 2021, month: 6, day: 7))
        #expect(sameDay.diagnostics.isEmpty)
        let rejected = try decode(catalog(offlineClass(sessions: "").replacingOccurrences(of: "2021-06-08", with: "2021-06-06")))
        #expect(codes(rejected) == ["CLASS-DATES@2"])
        #expect(rejected.classes.isEmpty)
    }

    @Test func classOptionalValues() throws {
        let accepted = try decode(catalog(offlineClass(sessions: "", attributes: "exam=\"是\" required-hours=\"7.5\"")))
        #expect(accepted.classes.first?.hasExam == true)
        #expect(accepted.classes.first?.requiredHours == Hours(hundredths: 750))
        let badExam = try decode(catalog(offlineClass(sessions: "", attributes: "exam=\"maybe\"")))
        #expect(codes(badExam) == ["BAD-VALUE@2"])
        let badHours = try decode(catalog(offlineClass(sessions: "", attributes: "required-hours=\"-1\"")))
        #expect(codes(badHours) == ["BAD-VALUE@2"])
    }

    @Test func duplicateClassIDs() throws {
        let body = offlineClass(id: "T1", sessions: "") + "\n" + offlineClass(id: "T1", sessions: "")
        let result = try decode(catalog(body))
        #expect(codes(result) == ["DUPLICATE-ID@5"])
        #expect(result.classes.count == 1)
    }

    @Test func unknownCourse() throws {
        // The class comes first: course references are resolved after the whole document.
        let body = """
            <class id="T1" title="班" mode="online" category="platform-online" start="2021-01-01" end="2021-12-31">
              <course ref="C1"/>
              <course ref="C9"/>
              <course ref="C1"/>
              <course/>
            </class>
            """ + "\n" + courseC1
        let result = try decode(catalog(body))
        #expect(codes(result) == ["MISSING-VALUE@6", "UNKNOWN-COURSE@4"])
        #expect(result.classes.first?.courseIDs == ["C1"])
    }

    @Test func aDroppedCourseIsAnUnknownCourse() throws {
        let body = courseC1.replacingOccurrences(of: "category=", with: "hours=\"9\" category=") + "\n"
            + "<class id=\"T1\" title=\"班\" mode=\"online\" category=\"platform-online\" start=\"2021-01-01\" end=\"2021-12-31\"><course ref=\"C1\"/></class>"
        let result = try decode(catalog(body))
        #expect(codes(result) == ["COURSE-HOURS-MISMATCH@2", "UNKNOWN-COURSE@6"])
        #expect(result.classes.first?.courseIDs == [])
    }

    @Test func unknownMember() throws {
        let members = "<member ref=\"L0001\"/>\n<member ref=\"L9999\"/>"
        let result = try decode(catalog(offlineClass(sessions: members)))
        #expect(codes(result, .warning) == ["UNKNOWN-MEMBER@4"])
        #expect(codes(result).isEmpty)
        #expect(result.classes.first?.memberIDs == ["L0001", "L9999"])
        #expect(result.classes.first?.excludes("L0002") == true)
    }

    @Test func aClassWithoutMembersIsOpenToAll() throws {
        let result = try decode(catalog(offlineClass(sessions: "")))
        #expect(result.classes.first?.memberIDs == [])
        #expect(result.classes.first?.excludes("L0002") == false)
    }

    // MARK: - Sessions

    @Test func sessionTimes() throws {
        let sessions = """
            <session id="S1" date="2021-06-07" start="09:00" end="09:01" hours="0"/>
            <session id="S2" date="2021-06-07" start="09:00" end="09:00" hours="1"/>
            <session id="S3" date="2021-06-07" start="14:00" end="12:00" hours="1"/>
            """
        let result = try decode(catalog(offlineClass(sessions: sessions)))
        #expect(codes(result) == ["SESSION-TIMES@4", "SESSION-TIMES@5"])
        #expect(result.classes.first?.sessions.map(\.id) == ["S1"])
        #expect(result.recordsRead["sessions"] == 3)
    }

    @Test func sessionValues() throws {
        let sessions = """
            <session id="S1" date="2021-06-07" start="09:00" end="10:00" hours="1" lat="-90" lon="180" radius="0"/>
            <session id="S2" date="2021-06-07" start="09:00" end="10:00" hours="1" lat="90.5"/>
            <session id="S3" date="2021-06-07" start="09:00" end="10:00" hours="1" lon="-180.1"/>
            <session id="S4" date="2021-06-07" start="09:00" end="10:00" hours="1" radius="-1"/>
            <session id="S5" date="2021-06-07" start="9:00" end="10:00" hours="1"/>
            <session id="S6" date="2021-13-07" start="09:00" end="10:00" hours="1"/>
            <session id="S7" date="2021-06-07" start="09:00" end="24:00" hours="1"/>
            <session id="S8" date="2021-06-07" start="09:00" end="10:00"/>
            <session id="S9" date="2021-06-07" start="09:00" end="10:00" hours="1" lat="1e2"/>
            """
        let result = try decode(catalog(offlineClass(sessions: sessions)))
        #expect(codes(result) == (4...11).map { $0 == 10 ? "MISSING-VALUE@10" : "BAD-VALUE@\($0)" })
        let session = try #require(result.classes.first?.sessions.first)
        #expect(result.classes.first?.sessions.count == 1)
        #expect(session.latitude == -90 && session.longitude == 180 && session.radius == 0)
    }

    @Test func sessionIDsAreUniqueWithinTheirClass() throws {
        let sessions = """
            <session id="S1" date="2021-06-07" start="09:00" end="08:00" hours="1"/>
            <session id="S1" date="2021-06-07" start="09:00" end="10:00" hours="1"/>
            <session id="S1" date="2021-06-07" start="11:00" end="12:00" hours="1"/>
            """
        let body = offlineClass(id: "T1", sessions: sessions) + "\n"
            + offlineClass(id: "T2", sessions: "<session id=\"S1\" date=\"2021-06-08\" start=\"09:00\" end=\"10:00\" hours=\"1\"/>")
        let result = try decode(catalog(body))
        #expect(codes(result) == ["SESSION-TIMES@3", "DUPLICATE-ID@5"])
        #expect(result.classes.map { $0.sessions.map(\.source.line) } == [[4], [8]])
    }

    // MARK: - Markup

    @Test func unknownElementsAndAttributesAreWarnings() throws {
        let body = """
            <course id="C1" title="x" category="business" colour="red">
              <chapter id="C1-1" duration="60" hours="1" speed="2"/>
              <video/>
            </course>
            <teacher/>
            """ + "\n" + offlineClass(sessions: "<session id=\"S1\" date=\"2021-06-07\" start=\"09:00\" end=\"10:00\" hours=\"1\" room=\"3\"/>\n<member ref=\"L0001\" role=\"x\"/>\n<note/>")
        let result = try decode(catalog(body).replacingOccurrences(of: "<catalog>", with: "<catalog version=\"2\">"))
        #expect(
            codes(result, .warning) == [
                "XML-UNKNOWN-ATTRIBUTE@2", "XML-UNKNOWN-ATTRIBUTE@3", "XML-UNKNOWN-ELEMENT@4", "XML-UNKNOWN-ELEMENT@6",
                "XML-UNKNOWN-ATTRIBUTE@8", "XML-UNKNOWN-ATTRIBUTE@9", "XML-UNKNOWN-ELEMENT@10", "XML-UNKNOWN-ATTRIBUTE@1",
            ])
        #expect(codes(result).isEmpty)
        #expect(result.courses.count == 1 && result.classes.first?.sessions.count == 1)
    }

    @Test func diagnosticsKeepTheRawMarkup() throws {
        let result = try decode(catalog("<course id=\"C1\" title=\"a &amp; b\" category=\"nope\"/>"))
        #expect(result.diagnostics.first?.rawText == "<course id=\"C1\" title=\"a &amp; b\" category=\"nope\">")
        #expect(result.diagnostics.first?.file == "catalog.xml")
    }

    @Test func refusesAnotherRootElement() {
        #expect(throws: InputFailure.self) { try decode("<filings/>") }
    }

    @Test func refusesDoctypesAndMalformedDocuments() {
        for xml in [
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<catalog>&e;</catalog>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE catalog SYSTEM \"http://example.com/catalog.dtd\">\n<catalog/>",
        ] {
            #expect(refusal(xml) == .xmlDoctype)
        }
        #expect(refusal(catalog(courseC1).replacingOccurrences(of: "</course>", with: "</cours>")) == .xmlMalformed)
    }

    private func refusal(_ xml: String) -> DiagnosticCode? {
        do {
            _ = try decode(xml)
            return nil
        } catch {
            return (error as? InputFailure)?.code
        }
    }
}
