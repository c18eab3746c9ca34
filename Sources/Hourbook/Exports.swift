import Foundation
import HourbookCore
import HourbookRules

/// The machine-readable exports of OUTPUTS.md (`DIR/exports/`): hours.csv, learners.csv,
/// departments.csv, ledger.jsonl and diagnostics.csv, with their fixed columns and orders.
public enum Exports {
    /// Writes every export into `folder/exports`; with `inputs`, also inputs.csv (each input file's digest).
    public static func write(
        dataset: Dataset, ledger: Ledger, tally: Tally, inputs: [InputFileDigest]? = nil, to folder: String
    ) throws {
        let exports = folder + "/exports"
        try FileWriter.makeFolder(exports)
        try write(hoursCSV(dataset: dataset, tally: tally), to: exports + "/hours.csv")
        try write(learnersCSV(dataset: dataset, tally: tally), to: exports + "/learners.csv")
        try write(departmentsCSV(dataset: dataset, tally: tally), to: exports + "/departments.csv")
        try writeLedgerJSONL(ledger, to: exports + "/ledger.jsonl")
        try write(diagnosticsCSV(dataset.diagnostics, outsideScope: dataset.diagnosticsOutsideScope), to: exports + "/diagnostics.csv")
        if let inputs { try write(InputInventory.csv(inputs), to: exports + "/inputs.csv") }
    }

    /// Non-zero credited hours of active learner-years in reported years, by learner, year, category order.
    public static func hoursCSV(dataset: Dataset, tally: Tally) -> [UInt8] {
        var csv = CSVWriter()
        csv.row(["learner_id", "year", "category_id", "hours"])
        for item in tally.learnerYears {
            for category in dataset.settings.categories {
                guard let hours = item.hoursByCategory[category.id], !hours.isZero else { continue }
                csv.row([item.learnerID, String(item.year), category.id, hours.description])
            }
        }
        return csv.bytes
    }

