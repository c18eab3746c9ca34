import HourbookCore
import Testing

@testable import HourbookRules

@Suite("Reason texts")
struct MessageTextTests {
    /// The plain reading: format with two decimals, then drop trailing zeros and a bare point.
    static func trimmed(_ hundredths: Int64) -> String {
        var text = FixedPoint.format(hundredths, fractionDigits: 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    @Test("Percentages read as the formatted value without trailing zeros, for every threshold")
    func percentages() {
        for hundredths in Int64(-150)...10_000 {
            #expect(ReasonTemplate.percent(hundredths) == Self.trimmed(hundredths), "\(hundredths)")
        }
        #expect(ReasonTemplate.percent(6000) == "60")
        #expect(ReasonTemplate.percent(6050) == "60.5")
        #expect(ReasonTemplate.percent(6005) == "60.05")
        #expect(ReasonTemplate.percent(5) == "0.05")
    }
}
