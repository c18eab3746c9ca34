import HourbookCore
import Testing

@testable import HourbookImport

/// FORMATS.md's example filings, line for line.
private let exampleFilings = """
    <filings>
      <filing id="F-2021-0001" learner="L0001" year="2021" type="onsite"
              status="approved" approved-hours="8" submitted-at="2021-11-02T10:00:00+08:00"
              reviewed-at="2021-11-05T16:20:00+08:00" reviewer="组织人事部">
        <name>全国科技工作者日主题报告会</name>
        <category>academic</category>
        <subject>业务培训</subject>
        <start>2021-05-30</start>
        <end>2021-05-30</end>
        <requested-hours>8</requested-hours>
        <host>中国科协</host>
        <contact>王敏</contact>
        <contact-phone>010-68571234</contact-phone>
        <location>北京</location>
        <cost>0.2</cost>
        <purpose>……</purpose>
        <content>……</content>
        <attachment path="attachments/L0001/notice.pdf"/>
        <attachment path="attachments/L0001/certificate.jpg" sha256="9f86d0…"/>
      </filing>
      <filing id="F-2021-0107" learner="L0002" year="2021" type="makeup" class="T2021-03"
              status="approved" submitted-at="2021-12-20T09:00:00+08:00">
        <attachment path="attachments/L0002/makeup-proof.pdf"/>
      </filing>
    </filings>
    """

private func decode(_ xml: String, settings: Settings = Settings()) throws -> FilingsDecoding {
    try FilingsXMLDecoder.decode(Array(xml.utf8), file: "filings.xml", settings: settings)
}

/// A document of one filing, on line 2, with `attributes` and `children`.
private func filing(_ attributes: String = "", _ children: String = "") -> String {
    "<filings>\n<filing id=\"F1\" learner=\"L1\" type=\"online\" \(attributes)>\(children)</filing>\n</filings>"
}

private func codes(_ result: FilingsDecoding, _ severity: Severity = .error) -> [String] {
    result.diagnostics.filter { $0.severity == severity }.map { "\($0.code.rawValue)@\($0.line)" }
}

private func instant(_ text: String) -> Timestamp? { Timestamp.parse(Substring(text), defaultOffset: .china) }

