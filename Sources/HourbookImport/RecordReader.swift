import HourbookCore

/// Reads the fields of one record (a CSV row or an XML element) by name, applying FORMATS.md's
/// value rules, and collects what is wrong instead of throwing: one bad value never hides the next.
///
/// A missing required value, or a malformed value in a field the rules read, is an *error* and
/// marks the record unusable (`hasError`); a malformed value in any other optional field is a
/// *warning* and the field reads as absent.
public struct RecordReader {
    /// Where the record starts.
    public let location: SourceLocation
    /// The record's raw text, kept with every diagnostic about it.
    public var rawText: String { makeRawText() }
    /// Builds the raw text when a diagnostic needs it: most records have none, and joining the
    /// fields of every check-in row cost a tenth of the import's main thread.
    private let makeRawText: () -> String
    /// The configured time zone, for timestamps without an offset.
    public let timezone: UTCOffset
    /// What the record says for a field name, untrimmed; nil when the field does not exist.
    private let lookup: (String) -> Substring?
    /// What kind of record this is, for messages (`learner`, `playback row`, …).
    public let kind: String

    public private(set) var diagnostics: [Diagnostic] = []
    /// Whether an error made the record unusable.
    public private(set) var hasError = false

    public init(
        kind: String, location: SourceLocation, rawText: String, timezone: UTCOffset,
        lookup: @escaping (String) -> Substring?
    ) {
        self.init(kind: kind, location: location, rawText: { rawText }, timezone: timezone, lookup: lookup)
    }

    /// A reader whose raw text is made only if a diagnostic needs it.
    public init(
        kind: String, location: SourceLocation, rawText: @escaping () -> String, timezone: UTCOffset,
        lookup: @escaping (String) -> Substring?
    ) {
        self.kind = kind
        self.location = location
        self.makeRawText = rawText
        self.timezone = timezone
        self.lookup = lookup
    }

    /// The trimmed value of `name`, or nil when absent or empty.
    public func value(_ name: String) -> Substring? {
        guard let raw = lookup(name) else { return nil }
        return Text.value(raw)
    }

    // MARK: - Reporting

    /// Whose record this is, read from the fields that name a learner or a department (nil when
    /// the kind names neither, or the field is absent): what a scoped output filters on.
    public var subject: DiagnosticSubject? {
        func id(_ name: String) -> String? { value(name).flatMap { Text.isValidIdentifier($0) ? String($0) : nil } }
        switch kind {
        case "learner":
            guard let learner = id("learner_id"), let department = id("dept_id") else { return nil }
            return DiagnosticSubject(learnerID: learner, departmentIDs: [department])
        case "department":
            guard let department = id("dept_id") else { return nil }
            return DiagnosticSubject(departmentIDs: [department] + (id("parent_id").map { [$0] } ?? []))
        case "playback row", "check-in", "exam", "filing":
            // filings.xml names the learner in `learner`, the CSV files in `learner_id`.
            guard let learner = id("learner_id") ?? id("learner") else { return nil }
            return DiagnosticSubject(learnerID: learner)
        default:
            return nil
        }
    }

    /// Records an error that makes the record unusable.
    public mutating func error(_ code: DiagnosticCode, _ message: String) {
        hasError = true
        diagnostics.append(
            Diagnostic(
                file: location.file, line: location.line, severity: .error, code: code, message: message,
                rawText: rawText, subject: subject))
    }

    /// Records a warning; the record stays usable.
    public mutating func warning(_ code: DiagnosticCode, _ message: String) {
        diagnostics.append(
            Diagnostic(
                file: location.file, line: location.line, severity: .warning, code: code, message: message,
                rawText: rawText, subject: subject))
    }

    /// A bad value: an error when `isRead` (the rules read the field), else a warning.
    private mutating func bad(_ name: String, _ text: Substring, expected: String, isRead: Bool) {
        if isRead {
            error(.badValue, "\(kind) field '\(name)' has '\(text)', which is not \(expected)")
        } else {
            warning(.badOptionalValue, "\(kind) field '\(name)' has '\(text)', which is not \(expected); it is ignored")
        }
    }

    private mutating func missing(_ name: String) {
        error(.missingValue, "\(kind) has no value for required field '\(name)'")
    }

    // MARK: - Typed fields

    /// A required identifier: non-empty, at most 64 characters.
    public mutating func requiredID(_ name: String) -> String? {
        guard let text = value(name) else { missing(name); return nil }
        guard Text.isValidIdentifier(text) else {
            error(.badIdentifier, "\(kind) field '\(name)' is longer than 64 characters")
            return nil
        }
        return String(text)
    }

    /// An optional identifier (a reference such as parent_id or class).
    public mutating func optionalID(_ name: String) -> String? {
        guard let text = value(name) else { return nil }
        guard Text.isValidIdentifier(text) else {
            error(.badIdentifier, "\(kind) field '\(name)' is longer than 64 characters")
            return nil
        }
        return String(text)
    }

    public mutating func requiredText(_ name: String) -> String? {
        guard let text = value(name) else { missing(name); return nil }
        return String(text)
    }

    public func optionalText(_ name: String) -> String? { value(name).map(String.init) }

