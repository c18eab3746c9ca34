import HourbookCore
import Testing
@testable import HourbookImport

@Suite struct PlaybackFastParsingTests {
    static let timestamps = [
        "2021-06-01T09:00:00", "2021-06-01 09:00:00", "2021-06-01t09:00:00", "2021-06-01T09:00:00Z",
        "2021-06-01T09:00:00z", "2021-06-01T09:00:00.5", "2021-06-01T09:00:00.25+08:00", "2021-06-01T09:00:00.123456-05:30",
        "2020-02-29T23:59:59+00:00", "2021-02-29T00:00:00", "2021-06-01T24:00:00", "2021-06-01T09:60:00",
        "2021-06-01T09:00:00.", "2021-06-01T09:00:00+8:00", "2021-06-01T09:00:00+08:60", "2021-06-01T09:00:00+0800",
        "2021-06-01T09:00", "2021/06/01T09:00:00", "2021-06-01X09:00:00", "abcd-06-01T09:00:00", "2021-06-01T09:00:00ZZ",
    ]

    @Test func timestampsParseExactlyAsTheSharedParser() {
        for text in Self.timestamps {
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { PlaybackFastParsing.timestamp($0, defaultOffset: .china) }
            let shared = Timestamp.parse(Substring(text), defaultOffset: .china)?.millisecondsSinceEpoch
            #expect(fast == shared, "\(text)")
        }
        #expect(Timestamp.parse(Substring("2021-06-01T09:00:00"), defaultOffset: .china) != nil)
    }

    @Test func aRememberedDateChangesNoTimestamp() {
        // Each text read after every other one, so every date follows every date (and every bad text).
        for first in Self.timestamps {
            for text in Self.timestamps {
                var lastDate = PlaybackFastParsing.LastDate()
                let remembered = [first, text].map { text in
                    Array(text.utf8).withUnsafeBufferPointer {
                        PlaybackFastParsing.timestamp($0, defaultOffset: .china, lastDate: &lastDate)
                    }
                }
                let shared = Timestamp.parse(Substring(text), defaultOffset: .china)?.millisecondsSinceEpoch
                #expect(remembered[1] == shared, "\(text) after \(first)")
            }
        }
    }

    @Test func positionsParseExactlyAsTheRecordReader() {
        let texts = ["0", "1", "1.0", "600.5", ".5", "5.", "-1", "+2", "-0.5", "1.2345", "1.234", "1e3", "", "-", ".",
            "99999999999999999999", "00012.500", "179.462432861", "179.4629999", "0.0009", "9223372036854775.807",
            "9223372036854775.808", "1,5"]
        for text in texts {
            let fast = Array(text.utf8).withUnsafeBufferPointer { PlaybackFastParsing.milliseconds($0) }
            var record = RecordReader(kind: "row", location: SourceLocation(file: "f", line: 1), rawText: text, timezone: .china) { _ in Substring(text) }
            #expect(fast == record.milliseconds("pos"), "\(text)")
        }
        #expect(Array("179.462432861".utf8).withUnsafeBufferPointer { PlaybackFastParsing.milliseconds($0) } == 179_462)
    }

    @Test func rateNormalizationMatchesTheParsedRatesText() {
        let texts = ["1", "1.0", "01.000", "+1.5", "-0.5", "-0", "-0.000", "0", ".5", "0.50", "5.", "1e3", "", "-", ".",
            "1.20000004768", "1.2000000476837158203125", "000", "2.00000000000000000000000001", "1,5", "nan", "١"]
        for text in texts {
            var normalized: [UInt8] = []
            let isRate = Array(text.utf8).withUnsafeBufferPointer { PlaybackRate.normalize($0, into: &normalized) }
            let parsed = PlaybackRate(parsing: text)
            #expect(isRate == (parsed != nil), "\(text)")
            if isRate { #expect(String(decoding: normalized, as: UTF8.self) == parsed?.description, "\(text)") }
        }
    }

    @Test func byteInternerCacheAgreesWithTheInternerForShortAndLongIds() {
        var interner = Interner()
        var cache = ByteInternerCache()
        // Long (over 16 bytes), short, exactly 16 and 17 bytes, and the empty id; enough to grow
        // the table from 64 slots past 32,768.
        let ids = [""] + (0..<30_000).map { number in
            switch number % 4 {
            case 0: "一个很长的学员编号-\(number)"
            case 1: "L\(number)"
            case 2: "0123456789ABCDE\(number % 10)"
            default: "0123456789ABCDEF\(number % 10)"
            }
        }
        for round in 0..<2 {
            for id in ids {
                let key = Array(id.utf8).withUnsafeBufferPointer { cache.key($0, in: &interner) }
                #expect(interner[key] == id)
                // The same id again at once takes the last-id shortcut.
                #expect(Array(id.utf8).withUnsafeBufferPointer { cache.key($0, in: &interner) } == key)
                if round == 1 { #expect(interner.existingKey(id) == key) }
            }
        }
        #expect(interner.count == Set(ids).count)
    }
}
