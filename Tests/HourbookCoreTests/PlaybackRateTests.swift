import Testing
@testable import HourbookCore

@Suite struct PlaybackRateTests {
    func rate(_ text: String) -> PlaybackRate { PlaybackRate(parsing: text)! }

    @Test func equalValuesWrittenDifferentlyAreOneRate() {
        #expect(rate("1") == rate("1.0"))
        #expect(rate("01.500") == rate("1.5"))
        #expect(rate("+1.5") == rate("1.5"))
        #expect(rate("-0") == rate("0.000"))
        #expect(rate(".5").description == "0.5")
        #expect(rate("1.2000000476837158203125").description == "1.2000000476837158203125")
        #expect(rate("1.0") .hashValue == rate("1").hashValue)
    }

    @Test func malformedTextsAreNoRate() {
        for text in ["", "-", ".", "5.", "1e3", "1.2E0", "1,5", "nan", "inf", "0x1p0", " 1", "1 ", "--1"] {
            #expect(PlaybackRate(parsing: text) == nil, "\(text)")
        }
    }

    @Test func orderIsExactAtAnyNumberOfDigits() {
        let ascending = [
            "-2", "-1.20000004768", "-1.2", "-0.5", "0", "0.00000000000000000000001", "1", "1.19999999999999999999",
            "1.2", "1.20000000000000000001", "1.20000004768", "2", "10", "100000000000000000000000",
        ].map(rate)
        for (index, a) in ascending.enumerated() {
            for (other, b) in ascending.enumerated() {
                #expect((a < b) == (index < other), "\(a) < \(b)")
            }
        }
    }

    @Test func positiveMeansAboveZero() {
        #expect(rate("0.00000000000000000000001").isPositive)
        #expect(!rate("0").isPositive)
        #expect(!rate("-0.5").isPositive)
    }

    @Test func theShortPathAndTheLongDivisionAgree() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let mantissa = Int64.random(in: 1...999_999_999, using: &generator)
            let scale = Int.random(in: 0...9, using: &generator)
            var digits = String(mantissa)
            if scale > 0 {
                digits = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
                digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
            }
            let r = rate(digits)
            let wall = Int64.random(in: 0...10_000_000, using: &generator)
            // Content near rate × wall, where the answer flips.
            let product = Double(mantissa) / pow10(scale) * Double(wall)
            let content = max(0, Int64(product) + Int64.random(in: -2...2, using: &generator))
            #expect(r.exceeds(content: content, wall: wall) == r.exceedsByLongDivision(content: content, wall: wall), "\(digits) \(content) \(wall)")
        }
    }

    @Test func aLongRateIsComparedToItsLastDigit() {
        // 720 000 ms against 1.2 ± 10^-20 × 600 000 ms.
        #expect(!rate("1.20000000000000000001").exceeds(content: 720_000, wall: 600_000))
        #expect(rate("1.19999999999999999999").exceeds(content: 720_000, wall: 600_000))
        #expect(!rate("1.20000000000000000000000000000000000000000000001").exceeds(content: 720_000, wall: 600_000))
        #expect(rate("1.19999999999999999999999999999999999999999999999").exceeds(content: 720_000, wall: 600_000))
        #expect(!rate("1.2").exceeds(content: 720_000, wall: 600_000))
        #expect(rate("0.0000000000000000000000001").exceeds(content: 1, wall: 1_000_000_000))
        #expect(!rate("1000000000000000000000000").exceeds(content: 1_000_000_000, wall: 1))
        #expect(rate("1.5").exceeds(content: 1, wall: 0))
        #expect(!rate("1.5").exceeds(content: 0, wall: 0))
    }

    private func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }
}