    /// Every active learner in every reported year.
    public static func learnersCSV(dataset: Dataset, tally: Tally) -> [UInt8] {
        let learners = Dictionary(dataset.learners.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var csv = CSVWriter()
        csv.row([
            "learner_id", "name", "dept_id", "year", "online_hours", "offline_hours", "total_hours", "required_hours",
            "status",
        ])
        for item in tally.learnerYears {
            let learner = learners[item.learnerID]
            csv.row([
                item.learnerID, learner?.name ?? "", learner?.departmentID ?? "", String(item.year),
                item.onlineHours.description, item.offlineHours.description, item.totalHours.description,
                item.requirement.total.description, item.status.rawValue,
            ])
        }
        return csv.bytes
    }

    /// Every department in every reported year, empty ones included.
    public static func departmentsCSV(dataset: Dataset, tally: Tally) -> [UInt8] {
        let names = Dictionary(dataset.departments.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var csv = CSVWriter()
        csv.row([
            "dept_id", "name", "year", "learners", "met", "total_hours", "average_hours", "subtree_learners",
            "subtree_met", "subtree_total_hours",
        ])
        for item in tally.departmentYears {
            csv.row([
                item.departmentID, names[item.departmentID] ?? "", String(item.year), String(item.learners),
                String(item.met), item.totalHours.description, item.averageHours.description,
                String(item.subtreeLearners), String(item.subtreeMet), item.subtreeTotalHours.description,
            ])
        }
        return csv.bytes
    }

    /// One JSON object per ledger entry, in the ledger's export order.
    public static func ledgerJSONL(_ ledger: Ledger) -> [UInt8] {
        var buffer = ByteBuffer()
        var lines = LedgerLines()
        ledger.entries.withUnsafeBufferPointer { entries in
            for index in entries.indices { lines.append(entries.baseAddress! + index, to: &buffer) }
        }
        return buffer.bytes
    }

    /// ledger.jsonl, rendered on every core and streamed to disk (millions of lines).
    static func writeLedgerJSONL(_ ledger: Ledger, to path: String) throws {
        try ChunkedWriter.write(count: ledger.entries.count, to: path, makeRenderer: { LedgerLines() }) {
            lines, range, buffer in
            ledger.entries.withUnsafeBufferPointer { entries in
                for index in range { lines.append(entries.baseAddress! + index, to: &buffer) }
            }
        }
    }
}

/// The lines of ledger.jsonl:
/// `{"learner_id":…,"year":…,"rule":…,"status":…,"hours":"2.50","cut_hours":"0.00",
/// "source":{"kind":…,"id":…,"file":…,"line":…},"date":…,"category_id":…,"message":…}`.
///
/// A renderer writes the messages (`RenderedReasons`): the common sentences straight into the
/// line, the others rendered once and remembered (rendering each reason as a `String` took over
/// half of the stage).
struct LedgerLines {
    /// Each reason's message (its English sentence) as a JSON string literal.
    private var messages = RenderedReasons(english: true) { message in
        var literal = ByteBuffer()
        literal.appendJSONString(message)
        return literal.bytes
    }

    /// Appends the line of the entry at `entry`. Fields are read through the pointer: a copy
    /// of the entry would retain each of its texts, on every line.
    mutating func append(_ entry: UnsafePointer<LedgerEntry>, to buffer: inout ByteBuffer) {
        buffer.appendLiteral("{\"learner_id\":")
        buffer.appendJSONString(entry.pointee.learnerID)
        buffer.appendLiteral(",\"year\":")
        if let year = entry.pointee.year { buffer.append(year) } else { buffer.appendLiteral("null") }
        buffer.appendLiteral(",\"rule\":\"")
        buffer.append(entry.pointee.rule.rawValue)
        buffer.appendLiteral("\",\"status\":\"")
        buffer.append(entry.pointee.status.rawValue)
        buffer.appendLiteral("\",\"hours\":\"")
        buffer.append(entry.pointee.hours)
        buffer.appendLiteral("\",\"cut_hours\":\"")
        buffer.append(entry.pointee.cutHours)
        buffer.appendLiteral("\",\"source\":{\"kind\":\"")
        buffer.append(entry.pointee.source.kind.rawValue)
        buffer.appendLiteral("\",\"id\":")
        buffer.appendJSONString(entry.pointee.source.id)
        buffer.appendLiteral(",\"file\":")
        buffer.appendJSONString(entry.pointee.source.file)
        buffer.appendLiteral(",\"line\":")
        buffer.append(entry.pointee.source.line)
        buffer.appendLiteral("},\"date\":")
        if let date = entry.pointee.date {
            buffer.appendLiteral("\"")
            buffer.append(date)
            buffer.appendLiteral("\"")
        } else {
            buffer.appendLiteral("null")
        }
        buffer.appendLiteral(",\"category_id\":")
        if let category = entry.pointee.categoryID { buffer.appendJSONString(category) } else { buffer.appendLiteral("null") }
        buffer.appendLiteral(",\"message\":")
        messages.append(entry.pointee.reason, to: &buffer.bytes)
        buffer.appendLiteral("}\n")
    }
}

extension ByteBuffer {
    /// Appends a literal's bytes. A literal passed to the overloaded `append` takes the `String`
    /// overload (the default literal type), a call into HourbookCore that copies the string and
    /// asks for its UTF-8: the ledger lines' dozen keys and punctuation cost 17 % of rendering
    /// them (perf, 20,000 learners).
    @inline(__always)
    fileprivate mutating func appendLiteral(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }
}

extension Exports {
    /// Every diagnostic, by file (code point order), then line, in the order found. A scoped
    /// output counts the diagnostics it leaves out in one first row (no file, line 0, code
    /// `OUTSIDE-SCOPE`).
    public static func diagnosticsCSV(_ diagnostics: [Diagnostic], outsideScope: Int = 0) -> [UInt8] {
        var csv = CSVWriter()
        csv.row(["file", "line", "severity", "code", "message"])
        if outsideScope > 0 {
            csv.row(["", "0", Severity.info.rawValue, "OUTSIDE-SCOPE", "\(outsideScope) problems outside this scope"])
        }
        for diagnostic in sortedDiagnostics(diagnostics) {
            csv.row([
                diagnostic.file, String(diagnostic.line), diagnostic.severity.rawValue, diagnostic.code.rawValue,
                diagnostic.message,
            ])
        }
        return csv.bytes
    }

    /// Diagnostics by file, then line; a stable sort keeps the order found within a line.
    public static func sortedDiagnostics(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            if a.element.file != b.element.file { return CodePoint.less(a.element.file, b.element.file) }
            if a.element.line != b.element.line { return a.element.line < b.element.line }
            return a.offset < b.offset
        }.map(\.element)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try FileWriter.write(bytes, to: path)
    }
}

