import HourbookCore

/// HTML written straight into UTF-8 bytes, as Plot separates `.raw` from `.text`: `raw` for
/// our own markup and labels, `text` for anything from the data (escaped). A build writes tens
/// of thousands of certificates; building them as `String`s cost most of the stage.
struct HTMLBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ markup: String) { Bytes.append(markup, to: &bytes) }

    /// Text from the data, escaped.
    mutating func text(_ text: String) { Bytes.appendHTMLEscaped(text, to: &bytes) }

    /// `12.50`.
    mutating func raw(_ hours: Hours) { Bytes.append(hours, to: &bytes) }

    /// A year or any other decimal integer.
    mutating func raw(_ number: Int) { Bytes.appendDecimal(Int64(number), to: &bytes) }

    /// `2024-12-20`.
    mutating func raw(_ date: LocalDate) { Bytes.append(date, to: &bytes) }
}
