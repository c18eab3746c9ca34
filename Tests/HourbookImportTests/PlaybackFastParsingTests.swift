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

    @Test func decimalsParseExactlyAsTheSharedParser() {
        let texts = ["0", "1", "1.0", "600.5", ".5", "5.", "-1", "+2", "-0.5", "1.2345", "1.234", "1e3", "", "-", ".",
            "99999999999999999999", "00012.500"]
        for text in texts {
            for negative in [false, true] {
                let bytes = Array(text.utf8)
                let fast = bytes.withUnsafeBufferPointer {
                    PlaybackFastParsing.decimal($0, fractionDigits: 3, allowsNegative: negative)
                }
                let shared = FixedPoint.parse(Substring(text), fractionDigits: 3, allowsNegative: negative)
                #expect(fast == shared, "\(text) \(negative)")
            }
        }
    }

    @Test func byteInternerCacheAgreesWithTheInternerForShortAndLongIds() {
        var interner = Interner()
        var cache = ByteInternerCache()
        let ids = (0..<20_000).map { number in
            number % 3 == 0 ? "一个很长的学员编号-\(number)" : number % 3 == 1 ? "L\(number)" : "0123456789ABCDE\(number % 10)"
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