    /// An optional text with a length limit in Unicode scalars; longer text is kept whole, with a warning.
    public mutating func limitedText(_ name: String, limit: Int) -> String? {
        guard let text = value(name) else { return nil }
        let count = text.unicodeScalars.count
        if count > limit {
            warning(.textTooLong, "\(kind) field '\(name)' has \(count) characters, more than \(limit); it is kept whole")
        }
        return String(text)
    }

    public mutating func date(_ name: String, required: Bool = false, isRead: Bool = true) -> LocalDate? {
        guard let text = value(name) else {
            if required { missing(name) }
            return nil
        }
        guard let date = LocalDate(parsing: text) else {
            bad(name, text, expected: "a date (YYYY-MM-DD or YYYY/M/D)", isRead: isRead || required)
            return nil
        }
        return date
    }

    public mutating func time(_ name: String, required: Bool = false) -> TimeOfDay? {
        guard let text = value(name) else {
            if required { missing(name) }
            return nil
        }
        guard let time = TimeOfDay(parsing: text) else {
            bad(name, text, expected: "a time of day (HH:MM, 00:00–23:59)", isRead: true)
            return nil
        }
        return time
    }

    public mutating func timestamp(_ name: String, required: Bool = false, isRead: Bool = true) -> Timestamp? {
        guard let text = value(name) else {
            if required { missing(name) }
            return nil
        }
        guard let instant = Timestamp.parse(text, defaultOffset: timezone) else {
            bad(name, text, expected: "a timestamp (YYYY-MM-DDTHH:MM:SS with an optional offset)", isRead: isRead || required)
            return nil
        }
        return instant
    }

    public mutating func hours(_ name: String, required: Bool = false, isRead: Bool = true) -> Hours? {
        guard let text = value(name) else {
            if required { missing(name) }
            return nil
        }
        guard let hours = Hours(parsing: text) else {
            bad(name, text, expected: "hours (0 to 9999999.99, at most two decimals)", isRead: isRead || required)
            return nil
        }
        return hours
    }

    /// Seconds as milliseconds: a plain decimal, 0 or more, whose fraction is kept to the
    /// millisecond and cut there (players log positions as binary floating point:
    /// `179.462432861` is 179,462 ms). A sign or an exponent is refused, with its own words.
    public mutating func milliseconds(_ name: String, required: Bool = false) -> Int64? {
        guard let text = value(name) else {
            if required { missing(name) }
            return nil
        }
        guard let value = FixedPoint.parse(text.utf8, fractionDigits: 3, truncatingExtraDigits: true), !text.hasPrefix("+")
        else {
            bad(name, text, expected: Self.secondsExpectation(text), isRead: true)
            return nil
        }
        return value
    }

    /// What a position or duration must look like, said about what `text` got wrong.
    static func secondsExpectation(_ text: Substring) -> String {
        if text.hasPrefix("-") || text.hasPrefix("+") {
            return "seconds as a plain decimal without a sign (0 or more, e.g. 179.462)"
        }
        if text.contains(where: { $0 == "e" || $0 == "E" }) {
            return "seconds as a plain decimal without an exponent (e.g. 1500, not 1.5e3)"
        }
        return "seconds (a plain decimal, 0 or more, e.g. 179.462)"
    }

    /// A whole number (year, sort order).
    public mutating func integer(_ name: String, required: Bool = false, isRead: Bool = true) -> Int? {
        guard let text = value(name) else {
            if required { missing(name) }
            return nil
        }
        guard let value = FixedPoint.parse(text, fractionDigits: 0, allowsNegative: true), let int = Int(exactly: value)
        else {
            bad(name, text, expected: "a whole number", isRead: isRead || required)
            return nil
        }
        return int
    }

    /// A decimal number such as a latitude, longitude or radius (the only `Double`s: great-circle distance).
    public mutating func coordinate(_ name: String, range: ClosedRange<Double>, isRead: Bool = true) -> Double? {
        guard let text = value(name) else { return nil }
        // Plain decimals only: no exponents, no "nan" or "inf" that Double(_:) would accept.
        guard FixedPoint.parse(text.utf8, fractionDigits: 15, truncatingExtraDigits: true, allowsNegative: true) != nil,
            let number = Double(String(text)), number.isFinite, range.contains(number)
        else {
            bad(name, text, expected: "a decimal number in \(range.lowerBound)…\(range.upperBound)", isRead: isRead)
            return nil
        }
        return number
    }

    public mutating func boolean(_ name: String, isRead: Bool = false) -> Bool? {
        guard let text = value(name) else { return nil }
        guard let value = Text.boolean(text) else {
            bad(name, text, expected: "a boolean (yes/no, true/false, 1/0, 是/否)", isRead: isRead)
            return nil
        }
        return value
    }

    /// An enumerated value, case-insensitive.
    public mutating func enumeration<E: RawRepresentable & CaseIterable>(
        _ name: String, as type: E.Type, required: Bool = false, isRead: Bool = true
    ) -> E? where E.RawValue == String {
        guard let text = value(name) else {
            if required { missing(name) }
            return nil
        }
        guard let value = E(rawValue: text.lowercased()) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            bad(name, text, expected: "one of \(allowed)", isRead: isRead || required)
            return nil
        }
        return value
    }
}