struct XMLFilingsTests {
    @Test func readsTheExampleWithExactLines() throws {
        let result = try decode(exampleFilings)
        #expect(result.diagnostics.isEmpty)
        #expect(result.recordsRead == ["filings": 2])
        #expect(result.filings.map(\.source) == [
            SourceLocation(file: "filings.xml", line: 2), SourceLocation(file: "filings.xml", line: 21),
        ])

        let onsite = result.filings[0]
        #expect(onsite.id == "F-2021-0001" && onsite.learnerID == "L0001" && onsite.year == 2021)
        #expect(onsite.type == .onsite && onsite.status == .approved)
        #expect(onsite.approvedHours == Hours(8) && onsite.requestedHours == Hours(8))
        #expect(onsite.submittedAt == instant("2021-11-02T10:00:00+08:00"))
        #expect(onsite.reviewedAt == instant("2021-11-05T08:20:00Z"))
        #expect(onsite.reviewer == "组织人事部")
        #expect(onsite.name == "全国科技工作者日主题报告会")
        #expect(onsite.categoryID == "academic" && onsite.subject == "业务培训")
        #expect(onsite.start == LocalDate(year: 2021, month: 5, day: 30) && onsite.end == onsite.start)
        #expect(onsite.host == "中国科协" && onsite.contact == "王敏" && onsite.contactPhone == "010-68571234")
        #expect(onsite.location == "北京" && onsite.cost == "0.2")
        #expect(onsite.purpose == "……" && onsite.content == "……")
        #expect(onsite.classID == nil)
        #expect(onsite.attachments == [
            Attachment(path: "attachments/L0001/notice.pdf"),
            Attachment(path: "attachments/L0001/certificate.jpg", sha256: "9f86d0…"),
        ])

        let makeup = result.filings[1]
        #expect(makeup.type == .makeup && makeup.classID == "T2021-03" && makeup.status == .approved)
        #expect(makeup.name == nil && makeup.approvedHours == nil && makeup.reviewedAt == nil)
        #expect(makeup.attachments.map(\.path) == ["attachments/L0002/makeup-proof.pdf"])
    }

    @Test func statusDefaultsToPendingAndEnumerationsIgnoreCase() throws {
        let pending = try decode(filing())
        #expect(pending.filings.first?.status == .pending)
        let upper = try decode(filing().replacingOccurrences(of: "online", with: "ONLINE") + "")
        #expect(upper.filings.first?.type == .online)
        let rejected = try decode(filing("status=\"Rejected\""))
        #expect(rejected.filings.first?.status == .rejected)
    }

    @Test func trimsTextAndTimestampsUseTheConfiguredZone() throws {
        var settings = Settings()
        settings.timezone = UTCOffset(minutes: 0)
        let result = try decode(filing("submitted-at=\" 2021-11-02 10:00:00.1234 \"", "<name>\n  报告会\u{3000}\n</name><host>  </host>"), settings: settings)
        let filing = try #require(result.filings.first)
        #expect(filing.name == "报告会" && filing.host == nil)
        #expect(filing.submittedAt == instant("2021-11-02T10:00:00.123Z"))
    }

    @Test func missingValue() throws {
        let xml = "<filings>\n<filing learner=\"L1\" type=\"online\"/>\n<filing id=\"F2\" type=\"online\"/>\n<filing id=\"F3\" learner=\"L1\"/>\n</filings>"
        let result = try decode(xml)
        #expect(codes(result) == ["MISSING-VALUE@2", "MISSING-VALUE@3", "MISSING-VALUE@4"])
        #expect(result.filings.isEmpty)
        #expect(result.recordsRead["filings"] == 3)
    }

    @Test func badValue() throws {
        let bad = [
            ("year=\"2021a\"", ""), ("year=\"0\"", ""), ("type=\"external\"", ""), ("status=\"done\"", ""),
            ("approved-hours=\"1.234\"", ""), ("submitted-at=\"2021-11-02\"", ""), ("reviewed-at=\"yesterday\"", ""),
            ("", "<start>2021-02-30</start>"), ("", "<end>30/05/2021</end>"), ("", "<requested-hours>-8</requested-hours>"),
        ]
        for (attributes, children) in bad {
            let xml = filing(attributes, children).replacingOccurrences(of: "type=\"online\" type=", with: "type=")
            let result = try decode(xml)
            #expect(codes(result) == ["BAD-VALUE@2"], "\(attributes)\(children)")
            #expect(result.filings.isEmpty)
        }
    }

    @Test func badOptionalValueForCost() throws {
        let result = try decode(filing("", "<cost>两千元</cost>"))
        #expect(codes(result).isEmpty)
        #expect(codes(result, .warning) == ["BAD-OPTIONAL-VALUE@2"])
        #expect(result.filings.count == 1)
        #expect(result.filings.first?.cost == nil)
        #expect(try decode(filing("", "<cost>1.5</cost>")).filings.first?.cost == "1.5")
    }

    @Test func textTooLong() throws {
        let atLimit = String(repeating: "学", count: 300)
        let accepted = try decode(filing("", "<purpose>\(atLimit)</purpose><content>\(atLimit)</content>"))
        #expect(accepted.diagnostics.isEmpty)
        let long = atLimit + "时"
        let warned = try decode(filing("", "<purpose>\(long)</purpose>\n<content>\(long)</content>"))
        #expect(codes(warned, .warning) == ["TEXT-TOO-LONG@2", "TEXT-TOO-LONG@2"])
        #expect(warned.filings.first?.purpose == long && warned.filings.first?.content == long)
    }

    @Test func duplicateID() throws {
        let xml = """
            <filings>
            <filing id="F1" learner="L1" type="nope"/>
            <filing id="F1" learner="L1" type="online"/>
            <filing id="F1" learner="L2" type="online"/>
            </filings>
            """
        let result = try decode(xml)
        #expect(codes(result) == ["BAD-VALUE@2", "DUPLICATE-ID@4"])
        #expect(result.filings.map(\.learnerID) == ["L1"])
        #expect(result.filings.first?.source.line == 3)
    }

    @Test func fieldsFollowTheExampleAndUnknownOnesWarn() throws {
        let xml = filing("name=\"报告会\" colour=\"red\"", "\n<year>2021</year>\n<name>报告会</name>\n<name>另一个</name>\n<host unit=\"x\">中国科协</host>\n<attachment path=\"a.pdf\" size=\"3\"/>")
        let result = try decode(xml)
        #expect(codes(result).isEmpty)
        #expect(
            codes(result, .warning) == [
                "XML-UNKNOWN-ATTRIBUTE@2", "XML-UNKNOWN-ATTRIBUTE@2", "XML-UNKNOWN-ELEMENT@3", "XML-UNKNOWN-ELEMENT@5",
                "XML-UNKNOWN-ATTRIBUTE@6", "XML-UNKNOWN-ATTRIBUTE@7",
            ])
        let read = try #require(result.filings.first)
        #expect(read.name == "报告会" && read.year == nil && read.host == "中国科协")
        #expect(read.attachments == [Attachment(path: "a.pdf")])
    }

    @Test func anAttachmentWithoutPathIsKeptForTheRules() throws {
        let result = try decode(filing("", "<attachment/><attachment path=\"  \" sha256=\"AB\"/>"))
        #expect(result.diagnostics.isEmpty)
        #expect(result.filings.first?.attachments == [Attachment(path: ""), Attachment(path: "", sha256: "AB")])
    }

    @Test func unknownElementsInTheRootWarn() throws {
        let result = try decode("<filings>\n<note/>\n</filings>")
        #expect(codes(result, .warning) == ["XML-UNKNOWN-ELEMENT@2"])
    }

    @Test func cdataIsText() throws {
        let result = try decode(filing("", "<name><![CDATA[A & <B>]]></name>"))
        #expect(result.filings.first?.name == "A & <B>")
    }

    @Test func refusesDoctypesAndMalformedDocuments() {
        let refusals: [(String, DiagnosticCode)] = [
            ("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<filings>&e;</filings>", .xmlDoctype),
            ("<!DOCTYPE filings SYSTEM \"http://example.com/f.dtd\">\n<filings/>", .xmlDoctype),
            ("<filings>\n<filing id=\"F1\" id=\"F2\"/>\n</filings>", .xmlMalformed),
            ("<filings>\n<filing id=\"F1\">\n</filings>", .xmlMalformed),
        ]
        for (xml, code) in refusals {
            do {
                _ = try decode(xml)
                Issue.record("\(xml) was read")
            } catch {
                #expect((error as? InputFailure)?.code == code)
            }
        }
    }
}
