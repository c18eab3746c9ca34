import HourbookCore
import Testing

@testable import HourbookRules

@Suite("Rendered reasons")
struct RenderedReasonsTests {
    /// The three outputs that write every entry, each escaping a whole reason as it always has.
    static var outputs: [(name: String, english: Bool, escape: (String) -> [UInt8])] {
        [
            ("HTML zh", false, html), ("HTML en", true, html), ("JSON", true, json), ("CSV", true, CSVWriter.escapedCell),
        ]
    }

    static func html(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        Bytes.appendHTMLEscaped(text, to: &bytes)
        return bytes
    }

    static func json(_ text: String) -> [UInt8] {
        var buffer = ByteBuffer()
        buffer.appendJSONString(text)
        return buffer.bytes
    }

    /// Ids as hostile data gives them: markup, quotes, a formula, a comma, line breaks, a line
    /// separator, a backslash, non-ASCII, and the plain ones most data has.
    static let ids = [
        "CH-001", "c1", "<script>", "a\"b", "=SUM(A1)", "-1", "x,y", "line\nbreak", "cr\r", "tab\t", "sep\u{2028}",
        "back\\slash", "it's", "A&B", "章节一", "", "{chapter}",
    ]

    static var reasons: [Reason] {
        let offset = UTCOffset(minutes: 480)
        let at = Timestamp(millisecondsSinceEpoch: 1_725_152_580_000)
        var reasons: [Reason] = []
        for id in ids {
            for (percent, threshold) in [(UInt8(0), Int32(6000)), (60, 6050), (100, 6005), (59, 5)] {
                // 2.5 hours in the 16-byte case; 30 million hours in the boxed one.
                for hours in [Hours(hundredths: 250), Hours(hundredths: 3_000_000_000)] {
                    reasons.append(
                        Reason(.chapterCredit(Symbol(id), percent: percent, thresholdHundredths: threshold, hours: hours)))
                }
                reasons.append(Reason(.chapterIncomplete(chapter: Symbol(id), thresholdHundredths: threshold, percent: percent)))
            }
            for rule in RuleCode.allCases where rule.family == "P" {
                reasons.append(
                    Reason(.playbackRejected(rule: rule, learnerID: id, courseID: "C" + id, chapterID: id + "2", rate: id, maxRate: "2")))
            }
            for rule in RuleCode.allCases where rule.family == "C" {
                reasons.append(
                    Reason(
                        .checkinRejected(
                            rule: rule, learnerID: id, classID: id, sessionID: "S" + id, at: at, offset: offset, windowMinutes: 30)))
            }
            reasons.append(Reason(chinese: "中文 " + id, english: "English " + id))
        }
        return reasons
    }

    @Test("Every reason reads in each output exactly as its sentence escaped whole, plain values or not")
    func sameBytesAsTheEscapedSentence() {
        for output in Self.outputs {
            var rendered = RenderedReasons(english: output.english, escape: output.escape)
            for reason in Self.reasons {
                let expected = output.escape(output.english ? reason.english : reason.chinese)
                for _ in 0..<2 {  // written, then again (remembered when it is not a sentence)
                    var bytes: [UInt8] = [0x41]
                    rendered.append(reason, to: &bytes)
                    #expect(bytes == [0x41] + expected, "\(output.name): \(reason.english)")
                }
            }
        }
    }

    @Test("A Chinese sentence may name its values in another order than the English one")
    func valuesByName() {
        let reason = Reason(
            .checkinRejected(
                rule: .checkinUnknownSession, learnerID: "L1", classID: "K1", sessionID: "S1",
                at: Timestamp(millisecondsSinceEpoch: 0), offset: UTCOffset(minutes: 480), windowMinutes: 30))
        #expect(reason.english == "Session S1 of class K1 is not in the catalog, or the class is not offline.")
        #expect(reason.chinese == "培训班 K1 的场次 S1 不存在，或该班不是线下培训班。")
    }

    @Test("Only texts that no output escapes are plain")
    func plainTexts() {
        #expect(RenderedReasons.isPlain("CH-001"))
        #expect(RenderedReasons.isPlain("章节一"))
        for hostile in ["<", "\"", "'", "&", ">", "\\", ",", "\n", "\r", "\t", "\u{2028}", "\u{7F}"] {
            #expect(!RenderedReasons.isPlain("a" + hostile), "\(hostile.unicodeScalars.first!.value)")
        }
    }
}
